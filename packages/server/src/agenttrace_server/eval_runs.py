"""The driver of ``agenttrace eval runs``: the corpus through a real server, then the analysis.

A throwaway ``agenttrace serve`` (embedded SQLite in a temporary home, free ports) receives
every recorded request body of every run on its OTLP port, exactly as the framework's exporter
sent it; then each run is analysed through the API (``POST /traces/{id}/analyze``) and its
failures, graph and spans are read back. Nothing here knows what the analysis does.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from agenttrace_analysis.eval.runs import CorpusRun, Outcome, SpanInfo, Truth
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

logger = logging.getLogger(__name__)

START_TIMEOUT = 300.0
REQUEST_TIMEOUT = 120.0
_LLM_VARIABLES = ("AGENTTRACE_LLM_BASE_URL", "AGENTTRACE_LLM_MODEL", "AGENTTRACE_LLM_API_KEY")


class EvalError(RuntimeError):
    """The evaluation server could not be started or answered wrongly."""


@dataclass(frozen=True)
class Server:
    """A running throwaway server."""

    otlp_url: str
    api_url: str
    log: Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def throwaway_server(*, judge: bool) -> Iterator[Server]:
    """``agenttrace serve`` on an empty embedded database, stopped and removed on exit.

    The LLM judge's settings are passed on with ``judge`` and removed without it, so that
    a judge configured in the environment does not leak into the method's figures.
    """
    with tempfile.TemporaryDirectory(prefix="agenttrace-eval-") as home:
        otlp, api = _free_port(), _free_port()
        env = {
            **os.environ,
            "AGENTTRACE_HOME": home,
            # the runs are analysed on request, one by one: no background analysis racing it
            "AGENTTRACE_ANALYSIS_IDLE_SECONDS": "86400",
            "PYTHONUNBUFFERED": "1",
        }
        env.pop("DATABASE_URL", None)
        env.pop("AGENTTRACE_DATABASE_URL", None)
        env.pop("AGENTTRACE_API_KEYS", None)
        if not judge:
            for name in _LLM_VARIABLES:
                env.pop(name, None)
        log = Path(home) / "server.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "agenttrace_server",
                    "serve",
                    "--otlp-port",
                    str(otlp),
                    "--port",
                    str(api),
                    "--grpc-port",
                    "0",
                ],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
            )
            server = Server(f"http://127.0.0.1:{otlp}", f"http://127.0.0.1:{api}", log)
            try:
                _wait_healthy(process, server)
                yield server
            finally:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
                    try:
                        process.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        process.kill()
                        process.wait()


def _wait_healthy(process: subprocess.Popen[bytes], server: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EvalError(f"the evaluation server exited:\n{server.log.read_text()[-3000:]}")
        try:
            if all(
                httpx.get(f"{url}/ready", timeout=2).status_code == 200
                for url in (server.otlp_url, server.api_url)
            ):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise EvalError("the evaluation server did not become ready in time")


def run_traces(bodies: tuple[Path, ...]) -> tuple[list[str], str]:
    """The trace ids of a run's bodies (first seen first) and its main trace: the one with
    the most spans (a framework may put a lone span, such as an agent's creation, in a trace
    of its own before the run starts)."""
    counts: dict[str, int] = {}
    for path in bodies:
        request = ExportTraceServiceRequest()
        request.ParseFromString(path.read_bytes())
        for rs in request.resource_spans:
            for ss in rs.scope_spans:
                for sp in ss.spans:
                    tid = sp.trace_id.hex()
                    counts[tid] = counts.get(tid, 0) + 1
    if not counts:
        raise EvalError(f"no spans in {bodies[0].parent}")
    return list(counts), max(counts, key=lambda tid: counts[tid])


def _ns(value: str) -> int:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return int(moment.timestamp() * 1_000_000) * 1_000


class Client:
    """Posts runs and reads the analysis back through the server's two ports."""

    def __init__(self, server: Server) -> None:
        self.otlp = httpx.Client(base_url=server.otlp_url, timeout=REQUEST_TIMEOUT)
        self.api = httpx.Client(base_url=f"{server.api_url}/api/v1", timeout=REQUEST_TIMEOUT)

    def close(self) -> None:
        """Close both connections."""
        self.otlp.close()
        self.api.close()

    def post(self, run: CorpusRun) -> None:
        """Send every body of the run as its exporter did; a refusal is an error."""
        for path in run.bodies:
            answer = self.otlp.post(
                "/v1/traces",
                content=path.read_bytes(),
                headers={"Content-Type": "application/x-protobuf"},
            )
            if answer.status_code != 200:
                raise EvalError(f"{path}: the receiver answered {answer.status_code}")

    def _get(self, path: str, **params: Any) -> Any:
        answer = self.api.get(path, params=params)
        if answer.status_code != 200:
            raise EvalError(f"GET {path}: {answer.status_code} {answer.text[:200]}")
        return answer.json()

    def outcome(self, trace_id: str) -> Outcome:
        """Analyse the run of ``trace_id`` now and read what the analysis says."""
        answer = self.api.post(f"/traces/{trace_id}/analyze")
        if answer.status_code != 200:
            raise EvalError(f"analyze {trace_id}: {answer.status_code} {answer.text[:200]}")
        failures = answer.json()
        attribution = failures.get("attribution")
        graph = self._get(f"/traces/{trace_id}/graph")
        spans: list[SpanInfo] = []
        for tid in failures.get("run_trace_ids") or [trace_id]:
            page = self._get(f"/traces/{tid}/spans", view="tree", limit=10_000)
            spans += [
                SpanInfo(
                    span_id=item["span_id"],
                    parent_span_id=item.get("parent_span_id"),
                    name=item["name"],
                    span_type=item["span_type"],
                    agent=item.get("agent"),
                    start_time=_ns(item["start_time"]),
                    error=item["status"] == "error",
                )
                for item in page["items"]
            ]
        layer = {n["id"]: n.get("layer") for n in graph.get("nodes", [])}
        return Outcome(
            failed=attribution is not None,
            agent=(attribution or {}).get("agent"),
            span_id=(attribution or {}).get("span_id"),
            modes={
                a["mode"]
                for a in failures.get("annotations", [])
                if a.get("status") != "rejected" and a.get("source") in ("detector", "llm")
            },
            edges={
                (e["source"], e["target"])
                for e in graph.get("edges", [])
                if layer.get(e["source"], "agent") == "agent"
                and layer.get(e["target"], "agent") == "agent"
            },
            spans=spans,
            reasons=[str(r) for r in (attribution or {}).get("reasons", [])],
        )


def evaluate_corpus(
    runs: list[CorpusRun], *, judge: bool = False, tick: Callable[[], None] | None = None
) -> list[tuple[Truth, Outcome]]:
    """Every run through a throwaway server; the outcome of each (errors become misses)."""
    results: list[tuple[Truth, Outcome]] = []
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    with throwaway_server(judge=judge) as server:
        client = Client(server)
        try:
            mains: list[str | None] = []
            for run in runs:
                try:
                    client.post(run)
                    mains.append(run_traces(run.bodies)[1])
                except (EvalError, OSError, httpx.HTTPError) as exc:
                    logger.warning("%s", exc)
                    mains.append(None)
            for run, main in zip(runs, mains, strict=True):
                outcome = Outcome(False, None, None, error="not ingested")
                if main is not None:
                    try:
                        outcome = client.outcome(main)
                    except (EvalError, httpx.HTTPError) as exc:
                        logger.warning("%s: %s", run.truth.key, exc)
                        outcome = Outcome(False, None, None, error=str(exc)[:300])
                results.append((run.truth, outcome))
                if tick is not None:
                    tick()
        finally:
            client.close()
    return results
