import { useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { api, itemsOf, type SessionQuery } from "../api/client";
import type { SessionSummary } from "../api/types";
import { SessionsTable } from "../components/sessions/SessionsTable";
import { Empty, ErrorState, Loading } from "../components/States";
import { useAsync } from "../hooks/useAsync";
import { RANGES } from "../model/filters";

const PAGE = 50;
const POLL_MS = 5000;
const KEYS = ["q", "status", "project", "range"] as const;

/** The sessions list: runs grouped by session or thread id, most recently active first. */
export function SessionsPage() {
  const [params, setParams] = useSearchParams();
  const get = (k: (typeof KEYS)[number]) => params.get(k) ?? "";
  const filters = { q: get("q"), status: get("status"), project: get("project"), range: get("range") in RANGES ? get("range") : "" };
  const key = KEYS.map((k) => filters[k]).join("\u0000");
  const setFilter = (k: (typeof KEYS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(k, value);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const query: SessionQuery = useMemo(() => {
    const q: SessionQuery = {};
    if (filters.q) q.q = filters.q;
    if (filters.status) q.status = filters.status;
    if (filters.project) q.project = filters.project;
    if (filters.range) q.since = new Date(Date.now() - RANGES[filters.range]!).toISOString();
    return q;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const first = useAsync((signal) => api.sessions({ ...query, limit: PAGE }, signal), [key], POLL_MS);
  const projects = useAsync((signal) => api.projects(signal).then(itemsOf).catch(() => []), []);
  const [more, setMore] = useState<{ key: string; items: SessionSummary[]; cursor: string | null; loading: boolean }>({ key, items: [], cursor: null, loading: false });
  useEffect(() => setMore({ key, items: [], cursor: null, loading: false }), [key]);
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);

  const sessions = useMemo(() => {
    const list = [...(first.data?.items ?? [])];
    const seen = new Set(list.map((s) => `${s.project}\u0000${s.session_id}`));
    for (const s of more.key === key ? more.items : []) if (!seen.has(`${s.project}\u0000${s.session_id}`)) list.push(s);
    return list;
  }, [first.data, more, key]);
  const nextCursor = more.items.length ? more.cursor : (first.data?.next_cursor ?? null);
  const loadMore = async () => {
    if (!nextCursor) return;
    setMore((m) => ({ ...m, loading: true }));
    try {
      const page = await api.sessions({ ...query, limit: PAGE, cursor: nextCursor });
      setMore((m) => ({ key, items: [...m.items, ...page.items], cursor: page.next_cursor ?? null, loading: false }));
    } catch {
      setMore((m) => ({ ...m, loading: false }));
    }
  };
  const projectNames = (projects.data ?? []).map((p) => p.name);
  const filtered = KEYS.some((k) => filters[k]);

  return (
    <section className="page page-sessions" aria-labelledby="sessions-title">
      <div className="page-head">
        <h1 id="sessions-title">Sessions</h1>
        <span className="muted small">Runs that share a session or thread id, as one conversation.</span>
      </div>
      <form className="filters" role="search" aria-label="Filter sessions" onSubmit={(e) => { e.preventDefault(); setFilter("q", q); }}>
        <input type="search" className="filter-q" placeholder="Search session id…" aria-label="Search sessions" value={q} onChange={(e) => setQ(e.target.value)} onBlur={() => q !== filters.q && setFilter("q", q)} />
        <label>
          <span>Time</span>
          <select aria-label="Time range" value={filters.range} onChange={(e) => setFilter("range", e.target.value)}>
            <option value="">All time</option>
            <option value="1h">Active in the last hour</option>
            <option value="24h">Active in the last 24 hours</option>
            <option value="7d">Active in the last 7 days</option>
            <option value="30d">Active in the last 30 days</option>
          </select>
        </label>
        <label>
          <span>Status</span>
          <select aria-label="Status" value={filters.status} onChange={(e) => setFilter("status", e.target.value)}>
            <option value="">Any</option>
            <option value="error">A run failed</option>
            <option value="ok">No run failed</option>
          </select>
        </label>
        {projectNames.length > 1 ? (
          <label>
            <span>Project</span>
            <select aria-label="Project" value={filters.project} onChange={(e) => setFilter("project", e.target.value)}>
              <option value="">All</option>
              {projectNames.map((p) => <option key={p} value={p}>{p}</option>)}
            </select>
          </label>
        ) : null}
      </form>
      {first.data === undefined ? (
        first.error ? <ErrorState error={first.error} onRetry={first.reload} /> : <Loading label="Loading sessions…" />
      ) : sessions.length === 0 ? (
        filtered ? (
          <Empty title="No session matches these filters">Clear a filter or widen the time range.</Empty>
        ) : (
          <Empty title="No sessions yet">
            Runs form a session when they share <code>session.id</code>, <code>gen_ai.conversation.id</code> or a LangGraph{" "}
            <code>thread_id</code>; with the SDK, wrap each turn in <code>with agenttrace.session("chat-42"):</code>.
          </Empty>
        )
      ) : (
        <>
          {first.error ? <div className="banner banner-warn" role="status">Refresh failed: {first.error.message}. Showing the last list.</div> : null}
          <div className="table-wrap">
            <SessionsTable sessions={sessions} showProject={new Set(sessions.map((s) => s.project)).size > 1 || projectNames.length > 1} />
          </div>
          <div className="list-foot">
            <span className="muted small">{sessions.length} session{sessions.length === 1 ? "" : "s"}</span>
            {nextCursor ? (
              <button type="button" className="btn" onClick={loadMore} disabled={more.loading}>
                {more.loading ? "Loading…" : "Load more"}
              </button>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
