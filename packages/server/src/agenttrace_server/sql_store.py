"""The SQL span store: the :class:`~agenttrace_core.store.SpanStore` of the relational database.

An adapter over the code that already reads and writes SQLite, PostgreSQL and TimescaleDB,
unchanged: appends go through the ingestion writer's group commit
(:func:`agenttrace_ingestion.writer.store.write`); the reads are the API's
(:class:`agenttrace_api.sql_reads.SqlSpanReads`: the trace list with its filters and sort
keys, agent figures, a run read as the analysis reads it). It lives in the server package
because only the server may import the services it joins.
"""

from __future__ import annotations

from agenttrace_api.sql_reads import SqlSpanReads
from agenttrace_core.db import Dialect
from agenttrace_core.models import NormalizedBatch
from agenttrace_core.store import AppendResult, RowBatch
from agenttrace_ingestion.writer.prepared import PreparedBatch, prepare
from agenttrace_ingestion.writer.store import write
from sqlalchemy.ext.asyncio import AsyncEngine


class SqlSpanStore(SqlSpanReads):
    """Spans in the relational database (the default store)."""

    def __init__(self, engine: AsyncEngine) -> None:
        """Use ``engine`` (migrated to head); the store does not dispose of it."""
        super().__init__(engine)
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

    async def close(self) -> None:
        """Nothing of its own to release (the engine is the caller's)."""
