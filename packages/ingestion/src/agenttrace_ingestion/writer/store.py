"""One group commit: every record of a merged batch in one transaction.

Spans go straight into ``spans`` (COPY on PostgreSQL, executemany on SQLite) inside a
savepoint; when one of them is stored already (a retried export), the savepoint is rolled back
and they take the path of the other records: ``INSERT … SELECT … ON CONFLICT DO NOTHING
RETURNING`` from the rows (see :mod:`.drivers`), so that the rows really inserted are known.
Only those are counted into the trace summaries, which the database merges atomically
(:mod:`agenttrace_ingestion.writer.summaries`). ``ON CONFLICT`` names no target for spans: on
TimescaleDB their unique index is ``(trace_id, span_id, start_time)``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from agenttrace_core.db import Dialect
from agenttrace_core.db.dialect import AGENT_FIGURES_UNNEST, agent_figures_sql
from agenttrace_core.db.types import utcnow
from agenttrace_core.models import NormalizedBatch
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_ingestion.writer import rows as r
from agenttrace_ingestion.writer.drivers import Driver, driver_for
from agenttrace_ingestion.writer.summaries import (
    ERROR_STATUS,
    I_AGENT,
    I_END,
    I_START,
    I_STATUS,
    I_TOTAL_TOKENS,
    SESSION_KEYS,
    TRACE_COLUMNS,
    TRACE_MERGE_SQL,
    TraceDelta,
    delta_for,
)

_AGENT_MERGE_SQL = """
UPDATE agents SET
  role = COALESCE(agents.role, i.role),
  framework = COALESCE(agents.framework, i.framework),
  model = COALESCE(agents.model, i.model),
  first_seen = CASE WHEN i.first_seen < agents.first_seen
    THEN i.first_seen ELSE agents.first_seen END
FROM {source}
WHERE agents.trace_id = i.trace_id AND agents.name = i.name AND (
  (agents.role IS NULL AND i.role IS NOT NULL)
  OR (agents.framework IS NULL AND i.framework IS NOT NULL)
  OR (agents.model IS NULL AND i.model IS NOT NULL)
  OR i.first_seen < agents.first_seen)
"""


@dataclass
class WriteStats:
    """What one commit did."""

    spans_inserted: int = 0
    spans_duplicate: int = 0
    traces_touched: int = 0


@dataclass
class PreparedBatch:
    """The rows of one or more batches: plain tuples, cheap to pickle between processes."""

    span_rows: list[tuple[Any, ...]] = field(default_factory=list)
    sessions: dict[tuple[str, str], str] = field(default_factory=dict)
    """Session id of the spans that carry one (``session.id``, ``gen_ai.conversation.id``)."""
    agent_rows: list[tuple[Any, ...]] = field(default_factory=list)
    message_rows: list[tuple[Any, ...]] = field(default_factory=list)
    blob_rows: list[tuple[Any, ...]] = field(default_factory=list)
    checkpoint_rows: list[tuple[Any, ...]] = field(default_factory=list)
    projects: set[str] = field(default_factory=set)

    @property
    def span_count(self) -> int:
        """Spans in the batch."""
        return len(self.span_rows)


def prepare(batch: NormalizedBatch) -> PreparedBatch:
    """Build the rows of ``batch`` (one pass per record)."""
    resources: dict[int, str] = {}
    span_rows = []
    sessions: dict[tuple[str, str], str] = {}
    for span in batch.spans:
        span_rows.append(r.span_row(span, resources))
        attributes = span.attributes
        for key in SESSION_KEYS:
            value = attributes.get(key)
            if value:
                sessions[(span.trace_id, span.span_id)] = str(value)
                break
    blobs, checkpoints = [], []
    for checkpoint in batch.checkpoints:
        blob, row = r.checkpoint_rows(checkpoint)
        blobs.append(blob)
        checkpoints.append(row)
    projects = {s.project for s in batch.spans} | {a.project for a in batch.agents}
    return PreparedBatch(
        span_rows=span_rows,
        sessions=sessions,
        agent_rows=[r.agent_row(a) for a in batch.agents],
        message_rows=[r.message_row(m) for m in batch.messages],
        blob_rows=blobs,
        checkpoint_rows=checkpoints,
        projects={p[:255] for p in projects},
    )


def combine(batches: list[PreparedBatch]) -> PreparedBatch:
    """One batch of distinct rows sorted by key (the first of duplicates kept).

    Sorted keys make every writer take row locks in the same order: no deadlocks between
    concurrent commits or replicas.
    """
    sessions: dict[tuple[str, str], str] = {}
    projects: set[str] = set()
    for batch in batches:
        sessions.update(batch.sessions)
        projects |= batch.projects
    return PreparedBatch(
        span_rows=r.first_by_key((row for b in batches for row in b.span_rows), 2),
        sessions=sessions,
        agent_rows=_merge_agents([row for b in batches for row in b.agent_rows]),
        message_rows=r.first_by_key((row for b in batches for row in b.message_rows), 1),
        blob_rows=r.first_by_key((row for b in batches for row in b.blob_rows), 1),
        checkpoint_rows=r.first_by_key((row for b in batches for row in b.checkpoint_rows), 1),
        projects=projects,
    )


def _merge_agents(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """One row per (trace, agent name): the first value of each column, earliest first_seen."""
    merged: dict[tuple[Any, ...], list[Any]] = {}
    for row in rows:
        key = row[:2]
        have = merged.get(key)
        if have is None:
            merged[key] = list(row)
            continue
        for i in (3, 4, 5):
            if have[i] is None:
                have[i] = row[i]
        have[7] = min(have[7], row[7])
    return [tuple(merged[key]) for key in sorted(merged)]


async def write(
    engine: AsyncEngine, dialect: Dialect, batch: PreparedBatch, known_projects: set[str]
) -> WriteStats:
    """Store ``batch`` in one transaction; returns what was inserted."""
    async with engine.connect() as conn:
        raw = await conn.get_raw_connection()
        driver = driver_for(dialect, raw.driver_connection)
        await driver.begin()
        try:
            stats = await _write(driver, batch, known_projects)
            await driver.commit()
        except BaseException:
            await driver.rollback()
            raise
    known_projects.update(batch.projects)
    return stats


async def checkpoint(engine: AsyncEngine, mode: str = "PASSIVE") -> None:
    """SQLite: copy the write-ahead log into the database file (``PRAGMA wal_checkpoint``)."""
    if mode not in ("PASSIVE", "FULL", "RESTART", "TRUNCATE"):
        raise ValueError(f"unknown checkpoint mode {mode!r}")
    async with engine.connect() as conn:
        await conn.exec_driver_sql(f"PRAGMA wal_checkpoint({mode})")


async def _write(driver: Driver, batch: PreparedBatch, known_projects: set[str]) -> WriteStats:
    now = driver.timestamp(utcnow())
    new_projects = sorted(batch.projects - known_projects)
    if new_projects:
        await driver.executemany(
            "INSERT INTO projects (name, created_at) VALUES "
            f"({driver.placeholders(2)}) ON CONFLICT (name) DO NOTHING",
            [(name, now) for name in new_projects],
        )
    deltas: dict[str, TraceDelta] = {}
    new_rows: list[tuple[Any, ...]]
    if batch.span_rows and await driver.insert_all("spans", r.SPAN_COLUMNS, batch.span_rows):
        new_rows = batch.span_rows  # none was stored yet: the usual case
    else:
        inserted = await _move(
            driver,
            "spans",
            r.SPAN_COLUMNS,
            batch.span_rows,
            order="trace_id, span_id",
            returning="trace_id, span_id",
        )
        by_key = {row[:2]: row for row in batch.span_rows}
        new_rows = [by_key[key] for key in inserted]
    for row in new_rows:
        delta = delta_for(deltas, row[0], row[3], None, None)
        delta.add_span(row, batch.sessions.get(row[:2]))
    if batch.agent_rows:
        new_agents = await _move(
            driver,
            "agents",
            r.AGENT_COLUMNS,
            batch.agent_rows,
            order="trace_id, name",
            returning="trace_id",
        )
        if len(new_agents) < len(batch.agent_rows):
            source, args = await driver.source("agents", r.AGENT_COLUMNS, batch.agent_rows, "i")
            await driver.fetch(_AGENT_MERGE_SQL.format(source=source), args)
        projects = {row[0]: row[2] for row in batch.agent_rows}
        for trace_id, count in Counter(row[0] for row in new_agents).items():
            delta_for(deltas, trace_id, projects[trace_id], None, None).agent_count += count
    figures = _agent_figures(new_rows)
    if figures and driver.dialect is Dialect.POSTGRESQL:  # after the agents' rows: onto them
        await driver.fetch(AGENT_FIGURES_UNNEST, [list(c) for c in zip(*figures, strict=True)])
    elif figures:
        await driver.executemany(agent_figures_sql(driver.dialect), figures)
    if batch.blob_rows:
        await _move(driver, "checkpoint_blobs", r.BLOB_COLUMNS, batch.blob_rows, order="hash")
    for table, columns, rows, at in (
        ("checkpoints", r.CHECKPOINT_COLUMNS, batch.checkpoint_rows, 13),
        ("agent_messages", r.MESSAGE_COLUMNS, batch.message_rows, 8),
    ):
        if rows:
            by_id = {row[0]: row for row in rows}
            for (row_id,) in await _move(driver, table, columns, rows, order="id", returning="id"):
                row = by_id[row_id]
                delta_for(deltas, row[1], row[3], row[at] or None, row[at] or None)
    if deltas:
        await driver.executemany(
            f"INSERT INTO traces ({', '.join(TRACE_COLUMNS)}) "
            f"VALUES ({driver.placeholders(len(TRACE_COLUMNS))}) {TRACE_MERGE_SQL}",
            [deltas[t].row(now) for t in sorted(deltas)],
        )
    return WriteStats(
        spans_inserted=len(new_rows),
        spans_duplicate=len(batch.span_rows) - len(new_rows),
        traces_touched=len(deltas),
    )


def _agent_figures(new_rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Per (trace, agent): the figures the newly stored spans add to the agent's run.

    Rows in :data:`~agenttrace_core.db.dialect.AGENT_FIGURES` order, sorted by key (the same
    lock order in every writer). Every agent of a span has its row: the normalizers make one.
    """
    runs: dict[tuple[str, str], list[int]] = {}
    for row in new_rows:
        agent = row[I_AGENT]
        if agent is None:
            continue
        error = 1 if row[I_STATUS] == ERROR_STATUS else 0
        tokens = row[I_TOTAL_TOKENS] or 0
        figures = runs.get((row[0], agent))
        if figures is None:
            runs[(row[0], agent)] = [1, error, tokens, row[I_END], row[I_START]]
        else:
            figures[0] += 1
            figures[1] += error
            figures[2] += tokens
            figures[3] = max(figures[3], row[I_END])
            figures[4] = min(figures[4], row[I_START])
    return [(*runs[key], *key) for key in sorted(runs)]


async def _move(
    driver: Driver,
    table: str,
    columns: tuple[str, ...],
    rows: list[tuple[Any, ...]],
    *,
    order: str,
    returning: str | None = None,
) -> list[tuple[Any, ...]]:
    """Insert the ``rows`` not stored yet; returns the inserted keys."""
    if not rows:
        return []
    source, args = await driver.source(table, columns, rows, "i")
    cols = ", ".join(columns)
    sql = (
        f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {source} WHERE true "
        f"ORDER BY {order} ON CONFLICT DO NOTHING"
    )
    if returning is None:
        await driver.fetch(sql, args)
        return []
    return await driver.fetch(f"{sql} RETURNING {returning}", args)
