"""``POST /v1/traces``: the OTLP/HTTP trace receiver.

Thin by design: check the key, the media type and the encoding, read the body within the
limit, decode and normalize it (off the event loop when it is big), hand it to the writer,
and answer once the writer has committed it.
"""

from __future__ import annotations

import logging
import math
from http import HTTPStatus
from typing import Any

from agenttrace_core.auth import KeyChecker, key_from_headers
from fastapi import APIRouter, Request, Response
from google.rpc import code_pb2
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTracePartialSuccess,
    ExportTraceServiceResponse,
)
from starlette.requests import ClientDisconnect

from agenttrace_ingestion import metrics, rejections
from agenttrace_ingestion.decoding import (
    BodyFormat,
    ContentEncoding,
    encode_response,
    encode_status,
    read_body,
)
from agenttrace_ingestion.errors import (
    MalformedRequestError,
    ReceiverError,
    UnauthorizedError,
    UnavailableError,
)
from agenttrace_ingestion.normalizers import RejectedSpan
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
            project = await _authorize(keys, headers.get("authorization"), headers.get("x-api-key"))
            if fmt_error is not None:
                raise fmt_error
            encoding = ContentEncoding.from_header(headers.get("content-encoding"))
            service.check_accepting()
            with service.decoding():
                body = await read_body(
                    request.stream(), limit=limit, declared_length=headers.get("content-length")
                )
                decoded = await service.decode(body, fmt, encoding, project)
            metrics.SPANS_RECEIVED.inc(decoded.received)
            written = await service.submit(decoded.prepared)
        except ReceiverError as exc:
            return _error(exc, fmt)
        except ClientDisconnect:
            return _error(MalformedRequestError("the client went away"), fmt)
        rejected = decoded.rejected + written.rejected
        if rejected or decoded.adjusted:
            rejections.report(
                ((r.trace_id, r.span_id, r.reason) for r in rejected),
                decoded.adjusted,
                service.rejection_log,
            )
        metrics.REQUESTS.labels("200").inc()
        return Response(
            encode_response(_response(rejected, decoded.adjusted), fmt),
            media_type=fmt.value,
            status_code=200,
        )

    return router


async def _authorize(
    keys: KeyChecker, authorization: str | None, x_api_key: str | None
) -> str | None:
    """The project of the request's key (None: any project); 401 without a valid key."""
    try:
        result = await keys.check(key_from_headers(authorization, x_api_key))
    except Exception as exc:  # the key table is unreachable: the client should retry
        raise UnavailableError(f"cannot check the API key: {exc}") from exc
    if not result.allowed:
        raise UnauthorizedError(
            "a valid API key is required: send 'Authorization: Bearer <key>' or 'x-api-key'"
        )
    return result.project


def _response(
    rejected: list[RejectedSpan], adjusted: list[rejections.Adjusted]
) -> ExportTraceServiceResponse:
    """The answer: a partial success names refused spans, and those stored with changes.

    Spans stored with a value dropped or clamped are not rejected (``rejected_spans`` does not
    count them); the message says what was changed, as the specification's warnings do.
    """
    if not rejected and not adjusted:
        return ExportTraceServiceResponse()
    parts = []
    if rejected:
        shown = "; ".join(f"{r.trace_id}/{r.span_id}: {r.reason}" for r in rejected[:5])
        more = f" (and {len(rejected) - 5} more)" if len(rejected) > 5 else ""
        parts.append(f"{len(rejected)} span(s) rejected: {shown}{more}")
    if adjusted:
        shown = "; ".join(f"{a.trace_id}/{a.span_id}: {a.detail}" for a in adjusted[:5])
        more = f" (and {len(adjusted) - 5} more)" if len(adjusted) > 5 else ""
        parts.append(f"{len(adjusted)} value(s) changed to store the spans: {shown}{more}")
    return ExportTraceServiceResponse(
        partial_success=ExportTracePartialSuccess(
            rejected_spans=len(rejected), error_message=". ".join(parts)
        )
    )


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
