"""The manual API, end to end: the real OTel SDK and exporter into a live ``agenttrace serve``."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import agenttrace
import pytest

pytestmark = pytest.mark.e2e


@agenttrace.tool("search_flights")
def search_flights(origin: str, dest: str) -> list[str]:
    return [f"LH400 {origin}->{dest} 09:10", f"UA901 {origin}->{dest} 13:45"]


@agenttrace.tool("book_flight")
def book_flight(flight: str) -> str:
    raise ConnectionError(f"payment gateway unavailable while booking {flight}")


@agenttrace.agent("booker", role="books the chosen flight", model="gpt-4o-mini")
async def booker(flight: str) -> str:
    try:
        return book_flight(flight)
    except ConnectionError:
        agenttrace.message("booker", "planner", "Booking failed: gateway down", kind="return")
        return "failed"


async def run_trip() -> str:
    with agenttrace.agent("planner", "plans the trip") as root:
        agenttrace.message(None, "planner", "Book me FRA to JFK on Friday")
        agenttrace.checkpoint("start", {"request": "FRA-JFK", "plan": []})
        agenttrace.handoff("planner", "researcher", content="Find flights FRA to JFK")
        async with agenttrace.agent("researcher", "finds flights"):
            flights = search_flights("FRA", "JFK")
            agenttrace.checkpoint("flights found", {"flights": flights})
            agenttrace.message("researcher", "planner", flights[0], kind="return")
        agenttrace.message("planner", "booker", flights[0], kind="delegation")
        result = await booker(flights[0])
        agenttrace.checkpoint("done", {"result": result})
    return format(root.get_span_context().trace_id, "032x")


def test_manual_run_is_stored_with_agents_messages_graph_and_checkpoints(stored: Any) -> None:
    trace_id = asyncio.run(run_trip())
    assert agenttrace.flush(timeout=10)

    summary = stored.trace(trace_id, min_spans=10)
    assert summary["status"] in ("error", "ERROR", "ok", "OK", "unset")  # a tool failed inside
    assert stored.agents(trace_id) >= {"planner", "researcher", "booker"}
    roles = {a["name"]: a["role"] for a in stored.get(f"/traces/{trace_id}")["agents"]}
    assert roles["planner"] == "plans the trip"

    assert stored.messages(trace_id) == [
        (None, "planner", "message"),
        ("planner", "researcher", "handoff"),
        ("researcher", "planner", "return"),
        ("planner", "booker", "delegation"),
        ("booker", "planner", "return"),
    ]
    first = stored.message_items(trace_id)[1]
    assert first["content"] == "Find flights FRA to JFK"

    spans = stored.get(f"/traces/{trace_id}/spans")["items"]
    by_name = {s["name"]: s for s in spans}
    assert by_name["tool search_flights"]["agent"] == "researcher"
    assert by_name["tool book_flight"]["agent"] == "booker"
    assert str(by_name["tool book_flight"]["status"]).lower() == "error"
    assert json.loads(by_name["tool search_flights"]["input"]) == {"origin": "FRA", "dest": "JFK"}

    checkpoints = stored.get(f"/traces/{trace_id}/checkpoints")["items"]
    assert [c["step"] for c in checkpoints] == [0, 1, 2]
    assert [c.get("agent") for c in checkpoints] == ["planner", "researcher", "planner"]
    assert checkpoints[1]["parent_id"] == checkpoints[0]["id"]

    stored.check_graph(
        trace_id,
        nodes={"planner", "researcher", "booker"},
        edges={("planner", "researcher"), ("planner", "booker"), ("researcher", "planner")},
    )


def test_runs_inside_a_session_form_one_session(stored: Any) -> None:
    session_id = f"{stored.project}-chat"
    turns = []
    for question in ("Book FRA to JFK", "Make it Saturday"):
        with agenttrace.session(session_id), agenttrace.agent("assistant") as root:
            agenttrace.message(None, "assistant", question)
            turns.append(format(root.get_span_context().trace_id, "032x"))
    with agenttrace.agent("assistant") as root:
        alone = format(root.get_span_context().trace_id, "032x")
    assert agenttrace.flush(timeout=10)

    detail = stored.wait(
        lambda: (d := stored.get(f"/sessions/{session_id}")) and d["trace_count"] == 2 and d,
        what=f"session {session_id} with two runs",
    )
    assert [t["trace_id"] for t in detail["traces"]] == turns
    assert detail["project"] == stored.project
    assert stored.trace(alone)["session_id"] is None
    listed = stored.get("/traces", project=stored.project, session_id=session_id)["items"]
    assert {t["trace_id"] for t in listed} == set(turns)
