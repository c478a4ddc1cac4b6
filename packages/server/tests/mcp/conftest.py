"""A live ``agenttrace serve`` with real captures posted and analysed, and MCP client helpers."""

from __future__ import annotations

import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client

REPO = Path(__file__).resolve().parents[4]
FABRICATION = REPO / "testdata/runs/openai_agents/fabrication_travel_flight_desk/001.pb"
LANGGRAPH = REPO / "testdata/otlp/langgraph/001_ok_supervisor_handoff.pb"
FABRICATION_TRACE = "013dbcb6eda356dc956d086d9dc86740"


def post_capture(otlp_url: str, body: Path, headers: dict[str, str] | None = None) -> None:
    """POST one captured OTLP/protobuf body."""
    response = httpx.post(
        f"{otlp_url}/v1/traces",
        content=body.read_bytes(),
        headers={"content-type": "application/x-protobuf", **(headers or {})},
        timeout=30,
    )
    assert response.status_code == 200, response.text


def wait_analysed(api_url: str, trace_id: str, headers: dict[str, str] | None = None) -> None:
    """Wait until the background analysis of ``trace_id`` is done."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        r = httpx.get(f"{api_url}/api/v1/traces/{trace_id}", headers=headers or {})
        if r.status_code == 200 and r.json()["analysis_state"] == "done":
            return
        time.sleep(0.2)
    raise AssertionError(f"trace {trace_id} was not analysed in time")


@pytest.fixture
def loaded_server(live_server):  # type: ignore[no-untyped-def]
    """``agenttrace serve`` with the flight-desk fabrication run and a LangGraph run."""
    post_capture(live_server.otlp_url, FABRICATION)
    post_capture(live_server.otlp_url, LANGGRAPH)
    wait_analysed(live_server.api_url, FABRICATION_TRACE)
    return live_server


@asynccontextmanager
async def http_session(
    api_url: str, headers: dict[str, str] | None = None
) -> AsyncIterator[ClientSession]:
    """An MCP client session over streamable HTTP at ``{api_url}/mcp``."""
    import httpx2

    async with (
        httpx2.AsyncClient(headers=headers or {}, timeout=60) as client,
        streamable_http_client(f"{api_url}/mcp", http_client=client) as (read, write, *_),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        yield session


@asynccontextmanager
async def stdio_session(api_url: str, *extra: str) -> AsyncIterator[ClientSession]:
    """An MCP client session with ``agenttrace mcp`` started on stdio."""
    args = ["-m", "agenttrace_server", "mcp", "--api-url", api_url, *extra]
    params = StdioServerParameters(command=sys.executable, args=args)
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        yield session
