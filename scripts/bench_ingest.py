"""Ingestion benchmark: OTLP/protobuf load against ``agenttrace serve`` on SQLite and PostgreSQL.

Sends realistic multi-agent traces (50 spans each, attribute-rich agent/LLM/tool spans with
0.2-2 KB inputs and outputs, 512 spans per request) at concurrency 1, 4 and 16 and prints, per
database: spans/s stored (a 2xx is only sent after the commit), request latency p50/p99, the
time from the last 2xx until the last span is queryable, and the peak RSS of the server
process and of its decoding workers. Each server gets a short warm-up first. The last
line is one JSON object with every figure.

    .venv/bin/python scripts/bench_ingest.py [--databases sqlite,postgresql] [--scale 1.0]

PostgreSQL: a fresh database is created on ``AGENTTRACE_BENCH_PG_URL`` (default
``postgresql://postgres@127.0.0.1:5432/postgres``) and dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.trace.v1.trace_pb2 import ResourceSpans, Span

PG_ADMIN_URL = os.environ.get(
    "AGENTTRACE_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
SPANS_PER_TRACE = 50
SPANS_PER_REQUEST = 512
LEVELS = {1: 32, 4: 128, 16: 128}
"""Concurrency → requests sent at that level (scaled by ``--scale``)."""
AGENTS = ["supervisor", "researcher", "coder", "reviewer", "writer"]
TOOLS = ["search_docs", "fetch_url", "run_tests", "read_file", "write_file"]
WORDS = [
    "agent",
    "plan",
    "tool",
    "call",
    "result",
    "error",
    "retry",
    "handoff",
    "context",
    "message",
    "review",
    "code",
    "test",
    "search",
    "document",
    "answer",
    "question",
    "summary",
    "model",
    "token",
    "state",
    "step",
    "budget",
    "invoice",
    "user",
]


def _text(rng: random.Random, low: int = 200, high: int = 2000) -> str:
    size = rng.randint(low, high)
    out: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(WORDS)
        out.append(word)
        length += len(word) + 1
    return " ".join(out)[:size]


def _attr(span: Span, key: str, value: str | int | float | bool) -> None:
    kv = span.attributes.add()
    kv.key = key
    if isinstance(value, bool):
        kv.value.bool_value = value
    elif isinstance(value, int):
        kv.value.int_value = value
    elif isinstance(value, float):
        kv.value.double_value = value
    else:
        kv.value.string_value = value


def _trace(rng: random.Random, start_ns: int, openinference: bool) -> list[Span]:
    """One multi-agent run: supervisor → agents → LLM and tool calls, 50 spans."""
    trace_id = rng.randbytes(16)
    spans: list[Span] = []

    def new(name: str, parent: Span | None, offset_ms: int, duration_ms: int) -> Span:
        span = Span(
            trace_id=trace_id,
            span_id=rng.randbytes(8),
            parent_span_id=parent.span_id if parent else b"",
            name=name,
            kind=Span.SPAN_KIND_INTERNAL,
            start_time_unix_nano=start_ns + offset_ms * 1_000_000,
            end_time_unix_nano=start_ns + (offset_ms + duration_ms) * 1_000_000,
        )
        span.status.code = 1
        spans.append(span)
        return span

    root = new("invoke_agent supervisor", None, 0, 60_000)
    _attr(root, "gen_ai.operation.name", "invoke_agent")
    _attr(root, "gen_ai.agent.name", "supervisor")
    _attr(root, "gen_ai.conversation.id", f"conv-{rng.getrandbits(48):012x}")
    _attr(root, "input.value" if openinference else "gen_ai.input.messages", _text(rng))
    offset = 10
    while len(spans) < SPANS_PER_TRACE:
        agent = rng.choice(AGENTS[1:])
        run = new(f"invoke_agent {agent}", root, offset, 5_000)
        if openinference:
            _attr(run, "openinference.span.kind", "AGENT")
            _attr(run, "agent.name", agent)
            _attr(run, "graph.node.id", agent)
            _attr(run, "input.value", _text(rng))
        else:
            _attr(run, "gen_ai.operation.name", "invoke_agent")
            _attr(run, "gen_ai.agent.name", agent)
            _attr(run, "gen_ai.agent.description", f"the {agent}")
        _attr(run, "agenttrace.message.from", "supervisor")
        _attr(run, "agenttrace.message.to", agent)
        _attr(run, "agenttrace.message.kind", "delegation")
        _attr(run, "agenttrace.message.content", _text(rng, 200, 400))
        for step in range(min(rng.randint(4, 9), SPANS_PER_TRACE - len(spans))):
            at = offset + 10 + step * 400
            if step % 2 == 0:
                llm = new("chat gpt-4o-mini", run, at, 300)
                llm.kind = Span.SPAN_KIND_CLIENT
                prompt, completion = rng.randint(200, 4000), rng.randint(20, 800)
                if openinference:
                    _attr(llm, "openinference.span.kind", "LLM")
                    _attr(llm, "llm.model_name", "gpt-4o-mini")
                    _attr(llm, "llm.provider", "openai")
                    _attr(llm, "llm.token_count.prompt", prompt)
                    _attr(llm, "llm.token_count.completion", completion)
                    _attr(llm, "llm.token_count.total", prompt + completion)
                    _attr(llm, "input.value", _text(rng))
                    _attr(llm, "input.mime_type", "text/plain")
                    _attr(llm, "output.value", _text(rng))
                    _attr(llm, "llm.input_messages.0.message.role", "system")
                    _attr(llm, "llm.input_messages.0.message.content", _text(rng, 100, 300))
                    _attr(llm, "llm.output_messages.0.message.role", "assistant")
                else:
                    _attr(llm, "gen_ai.operation.name", "chat")
                    _attr(llm, "gen_ai.provider.name", "openai")
                    _attr(llm, "gen_ai.request.model", "gpt-4o-mini")
                    _attr(llm, "gen_ai.response.model", "gpt-4o-mini-2024-07-18")
                    _attr(llm, "gen_ai.request.temperature", 0.2)
                    _attr(llm, "gen_ai.usage.input_tokens", prompt)
                    _attr(llm, "gen_ai.usage.output_tokens", completion)
                    _attr(llm, "gen_ai.input.messages", _text(rng))
                    _attr(llm, "gen_ai.output.messages", _text(rng))
                    _attr(llm, "server.address", "api.openai.com")
                    _attr(llm, "server.port", 443)
            else:
                tool_name = rng.choice(TOOLS)
                tool = new(f"execute_tool {tool_name}", run, at, 200)
                failed = rng.random() < 0.03
                if failed:
                    tool.status.code = 2
                    tool.status.message = "TimeoutError: upstream did not answer"
                if openinference:
                    _attr(tool, "openinference.span.kind", "TOOL")
                    _attr(tool, "tool.name", tool_name)
                    _attr(tool, "input.value", _text(rng, 200, 600))
                    _attr(tool, "output.value", _text(rng))
                else:
                    _attr(tool, "gen_ai.operation.name", "execute_tool")
                    _attr(tool, "gen_ai.tool.name", tool_name)
                    _attr(tool, "gen_ai.tool.call.id", f"call_{rng.getrandbits(40):010x}")
                    _attr(tool, "gen_ai.tool.call.arguments", _text(rng, 200, 600))
                    _attr(tool, "gen_ai.tool.call.result", _text(rng))
        offset += 5_000
    return spans


def make_bodies(count: int, seed: int) -> tuple[list[bytes], list[str]]:
    """``count`` request bodies of 512 spans; returns them and the trace ids they complete."""
    rng = random.Random(seed)
    start = time.time_ns() - 3_600 * 10**9
    pending: list[Span] = []
    bodies: list[bytes] = []
    ends: list[tuple[str, int]] = []  # (trace id, spans generated up to its last one)
    generated = n = 0
    while len(bodies) < count:
        while len(pending) < SPANS_PER_REQUEST:
            spans = _trace(rng, start + n * 1_000_000, openinference=n % 2 == 0)
            generated += len(spans)
            ends.append((spans[0].trace_id.hex(), generated))
            pending.extend(spans)
            n += 1
        chunk, pending = pending[:SPANS_PER_REQUEST], pending[SPANS_PER_REQUEST:]
        request = ExportTraceServiceRequest()
        rs: ResourceSpans = request.resource_spans.add()
        for key, value in (("service.name", "bench-agents"), ("telemetry.sdk.language", "python")):
            kv = rs.resource.attributes.add()
            kv.key, kv.value.string_value = key, value
        scope = rs.scope_spans.add()
        scope.scope.name, scope.scope.version = "bench.agents", "1.0"
        scope.spans.extend(chunk)
        bodies.append(request.SerializeToString())
    sent = len(bodies) * SPANS_PER_REQUEST
    return bodies, [trace_id for trace_id, end in ends if end <= sent]


@dataclass
class Server:
    """A running ``agenttrace serve``."""

    process: subprocess.Popen[bytes]
    otlp_url: str
    api_url: str
    peak_rss_mb: float = 0.0
    samples: list[float] = field(default_factory=list)

    def rss_mb(self) -> tuple[float, float]:
        """(current, peak) resident memory of the server process in MB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        values = {
            line.split(":")[0]: int(line.split()[1]) for line in status.splitlines()
            if line.startswith(("VmRSS", "VmHWM"))
        }  # fmt: skip
        return values.get("VmRSS", 0) / 1024, values.get("VmHWM", 0) / 1024

    def worker_peak_rss_mb(self) -> float:
        """The largest peak resident memory of the server's helper processes, in MB."""
        peaks = [0.0]
        for pid in _descendants(self.process.pid):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM"):
                    peaks.append(int(line.split()[1]) / 1024)
        return round(max(peaks), 1)


def _descendants(pid: int) -> set[int]:
    """Processes started by ``pid`` (decoding workers and their fork server), from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_bytes().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(database_url: str, home: Path) -> Server:
    """Start ``agenttrace serve`` and wait for both ports to answer /health."""
    otlp, api = _free_port(), _free_port()
    env = {**os.environ, "AGENTTRACE_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)
    log = (home / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "agenttrace_server", "serve", "--otlp-port", str(otlp),
         "--port", str(api), "--database-url", database_url],
        stdout=log, stderr=subprocess.STDOUT, env=env,
    )  # fmt: skip
    server = Server(process, f"http://127.0.0.1:{otlp}", f"http://127.0.0.1:{api}")
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError((home / "server.log").read_text())
        try:
            if all(httpx.get(f"{u}/health", timeout=2).status_code == 200
                   for u in (server.otlp_url, server.api_url)):  # fmt: skip
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("the server did not start:\n" + (home / "server.log").read_text())


async def run_level(
    server: Server, bodies: list[bytes], trace_ids: list[str], concurrency: int
) -> dict[str, Any]:
    """Send ``bodies`` with ``concurrency`` clients; measure throughput, latency, visibility."""
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    latencies: list[float] = []
    refused = 0

    async def client() -> None:
        nonlocal refused
        async with httpx.AsyncClient(timeout=120) as http:
            while not queue.empty():
                body = queue.get_nowait()
                while True:
                    t0 = time.perf_counter()
                    response = await http.post(
                        f"{server.otlp_url}/v1/traces", content=body,
                        headers={"content-type": "application/x-protobuf"},
                    )  # fmt: skip
                    if response.status_code == 200:
                        latencies.append(time.perf_counter() - t0)
                        break
                    refused += 1
                    await asyncio.sleep(float(response.headers.get("retry-after", "1")))

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    last_ack = time.perf_counter()
    visible = await _time_to_queryable(server, trace_ids[-1], last_ack)
    spans = len(bodies) * SPANS_PER_REQUEST
    latencies.sort()
    return {
        "concurrency": concurrency,
        "requests": len(bodies),
        "spans": spans,
        "spans_per_s": round(spans / (last_ack - started)),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1),
        "refused_503": refused,
        "queryable_after_last_2xx_ms": round(visible * 1000, 1),
    }


async def _time_to_queryable(server: Server, trace_id: str, since: float) -> float:
    """Seconds from ``since`` until ``GET /api/v1/traces/{id}/spans`` lists all 50 spans."""
    async with httpx.AsyncClient(timeout=30) as http:
        while time.perf_counter() - since < 60:
            response = await http.get(f"{server.api_url}/api/v1/traces/{trace_id}/spans")
            if response.status_code == 200:
                data = response.json()
                items = data.get("items", data) if isinstance(data, dict) else data
                if len(items) >= SPANS_PER_TRACE:
                    return time.perf_counter() - since
            elif response.status_code not in (404,):
                break
            await asyncio.sleep(0.01)
    return float("nan")


def bench_database(name: str, url: str, home: Path, scale: float, seed: int) -> dict[str, Any]:
    """Every concurrency level against one fresh server on ``url``."""
    server = start_server(url, home)
    results: dict[str, Any] = {"levels": []}
    try:
        warm, warm_ids = make_bodies(8, seed=seed * 100 + 99)  # workers up, caches warm
        asyncio.run(run_level(server, warm, warm_ids, 4))
        for index, (concurrency, requests) in enumerate(LEVELS.items()):
            count = max(4, int(requests * scale))
            bodies, trace_ids = make_bodies(count, seed=seed * 100 + index)
            level = asyncio.run(run_level(server, bodies, trace_ids, concurrency))
            level["rss_mb"] = round(server.rss_mb()[0], 1)
            results["levels"].append(level)
            print(f"  {name:10s} c={concurrency:<2d} {level['spans_per_s']:>7,d} spans/s  "
                  f"p50 {level['p50_ms']:>7.1f} ms  p99 {level['p99_ms']:>7.1f} ms  "
                  f"queryable +{level['queryable_after_last_2xx_ms']:.0f} ms  "
                  f"503s {level['refused_503']}", flush=True)  # fmt: skip
        results["peak_rss_mb"] = round(server.rss_mb()[1], 1)
        results["worker_peak_rss_mb"] = server.worker_peak_rss_mb()
        print(f"  {name:10s} peak RSS {results['peak_rss_mb']} MB (server process), "
              f"decoding workers {results['worker_peak_rss_mb']} MB each at most",
              flush=True)  # fmt: skip
    finally:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(60)
        except subprocess.TimeoutExpired:
            server.process.kill()
    return results


def main() -> None:
    """Run the benchmark and print the figures; the last line is JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply request counts")
    args = parser.parse_args()
    figures: dict[str, Any] = {}
    for name in args.databases.split(","):
        with tempfile.TemporaryDirectory(prefix="agenttrace-bench-") as tmp:
            home = Path(tmp)
            if name == "sqlite":
                figures[name] = bench_database(name, f"sqlite:///{home / 'bench.db'}", home,
                                               args.scale, seed=1)  # fmt: skip
            elif name == "postgresql":
                figures[name] = _bench_postgres(home, args.scale)
            else:
                raise SystemExit(f"unknown database {name!r}")
    print(json.dumps({"ingest": figures}))


def _bench_postgres(home: Path, scale: float) -> dict[str, Any]:
    import psycopg

    dbname = f"agenttrace_bench_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        print(f"  postgresql unavailable: {exc}", flush=True)
        return {"error": str(exc)}
    with admin:
        admin.execute(f'CREATE DATABASE "{dbname}"')
    try:
        url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{dbname}"
        return bench_database("postgresql", url, home, scale, seed=2)
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


if __name__ == "__main__":
    main()
