"""ClickHouse down: the receiver answers 503 + Retry-After, acknowledges nothing it has not
stored, and stores what the exporters send again once ClickHouse is back, once.

chDB runs in this process and cannot be stopped; while "down", every call of the store goes
instead to clickhouse-connect pointed at a port where nothing listens, so the writer meets
exactly what a stopped ClickHouse server gives it (a refused connection).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import uuid
from collections.abc import AsyncIterator, Generator, Iterator, Sequence
from typing import Any

import httpx
import pytest
import requests
import uvicorn
from agenttrace_core.settings import Settings
from agenttrace_ingestion import IngestionService, create_app
from agenttrace_store_clickhouse import ClickHouseSpanStore, ServerTransport
from agenttrace_store_clickhouse.transport import Transport
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExportResult
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy import text

from .conftest import clickhouse_store

pytestmark = pytest.mark.e2e
PB = {"content-type": "application/x-protobuf"}


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class OutageTransport:
    """chDB; while :attr:`down`, a ClickHouse server that refuses connections instead."""

    def __init__(self, inner: Transport) -> None:
        self.inner = inner
        self.down = False
        self.refused = 0
        self._dead_url = f"clickhouse://127.0.0.1:{_closed_port()}/agenttrace"

    def _target(self) -> Transport:
        if not self.down:
            return self.inner
        self.refused += 1
        return ServerTransport(self._dead_url)  # connects on first use: refused

    def command(self, sql: str, params: dict[str, Any] | None = None) -> None:
        self._target().command(sql, params)

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        return self._target().rows(sql, params)

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        self._target().insert(table, columns, rows)

    def close(self) -> None:
        """The session's chDB stays open."""


class _Server(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


@pytest.fixture
def outage(chdb) -> OutageTransport:
    return OutageTransport(chdb)


@pytest.fixture
def store(outage: OutageTransport, chdb) -> Iterator[ClickHouseSpanStore]:
    store = clickhouse_store(outage)
    yield store
    chdb.command(f"DROP DATABASE {store.db}")


@contextlib.asynccontextmanager
async def _serve(settings: Settings, engine, store) -> AsyncIterator[tuple[str, IngestionService]]:
    """The receiver on a real port, its writer appending to ``store``; its URL and service."""
    service = IngestionService(settings, engine, decode_workers=0, span_store=store)
    await service.start()
    app = create_app(settings, engine=engine, service=service)
    port = _closed_port()
    server = _Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            assert not task.done(), "the receiver did not start"
            await asyncio.sleep(0.02)
        yield f"http://127.0.0.1:{port}", service
    finally:
        server.should_exit = True
        await task
        await service.stop()


def _runs(traces: int, spans_per_trace: int) -> list[ReadableSpan]:
    """Small multi-agent runs from the OpenTelemetry SDK (OTel GenAI attributes)."""
    memory = InMemorySpanExporter()
    provider = TracerProvider(
        resource=Resource.create({"service.name": "outage", "agenttrace.project": "outage"})
    )
    provider.add_span_processor(SimpleSpanProcessor(memory))
    tracer = provider.get_tracer("agenttrace.tests.outage", "1.0")
    for n in range(traces):
        with tracer.start_as_current_span(f"invoke_agent planner {n}") as root:
            root.set_attribute("gen_ai.operation.name", "invoke_agent")
            root.set_attribute("gen_ai.agent.name", "planner")
            for step in range(spans_per_trace - 1):
                with tracer.start_as_current_span(f"chat step {step}") as llm:
                    llm.set_attribute("gen_ai.operation.name", "chat")
                    llm.set_attribute("gen_ai.usage.input_tokens", 10 + step)
                    llm.set_attribute("gen_ai.usage.output_tokens", 5)
    provider.shutdown()
    return list(memory.get_finished_spans())


def _answers(session: requests.Session) -> list[tuple[int, str | None]]:
    """Record the status and Retry-After of every response the exporter gets."""
    seen: list[tuple[int, str | None]] = []

    def hook(response: requests.Response, *_args: object, **_kwargs: object) -> None:
        seen.append((response.status_code, response.headers.get("Retry-After")))

    session.hooks["response"].append(hook)
    return seen


async def _stored(store: ClickHouseSpanStore) -> tuple[int, int]:
    """Span rows in ClickHouse, and distinct (trace id, span id) among them."""
    sql = f"SELECT count(), uniqExact(trace_id, span_id) FROM {store.db}.spans"
    ((rows, distinct),) = await asyncio.to_thread(store.transport.inner.rows, sql)
    return int(rows), int(distinct)


async def test_clickhouse_down_gives_503_and_the_exporter_retry_is_stored_once(
    settings: Settings, engine, store, outage: OutageTransport
) -> None:
    settings = settings.model_copy(update={"spool_max_bytes": 0})  # no spool: refuse at once
    spans = _runs(traces=4, spans_per_trace=5)
    session = requests.Session()
    seen = _answers(session)
    async with _serve(settings, engine, store) as (url, _service):
        exporter = OTLPSpanExporter(endpoint=f"{url}/v1/traces", session=session, timeout=60)
        outage.down = True
        export = asyncio.create_task(asyncio.to_thread(exporter.export, spans))
        for _ in range(600):
            if seen:
                break
            await asyncio.sleep(0.05)
        assert await _stored(store) == (0, 0)
        outage.down = False  # ClickHouse is back
        assert await export == SpanExportResult.SUCCESS
        assert await asyncio.to_thread(exporter.export, spans) == SpanExportResult.SUCCESS
        exporter.shutdown()

    assert outage.refused >= 1
    status, retry_after = seen[0]
    assert status == 503 and retry_after is not None and int(retry_after) >= 1
    assert [s for s, _r in seen[1:]] == [200, 200]
    assert await _stored(store) == (len(spans), len(spans))
    async with engine.connect() as conn:
        rows = (await conn.execute(text("SELECT span_count, total_tokens FROM traces"))).all()
    assert sorted(tuple(r) for r in rows) == [(5, 4 * 5 + (10 + 11 + 12 + 13))] * 4
    runs = {s.context.trace_id for s in spans}
    for trace_id in runs:
        run = await store.read_run(f"{trace_id:032x}")
        assert run is not None and len(run.spans) == 5


async def test_clickhouse_down_with_the_spool_acknowledges_once_on_disk_and_drains(
    settings: Settings, engine, store, outage: OutageTransport
) -> None:
    """With the spool (the default), a batch is acknowledged once synced to local disk, and
    written to ClickHouse when it is back."""
    spans = _runs(traces=2, spans_per_trace=3)
    async with _serve(settings, engine, store) as (url, service):
        exporter = OTLPSpanExporter(endpoint=f"{url}/v1/traces", timeout=30)
        outage.down = True
        assert await asyncio.to_thread(exporter.export, spans) == SpanExportResult.SUCCESS
        assert await _stored(store) == (0, 0)
        assert len(service.spool) == 1
        outage.down = False
        for _ in range(600):
            if not len(service.spool):
                break
            await asyncio.sleep(0.05)
        exporter.shutdown()
    assert await _stored(store) == (len(spans), len(spans))


async def test_a_clickhouse_without_its_schema_refuses_nothing_it_answers_503(
    settings: Settings, engine, chdb
) -> None:
    """Not migrated yet: the spans are not refused (that would lose them) but retried later."""
    settings = settings.model_copy(update={"spool_max_bytes": 0})
    store = ClickHouseSpanStore(chdb, f"agenttrace_{uuid.uuid4().hex[:12]}")
    spans = _runs(traces=1, spans_per_trace=3)
    body = encode_spans(spans).SerializeToString()
    service = IngestionService(settings, engine, decode_workers=0, span_store=store)
    await service.start()
    app = create_app(settings, engine=engine, service=service)
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://otlp"
        ) as client:
            refused = await client.post("/v1/traces", content=body, headers=PB)
            store.migrate(retention_days=None)
            await asyncio.sleep(1.1)  # the writer's outage backoff
            accepted = await client.post("/v1/traces", content=body, headers=PB)
            stored = store.transport.rows(f"SELECT count() FROM {store.db}.spans")
    finally:
        await service.stop()
        chdb.command(f"DROP DATABASE IF EXISTS {store.db}")
    assert refused.status_code == 503 and int(refused.headers["retry-after"]) >= 1
    assert accepted.status_code == 200
    assert stored == [(3,)]
