"""One group commit when the spans live in a span store of their own (ClickHouse).

With ``AGENTTRACE_CLICKHOUSE_URL`` set, the server hands the writer a
:class:`~agenttrace_core.store.SpanStore`: the spans and agents of each group commit are
appended there; the rest stays in the relational database: projects, trace claims, messages,
checkpoints, and the trace rows through which the analysis learns of new and settled runs
(root span, times, ``pending``). One relational transaction holds it all:

1. the claims of the batch's traces and its new projects (as :mod:`.store` does);
2. the span store's append of the records not refused, which returns once the store has them
   (a synchronous insert) or raises: then the transaction is rolled back and the requests get
   503 + ``Retry-After`` (or are spooled); nothing is acknowledged. Any failure of the span
   store counts as its outage, never as bad data: the writer's rows are clean (see
   :mod:`.rows`), so a refused insert means a store that is missing its schema or
   misconfigured, and refusing the spans would lose them;
3. messages, checkpoints and the trace rows; then the commit.

A 2xx therefore means that both hold the batch. The trace rows count the spans that the span
store newly took (its run summaries, read from its own aggregates, are the ones the run list
shows); their agent counts stay 0 (agents live in the span store).

A commit run again after a transient conflict counts what its earlier attempt appended as new
(``appended``). When the relational commit failed for good after the span store took the
batch, the retried batch finds its spans stored already: they are not counted again, but what
they say of their run (its root span, name, times) is merged into its row as for new spans,
and the row is marked ``pending``. So the analysis learns of every run whose spans reached
the span store, at the price of analysing a run again when a client retries a batch that was
stored (the row's counts can then miss the spans of the failed commit; the span store's own
run summaries stay exact).
"""

from __future__ import annotations

from typing import Any

from agenttrace_core.db import Dialect
from agenttrace_core.db.types import utcnow
from agenttrace_core.store import RowBatch, SpanStore, StoreUnavailableError
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_ingestion.writer import rows as r
from agenttrace_ingestion.writer.drivers import Driver
from agenttrace_ingestion.writer.prepared import PreparedBatch
from agenttrace_ingestion.writer.store import (
    WriteStats,
    add_records,
    claim_and_register,
    drop_unfilled,
    merge_traces,
    transaction,
)
from agenttrace_ingestion.writer.summaries import TraceDelta, delta_for

_Key = tuple[str, str]


async def write(
    engine: AsyncEngine,
    dialect: Dialect,
    batch: PreparedBatch,
    known_projects: set[str],
    spans: SpanStore,
    appended: set[_Key],
) -> WriteStats:
    """Store ``batch``: spans and agents in ``spans``, the rest in one relational transaction.

    ``appended`` holds the spans that earlier attempts of this same commit appended (and is
    filled with those this one appends).
    """
    async with transaction(engine, dialect) as driver:
        stats = await _write(driver, batch, known_projects, spans, appended)
    known_projects.update(batch.projects)
    return stats


async def _write(
    driver: Driver,
    batch: PreparedBatch,
    known_projects: set[str],
    spans: SpanStore,
    appended: set[_Key],
) -> WriteStats:
    now = driver.timestamp(utcnow())
    batch, claimed, refused = await claim_and_register(driver, batch, known_projects, now)
    try:
        result = await spans.append_rows(RowBatch(batch.span_rows, batch.agent_rows))
    except StoreUnavailableError:
        raise
    except Exception as exc:  # its rows are clean; anything else is the store's, not the data's
        raise StoreUnavailableError(f"the span store failed: {exc}") from exc
    stored_before = result.duplicates - appended
    deltas: dict[str, TraceDelta] = {}
    new_rows: list[tuple[Any, ...]] = []
    costs, sessions = batch.costs, batch.sessions
    for row in batch.span_rows:
        key = row[: r.SPAN_KEY]
        trace_id = row[r.I_TRACE]
        delta = delta_for(deltas, trace_id, row[r.I_PROJECT], None, None)
        if key in stored_before and trace_id not in claimed:
            _note(delta, row, sessions.get(key))
            continue
        if key not in stored_before:
            appended.add(key)
            new_rows.append(row)
        # else: its trace did not exist before this commit, so it was never counted
        delta.add_span(row, sessions.get(key))
        if key in costs:
            delta.add_cost(costs[key])
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


def _note(delta: TraceDelta, row: tuple[Any, ...], session_id: str | None) -> None:
    """What a span stored before says of its run (root, name, times…), without counting it."""
    counts = (
        delta.span_count,
        delta.error_count,
        delta.input_tokens,
        delta.output_tokens,
        delta.total_tokens,
    )
    delta.add_span(row, session_id)
    (
        delta.span_count,
        delta.error_count,
        delta.input_tokens,
        delta.output_tokens,
        delta.total_tokens,
    ) = counts
