"""Body handling of ``POST /v1/traces``: media type, bounded decompression, decoding, replies.

Every limit applies while the bytes stream in: a body is never buffered past
``max_body_bytes``, and a compressed body is never expanded past it (a gzip bomb costs the
limit, not its decompressed size).
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterable
from enum import StrEnum
from typing import assert_never

import orjson
from google.protobuf.json_format import MessageToDict
from google.protobuf.message import DecodeError
from google.rpc import code_pb2, status_pb2
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)

from agenttrace_ingestion.errors import (
    MalformedRequestError,
    PayloadTooLargeError,
    UnsupportedMediaTypeError,
)
from agenttrace_ingestion.otlp_json import parse_json_request

_CHUNK = 256 * 1024


class BodyFormat(StrEnum):
    """The two OTLP/HTTP encodings."""

    PROTOBUF = "application/x-protobuf"
    JSON = "application/json"

    @classmethod
    def from_header(cls, content_type: str | None) -> BodyFormat:
        """The format a ``Content-Type`` header names; 415 for anything else."""
        media = (content_type or "").split(";", 1)[0].strip().lower()
        for fmt in cls:
            if media == fmt.value:
                return fmt
        raise UnsupportedMediaTypeError(
            f"unsupported content type {content_type!r}: "
            "send application/x-protobuf or application/json"
        )


class ContentEncoding(StrEnum):
    """Accepted ``Content-Encoding`` values."""

    IDENTITY = "identity"
    GZIP = "gzip"
    DEFLATE = "deflate"

    @classmethod
    def from_header(cls, value: str | None) -> ContentEncoding:
        """The encoding a ``Content-Encoding`` header names; 415 for anything else."""
        name = (value or "identity").strip().lower() or "identity"
        if name == "x-gzip":
            name = "gzip"
        try:
            return cls(name)
        except ValueError:
            raise UnsupportedMediaTypeError(
                f"unsupported content encoding {value!r}: send gzip, deflate or none"
            ) from None


async def read_body(
    chunks: AsyncIterable[bytes], *, limit: int, declared_length: str | None
) -> bytes:
    """Read a request body, refusing (413) as soon as it passes ``limit`` bytes."""
    if declared_length and declared_length.isdigit() and int(declared_length) > limit:
        raise PayloadTooLargeError(f"body of {declared_length} bytes is over {limit} bytes")
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise PayloadTooLargeError(f"body is over {limit} bytes")
        parts.append(chunk)
    return b"".join(parts)


def decompress(body: bytes, encoding: ContentEncoding, *, limit: int) -> bytes:
    """Decompress ``body``, refusing (413) once the output passes ``limit`` bytes."""
    match encoding:
        case ContentEncoding.IDENTITY:
            return body
        case ContentEncoding.GZIP:
            return _inflate(body, zlib.MAX_WBITS | 16, limit)
        case ContentEncoding.DEFLATE:
            # RFC 9110 "deflate" is the zlib format, but raw deflate is common in the wild.
            try:
                return _inflate(body, zlib.MAX_WBITS, limit)
            except MalformedRequestError:
                return _inflate(body, -zlib.MAX_WBITS, limit)
        case _:
            assert_never(encoding)


def _inflate(data: bytes, wbits: int, limit: int) -> bytes:
    out: list[bytes] = []
    size = 0
    while True:  # one pass per gzip member
        inflater = zlib.decompressobj(wbits)
        pending = data
        try:
            while pending and not inflater.eof:
                piece = inflater.decompress(pending, min(_CHUNK, limit + 1 - size))
                size += len(piece)
                if size > limit:
                    raise PayloadTooLargeError(f"decompressed body is over {limit} bytes")
                out.append(piece)
                pending = inflater.unconsumed_tail
                if not piece and not pending:
                    break
        except zlib.error as exc:
            raise MalformedRequestError(f"cannot decompress the body: {exc}") from exc
        if not inflater.eof:
            raise MalformedRequestError("compressed body is truncated")
        data = inflater.unused_data
        if not data or wbits < 0 or not data.strip(b"\x00"):
            return b"".join(out)


def parse_request(body: bytes, fmt: BodyFormat) -> ExportTraceServiceRequest:
    """Decode an export request; 400 with the decoder's reason when it is malformed."""
    match fmt:
        case BodyFormat.PROTOBUF:
            try:
                request = ExportTraceServiceRequest()
                request.ParseFromString(body)
                return request
            except (DecodeError, RuntimeError, ValueError) as exc:
                raise MalformedRequestError(f"invalid protobuf body: {exc}") from exc
        case BodyFormat.JSON:
            return parse_json_request(body)
        case _:
            assert_never(fmt)


def encode_response(response: ExportTraceServiceResponse, fmt: BodyFormat) -> bytes:
    """Serialize an ``ExportTraceServiceResponse`` in the request's encoding."""
    match fmt:
        case BodyFormat.PROTOBUF:
            return bytes(response.SerializeToString())
        case BodyFormat.JSON:
            return orjson.dumps(MessageToDict(response))
        case _:
            assert_never(fmt)


def encode_status(message: str, fmt: BodyFormat, *, code: int = code_pb2.INVALID_ARGUMENT) -> bytes:
    """A ``google.rpc.Status`` error body in the request's encoding.

    The JSON form also carries ``detail``, the field every AgentTrace API error has.
    """
    status = status_pb2.Status(code=code, message=message)
    match fmt:
        case BodyFormat.PROTOBUF:
            return bytes(status.SerializeToString())
        case BodyFormat.JSON:
            return orjson.dumps({"code": code, "message": message, "detail": message})
        case _:
            assert_never(fmt)
