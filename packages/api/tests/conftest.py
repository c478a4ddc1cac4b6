"""Fixtures of the API tests: the in-process API app (with the real OTLP route) and seeding.

``api`` is an httpx client of the app that ``agenttrace serve`` runs on :8000: the query API
plus the real ingestion route ``POST /v1/traces`` sharing one engine and one writer.
``seed_via_core_tables`` writes exactly chosen runs straight into the core tables, for tests
that need precise values (sort order, ties, time windows); the ingestion path is exercised
with real OTLP captures and real OpenTelemetry SDK exports in ``test_ingested.py``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import agenttrace_ingestion
import httpx
import pytest
from agenttrace_api import create_app
from agenttrace_core.db import schema as s
from sqlalchemy import insert

T0 = 1_795_000_000_000_000_000  # 2026-11-18T11:06:40Z in nanoseconds
MS = 1_000_000
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
async def api(settings, engine) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the API app with the OTLP route, its writer started (the ``serve`` layout)."""
    service = agenttrace_ingestion.IngestionService(settings, engine)
    await service.start()
    app = create_app(
        settings, engine=engine, extra_routers=[agenttrace_ingestion.create_router(service)]
    )
    try:
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                yield client
    finally:
        await service.stop()


@dataclass
class Run:
    """One run to write into the core tables (times in ms after ``T0``)."""

    trace_id: str
    project: str = "shop"
    name: str = "run"
    status: str = "ok"
    framework: str | None = "langgraph"
    start_ms: int = 0
    duration_ms: int = 100
    tokens: int = 0
    agents: list[str] = field(default_factory=lambda: ["planner"])
    modes: list[tuple[str, str]] = field(default_factory=list)
    """(mode, status) of machine annotations."""
    input: str | None = None
    output: str | None = None
    span_text: str | None = None
    errors_of: list[str] = field(default_factory=list)
    """Agents whose span failed."""
    session_id: str | None = None
    cost: float | None = None
    """USD of the priced LLM spans, shared evenly by the agents (None: none priced)."""
    unpriced: int = 0
    """LLM spans without a price, all counted on the last agent."""


def _span_id(trace_index: int, n: int) -> str:
    return f"{trace_index:08x}{n:08x}"


async def _seed(engine, runs: list[Run]) -> None:
    traces, spans, agents, annotations, messages = [], [], [], [], []
    for index, run in enumerate(runs, start=1):
        start = T0 + run.start_ms * MS
        end = start + run.duration_ms * MS
        root = _span_id(index, 0)
        traces.append(
            {
                "trace_id": run.trace_id,
                "project": run.project,
                "name": run.name,
                "root_span_id": root,
                "session_id": run.session_id,
                "framework": run.framework,
                "status": run.status,
                "start_time": start,
                "end_time": end,
                "span_count": 1 + len(run.agents),
                "error_count": len(run.errors_of),
                "agent_count": len(run.agents),
                "total_tokens": run.tokens,
                "cost": run.cost,
                "unpriced_llm_spans": run.unpriced,
                "input_preview": run.input,
                "output_preview": run.output,
                "updated_at": NOW,
            }
        )
        spans.append(_span_row(run, root, None, run.name, None, start, end, "ok"))
        per_agent = max(1, run.duration_ms // max(1, len(run.agents)))
        for n, agent in enumerate(run.agents, start=1):
            a_start = start + (n - 1) * per_agent * MS
            status = "error" if agent in run.errors_of else "ok"
            row = _span_row(
                run,
                _span_id(index, n),
                root,
                f"{agent} step",
                agent,
                a_start,
                a_start + per_agent * MS,
                status,
            )
            row["total_tokens"] = run.tokens // len(run.agents)
            spans.append(row)
            agents.append(
                {
                    "trace_id": run.trace_id,
                    "name": agent,
                    "project": run.project,
                    "role": f"the {agent}",
                    "framework": run.framework,
                    "model": "gpt-4o",
                    "config": {},
                    "first_seen": a_start,
                    "last_seen": a_start + per_agent * MS,
                    "span_count": 1,
                    "error_count": 1 if status == "error" else 0,
                    "total_tokens": row["total_tokens"],
                    "cost": None if run.cost is None else run.cost / len(run.agents),
                    "unpriced_llm_spans": run.unpriced if n == len(run.agents) else 0,
                }
            )
            if n > 1:
                messages.append(
                    {
                        "id": f"{run.trace_id}-m{n}",
                        "trace_id": run.trace_id,
                        "span_id": _span_id(index, n),
                        "project": run.project,
                        "from_agent": run.agents[n - 2],
                        "to_agent": agent,
                        "kind": "handoff",
                        "content": f"over to {agent}",
                        "timestamp": a_start,
                        "seq": n,
                        "attributes": {},
                    }
                )
        for m, (mode, status) in enumerate(run.modes):
            annotations.append(
                {
                    "id": f"{run.trace_id}-a{m}",
                    "trace_id": run.trace_id,
                    "project": run.project,
                    "agent": run.agents[0],
                    "span_id": None,
                    "mode": mode,
                    "category": "specification",
                    "confidence": 0.7,
                    "evidence": [],
                    "source": "detector",
                    "status": status,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
            )
    async with engine.begin() as conn:
        for table, rows in (
            (s.traces, traces),
            (s.spans, spans),
            (s.agents, agents),
            (s.failure_annotations, annotations),
            (s.agent_messages, messages),
        ):
            if rows:
                await conn.execute(insert(table), rows)


def _span_row(run: Run, span_id, parent, name, agent, start, end, status) -> dict[str, object]:
    return {
        "trace_id": run.trace_id,
        "span_id": span_id,
        "parent_span_id": parent,
        "project": run.project,
        "name": name,
        "kind": "internal",
        "span_type": "agent" if agent else "chain",
        "agent": agent,
        "framework": run.framework,
        "start_time": start,
        "end_time": end,
        "status": status,
        "input": run.span_text if agent else run.input,
        "output": None,
        "model": "gpt-4o" if agent else None,
        "total_tokens": None,
        "attributes": {"step": 1},
        "events": [],
        "links": [],
        "resource": {},
    }


@pytest.fixture
def seed_via_core_tables(engine) -> Callable[[list[Run]], Awaitable[None]]:
    """Write runs straight into the core tables (bypassing ingestion) for exact values."""

    async def seed(runs: list[Run]) -> None:
        await _seed(engine, runs)

    return seed


def tid(n: int) -> str:
    """A trace id made from a number."""
    return f"{n:032x}"


@pytest.fixture
def make_run() -> type[Run]:
    """The :class:`Run` class, for tests (helpers in conftest are not importable)."""
    return Run


@pytest.fixture
def trace_id_of() -> Callable[[int], str]:
    """:func:`tid`: a trace id made from a number."""
    return tid
