"""Fork a hand-written ``@replayable`` workflow, in a fresh process, through a live server."""

from __future__ import annotations

import httpx
import pytest

from .conftest import loads

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]  # fresh processes, a live server

LIVE = {"REPLAY_TEST_LIVE_MARK": " (live)"}


def test_fork_handwritten_workflow(harness):
    source = harness.record("handwritten")
    recorded = harness.states(source)
    assert [(step, name) for step, name, _ in recorded] == [
        (0, "planned"),
        (1, "researched"),
        (2, "written"),
    ]
    assert recorded[2][2]["answer"] == "sums: 4, 9"

    out = harness.agenttrace(
        "replay",
        source,
        "--from",
        "researched",
        "--set",
        "results[1]=42",
        "--app",
        "apps.handwritten:research",
        "--json",
        env=LIVE,
    )
    result = loads(out.stdout)
    assert result["status"] == "succeeded", result
    new = result["new_trace_id"]
    assert (result["served"], result["live"]) == (3, 1), "planner + 2 tool calls recorded"

    forked = harness.states(new)
    assert forked[:1] == recorded[:1], "the steps before the fork match the recording"
    assert forked[1] == (1, "researched", {**recorded[1][2], "results": [4, 42]})
    assert forked[2][2]["answer"] == "sums: 4, 42 (live)", "the change took effect, live after"

    replays = harness.get(f"/traces/{source}/replays")["items"]
    assert [(r["status"], r["new_trace_id"], r["set"], r["step"]) for r in replays] == [
        ("succeeded", new, {"results[1]": 42}, 1),
    ]
    spans = harness.spans(new)
    root = next(s for s in spans if s["parent_span_id"] is None)
    assert {k: v for k, v in root["attributes"].items() if k.startswith("agenttrace.replay")} == {
        "agenttrace.replay.id": replays[0]["id"],
        "agenttrace.replay.source_trace_id": source,
        "agenttrace.replay.checkpoint_id": replays[0]["checkpoint_id"],
    }
    served = [
        (s["attributes"]["agenttrace.replay.call"], s["attributes"]["agenttrace.replay.served"])
        for s in sorted(spans, key=lambda s: s["start_time"])
        if "agenttrace.replay.call" in s["attributes"]
    ]
    assert served == [
        ("planner-llm", "recorded"),
        ("calculator", "recorded"),
        ("calculator", "recorded"),
        ("writer-llm", "live"),
    ]

    compare = harness.get("/compare", a=source, b=new)
    assert compare["state"]["first_divergent_step"] == 1
    assert compare["first_divergence"]["name"] == "llm writer-llm"


def test_bad_requests_and_a_waiting_replay(harness):
    source = harness.record("handwritten")
    api = f"{harness.api_url}/api/v1"
    checkpoints = harness.get(f"/traces/{source}/checkpoints")["items"]

    unknown = harness.run("-m", "agenttrace.replay", source, "nope", check=False)
    assert unknown.returncode == 1 and "checkpoint 'nope' not found" in unknown.stderr
    missing = httpx.post(
        f"{api}/replays",
        json={
            "trace_id": source,
            "checkpoint_id": checkpoints[1]["id"],
            "set": {"results[5]": 1},
        },
    )
    assert missing.status_code == 422 and "results[5]" in missing.json()["detail"]

    queued = httpx.post(
        f"{api}/replays",
        json={
            "trace_id": source,
            "checkpoint_id": checkpoints[1]["id"],
            "set": {"results[0]": 5},
        },
    )
    assert queued.status_code == 202
    replay = queued.json()
    assert replay["status"] == "queued" and "waiting for a worker" in replay["message"]
    assert harness.get(f"/replays/{replay['id']}")["status"] == "queued", "it waits"

    worker = harness.agenttrace(
        "replay",
        "worker",
        "--app",
        "apps.handwritten:research",
        "--max-replays",
        "1",
        "--idle-timeout",
        "30",
    )
    assert f"replay {replay['id']}: succeeded" in worker.stdout
    done = harness.get(f"/replays/{replay['id']}")
    assert done["status"] == "succeeded" and done["worker"]
    assert harness.states(done["new_trace_id"])[2][2]["answer"] == "sums: 5, 9"
