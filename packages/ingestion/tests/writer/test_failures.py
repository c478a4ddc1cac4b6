"""What the writer makes of a failed commit."""

from __future__ import annotations

from agenttrace_core.store import StoreUnavailableError
from agenttrace_ingestion.writer.failures import FailureKind, classify


def test_a_span_store_that_cannot_be_reached_is_an_outage() -> None:
    assert classify(StoreUnavailableError("ClickHouse is unreachable")) is FailureKind.UNAVAILABLE
    assert classify(ConnectionRefusedError()) is FailureKind.UNAVAILABLE
    assert classify(ValueError("bad row")) is FailureKind.BAD_DATA
