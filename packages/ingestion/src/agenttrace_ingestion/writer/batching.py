"""One flush of the writer: merge the queued batches, commit, and isolate bad rows.

A flush is one transaction (with a span store of its own, the spans' append inside it:
:mod:`.split`). When the database refuses some row, the batches are committed one by one and
the failing one record by record, so a bad row costs only itself (its span is reported in
``partial_success``); when the database (or the span store) is unreachable nothing is acked
and every waiting request gets 503.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

from agenttrace_core.db import Dialect
from agenttrace_core.store import SpanStore
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_ingestion import metrics
from agenttrace_ingestion.errors import UnavailableError
from agenttrace_ingestion.normalizers import RejectedSpan
from agenttrace_ingestion.rejections import RateLimitedLog
from agenttrace_ingestion.writer import split, store
from agenttrace_ingestion.writer.failures import FailureKind, classify
from agenttrace_ingestion.writer.prepared import PreparedBatch, combine, refused_spans
from agenttrace_ingestion.writer.rows import I_SPAN, I_TRACE

logger = logging.getLogger(__name__)
_LOG = RateLimitedLog(logger)

TRANSIENT_RETRIES = 5
_COMBINE_IN_THREAD = 2000
"""Commits of more spans than this are de-duplicated and sorted off the event loop."""


@dataclass
class WriteResult:
    """What one queued batch got from a flush: what its request learns once committed."""

    stored: int = 0
    duplicates: int = 0
    rejected: list[RejectedSpan] = field(default_factory=list)


class _BadData(Exception):
    """The database refused a row of the commit (carries the original error)."""


async def flush(
    engine: AsyncEngine,
    dialect: Dialect,
    batches: list[PreparedBatch],
    known_projects: set[str],
    spans: SpanStore | None = None,
) -> list[WriteResult]:
    """Commit ``batches`` together; raises :class:`UnavailableError` when nothing was stored.

    ``spans``: the span store of the spans and agents when it is not the relational database
    (:mod:`~agenttrace_ingestion.writer.split`); None writes everything to ``engine``.
    """
    try:
        stats = await _commit(engine, dialect, batches, known_projects, spans)
    except _BadData:
        if len(batches) == 1:
            return [await _isolate(engine, dialect, batches[0], known_projects, spans)]
        outcomes = []
        for batch in batches:
            outcomes.extend(await flush(engine, dialect, [batch], known_projects, spans))
        return outcomes
    outcomes = []
    for batch in batches:
        refused = refused_spans(batch, stats.refused)
        outcomes.append(WriteResult(stored=batch.span_count - len(refused), rejected=refused))
    return outcomes


async def _commit(
    engine: AsyncEngine,
    dialect: Dialect,
    batches: list[PreparedBatch],
    known_projects: set[str],
    spans: SpanStore | None,
) -> store.WriteStats:
    """One transaction, run again after deadlocks; classifies what goes wrong."""
    if sum(b.span_count for b in batches) > _COMBINE_IN_THREAD:
        prepared = await asyncio.to_thread(combine, batches)
    else:
        prepared = combine(batches)
    appended: set[tuple[str, str]] = set()  # by earlier attempts, in the separate span store
    for attempt in range(TRANSIENT_RETRIES + 1):
        started = time.perf_counter()
        try:
            if spans is None:
                stats = await store.write(engine, dialect, prepared, known_projects)
            else:
                stats = await split.write(
                    engine, dialect, prepared, known_projects, spans, appended
                )
        except Exception as exc:
            kind = classify(exc)
            metrics.WRITE_FAILURES.labels(kind.value).inc()
            match kind:
                case FailureKind.TRANSIENT if attempt < TRANSIENT_RETRIES:
                    logger.info("commit conflict (%s), retrying", exc)
                    await asyncio.sleep(0.01 * 2**attempt)
                    continue
                case FailureKind.TRANSIENT | FailureKind.UNAVAILABLE:
                    logger.warning("database unavailable: %s", exc)
                    raise UnavailableError(f"the database is unavailable: {exc}") from exc
                case FailureKind.BAD_DATA:
                    raise _BadData(str(exc)) from exc
        metrics.COMMIT_SECONDS.observe(time.perf_counter() - started)
        metrics.BATCH_SPANS.observe(len(prepared.span_rows))
        metrics.SPANS_STORED.inc(stats.spans_inserted)
        metrics.SPANS_DUPLICATE.inc(stats.spans_duplicate)
        return stats
    raise AssertionError("unreachable")  # pragma: no cover


async def _isolate(
    engine: AsyncEngine,
    dialect: Dialect,
    batch: PreparedBatch,
    known_projects: set[str],
    spans: SpanStore | None,
) -> WriteResult:
    """Commit each record of ``batch`` alone; refused spans are reported, the rest stored."""
    outcome = WriteResult()
    for row in batch.span_rows:
        single = PreparedBatch(
            span_rows=[row], sessions=batch.sessions, projects=batch.projects, claims=batch.claims
        )
        try:
            stats = await _commit(engine, dialect, [single], known_projects, spans)
        except _BadData as exc:  # counted and logged (at a bounded rate) by the receiver
            reason = f"refused by the database: {str(exc)[:200]}"
            outcome.rejected.append(RejectedSpan(row[I_TRACE], row[I_SPAN], reason))
        else:
            refused = refused_spans(single, stats.refused)
            outcome.rejected.extend(refused)
            outcome.stored += 1 - len(refused)
    others = (
        [("agents", PreparedBatch(agent_rows=[a])) for a in batch.agent_rows]
        + [("agent_messages", PreparedBatch(message_rows=[m])) for m in batch.message_rows]
        + [
            ("checkpoints", PreparedBatch(blob_rows=[b], checkpoint_rows=[c]))
            for b, c in zip(batch.blob_rows, batch.checkpoint_rows, strict=True)
        ]
    )
    for table, single in others:
        single.projects, single.claims = batch.projects, batch.claims
        try:
            await _commit(engine, dialect, [single], known_projects, spans)
        except _BadData as exc:
            metrics.RECORDS_DROPPED.labels(table).inc()
            _LOG.warning(table, 1, "a record of %s was refused by the database: %s", table, exc)
    return outcome
