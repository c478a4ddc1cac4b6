"""The reads of the SQL span store: spans in the relational database (the default).

The :class:`~agenttrace_core.store.SpanReader` half of the SQL store, over the queries the API
has always run on SQLite, PostgreSQL and TimescaleDB, unchanged: the run list is the trace
list of :mod:`agenttrace_api.queries.traces` (its filters and sort keys), agent figures are
those of :mod:`agenttrace_api.queries.agents`, a run is read as the analysis reads it. The API
uses it when it is given no store; the server's ``SqlSpanStore`` adds the writer's append.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from agenttrace_analysis.bulk import gc_paused
from agenttrace_analysis.trace_loading import linked_trace_ids, load_json, load_trace, summary_of
from agenttrace_core.db import schema as s
from agenttrace_core.models import Agent, Span
from agenttrace_core.store import (
    AgentFigures,
    AgentFilter,
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
)
from sqlalchemy import ColumnElement, Select, Text, cast, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_api.queries import agents as agent_queries
from agenttrace_api.queries import traces as trace_queries
from agenttrace_api.queries.runs import summary_of_row

T = s.traces
S = s.spans

_JSON = frozenset({"attributes", "events", "links"})
_SPAN_COLUMNS = tuple(
    cast(c, Text).label(c.name) if c.name in _JSON else c for c in S.c if c.name != "resource"
)
"""Every span column but ``resource`` (no reader shows it; often the largest); the JSON ones
as text, parsed by :func:`~agenttrace_analysis.trace_loading.load_json` (several times faster
than the drivers' decoding)."""
_TREE_COLUMNS = (
    S.c.span_id,
    S.c.parent_span_id,
    S.c.name,
    S.c.span_type,
    S.c.agent,
    S.c.start_time,
    S.c.end_time,
    S.c.status,
)


class SqlSpanReads:
    """Reads of the spans, runs and agents in the relational database of ``engine``."""

    def __init__(self, engine: AsyncEngine) -> None:
        """Read through ``engine`` (migrated to head; the caller disposes of it)."""
        self.engine = engine

    async def read_run(self, trace_id: str) -> Run | None:
        """The run as the analysis reads it (this trace alone, no linked ones)."""
        data = await load_trace(self.engine, trace_id, follow_links=False)
        if data is None:
            return None
        return Run(spans=data.spans, agents=data.agents)

    async def read_agents(self, trace_id: str) -> list[Agent]:
        """The agents of one run in order of first appearance (then by name)."""
        a = s.agents
        stmt = (
            select(*(a.c[name] for name in Agent.model_fields))  # not the run figures
            .where(a.c.trace_id == trace_id)
            .order_by(a.c.first_seen, a.c.name)
        )
        async with self.engine.connect() as conn:
            return [Agent.model_validate(dict(r._mapping)) for r in await conn.execute(stmt)]

    async def linked_traces(self, trace_id: str) -> list[str]:
        """The traces linked to ``trace_id`` either way, as the analysis finds them."""
        async with self.engine.connect() as conn:
            row = (await conn.execute(select(T).where(T.c.trace_id == trace_id))).first()
            if row is None:
                return []
            return sorted(await linked_trace_ids(conn, summary_of(row)))

    async def span_page(
        self,
        trace_id: str,
        *,
        after: tuple[int, str] | None = None,
        limit: int | None = None,
        span_id: str | None = None,
    ) -> list[Span]:
        """Spans of one run in (start time, span id) order (without ``resource``)."""
        stmt = _page(select(*_SPAN_COLUMNS), trace_id, after, limit, span_id)
        names = [c.name for c in _SPAN_COLUMNS]
        async with self.engine.connect() as conn:
            rows = (await conn.execute(stmt)).all()
        with gc_paused():
            return [_span(dict(zip(names, row, strict=True))) for row in rows]

    async def span_tree(
        self, trace_id: str, *, after: tuple[int, str] | None = None, limit: int | None = None
    ) -> list[SpanNode]:
        """The structure of one run's spans in (start time, span id) order."""
        stmt = _page(select(*_TREE_COLUMNS), trace_id, after, limit, None)
        async with self.engine.connect() as conn:
            result = await conn.execute(stmt)
            with gc_paused():  # up to 50,000 rows: no collector runs meanwhile
                return [SpanNode(*row) for row in result.all()]

    async def list_runs(
        self, f: RunFilter, *, sort: RunSort, order: SortOrder, limit: int, cursor: str | None
    ) -> RunPage:
        """The API's trace list: its filters and sort keys, keyset-paginated."""
        key = trace_queries.sort_column(trace_queries.TraceSort(sort.value))
        kind = f"runs:{sort.value}:{order.value}"
        conds = trace_queries.conditions(
            trace_queries.TraceFilter(
                project=f.project,
                status=f.status,
                agent=f.agent,
                framework=f.framework,
                q=f.q,
                since_ns=f.since_ns,
                until_ns=f.until_ns,
            )
        )
        if f.trace_ids is not None:
            conds.append(trace_queries.among(T.c.trace_id, f.trace_ids))
        if cursor is not None:
            last_key, last_id = decode_cursor(cursor, kind, (int, str))
            row_key = tuple_(key, T.c.trace_id)
            if order is SortOrder.DESC:
                conds.append(row_key < tuple_(last_key, last_id))
            else:
                conds.append(row_key > tuple_(last_key, last_id))
        stmt = select(T, key.label("sort_key")).where(trace_queries.true_if_empty(conds))
        if order is SortOrder.DESC:
            stmt = stmt.order_by(key.desc(), T.c.trace_id.desc())
        else:
            stmt = stmt.order_by(key.asc(), T.c.trace_id.asc())
        async with self.engine.connect() as conn:
            rows = (await conn.execute(stmt.limit(limit + 1))).all()
            next_cursor = None
            if len(rows) > limit:
                rows = rows[:limit]
                next_cursor = encode_cursor(kind, int(rows[-1].sort_key), rows[-1].trace_id)
            names = await trace_queries.agent_names(conn, [row.trace_id for row in rows])
        return RunPage([_summary(row, names.get(row.trace_id, [])) for row in rows], next_cursor)

    async def search(self, text: str, *, project: str | None, limit: int) -> list[SearchHit]:
        """Spans whose name, input or output contains ``text`` (ILIKE), latest first."""
        pattern = trace_queries.like_pattern(text)
        conds: list[ColumnElement[bool]] = [
            or_(
                S.c.name.ilike(pattern, escape="\\"),
                S.c.input.ilike(pattern, escape="\\"),
                S.c.output.ilike(pattern, escape="\\"),
            )
        ]
        if project is not None:
            conds.append(S.c.project == project)
        stmt = (
            select(S.c.trace_id, S.c.span_id, S.c.name, S.c.span_type, S.c.start_time)
            .where(*conds)
            .order_by(S.c.start_time.desc(), S.c.trace_id.desc(), S.c.span_id.desc())
            .limit(limit)
        )
        async with self.engine.connect() as conn:
            return [SearchHit(*row) for row in await conn.execute(stmt)]

    async def agent_figures(self, f: AgentFilter) -> list[AgentFigures]:
        """The API's agent figures (without cost and failure modes: not span figures)."""
        filt = agent_queries.AgentFilter(
            project=f.project, since_ns=f.since_ns, until_ns=f.until_ns, name=f.name
        )
        async with self.engine.connect() as conn:
            stats = await agent_queries.agent_stats(conn, filt, with_modes=False)
        return [
            AgentFigures(
                name=item["name"],
                runs=item["runs"],
                error_runs=item["error_runs"],
                total_tokens=item["total_tokens"],
                latency_p50_ms=item["latency_p50_ms"],
                latency_p95_ms=item["latency_p95_ms"],
                last_seen=item["last_seen"],
                projects=tuple(item["projects"]),
                frameworks=tuple(item["frameworks"]),
            )
            for item in stats
        ]


def _page(
    stmt: Select[Any],
    trace_id: str,
    after: tuple[int, str] | None,
    limit: int | None,
    span_id: str | None,
) -> Select[Any]:
    stmt = stmt.where(S.c.trace_id == trace_id)
    if span_id is not None:
        stmt = stmt.where(S.c.span_id == span_id)
    if after is not None:
        stmt = stmt.where(tuple_(S.c.start_time, S.c.span_id) > tuple_(*after))
    stmt = stmt.order_by(S.c.start_time, S.c.span_id)
    return stmt.limit(limit) if limit is not None else stmt


def _span(fields: dict[str, Any]) -> Span:
    """A span of one row; a NULL or malformed JSON column reads as the field's default."""
    for name in _JSON:
        if fields[name] is not None:
            fields[name] = load_json(fields[name])
    for name, kind in (("attributes", dict), ("events", list), ("links", list)):
        if not isinstance(fields[name], kind):
            del fields[name]
    if not all(isinstance(e, dict) for e in fields.get("events", ())):
        fields["events"] = [e for e in fields["events"] if isinstance(e, dict)]
    if not all(isinstance(lk, dict) for lk in fields.get("links", ())):
        fields["links"] = [lk for lk in fields["links"] if isinstance(lk, dict)]
    return Span.model_validate(fields)


def _summary(row: Any, agents: list[str]) -> RunSummary:
    return replace(summary_of_row(row), agents=tuple(agents))
