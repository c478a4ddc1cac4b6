"""Fixtures of the ClickHouse ingestion tests: a receiver whose writer appends spans to the
ClickHouse store (chDB in process) and the rest to the test's relational database."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from agenttrace_core.settings import Settings
from agenttrace_ingestion import IngestionService, create_app
from agenttrace_store_clickhouse import ChdbTransport, ClickHouseSpanStore
from agenttrace_store_clickhouse.transport import Transport

ROOT = Path(__file__).resolve().parents[4]
RUNS = ROOT / "testdata" / "runs"
CORPUS = (
    "langgraph/ok_newsroom_nested",
    "langgraph/misroute_clinic_helpdesk",
    "crewai/ok_travel_hierarchical",
    "autogen/wrong_fact_debate_refinance",
    "autogen/ok_swarm_leave_request",
)
"""Real captures (several requests per run, checkpoints and messages among them)."""


def corpus_bodies() -> list[bytes]:
    """The OTLP/protobuf request bodies of :data:`CORPUS`, in the order they were sent."""
    return [body.read_bytes() for run in CORPUS for body in sorted((RUNS / run).glob("*.pb"))]


@pytest.fixture(scope="session")
def chdb() -> Iterator[ChdbTransport]:
    """chDB (ClickHouse inside this process), one per session; a database per test."""
    transport = ChdbTransport()
    yield transport
    transport.close()


def clickhouse_store(transport: Transport) -> ClickHouseSpanStore:
    """A migrated ClickHouse store in a database of its own, through ``transport``."""
    store = ClickHouseSpanStore(transport, f"agenttrace_{uuid.uuid4().hex[:12]}")
    store.migrate(retention_days=None)
    return store


@pytest.fixture
def ch_store(chdb: ChdbTransport) -> Iterator[ClickHouseSpanStore]:
    """An empty, migrated ClickHouse store (dropped after the test)."""
    store = clickhouse_store(chdb)
    yield store
    chdb.command(f"DROP DATABASE {store.db}")


@dataclass
class Receiver:
    """An in-process receiver app, its service and a client for it."""

    client: httpx.AsyncClient
    service: IngestionService


@pytest.fixture
async def ch_receiver(settings: Settings, engine, ch_store) -> AsyncIterator[Receiver]:
    """``POST /v1/traces`` in process; spans to ClickHouse, the rest to the test's database."""
    service = IngestionService(settings, engine, decode_workers=0, span_store=ch_store)
    await service.start()
    app = create_app(settings, engine=engine, service=service)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://otlp") as client:
        yield Receiver(client, service)
    await service.stop()
