"""What a failed group commit means: database (or span store) gone, a transient conflict, or
bad data."""

from __future__ import annotations

import asyncio
import sqlite3
from enum import StrEnum

import asyncpg
from agenttrace_core.store import StoreUnavailableError
from sqlalchemy import exc as sa_exc


class FailureKind(StrEnum):
    """How the writer reacts to a failed commit."""

    UNAVAILABLE = "unavailable"
    """The database cannot be reached: answer 503 + Retry-After, nothing is acked."""
    TRANSIENT = "transient"
    """A deadlock or serialization failure: run the same commit again."""
    BAD_DATA = "bad_data"
    """The database refused some row: isolate it, store the rest."""


_TRANSIENT_SQLSTATES = {"40001", "40P01"}
_UNAVAILABLE_SQLSTATE_CLASSES = ("08", "53", "57", "58")


def classify(exc: BaseException) -> FailureKind:
    """The kind of a write failure."""
    if isinstance(exc, StoreUnavailableError):  # the span store of the spans (ClickHouse)
        return FailureKind.UNAVAILABLE
    if isinstance(exc, sa_exc.DBAPIError):
        if exc.connection_invalidated:
            return FailureKind.UNAVAILABLE
        if exc.orig is not None and exc.orig is not exc:
            return classify(exc.orig)
    if isinstance(exc, asyncpg.PostgresError):
        sqlstate = getattr(exc, "sqlstate", None) or ""
        if sqlstate in _TRANSIENT_SQLSTATES:
            return FailureKind.TRANSIENT
        if sqlstate.startswith(_UNAVAILABLE_SQLSTATE_CLASSES):
            return FailureKind.UNAVAILABLE
        return FailureKind.BAD_DATA
    if isinstance(exc, sqlite3.OperationalError):
        message = str(exc).lower()
        if "locked" in message or "busy" in message:
            return FailureKind.TRANSIENT
        if "disk" in message or "unable to open" in message or "readonly" in message:
            return FailureKind.UNAVAILABLE
        return FailureKind.BAD_DATA
    if isinstance(exc, sqlite3.DatabaseError | ValueError | TypeError | OverflowError):
        return FailureKind.BAD_DATA
    if isinstance(
        exc,
        OSError
        | asyncio.TimeoutError
        | asyncpg.InterfaceError
        | sa_exc.InterfaceError
        | sa_exc.OperationalError
        | sa_exc.TimeoutError
        | sa_exc.DisconnectionError,
    ):
        return FailureKind.UNAVAILABLE
    return FailureKind.BAD_DATA
