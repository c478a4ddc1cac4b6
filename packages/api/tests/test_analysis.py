"""Graph, messages, failures, on-demand analysis, human annotations and their review."""

from __future__ import annotations

import pytest


@pytest.fixture
async def trace(seed_via_core_tables, make_run, trace_id_of) -> str:
    await seed_via_core_tables(
        [
            make_run(
                trace_id_of(1),
                status="error",
                agents=["planner", "coder", "tester"],
                modes=[("FM-2.3", "rejected"), ("FM-3.2", "confirmed")],
                errors_of=["tester"],
            )
        ]
    )
    return trace_id_of(1)


async def test_messages_in_time_order_and_paginated(api, trace) -> None:
    url = f"/api/v1/traces/{trace}/messages"
    body = (await api.get(url)).json()
    assert [(m["from_agent"], m["to_agent"], m["kind"]) for m in body["items"]] == [
        ("planner", "coder", "handoff"),
        ("coder", "tester", "handoff"),
    ]
    assert body["items"][0]["content"] == "over to coder"
    first = (await api.get(url, params={"limit": 1})).json()
    second = (await api.get(url, params={"limit": 1, "cursor": first["next_cursor"]})).json()
    assert first["items"] + second["items"] == body["items"]
    assert second["next_cursor"] is None


async def test_graph_and_failures_come_from_the_analysis(api, trace) -> None:
    graph = await api.get(f"/api/v1/traces/{trace}/graph")
    assert graph.status_code == 200, graph.text
    nodes = {node["id"] for node in graph.json()["nodes"]}
    assert nodes >= {"planner", "coder", "tester"}
    edges = {(e["source"], e["target"]) for e in graph.json()["edges"]}
    assert ("planner", "coder") in edges
    failures = (await api.get(f"/api/v1/traces/{trace}/failures")).json()
    reviewed = {
        (a["mode"], a["source"], a["status"])
        for a in failures["annotations"]
        if a["status"] != "proposed"
    }
    assert reviewed == {("FM-2.3", "detector", "rejected"), ("FM-3.2", "detector", "confirmed")}
    assert failures["run_trace_ids"] == [trace]
    for path in ("graph", "failures", "messages"):
        assert (await api.get(f"/api/v1/traces/{'c' * 32}/{path}")).status_code == 404


async def test_graph_before_the_analysis_is_the_graph_after_it(api, trace) -> None:
    """Before the analysis is stored, ``/graph`` computes the graph alone; same JSON."""
    before = await api.get(f"/api/v1/traces/{trace}/graph")
    assert before.status_code == 200, before.text
    assert (await api.post(f"/api/v1/traces/{trace}/analyze")).status_code == 200
    after = await api.get(f"/api/v1/traces/{trace}/graph")
    assert after.json() == before.json()
    assert after.json()["trace_id"] == trace
    assert after.json()["run_trace_ids"] == [trace]


async def test_analyze_now_keeps_reviewed_labels(api, trace) -> None:
    response = await api.post(f"/api/v1/traces/{trace}/analyze")
    assert response.status_code == 200, response.text
    statuses = {
        a["mode"]: a["status"]
        for a in response.json()["annotations"]
        if a["source"] == "detector" and a["status"] != "proposed"
    }
    assert statuses == {"FM-2.3": "rejected", "FM-3.2": "confirmed"}
    assert (await api.post(f"/api/v1/traces/{'d' * 32}/analyze")).status_code == 404


async def test_human_annotation_and_review(api, trace) -> None:
    url = f"/api/v1/traces/{trace}/annotations"
    created = await api.post(
        url,
        json={
            "mode": "FM-1.1",
            "agent": "coder",
            "span_id": "00000001000000AB",
            "explanation": "ignored the spec",
        },
    )
    assert created.status_code == 201, created.text
    human = created.json()
    assert {
        k: human[k]
        for k in ("source", "status", "category", "confidence", "span_id", "evidence", "name")
    } == {
        "source": "human",
        "status": "confirmed",
        "category": "specification",
        "confidence": 1.0,
        "span_id": "00000001000000ab",
        "evidence": [{"span_id": "00000001000000ab"}],
        "name": human["name"],
    }
    listed = (await api.get("/api/v1/traces", params={"failure_mode": "FM-1.1"})).json()
    assert [t["trace_id"] for t in listed["items"]] == [trace]
    failures = (await api.get(f"/api/v1/traces/{trace}/failures")).json()["annotations"]
    assert human["id"] in {a["id"] for a in failures}

    # reject a machine annotation: it no longer counts, and keeps its status on re-analysis
    machine = next(a for a in failures if a["mode"] == "FM-3.2")
    patched = await api.patch(
        f"/api/v1/annotations/{machine['id']}", json={"status": "rejected", "explanation": "no"}
    )
    assert patched.status_code == 200, patched.text
    assert (patched.json()["status"], patched.json()["explanation"]) == ("rejected", "no")
    summary = (await api.get(f"/api/v1/traces/{trace}")).json()
    assert "FM-3.2" not in summary["failure_modes"]
    assert "FM-1.1" in summary["failure_modes"]
    again = (await api.post(f"/api/v1/traces/{trace}/analyze")).json()["annotations"]
    assert {a["id"]: a["status"] for a in again}[machine["id"]] == "rejected"
    confirmed = await api.patch(
        f"/api/v1/annotations/{machine['id']}", json={"status": "confirmed"}
    )
    assert confirmed.json()["explanation"] == "no"  # unchanged when not given

    bad_bodies = [
        {"mode": "FM-9.9"},
        {},
        {"mode": "FM-1.1", "span_id": "zz"},
        {"mode": "FM-1.1", "source": "detector"},
        {"mode": "FM-1.1", "explanation": "a\x00"},
    ]
    for body in bad_bodies:
        assert (await api.post(url, json=body)).status_code == 422, body
    missing = await api.post(f"/api/v1/traces/{'e' * 32}/annotations", json={"mode": "FM-1.1"})
    assert missing.status_code == 404
    assert (
        await api.patch("/api/v1/annotations/nope", json={"status": "rejected"})
    ).status_code == 404
    bad = await api.patch(f"/api/v1/annotations/{human['id']}", json={"status": "maybe"})
    assert bad.status_code == 422


async def test_a_verdict_brings_attribution_to_a_run_that_looked_fine(
    api, seed_via_core_tables, make_run, trace_id_of
) -> None:
    await seed_via_core_tables([make_run(trace_id_of(7), agents=["planner", "coder"])])
    trace = trace_id_of(7)
    before = (await api.get(f"/api/v1/traces/{trace}/failures")).json()
    assert before["attribution"] is None
    verdict = await api.put(f"/api/v1/traces/{trace}/verdict", json={"verdict": "failed"})
    assert verdict.status_code == 200, verdict.text
    after = (await api.get(f"/api/v1/traces/{trace}/failures")).json()
    assert after["attribution"] is not None
    assert after["attribution"]["agent"] in {"planner", "coder"}
    detail = (await api.get(f"/api/v1/traces/{trace}")).json()
    assert detail["human_verdict"] == "failed"
