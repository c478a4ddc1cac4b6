"""OTLP/gRPC against live ``agenttrace serve`` processes: the real OpenTelemetry gRPC exporter
(gzip, API keys in the metadata), and faults mid-load (the database cut off, the server
killed) that lose and duplicate nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time

import grpc
import httpx
import pytest
from google.rpc import error_details_pb2, status_pb2
from opentelemetry.exporter.otlp.proto.grpc.exporter import Compression
from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExportResult
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from sqlalchemy import text
from sqlalchemy.engine import make_url

from .otlp_factory import SpanSpec, build_request
from .test_faults import TcpProxy, _assert_complete, _bodies

pytestmark = pytest.mark.e2e
EXPORT = "/opentelemetry.proto.collector.trace.v1.TraceService/Export"


async def _rows(engine, sql: str) -> list[tuple]:
    async with engine.connect() as conn:
        return [tuple(r) for r in (await conn.execute(text(sql))).all()]


def _finished_spans(project: str):
    """Three spans of one agent run, made with the real OTel SDK (not exported yet)."""
    memory = InMemorySpanExporter()
    provider = TracerProvider(
        resource=Resource.create({"service.name": "grpc-test", "agenttrace.project": project})
    )
    provider.add_span_processor(SimpleSpanProcessor(memory))
    tracer = provider.get_tracer("agenttrace.tests.grpc", "1.0")
    with tracer.start_as_current_span("invoke_agent planner") as root:
        root.set_attribute("gen_ai.operation.name", "invoke_agent")
        root.set_attribute("gen_ai.agent.name", "planner")
        with tracer.start_as_current_span("chat gpt-4o-mini") as llm:
            llm.set_attribute("gen_ai.operation.name", "chat")
            llm.set_attribute("gen_ai.usage.input_tokens", 12)
            llm.set_attribute("gen_ai.usage.output_tokens", 5)
        with tracer.start_as_current_span("execute_tool search") as tool:
            tool.set_attribute("gen_ai.operation.name", "execute_tool")
    provider.shutdown()
    return memory.get_finished_spans()


async def _export(exporter: OTLPSpanExporter, spans) -> SpanExportResult:
    try:
        return await asyncio.to_thread(exporter.export, spans)
    finally:
        exporter.shutdown()


async def test_otel_grpc_exporter_plain_and_gzip(live_server, engine) -> None:
    plain, gzipped = _finished_spans("plain"), _finished_spans("gzip")
    for spans, compression in ((plain, None), (gzipped, Compression.Gzip)):
        exporter = OTLPSpanExporter(
            endpoint=live_server.grpc_target, insecure=True, compression=compression, timeout=30
        )
        assert await _export(exporter, spans) == SpanExportResult.SUCCESS
    rows = await _rows(engine, "SELECT project, name FROM spans ORDER BY project, start_time")
    assert rows == [
        ("gzip", "invoke_agent planner"),
        ("gzip", "chat gpt-4o-mini"),
        ("gzip", "execute_tool search"),
        ("plain", "invoke_agent planner"),
        ("plain", "chat gpt-4o-mini"),
        ("plain", "execute_tool search"),
    ]
    assert await _rows(engine, "SELECT total_tokens FROM traces") == [(17,), (17,)]


async def test_otel_grpc_exporter_sends_the_key_in_the_metadata(
    server_factory, database_url, engine
) -> None:
    server = server_factory(database_url, extra_env={"AGENTTRACE_API_KEYS": "s3cret"})
    spans = _finished_spans("keyed")
    for headers, expected in (
        (None, SpanExportResult.FAILURE),
        ({"authorization": "Bearer wrong"}, SpanExportResult.FAILURE),
        ({"authorization": "Bearer s3cret"}, SpanExportResult.SUCCESS),
        ({"x-api-key": "s3cret"}, SpanExportResult.SUCCESS),  # a retry: stored once
    ):
        exporter = OTLPSpanExporter(
            endpoint=server.grpc_target, insecure=True, headers=headers, timeout=30
        )
        assert await _export(exporter, spans) == expected, headers
    assert await _rows(engine, "SELECT count(*), count(DISTINCT span_id) FROM spans") == [(3, 3)]


async def _send(
    target: str, bodies: list[tuple], *, exporters: int, stats: dict[str, int], stop_on_error: bool
) -> list[tuple]:
    """Send every body over gRPC, retrying as ``RetryInfo`` asks; returns the acknowledged ones.

    A refusal by the server (``UNAVAILABLE`` / ``RESOURCE_EXHAUSTED`` with retry info) is
    retried; a broken connection (no status details) ends the exporter when ``stop_on_error``.
    """
    queue: asyncio.Queue[tuple] = asyncio.Queue()
    for item in bodies:
        queue.put_nowait(item)
    acked: list[tuple] = []
    retryable = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.RESOURCE_EXHAUSTED}

    async def exporter() -> None:
        async with grpc.aio.insecure_channel(target) as channel:
            export = channel.unary_unary(EXPORT)
            while not queue.empty():
                item = queue.get_nowait()
                for _attempt in range(300):
                    try:
                        await export(item[1], timeout=60)
                    except grpc.aio.AioRpcError as error:
                        details = dict(error.trailing_metadata() or ()).get(
                            "grpc-status-details-bin"
                        )
                        if details is None:  # the connection broke (server gone)
                            if stop_on_error:
                                return
                        else:
                            assert error.code() in retryable, (error.code(), error.details())
                            (detail,) = status_pb2.Status.FromString(details).details
                            info = error_details_pb2.RetryInfo()
                            assert detail.Unpack(info)
                            assert info.retry_delay.seconds >= 1
                            stats[error.code().name] = stats.get(error.code().name, 0) + 1
                        await asyncio.sleep(0.3)  # shorter than asked: keeps the test quick
                        continue
                    acked.append(item)
                    break

    await asyncio.gather(*(exporter() for _ in range(exporters)))
    return acked


@pytest.mark.slow
@pytest.mark.parametrize(
    "dialect", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
async def test_database_cut_mid_load_over_grpc_loses_and_duplicates_nothing(
    server_factory, database_url, engine
) -> None:
    url = make_url(database_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    through_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
    try:
        server = server_factory(
            through_proxy, timeout=180, extra_env={"AGENTTRACE_SPOOL_MAX_BYTES": "0"}
        )
        traces, bodies = _bodies(80, 100, seed=21)  # 4,000 spans
        stats: dict[str, int] = {}
        load = asyncio.create_task(
            _send(server.grpc_target, bodies, exporters=8, stats=stats, stop_on_error=False)
        )
        for _ in range(600):
            (count,) = await _rows(engine, "SELECT count(*) FROM spans")
            if count[0] >= 800:
                break
            await asyncio.sleep(0.05)
        proxy.cut()
        await asyncio.sleep(2)
        (during,) = await _rows(engine, "SELECT count(*) FROM spans")
        proxy.start()
        acked = await asyncio.wait_for(load, timeout=240)
    finally:
        proxy.close()
    assert stats.get("UNAVAILABLE", 0) > 0, "no call was refused while the database was away"
    assert during[0] < sum(len(t) for t in traces)
    assert len(acked) == len(bodies)
    await _assert_complete(engine, traces)


@pytest.mark.slow
async def test_sigkill_mid_load_over_grpc_loses_nothing_acknowledged(
    server_factory, database_url, engine
) -> None:
    traces, bodies = _bodies(80, 100, seed=22)  # 4,000 spans
    server = server_factory(database_url, timeout=180)
    stats: dict[str, int] = {}
    load = asyncio.create_task(
        _send(server.grpc_target, bodies, exporters=8, stats=stats, stop_on_error=True)
    )
    for _ in range(600):
        (count,) = await _rows(engine, "SELECT count(*) FROM spans")
        if count[0] >= 800:
            break
        await asyncio.sleep(0.05)
    server.stop(signal.SIGKILL)
    acked = await load
    assert acked, "nothing was acknowledged before the kill"
    stored = {tuple(r) for r in await _rows(engine, "SELECT trace_id, span_id FROM spans")}
    for specs, _body in acked:
        assert {(s.trace_id, s.span_id) for s in specs} <= stored
    restarted = server_factory(database_url, timeout=180)  # everything is sent again
    await _send(restarted.grpc_target, bodies, exporters=8, stats=stats, stop_on_error=False)
    await _assert_complete(engine, traces)


async def test_ingest_command_serves_grpc_and_port_zero_turns_it_off(
    database_url, engine, tmp_path
) -> None:
    """``agenttrace ingest --grpc-port N`` serves gRPC beside HTTP; ``--grpc-port 0`` does not."""
    otlp, grpc_port = free_port(), free_port()
    env = {**os.environ, "AGENTTRACE_HOME": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "agenttrace_server", "ingest", "--otlp-port", str(otlp),
               "--database-url", database_url, "--grpc-port"]  # fmt: skip
    log = (tmp_path / "ingest.log").open("wb")
    for port in (grpc_port, 0):
        process = await asyncio.to_thread(
            subprocess.Popen, [*command, str(port)], stdout=log, stderr=subprocess.STDOUT, env=env
        )
        try:
            await asyncio.to_thread(_wait_healthy, process, f"http://127.0.0.1:{otlp}")
            async with grpc.aio.insecure_channel(f"127.0.0.1:{grpc_port}") as channel:
                body = build_request([SpanSpec("9a" * 16, f"{port + 1:016x}")])
                try:
                    await channel.unary_unary(EXPORT)(body.SerializeToString(), timeout=10)
                except grpc.aio.AioRpcError as error:
                    assert port == 0, error
                    assert error.code() == grpc.StatusCode.UNAVAILABLE  # nobody listens
                else:
                    assert port != 0
        finally:
            process.send_signal(signal.SIGTERM)
            assert await asyncio.to_thread(process.wait, 60) == 0
    assert await _rows(engine, "SELECT span_id FROM spans") == [(f"{grpc_port + 1:016x}",)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(process: subprocess.Popen[bytes], url: str) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert process.poll() is None, "agenttrace ingest exited early"
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise AssertionError("agenttrace ingest did not become healthy")
