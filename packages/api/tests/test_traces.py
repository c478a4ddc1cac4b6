"""The trace list: every filter, every sort, keyset pagination; trace detail and verdicts."""

from __future__ import annotations

import pytest
from agenttrace_core.enums import SpanStatus
from agenttrace_core.models import Agent, NormalizedBatch, Span

BOTH_SPAN_STORES = True
"""Each test also runs with the ClickHouse span store (conftest)."""


@pytest.fixture
async def runs(seed_via_core_tables, make_run, trace_id_of):
    Run = make_run
    runs = [
        Run(
            trace_id_of(1),
            name="book a flight",
            cost=0.02,
            start_ms=0,
            duration_ms=300,
            tokens=50,
            agents=["planner", "booker"],
            input="Find flights to Lisbon",
        ),
        Run(
            trace_id_of(2),
            name="refund",
            cost=0.5,
            unpriced=1,
            status="error",
            start_ms=1_000,
            duration_ms=100,
            tokens=500,
            agents=["planner", "refunder"],
            modes=[("FM-2.3", "proposed")],
            errors_of=["refunder"],
            output="Refund FAILED",
        ),
        Run(
            trace_id_of(3),
            name="chat",
            unpriced=2,
            project="lab",
            framework="autogen",
            start_ms=2_000,
            duration_ms=900,
            tokens=20,
            agents=["writer"],
            modes=[("FM-1.3", "rejected")],
            span_text="the secret_word is here",
        ),
        Run(
            trace_id_of(4),
            name="refund again",
            cost=0.5,
            status="error",
            start_ms=3_000,
            duration_ms=100,
            tokens=500,
            agents=["refunder"],
            modes=[("FM-2.3", "confirmed"), ("FM-3.1", "proposed")],
            errors_of=["refunder"],
        ),
        Run(
            trace_id_of(5),
            name="100% done_ok",
            start_ms=4_000,
            duration_ms=50,
            tokens=0,
            agents=["planner"],
        ),
    ]
    await seed_via_core_tables(runs)
    return runs


async def ids(api, **params) -> list[str]:
    response = await api.get("/api/v1/traces", params=params)
    assert response.status_code == 200, response.text
    return [item["trace_id"][-1] for item in response.json()["items"]]


async def test_list_newest_first_with_whole_summaries(api, runs, trace_id_of) -> None:
    response = await api.get("/api/v1/traces")
    assert response.status_code == 200
    body = response.json()
    assert body["next_cursor"] is None
    assert [i["trace_id"] for i in body["items"]] == [trace_id_of(n) for n in (5, 4, 3, 2, 1)]
    assert body["items"][3] == {
        "trace_id": trace_id_of(2),
        "name": "refund",
        "project": "shop",
        "status": "error",
        "framework": "langgraph",
        "start_time": "2026-11-18T11:06:41Z",
        "end_time": "2026-11-18T11:06:41.100000Z",
        "duration_ms": 100.0,
        "span_count": 3,
        "agent_count": 2,
        "agents": ["planner", "refunder"],
        "total_tokens": 500,
        "cost_usd": 0.5,
        "unpriced_llm_spans": 1,
        "failure_modes": ["FM-2.3"],
        "error_count": 1,
        "human_verdict": None,
        "analysis_state": "pending",
    }


FILTERS = [
    ({"project": "lab"}, ["3"]),
    ({"project": "nope"}, []),
    ({"status": "error"}, ["4", "2"]),
    ({"agent": "planner"}, ["5", "2", "1"]),
    ({"agent": "refunder", "status": "error"}, ["4", "2"]),
    ({"framework": "autogen"}, ["3"]),
    ({"failure_mode": "FM-2.3"}, ["4", "2"]),
    ({"failure_mode": "FM-1.3"}, []),  # rejected annotations do not count
    ({"q": "lisbon"}, ["1"]),  # input, case-insensitive
    ({"q": "failed"}, ["2"]),  # output
    ({"q": "REFUND"}, ["4", "2"]),  # name
    ({"q": "secret_word"}, ["3"]),  # a span's input
    ({"q": "100%"}, ["5"]),  # LIKE wildcards are literal
    ({"q": "_"}, ["5", "3"]),
    ({"since": "2026-11-18T11:06:42Z"}, ["5", "4", "3"]),
    ({"until": "2026-11-18T11:06:42Z"}, ["3", "2", "1"]),
    ({"since": "2026-11-18T12:06:41+01:00", "until": "2026-11-18T11:06:43"}, ["4", "3", "2"]),
]
FILTERS.append(({"since": "2026-11-19T00:00:00Z", "until": "2026-11-18T00:00:00Z"}, []))
FILTERS += [  # a cost bound leaves out the runs without a known cost (3: unknown, 5: no LLM)
    ({"min_cost": 0.1}, ["4", "2"]),
    ({"max_cost": 0.1}, ["1"]),
    ({"min_cost": 0}, ["4", "2", "1"]),
    ({"min_cost": 0.02, "max_cost": 0.02}, ["1"]),
]
SORTS = [
    ({"sort": "start_time", "order": "asc"}, ["1", "2", "3", "4", "5"]),
    ({"sort": "duration"}, ["3", "1", "4", "2", "5"]),
    ({"sort": "duration", "order": "asc"}, ["5", "2", "4", "1", "3"]),
    ({"sort": "tokens"}, ["4", "2", "1", "3", "5"]),
    ({"sort": "tokens", "order": "asc"}, ["5", "3", "1", "2", "4"]),
    ({"sort": "cost"}, ["4", "2", "1", "5", "3"]),  # unknown costs last
    ({"sort": "cost", "order": "asc"}, ["3", "5", "1", "2", "4"]),
]


async def test_filters(api, runs) -> None:
    for params, expected in FILTERS:
        assert (await ids(api, **params), params) == (expected, params)


async def test_sorts_break_ties_by_trace_id(api, runs) -> None:
    for params, expected in SORTS:
        assert (await ids(api, **params), params) == (expected, params)


async def test_pages_cover_everything_once(api, runs) -> None:
    for sort in ("start_time", "duration", "tokens", "cost"):
        for order in ("asc", "desc"):
            whole = await ids(api, sort=sort, order=order)
            seen: list[str] = []
            cursor = None
            while True:
                params = {"sort": sort, "order": order, "limit": 2}
                if cursor:
                    params["cursor"] = cursor
                body = (await api.get("/api/v1/traces", params=params)).json()
                seen += [item["trace_id"][-1] for item in body["items"]]
                cursor = body["next_cursor"]
                if cursor is None:
                    break
            assert (seen, sort, order) == (whole, sort, order)


async def test_pagination_is_stable_while_new_traces_arrive(
    api, runs, seed_via_core_tables, make_run, trace_id_of
) -> None:
    first = (await api.get("/api/v1/traces", params={"limit": 2})).json()
    assert [i["trace_id"][-1] for i in first["items"]] == ["5", "4"]
    # runs arrive: a newer one, and two with the start time of the last one seen, whose
    # trace ids sort before (7) and after (0) it
    await seed_via_core_tables(
        [
            make_run(trace_id_of(6), start_ms=9_000),
            make_run(trace_id_of(7), start_ms=3_000),
            make_run(trace_id_of(0), start_ms=3_000),
        ]
    )
    second = (
        await api.get("/api/v1/traces", params={"limit": 2, "cursor": first["next_cursor"]})
    ).json()
    assert [i["trace_id"][-1] for i in second["items"]] == ["0", "3"]
    third = (
        await api.get("/api/v1/traces", params={"limit": 5, "cursor": second["next_cursor"]})
    ).json()
    assert [i["trace_id"][-1] for i in third["items"]] == ["2", "1"]
    assert third["next_cursor"] is None


BAD = [
    {"cursor": "not-a-cursor"},
    {"cursor": "WyJ0cmFjZXM6dG9rZW5zOmRlc2MiLDEsImEiXQ"},  # another sort's cursor
    {"limit": 0},
    {"limit": 501},
    {"sort": "name"},
    {"order": "up"},
    {"status": "broken"},
    {"since": "yesterday"},
    {"q": "a\x00b"},
    {"min_cost": -1},
    {"max_cost": "inf"},
    {"min_cost": "nan"},
    {"min_cost": "cheap"},
    {"sort": "cost", "cursor": "WyJ0cmFjZXM6Y29zdDpkZXNjIiwiYSIsImEiXQ"},  # a text cost
]


async def test_bad_parameters_are_422(api, runs) -> None:
    for params in BAD:
        response = await api.get("/api/v1/traces", params=params)
        assert (response.status_code, params) == (422, params), response.text
        assert "detail" in response.json()


async def test_extreme_times_are_not_errors(api, runs) -> None:
    for params in ({"since": "0001-01-01T00:00:00Z"}, {"until": "9999-12-31T23:59:59Z"}):
        response = await api.get("/api/v1/traces", params=params)
        assert response.status_code == 200, response.text
        assert len(response.json()["items"]) == 5


async def test_detail_has_agents_in_full(api, runs, trace_id_of) -> None:
    response = await api.get(f"/api/v1/traces/{trace_id_of(1).upper()}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["trace_id"] == trace_id_of(1)
    assert body["agents"] == [
        {
            "name": "planner",
            "role": "the planner",
            "framework": "langgraph",
            "model": "gpt-4o",
            "cost_usd": 0.01,
            "unpriced_llm_spans": 0,
        },
        {
            "name": "booker",
            "role": "the booker",
            "framework": "langgraph",
            "model": "gpt-4o",
            "cost_usd": 0.01,
            "unpriced_llm_spans": 0,
        },
    ]
    assert (body["cost_usd"], body["unpriced_llm_spans"]) == (0.02, 0)
    assert body["input_preview"] == "Find flights to Lisbon"
    assert body["root_span_id"] == "0000000100000000"


async def test_a_run_only_the_span_store_has_is_listed_and_shown(api, span_store) -> None:
    """A run whose spans reach the store alone (ClickHouse: no relational row) is a run."""
    trace_id, t0 = "ab" * 16, 1_795_000_000_000_000_000
    root = Span(trace_id=trace_id, span_id="1" * 16, project="lab", name="solo", start_time=t0,
                end_time=t0 + 5_000_000, status=SpanStatus.OK, input="only here")  # fmt: skip
    step = Span(trace_id=trace_id, span_id="2" * 16, parent_span_id="1" * 16, project="lab",
                name="step", agent="loner", start_time=t0 + 1, end_time=t0 + 2)  # fmt: skip
    agent = Agent(trace_id=trace_id, name="loner", project="lab", role="alone", first_seen=t0 + 1)
    await span_store.append(NormalizedBatch(spans=[root, step], agents=[agent]))
    listed = (await api.get("/api/v1/traces", params={"q": "only here"})).json()["items"]
    assert [(i["trace_id"], i["name"], i["agents"], i["span_count"]) for i in listed] == [
        (trace_id, "solo", ["loner"], 2)
    ]
    detail = (await api.get(f"/api/v1/traces/{trace_id}")).json()
    assert (detail["project"], detail["status"], detail["root_span_id"]) == ("lab", "ok", "1" * 16)
    assert [a["role"] for a in detail["agents"]] == ["alone"]
    tree = (await api.get(f"/api/v1/traces/{trace_id}/spans", params={"view": "tree"})).json()
    assert [n["name"] for n in tree["items"]] == ["solo", "step"]


@pytest.mark.parametrize(
    ("path", "status"), [("/api/v1/traces/" + "f" * 32, 404), ("/api/v1/traces/xyz", 422)]
)
async def test_unknown_or_malformed_trace(api, runs, path, status) -> None:
    response = await api.get(path)
    assert response.status_code == status
    assert "detail" in response.json()


async def test_verdict_is_stored_cleared_and_shown(api, runs, trace_id_of) -> None:
    url = f"/api/v1/traces/{trace_id_of(1)}/verdict"
    response = await api.put(url, json={"verdict": "failed"})
    assert response.status_code == 200, response.text
    assert response.json() == {"trace_id": trace_id_of(1), "human_verdict": "failed"}
    listed = (await api.get("/api/v1/traces", params={"q": "lisbon"})).json()["items"]
    assert listed[0]["human_verdict"] == "failed"
    assert (await api.put(url, json={"verdict": None})).json()["human_verdict"] is None
    detail = (await api.get(f"/api/v1/traces/{trace_id_of(1)}")).json()
    assert detail["human_verdict"] is None
    assert (await api.put(url, json={"verdict": "meh"})).status_code == 422
    assert (await api.put(url, json={})).status_code == 422
    unknown = await api.put(f"/api/v1/traces/{'e' * 32}/verdict", json={"verdict": "good"})
    assert unknown.status_code == 404
