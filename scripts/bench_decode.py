"""The CPU cost of one 512-span request in a decoding worker, per load and body format.

Runs in one process, no server and no database: parsing alone (for OTLP/JSON both the fast
path and the complete ``ParseDict`` mapping, in the same run) and the whole decode step
(parse, validate, normalize, build rows). Prints milliseconds per request, the median of
``--repeat`` requests; the last line is JSON.

    .venv/bin/python scripts/bench_decode.py [--repeat 8]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from agenttrace_ingestion.decoding import BodyFormat, ContentEncoding, parse_request
from agenttrace_ingestion.otlp_json import parse_json_request
from agenttrace_ingestion.otlp_json_fast import Unusual
from agenttrace_ingestion.pipeline import decode, tune_gc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_load import LOADS, encode, make_requests


def _median_ms(run: Callable[[bytes], object], bodies: list[bytes]) -> float:
    times = []
    for body in bodies:
        started = time.perf_counter()
        run(body)
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 1)


def _complete_mapping(body: bytes) -> object:
    """The ``ParseDict`` path alone (what every JSON body took before the fast path)."""
    import agenttrace_ingestion.otlp_json as module

    def refuse(_data: dict[str, Any]) -> None:
        raise Unusual

    fast, module.build_request = module.build_request, refuse  # type: ignore[assignment]
    try:
        return parse_json_request(body)
    finally:
        module.build_request = fast


def main() -> None:
    """Print the figures; the last line is JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=8)
    args = parser.parse_args()
    tune_gc()
    figures: dict[str, Any] = {}
    for load in LOADS:
        requests, _ = make_requests(load, args.repeat + 1, seed=5)
        for fmt, body_format in (("protobuf", BodyFormat.PROTOBUF), ("json", BodyFormat.JSON)):
            bodies = [encode(r, fmt) for r in requests]
            decode(bodies[0], body_format, ContentEncoding.IDENTITY, limit=1 << 28, project=None)
            bodies = bodies[1:]
            row = {
                "parse_ms": _median_ms(lambda b, f=body_format: parse_request(b, f), bodies),
                "decode_ms": _median_ms(
                    lambda b, f=body_format: decode(
                        b, f, ContentEncoding.IDENTITY, limit=1 << 28, project=None
                    ),
                    bodies,
                ),
            }
            if fmt == "json":
                row["parse_parsedict_ms"] = _median_ms(_complete_mapping, bodies)
                assert _complete_mapping(bodies[0]) == parse_request(bodies[0], body_format)
            figures[f"{load}/{fmt}"] = row
            print(f"  {load:9s} {fmt:8s} " + "  ".join(f"{k} {v:7.1f}" for k, v in row.items()))
    print(json.dumps({"decode": figures}))


if __name__ == "__main__":
    main()
