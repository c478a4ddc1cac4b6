"""Fork a real LangGraph graph (fake chat models) in a fresh process, through a live server."""

from __future__ import annotations

import pytest

from .conftest import loads

pytest.importorskip("langgraph", reason="LangGraph is not installed (scripts/test-frameworks.sh)")


pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]  # fresh processes, a live server


def test_fork_langgraph_team(harness):
    source = harness.record("langgraph_team")
    recorded = harness.wait_checkpoints(source, count=5)
    assert [(c["step"], c["name"], c["agent"]) for c in recorded] == [
        (0, "input", None),
        (1, "__start__", "__start__"),
        (2, "planner", "planner"),
        (3, "researcher", "researcher"),
        (4, "writer", "writer"),
    ]
    assert {c["framework"] for c in recorded} == {"langgraph"}
    assert {c["thread_id"] for c in recorded} == {"team-1"}
    states = harness.states(source)
    assert states[2][2]["plan"] == "look up tide tables"
    assert states[4][2]["report"] == ("Report ready. (look up tide tables -> high tide at 06:12)")

    out = harness.run(
        "-m",
        "agenttrace.replay",
        source,
        "planner",
        "plan=look up moon phases",
        "--app",
        "apps.langgraph_team:graph",
    )
    result = loads(out.stdout)
    assert result["status"] == "succeeded", result
    new = result["new_trace_id"]
    forked = harness.wait_checkpoints(new, count=5)
    assert [(c["step"], c["name"]) for c in forked] == [(c["step"], c["name"]) for c in recorded]
    forked_states = harness.states(new)
    assert forked_states[:2] == states[:2], "the steps before the fork are the recording"
    assert forked_states[2][2] == {**states[2][2], "plan": "look up moon phases"}
    assert forked_states[3][2]["notes"] == "look up moon phases -> high tide at 06:12"
    assert forked_states[4][2]["report"].endswith("(look up moon phases -> high tide at 06:12)")

    replay = harness.get(f"/traces/{source}/replays")["items"][0]
    assert (replay["status"], replay["new_trace_id"], replay["step"]) == ("succeeded", new, 2)
    root = next(s for s in harness.spans(new) if s["parent_span_id"] is None)
    assert root["attributes"]["agenttrace.replay.source_trace_id"] == source
    assert root["attributes"]["agenttrace.replay.checkpoint_id"] == replay["checkpoint_id"]

    strict = harness.run(
        "-m",
        "agenttrace.replay",
        source,
        "planner",
        "plan=x",
        "--recorded-only",
        "--app",
        "apps.langgraph_team:graph",
        check=False,
    )
    failed = loads(strict.stdout)
    assert strict.returncode == 1 and failed["status"] == "failed"
    assert "recorded_only" in failed["error"] and "chat model" in failed["error"]
