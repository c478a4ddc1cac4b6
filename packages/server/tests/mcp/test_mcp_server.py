"""The MCP server through the SDK's own clients, over streamable HTTP and stdio, live."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import httpx
import pytest
from mcp import ClientSession

from .conftest import (
    FABRICATION,
    FABRICATION_TRACE,
    http_session,
    post_capture,
    stdio_session,
    wait_analysed,
)

TOOLS = {
    "list_runs", "get_run", "explain_failure", "get_span", "agent_messages", "compare_runs",
    "list_checkpoints", "state_at_step", "diff_checkpoints",
}  # fmt: skip


async def call(session: ClientSession, tool: str, **args: Any) -> tuple[bool, str]:
    """(is_error, text) of one tool call."""
    result = await session.call_tool(tool, args)
    return bool(result.is_error), "\n".join(c.text for c in result.content)  # type: ignore[union-attr]


async def _get(url: str, **params: Any) -> Any:
    async with httpx.AsyncClient() as client:
        return (await client.get(url, params=params)).json()


async def _other_trace(api_url: str) -> str:
    items = (await _get(f"{api_url}/api/v1/traces"))["items"]
    return next(t["trace_id"] for t in items if t["trace_id"] != FABRICATION_TRACE)


async def test_http_why_did_the_run_fail(loaded_server) -> None:
    async with http_session(loaded_server.api_url) as s:
        assert {t.name for t in (await s.list_tools()).tools} == TOOLS
        err, text = await call(s, "list_runs", status="error")
        assert not err and FABRICATION_TRACE in text and "failures=FM-" in text
        err, text = await call(s, "get_run", trace_id=FABRICATION_TRACE)
        assert not err, text
        assert "status error" in text and "flight_desk model=gpt-4o-mini" in text
        assert "trip_planner → flight_desk delegation x1" in text
        err, text = await call(s, "explain_failure", trace_id=FABRICATION_TRACE.upper())
        assert not err, text
        assert "blamed agent: flight_desk at step 1 (span d1172a64b0079c8e" in text
        assert "evidence spans: d1172a64b0079c8e, c8efb593646ae17b" in text
        assert "FM-2.6 Reasoning-action mismatch — agent flight_desk" in text
        err, text = await call(
            s, "get_span", trace_id=FABRICATION_TRACE, span_id="d1172a64b0079c8e", part="output"
        )
        assert not err and "agent flight_desk" in text and "I found TP 537" in text
        assert "--- input ---" not in text
        err, text = await call(
            s, "agent_messages", trace_id=FABRICATION_TRACE, agent_a="flight_desk",
            agent_b="trip_planner",
        )  # fmt: skip
        assert not err and text.startswith("2 message(s)")
        assert "trip_planner → flight_desk delegation" in text
        assert "flight_desk → trip_planner return" in text
        err, text = await call(s, "agent_messages", trace_id=FABRICATION_TRACE, agent_a="nobody")
        assert not err and "No messages of nobody" in text and "hotel_desk" in text
        other = await _other_trace(loaded_server.api_url)
        err, text = await call(s, "compare_runs", trace_a=FABRICATION_TRACE, trace_b=other)
        assert not err and "first divergence: step 0" in text and "aligned steps differ" in text
        same = FABRICATION_TRACE
        err, text = await call(s, "compare_runs", trace_a=same, trace_b=same)
        assert not err and "the same steps" in text
        err, text = await call(s, "list_checkpoints", trace_id=FABRICATION_TRACE)
        assert not err and "has no checkpoints" in text
        err, text = await call(s, "state_at_step", trace_id=FABRICATION_TRACE, step=3)
        assert err and "no checkpoint at or before step 3" in text
        graph = await s.read_resource(f"agenttrace://runs/{FABRICATION_TRACE}/graph")
        data = json.loads(graph.contents[0].text)  # type: ignore[union-attr]
        agents = {n["id"] for n in data["nodes"] if n["layer"] == "agent"}
        assert agents == {"trip_planner", "flight_desk", "hotel_desk"}
        assert {"source": "trip_planner", "target": "flight_desk"}.items() <= next(
            e for e in data["edges"] if e["target"] == "flight_desk"
        ).items()


BAD_CALLS = [
    ("explain_failure", {"trace_id": "nope"}, "trace_id must be a trace id of 32 hex digits"),
    ("explain_failure", {}, "trace_id"),
    ("get_run", {"trace_id": "0" * 32}, f"trace {'0' * 32} not found"),
    ("get_span", {"trace_id": FABRICATION_TRACE, "span_id": "xyz"}, "span_id must be 16 hex"),
    ("get_span", {"trace_id": FABRICATION_TRACE, "span_id": "f" * 16}, "not found in trace"),
    ("get_span", {"trace_id": FABRICATION_TRACE, "span_id": "f" * 16, "limit": 10**9}, "limit"),
    ("get_span", {"trace_id": FABRICATION_TRACE, "span_id": "d" * 16, "part": "x"}, "part"),
    ("list_runs", {"limit": 0}, "greater than or equal to 1"),
    ("list_runs", {"status": "broken"}, "status"),
    ("list_runs", {"since": "yesterday-ish"}, "since"),
    ("list_runs", {"cursor": "garbage"}, "cursor"),
    ("compare_runs", {"trace_a": FABRICATION_TRACE, "trace_b": "1" * 32}, "not found"),
    ("state_at_step", {"trace_id": FABRICATION_TRACE, "step": -1}, "greater than or equal to 0"),
    ("diff_checkpoints", {"a": "nope", "b": "nada"}, "checkpoint 'nope' not found"),
    ("no_such_tool", {}, "no_such_tool"),
]


async def test_bad_arguments_get_a_clear_error(loaded_server) -> None:
    async with http_session(loaded_server.api_url) as s:
        for tool, args, expected in BAD_CALLS:
            err, text = await call(s, tool, **args)
            assert err, (tool, args, text)
            assert expected in text, (tool, args, text)
        err, text = await call(s, "get_run", trace_id=FABRICATION_TRACE)
        assert not err  # the session survived every bad call


async def test_large_outputs_are_paged_and_bounded(loaded_server) -> None:
    api = loaded_server.api_url
    other = await _other_trace(api)
    spans = await _get(f"{api}/api/v1/traces/{other}/spans", limit=2000)
    big = max(spans["items"], key=lambda sp: len(sp["input"] or "") + len(sp["output"] or ""))
    assert len(big["input"] or "") + len(big["output"] or "") > 8_000  # a big payload indeed
    async with http_session(api) as s:
        err, text = await call(s, "get_span", trace_id=other, span_id=big["span_id"])
        assert not err
        body = text.split("\n", 2)
        assert body[1].startswith("[characters 0 to 4000 of ")
        assert "offset=4000, limit=4000)]" in body[1]
        assert len(body[2]) == 4000
        err, text = await call(
            s, "get_span", trace_id=other, span_id=big["span_id"], offset=4000, limit=500
        )
        assert not err and "[characters 4000 to 4500 of " in text
        err, text = await call(s, "get_span", trace_id=other, span_id=big["span_id"], offset=10**8)
        assert not err and "past the end" in text
        err, text = await call(s, "list_runs", limit=100)
        assert not err and len(text) <= 12_100


async def test_stdio_explains_the_failure(loaded_server) -> None:
    async with stdio_session(loaded_server.api_url) as s:
        assert {t.name for t in (await s.list_tools()).tools} == TOOLS
        err, text = await call(s, "explain_failure", trace_id=FABRICATION_TRACE)
        assert not err and "blamed agent: flight_desk" in text
        span = "c8efb593646ae17b"
        err, text = await call(s, "get_span", trace_id=FABRICATION_TRACE, span_id=span)
        assert not err and "search_fares" in text and "timed out" in text
        err, text = await call(s, "explain_failure", trace_id="zz")
        assert err and "32 hex digits" in text
        err, text = await call(s, "get_run", trace_id="a" * 32)
        assert err and "not found" in text


async def test_stdio_without_a_running_api_says_so() -> None:
    async with stdio_session("http://127.0.0.1:9") as s:
        err, text = await call(s, "list_runs")
        assert err and "cannot be reached" in text and "agenttrace serve" in text


def test_mcp_command_refuses_a_bad_url() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "agenttrace_server", "mcp", "--api-url", "ftp://x"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2 and "--api-url must be an http(s) URL" in out.stderr


@pytest.fixture
def keyed_server(database_url: str, server_factory):  # type: ignore[no-untyped-def]
    """A server with an admin key; the fabrication run posted with it."""
    server = server_factory(database_url, extra_env={"AGENTTRACE_API_KEYS": "k-admin-123"})
    key = {"x-api-key": "k-admin-123"}
    post_capture(server.otlp_url, FABRICATION, headers=key)
    wait_analysed(server.api_url, FABRICATION_TRACE, headers=key)
    return server


async def test_no_key_no_access_when_keys_are_on(keyed_server) -> None:
    url = f"{keyed_server.api_url}/mcp"
    init = {
        "jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                   "clientInfo": {"name": "t", "version": "1"}},
    }  # fmt: skip
    accept = {"accept": "application/json, text/event-stream"}
    async with httpx.AsyncClient() as client:
        for headers in ({}, {"x-api-key": "wrong"}, {"authorization": "Bearer wrong"}):
            r = await client.post(url, json=init, headers={**accept, **headers})
            assert r.status_code == 401, r.text
            assert r.json() == {"detail": "a valid API key is required"}
    with pytest.raises(Exception):  # noqa: B017 - the SDK's client gives up on the 401
        async with http_session(keyed_server.api_url) as s:
            await call(s, "list_runs")
    for headers in ({"x-api-key": "k-admin-123"}, {"authorization": "Bearer k-admin-123"}):
        async with http_session(keyed_server.api_url, headers) as s:
            err, text = await call(s, "explain_failure", trace_id=FABRICATION_TRACE)
            assert not err and "blamed agent: flight_desk" in text
    async with stdio_session(keyed_server.api_url) as s:
        err, text = await call(s, "list_runs")
        assert err and "wants an API key" in text
    async with stdio_session(keyed_server.api_url, "--api-key", "k-admin-123") as s:
        err, text = await call(s, "list_runs")
        assert not err and FABRICATION_TRACE in text
