"""Fixtures of the API tests: the in-process API app (with the real OTLP route) and seeding.

``api`` is an httpx client of the app that ``agenttrace serve`` runs on :8000: the query API
plus the real ingestion route ``POST /v1/traces`` sharing one engine and one writer.
``seed_via_core_tables`` writes exactly chosen runs straight into the core tables, for tests
that need precise values (sort order, ties, time windows); the ingestion path is exercised
with real OTLP captures and real OpenTelemetry SDK exports in ``test_ingested.py``.

The span store: the API reads spans through ``span_store``, the SQL store of the test's
database unless the module sets ``BOTH_SPAN_STORES = True``: then each of its tests also runs
with the ClickHouse store on chDB (ClickHouse in this process, a database per test) beside
SQLite for the relational data; the test bodies never name the store. What the tests write
(seeded rows, ingested requests) goes to the relational database as it always did, and
``copy_spans_to_store`` appends its spans and agents to the ClickHouse store, standing in for
the writer until ingestion appends through the store itself.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import agenttrace_ingestion
import httpx
import pytest
from agenttrace_api import create_app
from agenttrace_core.db import schema as s
from agenttrace_core.models import NormalizedBatch
from agenttrace_core.store import SpanStore
from agenttrace_server.sql_store import SqlSpanStore
from agenttrace_store_clickhouse import ClickHouseSpanStore
from sqlalchemy import insert, select

T0 = 1_795_000_000_000_000_000  # 2026-11-18T11:06:40Z in nanoseconds
MS = 1_000_000
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """The tests of a module with ``BOTH_SPAN_STORES``: with the SQL store, and with the
    ClickHouse store (on SQLite alone for the relational data: see below)."""
    if getattr(metafunc.module, "BOTH_SPAN_STORES", False) and (
        "span_store_kind" in metafunc.fixturenames
    ):
        metafunc.parametrize("span_store_kind", ["sql", "clickhouse"])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """ClickHouse beside PostgreSQL adds nothing that ClickHouse beside SQLite does not test
    (the relational side is the one the SQL-store tests cover): left out."""
    kept, left = [], []
    for item in items:
        params = getattr(item, "callspec", None)
        params = params.params if params is not None else {}
        both = params.get("span_store_kind") == "clickhouse" and params.get("dialect") != "sqlite"
        (left if both else kept).append(item)
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


@pytest.fixture
def span_store_kind() -> str:
    """Which span store the API reads: the SQL one, unless the module runs on both."""
    return "sql"


@pytest.fixture
async def span_store(span_store_kind, engine, request) -> AsyncIterator[SpanStore]:
    """The span store of the API under test (see the module's docstring)."""
    if span_store_kind == "sql":
        yield SqlSpanStore(engine)
        return
    transport = request.getfixturevalue("chdb_transport")
    store = ClickHouseSpanStore(transport, f"api_{uuid.uuid4().hex[:12]}")
    store.migrate(retention_days=None)
    yield store  # not closed: the transport is the session's
    transport.command(f"DROP DATABASE {store.db}")


@pytest.fixture
def copy_spans_to_store(engine, span_store) -> Callable[[], Awaitable[None]]:
    """Append the spans and agents of the relational database to a ClickHouse span store
    (nothing to do for the SQL one); a span stored already is not stored twice."""

    async def copy() -> None:
        if isinstance(span_store, SqlSpanStore):
            return
        sql = SqlSpanStore(engine)
        async with engine.connect() as conn:
            ids = (await conn.execute(select(s.traces.c.trace_id))).scalars().all()
        for trace_id in ids:
            spans = await sql.span_page(trace_id)
            agents = await sql.read_agents(trace_id)
            await span_store.append(NormalizedBatch(spans=spans, agents=agents))

    return copy


@pytest.fixture
async def api(settings, engine, span_store) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the API app with the OTLP route, its writer started (the ``serve`` layout)."""
    service = agenttrace_ingestion.IngestionService(settings, engine)
    await service.start()
    app = create_app(
        settings,
        engine=engine,
        span_store=span_store,
        extra_routers=[agenttrace_ingestion.create_router(service)],
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
        "output": None if agent else run.output,
        "model": "gpt-4o" if agent else None,
        "total_tokens": None,
        "attributes": {"step": 1},
        "events": [],
        "links": [],
        "resource": {},
    }


@pytest.fixture
def seed_via_core_tables(engine, copy_spans_to_store) -> Callable[[list[Run]], Awaitable[None]]:
    """Write runs straight into the core tables (bypassing ingestion) for exact values; their
    spans and agents into the span store too."""

    async def seed(runs: list[Run]) -> None:
        await _seed(engine, runs)
        await copy_spans_to_store()

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
