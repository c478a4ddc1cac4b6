import { Link } from "react-router-dom";
import type { SessionSummary } from "../../api/types";
import { formatAgo, formatDuration, formatTime, formatTokens } from "../../model/format";
import { previewText, sessionPath } from "../../model/sessions";
import { Cost } from "../Cost";
import { AgentChip, FailureBadge, StatusBadge } from "../Badges";

export interface SessionsTableProps {
  sessions: SessionSummary[];
  /** Show the project column (when the list spans several projects). */
  showProject?: boolean;
  now?: number;
}

/** Sessions, last activity first: what each began with, its runs, agents and failures. */
export function SessionsTable({ sessions, showProject = true, now }: SessionsTableProps) {
  return (
    <table className="sessions-table">
      <thead>
        <tr>
          <th>Status</th>
          <th>Session</th>
          {showProject ? <th>Project</th> : null}
          <th className="num">Runs</th>
          <th>Agents</th>
          <th>Failure modes</th>
          <th className="num">Last activity</th>
          <th className="num">Span</th>
          <th className="num">Tokens</th>
          <th className="num">Cost</th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => {
          const began = previewText(s.first_input, "input");
          return (
            <tr key={`${s.project}\u0000${s.session_id}`} data-session-id={s.session_id}>
              <td><StatusBadge status={s.status} /></td>
              <td className="cell-session">
                <Link to={sessionPath(s.session_id, s.project)} className="trace-link mono">{s.session_id}</Link>
                {began ? <div className="muted small session-began" title={began}>{began}</div> : null}
              </td>
              {showProject ? <td>{s.project}</td> : null}
              <td className="num">
                {s.trace_count}
                {s.error_count ? <span className="err-count" title={`${s.error_count} failed`}> ({s.error_count} failed)</span> : null}
              </td>
              <td className="cell-agents">
                {s.agents.slice(0, 3).map((a) => <AgentChip key={a} name={a} order={s.agents} />)}
                {s.agents.length > 3 ? <span className="muted"> +{s.agents.length - 3}</span> : null}
              </td>
              <td className="cell-modes">{s.failure_modes.map((m) => <FailureBadge key={m} mode={m} />)}</td>
              <td className="num" title={formatTime(s.last_activity)}>{formatAgo(s.last_activity, now)}</td>
              <td className="num" title="From the first run's start to the last run's end">{formatDuration(s.duration_ms)}</td>
              <td className="num">{formatTokens(s.total_tokens)}</td>
              <td className="num"><Cost usd={s.cost_usd} unpriced={s.unpriced_llm_spans} /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
