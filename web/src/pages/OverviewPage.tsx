import { useSearchParams } from "react-router-dom";
import { api, itemsOf } from "../api/client";
import { BarChart } from "../components/charts/BarChart";
import { FailureBadge } from "../components/Badges";
import { Cost } from "../components/Cost";
import { AsyncView, Empty } from "../components/States";
import { useAsync } from "../hooks/useAsync";
import { modeName } from "../model/failures";
import { formatPercent, formatTokens, formatUsd } from "../model/format";
import { failureModeSeries, series, totals } from "../model/overview";

const BUCKETS = ["hour", "day"];

/** A project's volume, error rate, tokens and failure modes over time. */
export function OverviewPage() {
  const [params, setParams] = useSearchParams();
  const project = params.get("project") ?? "";
  const bucket = BUCKETS.includes(params.get("bucket") ?? "") ? params.get("bucket")! : "hour";
  const overview = useAsync((signal) => api.overview({ project: project || undefined, bucket }, signal), [project, bucket], 30000);
  const projects = useAsync((signal) => api.projects(signal).then(itemsOf).catch(() => []), []);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <section className="page" aria-labelledby="overview-title">
      <div className="page-head">
        <h1 id="overview-title">Overview</h1>
        <select aria-label="Project" value={project} onChange={(e) => set("project", e.target.value)}>
          <option value="">All projects</option>
          {(projects.data ?? []).map((p) => <option key={p.name} value={p.name}>{p.name}</option>)}
        </select>
        <div className="seg" role="group" aria-label="Bucket">
          {BUCKETS.map((b) => (
            <button key={b} type="button" aria-pressed={bucket === b} className={bucket === b ? "active" : ""} onClick={() => set("bucket", b === "hour" ? "" : b)}>
              per {b}
            </button>
          ))}
        </div>
      </div>
      <AsyncView state={overview} isEmpty={(o) => totals(o).traces === 0} empty={<Empty title="No traces in this range">Send runs to see volume, errors and failure modes over time.</Empty>}>
        {(o) => {
          const sum = totals(o);
          const modes = failureModeSeries(o);
          return (
            <>
              <div className="stat-cards">
                <div className="stat"><span className="stat-v">{sum.traces}</span><span className="stat-l">traces</span></div>
                <div className="stat"><span className="stat-v">{formatPercent(sum.errorRate)}</span><span className="stat-l">error rate</span></div>
                <div className="stat"><span className="stat-v">{formatTokens(sum.tokens)}</span><span className="stat-l">tokens</span></div>
                <div className="stat stat-cost"><span className="stat-v"><Cost usd={sum.costUsd} unpriced={sum.unpricedLlm} /></span><span className="stat-l">cost</span></div>
                <div className="stat"><span className="stat-v">{modes.length}</span><span className="stat-l">failure modes seen</span></div>
              </div>
              <div className="charts">
                <BarChart title="Traces" points={series(o, "trace_count")} format={(v) => String(v)} />
                <BarChart title="Error rate" points={series(o, "error_rate")} format={formatPercent} colour="var(--err)" />
                <BarChart title="Tokens" points={series(o, "total_tokens")} format={formatTokens} colour="#a855f7" />
                <BarChart title="Cost (USD)" points={series(o, "cost_usd")} format={formatUsd} colour="#16a34a" />
                <figure className="chart">
                  <figcaption><span>Failure modes</span></figcaption>
                  {modes.length ? (
                    <ul className="mode-bars">
                      {modes.map((m) => (
                        <li key={m.mode}>
                          <FailureBadge mode={m.mode} />
                          <span className="small">{modeName(m.mode)}</span>
                          <span className="spark" aria-label={`${m.mode} per bucket: ${m.points.join(", ")}`}>
                            {m.points.map((v, i) => (
                              <span key={i} style={{ height: `${(v / Math.max(...m.points, 1)) * 100}%` }} title={String(v)} />
                            ))}
                          </span>
                          <span className="num">{m.total}</span>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <div className="muted small chart-empty">No failure detected in this range.</div>
                  )}
                </figure>
              </div>
            </>
          );
        }}
      </AsyncView>
    </section>
  );
}
