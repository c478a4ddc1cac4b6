"""Stateless replicas (issue #16): two ``agenttrace ingest`` and two ``agenttrace api``
processes on one PostgreSQL database, and eight OpenTelemetry SDK services exporting over
OTLP/HTTP, spread over the two ingest replicas.

The runs are distributed: each run's spans come from every service (context propagated as
between services), so every run reaches both ingest replicas, children before parents. Half
of the exporters lose their answers: each of their batches goes to their replica and again to
the other one (a load balancer retrying elsewhere). Then every span is stored once, every
run summary is what its spans make, and both API replicas answer the same, down to each
run's spans and analysis.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import httpx
import pytest
from opentelemetry import trace as otel_trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    SimpleSpanProcessor,
    SpanExporter,
    SpanExportResult,
)
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import Status, StatusCode
from sqlalchemy import text

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SERVICES = 8
RUNS = 6
STARTUP_SECONDS = 240
"""Four processes importing the whole stack at once, on a machine that may be busy."""


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(command: str, port: int, database_url: str, home: Path) -> subprocess.Popen[bytes]:
    home.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "AGENTTRACE_HOME": str(home),
        "AGENTTRACE_ANALYSIS_IDLE_SECONDS": "0.5",
        "AGENTTRACE_DECODE_WORKERS": "0",  # small requests: no worker processes to start
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DATABASE_URL", None)
    env.pop("AGENTTRACE_CLICKHOUSE_URL", None)
    flag = "--otlp-port" if command == "ingest" else "--port"
    log = (home / f"{command}-{port}.log").open("wb")
    args = [command, flag, str(port), "--database-url", database_url]
    if command == "ingest":
        args += ["--grpc-port", "0"]  # two ingest replicas on one machine: OTLP/HTTP only
    return subprocess.Popen(
        [sys.executable, "-m", "agenttrace_server", *args],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )


@pytest.fixture
def replicas(database_url: str, tmp_path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Two ingest and two API processes on the test's database: their URLs."""
    started: list[tuple[subprocess.Popen[bytes], str, Path]] = []
    for n, command in enumerate(("ingest", "ingest", "api", "api")):
        port = free_port()
        home = tmp_path / f"home-{n}"
        started.append(
            (_start(command, port, database_url, home), f"http://127.0.0.1:{port}", home)
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        for process, url, home in started:
            while True:
                if process.poll() is not None:
                    logs = "\n".join(p.read_text(errors="replace") for p in home.glob("*.log"))
                    raise AssertionError(f"a replica exited early ({url}):\n{logs}")
                try:
                    if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline, f"{url} did not become healthy"
                time.sleep(0.05)
        urls = [url for _p, url, _h in started]
        yield urls[:2], urls[2:]
    finally:
        for process, _url, _home in started:
            process.send_signal(signal.SIGTERM)
        for process, _url, _home in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class _Exporter(SpanExporter):
    """OTLP/HTTP exporters sent the same batches in turn; every result kept."""

    def __init__(self, endpoints: Sequence[str]) -> None:
        self.exporters = [
            OTLPSpanExporter(endpoint=f"{e}/v1/traces", timeout=60) for e in endpoints
        ]
        self.results: list[SpanExportResult] = []

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        for exporter in self.exporters:
            self.results.append(exporter.export(spans))
        return self.results[-1]

    def shutdown(self) -> None:
        for exporter in self.exporters:
            exporter.shutdown()


def _services(
    ingest: list[str],
) -> tuple[list[TracerProvider], list[_Exporter], InMemorySpanExporter]:
    """Eight services, exporting in batches to the ingest replicas (every second one twice)."""
    providers, exporters, finished = [], [], InMemorySpanExporter()
    for n in range(SERVICES):
        own, other = ingest[n % 2], ingest[(n + 1) % 2]
        exporter = _Exporter([own, other] if n >= SERVICES // 2 else [own])
        provider = TracerProvider(
            resource=Resource.create({"service.name": f"svc-{n}", "agenttrace.project": "fleet"})
        )
        provider.add_span_processor(SimpleSpanProcessor(finished))
        provider.add_span_processor(BatchSpanProcessor(exporter, max_export_batch_size=16))
        providers.append(provider)
        exporters.append(exporter)
    return providers, exporters, finished


def _run(providers: list[TracerProvider], n: int) -> None:
    """One distributed run: an orchestrator, and an agent with a model call on every service."""
    tracers = [p.get_tracer("agenttrace.tests.replicas", "1.0") for p in providers]
    with tracers[n % SERVICES].start_as_current_span(f"invoke_agent orchestrator {n}") as root:
        root.set_attribute("gen_ai.operation.name", "invoke_agent")
        root.set_attribute("gen_ai.agent.name", "orchestrator")
        parent = otel_trace.set_span_in_context(root)
        for s, tracer in enumerate(tracers):
            with tracer.start_as_current_span(f"invoke_agent worker-{s}", context=parent) as agent:
                agent.set_attribute("gen_ai.operation.name", "invoke_agent")
                agent.set_attribute("gen_ai.agent.name", f"worker-{s}")
                with tracer.start_as_current_span("chat gpt-4o-mini") as llm:
                    llm.set_attribute("gen_ai.operation.name", "chat")
                    llm.set_attribute("gen_ai.request.model", "gpt-4o-mini")
                    llm.set_attribute("gen_ai.usage.input_tokens", 10 * n + s)
                    llm.set_attribute("gen_ai.usage.output_tokens", 3)
                if (n + s) % 5 == 0:
                    with tracer.start_as_current_span("execute_tool search") as tool:
                        tool.set_attribute("gen_ai.operation.name", "execute_tool")
                        tool.set_status(Status(StatusCode.ERROR, "no results"))


def _expected(spans: Sequence[ReadableSpan]) -> dict[str, dict[str, object]]:
    """What each run's summary must say, from the spans the services made."""
    runs: dict[str, dict[str, object]] = {}
    for span in spans:
        trace_id = f"{span.context.trace_id:032x}"
        run = runs.setdefault(
            trace_id,
            {"span_count": 0, "total_tokens": 0, "status": "ok", "agents": set(), "name": None},
        )
        run["span_count"] += 1  # type: ignore[operator]
        attrs = span.attributes or {}
        run["total_tokens"] += int(attrs.get("gen_ai.usage.input_tokens", 0)) + int(  # type: ignore[operator]
            attrs.get("gen_ai.usage.output_tokens", 0)
        )
        if span.status.status_code is StatusCode.ERROR:
            run["status"] = "error"
        if "gen_ai.agent.name" in attrs:
            run["agents"].add(attrs["gen_ai.agent.name"])  # type: ignore[attr-defined]
        if span.parent is None:
            run["name"] = span.name
    return runs


def _get_all(client: httpx.Client, path: str) -> list[dict]:
    items, cursor = [], None
    while True:
        params = {"limit": 100, **({"cursor": cursor} if cursor else {})}
        response = client.get(path, params=params)
        assert response.status_code == 200, response.text
        page = response.json()
        items += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def _answers(api_url: str, trace_ids: list[str]) -> dict[str, object]:
    """Everything one API replica says about the runs: list, details, spans, analysis."""
    with httpx.Client(base_url=f"{api_url}/api/v1", timeout=60) as client:
        answers: dict[str, object] = {"traces": _get_all(client, "/traces")}
        for trace_id in trace_ids:
            for part in ("", "/spans", "/graph", "/messages", "/failures"):
                response = client.get(f"/traces/{trace_id}{part}")
                assert response.status_code == 200, response.text
                answers[f"{trace_id}{part}"] = response.json()
        return answers


async def _rows(engine, sql: str) -> list[tuple]:
    async with engine.connect() as conn:
        return [tuple(r) for r in (await conn.execute(text(sql))).all()]


@pytest.mark.parametrize(
    "dialect", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
async def test_two_ingest_and_two_api_replicas(replicas, engine) -> None:
    ingest, api = replicas
    providers, exporters, finished = _services(ingest)
    for n in range(RUNS):
        _run(providers, n)
    flushed = await asyncio.gather(*(asyncio.to_thread(p.force_flush, 60_000) for p in providers))
    for provider in providers:
        provider.shutdown()
    assert all(flushed)
    results = [r for e in exporters for r in e.results]
    assert results and all(r is SpanExportResult.SUCCESS for r in results)

    spans = finished.get_finished_spans()
    expected = _expected(spans)
    assert len(expected) == RUNS
    counts = await _rows(engine, "SELECT count(*), count(DISTINCT trace_id || span_id) FROM spans")
    assert counts == [(len(spans), len(spans))]

    for _ in range(600):  # both API replicas analyse; wait until every run is done
        states = await _rows(engine, "SELECT analysis_state, count(*) FROM traces GROUP BY 1")
        if states == [("done", RUNS)]:
            break
        await asyncio.sleep(0.1)
    assert states == [("done", RUNS)]

    trace_ids = sorted(expected)
    first, second = await asyncio.gather(
        *(asyncio.to_thread(_answers, url, trace_ids) for url in api)
    )
    assert first == second
    listed = {t["trace_id"]: t for t in first["traces"]}  # type: ignore[index]
    assert sorted(listed) == trace_ids
    for trace_id, want in expected.items():
        got = listed[trace_id]
        assert {
            "span_count": got["span_count"],
            "total_tokens": got["total_tokens"],
            "status": got["status"],
            "agents": set(got["agents"]),
            "name": got["name"],
        } == want
        stored = first[f"{trace_id}/spans"]["items"]  # type: ignore[index]
        assert sorted(s["span_id"] for s in stored) == sorted(
            f"{s.context.span_id:016x}" for s in spans if f"{s.context.trace_id:032x}" == trace_id
        )
