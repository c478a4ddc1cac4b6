"""Errors of the receiver, each carrying the HTTP status the OTLP specification names."""

from __future__ import annotations

from http import HTTPStatus


class ReceiverError(Exception):
    """A request that cannot be accepted; ``status`` is what the client gets."""

    status: HTTPStatus = HTTPStatus.BAD_REQUEST
    retry_after: float | None = None

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class MalformedRequestError(ReceiverError, ValueError):
    """The body cannot be decoded (400)."""

    status = HTTPStatus.BAD_REQUEST


class UnsupportedMediaTypeError(ReceiverError, ValueError):
    """Unknown ``Content-Type`` or ``Content-Encoding`` (415)."""

    status = HTTPStatus.UNSUPPORTED_MEDIA_TYPE


class PayloadTooLargeError(ReceiverError, ValueError):
    """The body, compressed or decompressed, is over ``max_body_bytes`` (413)."""

    status = HTTPStatus.REQUEST_ENTITY_TOO_LARGE


class UnauthorizedError(ReceiverError, PermissionError):
    """Keys are configured and the request carries no valid one (401)."""

    status = HTTPStatus.UNAUTHORIZED


class UnavailableError(ReceiverError, ConnectionError):
    """The write queue is full or the database is unreachable (503, retry later)."""

    status = HTTPStatus.SERVICE_UNAVAILABLE

    def __init__(self, message: str, *, retry_after: float = 1.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class QueueFullError(UnavailableError):
    """The write queue is full and the spool cannot take the batch (503, retry later).

    Over gRPC this is ``RESOURCE_EXHAUSTED`` (overloaded), where a database outage is
    ``UNAVAILABLE``.
    """
