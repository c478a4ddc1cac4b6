"""OTLP/gRPC: the ``opentelemetry.proto.collector.trace.v1.TraceService/Export`` service.

The second front door of the same pipeline as ``POST /v1/traces``: the key comes from the
``authorization`` (``Bearer …``) or ``x-api-key`` metadata, and the message goes, as bytes,
to :func:`~agenttrace_ingestion.export.export` like an HTTP protobuf body (so big messages are
decoded in the worker processes, and a malformed one is ``INVALID_ARGUMENT``, not the
``INTERNAL`` that a failing generated deserializer would give). gRPC itself decompresses
(``grpc-encoding: gzip``) and enforces the message size limit (``max_body_bytes``).

Errors follow the OTLP specification: ``INVALID_ARGUMENT`` (malformed), ``UNAUTHENTICATED``,
``RESOURCE_EXHAUSTED`` (message too large: no retry info; write queue full: with
``google.rpc.RetryInfo``), ``UNAVAILABLE`` with ``RetryInfo`` (database away, shutting down).
The retry info is in ``grpc-status-details-bin`` (a ``google.rpc.Status``) and, for the
OpenTelemetry Python exporter, also in ``google.rpc.retryinfo-bin``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import grpc
from agenttrace_core.auth import KeyChecker
from agenttrace_core.settings import Settings
from google.protobuf import any_pb2, duration_pb2
from google.rpc import error_details_pb2, status_pb2
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2, trace_service_pb2_grpc
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceResponse

from agenttrace_ingestion import metrics
from agenttrace_ingestion.decoding import BodyFormat, ContentEncoding
from agenttrace_ingestion.errors import (
    PayloadTooLargeError,
    QueueFullError,
    ReceiverError,
    UnauthorizedError,
    UnavailableError,
)
from agenttrace_ingestion.export import authorize, export
from agenttrace_ingestion.service import IngestionService

logger = logging.getLogger(__name__)

SERVICE_NAME: str = trace_service_pb2.DESCRIPTOR.services_by_name["TraceService"].full_name
"""``opentelemetry.proto.collector.trace.v1.TraceService``."""

GRACE_SECONDS = 30.0
"""On shutdown, calls in flight get this long to be committed and answered."""

RETRY_INFO_KEY = "google.rpc.retryinfo-bin"
"""The trailer the OpenTelemetry Python exporter reads its retry delay from."""


class TraceService(trace_service_pb2_grpc.TraceServiceServicer):
    """``Export`` of the generated servicer, answered by the shared pipeline."""

    def __init__(self, service: IngestionService, keys: KeyChecker) -> None:
        """Serve exports into ``service``, checking keys with ``keys``."""
        self._service = service
        self._keys = keys

    async def Export(  # the generated servicer's method name
        self, request: bytes, context: grpc.aio.ServicerContext[bytes, ExportTraceServiceResponse]
    ) -> ExportTraceServiceResponse:
        """Store one serialized ``ExportTraceServiceRequest``; answer after the commit."""
        metadata = {key: value for key, value in context.invocation_metadata() or ()}
        try:
            project = await authorize(
                self._keys, _text(metadata.get("authorization")), _text(metadata.get("x-api-key"))
            )

            async def body() -> bytes:
                return request

            answer = await export(
                self._service, body, BodyFormat.PROTOBUF, ContentEncoding.IDENTITY, project
            )
        except ReceiverError as exc:
            await _abort(context, exc)
            raise AssertionError("unreachable: abort raises") from exc
        metrics.GRPC_REQUESTS.labels(grpc.StatusCode.OK.name).inc()
        return answer


def status_code(exc: ReceiverError) -> grpc.StatusCode:
    """The gRPC status of a refused request (the OTLP specification's choice)."""
    if isinstance(exc, QueueFullError | PayloadTooLargeError):
        return grpc.StatusCode.RESOURCE_EXHAUSTED
    if isinstance(exc, UnavailableError):
        return grpc.StatusCode.UNAVAILABLE
    if isinstance(exc, UnauthorizedError):
        return grpc.StatusCode.UNAUTHENTICATED
    return grpc.StatusCode.INVALID_ARGUMENT


async def _abort(
    context: grpc.aio.ServicerContext[bytes, ExportTraceServiceResponse], exc: ReceiverError
) -> None:
    code = status_code(exc)
    metrics.GRPC_REQUESTS.labels(code.name).inc()
    status = status_pb2.Status(code=code.value[0], message=exc.message)
    trailers: list[tuple[str, bytes]] = []
    if exc.retry_after is not None:
        delay = duration_pb2.Duration(seconds=max(1, math.ceil(exc.retry_after)))
        info = error_details_pb2.RetryInfo(retry_delay=delay)
        detail = any_pb2.Any()
        detail.Pack(info)
        status.details.append(detail)
        trailers.append((RETRY_INFO_KEY, info.SerializeToString()))
    trailers.append(("grpc-status-details-bin", status.SerializeToString()))
    await context.abort(code, exc.message, trailing_metadata=tuple(trailers))


def _text(value: str | bytes | None) -> str | None:
    return value.decode(errors="replace") if isinstance(value, bytes) else value


def create_server(service: IngestionService, settings: Settings) -> grpc.aio.Server:
    """A gRPC server with ``TraceService`` on it (no port yet; see :func:`serve_grpc`)."""
    limit = settings.max_body_bytes
    server = grpc.aio.server(
        options=[
            ("grpc.max_receive_message_length", limit),
            ("grpc.max_send_message_length", 4 * 1024 * 1024),
            ("grpc.so_reuseport", 0),  # a port in use is an error, as over HTTP
        ]
    )
    servicer = TraceService(service, KeyChecker(settings, service.engine))
    handler = grpc.method_handlers_generic_handler(
        SERVICE_NAME,
        {
            "Export": grpc.unary_unary_rpc_method_handler(
                servicer.Export,
                request_deserializer=None,  # bytes: decoded by the shared pipeline
                response_serializer=ExportTraceServiceResponse.SerializeToString,
            )
        },
    )
    server.add_generic_rpc_handlers((handler,))
    return server


@asynccontextmanager
async def serve_grpc(
    service: IngestionService, settings: Settings, *, port: int | None = None
) -> AsyncIterator[int | None]:
    """Serve OTLP/gRPC on ``settings.host`` while the block runs; yields the bound port.

    ``port`` (default ``settings.grpc_port``) 0 means no gRPC server (yields None) when it
    comes from the settings; given here, 0 picks a free port. On exit the server stops taking
    calls and gives those in flight :data:`GRACE_SECONDS` to finish.

    Raises:
        OSError: the port cannot be bound (in use?).
    """
    if port is None:
        port = settings.grpc_port
        if port == 0:
            yield None
            return
    server = create_server(service, settings)
    host = settings.host
    address = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        bound = server.add_insecure_port(address)
    except RuntimeError as exc:
        raise OSError(
            f"cannot listen for OTLP/gRPC on {address} (in use?): {exc}; choose another port "
            "with --grpc-port / AGENTTRACE_GRPC_PORT, or 0 for no gRPC"
        ) from exc
    await server.start()
    logger.info("OTLP/gRPC listening on %s", address)
    try:
        yield bound
    finally:
        await server.stop(GRACE_SECONDS)
