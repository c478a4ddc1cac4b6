"""One flush of the writer: merge the queued batches, commit, and isolate bad rows.

A flush is one transaction. When the database refuses some row, the batches are committed
one by one and the failing one record by record, so a bad row costs only itself (its span
is reported in ``partial_success``); when the database is unreachable nothing is acked and
every waiting request gets 503.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field

from agenttrace_core.db import Dialect
from agenttrace_core.models import NormalizedBatch
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_ingestion import metrics
from agenttrace_ingestion.errors import UnavailableError
from agenttrace_ingestion.normalizers import RejectedSpan
from agenttrace_ingestion.writer import store
from agenttrace_ingestion.writer.failures import FailureKind, classify

logger = logging.getLogger(__name__)

TRANSIENT_RETRIES = 5
_PREPARE_IN_THREAD = 200
"""Batches with more spans than this are turned into rows off the event loop."""


@dataclass
class FlushOutcome:
    """What one queued batch got from a flush."""

    stored: int = 0
    duplicates: int = 0
    rejected: list[RejectedSpan] = field(default_factory=list)


class _BadData(Exception):
    """The database refused a row of the commit (carries the original error)."""


def merge(batches: list[NormalizedBatch]) -> NormalizedBatch:
    """One batch holding the records of all ``batches``."""
    if len(batches) == 1:
        return batches[0]
    merged = NormalizedBatch()
    for batch in batches:
        merged.spans.extend(batch.spans)
        merged.agents.extend(batch.agents)
        merged.messages.extend(batch.messages)
        merged.checkpoints.extend(batch.checkpoints)
    return merged


async def flush(
    engine: AsyncEngine,
    dialect: Dialect,
    batches: list[NormalizedBatch],
    known_projects: set[str],
) -> list[FlushOutcome]:
    """Commit ``batches`` together; raises :class:`UnavailableError` when nothing was stored."""
    try:
        await _commit(engine, dialect, merge(batches), known_projects)
    except _BadData:
        if len(batches) == 1:
            return [await _isolate(engine, dialect, batches[0], known_projects)]
        outcomes = []
        for batch in batches:
            outcomes.extend(await flush(engine, dialect, [batch], known_projects))
        return outcomes
    return [FlushOutcome(stored=len(batch.spans)) for batch in batches]


async def _commit(
    engine: AsyncEngine, dialect: Dialect, batch: NormalizedBatch, known_projects: set[str]
) -> store.WriteStats:
    """One transaction, run again after deadlocks; classifies what goes wrong."""
    try:
        if len(batch.spans) > _PREPARE_IN_THREAD:
            prepared = await asyncio.to_thread(store.prepare, batch)
        else:
            prepared = store.prepare(batch)
    except (ValueError, TypeError, OverflowError) as exc:  # a value no database could take
        raise _BadData(str(exc)) from exc
    for attempt in range(TRANSIENT_RETRIES + 1):
        started = time.perf_counter()
        try:
            stats = await store.write(engine, dialect, prepared, known_projects)
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
    engine: AsyncEngine, dialect: Dialect, batch: NormalizedBatch, known_projects: set[str]
) -> FlushOutcome:
    """Commit each record of ``batch`` alone; refused spans are reported, the rest stored."""
    outcome = FlushOutcome()
    for span in batch.spans:
        try:
            await _commit(engine, dialect, NormalizedBatch(spans=[span]), known_projects)
        except _BadData as exc:
            reason = f"refused by the database: {str(exc)[:200]}"
            logger.warning("span %s/%s %s", span.trace_id, span.span_id, reason)
            metrics.SPANS_REJECTED.labels("database").inc()
            outcome.rejected.append(RejectedSpan(span.trace_id, span.span_id, reason))
        else:
            outcome.stored += 1
    others = (
        [("agents", NormalizedBatch(agents=[a])) for a in batch.agents]
        + [("agent_messages", NormalizedBatch(messages=[m])) for m in batch.messages]
        + [("checkpoints", NormalizedBatch(checkpoints=[c])) for c in batch.checkpoints]
    )
    for table, single in others:
        try:
            await _commit(engine, dialect, single, known_projects)
        except _BadData:
            metrics.RECORDS_DROPPED.labels(table).inc()
            logger.exception("a record of %s was refused by the database", table)
    return outcome
