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
                modes=[("FM-2.3", "proposed"), ("FM-3.2", "proposed")],
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


async def test_graph_and_failures_shapes(api, trace) -> None:
    graph = await api.get(f"/api/v1/traces/{trace}/graph")
    assert graph.status_code == 200, graph.text
    assert set(graph.json()) >= {"nodes", "edges"}
    failures = (await api.get(f"/api/v1/traces/{trace}/failures")).json()
    assert [(a["mode"], a["source"], a["status"]) for a in failures["annotations"]] == [
        ("FM-2.3", "detector", "proposed"),
        ("FM-3.2", "detector", "proposed"),
    ]
    assert "attribution" in failures
    for path in ("graph", "failures", "messages"):
        assert (await api.get(f"/api/v1/traces/{'c' * 32}/{path}")).status_code == 404


async def test_analyze_now_returns_failures(api, trace) -> None:
    response = await api.post(f"/api/v1/traces/{trace}/analyze")
    assert response.status_code == 200, response.text
    assert set(response.json()) == {"annotations", "attribution"}
    assert (await api.post(f"/api/v1/traces/{'d' * 32}/analyze")).status_code == 404


async def test_human_annotation_and_review(api, trace) -> None:
    url = f"/api/v1/traces/{trace}/annotations"
    created = await api.post(
        url,
        json={
            "mode": "FM-1.1",
            "agent": "coder",
            "span_id": "0000000100000002",
            "explanation": "ignored the spec",
        },
    )
    assert created.status_code == 201, created.text
    human = created.json()
    assert human["source"] == "human"
    assert human["status"] == "confirmed"
    assert human["category"] == "specification"
    assert human["confidence"] == 1.0
    assert human["evidence"] == [{"span_id": "0000000100000002"}]
    listed = (await api.get("/api/v1/traces", params={"failure_mode": "FM-1.1"})).json()
    assert [t["trace_id"] for t in listed["items"]] == [trace]

    # reject a machine annotation: it no longer counts, and keeps its new status
    failures = (await api.get(f"/api/v1/traces/{trace}/failures")).json()["annotations"]
    assert failures[0]["id"] == human["id"]  # human labels first
    machine = next(a for a in failures if a["mode"] == "FM-3.2")
    patched = await api.patch(
        f"/api/v1/annotations/{machine['id']}", json={"status": "rejected", "explanation": "no"}
    )
    assert patched.status_code == 200, patched.text
    assert (patched.json()["status"], patched.json()["explanation"]) == ("rejected", "no")
    summary = (await api.get(f"/api/v1/traces/{trace}")).json()
    assert summary["failure_modes"] == ["FM-1.1", "FM-2.3"]
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
    assert (
        await api.post(f"/api/v1/traces/{'e' * 32}/annotations", json={"mode": "FM-1.1"})
    ).status_code == 404
    assert (
        await api.patch("/api/v1/annotations/nope", json={"status": "rejected"})
    ).status_code == 404
    assert (
        await api.patch(f"/api/v1/annotations/{human['id']}", json={"status": "maybe"})
    ).status_code == 422
