import { lazy, Suspense, useCallback, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { api } from "../api/client";
import type { AgentInfo, Annotation, Verdict } from "../api/types";
import { AgentChip, FailureBadge, StatusBadge } from "../components/Badges";
import { Cost } from "../components/Cost";
import { ErrorState, Loading } from "../components/States";
import { FailuresView } from "../components/trace/FailuresView";
import { TimelineView } from "../components/trace/TimelineView";
import { TimeTravel } from "../components/trace/TimeTravel";
import { useAsync } from "../hooks/useAsync";
import { formatDuration, formatTime, formatTokens } from "../model/format";
import { sessionPath } from "../model/sessions";

// The graph library is the biggest part of the bundle: load it when the graph tab opens.
const GraphTab = lazy(() => import("../components/trace/GraphTab").then((m) => ({ default: m.GraphTab })));

const TABS = ["timeline", "graph", "failures", "replay"] as const;
type Tab = (typeof TABS)[number];
const TAB_LABELS: Record<Tab, string> = { timeline: "Timeline", graph: "Agent graph", failures: "Failures", replay: "Time travel" };

function agentNames(agents: (AgentInfo | string)[] | null | undefined): string[] {
  return (agents ?? []).map((a) => (typeof a === "string" ? a : a.name));
}

/** One run: header, then the tab named in `?tab=` (timeline by default). */
export function TracePage() {
  const { traceId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const tab: Tab = (TABS as readonly string[]).includes(params.get("tab") ?? "") ? (params.get("tab") as Tab) : "timeline";
  const span = params.get("span");
  const agent = params.get("agent");

  const trace = useAsync((signal) => api.trace(traceId, signal), [traceId]);
  const pending = trace.data?.analysis_state === "pending" || trace.data?.analysis_state === "running";
  const failures = useAsync((signal) => api.failures(traceId, signal), [traceId], pending ? 3000 : undefined);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === null) next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );
  const jumpToSpan = useCallback((spanId: string) => update({ tab: "timeline", span: spanId, agent: null }), [update]);
  const filterAgent = useCallback((a: string | null) => update({ tab: "timeline", agent: a }), [update]);
  const selectSpan = useCallback((s: string | null) => update({ span: s }), [update]);

  const act = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    setActionError(null);
    try {
      await fn();
      failures.reload();
      trace.reload();
    } catch (err) {
      setActionError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (trace.data === undefined) {
    return (
      <section className="page">
        <Link to="/traces" className="back">← Traces</Link>
        {trace.error ? <ErrorState error={trace.error} onRetry={trace.reload} /> : <Loading label="Loading trace…" />}
      </section>
    );
  }
  const t = trace.data;
  const agents = agentNames(t.agents);
  const annotations = failures.data?.annotations ?? [];
  const openFailures = annotations.filter((a) => a.status !== "rejected").length;

  return (
    <section className="page page-trace" aria-labelledby="trace-title">
      <Link to="/traces" className="back">← Traces</Link>
      <header className="trace-head">
        <div className="trace-title">
          <StatusBadge status={t.status} />
          <h1 id="trace-title">{t.name || "(unnamed run)"}</h1>
          {t.human_verdict ? <span className={`verdict verdict-${t.human_verdict}`}>{t.human_verdict}</span> : null}
          {!t.human_verdict && failures.data?.attribution ? (
            <button
              type="button"
              className="analysis-verdict"
              title="The analysis finds this run failed, whatever its spans' status says"
              onClick={() => update({ tab: "failures" })}
            >
              failed, by the analysis
              {failures.data.attribution.agent ? `: ${failures.data.attribution.agent}` : ""}
            </button>
          ) : null}
        </div>
        <dl className="trace-facts">
          <div><dt>Trace</dt><dd className="mono">{t.trace_id}</dd></div>
          <div><dt>Framework</dt><dd>{t.framework ?? "—"}</dd></div>
          <div><dt>Started</dt><dd>{formatTime(t.start_time)}</dd></div>
          <div><dt>Duration</dt><dd>{formatDuration(t.duration_ms)}</dd></div>
          <div><dt>Spans</dt><dd>{t.span_count ?? "—"}</dd></div>
          <div><dt>Tokens</dt><dd>{formatTokens(t.total_tokens)}</dd></div>
          <div><dt>Cost</dt><dd><Cost usd={t.cost_usd} unpriced={t.unpriced_llm_spans} /></dd></div>
          {t.project ? <div><dt>Project</dt><dd>{t.project}</dd></div> : null}
          {t.session_id ? (
            <div><dt>Session</dt><dd><Link to={sessionPath(t.session_id, t.project)} className="mono session-link">{t.session_id}</Link></dd></div>
          ) : null}
        </dl>
        <div className="trace-agents">
          {agents.map((a) => <AgentChip key={a} name={a} order={agents} onClick={() => filterAgent(a)} />)}
          {(t.failure_modes ?? []).map((m) => <FailureBadge key={m} mode={m} onClick={() => update({ tab: "failures" })} />)}
        </div>
      </header>
      <nav className="tabs" role="tablist" aria-label="Trace views">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? "active" : ""}
            onClick={() => update({ tab: name })}
          >
            {TAB_LABELS[name]}
            {name === "failures" && openFailures ? <span className="tab-count">{openFailures}</span> : null}
          </button>
        ))}
      </nav>
      {actionError ? <div className="banner banner-error" role="alert">{actionError}</div> : null}
      <div className="tab-body" role="tabpanel" aria-label={TAB_LABELS[tab]}>
        {tab === "timeline" ? (
          <TimelineView traceId={traceId} selectedSpan={span} agent={agent} onSelectSpan={selectSpan} onAgent={filterAgent} />
        ) : null}
        {tab === "graph" ? (
          <Suspense fallback={<Loading label="Loading the graph…" />}>
            <GraphTab traceId={traceId} failures={failures.data} onAgent={filterAgent} onSpan={jumpToSpan} />
          </Suspense>
        ) : null}
        {tab === "failures" ? (
          failures.data === undefined ? (
            failures.error ? <ErrorState error={failures.error} onRetry={failures.reload} /> : <Loading label="Loading failures…" />
          ) : (
            <FailuresView
              annotations={annotations}
              attribution={failures.data.attribution}
              agents={agents}
              verdict={t.human_verdict}
              analysisState={t.analysis_state}
              busy={busy}
              onJump={jumpToSpan}
              onReview={(a: Annotation, status) => act(() => api.reviewAnnotation(a.id, status))}
              onAdd={(label) => act(() => api.addAnnotation(traceId, label))}
              onVerdict={(v: Verdict) => act(() => api.setVerdict(traceId, v))}
              onAnalyze={() => act(() => api.analyze(traceId))}
            />
          )
        ) : null}
        {tab === "replay" ? <TimeTravel traceId={traceId} onSpan={jumpToSpan} onOpenTrace={(id) => navigate(`/traces/${id}`)} /> : null}
      </div>
    </section>
  );
}
