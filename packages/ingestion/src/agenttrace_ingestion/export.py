"""One export request, whichever door it came in by (OTLP/HTTP or OTLP/gRPC).

Both receivers check the key here, then hand the body to :func:`export`: decode and normalize
it (in a worker process when it is big), queue the rows, wait for the commit that stores
them, and build the ``ExportTraceServiceResponse`` that names refused and changed spans.
What differs between the doors is only how the body is read and how errors are sent.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from agenttrace_core.auth import KeyChecker, key_from_headers
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTracePartialSuccess,
    ExportTraceServiceResponse,
)

from agenttrace_ingestion import metrics, rejections
from agenttrace_ingestion.decoding import BodyFormat, ContentEncoding
from agenttrace_ingestion.errors import UnauthorizedError, UnavailableError
from agenttrace_ingestion.normalizers import RejectedSpan
from agenttrace_ingestion.service import IngestionService

SHOWN = 5
"""Refused (or changed) spans named one by one in the partial success message."""


async def authorize(
    keys: KeyChecker, authorization: str | None, x_api_key: str | None
) -> str | None:
    """The project of the request's key (None: any project).

    Raises:
        UnauthorizedError: keys are configured and the request has no valid one.
        UnavailableError: the key table cannot be read (the client should retry).
    """
    try:
        result = await keys.check(key_from_headers(authorization, x_api_key))
    except Exception as exc:  # the key table is unreachable: the client should retry
        raise UnavailableError(f"cannot check the API key: {exc}") from exc
    if not result.allowed:
        raise UnauthorizedError(
            "a valid API key is required: send 'Authorization: Bearer <key>' or 'x-api-key'"
        )
    return result.project


async def export(
    service: IngestionService,
    read_body: Callable[[], Awaitable[bytes]],
    fmt: BodyFormat,
    encoding: ContentEncoding,
    project: str | None,
) -> ExportTraceServiceResponse:
    """Store one export request's spans and return the answer to send once they are committed.

    ``read_body`` is awaited while the request counts as being decoded (the writer waits for
    it to join the next commit). ``project`` is the project of the request's key (None: any).

    Raises:
        ReceiverError: the request is refused as a whole (malformed, too large, queue full,
            database away); its ``status`` says how.
    """
    service.check_accepting()
    with service.decoding():
        body = await read_body()
        decoded = await service.decode(body, fmt, encoding, project)
    metrics.SPANS_RECEIVED.inc(decoded.received)
    written = await service.submit(decoded.prepared)
    rejected = decoded.rejected + written.rejected
    if rejected or decoded.adjusted:
        rejections.report(
            ((r.trace_id, r.span_id, r.reason) for r in rejected),
            decoded.adjusted,
            service.rejection_log,
        )
    return build_response(rejected, decoded.adjusted)


def build_response(
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
        shown = "; ".join(f"{r.trace_id}/{r.span_id}: {r.reason}" for r in rejected[:SHOWN])
        parts.append(f"{len(rejected)} span(s) rejected: {shown}{_more(len(rejected))}")
    if adjusted:
        shown = "; ".join(f"{a.trace_id}/{a.span_id}: {a.detail}" for a in adjusted[:SHOWN])
        parts.append(
            f"{len(adjusted)} value(s) changed to store the spans: {shown}{_more(len(adjusted))}"
        )
    return ExportTraceServiceResponse(
        partial_success=ExportTracePartialSuccess(
            rejected_spans=len(rejected), error_message=". ".join(parts)
        )
    )


def _more(count: int) -> str:
    return f" (and {count - SHOWN} more)" if count > SHOWN else ""
