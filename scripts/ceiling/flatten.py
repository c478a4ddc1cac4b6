# Copied from the project's shared benchmark kit (shared/bench/flatten.py, written for
# AgentTrace's ingestion benchmark; see docs/performance.md). Unchanged.
# scripts/bench_ingest.py runs it; kept close to the original, hence not linted.
"""Shared: decode an ExportTraceServiceRequest and flatten it to row tuples/dicts.

Row layout (matches the bench `spans` table):
 (trace_id, span_id, parent_span_id, name, kind, start_time, end_time,
  status_code, status_message, attributes_json, resource_json, agent_name,
  span_kind, prompt_tokens, completion_tokens)
trace/span ids as lowercase hex text; timestamps as tz-aware datetimes.
"""
from __future__ import annotations

import datetime as dt

import orjson
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

UTC = dt.timezone.utc
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
COLUMNS = ["trace_id", "span_id", "parent_span_id", "name", "kind", "start_time", "end_time",
           "status_code", "status_message", "attributes", "resource", "agent_name",
           "span_kind", "prompt_tokens", "completion_tokens"]


def _av(v):
    w = v.WhichOneof("value")
    if w == "string_value":
        return v.string_value
    if w == "int_value":
        return v.int_value
    if w == "double_value":
        return v.double_value
    if w == "bool_value":
        return v.bool_value
    if w == "array_value":
        return [_av(x) for x in v.array_value.values]
    if w == "kvlist_value":
        return {kv.key: _av(kv.value) for kv in v.kvlist_value.values}
    if w == "bytes_value":
        return v.bytes_value.hex()
    return None


def _ts(ns: int) -> dt.datetime:
    return EPOCH + dt.timedelta(microseconds=ns // 1000)


def flatten(req: ExportTraceServiceRequest, json_attrs: bool = True) -> list[tuple]:
    rows = []
    for rs in req.resource_spans:
        res = {kv.key: _av(kv.value) for kv in rs.resource.attributes}
        res_j = orjson.dumps(res).decode() if json_attrs else res
        for ss in rs.scope_spans:
            for s in ss.spans:
                attrs = {kv.key: _av(kv.value) for kv in s.attributes}
                rows.append((
                    s.trace_id.hex(), s.span_id.hex(),
                    s.parent_span_id.hex() if s.parent_span_id else None,
                    s.name, int(s.kind), _ts(s.start_time_unix_nano), _ts(s.end_time_unix_nano),
                    int(s.status.code), s.status.message or None,
                    orjson.dumps(attrs).decode() if json_attrs else attrs, res_j,
                    attrs.get("gen_ai.agent.name"), attrs.get("openinference.span.kind"),
                    attrs.get("llm.token_count.prompt"), attrs.get("llm.token_count.completion"),
                ))
    return rows


def parse_and_flatten(body: bytes) -> list[tuple]:
    req = ExportTraceServiceRequest()
    req.ParseFromString(body)
    return flatten(req)


def _hex_or_b64(x: str) -> str:
    return x  # OTLP/JSON ids are already hex


def flatten_json(doc: dict) -> list[tuple]:
    """Flatten an OTLP/JSON document (already loaded with orjson)."""
    rows = []

    def jav(v: dict):
        if "stringValue" in v:
            return v["stringValue"]
        if "intValue" in v:
            return int(v["intValue"])
        if "doubleValue" in v:
            return v["doubleValue"]
        if "boolValue" in v:
            return v["boolValue"]
        if "arrayValue" in v:
            return [jav(x) for x in v["arrayValue"].get("values", [])]
        if "kvlistValue" in v:
            return {kv["key"]: jav(kv["value"]) for kv in v["kvlistValue"].get("values", [])}
        return None

    for rs in doc.get("resourceSpans", []):
        res = {kv["key"]: jav(kv["value"]) for kv in rs.get("resource", {}).get("attributes", [])}
        res_j = orjson.dumps(res).decode()
        for ss in rs.get("scopeSpans", []):
            for s in ss.get("spans", []):
                attrs = {kv["key"]: jav(kv["value"]) for kv in s.get("attributes", [])}
                st = s.get("status", {})
                rows.append((
                    s["traceId"], s["spanId"], s.get("parentSpanId") or None, s["name"],
                    int(s.get("kind", 0)), _ts(int(s["startTimeUnixNano"])),
                    _ts(int(s.get("endTimeUnixNano", 0))), int(st.get("code", 0)),
                    st.get("message") or None, orjson.dumps(attrs).decode(), res_j,
                    attrs.get("gen_ai.agent.name"), attrs.get("openinference.span.kind"),
                    attrs.get("llm.token_count.prompt"), attrs.get("llm.token_count.completion"),
                ))
    return rows
