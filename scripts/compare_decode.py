"""The decode step's CPU per span: this tree against an earlier commit, in the same run.

Extracts the ingestion and core sources of ``--base`` (a git ref) into a temporary folder and
times :func:`agenttrace_ingestion.pipeline.decode` (parse, validate, normalize, build rows)
on the same 512-span protobuf bodies of both benchmark loads, alternating the two versions
in fresh processes ``--rounds`` times, so that both see the same load of the machine.
Prints µs per span (median over the bodies, then the best round of each version) and the
ratio new ÷ base; the last line is JSON.

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

_TIMER = r"""
import json, statistics, sys, time
from pathlib import Path
from agenttrace_ingestion.decoding import BodyFormat, ContentEncoding
from agenttrace_ingestion.pipeline import decode, tune_gc
tune_gc()
result = {}
for load in ("bench", "otlp_load"):
    bodies = [p.read_bytes() for p in sorted(Path(sys.argv[1]).glob(load + "_*.pb"))]
    decode(bodies[0], BodyFormat.PROTOBUF, ContentEncoding.IDENTITY, limit=1 << 28, project=None)
    per_span = []
    for body in bodies:
        started = time.perf_counter()
        d = decode(body, BodyFormat.PROTOBUF, ContentEncoding.IDENTITY, limit=1 << 28,
                   project=None)
        per_span.append((time.perf_counter() - started) / d.prepared.span_count * 1e6)
    result[load] = statistics.median(per_span)
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


def _time(bodies: Path, pythonpath: str | None) -> dict[str, float]:
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
        runs: dict[str, list[dict[str, float]]] = {"base": [], "new": []}
        for _ in range(args.rounds):
            runs["base"].append(_time(bodies, base_path))
            runs["new"].append(_time(bodies, None))
    loadavg = os.getloadavg() if hasattr(os, "getloadavg") else None
    figures: dict[str, dict[str, float]] = {}
    for load in runs["base"][0]:
        old = min(r[load] for r in runs["base"])
        new = min(r[load] for r in runs["new"])
        figures[load] = {"base_us": round(old, 1), "new_us": round(new, 1)}
        figures[load]["ratio"] = round(new / old, 3)
        print(f"  {load:9s} base {old:6.1f} µs/span  new {new:6.1f} µs/span  ratio {new / old:.2f}")
    print(json.dumps({"base": args.base, "loadavg": loadavg, "decode_per_span": figures}))


if __name__ == "__main__":
    main()
