"""Ingestion benchmark: ``agenttrace serve`` against a bare OTLP endpoint, in the same run.

For each database (SQLite, PostgreSQL) two servers run side by side:

- the *ceiling*: ``scripts/ceiling/ingest_server.py`` (from the shared benchmark kit), the least
  a durable OTLP/HTTP endpoint does: parse, flatten each span to a row, COPY (PostgreSQL) or
  insert (SQLite) into one table, answer 200 after the commit;
- ``agenttrace serve`` with everything on (decode workers, normalizers, summaries, dedup, the
  background analysis).

Both get the same requests: two loads (``bench``, this project's, and ``otlp_load``, the kit's;
see ``scripts/bench_load.py``), each as protobuf, gzip and OTLP/JSON bodies of 512 spans, at
concurrency 1, 4 and 16. Per cell it prints spans/s stored (a 2xx is sent after the commit),
p50/p99 per request, the ratio to the ceiling, the time from the last 2xx until the last
trace is complete through the API, and the background analysis: traces analysed during the
run and how many were still waiting at its end. Per database: peak RSS of each process and
how long the analysis took to catch up at the end. The last line is one JSON object.

    .venv/bin/python scripts/bench_ingest.py [--databases sqlite,postgresql] [--quick]
    AGENTTRACE_BENCH_QUICK=1 make bench        # the short run

PostgreSQL: fresh databases are created on ``AGENTTRACE_BENCH_PG_URL`` (default
``postgresql://postgres@127.0.0.1:5432/postgres``) and dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import FORMATS, LOADS, SPANS_PER_REQUEST, SPANS_PER_TRACE, encode, make_requests

CEILING_DIR = Path(__file__).resolve().parent / "ceiling"
PG_ADMIN_URL = os.environ.get(
    "AGENTTRACE_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
LEVELS = {1: 16, 4: 64, 16: 96}
"""Concurrency → requests of 512 spans sent at that level."""
QUICK_LEVELS = {1: 4, 4: 12, 16: 32}
CATCH_UP_SECONDS = {"full": 300.0, "quick": 60.0}
"""Longest wait at the end of a database for the background analysis to finish."""
PG_CEILING_TABLE = (
    "CREATE TABLE spans (trace_id text NOT NULL, span_id text NOT NULL, parent_span_id text, "
    "name text NOT NULL, kind smallint, start_time timestamptz NOT NULL, end_time timestamptz, "
    "status_code smallint, status_message text, attributes jsonb, resource jsonb, "
    "agent_name text, span_kind text, prompt_tokens int, completion_tokens int); "
    "CREATE INDEX ON spans (trace_id); CREATE INDEX ON spans (start_time);"
)


@dataclass
class Process:
    """A server under load: its process, its OTLP URL and (AgentTrace) its API URL."""

    name: str
    process: subprocess.Popen[bytes]
    otlp_url: str
    api_url: str | None
    log: Path

    def pids(self) -> list[int]:
        """The server process and the processes it started (decode workers, fork server)."""
        return [self.process.pid, *sorted(_descendants(self.process.pid))]

    def peak_rss_mb(self) -> dict[str, float]:
        """Peak resident memory per process (``VmHWM``), in MB."""
        peaks: dict[str, float] = {}
        for index, pid in enumerate(self.pids()):
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM"):
                    label = "server" if index == 0 else f"child {pid}"
                    peaks[label] = round(int(line.split()[1]) / 1024, 1)
        return peaks

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after a minute."""
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _descendants(pid: int) -> set[int]:
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


def _wait_healthy(proc: Process, urls: list[str]) -> Process:
    deadline = time.monotonic() + 600  # a start on a busy machine can take minutes
    while time.monotonic() < deadline:
        if proc.process.poll() is not None:
            raise RuntimeError(proc.log.read_text())
        try:
            if all(httpx.get(url, timeout=2).status_code < 500 for url in urls):
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.process.kill()
    raise RuntimeError(f"{proc.name} did not start:\n" + proc.log.read_text())


def start_agenttrace(database_url: str, home: Path) -> Process:
    """``agenttrace serve`` on ``database_url``, once both ports answer /health."""
    otlp, api = _free_port(), _free_port()
    env = {**os.environ, "AGENTTRACE_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)
    log = home / "agenttrace.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "agenttrace_server", "serve", "--otlp-port", str(otlp),
         "--port", str(api), "--grpc-port", "0", "--database-url", database_url],
        stdout=log.open("wb"), stderr=subprocess.STDOUT, env=env,
    )  # fmt: skip
    base = "http://127.0.0.1"
    proc = Process("agenttrace", process, f"{base}:{otlp}", f"{base}:{api}", log)
    return _wait_healthy(proc, [f"{proc.otlp_url}/health", f"{proc.api_url}/health"])


def start_ceiling(env_extra: dict[str, str], home: Path) -> Process:
    """The bare endpoint (uvicorn, uvloop, httptools, one process) with ``BENCH_MODE`` &c."""
    port = _free_port()
    log = home / "ceiling.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "ingest_server:app", "--host", "127.0.0.1",
         "--port", str(port), "--loop", "uvloop", "--http", "httptools", "--no-access-log"],
        cwd=CEILING_DIR, stdout=log.open("wb"), stderr=subprocess.STDOUT,
        env={**os.environ, **env_extra},
    )  # fmt: skip
    proc = Process("ceiling", process, f"http://127.0.0.1:{port}", None, log)
    return _wait_healthy(proc, [f"{proc.otlp_url}/docs"])


async def send(
    url: str, bodies: list[bytes], headers: dict[str, str], concurrency: int
) -> dict[str, Any]:
    """Send ``bodies`` with ``concurrency`` clients (a 429/503 is retried after Retry-After)."""
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    latencies: list[float] = []
    refused = 0

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal refused
        while not queue.empty():
            body = queue.get_nowait()
            while True:
                t0 = time.perf_counter()
                response = await http.post(f"{url}/v1/traces", content=body, headers=headers)
                if response.status_code == 200:
                    latencies.append(time.perf_counter() - t0)
                    break
                if response.status_code not in (429, 503):
                    raise RuntimeError(f"{url}: {response.status_code} {response.text[:300]}")
                refused += 1
                await asyncio.sleep(float(response.headers.get("retry-after", "1")))

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(timeout=120, limits=limits, trust_env=False) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "spans_per_s": round(len(bodies) * SPANS_PER_REQUEST / elapsed),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p99_ms": round(latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000, 1),
        "refused": refused,
        "last_ack": time.perf_counter(),
    }


def time_to_queryable(api_url: str, trace_id: str, since: float) -> float:
    """Seconds from ``since`` until ``GET /api/v1/traces/{id}/spans`` lists all 50 spans."""
    with httpx.Client(timeout=30, trust_env=False) as http:
        while time.perf_counter() - since < 60:
            response = http.get(f"{api_url}/api/v1/traces/{trace_id}/spans")
            if response.status_code == 200:
                data = response.json()
                items = data.get("items", data) if isinstance(data, dict) else data
                if len(items) >= SPANS_PER_TRACE:
                    return time.perf_counter() - since
            elif response.status_code != 404:
                break
            time.sleep(0.01)
    return float("nan")


@dataclass
class Database:
    """One database under test: AgentTrace's URL, the ceiling's settings, a way to count."""

    name: str
    agenttrace_url: str
    ceiling_env: dict[str, str]
    analysis_states: Callable[[], dict[str, int]]


@contextmanager
def sqlite_database(home: Path) -> Iterator[Database]:
    """Two SQLite files under ``home``: AgentTrace's and the ceiling's."""
    path = home / "agenttrace.db"

    def states() -> dict[str, int]:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30) as db:
            rows = db.execute("SELECT analysis_state, count(*) FROM traces GROUP BY 1")
            return {str(state): int(n) for state, n in rows}

    yield Database(
        "sqlite",
        f"sqlite:///{path}",
        {"BENCH_MODE": "sqlite", "BENCH_SQLITE": str(home / "ceiling.db")},
        states,
    )


@contextmanager
def postgres_database() -> Iterator[Database]:
    """Two scratch PostgreSQL databases (AgentTrace's, the ceiling's), dropped at the end."""
    import psycopg

    names = [f"agenttrace_bench_{uuid.uuid4().hex[:10]}", f"ceiling_bench_{uuid.uuid4().hex[:10]}"]
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(f"{base}/{names[1]}", autocommit=True) as ceiling:
            ceiling.execute(PG_CEILING_TABLE)

        def states() -> dict[str, int]:
            with psycopg.connect(f"{base}/{names[0]}", autocommit=True) as conn:
                rows = conn.execute("SELECT analysis_state, count(*) FROM traces GROUP BY 1")
                return {str(state): int(n) for state, n in rows}

        yield Database(
            "postgresql",
            f"{base}/{names[0]}",
            {"BENCH_MODE": "pg", "BENCH_DSN": f"{base}/{names[1]}", "BENCH_POOL": "4"},
            states,
        )
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _waiting(states: dict[str, int]) -> int:
    return states.get("pending", 0) + states.get("running", 0)


def bench_database(db: Database, home: Path, levels: dict[int, int], mode: str) -> dict[str, Any]:
    """Every load, format and concurrency against the ceiling, then against AgentTrace."""
    ceiling = start_ceiling(db.ceiling_env, home)
    agenttrace = start_agenttrace(db.agenttrace_url, home)
    cells: list[dict[str, Any]] = []
    try:
        warm, _ = make_requests("bench", 8, seed=999)  # workers up, caches warm
        for server in (ceiling, agenttrace):
            asyncio.run(send(server.otlp_url, [encode(r, "protobuf") for r in warm],
                             FORMATS["protobuf"], 4))  # fmt: skip
        seed = 0
        for load in LOADS:
            for fmt, headers in FORMATS.items():
                for concurrency, count in levels.items():
                    seed += 1
                    requests, last_trace = make_requests(load, count, seed=seed)
                    bodies = [encode(r, fmt) for r in requests]
                    del requests
                    cell = {"load": load, "format": fmt, "concurrency": concurrency}
                    cell["ceiling"] = _pop_ack(
                        asyncio.run(send(ceiling.otlp_url, bodies, headers, concurrency))
                    )
                    before = db.analysis_states().get("done", 0)
                    result = asyncio.run(send(agenttrace.otlp_url, bodies, headers, concurrency))
                    states = db.analysis_states()
                    assert agenttrace.api_url is not None
                    visible = time_to_queryable(agenttrace.api_url, last_trace, result["last_ack"])
                    result = _pop_ack(result)
                    result["queryable_ms"] = round(visible * 1000, 1)
                    result["analysed_during_run"] = states.get("done", 0) - before
                    result["analysis_waiting_at_end"] = _waiting(states)
                    cell["agenttrace"] = result
                    cell["ratio"] = round(result["spans_per_s"] / cell["ceiling"]["spans_per_s"], 2)
                    cells.append(cell)
                    _print_cell(db.name, cell)
        catch_up = _catch_up(db, CATCH_UP_SECONDS[mode])
        peaks = {"ceiling": ceiling.peak_rss_mb(), "agenttrace": agenttrace.peak_rss_mb()}
    finally:
        agenttrace.stop()
        ceiling.stop()
    print(f"  {db.name}: peak RSS MB {json.dumps(peaks)}", flush=True)
    print(f"  {db.name}: background analysis {json.dumps(catch_up)}", flush=True)
    return {"cells": cells, "peak_rss_mb": peaks, "analysis": catch_up}


def _pop_ack(result: dict[str, Any]) -> dict[str, Any]:
    result.pop("last_ack", None)
    return result


def _catch_up(db: Database, limit: float) -> dict[str, Any]:
    """Wait (at most ``limit`` s) for the background analysis to clear what is waiting."""
    started = time.perf_counter()
    states = db.analysis_states()
    waiting_at_end = _waiting(states)
    while _waiting(states) and time.perf_counter() - started < limit:
        time.sleep(0.5)
        states = db.analysis_states()
    return {
        "traces": sum(states.values()),
        "waiting_after_last_cell": waiting_at_end,
        "caught_up_s": round(time.perf_counter() - started, 1) if not _waiting(states) else None,
        "states_at_the_end": states,
    }


def _print_cell(database: str, cell: dict[str, Any]) -> None:
    c, a = cell["ceiling"], cell["agenttrace"]
    print(
        f"  {database:10s} {cell['load']:9s} {cell['format']:8s} c={cell['concurrency']:<2d} "
        f"ceiling {c['spans_per_s']:>6,d}/s p50 {c['p50_ms']:>6.1f} p99 {c['p99_ms']:>6.1f} | "
        f"agenttrace {a['spans_per_s']:>6,d}/s p50 {a['p50_ms']:>6.1f} p99 {a['p99_ms']:>6.1f} "
        f"ratio {cell['ratio']:.2f} queryable +{a['queryable_ms']:.0f} ms "
        f"analysed {a['analysed_during_run']} waiting {a['analysis_waiting_at_end']} "
        f"503s {a['refused']}",
        flush=True,
    )


def print_table(figures: dict[str, Any]) -> None:
    """The ratio table: one row per database, load and concurrency; a column per format."""
    print("\n  ratio to the ceiling (AgentTrace spans/s ÷ ceiling spans/s; AgentTrace p99 ms)")
    print(f"  {'database':10s} {'load':9s} {'c':>2s}  " + "  ".join(f"{f:>14s}" for f in FORMATS))
    for database, result in figures.items():
        rows: dict[tuple[str, int], dict[str, str]] = {}
        for cell in result.get("cells", []):
            key = (cell["load"], cell["concurrency"])
            rows.setdefault(key, {})[cell["format"]] = (
                f"{cell['ratio']:.2f}x {cell['agenttrace']['p99_ms']:>5.0f}ms"
            )
        for (load, concurrency), by_format in rows.items():
            print(
                f"  {database:10s} {load:9s} {concurrency:>2d}  "
                + "  ".join(f"{by_format.get(f, '-'):>14s}" for f in FORMATS)
            )


def main() -> None:
    """Run the benchmark and print the figures; the last line is JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument(
        "--quick",
        action="store_true",
        default=os.environ.get("AGENTTRACE_BENCH_QUICK", "") not in ("", "0"),
        help="a short run (also AGENTTRACE_BENCH_QUICK=1)",
    )
    args = parser.parse_args()
    mode = "quick" if args.quick else "full"
    levels = QUICK_LEVELS if args.quick else LEVELS
    print(f"  mode {mode}; load average {os.getloadavg()[0]:.2f} at the start", flush=True)
    figures: dict[str, Any] = {}
    for name in args.databases.split(","):
        with tempfile.TemporaryDirectory(prefix="agenttrace-bench-") as tmp:
            home = Path(tmp)
            if name == "sqlite":
                with sqlite_database(home) as db:
                    figures[name] = bench_database(db, home, levels, mode)
            elif name == "postgresql":
                with postgres_database() as db:
                    figures[name] = bench_database(db, home, levels, mode)
            else:
                raise SystemExit(f"unknown database {name!r}")
    print_table(figures)
    load = os.getloadavg()
    print(f"  load average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)
    print(json.dumps({"ingest": {"mode": mode, **figures}}))


if __name__ == "__main__":
    main()
