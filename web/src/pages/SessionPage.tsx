import { useEffect, useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { api } from "../api/client";
import type { SessionRun } from "../api/types";
import { AgentChip, FailureBadge, StatusBadge } from "../components/Badges";
import { SessionTimeline } from "../components/sessions/SessionTimeline";
import { ErrorState, Loading } from "../components/States";
import { useAsync } from "../hooks/useAsync";
import { formatDuration, formatTime, formatTokens } from "../model/format";
import { sessionTracesPath, sessionTurns } from "../model/sessions";
import { Cost } from "../components/Cost";

const PAGE = 100;
const POLL_MS = 5000;

/** One session: its figures, and its runs as a conversation timeline. */
export function SessionPage() {
  const { sessionId = "" } = useParams();
  const [params] = useSearchParams();
  const project = params.get("project") || undefined;
  const session = useAsync((signal) => api.session(sessionId, { project, limit: PAGE }, signal), [sessionId, project], POLL_MS);
  const [more, setMore] = useState<{ runs: SessionRun[]; cursor: string | null; loading: boolean }>({ runs: [], cursor: null, loading: false });
  useEffect(() => setMore({ runs: [], cursor: null, loading: false }), [sessionId, project]);

  const turns = useMemo(() => {
    const runs = [...(session.data?.traces ?? [])];
    const ids = new Set(runs.map((r) => r.trace_id));
    for (const r of more.runs) if (!ids.has(r.trace_id)) runs.push(r);
    return sessionTurns(runs);
  }, [session.data, more.runs]);

  if (session.data === undefined) {
    return (
      <section className="page page-session">
        <Link to="/sessions" className="back">← Sessions</Link>
        {session.error ? <ErrorState error={session.error} onRetry={session.reload} /> : <Loading label="Loading the session…" />}
      </section>
    );
  }
  const s = session.data;
  const nextCursor = more.runs.length ? more.cursor : s.next_cursor;
  const loadMore = async () => {
    if (!nextCursor) return;
    setMore((m) => ({ ...m, loading: true }));
    try {
      const page = await api.session(sessionId, { project, limit: PAGE, cursor: nextCursor });
      setMore((m) => ({ runs: [...m.runs, ...page.traces], cursor: page.next_cursor ?? null, loading: false }));
    } catch {
      setMore((m) => ({ ...m, loading: false }));
    }
  };

  return (
    <section className="page page-session" aria-labelledby="session-title">
      <Link to="/sessions" className="back">← Sessions</Link>
      <header className="trace-head">
        <div className="trace-title">
          <StatusBadge status={s.status} />
          <h1 id="session-title" className="mono">{s.session_id}</h1>
        </div>
        <dl className="trace-facts">
          <div><dt>Project</dt><dd>{s.project}</dd></div>
          <div><dt>Runs</dt><dd>{s.trace_count}{s.error_count ? ` (${s.error_count} failed)` : ""}</dd></div>
          <div><dt>Began</dt><dd>{formatTime(s.start_time)}</dd></div>
          <div><dt>Last activity</dt><dd>{formatTime(s.last_activity)}</dd></div>
          <div><dt>Span</dt><dd>{formatDuration(s.duration_ms)}</dd></div>
          <div><dt>Tokens</dt><dd>{formatTokens(s.total_tokens)}</dd></div>
          <div><dt>Cost</dt><dd><Cost usd={s.cost_usd} unpriced={s.unpriced_llm_spans} /></dd></div>
        </dl>
        <div className="trace-agents">
          {s.agents.map((a) => <AgentChip key={a} name={a} order={s.agents} />)}
          {s.failure_modes.map((m) => <FailureBadge key={m} mode={m} />)}
          <Link to={sessionTracesPath(s.session_id, s.project)} className="small session-traces-link">Runs in the trace list →</Link>
        </div>
      </header>
      <SessionTimeline turns={turns} />
      <div className="list-foot">
        <span className="muted small">{turns.length} of {s.trace_count} run{s.trace_count === 1 ? "" : "s"}</span>
        {nextCursor ? (
          <button type="button" className="btn" onClick={loadMore} disabled={more.loading}>
            {more.loading ? "Loading…" : "Load more runs"}
          </button>
        ) : null}
      </div>
    </section>
  );
}
