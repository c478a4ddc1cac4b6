"""Background analysis of completed traces.

A trace is due when its root span has arrived (``root_span_id`` set), it is ``pending`` (the
writer sets that on every commit touching it) and nothing was written to it for
``analysis_idle_seconds``. While the process is busy receiving spans (``busy``), analysis
waits, so that it does not take CPU from ingestion, but never longer than
:data:`MAX_DEFER_SECONDS`: under constant load it analyses one trace per poll. The worker
claims a due trace (``running``) with a conditional update, so that several processes can
share the work, analyses its whole run, and marks it ``done`` (or ``failed``). Traces of the
run whose data the analysis saw are marked ``done`` as well; a trace written to meanwhile
stays ``pending`` and is analysed again. A trace that gets spans after it was analysed (a
long run arriving in many requests, with pauses longer than the idle time) was analysed too
early: it must then stay idle :data:`RESETTLE_FACTOR` times longer before the next analysis,
so that such a run is analysed once more when it settles, not once per batch. Spans that
reached the database before the span of their agent get that agent then
(:func:`_fill_agents`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from agenttrace_core.cost import PRICES
from agenttrace_core.db import Dialect
from agenttrace_core.db import schema as s
from agenttrace_core.db.dialect import agent_figures_sql
from agenttrace_core.db.types import utcnow
from agenttrace_core.enums import AnalysisState, SpanStatus, SpanType
from agenttrace_core.models import Span
from agenttrace_core.settings import Settings
from agenttrace_core.store import SpanReader
from sqlalchemy import and_, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql.elements import ColumnElement

from agenttrace_analysis.service import analyze_trace
from agenttrace_analysis.trace_data import TraceData

logger = logging.getLogger(__name__)

BATCH = 20
"""Due traces fetched per poll."""

STALE_CLAIM = timedelta(minutes=10)
"""A ``running`` claim older than this is taken to be from a process that died."""

RESETTLE_FACTOR = 6.0
"""A trace written to after its analysis waits this many idle times before the next one."""

MAX_DEFER_SECONDS = 30.0
"""Longest wait for ingestion to go quiet before analysing anyway (one trace per poll)."""


class AnalysisWorker:
    """Analyses traces whose root span arrived and that stayed idle for a while."""

    def __init__(
        self,
        settings: Settings,
        engine: AsyncEngine,
        *,
        poll_seconds: float | None = None,
        busy: Callable[[], bool] | None = None,
        spans: SpanReader | None = None,
    ) -> None:
        """Build the worker; ``busy`` says when the process is busy ingesting (analysis waits);
        ``spans`` is the span store the runs are read from (None: the relational database)."""
        self.settings = settings
        self.engine = engine
        self.spans = spans
        self.busy = busy
        self._last_run = time.monotonic()
        self.poll_seconds = (
            poll_seconds
            if poll_seconds is not None
            else max(0.2, min(settings.analysis_idle_seconds / 2, 2.0))
        )
        self.analysed = 0
        self.failed = 0
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    async def start(self) -> None:
        """Start the background task."""
        if self._task is not None:
            return
        self._stopping.clear()
        self._task = asyncio.create_task(self._loop(), name="agenttrace-analysis")
        logger.info("analysis worker started (idle %.1fs)", self.settings.analysis_idle_seconds)

    async def stop(self) -> None:
        """Stop the background task (the trace being analysed is finished first, briefly)."""
        if self._task is None:
            return
        self._stopping.set()
        try:
            await asyncio.wait_for(self._task, timeout=10)
        except TimeoutError:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._task = None
        logger.info("analysis worker stopped (%d analysed, %d failed)", self.analysed, self.failed)

    async def _loop(self) -> None:
        while not self._stopping.is_set():
            try:
                if self.busy is None or not self.busy():
                    await self.run_once()
                    self._last_run = time.monotonic()
                elif time.monotonic() - self._last_run >= MAX_DEFER_SECONDS:
                    await self.run_once(limit=1)
            except Exception:
                logger.exception("analysis worker poll failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), timeout=self.poll_seconds)

    async def due(self, limit: int = BATCH) -> list[str]:
        """Trace ids ready for analysis, oldest first (at most ``limit``)."""
        now = utcnow()
        t = s.traces
        async with self.engine.connect() as conn:
            rows = await conn.execute(
                select(t.c.trace_id)
                .where(
                    t.c.root_span_id.is_not(None),
                    self._claimable(now),
                )
                .order_by(t.c.updated_at)
                .limit(limit)
            )
            return [str(r[0]) for r in rows]

    async def run_once(self, limit: int = BATCH) -> int:
        """Analyse the traces that are due now (at most ``limit``); returns how many."""
        done = 0
        for trace_id in await self.due(limit):
            if self._stopping.is_set():
                break
            if done and self.busy is not None and self.busy():
                break  # ingestion started meanwhile: the rest waits for the next poll
            if await self._claim(trace_id):
                done += await self._analyse(trace_id)
        return done

    def _claimable(self, now: datetime) -> ColumnElement[bool]:
        """Traces idle long enough, pending or claimed by a process that died."""
        t = s.traces
        idle = self.settings.analysis_idle_seconds
        cutoff = now - timedelta(seconds=idle)
        resettled = now - timedelta(seconds=idle * RESETTLE_FACTOR)
        return and_(
            t.c.updated_at <= cutoff,
            or_(t.c.analyzed_at.is_(None), t.c.updated_at <= resettled),
            or_(
                t.c.analysis_state == AnalysisState.PENDING.value,
                and_(
                    t.c.analysis_state == AnalysisState.RUNNING.value,
                    t.c.analyzed_at < now - STALE_CLAIM,
                ),
            ),
        )

    async def _claim(self, trace_id: str) -> bool:
        now = utcnow()
        t = s.traces
        async with self.engine.begin() as conn:
            result = await conn.execute(
                update(t)
                .where(
                    t.c.trace_id == trace_id,
                    self._claimable(now),
                )
                .values(analysis_state=AnalysisState.RUNNING.value, analyzed_at=now)
            )
        return bool(result.rowcount)

    async def _analyse(self, trace_id: str) -> int:
        started = utcnow()
        t = s.traces
        try:
            analysis = await analyze_trace(self.engine, trace_id, self.settings, spans=self.spans)
        except Exception:
            logger.exception("analysis of trace %s failed", trace_id)
            self.failed += 1
            async with self.engine.begin() as conn:
                await conn.execute(
                    update(t)
                    .where(
                        t.c.trace_id == trace_id,
                        t.c.analysis_state == AnalysisState.RUNNING.value,
                    )
                    .values(analysis_state=AnalysisState.FAILED.value, analyzed_at=utcnow())
                )
            return 0
        run_ids = analysis.data.trace_ids if analysis else [trace_id]
        async with self.engine.begin() as conn:
            if analysis is not None:
                await _fill_agents(conn, analysis.data)
            await conn.execute(
                update(t)
                .where(
                    t.c.trace_id.in_(run_ids),
                    t.c.updated_at <= started,
                    t.c.analysis_state.in_(
                        [AnalysisState.RUNNING.value, AnalysisState.PENDING.value]
                    ),
                )
                .values(analysis_state=AnalysisState.DONE.value, analyzed_at=utcnow())
            )
        self.analysed += 1
        return 1


async def _fill_agents(conn: AsyncConnection, data: TraceData) -> int:
    """Store the agent of spans that arrived before their agent's span (in another request).

    Ingestion gives a span without an agent of its own the agent of its nearest ancestor,
    but only among the spans of the same request; exporters send children before their
    parents, so a child often comes first. With the whole run at hand, those spans get the
    agent they belong to, as if everything had come in one request. Returns how many.
    """
    owners: dict[tuple[str, str], list[Span]] = {}
    for span in data.spans:
        if span.agent is None:
            owner = data.owner(span)
            if owner is not None:
                owners.setdefault((span.trace_id, owner), []).append(span)
    table = s.spans
    figures: list[dict[str, Any]] = []
    for (trace, owner), spans in sorted(owners.items()):
        filled = 0
        for start in range(0, len(spans), 1000):
            chunk = spans[start : start + 1000]
            result = await conn.execute(
                update(table)
                .where(
                    table.c.trace_id == trace,
                    table.c.span_id.in_([sp.span_id for sp in chunk]),
                    table.c.agent.is_(None),
                )
                .values(agent=owner)
            )
            filled += result.rowcount
        if filled == len(spans):  # else some were filled meanwhile: not counted twice
            costs = [PRICES.span_cost(sp) for sp in spans if sp.span_type is SpanType.LLM]
            known = [c for c in costs if c is not None]
            figures.append(
                {
                    "spans": len(spans),
                    "errors": sum(1 for sp in spans if sp.status == SpanStatus.ERROR),
                    "tokens": sum(sp.total_tokens or 0 for sp in spans),
                    "cost": sum(known) if known else None,
                    "unpriced": len(costs) - len(known),
                    "last": max(sp.end_time for sp in spans),
                    "first": min(sp.start_time for sp in spans),
                    "trace_id": trace,
                    "name": owner,
                }
            )
    if figures:  # the agent's run in that trace now counts these spans too
        await conn.execute(text(agent_figures_sql(Dialect.of(conn), named=True)), figures)
    return sum(len(spans) for spans in owners.values())
