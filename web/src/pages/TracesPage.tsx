import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { api, itemsOf } from "../api/client";
import type { TraceSummary } from "../api/types";
import { Empty, ErrorState, Loading } from "../components/States";
import { TraceFilterBar } from "../components/traces/TraceFilterBar";
import { TracesTable } from "../components/traces/TracesTable";
import { useAsync } from "../hooks/useAsync";
import { activeFilterCount, filtersFromParams, filtersToParams, filtersToQuery, type TraceFilters } from "../model/filters";
import { sessionPath } from "../model/sessions";

const PAGE = 50;
const POLL_MS = 4000;

/** The traces list: filters in the URL, the first page polled so new runs appear by themselves. */
export function TracesPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const setFilters = useCallback((next: TraceFilters) => setParams(filtersToParams(next), { replace: true }), [setParams]);
  const filterKey = filtersToParams(filters).toString();

  const first = useAsync((signal) => api.traces({ ...filtersToQuery(filters), limit: PAGE }, signal), [filterKey], POLL_MS);
  const projects = useAsync((signal) => api.projects(signal).then(itemsOf).catch(() => []), []);

  // Pages after the first, loaded with "Load more"; reset when the filters change.
  const [more, setMore] = useState<{ key: string; items: TraceSummary[]; cursor: string | null; loading: boolean }>({ key: filterKey, items: [], cursor: null, loading: false });
  const firstCursor = first.data?.next_cursor ?? null;
  useEffect(() => setMore({ key: filterKey, items: [], cursor: null, loading: false }), [filterKey]);

  // Highlight traces that arrived through polling.
  const seen = useRef<{ key: string; ids: Set<string> } | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  useEffect(() => {
    if (!first.data) return;
    const ids = first.data.items.map((t) => t.trace_id);
    if (seen.current && seen.current.key === filterKey) {
      const added = ids.filter((id) => !seen.current!.ids.has(id));
      if (added.length) setFresh(new Set(added));
    } else {
      setFresh(new Set());
    }
    seen.current = { key: filterKey, ids: new Set([...(seen.current?.key === filterKey ? seen.current.ids : []), ...ids]) };
  }, [first.data, filterKey]);

  const traces = useMemo(() => {
    const list = [...(first.data?.items ?? [])];
    const ids = new Set(list.map((t) => t.trace_id));
    for (const t of more.key === filterKey ? more.items : []) if (!ids.has(t.trace_id)) list.push(t);
    return list;
  }, [first.data, more, filterKey]);

  const nextCursor = more.items.length ? more.cursor : firstCursor;
  const loadMore = async () => {
    if (!nextCursor) return;
    setMore((m) => ({ ...m, loading: true }));
    try {
      const page = await api.traces({ ...filtersToQuery(filters), limit: PAGE, cursor: nextCursor });
      setMore((m) => ({ key: filterKey, items: [...m.items, ...page.items], cursor: page.next_cursor ?? null, loading: false }));
    } catch {
      setMore((m) => ({ ...m, loading: false }));
    }
  };

  const agents = useMemo(() => [...new Set(traces.flatMap((t) => t.agents ?? []))].sort(), [traces]);
  const frameworks = useMemo(() => [...new Set(traces.map((t) => t.framework).filter((f): f is string => !!f))], [traces]);
  const onSort = (sort: TraceFilters["sort"]) =>
    setFilters({ ...filters, sort, order: filters.sort === sort && filters.order === "desc" ? "asc" : "desc" });

  return (
    <section className="page page-traces" aria-labelledby="traces-title">
      <div className="page-head">
        <h1 id="traces-title">Traces</h1>
        <span className="muted small live" title={`Refreshes every ${POLL_MS / 1000}s`}>
          <span className="live-dot" aria-hidden="true" /> live
        </span>
      </div>
      <TraceFilterBar filters={filters} onChange={setFilters} agents={agents} frameworks={frameworks} projects={(projects.data ?? []).map((p) => p.name)} />
      {filters.session_id ? (
        <div className="banner session-filter" role="status">
          Runs of session <Link to={sessionPath(filters.session_id, filters.project)} className="mono">{filters.session_id}</Link>{" "}
          <button type="button" className="btn btn-small" onClick={() => setFilters({ ...filters, session_id: "" })}>Show all runs</button>
        </div>
      ) : null}
      {first.data === undefined ? (
        first.error ? <ErrorState error={first.error} onRetry={first.reload} /> : <Loading label="Loading traces…" />
      ) : traces.length === 0 ? (
        activeFilterCount(filters) > 0 ? (
          <Empty title="No trace matches these filters">Clear a filter or widen the time range.</Empty>
        ) : (
          <Empty title="No traces yet">
            Send a run: add <code>import agenttrace; agenttrace.init()</code> to your agents, point an OTLP exporter at{" "}
            <code>http://localhost:4318/v1/traces</code>, or run <code>agenttrace demo</code>. New traces appear here by themselves.
          </Empty>
        )
      ) : (
        <>
          {first.error ? <div className="banner banner-warn" role="status">Refresh failed: {first.error.message}. Showing the last list.</div> : null}
          <div className="table-wrap">
            <TracesTable
              traces={traces}
              sort={filters.sort}
              order={filters.order}
              onSort={onSort}
              fresh={fresh}
              onFailureMode={(m) => setFilters({ ...filters, failure_mode: m })}
            />
          </div>
          <div className="list-foot">
            <span className="muted small">{traces.length} trace{traces.length === 1 ? "" : "s"}</span>
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
