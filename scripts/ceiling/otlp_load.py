#!/usr/bin/env python3
# Copied from the project's shared benchmark kit (shared/bench/otlp_load.py, written for
# AgentTrace's ingestion benchmark; see docs/performance.md). Unchanged.
# scripts/bench_ingest.py runs it; kept close to the original, hence not linted.
"""OTLP/HTTP trace load generator for multi-agent LLM traces.

Builds realistic ExportTraceServiceRequest payloads (opentelemetry-proto) shaped
like multi-agent LLM traces (~50 spans per trace: AGENT / CHAIN / LLM / TOOL spans
with gen_ai.* and openinference.* attributes, 200-2000 char input/output values,
llm.token_count.*), batches N spans per request and POSTs them with httpx (async,
configurable concurrency), optionally gzip-compressed, as protobuf or OTLP/JSON.

Loopback only: refuses any URL whose host is not 127.0.0.0/8, ::1 or localhost.
Bounded: stops after --duration seconds or --spans spans (whichever first).
Deterministic: payloads are a pure function of --seed.

Payloads are pre-built before the timed phase: by default one distinct request per
--batch spans up to --spans (all ids unique). With --pool K only K distinct requests
are built and cycled round-robin (ids repeat; for ceiling tests of servers that do
not dedupe).

Usage:
  python otlp_load.py --url http://127.0.0.1:6006/v1/traces --concurrency 4 \
      --batch 512 --spans 51200 [--gzip] [--json] [--seed 1] [--out result.json]
  python otlp_load.py --dump payload.bin --batch 512     # write one payload, exit
"""
from __future__ import annotations

import argparse
import asyncio
import gzip as gziplib
import ipaddress
import json
import random
import statistics
import string
import sys
import time
from urllib.parse import urlparse

from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
)
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue
from opentelemetry.proto.trace.v1.trace_pb2 import ResourceSpans, ScopeSpans, Span, Status

AGENTS = ["planner", "researcher", "coder", "reviewer", "critic", "summarizer", "router"]
TOOLS = ["web_search", "python_exec", "read_file", "write_file", "sql_query", "http_get", "calculator"]
MODELS = ["gpt-4o-2024-08-06", "claude-3-5-sonnet-20241022", "llama-3.1-70b-instruct"]
WORDS = ("the agent plan step tool call result error retry user query context document "
         "answer reasoning function argument value output input memory graph node edge "
         "token model response request evaluate review summary code test file data").split()


def _text(rng: random.Random, n: int) -> str:
    out, size = [], 0
    while size < n:
        w = rng.choice(WORDS)
        out.append(w)
        size += len(w) + 1
    return " ".join(out)[:n]


def _kv(key: str, v) -> KeyValue:
    if isinstance(v, bool):
        return KeyValue(key=key, value=AnyValue(bool_value=v))
    if isinstance(v, int):
        return KeyValue(key=key, value=AnyValue(int_value=v))
    if isinstance(v, float):
        return KeyValue(key=key, value=AnyValue(double_value=v))
    return KeyValue(key=key, value=AnyValue(string_value=str(v)))


class TraceFactory:
    """Deterministic multi-agent trace generator."""

    def __init__(self, seed: int = 1, spans_per_trace: int = 50, base_ns: int | None = None):
        self.rng = random.Random(seed)
        self.spans_per_trace = spans_per_trace
        # fixed base time so payloads are reproducible; recent enough to be "live"
        self.t = base_ns if base_ns is not None else 1_764_000_000_000_000_000
        self.session = 0

    def _id(self, n: int) -> bytes:
        return self.rng.getrandbits(8 * n).to_bytes(n, "big")

    def trace(self) -> list[Span]:
        rng = self.rng
        tid = self._id(16)
        self.session += 1
        sess = f"session-{self.session // 5}"
        t0 = self.t
        self.t += rng.randint(1_000_000, 50_000_000)
        spans: list[Span] = []
        root = Span(trace_id=tid, span_id=self._id(8), name="multi_agent_workflow",
                    kind=Span.SPAN_KIND_INTERNAL, start_time_unix_nano=t0)
        root.attributes.extend([
            _kv("openinference.span.kind", "CHAIN"), _kv("session.id", sess),
            _kv("user.id", f"user-{rng.randint(1, 500)}"),
            _kv("input.value", _text(rng, rng.randint(200, 2000))),
            _kv("input.mime_type", "text/plain"),
        ])
        spans.append(root)
        cursor = t0 + 1_000
        agent_spans = [root]
        while len(spans) < self.spans_per_trace:
            agent = rng.choice(AGENTS)
            parent = rng.choice(agent_spans)
            a = Span(trace_id=tid, span_id=self._id(8), parent_span_id=parent.span_id,
                     name=f"agent.{agent}", kind=Span.SPAN_KIND_INTERNAL,
                     start_time_unix_nano=cursor)
            a.attributes.extend([
                _kv("openinference.span.kind", "AGENT"), _kv("gen_ai.agent.name", agent),
                _kv("gen_ai.agent.id", f"{agent}-{rng.randint(1, 9)}"),
                _kv("gen_ai.operation.name", "invoke_agent"), _kv("session.id", sess),
                _kv("input.value", _text(rng, rng.randint(200, 2000))),
            ])
            spans.append(a)
            agent_spans.append(a)
            c = cursor + 500
            for _ in range(rng.randint(2, 6)):
                if len(spans) >= self.spans_per_trace:
                    break
                if rng.random() < 0.5:
                    model = rng.choice(MODELS)
                    pt, ct = rng.randint(200, 8000), rng.randint(20, 1500)
                    dur = rng.randint(300_000_000, 8_000_000_000)
                    s = Span(trace_id=tid, span_id=self._id(8), parent_span_id=a.span_id,
                             name=f"chat {model}", kind=Span.SPAN_KIND_CLIENT,
                             start_time_unix_nano=c, end_time_unix_nano=c + dur)
                    s.attributes.extend([
                        _kv("openinference.span.kind", "LLM"), _kv("gen_ai.system", "openai"),
                        _kv("gen_ai.request.model", model), _kv("llm.model_name", model),
                        _kv("gen_ai.agent.name", agent),
                        _kv("llm.token_count.prompt", pt), _kv("llm.token_count.completion", ct),
                        _kv("llm.token_count.total", pt + ct),
                        _kv("gen_ai.usage.input_tokens", pt), _kv("gen_ai.usage.output_tokens", ct),
                        _kv("llm.invocation_parameters", json.dumps({"temperature": round(rng.random(), 2), "max_tokens": 2048})),
                        _kv("input.value", _text(rng, rng.randint(200, 2000))),
                        _kv("input.mime_type", "text/plain"),
                        _kv("output.value", _text(rng, rng.randint(200, 2000))),
                        _kv("output.mime_type", "text/plain"),
                    ])
                else:
                    tool = rng.choice(TOOLS)
                    dur = rng.randint(1_000_000, 2_000_000_000)
                    s = Span(trace_id=tid, span_id=self._id(8), parent_span_id=a.span_id,
                             name=f"tool.{tool}", kind=Span.SPAN_KIND_INTERNAL,
                             start_time_unix_nano=c, end_time_unix_nano=c + dur)
                    s.attributes.extend([
                        _kv("openinference.span.kind", "TOOL"), _kv("tool.name", tool),
                        _kv("gen_ai.tool.name", tool), _kv("gen_ai.agent.name", agent),
                        _kv("input.value", _text(rng, rng.randint(200, 2000))),
                        _kv("output.value", _text(rng, rng.randint(200, 2000))),
                    ])
                if rng.random() < 0.03:
                    s.status.code = Status.STATUS_CODE_ERROR
                    s.status.message = "tool failed: timeout"
                else:
                    s.status.code = Status.STATUS_CODE_OK
                spans.append(s)
                c += dur + 1_000
            a.end_time_unix_nano = c
            a.status.code = Status.STATUS_CODE_OK
            cursor = c + 1_000
        root.end_time_unix_nano = cursor
        root.status.code = Status.STATUS_CODE_OK
        return spans

    def spans(self, n: int) -> list[Span]:
        out: list[Span] = []
        while len(out) < n:
            out.extend(self.trace())
        return out


def build_request(spans: list[Span], service: str = "multi-agent-app") -> ExportTraceServiceRequest:
    req = ExportTraceServiceRequest()
    rs = req.resource_spans.add()
    rs.resource.attributes.extend([
        _kv("service.name", service), _kv("telemetry.sdk.name", "opentelemetry"),
        _kv("telemetry.sdk.language", "python"), _kv("telemetry.sdk.version", "1.27.0"),
        _kv("openinference.project.name", "default"),
    ])
    ss = rs.scope_spans.add()
    ss.scope.name = "openinference.instrumentation.bench"
    ss.scope.version = "0.1.0"
    ss.spans.extend(spans)
    return req


# ---- OTLP/JSON encoding (spec: hex ids, camelCase, int64 as strings, enums as ints)
def _anyvalue_json(v: AnyValue) -> dict:
    w = v.WhichOneof("value")
    if w == "string_value":
        return {"stringValue": v.string_value}
    if w == "int_value":
        return {"intValue": str(v.int_value)}
    if w == "double_value":
        return {"doubleValue": v.double_value}
    if w == "bool_value":
        return {"boolValue": v.bool_value}
    return {}


def _attrs_json(attrs) -> list:
    return [{"key": kv.key, "value": _anyvalue_json(kv.value)} for kv in attrs]


def request_to_json(req: ExportTraceServiceRequest) -> dict:
    out = {"resourceSpans": []}
    for rs in req.resource_spans:
        jrs = {"resource": {"attributes": _attrs_json(rs.resource.attributes)}, "scopeSpans": []}
        for ss in rs.scope_spans:
            jss = {"scope": {"name": ss.scope.name, "version": ss.scope.version}, "spans": []}
            for s in ss.spans:
                js = {
                    "traceId": s.trace_id.hex(), "spanId": s.span_id.hex(),
                    "name": s.name, "kind": int(s.kind),
                    "startTimeUnixNano": str(s.start_time_unix_nano),
                    "endTimeUnixNano": str(s.end_time_unix_nano),
                    "attributes": _attrs_json(s.attributes),
                    "status": {"code": int(s.status.code)},
                }
                if s.parent_span_id:
                    js["parentSpanId"] = s.parent_span_id.hex()
                if s.status.message:
                    js["status"]["message"] = s.status.message
                jss["spans"].append(js)
            jrs["scopeSpans"].append(jss)
        out["resourceSpans"].append(jrs)
    return out


def build_payloads(n_requests: int, batch: int, seed: int, as_json: bool, gz: bool,
                   spans_per_trace: int = 50) -> list[tuple[bytes, int, int]]:
    """Return list of (body, n_spans, raw_size)."""
    f = TraceFactory(seed=seed, spans_per_trace=spans_per_trace)
    pending: list[Span] = []
    out = []
    for _ in range(n_requests):
        while len(pending) < batch:
            pending.extend(f.trace())
        chunk, pending = pending[:batch], pending[batch:]
        req = build_request(chunk)
        if as_json:
            raw = json.dumps(request_to_json(req), separators=(",", ":")).encode()
        else:
            raw = req.SerializeToString()
        body = gziplib.compress(raw, compresslevel=6) if gz else raw
        out.append((body, len(chunk), len(raw)))
    return out


def _check_loopback(url: str) -> None:
    host = urlparse(url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    sys.exit(f"refusing non-loopback target {host!r}")


def _pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, int(round(p / 100 * (len(xs) - 1)))))
    return xs[k]


async def run_load(url: str, payloads, concurrency: int, duration: float, max_spans: int,
                   as_json: bool, gz: bool, timeout: float = 120.0, cycle: bool = False) -> dict:
    import httpx

    headers = {"Content-Type": "application/json" if as_json else "application/x-protobuf"}
    if gz:
        headers["Content-Encoding"] = "gzip"
    lat: list[float] = []
    ok_spans = ok_bytes = ok_raw = ok_req = err_req = 0
    statuses: dict[int, int] = {}
    next_idx = 0
    sent_spans = 0
    stop_at = time.perf_counter() + duration
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(limits=limits, timeout=timeout, trust_env=False) as client:
        async def worker():
            nonlocal next_idx, sent_spans, ok_spans, ok_bytes, ok_raw, ok_req, err_req
            while True:
                if time.perf_counter() >= stop_at or sent_spans >= max_spans:
                    return
                if next_idx >= len(payloads) and not cycle:
                    return  # unique payloads exhausted
                body, n, raw = payloads[next_idx % len(payloads)]
                next_idx += 1
                sent_spans += n
                t = time.perf_counter()
                try:
                    r = await client.post(url, content=body, headers=headers)
                    code = r.status_code
                except Exception as e:  # noqa: BLE001
                    code = -1
                    print("request error:", repr(e), file=sys.stderr)
                dt = time.perf_counter() - t
                statuses[code] = statuses.get(code, 0) + 1
                if 200 <= code < 300:
                    lat.append(dt)
                    ok_spans += n
                    ok_bytes += len(body)
                    ok_raw += raw
                    ok_req += 1
                else:
                    err_req += 1
        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - t0
    return {
        "url": url, "concurrency": concurrency, "json": as_json, "gzip": gz,
        "elapsed_s": round(elapsed, 3), "requests_ok": ok_req, "requests_err": err_req,
        "statuses": statuses, "spans_ok": ok_spans,
        "spans_per_s": round(ok_spans / elapsed, 1) if elapsed else 0,
        "requests_per_s": round(ok_req / elapsed, 2) if elapsed else 0,
        "wire_MB_per_s": round(ok_bytes / elapsed / 1e6, 2) if elapsed else 0,
        "raw_MB_per_s": round(ok_raw / elapsed / 1e6, 2) if elapsed else 0,
        "lat_p50_ms": round(_pct(lat, 50) * 1000, 1), "lat_p99_ms": round(_pct(lat, 99) * 1000, 1),
        "lat_max_ms": round(max(lat) * 1000, 1) if lat else None,
        "t_end_wall": time.time(),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:6006/v1/traces")
    ap.add_argument("--batch", type=int, default=512, help="spans per request")
    ap.add_argument("--concurrency", type=int, default=1)
    ap.add_argument("--duration", type=float, default=30.0, help="max seconds of sending")
    ap.add_argument("--spans", type=int, default=51200, help="max spans to send (unique ids)")
    ap.add_argument("--spans-per-trace", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--gzip", action="store_true")
    ap.add_argument("--json", action="store_true", help="OTLP/JSON instead of protobuf")
    ap.add_argument("--out", help="append JSON result line to this file")
    ap.add_argument("--tag", default="")
    ap.add_argument("--pool", type=int, default=0,
                    help="pre-build only this many distinct requests and cycle them (ids repeat; "
                         "for ceiling tests of servers that do not dedupe)")
    ap.add_argument("--dump", help="write the first payload (raw, uncompressed) here and exit")
    a = ap.parse_args()

    n_req = max(1, -(-a.spans // a.batch))
    t = time.perf_counter()
    if a.pool:
        n_req = min(n_req, a.pool)
    payloads = build_payloads(n_req if not a.dump else 1, a.batch, a.seed, a.json,
                              a.gzip and not a.dump, a.spans_per_trace)
    build_s = time.perf_counter() - t
    if a.dump:
        with open(a.dump, "wb") as fh:
            fh.write(payloads[0][0])
        print(f"wrote {len(payloads[0][0])} bytes, {payloads[0][1]} spans to {a.dump}")
        return
    _check_loopback(a.url)
    avg_raw = statistics.mean(p[2] for p in payloads)
    avg_wire = statistics.mean(len(p[0]) for p in payloads)
    res = asyncio.run(run_load(a.url, payloads, a.concurrency, a.duration, a.spans, a.json, a.gzip,
                                cycle=bool(a.pool)))
    res.update({"tag": a.tag, "batch": a.batch, "seed": a.seed, "build_s": round(build_s, 2),
                "avg_raw_bytes_per_req": int(avg_raw), "avg_wire_bytes_per_req": int(avg_wire),
                "bytes_per_span_raw": int(avg_raw / a.batch)})
    line = json.dumps(res)
    print(line)
    if a.out:
        with open(a.out, "a") as fh:
            fh.write(line + "\n")


if __name__ == "__main__":
    main()
