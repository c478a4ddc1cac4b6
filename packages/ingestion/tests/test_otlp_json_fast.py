"""The fast OTLP/JSON path builds the same message as the complete mapping, or steps aside."""

from __future__ import annotations

import base64
import copy
from pathlib import Path
from typing import Any

import orjson
import pytest
from agenttrace_ingestion.otlp_json import parse_json_request
from agenttrace_ingestion.otlp_json_fast import Unusual, build_request
from google.protobuf.json_format import MessageToDict
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from .conftest import TESTDATA

CAPTURES = sorted(TESTDATA.rglob("*.pb"))


def _as_otlp_json(request: ExportTraceServiceRequest) -> dict[str, Any]:
    """The OTLP/JSON document of ``request`` (hex ids, camelCase, enums as numbers)."""
    doc = MessageToDict(request, use_integers_for_enums=True)
    for rs in doc.get("resourceSpans", []):
        for ss in rs.get("scopeSpans", []):
            for span in ss.get("spans", []):
                for key in ("traceId", "spanId", "parentSpanId"):
                    if key in span:
                        span[key] = _hex(span[key])
                for link in span.get("links", []):
                    for key in ("traceId", "spanId"):
                        if key in link:
                            link[key] = _hex(link[key])
    return doc


def _hex(b64: str) -> str:
    return base64.b64decode(b64).hex()


@pytest.mark.parametrize("capture", CAPTURES, ids=lambda p: str(Path(p).relative_to(TESTDATA)))
def test_real_captures_decode_alike_on_both_paths(capture: Path) -> None:
    request = ExportTraceServiceRequest()
    request.ParseFromString(capture.read_bytes())
    doc = _as_otlp_json(request)
    body = orjson.dumps(doc)
    assert parse_json_request(body) == request  # whichever path it took
    try:
        fast = build_request(copy.deepcopy(doc))
    except Unusual:
        return  # e.g. links: the complete mapping alone
    assert fast == request


def test_the_usual_body_takes_the_fast_path() -> None:
    attributes = [
        {"key": "n", "value": {"intValue": "-7"}},
        {"key": "d", "value": {"doubleValue": 0.5}},
        {"key": "b", "value": {"boolValue": True}},
        {"key": "l", "value": {"arrayValue": {"values": [{"stringValue": "x"}]}}},
    ]
    span = {
        "traceId": "0af7651916cd43dd8448eb211c80319c",
        "spanId": "b7ad6b7169203331",
        "name": "chat",
        "kind": 3,
        "startTimeUnixNano": "1700000000000000000",
        "endTimeUnixNano": 1700000000000000001,
        "attributes": attributes,
        "events": [{"timeUnixNano": "5", "name": "exception"}],
        "status": {"code": 2, "message": "boom"},
    }
    resource = {"attributes": [{"key": "service.name", "value": {"stringValue": "a"}}]}
    doc = {
        "resourceSpans": [
            {
                "resource": resource,
                "scopeSpans": [{"scope": {"name": "s", "version": "1"}, "spans": [span]}],
            }
        ]
    }
    fast = build_request(copy.deepcopy(doc))
    assert fast == parse_json_request(orjson.dumps(doc))
    span = fast.resource_spans[0].scope_spans[0].spans[0]
    assert span.span_id.hex() == "b7ad6b7169203331" and span.status.code == 2
    assert [kv.key for kv in span.attributes] == ["n", "d", "b", "l"]


@pytest.mark.parametrize(
    "span_fields",
    [
        {"kind": "SPAN_KIND_SERVER"},
        {"status": {"code": "STATUS_CODE_ERROR"}},
        {"start_time_unix_nano": "1"},
        {"links": [{"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331"}]},
        {"name": None},
        {"attributes": [{"key": "d", "value": {"doubleValue": "NaN"}}]},
        {"attributes": [{"key": "i", "value": {"intValue": "1.5"}}]},
        {"attributes": [{"key": "e", "value": {}}]},
        {"somethingNew": 1},
    ],
)
def test_anything_unusual_is_left_to_the_complete_mapping(span_fields: dict[str, Any]) -> None:
    span = {"traceId": "0af7651916cd43dd8448eb211c80319c", "spanId": "b7ad6b7169203331",
            "name": "s", "startTimeUnixNano": "1", **span_fields}  # fmt: skip
    with pytest.raises(Unusual):
        build_request({"resourceSpans": [{"scopeSpans": [{"spans": [span]}]}]})
