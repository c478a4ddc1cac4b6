"""Ingestion benchmark, OTLP/HTTP beside OTLP/gRPC: the same load to one server, in one run.

One ``agenttrace serve`` per database listens on both OTLP ports. At each concurrency level
(1, 4, 16 clients; each client has its own connection) the same number of requests of the
same kind (512 realistic multi-agent spans each, protobuf, from ``bench_load.make_requests``;
fresh spans for every run, so that nothing is a duplicate) is sent over HTTP
(``POST /v1/traces``) and over gRPC (``TraceService/Export``), the two alternating which goes
first. A reply means the spans are committed. Printed per level and protocol: spans/s, request
latency p50/p99, and gRPC/HTTP ratios. The last line is one JSON object with every figure.

    .venv/bin/python scripts/bench_ingest_grpc.py [--databases sqlite,postgresql] [--scale 1.0]

PostgreSQL: a fresh database is created on ``AGENTTRACE_BENCH_PG_URL`` (default
``postgresql://postgres@127.0.0.1:5432/postgres``) and dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import grpc
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import SPANS_PER_REQUEST, encode, make_requests


def make_bodies(count: int, seed: int) -> tuple[list[bytes], str]:
    """``count`` protobuf bodies of the benchmark's own load, and the last trace's id."""
    requests, last = make_requests("bench", count, seed)
    return [encode(request, "protobuf") for request in requests], last


PG_ADMIN_URL = os.environ.get(
    "AGENTTRACE_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
LEVELS = {1: 32, 4: 128, 16: 128}
"""Concurrency → requests sent at that level, per protocol (scaled by ``--scale``)."""
EXPORT = "/opentelemetry.proto.collector.trace.v1.TraceService/Export"
RETRY = {grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.RESOURCE_EXHAUSTED}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``agenttrace serve`` with OTLP/HTTP, OTLP/gRPC and the API on free ports."""

    def __init__(self, database_url: str, home: Path) -> None:
        """Start the server and wait until it answers ``/health``."""
        otlp, grpc_port, api = _free_port(), _free_port(), _free_port()
        self.otlp_url = f"http://127.0.0.1:{otlp}"
        self.grpc_target = f"127.0.0.1:{grpc_port}"
        env = {**os.environ, "AGENTTRACE_HOME": str(home), "PYTHONUNBUFFERED": "1"}
        env.pop("DATABASE_URL", None)
        self.log = home / "server.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "agenttrace_server", "serve", "--otlp-port", str(otlp),
             "--grpc-port", str(grpc_port), "--port", str(api), "--database-url", database_url],
            stdout=self.log.open("wb"), stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.log.read_text())
            try:
                if httpx.get(f"{self.otlp_url}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("the server did not start:\n" + self.log.read_text())

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after a minute."""
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()


Send = Callable[[bytes], Awaitable[float]]
"""Sends one body until it is acknowledged; returns the seconds the accepted try took."""


async def _http_client(server: Server, work: asyncio.Queue[bytes], latencies: list[float]) -> int:
    refused = 0
    async with httpx.AsyncClient(timeout=120) as http:
        while not work.empty():
            body = work.get_nowait()
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
    return refused


async def _grpc_client(server: Server, work: asyncio.Queue[bytes], latencies: list[float]) -> int:
    refused = 0
    async with grpc.aio.insecure_channel(server.grpc_target) as channel:
        export = channel.unary_unary(EXPORT)
        while not work.empty():
            body = work.get_nowait()
            while True:
                t0 = time.perf_counter()
                try:
                    await export(body, timeout=120)
                except grpc.aio.AioRpcError as error:
                    if error.code() not in RETRY:
                        raise
                    refused += 1
                    await asyncio.sleep(1)
                    continue
                latencies.append(time.perf_counter() - t0)
                break
    return refused


async def run(
    server: Server, protocol: str, bodies: list[bytes], concurrency: int
) -> dict[str, Any]:
    """Send ``bodies`` over ``protocol`` with ``concurrency`` clients; throughput and latency."""
    work: asyncio.Queue[bytes] = asyncio.Queue()
    for body in bodies:
        work.put_nowait(body)
    latencies: list[float] = []
    client = _http_client if protocol == "http" else _grpc_client
    started = time.perf_counter()
    refused = await asyncio.gather(*(client(server, work, latencies) for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    spans = len(bodies) * SPANS_PER_REQUEST
    return {
        "spans": spans,
        "spans_per_s": round(spans / elapsed),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1),
        "refused": sum(refused),
    }


def bench_database(name: str, url: str, home: Path, scale: float, seed: int) -> dict[str, Any]:
    """Every level, both protocols, against one fresh server on ``url``."""
    server = Server(url, home)
    levels: list[dict[str, Any]] = []
    try:
        for protocol in ("http", "grpc"):  # warm-up: decoding workers up, caches warm
            asyncio.run(run(server, protocol, make_bodies(8, seed=seed * 1000 + 990)[0], 4))
        for index, (concurrency, requests) in enumerate(LEVELS.items()):
            count = max(4, int(requests * scale))
            order = ("http", "grpc") if index % 2 == 0 else ("grpc", "http")
            level: dict[str, Any] = {"concurrency": concurrency, "requests": count}
            for turn, protocol in enumerate(order):
                bodies, _ids = make_bodies(count, seed=seed * 1000 + index * 10 + turn)
                level[protocol] = asyncio.run(run(server, protocol, bodies, concurrency))
            for figure in ("spans_per_s", "p50_ms", "p99_ms"):
                ratio = level["grpc"][figure] / level["http"][figure]
                level[f"grpc_over_http_{figure}"] = round(ratio, 2)
            levels.append(level)
            for protocol in ("http", "grpc"):
                f = level[protocol]
                print(f"  {name:10s} c={concurrency:<2d} {protocol:4s}"
                      f" {f['spans_per_s']:>7,d} spans/s"
                      f"  p50 {f['p50_ms']:>7.1f} ms  p99 {f['p99_ms']:>7.1f} ms"
                      f"  refused {f['refused']}", flush=True)  # fmt: skip
            print(f"  {name:10s} c={concurrency:<2d} gRPC/HTTP: spans/s x"
                  f"{level['grpc_over_http_spans_per_s']}, p50 x{level['grpc_over_http_p50_ms']},"
                  f" p99 x{level['grpc_over_http_p99_ms']}", flush=True)  # fmt: skip
    finally:
        server.stop()
    return {"levels": levels}


def main() -> None:
    """Run the benchmark and print the figures; the last line is JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply request counts")
    args = parser.parse_args()
    figures: dict[str, Any] = {}
    for name in args.databases.split(","):
        with tempfile.TemporaryDirectory(prefix="agenttrace-bench-grpc-") as tmp:
            home = Path(tmp)
            if name == "sqlite":
                url = f"sqlite:///{home / 'bench.db'}"
                figures[name] = bench_database(name, url, home, args.scale, seed=1)
            elif name == "postgresql":
                figures[name] = _bench_postgres(home, args.scale)
            else:
                raise SystemExit(f"unknown database {name!r}")
    print(json.dumps({"ingest_http_vs_grpc": figures}))


def _bench_postgres(home: Path, scale: float) -> dict[str, Any]:
    import psycopg

    dbname = f"agenttrace_bench_grpc_{uuid.uuid4().hex[:10]}"
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
