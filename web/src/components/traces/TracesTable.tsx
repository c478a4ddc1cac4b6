import { Link } from "react-router-dom";
import type { TraceSummary } from "../../api/types";
import { formatAgo, formatDuration, formatTime, formatTokens, shortId } from "../../model/format";
import type { TraceFilters } from "../../model/filters";
import { AgentChip, FailureBadge, StatusBadge } from "../Badges";
import { Cost } from "../Cost";

export interface TracesTableProps {
  traces: TraceSummary[];
  sort: TraceFilters["sort"];
  order: TraceFilters["order"];
  onSort: (sort: TraceFilters["sort"]) => void;
  onFailureMode?: (mode: string) => void;
  fresh?: ReadonlySet<string>;
  now?: number;
}

function SortHeader({ label, field, sort, order, onSort }: { label: string; field: TraceFilters["sort"]; sort: string; order: string; onSort: (f: TraceFilters["sort"]) => void }) {
  const active = sort === field;
  return (
    <th aria-sort={active ? (order === "asc" ? "ascending" : "descending") : "none"} className="num">
      <button type="button" className="th-sort" onClick={() => onSort(field)}>
        {label}
        <span aria-hidden="true">{active ? (order === "asc" ? " ▲" : " ▼") : ""}</span>
      </button>
    </th>
  );
}

export function TracesTable({ traces, sort, order, onSort, onFailureMode, fresh, now }: TracesTableProps) {
  return (
    <table className="traces-table">
      <thead>
        <tr>
          <th>Status</th>
          <th>Name</th>
          <th>Framework</th>
          <th>Agents</th>
          <th>Failure modes</th>
          <SortHeader label="Start" field="start_time" sort={sort} order={order} onSort={onSort} />
          <SortHeader label="Duration" field="duration" sort={sort} order={order} onSort={onSort} />
          <SortHeader label="Tokens" field="tokens" sort={sort} order={order} onSort={onSort} />
          <SortHeader label="Cost" field="cost" sort={sort} order={order} onSort={onSort} />
        </tr>
      </thead>
      <tbody>
        {traces.map((t) => {
          const agents = t.agents ?? [];
          return (
            <tr key={t.trace_id} className={fresh?.has(t.trace_id) ? "row-fresh" : undefined} data-trace-id={t.trace_id}>
              <td><StatusBadge status={t.status} /></td>
              <td className="cell-name" title={t.name ?? undefined}>
                <Link to={`/traces/${t.trace_id}`} className="trace-link">{t.name || "(unnamed)"}</Link>
                <span className="muted mono"> {shortId(t.trace_id)}</span>
                {t.human_verdict ? <span className={`verdict verdict-${t.human_verdict}`}>{t.human_verdict}</span> : null}
              </td>
              <td>{t.framework ?? <span className="muted">—</span>}</td>
              <td className="cell-agents">
                {agents.slice(0, 3).map((a) => <AgentChip key={a} name={a} order={agents} />)}
                {agents.length > 3 ? <span className="muted"> +{agents.length - 3}</span> : null}
              </td>
              <td className="cell-modes">
                {(t.failure_modes ?? []).map((m) => (
                  <FailureBadge key={m} mode={m} onClick={onFailureMode ? () => onFailureMode(m) : undefined} />
                ))}
                {t.analysis_state && t.analysis_state !== "done" && !(t.failure_modes ?? []).length ? (
                  <span className="muted small">{t.analysis_state === "failed" ? "analysis failed" : "analysing…"}</span>
                ) : null}
              </td>
              <td className="num" title={formatTime(t.start_time)}>{formatAgo(t.start_time, now)}</td>
              <td className="num">{formatDuration(t.duration_ms)}</td>
              <td className="num">{formatTokens(t.total_tokens)}</td>
              <td className="num"><Cost usd={t.cost_usd} unpriced={t.unpriced_llm_spans} /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
