"""The ingestion writer with the ClickHouse span store: spans and agents go to ClickHouse,
projects, messages, checkpoints and the trace rows of the analysis queue to the database.

Every answer is compared with the default path (the SQL store) fed the same real captures.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from agenttrace_analysis.worker import AnalysisWorker
from agenttrace_core.db import create_engine, upgrade_to_head
from agenttrace_core.settings import Settings
from agenttrace_core.store import RunFilter, RunSort, SortOrder
from agenttrace_ingestion import IngestionService, create_app
from agenttrace_ingestion.decoding import BodyFormat, parse_request
from agenttrace_ingestion.normalizers import normalize_request
from agenttrace_server.sql_store import SqlSpanStore
from sqlalchemy import text

from .conftest import CORPUS, corpus_bodies

PB = {"content-type": "application/x-protobuf"}
TRACE_FIELDS = (
    "trace_id, project, name, root_span_id, session_id, framework, status, start_time, "
    "end_time, span_count, error_count, input_tokens, output_tokens, total_tokens, cost, "
    "unpriced_llm_spans, input_preview, output_preview, analysis_state"
)
"""The trace row as the default path writes it (agent_count aside: agents are in ClickHouse)."""
RELATIONAL = {
    "traces": f"SELECT {TRACE_FIELDS} FROM traces ORDER BY trace_id",
    "projects": "SELECT name FROM projects ORDER BY name",
    "agent_messages": "SELECT id, trace_id, span_id, from_agent, to_agent, kind, content, "
    "timestamp, seq FROM agent_messages ORDER BY id",
    "checkpoints": "SELECT id, trace_id, span_id, agent, step, state_hash, parent_id "
    "FROM checkpoints ORDER BY id",
    "checkpoint_blobs": "SELECT hash, size FROM checkpoint_blobs ORDER BY hash",
}


async def _rows(engine, sql: str) -> list[tuple]:
    async with engine.connect() as conn:
        return [tuple(r) for r in (await conn.execute(text(sql))).all()]


async def _post_all(client: httpx.AsyncClient, bodies: list[bytes]) -> None:
    for body in bodies:
        response = await client.post("/v1/traces", content=body, headers=PB)
        assert response.status_code == 200, response.text


@pytest.fixture
async def reference(tmp_path: Path) -> AsyncIterator[object]:
    """The default path (everything in SQLite) fed the corpus once: its engine."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'reference.db'}"
    upgrade_to_head(url)
    engine = create_engine(url)
    settings = Settings(home=tmp_path / "ref-home", database_url=url, api_keys=[])
    service = IngestionService(settings, engine, decode_workers=0)
    await service.start()
    app = create_app(settings, engine=engine, service=service)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://r") as c:
        await _post_all(c, corpus_bodies())
    await service.stop()
    yield engine
    await engine.dispose()


async def _runs(store) -> list:
    page = await store.list_runs(
        RunFilter(), sort=RunSort.START_TIME, order=SortOrder.DESC, limit=100, cursor=None
    )
    assert page.next_cursor is None
    return page.items


async def test_spans_go_to_clickhouse_and_the_rest_to_the_database(
    ch_receiver, ch_store, engine, reference
) -> None:
    bodies = corpus_bodies()
    await _post_all(ch_receiver.client, bodies)
    await _post_all(ch_receiver.client, bodies)  # every export retried: nothing twice

    assert await _rows(engine, "SELECT count(*) FROM spans") == [(0,)]
    assert await _rows(engine, "SELECT count(*) FROM agents") == [(0,)]
    for table, sql in RELATIONAL.items():
        assert await _rows(engine, sql) == await _rows(reference, sql), table

    sql_store = SqlSpanStore(reference)
    runs = await _runs(sql_store)
    assert len(runs) >= len(CORPUS)
    assert await _runs(ch_store) == runs
    for run in runs:
        got, want = await ch_store.read_run(run.trace_id), await sql_store.read_run(run.trace_id)
        assert got is not None and want is not None
        assert [s.model_dump(exclude={"resource"}) for s in got.spans] == [
            s.model_dump(exclude={"resource"}) for s in want.spans
        ]
        assert got.agents == want.agents
    (physical,) = ch_store.transport.rows(
        f"SELECT count(), uniqExact(trace_id, span_id) FROM {ch_store.db}.spans"
    )
    assert physical[0] == physical[1] == sum(r.span_count for r in runs)


async def test_the_analysis_learns_of_runs_in_clickhouse(
    ch_receiver, engine, settings: Settings
) -> None:
    await _post_all(ch_receiver.client, corpus_bodies())
    worker = AnalysisWorker(settings.model_copy(update={"analysis_idle_seconds": 0}), engine)
    traces = await _rows(engine, "SELECT trace_id FROM traces WHERE root_span_id IS NOT NULL")
    assert len(traces) >= len(CORPUS)
    assert sorted(await worker.due(limit=1000)) == sorted(t for (t,) in traces)


async def test_spans_clickhouse_took_before_a_failed_commit_still_make_their_run(
    ch_receiver, ch_store, engine, reference
) -> None:
    """The span store took the batches, then the database's commits failed: the retried
    batches find their spans stored, and still make their runs' rows, with root and times."""
    bodies = corpus_bodies()
    for body in bodies:  # what the failed attempts left in ClickHouse
        await ch_store.append(normalize_request(parse_request(body, BodyFormat.PROTOBUF)).batch)
    await _post_all(ch_receiver.client, bodies)
    sql = (
        "SELECT trace_id, project, name, root_span_id, framework, start_time, end_time, "
        "analysis_state FROM traces ORDER BY trace_id"
    )
    assert await _rows(engine, sql) == await _rows(reference, sql)


async def test_a_lost_root_is_set_when_its_span_comes_again(ch_receiver, ch_store, engine):
    """The run's row exists, but the commit of its root span failed after ClickHouse took it."""
    bodies = corpus_bodies()
    await _post_all(ch_receiver.client, bodies)
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE traces SET root_span_id = NULL, analysis_state = 'done'"))
    await _post_all(ch_receiver.client, bodies)
    runs = await _runs(ch_store)
    rows = await _rows(engine, "SELECT trace_id, root_span_id, analysis_state FROM traces")
    assert sorted(rows) == sorted((r.trace_id, r.root_span_id, "pending") for r in runs)
