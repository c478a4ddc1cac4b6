"""``agenttrace serve`` of this tree against an earlier commit's, and the ceiling, in one run.

Starts three servers on the same database kind, each on its own scratch database: the bare
endpoint (``scripts/ceiling``), ``agenttrace serve`` from the sources of ``--base`` (a git
ref, extracted to a temporary folder and put first on ``PYTHONPATH``) and ``agenttrace serve``
of this tree. Then, ``--rounds`` times, sends each of them the same fresh 512-span protobuf
requests of both benchmark loads at one concurrency, in the order ceiling, base, new and then
the other way round (so that neither AgentTrace always follows the other), with a pause
before each send. The background analysis is off in both AgentTrace servers (it would
run during the other servers' turns); ``scripts/bench_ingest.py`` measures with it on.

Prints spans/s and p99 per server and load (the median over the rounds), and each
AgentTrace's ratio to the ceiling; the last line is JSON.

    .venv/bin/python scripts/compare_serve.py --base main [--database sqlite] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_ingest as bench
from bench_load import FORMATS, LOADS, encode, make_requests

ROOT = Path(__file__).resolve().parent.parent


def _extract(ref: str, into: Path) -> str:
    """The ``src`` folders of every package at ``ref``, as a ``PYTHONPATH``."""
    sources = sorted(
        str(p.relative_to(ROOT))
        for p in ROOT.glob("packages/**/src")
        if "node_modules" not in p.parts
    )
    archive = subprocess.run(
        ["git", "archive", ref, *sources], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return os.pathsep.join(str(into / s) for s in sources)


def _start(url: str, home: Path, pythonpath: str | None) -> bench.Process:
    saved = dict(os.environ)
    os.environ["AGENTTRACE_ANALYSIS_ENABLED"] = "false"
    if pythonpath:  # the migrations of this tree: a base with other ones is not comparable
        os.environ["PYTHONPATH"] = pythonpath
        os.environ["AGENTTRACE_MIGRATIONS_DIR"] = str(ROOT / "migrations")
    try:
        return bench.start_agenttrace(url, home)
    finally:
        os.environ.clear()
        os.environ.update(saved)


def main() -> None:
    """Print the figures; the last line is JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=16, help="per load and round")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--pause", type=float, default=3.0, help="seconds before each send")
    args = parser.parse_args()
    headers = FORMATS["protobuf"]
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        root = Path(tmp)
        base_path = _extract(args.base, root / "base-src")
        homes = {name: root / name for name in ("ceiling", "base", "new")}
        for home in homes.values():
            home.mkdir()
        dbs = {}
        for name in ("base", "new"):
            dbs[name] = stack.enter_context(
                bench.sqlite_database(homes[name])
                if args.database == "sqlite"
                else bench.postgres_database()
            )
        servers: dict[str, bench.Process] = {}
        starts = {
            "ceiling": lambda: bench.start_ceiling(dbs["new"].ceiling_env, homes["ceiling"]),
            "base": lambda: _start(dbs["base"].agenttrace_url, homes["base"], base_path),
            "new": lambda: _start(dbs["new"].agenttrace_url, homes["new"], None),
        }
        for name, start in starts.items():  # each stopped at the end, even if a later one fails
            servers[name] = start()
            stack.callback(servers[name].stop)
        warm, _ = make_requests("bench", 8, seed=999)
        for server in servers.values():
            asyncio.run(send_all(server, [encode(r, "protobuf") for r in warm], headers, 4))
        results: dict[str, dict[str, list[dict[str, Any]]]] = {
            name: {load: [] for load in LOADS} for name in servers
        }
        orders = (["ceiling", "base", "new"], ["new", "base", "ceiling"])
        seed = 100
        for round_ in range(args.rounds):
            for load in LOADS:
                seed += 1
                requests, _ = make_requests(load, args.requests, seed=seed)
                bodies = [encode(r, "protobuf") for r in requests]
                for name in orders[round_ % 2]:
                    time.sleep(args.pause)  # what the previous server does after its 2xx
                    result = asyncio.run(send_all(servers[name], bodies, headers, args.concurrency))
                    results[name][load].append(result)
            print(f"  round {round_ + 1} done", flush=True)
    figures: dict[str, Any] = {}
    for load in LOADS:
        row: dict[str, Any] = {}
        for name in servers:
            runs = results[name][load]
            row[name] = {
                "spans_per_s": round(statistics.median(r["spans_per_s"] for r in runs)),
                "p99_ms": round(statistics.median(r["p99_ms"] for r in runs), 1),
            }
        for name in ("base", "new"):
            row[name]["ratio"] = round(row[name]["spans_per_s"] / row["ceiling"]["spans_per_s"], 2)
        figures[load] = row
        print(
            f"  {args.database} {load:9s} c={args.concurrency}  "
            + "  ".join(
                f"{name} {v['spans_per_s']:6d}/s p99 {v['p99_ms']:7.1f} ms"
                + (f" ({v['ratio']:.2f} of the ceiling)" if "ratio" in v else "")
                for name, v in row.items()
            )
        )
    loadavg = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(json.dumps({"base": args.base, "database": args.database, "loadavg": loadavg,
                      "concurrency": args.concurrency, "serve": figures}))  # fmt: skip


async def send_all(
    server: bench.Process, bodies: list[bytes], headers: dict[str, str], concurrency: int
) -> dict[str, Any]:
    """:func:`bench_ingest.send` without its timestamp."""
    result = await bench.send(server.otlp_url, bodies, headers, concurrency)
    result.pop("last_ack", None)
    return result


if __name__ == "__main__":
    main()
