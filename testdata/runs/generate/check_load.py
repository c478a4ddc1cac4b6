"""Check that corpus runs load: post each run's bodies to a real ``agenttrace serve`` and
compare the spans that arrived with the truth's ``spans``.

    .venv/bin/python testdata/runs/generate/check_load.py [--batch N] [--database-url URL]
        [RUN_DIR ...]

Starts ``agenttrace serve`` on a throwaway SQLite database (or the database given, e.g. an
empty PostgreSQL one) and free ports, posts the bodies
(Content-Type application/x-protobuf) to /v1/traces in arrival order, then reads each trace of
the run through /api/v1/traces/{id}. Only span counts are compared; analysis output is not read.
Runs with the project's environment (it has the OTLP protobuf classes).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

RUNS = Path(__file__).resolve().parent.parent
ROOT = RUNS.parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http(url: str, body: bytes | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    if body is not None:
        req.add_header("Content-Type", "application/x-protobuf")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def trace_ids(bodies: list[bytes]) -> set[str]:
    out = set()
    for body in bodies:
        req = ExportTraceServiceRequest()
        req.ParseFromString(body)
        for rs in req.resource_spans:
            for ss in rs.scope_spans:
                out.update(sp.trace_id.hex() for sp in ss.spans)
    return out


def main(argv: list[str]) -> int:
    batch = None
    url = None
    dirs: list[Path] = []
    args = iter(argv)
    for a in args:
        if a == "--batch":
            batch = int(next(args))
        elif a == "--database-url":
            url = next(args)
        else:
            dirs.append(Path(a))
    if not dirs:
        dirs = sorted(p.parent for p in RUNS.glob("*/*/truth.json"))
    if batch is not None:
        dirs = [d for d in dirs if json.loads((d / "truth.json").read_text()).get("batch") == batch]
    tmp = tempfile.mkdtemp(prefix="corpus-check-")
    otlp, api = free_port(), free_port()
    env = dict(os.environ, AGENTTRACE_HOME=tmp)
    log = open(f"{tmp}/serve.log", "wb")  # noqa: SIM115  (open while the server runs)
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/agenttrace"),
            "serve",
            "--otlp-port",
            str(otlp),
            "--port",
            str(api),
            "--database-url",
            url or f"sqlite:///{tmp}/check.db",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    failures = 0
    try:
        for _ in range(600):  # five minutes: a loaded machine can take more than one
            try:
                if http(f"http://127.0.0.1:{api}/api/v1/traces?limit=1")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit(f"server did not start (log in {tmp}/serve.log)")
        for d in dirs:
            truth = json.loads((d / "truth.json").read_text())
            bodies = [p.read_bytes() for p in sorted(d.glob("*.pb"))]
            for body in bodies:
                code, text = http(f"http://127.0.0.1:{otlp}/v1/traces", body)
                if code != 200:
                    raise SystemExit(f"{d}: POST returned {code}: {text[:200]!r}")
            got = 0
            for _ in range(60):
                got = 0
                for tid in trace_ids(bodies):
                    code, text = http(f"http://127.0.0.1:{api}/api/v1/traces/{tid}")
                    if code == 200:
                        got += json.loads(text)["span_count"]
                if got >= truth["spans"]:
                    break
                time.sleep(0.5)
            size = sum(len(b) for b in bodies)
            ok = got == truth["spans"] and len(bodies) == truth["bodies"]
            failures += not ok
            print(
                f"{'ok  ' if ok else 'FAIL'} {d.parent.name}/{d.name}: spans {got}/"
                f"{truth['spans']}, bodies {len(bodies)}/{truth['bodies']}, {size // 1024} KB"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
