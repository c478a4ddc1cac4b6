"""One group commit: every record of a merged batch in one transaction.

Spans go straight into ``spans`` (COPY on PostgreSQL, executemany on SQLite) inside a
savepoint; when one of them is stored already (a retried export), the savepoint is rolled back
and they take the path of the other records: ``INSERT … SELECT … ON CONFLICT DO NOTHING
RETURNING`` from the rows (see :mod:`.drivers`), so that the rows really inserted are known.
Only those are counted into the trace summaries, which the database merges atomically
(:mod:`agenttrace_ingestion.writer.summaries`). ``ON CONFLICT`` names no target for spans: on
TimescaleDB their unique index is ``(trace_id, span_id, start_time)``.

A trace belongs to the project that first wrote it. The records of a request made with a
project's API key *claim* their traces first, in the same transaction: a trace that does not
exist yet is created as that project's, and the records of a trace that belongs to another
project are left out and reported as refused (the receiver names them in ``partial_success``).
Concurrent claims of one new trace, from any replica, are decided by its primary key: the
second waits for the first to commit and then sees its owner.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from agenttrace_core.db import Dialect
from agenttrace_core.db.dialect import AGENT_FIGURES_UNNEST, agent_figures_sql
from agenttrace_core.db.types import utcnow
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_ingestion.writer import rows as r
from agenttrace_ingestion.writer.drivers import Driver, driver_for
from agenttrace_ingestion.writer.prepared import PreparedBatch, span_summaries, without
from agenttrace_ingestion.writer.summaries import (
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
    refused: set[tuple[str, str]] = field(default_factory=set)
    """(trace id, project) claims refused: the trace belongs to another project."""
    inserted: list[tuple[Any, ...]] = field(default_factory=list)
    """The span rows new to the store (the others were stored already)."""


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


@contextlib.asynccontextmanager
async def transaction(engine: AsyncEngine, dialect: Dialect) -> AsyncIterator[Driver]:
    """The driver of one transaction: committed when the block ends, else rolled back."""
    async with engine.connect() as conn:
        raw = await conn.get_raw_connection()
        driver = driver_for(dialect, raw.driver_connection)
        await driver.begin()
        try:
            yield driver
            await driver.commit()
        except BaseException:
            await driver.rollback()
            raise


async def checkpoint(engine: AsyncEngine, mode: str = "PASSIVE") -> None:
    """SQLite: copy the write-ahead log into the database file (``PRAGMA wal_checkpoint``)."""
    if mode not in ("PASSIVE", "FULL", "RESTART", "TRUNCATE"):
        raise ValueError(f"unknown checkpoint mode {mode!r}")
    async with engine.connect() as conn:
        await conn.exec_driver_sql(f"PRAGMA wal_checkpoint({mode})")


async def _write(driver: Driver, batch: PreparedBatch, known_projects: set[str]) -> WriteStats:
    now = driver.timestamp(utcnow())
    batch, claimed, refused = await claim_and_register(driver, batch, known_projects, now)
    new_rows: list[tuple[Any, ...]]
    if batch.span_rows and await driver.insert_all("spans", r.SPAN_COLUMNS, batch.span_rows):
        new_rows = batch.span_rows  # none was stored yet: the usual case
    else:
        inserted = await move(
            driver,
            "spans",
            r.SPAN_COLUMNS,
            batch.span_rows,
            order="trace_id, span_id",
            returning="trace_id, span_id",
        )
        by_key = {row[: r.SPAN_KEY]: row for row in batch.span_rows}
        new_rows = [by_key[key] for key in inserted]
    deltas, figures = span_summaries(batch, new_rows)  # computed by the decode step, mostly
    if batch.agent_rows:
        new_agents = await move(
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
        projects = {row[r.A_TRACE]: row[r.A_PROJECT] for row in batch.agent_rows}
        for trace_id, count in Counter(trace_id for (trace_id,) in new_agents).items():
            delta_for(deltas, trace_id, projects[trace_id], None, None).agent_count += count
    if figures and driver.dialect is Dialect.POSTGRESQL:  # after the agents' rows: onto them
        await driver.fetch(AGENT_FIGURES_UNNEST, [list(c) for c in zip(*figures, strict=True)])
    elif figures:
        await driver.executemany(agent_figures_sql(driver.dialect), figures)
    await add_records(driver, batch, deltas)
    await merge_traces(driver, deltas, now)
    await drop_unfilled(driver, claimed - deltas.keys())
    return WriteStats(
        spans_inserted=len(new_rows),
        spans_duplicate=len(batch.span_rows) - len(new_rows),
        traces_touched=len(deltas),
        refused=refused,
        inserted=new_rows,
    )


async def add_records(driver: Driver, batch: PreparedBatch, deltas: dict[str, TraceDelta]) -> None:
    """Insert the checkpoints (and their states) and messages not stored yet; the new ones
    widen their trace's time span in ``deltas``."""
    if batch.blob_rows:
        await move(driver, "checkpoint_blobs", r.BLOB_COLUMNS, batch.blob_rows, order="hash")
    for table, columns, rows, (at_id, at_trace, at_project, at_time) in (
        ("checkpoints", r.CHECKPOINT_COLUMNS, batch.checkpoint_rows, _CHECKPOINT_AT),
        ("agent_messages", r.MESSAGE_COLUMNS, batch.message_rows, _MESSAGE_AT),
    ):
        if rows:
            by_id = {row[at_id]: row for row in rows}
            for (row_id,) in await move(driver, table, columns, rows, order="id", returning="id"):
                row = by_id[row_id]
                at = row[at_time] or None
                delta_for(deltas, row[at_trace], row[at_project], at, at)


async def merge_traces(driver: Driver, deltas: dict[str, TraceDelta], now: Any) -> None:
    """Merge the increments of ``deltas`` into the trace summaries (created when new)."""
    if deltas:
        await driver.executemany(
            f"INSERT INTO traces ({', '.join(TRACE_COLUMNS)}) "
            f"VALUES ({driver.placeholders(len(TRACE_COLUMNS))}) {TRACE_MERGE_SQL}",
            [deltas[t].row(now) for t in sorted(deltas)],
        )


async def drop_unfilled(driver: Driver, claimed: set[str]) -> None:
    """Delete the traces claimed by this commit that got nothing of it (ids taken elsewhere):
    no empty run."""
    empty = sorted(claimed)
    if empty:
        await driver.executemany(
            f"DELETE FROM traces WHERE trace_id = {driver.placeholders(1)} AND span_count = 0 "
            f"AND start_time = {_UNSTARTED}",
            [(trace_id,) for trace_id in empty],
        )


async def claim_and_register(
    driver: Driver, batch: PreparedBatch, known_projects: set[str], now: Any
) -> tuple[PreparedBatch, set[str], set[tuple[str, str]]]:
    """Claim the batch's traces for its project and store its new projects.

    Returns the batch without its refused records, the traces claimed (created) now, and the
    refused (trace id, project) claims.
    """
    refused: set[tuple[str, str]] = set()
    claimed: set[str] = set()
    if batch.claims:
        claimed, refused = await _claim(driver, batch.claims, now)
        if refused:
            batch = without(batch, refused)
    new_projects = sorted(batch.projects - known_projects)
    if new_projects:
        await driver.executemany(
            "INSERT INTO projects (name, created_at) VALUES "
            f"({driver.placeholders(2)}) ON CONFLICT (name) DO NOTHING",
            [(name, now) for name in new_projects],
        )
    return batch, claimed, refused


_CHECKPOINT_AT = (r.C_ID, r.C_TRACE, r.C_PROJECT, r.C_TIMESTAMP)
_MESSAGE_AT = (r.M_ID, r.M_TRACE, r.M_PROJECT, r.M_TIMESTAMP)
_UNSTARTED = 2**63 - 1
"""``start_time`` of a claimed trace until its first records are merged into it."""
_CLAIM_CHUNK = 500


async def _claim(
    driver: Driver, claims: set[tuple[str, str]], now: Any
) -> tuple[set[str], set[tuple[str, str]]]:
    """Create the claimed traces that do not exist yet; returns them and the refused claims.

    A created trace is an empty summary (``_UNSTARTED`` to 0) that the merge of this commit's
    records fills in, as if it were inserted then. Trace ids are claimed in sorted order (the
    same lock order in every writer).
    """
    wanted: dict[str, str] = {}
    for trace_id, project in sorted(claims):
        wanted.setdefault(trace_id, project)
    before = await _owners(driver, list(wanted))
    new = [(t, p) for t, p in wanted.items() if t not in before]
    owners = dict(before)
    if new:
        await driver.executemany(
            "INSERT INTO traces (trace_id, project, status, start_time, end_time, updated_at) "
            f"VALUES ({driver.placeholders(6)}) ON CONFLICT (trace_id) DO NOTHING",
            [(t, p, "unset", _UNSTARTED, 0, now) for t, p in new],
        )
        owners.update(await _owners(driver, [t for t, _p in new]))
    claimed = {t for t, p in new if owners.get(t) == p}
    return claimed, {(t, p) for t, p in claims if owners.get(t) != p}


async def _owners(driver: Driver, ids: list[str]) -> dict[str, str]:
    """The project of each of the traces ``ids`` that exists (read in chunks)."""
    owners: dict[str, str] = {}
    for i in range(0, len(ids), _CLAIM_CHUNK):
        chunk = ids[i : i + _CLAIM_CHUNK]
        sql = (
            "SELECT trace_id, project FROM traces "
            f"WHERE trace_id IN ({driver.placeholders(len(chunk))})"
        )
        owners.update((str(t), str(p)) for t, p in await driver.fetch(sql, chunk))
    return owners


async def move(
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
