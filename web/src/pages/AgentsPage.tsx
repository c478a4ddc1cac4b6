import { useNavigate, useSearchParams } from "react-router-dom";
import { api, itemsOf } from "../api/client";
import type { AgentFigures } from "../api/types";
import { AgentChip, FailureBadge } from "../components/Badges";
import { Cost } from "../components/Cost";
import { AsyncView, Empty } from "../components/States";
import { useAsync } from "../hooks/useAsync";
import { formatAgo, formatDuration, formatPercent, formatTokens } from "../model/format";

/** Per-agent figures across traces. */
export function AgentsPage() {
  const [params, setParams] = useSearchParams();
  const project = params.get("project") ?? "";
  const navigate = useNavigate();
  const agents = useAsync((signal) => api.agents(project || undefined, signal).then((r) => itemsOf<AgentFigures>(r)), [project], 15000);
  const projects = useAsync((signal) => api.projects(signal).then(itemsOf).catch(() => []), []);
  const order = (agents.data ?? []).map((a) => a.name);
  return (
    <section className="page" aria-labelledby="agents-title">
      <div className="page-head">
        <h1 id="agents-title">Agents</h1>
        {(projects.data ?? []).length > 1 ? (
          <select aria-label="Project" value={project} onChange={(e) => setParams(e.target.value ? { project: e.target.value } : {})}>
            <option value="">All projects</option>
            {(projects.data ?? []).map((p) => <option key={p.name} value={p.name}>{p.name}</option>)}
          </select>
        ) : null}
      </div>
      <AsyncView state={agents} isEmpty={(d) => d.length === 0} empty={<Empty title="No agents yet">Agents appear once traces arrive.</Empty>}>
        {(list) => (
          <div className="table-wrap">
            <table className="agents-table">
              <thead>
                <tr>
                  <th>Agent</th>
                  <th className="num">Runs</th>
                  <th>Error rate</th>
                  <th className="num">p50</th>
                  <th className="num">p95</th>
                  <th className="num">Tokens</th>
                  <th className="num">Cost</th>
                  <th>Top failure modes</th>
                  <th>Frameworks</th>
                  <th className="num">Last seen</th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => (
                  <tr key={a.name}>
                    <td><AgentChip name={a.name} order={order} onClick={() => navigate(`/traces?agent=${encodeURIComponent(a.name)}`)} /></td>
                    <td className="num">{a.runs}</td>
                    <td>
                      <span className="meter" title={`${a.error_runs} of ${a.runs} runs had errors`}>
                        <span style={{ width: `${Math.min(1, a.error_rate) * 100}%` }} />
                      </span>{" "}
                      {formatPercent(a.error_rate)}
                    </td>
                    <td className="num">{formatDuration(a.latency_p50_ms)}</td>
                    <td className="num">{formatDuration(a.latency_p95_ms)}</td>
                    <td className="num">{formatTokens(a.total_tokens)}</td>
                    <td className="num"><Cost usd={a.cost_usd} unpriced={a.unpriced_llm_spans} /></td>
                    <td>{(a.top_failure_modes ?? []).map((m) => <span key={m.mode} className="fm-with-count"><FailureBadge mode={m.mode} /><span className="muted small">×{m.count}</span></span>)}</td>
                    <td className="small">{(a.frameworks ?? []).join(", ")}</td>
                    <td className="num">{formatAgo(a.last_seen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </AsyncView>
    </section>
  );
}
