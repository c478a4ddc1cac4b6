"""Spans of a trace: full and tree views, pagination, one span, and their errors."""

from __future__ import annotations

import pytest

BOTH_SPAN_STORES = True
"""Each test also runs with the ClickHouse span store (conftest)."""


@pytest.fixture
async def trace(seed_via_core_tables, make_run, trace_id_of) -> str:
    agents = [f"agent{n}" for n in range(7)]
    await seed_via_core_tables(
        [make_run(trace_id_of(1), agents=agents, duration_ms=700, input="hi", span_text="work")]
    )
    return trace_id_of(1)


async def test_full_view_has_payloads(api, trace) -> None:
    response = await api.get(f"/api/v1/traces/{trace}/spans")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next_cursor"] is None
    assert len(body["items"]) == 8
    assert body["items"][1] == {
        "span_id": "0000000100000001",
        "parent_span_id": "0000000100000000",
        "name": "agent0 step",
        "span_type": "agent",
        "agent": "agent0",
        "start_time": "2026-11-18T11:06:40Z",
        "end_time": "2026-11-18T11:06:40.100000Z",
        "duration_ms": 100.0,
        "status": "ok",
        "status_message": None,
        "kind": "internal",
        "input": "work",
        "output": None,
        "model": "gpt-4o",
        "tokens": {"input": None, "output": None, "total": 0},
        "cost_usd": None,  # not an LLM span
        "attributes": {"step": 1},
        "events": [],
        "links": [],
    }


async def test_tree_view_is_structure_only_and_paginates(api, trace) -> None:
    url = f"/api/v1/traces/{trace}/spans"
    whole = (await api.get(url, params={"view": "tree"})).json()["items"]
    assert set(whole[0]) == {
        "span_id",
        "parent_span_id",
        "name",
        "span_type",
        "agent",
        "start_time",
        "end_time",
        "duration_ms",
        "status",
    }
    assert whole[0]["parent_span_id"] is None
    seen, cursor = [], None
    while True:
        params = {"view": "tree", "limit": 3, **({"cursor": cursor} if cursor else {})}
        body = (await api.get(url, params=params)).json()
        seen += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == whole
    # a cursor of the full view works in the tree view (same order), but not for another trace
    first = (await api.get(url, params={"limit": 2})).json()
    rest = (await api.get(url, params={"view": "tree", "cursor": first["next_cursor"]})).json()
    assert rest["items"] == whole[2:]
    other = await api.get(f"/api/v1/traces/{'a' * 32}/spans", params={"cursor": cursor or "x"})
    assert other.status_code in (404, 422)


async def test_one_span(api, trace) -> None:
    response = await api.get(f"/api/v1/traces/{trace}/spans/0000000100000003")
    assert response.status_code == 200, response.text
    assert response.json()["name"] == "agent2 step"
    missing = await api.get(f"/api/v1/traces/{trace}/spans/00000001000000ff")
    assert missing.status_code == 404
    assert missing.json() == {"detail": f"span 00000001000000ff not found in trace {trace}"}


async def test_errors(api, trace) -> None:
    url = f"/api/v1/traces/{trace}/spans"
    for params in ({"view": "flat"}, {"limit": 0}, {"limit": 2001}, {"cursor": "%%%"}):
        assert (await api.get(url, params=params)).status_code == 422, params
    assert (await api.get(url, params={"view": "tree", "limit": 50_000})).status_code == 200
    assert (await api.get(f"/api/v1/traces/{'b' * 32}/spans")).status_code == 404
    assert (await api.get(f"{url}/not-a-span")).status_code == 422
