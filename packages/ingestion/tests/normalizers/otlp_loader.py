"""Test helper: load the real OTLP captures of testdata/otlp/ into export requests."""

from __future__ import annotations

import base64
import gzip
import json
from functools import cache
from pathlib import Path
from typing import Any

from google.protobuf import json_format
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

CAPTURES = Path(__file__).resolve().parents[4] / "testdata" / "otlp"
_ID_KEYS = {"traceId", "spanId", "parentSpanId"}


def _hex_ids_to_base64(node: Any) -> Any:
    """OTLP/JSON ids are hex; protobuf's json_format expects base64 for bytes."""
    if isinstance(node, dict):
        return {
            k: base64.b64encode(bytes.fromhex(v)).decode()
            if k in _ID_KEYS and isinstance(v, str)
            else _hex_ids_to_base64(v)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_hex_ids_to_base64(v) for v in node]
    return node


@cache
def _raw(relative: str) -> bytes:
    path = CAPTURES / relative
    data = path.read_bytes()
    if relative.endswith(".json"):
        request = json_format.ParseDict(
            _hex_ids_to_base64(json.loads(data)), ExportTraceServiceRequest()
        )
        return bytes(request.SerializeToString())
    return gzip.decompress(data) if relative.endswith(".gz") else data


def load(relative: str) -> ExportTraceServiceRequest:
    """A fresh decoded request for ``<framework>/<file>`` under testdata/otlp."""
    request = ExportTraceServiceRequest()
    request.ParseFromString(_raw(relative))
    return request
