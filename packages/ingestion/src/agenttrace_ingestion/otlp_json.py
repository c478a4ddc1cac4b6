"""The OTLP/JSON encoding of an export request, decoded into the protobuf message.

OTLP/JSON is the protobuf JSON mapping with one exception: trace and span ids are hex
strings, not base64. Everything else (lowerCamelCase or original field names, enums as
numbers or names, 64-bit integers as strings or numbers, base64 ``bytesValue``) is what
``google.protobuf.json_format`` accepts already, so this module only rewrites the ids.
An id that is not hex becomes a value of the wrong length, which the validation step then
rejects for that span alone (``partial_success``), as for a bad id in a protobuf body.

``ParseDict`` is written in Python and walks every field through descriptors: it cost about
six times the rest of a request's decoding. The usual shape of a body (what the OTel SDKs
send: camelCase names, numeric enums, scalar attribute values) is therefore built straight
into the message by :mod:`agenttrace_ingestion.otlp_json_fast`; a body with anything else
(snake_case names, enum names, unknown fields, nulls, links, …) takes the complete
``ParseDict`` path, so both accept and refuse exactly the same bodies.
"""

from __future__ import annotations

import base64
from typing import Any

import orjson
from google.protobuf.json_format import ParseDict, ParseError
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from agenttrace_ingestion.errors import MalformedRequestError
from agenttrace_ingestion.otlp_json_fast import Unusual, build_request

_SPAN_ID_KEYS = ("traceId", "trace_id", "spanId", "span_id", "parentSpanId", "parent_span_id")
_LINK_ID_KEYS = ("traceId", "trace_id", "spanId", "span_id")
_INVALID_ID = base64.b64encode(b"\xff").decode()
"""Stands for an id that is not hex: one byte, which no id may be."""


def parse_json_request(body: bytes) -> ExportTraceServiceRequest:
    """Decode an OTLP/JSON body; 400 with a readable reason when it is malformed."""
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise MalformedRequestError(f"invalid JSON body: {exc}") from exc
    if not isinstance(data, dict):
        raise MalformedRequestError("the JSON body must be an object (ExportTraceServiceRequest)")
    try:
        return build_request(data)
    except Unusual:
        pass  # the complete mapping below decides
    except (ParseError, TypeError, ValueError, AttributeError) as exc:
        raise MalformedRequestError(f"invalid OTLP/JSON body: {exc}") from exc
    except RecursionError as exc:
        raise MalformedRequestError("invalid OTLP/JSON body: nested too deeply") from exc
    try:
        for resource_spans in _items(data, "resourceSpans", "resource_spans"):
            for scope_spans in _items(resource_spans, "scopeSpans", "scope_spans"):
                for span in _items(scope_spans, "spans", "spans"):
                    _hex_ids_to_base64(span, _SPAN_ID_KEYS)
                    for link in _items(span, "links", "links"):
                        _hex_ids_to_base64(link, _LINK_ID_KEYS)
        request = ExportTraceServiceRequest()
        ParseDict(data, request, ignore_unknown_fields=True)
    except (ParseError, TypeError, ValueError, AttributeError) as exc:
        raise MalformedRequestError(f"invalid OTLP/JSON body: {exc}") from exc
    except RecursionError as exc:
        raise MalformedRequestError("invalid OTLP/JSON body: nested too deeply") from exc
    return request


def _items(obj: Any, camel: str, snake: str) -> list[Any]:
    """The list under ``camel`` or ``snake`` of a JSON object; a wrong type is a 400."""
    if not isinstance(obj, dict):
        raise MalformedRequestError(f"expected an object holding {camel!r}, got {_kind(obj)}")
    value = obj.get(camel, obj.get(snake))
    if value is None:
        return []
    if not isinstance(value, list):
        raise MalformedRequestError(f"{camel!r} must be an array, got {_kind(value)}")
    return value


def _hex_ids_to_base64(obj: Any, keys: tuple[str, ...]) -> None:
    if not isinstance(obj, dict):
        raise MalformedRequestError(f"expected a span or link object, got {_kind(obj)}")
    for key in keys:
        value = obj.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            raise MalformedRequestError(f"{key!r} must be a hex string, got {_kind(value)}")
        try:
            raw = bytes.fromhex(value)
        except ValueError:
            obj[key] = _INVALID_ID
            continue
        obj[key] = base64.b64encode(raw).decode()


def _kind(value: Any) -> str:
    return type(value).__name__ if value is not None else "null"
