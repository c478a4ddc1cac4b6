"""Fixtures of the span store suite: one ``store`` per engine, fed the same real runs.

``store`` is parametrized over the SQL store on SQLite and on PostgreSQL (the root
``dialect`` fixture) and the ClickHouse store on chDB (ClickHouse inside the process); the
test bodies never name the engine. ``reference`` is the SQL store on SQLite fed the same
runs: every answer of the store under test is compared with its answer.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from agenttrace_core.db import create_engine, upgrade_to_head
from agenttrace_core.models import NormalizedBatch
from agenttrace_ingestion.decoding import BodyFormat, parse_request
from agenttrace_ingestion.normalizers import normalize_request
from agenttrace_server.sql_store import SqlSpanStore
from agenttrace_store_clickhouse import ChdbTransport, ClickHouseSpanStore

ROOT = Path(__file__).resolve().parents[4]
RUNS = ROOT / "testdata" / "runs"
CORPUS = (
    "langgraph/ok_newsroom_nested",
    "langgraph/misroute_clinic_helpdesk",
    "openai_agents/" + "{first}",
    "crewai/ok_travel_hierarchical",
    "autogen/wrong_fact_debate_refinance",
    "autogen/ok_swarm_leave_request",
)


def _runs() -> list[Path]:
    out = []
    for name in CORPUS:
        framework, run = name.split("/")
        if run == "{first}":
            out.append(sorted(p for p in (RUNS / framework).iterdir() if p.is_dir())[0])
        else:
            out.append(RUNS / framework / run)
    return out


def corpus_batches() -> list[NormalizedBatch]:
    """The runs of :data:`CORPUS`, each request body decoded and normalized as received."""
    batches = []
    for run in _runs():
        for body in sorted(run.glob("*.pb")):
            request = parse_request(body.read_bytes(), BodyFormat.PROTOBUF)
            batches.append(normalize_request(request).batch)
    return batches


@pytest.fixture(scope="session")
def batches() -> list[NormalizedBatch]:
    """The corpus, decoded once."""
    return corpus_batches()


@pytest.fixture(scope="session")
def _chdb(chdb_transport: ChdbTransport) -> ChdbTransport:
    """The session's chDB (it allows one per process); a database per test."""
    return chdb_transport


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres), "clickhouse"]
)
def dialect(request: pytest.FixtureRequest) -> str:
    """The engine under test: the SQL store on SQLite or PostgreSQL, or ClickHouse (chDB)."""
    return str(request.param)


@pytest.fixture
async def empty_store(dialect, request, _chdb) -> AsyncIterator[object]:
    """An empty, migrated store on the engine of ``dialect``."""
    if dialect != "clickhouse":
        engine = create_engine(request.getfixturevalue("database_url"))
        yield SqlSpanStore(engine)
        await engine.dispose()
        return
    store = ClickHouseSpanStore(_chdb, f"agenttrace_{uuid.uuid4().hex[:12]}")
    store.migrate(retention_days=None)
    yield store
    _chdb.command(f"DROP DATABASE {store.db}")


@pytest.fixture
async def store(empty_store, batches) -> object:
    """A store holding the corpus, each batch appended twice (a retried export)."""
    for batch in batches:
        await empty_store.append(batch)
    for batch in batches:
        await empty_store.append(batch)
    return empty_store


@pytest.fixture
async def reference(tmp_path_factory, batches) -> AsyncIterator[SqlSpanStore]:
    """The SQL store on SQLite holding the corpus once: the answers to compare with."""
    url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('reference') / 'ref.db'}"
    upgrade_to_head(url)
    engine = create_engine(url)
    ref = SqlSpanStore(engine)
    for batch in batches:
        await ref.append(batch)
    yield ref
    await engine.dispose()
