"""The per-span CPU of ingestion: this tree against an earlier commit, in the same run.

Extracts the ingestion and core sources of ``--base`` (a git ref) into a temporary folder and
times, on the same 512-span protobuf bodies of both benchmark loads, in fresh processes of
both versions alternating ``--rounds`` times (so that both see the same load of the machine):

- ``decode``: :func:`agenttrace_ingestion.pipeline.decode` (parse, validate, normalize, build
  rows), what a decoding worker does with a body;
- ``worker``: ``decode`` and pickling its result, which a worker sends back to the server;
- ``writer``: what the server does with a result before any database work: unpickling it,
  :func:`~agenttrace_ingestion.writer.prepared.combine` (one request per commit) and the
  trace and agent summaries of its spans (``span_summaries``, or the loops that the base's
  ``store._write`` ran over every row).

Figures are CPU time of the process (``time.process_time``: what the work costs, less the
time spent waiting for a core on a shared machine), µs per span: the median over the
bodies, then the best round of each version. Prints the ratios new ÷ base; the last line is
JSON.

    .venv/bin/python scripts/compare_decode.py --base main [--rounds 3] [--requests 12]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("packages/ingestion/src", "packages/core/src")
STAGES = ("decode", "worker", "writer")

_TIMER = r"""
import json, pickle, statistics, sys, time
from pathlib import Path
from agenttrace_ingestion.decoding import BodyFormat, ContentEncoding
from agenttrace_ingestion.pipeline import decode, tune_gc
from agenttrace_ingestion.writer.prepared import combine
try:
    from agenttrace_ingestion.writer.prepared import span_summaries
except ImportError:  # before the decode step computed the summaries: the writer's loops
    from agenttrace_ingestion.writer import rows as r
    from agenttrace_ingestion.writer.store import _agent_figures
    from agenttrace_ingestion.writer.summaries import delta_for

    def span_summaries(batch, new_rows):
        deltas, costs = {}, batch.costs
        for row in new_rows:
            delta = delta_for(deltas, row[r.I_TRACE], row[r.I_PROJECT], None, None)
            key = row[: r.SPAN_KEY]
            delta.add_span(row, batch.sessions.get(key))
            if key in costs:
                delta.add_cost(costs[key])
        return deltas, _agent_figures(new_rows, costs)

tune_gc()
clock = time.process_time
result = {}
for load in ("bench", "otlp_load"):
    bodies = [p.read_bytes() for p in sorted(Path(sys.argv[1]).glob(load + "_*.pb"))]
    args = (BodyFormat.PROTOBUF, ContentEncoding.IDENTITY)
    decode(bodies[0], *args, limit=1 << 28, project=None)  # first-use imports
    stages = {"decode": [], "worker": [], "writer": []}
    for body in bodies:
        t0 = clock()
        d = decode(body, *args, limit=1 << 28, project=None)
        t1 = clock()
        data = pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL)
        t2 = clock()
        batch = combine([pickle.loads(data).prepared])
        span_summaries(batch, batch.span_rows)
        t3 = clock()
        spans = d.prepared.span_count / 1e6
        stages["decode"].append((t1 - t0) / spans)
        stages["worker"].append((t2 - t0) / spans)
        stages["writer"].append((t3 - t2) / spans)
    result[load] = {k: statistics.median(v) for k, v in stages.items()}
print(json.dumps(result))
"""


def _extract(ref: str, into: Path) -> None:
    archive = subprocess.run(
        ["git", "archive", ref, *SOURCES], cwd=ROOT, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def _bodies(into: Path, count: int) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_load import LOADS, encode, make_requests

    for load in LOADS:
        requests, _ = make_requests(load, count, seed=11)
        for i, request in enumerate(requests):
            (into / f"{load}_{i:03d}.pb").write_bytes(encode(request, "protobuf"))


def _time(bodies: Path, pythonpath: str | None) -> dict[str, dict[str, float]]:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    else:
        env.pop("PYTHONPATH", None)
    out = subprocess.run(
        [sys.executable, "-c", _TIMER, str(bodies)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out.splitlines()[-1]))


def main() -> None:
    """Print the figures; the last line is JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="git ref to compare with")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=12, help="512-span bodies per load")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base, bodies = Path(tmp) / "base", Path(tmp) / "bodies"
        base.mkdir()
        bodies.mkdir()
        _extract(args.base, base)
        _bodies(bodies, args.requests)
        base_path = os.pathsep.join(str(base / s) for s in SOURCES)
        runs: dict[str, list[dict[str, dict[str, float]]]] = {"base": [], "new": []}
        for _ in range(args.rounds):
            runs["base"].append(_time(bodies, base_path))
            runs["new"].append(_time(bodies, None))
    loadavg = os.getloadavg() if hasattr(os, "getloadavg") else None
    figures: dict[str, dict[str, dict[str, float]]] = {}
    for load in runs["base"][0]:
        figures[load] = {}
        for stage in STAGES:
            old = min(r[load][stage] for r in runs["base"])
            new = min(r[load][stage] for r in runs["new"])
            figures[load][stage] = {
                "base_us": round(old, 2),
                "new_us": round(new, 2),
                "ratio": round(new / old, 3),
            }
            print(
                f"  {load:9s} {stage:6s} base {old:6.2f} µs/span  new {new:6.2f} µs/span"
                f"  ratio {new / old:.2f}"
            )
    print(json.dumps({"base": args.base, "loadavg": loadavg, "per_span": figures}))


if __name__ == "__main__":
    main()
