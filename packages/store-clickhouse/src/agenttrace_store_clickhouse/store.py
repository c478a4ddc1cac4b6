"""The ClickHouse span store: :class:`~agenttrace_core.store.SpanStore` on ClickHouse.

All SQL and row handling is here and shared by both transports (a server through
clickhouse-connect, chDB in process); see :mod:`agenttrace_store_clickhouse.migrations` for
the schema. Calls to the transport block, so they run in a worker thread.

Duplicates: an append first asks which of its ``(trace_id, span_id)`` are stored and inserts
only the others (appends of one store are serialized by a lock), so the summaries' token sums
count each span once; the span and error counts are ``uniqExact`` of span ids and the span
reads deduplicate, so even two replicas racing on the same retried batch leave those right.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any, TypeVar

from agenttrace_core.models import Agent, NormalizedBatch, Span
from agenttrace_core.store import (
    AGENT_ROW_COLUMNS,
    SPAN_ROW_COLUMNS,
    AgentFigures,
    AgentFilter,
    AppendResult,
    RowBatch,
    Run,
    RunFilter,
    RunPage,
    RunSort,
    RunSummary,
    SearchHit,
    SortOrder,
    SpanNode,
    decode_cursor,
    encode_cursor,
    ns_to_datetime,
)
from pydantic import TypeAdapter
from pydantic_core import from_json, to_json

from agenttrace_store_clickhouse import queries as q
from agenttrace_store_clickhouse.migrations import migrate
from agenttrace_store_clickhouse.transport import Transport

R = TypeVar("R")

SPAN_COLUMNS = SPAN_ROW_COLUMNS
AGENT_COLUMNS = AGENT_ROW_COLUMNS
_READ_COLUMNS = tuple(c for c in SPAN_COLUMNS if c != "resource")
_JSON_FIELDS = ("attributes", "events", "links")
_TRACE_CHUNK = 500
_EPOCH = date(1970, 1, 1)


class ClickHouseSpanStore:
    """Spans, run summaries and agents in one ClickHouse database."""

    def __init__(self, transport: Transport, database: str = "agenttrace") -> None:
        """Use ``database`` (migrated: :meth:`migrate`) through ``transport``."""
        self.transport = transport
        self.db = database
        self._append_lock = asyncio.Lock()

    def migrate(self, *, retention_days: int | None = None) -> list[int]:
        """Create or upgrade the schema (blocking); returns the versions applied now."""
        return migrate(self.transport, self.db, retention_days=retention_days)

    async def _run(self, call: Callable[..., R], *args: Any) -> R:
        return await asyncio.to_thread(call, *args)

    def _sql(self, template: str) -> str:
        return template.replace("{db}", self.db)

    async def append(self, batch: NormalizedBatch) -> AppendResult:
        """Insert the spans not stored yet, and the batch's agents (synchronous inserts).

        Messages and checkpoints are relational data: not stored here. No trace is claimed
        for a project (nothing is refused).
        """
        async with self._append_lock:
            return await self._run(self._append, batch)

    def _append(self, batch: NormalizedBatch) -> AppendResult:
        unique: dict[tuple[str, str], Span] = {}
        for span in batch.spans:
            unique.setdefault((span.trace_id, span.span_id), span)
        stored = self._stored_keys(list(unique))
        rows = [_span_row(span) for key, span in unique.items() if key not in stored]
        self._insert(rows, [_agent_row(a) for a in batch.agents])
        return AppendResult(
            spans_inserted=len(rows),
            spans_duplicate=len(batch.spans) - len(rows),
            duplicates=stored,
        )

    async def append_rows(self, batch: RowBatch) -> AppendResult:
        """Insert the span rows not stored yet, and the agent rows (synchronous inserts).

        The rows of the ingestion writer go in as they are (same columns, plain values).
        """
        async with self._append_lock:
            return await self._run(self._append_rows, batch)

    def _append_rows(self, batch: RowBatch) -> AppendResult:
        unique: dict[tuple[str, str], tuple[Any, ...]] = {}
        for row in batch.spans:
            unique.setdefault((row[0], row[1]), row)
        stored = self._stored_keys(list(unique))
        rows = [row for key, row in unique.items() if key not in stored]
        self._insert(rows, batch.agents)
        return AppendResult(
            spans_inserted=len(rows),
            spans_duplicate=len(batch.spans) - len(rows),
            duplicates=stored,
        )

    def _insert(self, spans: list[tuple[Any, ...]], agents: list[tuple[Any, ...]]) -> None:
        """Spans first: an agent row without its spans would name an agent of no run."""
        if spans:
            self.transport.insert(f"{self.db}.spans", SPAN_COLUMNS, spans)
        if agents:
            self.transport.insert(f"{self.db}.agents", AGENT_COLUMNS, agents)

    def _stored_keys(self, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which of ``keys`` are stored: the span ids of those of their traces that have a
        summary, read by primary key."""
        wanted = set(keys)
        traces = sorted({t for t, _s in keys})
        known: list[str] = []
        for i in range(0, len(traces), _TRACE_CHUNK):
            params = {"traces": traces[i : i + _TRACE_CHUNK]}
            known += [t for (t,) in self.transport.rows(self._sql(q.STORED_TRACES), params)]
        traces = sorted(known)  # the others have no span stored
        stored: set[tuple[str, str]] = set()
        for i in range(0, len(traces), _TRACE_CHUNK):
            params = {"traces": traces[i : i + _TRACE_CHUNK]}
            for t, s in self.transport.rows(self._sql(q.STORED_KEYS), params):
                if (t, s) in wanted:
                    stored.add((t, s))
        return stored

    async def read_run(self, trace_id: str) -> Run | None:
        """Spans (deduplicated, in start order) and agents of one trace."""
        return await self._run(self._read_run, trace_id)

    def _read_run(self, trace_id: str) -> Run | None:
        sql = self._sql(q.RUN_SPANS).replace("{columns}", ", ".join(_READ_COLUMNS))
        with _gc_paused():
            rows = self.transport.rows(sql, {"trace": trace_id})
            if not rows:
                return None
            spans = _spans(rows)
        return Run(spans=spans, agents=self._read_agents(trace_id))

    async def read_agents(self, trace_id: str) -> list[Agent]:
        """The agents of one trace (merged from their rows), in order of first appearance."""
        return await self._run(self._read_agents, trace_id)

    def _read_agents(self, trace_id: str) -> list[Agent]:
        return [
            Agent(
                trace_id=t,
                name=name,
                project=project,
                role=role,
                framework=framework,
                model=model,
                config=from_json(config) if config else {},
                first_seen=int(first_seen),
            )
            for t, name, project, role, framework, model, config, first_seen in (
                self.transport.rows(self._sql(q.RUN_AGENTS), {"traces": [trace_id]})
            )
        ]

    async def linked_traces(self, trace_id: str) -> list[str]:
        """Traces the spans of ``trace_id`` link to, and those of its project (within an
        hour of it) whose spans link to it."""
        page = await self.list_runs(
            RunFilter(trace_ids=frozenset([trace_id])),
            sort=RunSort.START_TIME,
            order=SortOrder.DESC,
            limit=1,
            cursor=None,
        )
        if not page.items:
            return []
        run = page.items[0]
        out = await self._run(self.transport.rows, self._sql(q.LINKS_OUT), {"trace": trace_id})
        params = {
            "trace": trace_id,
            "project": run.project,
            "lo": max(run.start_time - q.LINK_WINDOW_NS, -(2**63)),
            "hi": min(run.end_time + q.LINK_WINDOW_NS, 2**63 - 1),
        }
        into = await self._run(self.transport.rows, self._sql(q.LINKS_IN), params)
        found = {str(t) for (t,) in [*out, *into] if t}
        found.discard(trace_id)
        return sorted(found)

    async def span_page(
        self,
        trace_id: str,
        *,
        after: tuple[int, str] | None = None,
        limit: int | None = None,
        span_id: str | None = None,
    ) -> list[Span]:
        """Spans of one trace (deduplicated) in (start time, span id) order, after ``after``."""
        sql, params = q.span_page(after=after, limit=limit, span_id=span_id)
        sql = self._sql(sql).replace("{columns}", ", ".join(_READ_COLUMNS))
        return await self._run(self._span_page, sql, {"trace": trace_id, **params})

    def _span_page(self, sql: str, params: dict[str, Any]) -> list[Span]:
        with _gc_paused():
            return _spans(self.transport.rows(sql, params))

    async def span_tree(
        self, trace_id: str, *, after: tuple[int, str] | None = None, limit: int | None = None
    ) -> list[SpanNode]:
        """The structure of one trace's spans (deduplicated), in (start time, span id) order."""
        sql, params = q.span_page(after=after, limit=limit, span_id=None)
        sql = self._sql(sql).replace("{columns}", ", ".join(SpanNode._fields))
        return await self._run(self._span_tree, sql, {"trace": trace_id, **params})

    def _span_tree(self, sql: str, params: dict[str, Any]) -> list[SpanNode]:
        with _gc_paused():
            return [
                SpanNode(s, p, n, ty, a, int(start), int(end), st)
                for s, p, n, ty, a, start, end, st in self.transport.rows(sql, params)
            ]

    async def list_runs(
        self, f: RunFilter, *, sort: RunSort, order: SortOrder, limit: int, cursor: str | None
    ) -> RunPage:
        """One page of run summaries, merged from the ``runs`` aggregates (no span scan,
        but for the free-text filter)."""
        return await self._run(self._list_runs, f, sort, order, limit, cursor)

    def _list_runs(
        self, f: RunFilter, sort: RunSort, order: SortOrder, limit: int, cursor: str | None
    ) -> RunPage:
        kind = f"runs:{sort.value}:{order.value}"
        after = None
        if cursor is not None:
            last_key, last_id = decode_cursor(cursor, kind, (int, str))
            after = (last_key, last_id)
        windows: tuple[int | None, ...] = (None,)
        if sort is RunSort.START_TIME and order is SortOrder.DESC:
            windows = q.WINDOWS
        rows: list[tuple[Any, ...]] = []
        for back in windows:
            # a few more than a page: runs begun before the window take places and are dropped
            want = limit + 1 if back is None else limit + 17
            sql, params = q.run_page(f, sort, order, want, after=after, back=back)
            page = self.transport.rows(self._sql(sql), params)
            rows = []
            if page:
                ids = [trace_id for trace_id, _bound, _covers in page]
                rows = self.transport.rows(self._sql(q.run_rows(sort, order)), {"ids": ids})
            if back is None:
                break
            if page and int(page[0][2]):
                break  # every stored day was read: nothing is partial
            bound = int(page[0][1]) if page else 0
            rows = [row for row in rows if int(row[6]) >= bound]  # whole runs only
            if len(rows) > limit:
                break
        next_cursor = None
        if len(rows) > limit:
            rows = rows[:limit]
            next_cursor = encode_cursor(kind, int(rows[-1][-1]), rows[-1][0])
        ids = [row[0] for row in rows]
        names: dict[str, list[str]] = {}
        if ids:
            for trace_id, name, *_rest in self.transport.rows(
                self._sql(q.RUN_AGENTS), {"traces": ids}
            ):
                names.setdefault(trace_id, []).append(name)
        return RunPage([_summary(row, names.get(row[0], [])) for row in rows], next_cursor)

    async def search(self, text: str, *, project: str | None, limit: int) -> list[SearchHit]:
        """Spans whose name, input or output contains ``text`` (ILIKE), latest first."""
        return await self._run(self._search, text, project, limit)

    def _search(self, text: str, project: str | None, limit: int) -> list[SearchHit]:
        sql = self._sql(q.SEARCH if project is None else q.SEARCH_PROJECT)
        params: dict[str, Any] = {"pattern": q.like_pattern(text), "limit": limit}
        if project is not None:
            params["project"] = project
        ((newest,),) = self.transport.rows(self._sql(q.NEWEST_DAY))
        last = date.fromisoformat(str(newest))
        rows: list[tuple[Any, ...]] = []
        for newer, older in q.SEARCH_WINDOWS:  # newest days first, until a page is found
            hi = last - timedelta(days=newer)
            lo = _EPOCH if older is None else max(last - timedelta(days=older), _EPOCH)
            if hi < lo:
                break
            params.update(newer=hi.isoformat(), older=lo.isoformat())
            rows += self.transport.rows(sql, params)
            if len(rows) >= limit:
                break
        return [SearchHit(t, s, n, ty, int(st)) for t, s, n, ty, st in rows[:limit]]

    async def agent_figures(self, f: AgentFilter) -> list[AgentFigures]:
        """Figures per agent name, from the ``agent_runs`` aggregates."""
        sql, params = q.agent_figures(f)
        rows = await self._run(self.transport.rows, self._sql(sql), params)
        out = [
            AgentFigures(
                name=name,
                runs=int(runs),
                error_runs=int(error_runs),
                total_tokens=int(tokens),
                latency_p50_ms=None if not runs else float(quantiles[0]) / 1e6,
                latency_p95_ms=None if not runs else float(quantiles[1]) / 1e6,
                last_seen=ns_to_datetime(int(last)) if last is not None else None,
                projects=tuple(sorted(p for p in projects if p)),
                frameworks=tuple(sorted(fw for fw in frameworks if fw)),
            )
            for name, runs, error_runs, tokens, last, quantiles, projects, frameworks in rows
        ]
        out.sort(key=lambda a: (-a.runs, a.name))
        return out

    async def close(self) -> None:
        """Close the transport."""
        await self._run(self.transport.close)


def _span_row(span: Span) -> tuple[Any, ...]:
    return (
        span.trace_id,
        span.span_id,
        span.parent_span_id,
        span.project[:255],
        span.name[:512],
        span.kind[:16],
        span.span_type.value,
        span.agent[:255] if span.agent is not None else None,
        span.framework[:64] if span.framework is not None else None,
        span.start_time,
        span.end_time,
        span.status.value,
        span.status_message,
        span.input,
        span.output,
        span.model,
        span.input_tokens,
        span.output_tokens,
        span.total_tokens,
        _json(span.attributes),
        _json([e.model_dump() for e in span.events]),
        _json([lk.model_dump() for lk in span.links]),
        _json(span.resource),
        span.scope_name,
        span.scope_version,
        span.dropped_attributes_count,
    )


def _json(value: Any) -> str:
    return to_json(value, fallback=str).decode()


def _agent_row(agent: Agent) -> tuple[Any, ...]:
    return (
        agent.trace_id,
        agent.name[:255],
        agent.project[:255],
        agent.role,
        agent.framework[:64] if agent.framework is not None else None,
        agent.model,
        _json(agent.config),
        agent.first_seen,
    )


_SPAN_LIST = TypeAdapter(list[Span])


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a run's rows and spans are made.

    A 10,000-span run is over 100,000 new objects (none cyclic): with the collector on, they
    set off full collections of the whole heap. On a 2.9-million-span store in a process
    holding 200,000 other lists, the run's tree took 32 / 73 ms (p50 / p95 of 20) and then
    43 / 247 ms with the collector on, 30 / 34 and 37 / 44 ms without.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _spans(rows: list[tuple[Any, ...]]) -> list[Span]:
    """Spans of rows in :data:`_READ_COLUMNS` order, validated in one call (the callers
    pause the collector around the query and this)."""
    return _SPAN_LIST.validate_python([_span_fields(row) for row in rows])


def _span_fields(row: tuple[Any, ...]) -> dict[str, Any]:
    fields = dict(zip(_READ_COLUMNS, row, strict=True))
    for name in _JSON_FIELDS:
        value = from_json(fields[name]) if fields[name] else None
        if value is None:
            del fields[name]
        else:
            fields[name] = value
    return fields


def _summary(row: tuple[Any, ...], agents: list[str]) -> RunSummary:
    (
        trace_id, project, name, root_span_id, framework, status, start, end, span_count,
        error_count, input_tokens, output_tokens, total_tokens, _agents, _sort_key,
    ) = row  # fmt: skip
    return RunSummary(
        trace_id=trace_id,
        project=project,
        name=name,
        root_span_id=root_span_id,
        framework=framework,
        status=status,
        start_time=int(start),
        end_time=int(end),
        span_count=int(span_count),
        error_count=int(error_count),
        agent_count=len(agents),
        input_tokens=int(input_tokens),
        output_tokens=int(output_tokens),
        total_tokens=int(total_tokens),
        agents=tuple(agents),
    )
