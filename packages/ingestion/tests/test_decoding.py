"""Body decoding: bounded decompression and the OTLP/JSON mapping."""

from __future__ import annotations

import base64
import gzip
import zlib

import orjson
import pytest
from agenttrace_ingestion.decoding import BodyFormat, ContentEncoding, decompress, parse_request
from agenttrace_ingestion.errors import (
    MalformedRequestError,
    PayloadTooLargeError,
    UnsupportedMediaTypeError,
)
from agenttrace_ingestion.validation import drop_invalid_spans
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

TRACE = "0af7651916cd43dd8448eb211c80319c"
SPAN = "b7ad6b7169203331"


def _json_span(**fields: object) -> bytes:
    span = {"traceId": TRACE, "spanId": SPAN, "name": "s", "startTimeUnixNano": "1",
            "endTimeUnixNano": "2", **fields}  # fmt: skip
    return orjson.dumps({"resourceSpans": [{"scopeSpans": [{"spans": [span]}]}]})


def test_gzip_bomb_is_refused_without_expanding_it() -> None:
    bomb = gzip.compress(bytes(64 * 1024 * 1024))  # 64 MiB of zeros, ~64 KiB compressed
    assert len(bomb) < 100_000
    with pytest.raises(PayloadTooLargeError):
        decompress(bomb, ContentEncoding.GZIP, limit=1024 * 1024)


def test_gzip_deflate_and_raw_deflate_decode() -> None:
    data = b"x" * 5000
    assert decompress(gzip.compress(data), ContentEncoding.GZIP, limit=10_000) == data
    assert decompress(zlib.compress(data), ContentEncoding.DEFLATE, limit=10_000) == data
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    body = raw.compress(data) + raw.flush()
    assert decompress(body, ContentEncoding.DEFLATE, limit=10_000) == data
    assert decompress(data, ContentEncoding.IDENTITY, limit=10_000) == data


def test_concatenated_gzip_members_are_all_read() -> None:
    body = gzip.compress(b"ab") + gzip.compress(b"cd")
    assert decompress(body, ContentEncoding.GZIP, limit=100) == b"abcd"


@pytest.mark.parametrize(
    "body",
    [gzip.compress(b"y" * 1000, mtime=0)[:-12], b"not gzip at all"],
    ids=["truncated", "garbage"],
)
def test_truncated_or_garbage_gzip_is_malformed(body: bytes) -> None:
    with pytest.raises(MalformedRequestError):
        decompress(body, ContentEncoding.GZIP, limit=10_000)


@pytest.mark.parametrize(
    ("header", "expected"),
    [("application/x-protobuf", BodyFormat.PROTOBUF),
     ("Application/JSON; charset=utf-8", BodyFormat.JSON)],
)  # fmt: skip
def test_content_types(header: str, expected: BodyFormat) -> None:
    assert BodyFormat.from_header(header) is expected


@pytest.mark.parametrize("header", [None, "", "text/plain", "application/protobuf"])
def test_unknown_content_types_are_415(header: str | None) -> None:
    with pytest.raises(UnsupportedMediaTypeError):
        BodyFormat.from_header(header)


def test_unknown_encoding_is_415() -> None:
    with pytest.raises(UnsupportedMediaTypeError):
        ContentEncoding.from_header("br")


def test_json_mapping_accepts_both_field_spellings_enum_names_and_int64_strings() -> None:
    camel = parse_request(
        _json_span(kind="SPAN_KIND_SERVER", status={"code": "STATUS_CODE_ERROR"}), BodyFormat.JSON
    )
    snake = orjson.dumps({"resource_spans": [{"scope_spans": [{"spans": [{
        "trace_id": TRACE, "span_id": SPAN, "parent_span_id": "", "name": "s",
        "start_time_unix_nano": 1, "end_time_unix_nano": "2", "kind": 2,
        "status": {"code": 2}}]}]}]})  # fmt: skip
    assert camel == parse_request(snake, BodyFormat.JSON)
    span = camel.resource_spans[0].scope_spans[0].spans[0]
    assert (span.trace_id.hex(), span.span_id.hex(), span.kind, span.status.code) == (
        TRACE, SPAN, 2, 2,
    )  # fmt: skip


def test_json_mapping_decodes_every_any_value_kind() -> None:
    attributes = [
        {"key": "s", "value": {"stringValue": "text"}},
        {"key": "b", "value": {"boolValue": True}},
        {"key": "i", "value": {"intValue": "9007199254740993"}},
        {"key": "d", "value": {"doubleValue": 1.5}},
        {"key": "a", "value": {"arrayValue": {"values": [{"intValue": 1}, {"stringValue": "x"}]}}},
        {"key": "k", "value": {"kvlistValue": {"values": [
            {"key": "inner", "value": {"boolValue": False}}]}}},
        {"key": "y", "value": {"bytesValue": base64.b64encode(b"\x00\x01").decode()}},
        {"key": "empty", "value": {}},
    ]  # fmt: skip
    request = parse_request(_json_span(attributes=attributes), BodyFormat.JSON)
    values = {
        kv.key: kv.value for kv in request.resource_spans[0].scope_spans[0].spans[0].attributes
    }
    assert values["s"].string_value == "text"
    assert values["b"].bool_value is True
    assert values["i"].int_value == 9007199254740993
    assert values["d"].double_value == 1.5
    assert [v.WhichOneof("value") for v in values["a"].array_value.values] == [
        "int_value", "string_value",
    ]  # fmt: skip
    assert values["k"].kvlist_value.values[0].key == "inner"
    assert values["y"].bytes_value == b"\x00\x01"
    assert values["empty"].WhichOneof("value") is None


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"[]",
        b"{not json",
        orjson.dumps({"resourceSpans": "nope"}),
        orjson.dumps({"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": 5}]}]}]}),
        _json_span(startTimeUnixNano="soon"),
        _json_span(kind=[1]),
        _json_span(attributes=[{"key": "a", "value": {"intValue": "1.5"}}]),
    ],
    ids=["empty", "array", "syntax", "not-array", "id-type", "time-text", "enum", "int-text"],
)
def test_malformed_json_is_400(body: bytes) -> None:
    with pytest.raises(MalformedRequestError):
        parse_request(body, BodyFormat.JSON)


def test_bad_ids_and_times_reject_only_their_span() -> None:
    good = {"traceId": TRACE, "spanId": SPAN, "name": "ok", "startTimeUnixNano": "1",
            "endTimeUnixNano": "2"}  # fmt: skip
    bad = [
        {**good, "spanId": "zz" * 8},
        {**good, "traceId": TRACE[:30]},
        {**good, "traceId": "0" * 32},
        {**good, "parentSpanId": "abc"},
        {**good, "startTimeUnixNano": "0"},
        {**good, "endTimeUnixNano": "0"},
        {**good, "startTimeUnixNano": "5", "endTimeUnixNano": "4"},
    ]
    body = orjson.dumps({"resourceSpans": [{"scopeSpans": [{"spans": [good, *bad]}]}]})
    request = parse_request(body, BodyFormat.JSON)
    rejected = drop_invalid_spans(request)
    assert len(rejected) == len(bad)
    assert [s.name for s in request.resource_spans[0].scope_spans[0].spans] == ["ok"]


def test_truncated_protobuf_is_400() -> None:
    request = ExportTraceServiceRequest()
    span = request.resource_spans.add().scope_spans.add().spans.add()
    span.name = "a span with a name long enough to cut in the middle"
    body = request.SerializeToString()
    with pytest.raises(MalformedRequestError):
        parse_request(body[: len(body) - 10], BodyFormat.PROTOBUF)


def test_empty_protobuf_is_an_empty_request() -> None:
    assert parse_request(b"", BodyFormat.PROTOBUF) == ExportTraceServiceRequest()


def test_a_decoding_worker_sees_whether_its_server_still_runs() -> None:
    import os
    import subprocess
    import sys

    from agenttrace_ingestion.pipeline import _alive

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:  # the child stands for the fork server, this process for the server
        assert _alive(os.getpid(), child.pid)
        assert not _alive(os.getppid(), child.pid)  # its parent is not that process
    finally:
        child.kill()
        child.wait()
    assert not _alive(os.getpid(), child.pid)  # gone
