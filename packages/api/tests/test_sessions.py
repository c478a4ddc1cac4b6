"""Sessions: runs sharing a session or thread id, listed and read back through the API.

Runs are made with the real OpenTelemetry SDK (one key per run: ``session.id``,
``gen_ai.conversation.id``, a LangGraph ``thread_id``, LangSmith's metadata) and sent as real
OTLP protobuf, the real LangGraph capture carries OpenInference's ``session.id`` (its
``thread_id``), and exact figures (paging, failures, cost) are seeded into the core tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from agenttrace_core.db import schema as s
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import Status, StatusCode
from sqlalchemy import insert

from .test_ingested import CAPTURES, LANGGRAPH_TRACE

PROTOBUF = {"content-type": "application/x-protobuf"}
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

KEYS = {
    "session.id": "chat-openinference",
    "gen_ai.conversation.id": "conv-genai",
    "thread_id": "thread-langgraph",
    "langsmith.metadata.thread_id": "thread-langsmith",
}


def _turn(tracer: Any, key: str, value: str, n: int, *, fail: bool = False) -> str:
    """One run (a turn of a conversation): the session key on the root span only."""
    with tracer.start_as_current_span(
        f"turn {n}",
        attributes={key: value, "input.value": f"question {n}", "output.value": f"answer {n}"},
    ) as root:
        with tracer.start_as_current_span(
            "assistant step", attributes={"agenttrace.agent.name": "assistant"}
        ) as step:
            if fail:
                step.set_status(Status(StatusCode.ERROR, "the tool broke"))
        return format(root.get_span_context().trace_id, "032x")


@pytest.fixture
def otel() -> Iterator[tuple[Any, InMemorySpanExporter]]:
    """A tracer of the real OpenTelemetry SDK whose finished spans are kept in memory."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider(resource=Resource.create({"service.name": "chat-app"}))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    yield provider.get_tracer("sessions-tests"), exporter
    provider.shutdown()


async def _send(api: httpx.AsyncClient, spans: tuple[ReadableSpan, ...]) -> None:
    """POST spans as OTLP protobuf, encoded by the OTLP exporters' own encoder."""
    body = encode_spans(spans).SerializeToString()
    response = await api.post("/v1/traces", content=body, headers=PROTOBUF)
    assert response.status_code == 200, response.text


async def test_each_key_forms_a_session(api, otel) -> None:
    tracer, exporter = otel
    runs: dict[str, list[str]] = {}
    for key, value in KEYS.items():
        runs[value] = [_turn(tracer, key, value, n, fail=(n == 1)) for n in range(2)]
    alone = _turn(tracer, "user.id", "u-1", 9)  # no session key: no session
    await _send(api, exporter.get_finished_spans())

    listed = (await api.get("/api/v1/sessions")).json()
    assert listed["next_cursor"] is None
    assert sorted(item["session_id"] for item in listed["items"]) == sorted(KEYS.values())
    for item in listed["items"]:
        assert item == {
            "session_id": item["session_id"],
            "project": "chat-app",
            "status": "error",
            "trace_count": 2,
            "error_count": 1,
            "start_time": item["start_time"],
            "last_activity": item["last_activity"],
            "duration_ms": item["duration_ms"],
            "total_tokens": 0,
            "cost_usd": None,
            "unpriced_llm_spans": 0,
            "agents": ["assistant"],
            "failure_modes": [],
            "first_input": "question 0",
            "last_output": "answer 1",
        }
    activity = [item["last_activity"] for item in listed["items"]]
    assert activity == sorted(activity, reverse=True)

    for session_id, trace_ids in runs.items():
        detail = (await api.get(f"/api/v1/sessions/{session_id}")).json()
        assert [t["trace_id"] for t in detail["traces"]] == trace_ids
        assert [t["status"] for t in detail["traces"]] == ["ok", "error"]
        assert [t["input_preview"] for t in detail["traces"]] == ["question 0", "question 1"]
        assert detail["next_cursor"] is None
        filtered = (await api.get("/api/v1/traces", params={"session_id": session_id})).json()
        assert {t["trace_id"] for t in filtered["items"]} == set(trace_ids)
        trace = (await api.get(f"/api/v1/traces/{trace_ids[0]}")).json()
        assert trace["session_id"] == session_id
    assert (await api.get(f"/api/v1/traces/{alone}")).json()["session_id"] is None


async def test_langgraph_thread_id_is_the_session(api) -> None:
    """OpenInference's LangChain instrumentor sets ``session.id`` from LangGraph's thread_id."""
    body = (CAPTURES / "langgraph/001_ok_supervisor_handoff.pb").read_bytes()
    assert (await api.post("/v1/traces", content=body, headers=PROTOBUF)).status_code == 200
    detail = (await api.get("/api/v1/sessions/thread-ok-1")).json()
    assert [t["trace_id"] for t in detail["traces"]] == [LANGGRAPH_TRACE]
    assert detail["traces"][0]["name"] == "travel_supervisor"
    assert "FRA->SFO" in detail["first_input"]


async def test_sdk_session_argument(api) -> None:
    """``agenttrace.session(...)`` puts ``session.id`` on every span started in it."""
    import agenttrace
    from agenttrace._internal.processor import AgentTraceProcessor

    exporter = InMemorySpanExporter()
    provider = TracerProvider(resource=Resource.create({"service.name": "sdk-chat"}))
    provider.add_span_processor(AgentTraceProcessor(SimpleSpanProcessor(exporter), project=None))
    tracer = provider.get_tracer("sdk-session")
    with (
        agenttrace.session("sdk-chat-7"),
        tracer.start_as_current_span("turn"),
        tracer.start_as_current_span("inner"),
    ):
        pass
    with tracer.start_as_current_span("after"):
        pass
    spans = exporter.get_finished_spans()
    assert [(sp.name, (sp.attributes or {}).get("session.id")) for sp in spans] == [
        ("inner", "sdk-chat-7"),
        ("turn", "sdk-chat-7"),
        ("after", None),
    ]
    await _send(api, spans)
    detail = (await api.get("/api/v1/sessions/sdk-chat-7")).json()
    assert detail["project"] == "sdk-chat" and detail["trace_count"] == 1
    provider.shutdown()


async def test_paging_filters_failures_and_cost(api, seed_via_core_tables, make_run, engine):
    Run = make_run
    runs = []
    for n in range(7):  # sessions s0..s6, s6 most recent; two runs each
        for turn in range(2):
            runs.append(
                Run(
                    trace_id=f"{n:02x}{turn:02x}" + "0" * 28,
                    session_id=f"s{n}",
                    start_ms=n * 1000 + turn * 100,
                    duration_ms=50,
                    status="error" if (n == 3 and turn == 1) else "ok",
                    agents=["planner", "coder"] if n == 3 else ["planner"],
                    modes=[("FM-2.3", "proposed"), ("FM-1.1", "rejected")]
                    if (n == 3 and turn == 1)
                    else [],
                    cost=0.5 if n != 4 or turn == 0 else None,
                    unpriced=0 if n != 4 or turn == 0 else 1,
                    tokens=10,
                    input=f"s{n} question {turn}",
                )
            )
    runs.append(Run(trace_id="ff" * 16, session_id="s0", project="lab", start_ms=20_000))
    runs.append(Run(trace_id="ee" * 16, session_id=None, start_ms=30_000))
    await seed_via_core_tables(runs)
    failed = "0301" + "0" * 28
    async with engine.begin() as conn:
        await conn.execute(
            insert(s.analysis_results),
            [
                {
                    "trace_id": failed,
                    "version": 1,
                    "graph": {},
                    "facts": {},
                    "attribution": {"agent": "coder", "span_id": "0000000800000002", "step": 2,
                                    "confidence": 0.8, "reasons": ["r"], "ranking": []},
                    "run_trace_ids": [failed],
                    "computed_at": NOW,
                }
            ],
        )  # fmt: skip

    seen, cursor, pages = [], None, 0
    while True:
        params: dict[str, Any] = {"limit": 3, "project": "shop"}
        if cursor:
            params["cursor"] = cursor
        page = (await api.get("/api/v1/sessions", params=params)).json()
        seen += [item["session_id"] for item in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert (seen, pages) == ([f"s{n}" for n in range(6, -1, -1)], 3)

    async def ids(**params: Any) -> list[str]:
        response = await api.get("/api/v1/sessions", params=params)
        assert response.status_code == 200, response.text
        return [(item["project"], item["session_id"]) for item in response.json()["items"]]

    assert await ids(status="error") == [("shop", "s3")]
    assert len(await ids(status="ok")) == 7  # six of shop's and lab's s0
    assert await ids(agent="coder") == [("shop", "s3")]
    assert await ids(q="S5") == [("shop", "s5")]
    assert await ids(project="lab") == [("lab", "s0")]
    window = {"since": "2026-11-18T11:06:45Z", "until": "2026-11-18T11:06:46.5Z"}
    assert await ids(project="shop", **window) == [("shop", "s6"), ("shop", "s5")]
    assert (await api.get("/api/v1/sessions", params={"cursor": "bad!"})).status_code == 422

    by_id = {
        i["session_id"]: i for i in (await api.get("/api/v1/sessions?project=shop")).json()["items"]
    }
    assert by_id["s3"]["failure_modes"] == ["FM-2.3"]
    assert by_id["s3"]["agents"] == ["planner", "coder"]
    assert by_id["s2"]["cost_usd"] == 1.0 and by_id["s2"]["unpriced_llm_spans"] == 0
    # one run of s4 has an LLM call without a price: the known part, and how much is left out
    assert by_id["s4"]["cost_usd"] == 0.5 and by_id["s4"]["unpriced_llm_spans"] == 1
    assert by_id["s2"]["total_tokens"] == 20

    # s0 is in two projects: the detail needs the project
    assert (await api.get("/api/v1/sessions/s0")).status_code == 409
    lab = (await api.get("/api/v1/sessions/s0", params={"project": "lab"})).json()
    assert [t["trace_id"] for t in lab["traces"]] == ["ff" * 16]
    assert (await api.get("/api/v1/sessions/nope")).status_code == 404

    detail = (await api.get("/api/v1/sessions/s3")).json()
    first, second = detail["traces"]
    assert (first["failures"], first["culprit"]) == ([], None)
    assert second["failures"] == [
        {
            "mode": "FM-2.3",
            "category": "specification",
            "agent": "planner",
            "span_id": None,
            "confidence": 0.7,
            "source": "detector",
            "status": "proposed",
            "explanation": None,
        }
    ]
    assert second["culprit"] == {
        "agent": "coder",
        "span_id": "0000000800000002",
        "step": 2,
        "confidence": 0.8,
    }
    assert second["failure_modes"] == ["FM-2.3"] and second["cost_usd"] == 0.5

    paged = (await api.get("/api/v1/sessions/s3", params={"limit": 1})).json()
    assert [t["trace_id"] for t in paged["traces"]] == [first["trace_id"]]
    rest = await api.get("/api/v1/sessions/s3", params={"limit": 1, "cursor": paged["next_cursor"]})
    assert [t["trace_id"] for t in rest.json()["traces"]] == [second["trace_id"]]
    assert rest.json()["next_cursor"] is None


@pytest.mark.e2e
def test_real_exporter_into_a_live_server(live_server, otel) -> None:
    """The real OTLP/HTTP exporter into ``agenttrace serve``, on both databases."""
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

    provider = TracerProvider(resource=Resource.create({"service.name": "live-chat"}))
    provider.add_span_processor(
        SimpleSpanProcessor(OTLPSpanExporter(endpoint=f"{live_server.otlp_url}/v1/traces"))
    )
    tracer = provider.get_tracer("sessions-live")
    made = {value: [_turn(tracer, key, value, n) for n in range(2)] for key, value in KEYS.items()}
    provider.shutdown()
    base = f"{live_server.api_url}/api/v1"
    listed = httpx.get(f"{base}/sessions", params={"project": "live-chat"}).json()["items"]
    assert sorted(i["session_id"] for i in listed) == sorted(KEYS.values())
    for session_id, trace_ids in made.items():
        detail = httpx.get(f"{base}/sessions/{session_id}").json()
        assert [t["trace_id"] for t in detail["traces"]] == trace_ids
