"""Agents across traces, projects, and the overview time series."""

from __future__ import annotations

import pytest

BOTH_SPAN_STORES = True
"""Each test also runs with the ClickHouse span store (conftest)."""


@pytest.fixture
async def runs(seed_via_core_tables, make_run, trace_id_of) -> None:
    Run = make_run
    await seed_via_core_tables(
        [
            Run(trace_id_of(1), start_ms=0, duration_ms=100, tokens=10, agents=["planner"]),
            Run(
                trace_id_of(2),
                start_ms=1_000,
                duration_ms=200,
                tokens=20,
                agents=["planner"],
                errors_of=["planner"],
                status="error",
                modes=[("FM-1.1", "proposed")],
            ),
            Run(
                trace_id_of(3),
                start_ms=2_000,
                duration_ms=300,
                tokens=30,
                agents=["planner"],
                modes=[("FM-1.1", "confirmed"), ("FM-2.2", "proposed")],
            ),
            Run(
                trace_id_of(4),
                start_ms=3_000,
                duration_ms=400,
                tokens=40,
                agents=["planner", "coder"],
                modes=[("FM-3.1", "rejected")],
            ),
            Run(
                trace_id_of(5),
                project="lab",
                start_ms=3_600_000 * 2,
                duration_ms=50,
                agents=["coder"],
                status="error",
                errors_of=["coder"],
            ),
        ]
    )


async def test_agent_figures(api, runs) -> None:
    body = (await api.get("/api/v1/agents")).json()
    assert body["next_cursor"] is None
    planner, coder = body["items"]
    assert planner == {
        "name": "planner",
        "runs": 4,
        "error_runs": 1,
        "error_rate": 0.25,
        "latency_p50_ms": 200.0,  # time per run: 100, 200, 300 and 200 (of 2 agents)
        "latency_p95_ms": pytest.approx(285.0),
        "total_tokens": 10 + 20 + 30 + 20,
        "cost_usd": None,
        "unpriced_llm_spans": 0,
        "top_failure_modes": [{"mode": "FM-1.1", "count": 2}, {"mode": "FM-2.2", "count": 1}],
        "last_seen": "2026-11-18T11:06:43.200000Z",
        "projects": ["shop"],
        "frameworks": ["langgraph"],
    }
    assert (coder["name"], coder["runs"], coder["error_runs"]) == ("coder", 2, 1)
    assert coder["projects"] == ["lab", "shop"]
    lab = (await api.get("/api/v1/agents", params={"project": "lab"})).json()["items"]
    assert [(a["name"], a["runs"]) for a in lab] == [("coder", 1)]
    window = {"since": "2026-11-18T11:06:41Z", "until": "2026-11-18T11:06:42Z"}
    early = (await api.get("/api/v1/agents", params=window)).json()["items"]
    assert [(a["name"], a["runs"]) for a in early] == [("planner", 2)]


async def test_one_agent(api, runs, trace_id_of) -> None:
    body = (await api.get("/api/v1/agents/coder")).json()
    assert body["stats"]["runs"] == 2
    assert body["roles"] == ["the coder"]
    assert body["models"] == ["gpt-4o"]
    assert body["recent_trace_ids"] == [trace_id_of(5), trace_id_of(4)]
    assert (await api.get("/api/v1/agents/coder", params={"project": "nope"})).status_code == 404
    assert (await api.get("/api/v1/agents", params={"since": "x"})).status_code == 422


async def test_projects(api, runs) -> None:
    body = (await api.get("/api/v1/projects")).json()
    assert body == {
        "items": [
            {
                "name": "lab",
                "description": None,
                "trace_count": 1,
                "last_trace_time": "2026-11-18T13:06:40Z",
                "cost_usd": None,
                "unpriced_llm_spans": 0,
            },
            {
                "name": "shop",
                "description": None,
                "trace_count": 4,
                "last_trace_time": "2026-11-18T11:06:43Z",
                "cost_usd": None,
                "unpriced_llm_spans": 0,
            },
        ],
        "next_cursor": None,
    }


async def test_overview_buckets(api, runs) -> None:
    params = {"since": "2026-11-18T11:00:00Z", "until": "2026-11-18T13:59:59Z"}
    body = (await api.get("/api/v1/overview", params=params)).json()
    assert body["bucket"] == "hour"
    assert [b["start"] for b in body["buckets"]] == [
        "2026-11-18T11:00:00Z",
        "2026-11-18T12:00:00Z",
        "2026-11-18T13:00:00Z",
    ]
    first, empty, last = body["buckets"]
    assert first == {
        "start": "2026-11-18T11:00:00Z",
        "trace_count": 4,
        "error_count": 1,
        "error_rate": 0.25,
        "total_tokens": 100,
        "cost_usd": None,
        "unpriced_llm_spans": 0,
        "failure_modes": {"FM-1.1": 2, "FM-2.2": 1},
    }
    assert empty["trace_count"] == 0
    assert (last["trace_count"], last["error_rate"]) == (1, 1.0)
    lab = (await api.get("/api/v1/overview", params={**params, "project": "lab"})).json()
    assert [b["trace_count"] for b in lab["buckets"]] == [0, 0, 1]
    day = (await api.get("/api/v1/overview", params={**params, "bucket": "day"})).json()
    assert [b["trace_count"] for b in day["buckets"]] == [5]
    default = (await api.get("/api/v1/overview")).json()
    assert len(default["buckets"]) in (24, 25)
    assert (await api.get("/api/v1/overview", params={"bucket": "week"})).status_code == 422
    inverted = {"since": "2026-11-19T00:00:00Z", "until": "2026-11-18T00:00:00Z"}
    assert (await api.get("/api/v1/overview", params=inverted)).json()["buckets"] == []
    long_ago = {"since": "1900-01-01T00:00:00Z", "until": "2026-11-18T23:00:00Z"}
    capped = (await api.get("/api/v1/overview", params=long_ago)).json()
    assert len(capped["buckets"]) == 5_000
    assert capped["since"] == "2026-04-24T16:00:00Z"
    assert sum(b["trace_count"] for b in capped["buckets"]) == 5
