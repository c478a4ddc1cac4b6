"""``POST /v1/traces``: the OTLP/HTTP trace receiver.

Thin by design: check the key, the media type and the encoding, then hand the body (read
within the limit) to :func:`~agenttrace_ingestion.export.export`, which the gRPC receiver
shares: decode and normalize it (off the event loop when it is big), hand it to the writer,
and answer once the writer has committed it.
"""

from __future__ import annotations

import logging
import math
from http import HTTPStatus
from typing import Any

from agenttrace_core.auth import KeyChecker
from fastapi import APIRouter, Request, Response
from google.rpc import code_pb2
from starlette.requests import ClientDisconnect

from agenttrace_ingestion import metrics
from agenttrace_ingestion.decoding import (
    BodyFormat,
    ContentEncoding,
    encode_response,
    encode_status,
    read_body,
)
from agenttrace_ingestion.errors import MalformedRequestError, ReceiverError
from agenttrace_ingestion.export import authorize, export
from agenttrace_ingestion.service import IngestionService

logger = logging.getLogger(__name__)


_STATUS_CODES = {
    HTTPStatus.BAD_REQUEST: code_pb2.INVALID_ARGUMENT,
    HTTPStatus.UNAUTHORIZED: code_pb2.UNAUTHENTICATED,
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE: code_pb2.RESOURCE_EXHAUSTED,
    HTTPStatus.UNSUPPORTED_MEDIA_TYPE: code_pb2.INVALID_ARGUMENT,
    HTTPStatus.SERVICE_UNAVAILABLE: code_pb2.UNAVAILABLE,
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed body (google.rpc.Status)"},
    401: {"description": "API keys are configured and the request has no valid one"},
    413: {"description": "Body over the limit, compressed or decompressed"},
    415: {"description": "Unsupported Content-Type or Content-Encoding"},
    503: {"description": "Write queue full or database unavailable; see Retry-After"},
}
_REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-protobuf": {"schema": {"type": "string", "format": "binary"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}


def create_router(service: IngestionService) -> APIRouter:
    """The ``POST /v1/traces`` route, to include in any app that shares ``service``."""
    router = APIRouter(tags=["otlp"])
    keys = KeyChecker(service.settings, service.engine)
    limit = service.settings.max_body_bytes

    @router.post("/v1/traces", responses=_ERRORS, openapi_extra=_REQUEST_BODY)
    async def export_traces(request: Request) -> Response:
        """Accept an OTLP ``ExportTraceServiceRequest`` (protobuf or JSON, optionally gzip)."""
        headers = request.headers
        try:
            fmt = BodyFormat.from_header(headers.get("content-type"))
        except ReceiverError as exc:
            fmt_error: ReceiverError | None = exc
            fmt = BodyFormat.JSON
        else:
            fmt_error = None
        try:
            project = await authorize(keys, headers.get("authorization"), headers.get("x-api-key"))
            if fmt_error is not None:
                raise fmt_error
            encoding = ContentEncoding.from_header(headers.get("content-encoding"))

            async def body() -> bytes:
                return await read_body(
                    request.stream(), limit=limit, declared_length=headers.get("content-length")
                )

            answer = await export(service, body, fmt, encoding, project)
        except ReceiverError as exc:
            return _error(exc, fmt)
        except ClientDisconnect:
            return _error(MalformedRequestError("the client went away"), fmt)
        metrics.REQUESTS.labels("200").inc()
        return Response(encode_response(answer, fmt), media_type=fmt.value, status_code=200)

    return router


def _error(exc: ReceiverError, fmt: BodyFormat) -> Response:
    status = exc.status
    metrics.REQUESTS.labels(str(int(status))).inc()
    headers = {}
    if exc.retry_after is not None:
        headers["Retry-After"] = str(max(1, math.ceil(exc.retry_after)))
    if status is HTTPStatus.UNAUTHORIZED:
        headers["WWW-Authenticate"] = "Bearer"
    code = _STATUS_CODES.get(status, code_pb2.INVALID_ARGUMENT)
    return Response(
        encode_status(exc.message, fmt, code=code),
        status_code=int(status),
        media_type=fmt.value,
        headers=headers,
    )
