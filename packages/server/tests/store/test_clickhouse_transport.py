"""The server transport (clickhouse-connect): a ClickHouse that cannot take a call now is
:class:`~agenttrace_core.store.StoreUnavailableError` (the writer answers 503), other errors
pass through."""

from __future__ import annotations

import socket

import pytest
from agenttrace_core.store import StoreUnavailableError
from agenttrace_store_clickhouse import ServerTransport
from agenttrace_store_clickhouse.transport import _server_errors
from clickhouse_connect.driver.exceptions import DatabaseError


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_server_that_refuses_connections_is_unavailable() -> None:
    transport = ServerTransport(f"clickhouse://127.0.0.1:{_closed_port()}/agenttrace")
    calls = (
        lambda: transport.rows("SELECT 1"),
        lambda: transport.command("SELECT 1"),
        lambda: transport.insert("agenttrace.spans", ["trace_id"], [["t"]]),
    )
    for call in calls:
        with pytest.raises(StoreUnavailableError, match="unreachable"):
            call()
    transport.close()


@pytest.mark.parametrize(
    ("code", "unavailable"),
    [(241, True), (252, True), (159, True), (62, False), (60, False), (None, False)],
)
def test_server_errors_that_say_not_now(code: int | None, unavailable: bool) -> None:
    """Memory limit, too many parts, timeout: not now; a syntax error or no such table: no."""
    error = DatabaseError("Received ClickHouse exception", code=code)
    expected = StoreUnavailableError if unavailable else DatabaseError
    with pytest.raises(expected), _server_errors():
        raise error
