"""Live ``agenttrace serve`` processes: the real OTel SDK exporter, concurrent exporters,
retries, and two replicas writing one database."""

from __future__ import annotations

import asyncio
import random

import httpx
import pytest
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Status, StatusCode
from sqlalchemy import text

from .otlp_factory import SUMMARY_COLUMNS, build_request, expected_summary, make_traces

pytestmark = pytest.mark.e2e
PB = {"content-type": "application/x-protobuf"}


async def _rows(engine, sql: str) -> list[tuple]:
    async with engine.connect() as conn:
        return [tuple(r) for r in (await conn.execute(text(sql))).all()]


async def test_otel_sdk_exporter_spans_are_stored_after_force_flush(live_server, engine) -> None:
    exporter = OTLPSpanExporter(endpoint=f"{live_server.otlp_url}/v1/traces")
    provider = TracerProvider(
        resource=Resource.create({"service.name": "sdk-test", "agenttrace.project": "sdk"})
    )
    provider.add_span_processor(BatchSpanProcessor(exporter))
    tracer = provider.get_tracer("agenttrace.tests.sdk", "1.0")
    with tracer.start_as_current_span("invoke_agent planner") as root:
        root.set_attribute("gen_ai.operation.name", "invoke_agent")
        root.set_attribute("gen_ai.agent.name", "planner")
        root.set_attribute("gen_ai.conversation.id", "conv-1")
        with tracer.start_as_current_span("chat gpt-4o-mini") as llm:
            llm.set_attribute("gen_ai.operation.name", "chat")
            llm.set_attribute("gen_ai.usage.input_tokens", 12)
            llm.set_attribute("gen_ai.usage.output_tokens", 5)
        with tracer.start_as_current_span("execute_tool search") as tool:
            tool.set_attribute("gen_ai.operation.name", "execute_tool")
            tool.set_status(Status(StatusCode.ERROR, "boom"))
        trace_id = f"{root.get_span_context().trace_id:032x}"
    assert provider.force_flush(timeout_millis=30_000)
    provider.shutdown()
    spans = await _rows(engine, "SELECT name, project, status FROM spans ORDER BY start_time")
    assert spans == [
        ("invoke_agent planner", "sdk", "unset"),
        ("chat gpt-4o-mini", "sdk", "unset"),
        ("execute_tool search", "sdk", "error"),
    ]
    summary = await _rows(
        engine,
        "SELECT trace_id, name, status, span_count, error_count, total_tokens, session_id "
        "FROM traces",
    )
    assert summary == [(trace_id, "invoke_agent planner", "error", 3, 1, 17, "conv-1")]
    assert await _rows(engine, "SELECT name FROM projects") == [("sdk",)]


async def _send_all(
    urls: list[str], bodies: list[bytes], *, exporters: int, retry_every: bool
) -> None:
    """``exporters`` concurrent clients share ``bodies``; each retries until a 2xx."""
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)

    async def post(client: httpx.AsyncClient, url: str, body: bytes) -> None:
        for _attempt in range(50):
            response = await client.post(f"{url}/v1/traces", content=body, headers=PB)
            if response.status_code == 200:
                return
            assert response.status_code in (429, 503), response.text
            await asyncio.sleep(0.2)
        raise AssertionError("never accepted")

    async def exporter(n: int) -> None:
        url = urls[n % len(urls)]
        async with httpx.AsyncClient(timeout=60) as client:
            while not queue.empty():
                body = queue.get_nowait()
                if retry_every:  # the first answer is "lost": the same body goes again
                    await asyncio.gather(post(client, url, body), post(client, url, body))
                else:
                    await post(client, url, body)

    await asyncio.gather(*(exporter(n) for n in range(exporters)))


def _load(
    spans_per_exporter: int, exporters: int, *, per_request: int, seed: int
) -> tuple[list, list[bytes]]:
    """Traces of 50 spans whose spans are spread over every exporter, in random order."""
    traces = make_traces(spans_per_exporter * exporters // 50, 50, seed=seed)
    specs = [s for t in traces for s in t]
    random.Random(seed).shuffle(specs)
    bodies = [
        build_request(specs[i : i + per_request]).SerializeToString()
        for i in range(0, len(specs), per_request)
    ]
    return traces, bodies


async def _assert_stored_once(engine, traces) -> None:
    total = sum(len(t) for t in traces)
    counts = await _rows(engine, "SELECT count(*), count(DISTINCT trace_id || span_id) FROM spans")
    assert counts == [(total, total)]
    rows = await _rows(engine, f"SELECT {SUMMARY_COLUMNS} FROM traces ORDER BY trace_id")
    keys = [k.strip() for k in SUMMARY_COLUMNS.split(",")]
    expected = [expected_summary(t) for t in sorted(traces, key=lambda t: t[0].trace_id)]
    assert [dict(zip(keys, r, strict=True)) for r in rows] == expected


@pytest.mark.slow
async def test_16_exporters_store_every_span_once(live_server, engine) -> None:
    """16 x 2,000 spans, then 16 x 2,000 more with every request sent twice at once."""
    traces, bodies = _load(2_000, 16, per_request=250, seed=1)
    await _send_all([live_server.otlp_url], bodies, exporters=16, retry_every=False)
    await _assert_stored_once(engine, traces)
    retried, bodies = _load(2_000, 16, per_request=250, seed=2)
    await _send_all([live_server.otlp_url], bodies, exporters=16, retry_every=True)
    await _assert_stored_once(engine, traces + retried)


@pytest.mark.slow
async def test_two_replicas_write_one_database(server_factory, database_url, engine) -> None:
    replicas = [server_factory(database_url, timeout=180) for _ in range(2)]
    traces, bodies = _load(500, 16, per_request=100, seed=3)
    await _send_all([r.otlp_url for r in replicas], bodies, exporters=16, retry_every=True)
    await _assert_stored_once(engine, traces)
