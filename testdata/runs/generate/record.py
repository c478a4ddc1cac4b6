"""Record corpus runs: the real OTLP/HTTP exporter sends each run's spans to a local capture
server, and the bodies are saved byte for byte with the run's ground truth.

    from record import Recorder, Truth

    rec = Recorder("langgraph")                  # sets the global TracerProvider
    with rec.run("fabrication_travel_supervisor") as run:
        graph.invoke(...)                        # the framework, instrumented as users do it
    run.truth(Truth(
        cls="fabrication", split="dev", failed=True, culprit="hotel_agent",
        decisive=run.find(name="ChatOpenAI", agent_output_contains="Booked room 12"),
        modes=["FM-2.6", "FM-3.3"], edges=[("supervisor", "hotel_agent")],
        task="Book a hotel in Lisbon", why="hotel_agent claims a booking after the tool failed",
    ))

Each run is written to ``testdata/runs/<framework>/<name>/``: ``NNN.pb`` (the request
bodies in arrival order, Content-Type application/x-protobuf) and ``truth.json``.
Needs only opentelemetry-sdk and opentelemetry-exporter-otlp-proto-http, which every
framework environment has.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

RUNS = Path(__file__).resolve().parent.parent
CLASSES = (
    "fabrication",
    "ignored_verdict",
    "misroute",
    "upstream_loop",
    "premature_termination",
    "wrong_fact",
    "ok",
)


@dataclass
class Decisive:
    """The span a person would point at: id plus what identifies it to a reader."""

    span_id: str
    name: str
    agent: str | None = None


@dataclass
class Truth:
    """Ground truth of one run (see testdata/runs/README.md for every field)."""

    cls: str
    split: str
    failed: bool
    task: str
    why: str
    culprit: str | None = None
    decisive: Decisive | None = None
    modes: list[str] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)
    instrumentation: str = ""
    topology: str = ""

    def check(self) -> None:
        assert self.cls in CLASSES, self.cls
        assert self.split in ("dev", "holdout"), self.split
        assert self.failed == (self.cls != "ok"), "ok runs are the good ones"
        if self.failed:
            assert self.culprit and self.decisive and self.modes, "a failed run needs all three"
        else:
            assert not self.culprit and not self.decisive and not self.modes


class _Capture:
    def __init__(self) -> None:
        self.bodies: list[tuple[float, bytes]] = []
        self.lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with owner.lock:
                    owner.bodies.append((time.monotonic(), body))
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1/traces"

    def take(self) -> list[bytes]:
        with self.lock:
            out = [b for _, b in self.bodies]
            self.bodies.clear()
        return out


class Recorder:
    """A TracerProvider exporting to a capture server; one directory per recorded run.

    ``install=False`` leaves the global provider alone (use ``rec.provider`` yourself).
    """

    def __init__(self, framework: str, *, service: str | None = None, install: bool = True):
        self.framework = framework
        self.capture = _Capture()
        self.provider = TracerProvider(
            resource=Resource.create({"service.name": service or f"corpus-{framework}"})
        )
        self.provider.add_span_processor(
            BatchSpanProcessor(OTLPSpanExporter(endpoint=self.capture.endpoint))
        )
        if install:
            trace.set_tracer_provider(self.provider)
        self.names: list[str] = []

    @contextmanager
    def run(self, name: str, *, settle: float = 0.3) -> Iterator[RecordedRun]:
        """Record one run: everything exported between entering and leaving."""
        self.provider.force_flush()
        self.capture.take()
        run = RecordedRun(RUNS / self.framework / name, self.framework, name)
        yield run
        time.sleep(settle)  # spans ended by background tasks of the framework
        self.provider.force_flush()
        time.sleep(0.1)
        run.save(self.capture.take())
        self.names.append(name)


class RecordedRun:
    """One run's bodies; :meth:`find` locates spans in them for the ground truth."""

    def __init__(self, folder: Path, framework: str, name: str) -> None:
        self.folder = folder
        self.framework = framework
        self.name = name
        self.bodies: list[bytes] = []

    def save(self, bodies: list[bytes]) -> None:
        if not bodies:
            raise RuntimeError(f"run {self.name} exported no spans")
        if self.folder.exists():
            shutil.rmtree(self.folder)
        self.folder.mkdir(parents=True)
        for i, body in enumerate(bodies, 1):
            (self.folder / f"{i:03d}.pb").write_bytes(body)
        self.bodies = bodies

    def spans(self) -> list[dict[str, Any]]:
        """Every span, in start order: id, parent, name, attributes (as plain values), status."""
        out = []
        for body in self.bodies:
            req = ExportTraceServiceRequest()
            req.ParseFromString(body)
            for rs in req.resource_spans:
                for ss in rs.scope_spans:
                    for sp in ss.spans:
                        out.append(
                            {
                                "span_id": sp.span_id.hex(),
                                "parent": sp.parent_span_id.hex() or None,
                                "trace_id": sp.trace_id.hex(),
                                "name": sp.name,
                                "start": sp.start_time_unix_nano,
                                "error": sp.status.code == 2,
                                "attributes": {a.key: _value(a.value) for a in sp.attributes},
                                "scope": ss.scope.name,
                            }
                        )
        return sorted(out, key=lambda s: (s["start"], s["span_id"]))

    def find(
        self,
        *,
        name: str | None = None,
        name_contains: str | None = None,
        contains: str | None = None,
        agent: str | None = None,
        nth: int = 0,
        last: bool = False,
    ) -> Decisive:
        """The ``nth`` span (start order; ``last`` for the last) whose name is ``name`` (or
        contains ``name_contains``) and whose attribute values contain ``contains``.

        ``agent`` is only recorded in the truth (who the span belongs to), not matched.
        Raises when nothing matches, so that a changed framework cannot write a wrong truth.
        """
        hits = []
        for sp in self.spans():
            if name is not None and sp["name"] != name:
                continue
            if name_contains is not None and name_contains not in sp["name"]:
                continue
            if contains is not None and not any(
                contains in str(v) for v in sp["attributes"].values()
            ):
                continue
            hits.append(sp)
        if not hits:
            raise LookupError(f"{self.name}: no span name={name!r} contains={contains!r}")
        hit = hits[-1] if last else hits[nth]
        return Decisive(hit["span_id"], hit["name"], agent)

    def truth(self, truth: Truth) -> None:
        """Check and write ``truth.json``."""
        truth.check()
        data = asdict(truth)
        data["class"] = data.pop("cls")
        data["framework"] = self.framework
        data["run"] = self.name
        data["edges"] = [list(e) for e in truth.edges]
        data["bodies"] = len(self.bodies)
        data["spans"] = len(self.spans())
        (self.folder / "truth.json").write_text(json.dumps(data, indent=2) + "\n")


def _value(v: Any) -> Any:
    kind = v.WhichOneof("value")
    if kind == "array_value":
        return [_value(x) for x in v.array_value.values]
    if kind == "kvlist_value":
        return {x.key: _value(x.value) for x in v.kvlist_value.values}
    if kind == "bytes_value":
        return v.bytes_value.hex()
    return getattr(v, kind) if kind else None
