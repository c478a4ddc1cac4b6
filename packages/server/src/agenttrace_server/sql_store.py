"""The SQL span store: the :class:`~agenttrace_core.store.SpanStore` of the relational database.

An adapter over the code that already reads and writes SQLite, PostgreSQL and TimescaleDB,
unchanged: appends go through the ingestion writer's group commit
(:func:`agenttrace_ingestion.writer.store.write`), runs are read by the analysis
(:func:`agenttrace_analysis.trace_loading.load_trace`), the run list is the API's trace list
(its filters and sort keys) and agent figures are the API's. It lives in the server package
because only the server may import all three services.
"""

from __future__ import annotations

from typing import Any

from agenttrace_analysis.trace_loading import load_trace
from agenttrace_api.queries import agents as agent_queries
from agenttrace_api.queries import traces as trace_queries
from agenttrace_core.db import Dialect
from agenttrace_core.db import schema as s
from agenttrace_core.models import NormalizedBatch
from agenttrace_core.store import (
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
    decode_cursor,
    encode_cursor,
)
from agenttrace_ingestion.writer.prepared import PreparedBatch, prepare
from agenttrace_ingestion.writer.store import write
from sqlalchemy import and_, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncEngine

T = s.traces
S = s.spans


class SqlSpanStore:
    """Spans in the relational database (the default store)."""

    def __init__(self, engine: AsyncEngine) -> None:
        """Use ``engine`` (migrated to head); the store does not dispose of it."""
        self.engine = engine
        self.dialect = Dialect.of(engine)
        self._known_projects: set[str] = set()

    async def append(self, batch: NormalizedBatch) -> AppendResult:
        """One group commit of the ingestion writer."""
        return await self._write(prepare(batch))

    async def append_rows(self, batch: RowBatch) -> AppendResult:
        """One group commit of prepared rows (no cost or session: those come with
        :meth:`append`, or the ingestion writer's own path)."""
        projects = {row[3] for row in batch.spans} | {row[2] for row in batch.agents}
        prepared = PreparedBatch(span_rows=batch.spans, agent_rows=batch.agents, projects=projects)
        return await self._write(prepared)

    async def _write(self, prepared: PreparedBatch) -> AppendResult:
        stats = await write(self.engine, self.dialect, prepared, self._known_projects)
        new = {row[:2] for row in stats.inserted}
        return AppendResult(
            stats.spans_inserted,
            stats.spans_duplicate,
            stats.refused,
            duplicates={row[:2] for row in prepared.span_rows} - new,
        )

    async def read_run(self, trace_id: str) -> Run | None:
        """The run as the analysis reads it (this trace alone, no linked ones)."""
        data = await load_trace(self.engine, trace_id, follow_links=False)
        if data is None:
            return None
        return Run(spans=data.spans, agents=data.agents)

    async def list_runs(
        self, f: RunFilter, *, sort: RunSort, order: SortOrder, limit: int, cursor: str | None
    ) -> RunPage:
        """The API's trace list: its filters and sort keys, keyset-paginated."""
        key = trace_queries._sort_column(trace_queries.TraceSort(sort.value))
        kind = f"runs:{sort.value}:{order.value}"
        conds = trace_queries._conditions(
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
        conds.append(T.c.span_count > 0)  # a claimed trace with no records yet is no run
        if cursor is not None:
            last_key, last_id = decode_cursor(cursor, kind, (int, str))
            row_key = tuple_(key, T.c.trace_id)
            if order is SortOrder.DESC:
                conds.append(row_key < tuple_(last_key, last_id))
            else:
                conds.append(row_key > tuple_(last_key, last_id))
        stmt = select(T, key.label("sort_key")).where(and_(*conds))
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
        conds = [
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
        """The API's agent figures (without the failure modes: those are annotations)."""
        filt = agent_queries.AgentFilter(
            project=f.project, since_ns=f.since_ns, until_ns=f.until_ns, name=f.name
        )
        async with self.engine.connect() as conn:
            stats = await agent_queries.agent_stats(conn, filt)
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

    async def close(self) -> None:
        """Nothing of its own to release (the engine is the caller's)."""


def _summary(row: Any, agents: list[str]) -> RunSummary:
    return RunSummary(
        trace_id=row.trace_id,
        project=row.project,
        name=row.name,
        root_span_id=row.root_span_id,
        framework=row.framework,
        status=row.status,
        start_time=row.start_time,
        end_time=row.end_time,
        span_count=row.span_count,
        error_count=row.error_count,
        agent_count=row.agent_count,
        input_tokens=row.input_tokens,
        output_tokens=row.output_tokens,
        total_tokens=row.total_tokens,
        agents=tuple(agents),
    )
