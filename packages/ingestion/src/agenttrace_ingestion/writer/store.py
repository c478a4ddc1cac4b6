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

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from agenttrace_core.db import Dialect
from agenttrace_core.db.dialect import AGENT_FIGURES_UNNEST, agent_figures_sql
from agenttrace_core.db.types import utcnow
from agenttrace_core.models import NormalizedBatch
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_ingestion.normalizers import RejectedSpan
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
    refused: set[tuple[str, str]] = field(default_factory=set)
    """(trace id, project) claims refused: the trace belongs to another project."""


REFUSED_REASON = "the trace belongs to another project"


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
    claims: set[tuple[str, str]] = field(default_factory=set)
    """(trace id, project) of the records sent with a project's API key: such a trace must be
    (or become) that project's, else its records of that project are refused."""

    @property
    def span_count(self) -> int:
        """Spans in the batch."""
        return len(self.span_rows)


def prepare(batch: NormalizedBatch, *, tenant: str | None = None) -> PreparedBatch:
    """Build the rows of ``batch`` (one pass per record).

    ``tenant`` is the project of the API key that sent it (None: an admin key, or keys are
    off): its traces are claimed for that project when written.
    """
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
    prepared = PreparedBatch(
        span_rows=span_rows,
        sessions=sessions,
        agent_rows=[r.agent_row(a) for a in batch.agents],
        message_rows=[r.message_row(m) for m in batch.messages],
        blob_rows=blobs,
        checkpoint_rows=checkpoints,
        projects={p[:255] for p in projects},
    )
    if tenant is not None:
        prepared.claims = {key for key, _row in _owned_rows(prepared)}
    return prepared


def _owned_rows(batch: PreparedBatch) -> Iterator[tuple[tuple[str, str], tuple[Any, ...]]]:
    """Every record row of ``batch`` with its (trace id, project)."""
    for row in batch.span_rows:
        yield (row[0], row[3]), row
    for row in batch.agent_rows:
        yield (row[0], row[2]), row
    for rows in (batch.message_rows, batch.checkpoint_rows):
        for row in rows:
            yield (row[1], row[3]), row


def refused_spans(batch: PreparedBatch, refused: set[tuple[str, str]]) -> list[RejectedSpan]:
    """The spans of ``batch`` that a commit refused (their trace is another project's)."""
    if not refused:
        return []
    return [
        RejectedSpan(row[0], row[1], REFUSED_REASON)
        for row in batch.span_rows
        if (row[0], row[3]) in refused
    ]


def combine(batches: list[PreparedBatch]) -> PreparedBatch:
    """One batch of distinct rows sorted by key (the first of duplicates kept).

    Sorted keys make every writer take row locks in the same order: no deadlocks between
    concurrent commits or replicas.
    """
    sessions: dict[tuple[str, str], str] = {}
    projects: set[str] = set()
    claims: set[tuple[str, str]] = set()
    for batch in batches:
        sessions.update(batch.sessions)
        projects |= batch.projects
        claims |= batch.claims
    return PreparedBatch(
        span_rows=r.first_by_key((row for b in batches for row in b.span_rows), 2),
        sessions=sessions,
        agent_rows=_merge_agents([row for b in batches for row in b.agent_rows]),
        message_rows=r.first_by_key((row for b in batches for row in b.message_rows), 1),
        blob_rows=r.first_by_key((row for b in batches for row in b.blob_rows), 1),
        checkpoint_rows=r.first_by_key((row for b in batches for row in b.checkpoint_rows), 1),
        projects=projects,
        claims=claims,
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
    refused: set[tuple[str, str]] = set()
    claimed: set[str] = set()
    if batch.claims:
        claimed, refused = await _claim(driver, batch.claims, now)
        if refused:
            batch = _without(batch, refused)
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
    empty = sorted(claimed - deltas.keys())
    if empty:  # claimed, yet nothing of theirs was new (ids taken elsewhere): no empty run
        await driver.executemany(
            f"DELETE FROM traces WHERE trace_id = {driver.placeholders(1)} AND span_count = 0 "
            f"AND start_time = {_UNSTARTED}",
            [(trace_id,) for trace_id in empty],
        )
    return WriteStats(
        spans_inserted=len(new_rows),
        spans_duplicate=len(batch.span_rows) - len(new_rows),
        traces_touched=len(deltas),
        refused=refused,
    )


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
    ids = list(wanted)
    before: dict[str, str] = {}
    for i in range(0, len(ids), _CLAIM_CHUNK):
        chunk = ids[i : i + _CLAIM_CHUNK]
        sql = (
            "SELECT trace_id, project FROM traces "
            f"WHERE trace_id IN ({driver.placeholders(len(chunk))})"
        )
        before.update((str(t), str(p)) for t, p in await driver.fetch(sql, chunk))
    new = [(t, p) for t, p in wanted.items() if t not in before]
    owners = dict(before)
    if new:
        await driver.executemany(
            "INSERT INTO traces (trace_id, project, status, start_time, end_time, updated_at) "
            f"VALUES ({driver.placeholders(6)}) ON CONFLICT (trace_id) DO NOTHING",
            [(t, p, "unset", _UNSTARTED, 0, now) for t, p in new],
        )
        ids = [t for t, _p in new]
        for i in range(0, len(ids), _CLAIM_CHUNK):
            chunk = ids[i : i + _CLAIM_CHUNK]
            sql = (
                "SELECT trace_id, project FROM traces "
                f"WHERE trace_id IN ({driver.placeholders(len(chunk))})"
            )
            owners.update((str(t), str(p)) for t, p in await driver.fetch(sql, chunk))
    claimed = {t for t, p in new if owners.get(t) == p}
    return claimed, {(t, p) for t, p in claims if owners.get(t) != p}


def _without(batch: PreparedBatch, refused: set[tuple[str, str]]) -> PreparedBatch:
    """``batch`` without the records of the refused (trace id, project) pairs."""
    dropped = {row for key, row in _owned_rows(batch) if key in refused}
    checkpoints = [row for row in batch.checkpoint_rows if row not in dropped]
    states = {row[7] for row in checkpoints}
    return PreparedBatch(
        span_rows=[row for row in batch.span_rows if row not in dropped],
        sessions=batch.sessions,
        agent_rows=[row for row in batch.agent_rows if row not in dropped],
        message_rows=[row for row in batch.message_rows if row not in dropped],
        blob_rows=[row for row in batch.blob_rows if row[0] in states],
        checkpoint_rows=checkpoints,
        projects=batch.projects,
        claims=batch.claims,
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
