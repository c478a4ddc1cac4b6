"""The usual OTLP/JSON body, built straight into an ``ExportTraceServiceRequest``.

What the OpenTelemetry SDKs and collectors send: lowerCamelCase field names, enums as
numbers, 64-bit integers as decimal strings (or numbers), hex ids, attribute values that are
strings, integers, doubles or booleans. Such a body is turned into the message field by field
here, with the same result as ``json_format.ParseDict`` (after the ids are rewritten) at a
fraction of its cost. Anything this module does not know for sure raises :class:`Unusual`,
and the caller parses the body again with ``ParseDict``: odd bodies keep exactly its
behaviour (what it accepts, what it refuses and why). Nested attribute values (arrays,
key-value lists, bytes) are handed to ``ParseDict`` one value at a time.
"""

from __future__ import annotations

from typing import Any

from google.protobuf.json_format import ParseDict
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.trace.v1.trace_pb2 import Span

_U64 = 2**64
_INVALID_ID = b"\xff"
"""Stands for an id that is not hex: one byte, which no id may be (validation rejects it)."""
_SPAN_KEYS = frozenset(
    {
        "traceId", "spanId", "parentSpanId", "traceState", "flags", "name", "kind",
        "startTimeUnixNano", "endTimeUnixNano", "attributes", "droppedAttributesCount",
        "events", "droppedEventsCount", "droppedLinksCount", "status",
    }
)  # fmt: skip
_EVENT_KEYS = frozenset({"timeUnixNano", "name", "attributes", "droppedAttributesCount"})
_SCOPE_KEYS = frozenset({"name", "version", "attributes", "droppedAttributesCount"})
_RESOURCE_KEYS = frozenset({"attributes", "droppedAttributesCount"})
_STATUS_KEYS = frozenset({"code", "message"})


class Unusual(Exception):  # a signal to the caller, not an error
    """The body has something this module leaves to ``ParseDict``."""


def build_request(data: dict[str, Any]) -> ExportTraceServiceRequest:
    """The request ``data`` (an OTLP/JSON document) encodes; :class:`Unusual` if unsure."""
    request = ExportTraceServiceRequest()
    if not data.keys() <= {"resourceSpans"}:
        raise Unusual
    for rs_json in _list(data, "resourceSpans"):
        if not isinstance(rs_json, dict) or not rs_json.keys() <= {
            "resource", "scopeSpans", "schemaUrl"
        }:  # fmt: skip
            raise Unusual
        rs = request.resource_spans.add()
        resource = rs_json.get("resource")
        if resource is not None:
            _check(resource, _RESOURCE_KEYS)
            _attributes(rs.resource.attributes, resource)
            rs.resource.dropped_attributes_count = _u32(resource, "droppedAttributesCount")
        rs.schema_url = _str(rs_json, "schemaUrl")
        for ss_json in _list(rs_json, "scopeSpans"):
            if not isinstance(ss_json, dict) or not ss_json.keys() <= {
                "scope", "spans", "schemaUrl"
            }:  # fmt: skip
                raise Unusual
            ss = rs.scope_spans.add()
            scope = ss_json.get("scope")
            if scope is not None:
                _check(scope, _SCOPE_KEYS)
                ss.scope.name = _str(scope, "name")
                ss.scope.version = _str(scope, "version")
                _attributes(ss.scope.attributes, scope)
                ss.scope.dropped_attributes_count = _u32(scope, "droppedAttributesCount")
            ss.schema_url = _str(ss_json, "schemaUrl")
            spans = ss.spans
            for span_json in _list(ss_json, "spans"):
                _span(spans.add(), span_json)
    return request


def _span(span: Span, js: Any) -> None:
    _check(js, _SPAN_KEYS)
    span.trace_id = _id(js, "traceId")
    span.span_id = _id(js, "spanId")
    span.parent_span_id = _id(js, "parentSpanId")
    span.trace_state = _str(js, "traceState")
    span.flags = _u32(js, "flags")
    span.name = _str(js, "name")
    kind = js.get("kind", 0)
    if type(kind) is not int or not 0 <= kind <= 5:
        raise Unusual
    span.kind = kind  # type: ignore[assignment]
    span.start_time_unix_nano = _u64(js, "startTimeUnixNano")
    span.end_time_unix_nano = _u64(js, "endTimeUnixNano")
    _attributes(span.attributes, js)
    span.dropped_attributes_count = _u32(js, "droppedAttributesCount")
    span.dropped_events_count = _u32(js, "droppedEventsCount")
    span.dropped_links_count = _u32(js, "droppedLinksCount")
    for event_json in _list(js, "events"):
        _check(event_json, _EVENT_KEYS)
        event = span.events.add()
        event.time_unix_nano = _u64(event_json, "timeUnixNano")
        event.name = _str(event_json, "name")
        _attributes(event.attributes, event_json)
        event.dropped_attributes_count = _u32(event_json, "droppedAttributesCount")
    status = js.get("status")
    if status is not None:
        _check(status, _STATUS_KEYS)
        code = status.get("code", 0)
        if type(code) is not int or not 0 <= code <= 2:
            raise Unusual
        span.status.code = code  # type: ignore[assignment]
        span.status.message = _str(status, "message")


def _attributes(target: Any, owner: dict[str, Any]) -> None:
    """Fill a repeated ``KeyValue`` field from ``owner["attributes"]``."""
    pairs = owner.get("attributes")
    if pairs is None:
        return
    if type(pairs) is not list:
        raise Unusual
    add = target.add
    for pair in pairs:
        if type(pair) is not dict or len(pair) != 2:
            raise Unusual
        key, value = pair.get("key"), pair.get("value")
        if type(key) is not str or type(value) is not dict or len(value) != 1:
            raise Unusual
        ((kind, raw),) = value.items()
        if kind == "stringValue" and type(raw) is str:
            add(key=key).value.string_value = raw
        elif kind == "intValue":
            add(key=key).value.int_value = _int64(raw)
        elif kind == "doubleValue" and type(raw) is float:
            add(key=key).value.double_value = raw
        elif kind == "boolValue" and type(raw) is bool:
            add(key=key).value.bool_value = raw
        elif kind in ("arrayValue", "kvlistValue", "bytesValue"):
            ParseDict(value, add(key=key).value, ignore_unknown_fields=True)
        else:
            raise Unusual


def _check(obj: Any, known: frozenset[str]) -> None:
    if type(obj) is not dict or not obj.keys() <= known:
        raise Unusual


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    if key not in obj:
        return []
    value: list[Any] = obj[key]
    if type(value) is not list:
        raise Unusual
    return value


def _str(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key, "")
    if type(value) is not str:
        raise Unusual
    return value


def _id(obj: dict[str, Any], key: str) -> bytes:
    value = obj.get(key, "")
    if type(value) is not str:
        raise Unusual
    if not value:
        return b""
    try:
        return bytes.fromhex(value)
    except ValueError:
        return _INVALID_ID


def _u64(obj: dict[str, Any], key: str) -> int:
    value = obj.get(key, 0)
    if type(value) is str and value.isdigit() and value.isascii():
        value = int(value)
    if type(value) is not int or not 0 <= value < _U64:
        raise Unusual
    return value


def _u32(obj: dict[str, Any], key: str) -> int:
    value = obj.get(key, 0)
    if type(value) is not int or not 0 <= value < 2**32:
        raise Unusual
    return value


def _int64(raw: Any) -> int:
    if type(raw) is str and raw.lstrip("-").isdigit() and raw.isascii():
        raw = int(raw)
    if type(raw) is not int or not -(2**63) <= raw < 2**63:
        raise Unusual
    return raw
