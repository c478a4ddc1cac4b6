"""The API over data ingested through the real receiver: real captures and the OTel SDK."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

BOTH_SPAN_STORES = True
"""Each test also runs with the ClickHouse span store (conftest)."""

CAPTURES = Path(__file__).resolve().parents[3] / "testdata" / "otlp"
BODIES = [
    "langgraph/001_ok_supervisor_handoff.pb",
    "openai_agents/002_openinference_fail_handoff_loop.pb",
    "generic/002_fail_tool_loop.pb",
    "crewai/001_wrappers_ok_delegation.pb",
]
LANGGRAPH_TRACE = "352f12a7c945cc3dcdb1bf69d63fc03d"
GENERIC_FAIL_TRACE = "a422da9f0182a323b8f5d19f1592ba5d"


@pytest.fixture
async def ingested(api, copy_spans_to_store) -> None:
    for body in BODIES:
        response = await api.post(
            "/v1/traces",
            content=(CAPTURES / body).read_bytes(),
            headers={"content-type": "application/x-protobuf"},
        )
        assert response.status_code == 200, response.text
    await copy_spans_to_store()


async def test_captures_are_listed_and_filtered(api, ingested) -> None:
    items = (await api.get("/api/v1/traces")).json()["items"]
    frameworks = {item["framework"] for item in items}
    assert {"langgraph", "openai_agents", "crewai"} <= frameworks
    by_id = {item["trace_id"]: item for item in items}
    assert by_id[GENERIC_FAIL_TRACE]["status"] == "error"
    assert by_id[GENERIC_FAIL_TRACE]["project"] == "generic-agent-system"
    assert "supervisor" in by_id[GENERIC_FAIL_TRACE]["agents"]
    assert by_id[LANGGRAPH_TRACE]["span_count"] == 63

    async def ids(**params: str) -> set[str]:
        response = await api.get("/api/v1/traces", params=params)
        assert response.status_code == 200, response.text
        return {item["trace_id"] for item in response.json()["items"]}

    assert await ids(framework="langgraph") == {LANGGRAPH_TRACE}
    assert GENERIC_FAIL_TRACE in await ids(status="error")
    assert LANGGRAPH_TRACE not in await ids(status="error")
    assert await ids(agent="supervisor") >= {GENERIC_FAIL_TRACE}
    assert await ids(q="FRA->SFO") == {LANGGRAPH_TRACE}
    assert await ids(project="generic-agent-system") == {GENERIC_FAIL_TRACE}


async def test_trace_detail_tree_span_and_messages(api, ingested) -> None:
    detail = (await api.get(f"/api/v1/traces/{LANGGRAPH_TRACE}")).json()
    assert detail["name"] == "travel_supervisor"
    assert detail["agents"] and all(
        set(a) == {"name", "role", "framework", "model", "cost_usd", "unpriced_llm_spans"}
        for a in detail["agents"]
    )
    tree = (
        await api.get(f"/api/v1/traces/{LANGGRAPH_TRACE}/spans", params={"view": "tree"})
    ).json()
    assert len(tree["items"]) == 63
    ids = {node["span_id"] for node in tree["items"]}
    roots = [node for node in tree["items"] if node["parent_span_id"] not in ids]
    assert [node["name"] for node in roots] == ["travel_supervisor"]
    root = await api.get(f"/api/v1/traces/{LANGGRAPH_TRACE}/spans/{roots[0]['span_id']}")
    assert "FRA->SFO" in root.json()["input"]
    messages = (await api.get(f"/api/v1/traces/{GENERIC_FAIL_TRACE}/messages")).json()["items"]
    times = [m["timestamp"] for m in messages]
    assert times == sorted(times)
    for path in ("graph", "failures"):
        assert (await api.get(f"/api/v1/traces/{GENERIC_FAIL_TRACE}/{path}")).status_code == 200


async def test_agents_projects_overview(api, ingested) -> None:
    agents = (await api.get("/api/v1/agents")).json()["items"]
    supervisor = next(a for a in agents if a["name"] == "supervisor")
    assert supervisor["runs"] >= 1
    assert supervisor["error_runs"] >= 1
    assert supervisor["latency_p50_ms"] > 0
    one = await api.get("/api/v1/agents/supervisor", params={"project": "generic-agent-system"})
    assert one.status_code == 200, one.text
    assert one.json()["stats"]["runs"] == 1
    assert one.json()["recent_trace_ids"] == [GENERIC_FAIL_TRACE]
    assert (await api.get("/api/v1/agents/nobody")).status_code == 404
    projects = {p["name"]: p for p in (await api.get("/api/v1/projects")).json()["items"]}
    assert projects["generic-agent-system"]["trace_count"] == 1
    graph = await api.get("/api/v1/projects/generic-agent-system/graph")
    assert graph.status_code == 200
    assert (await api.get("/api/v1/projects/nope/graph")).status_code == 404
    overview = (
        await api.get(
            "/api/v1/overview",
            params={
                "since": "2026-11-24T00:00:00Z",
                "until": "2026-11-24T23:59:59Z",
                "bucket": "day",
            },
        )
    ).json()
    assert len(overview["buckets"]) == 1
    assert overview["buckets"][0]["trace_count"] == len(
        (await api.get("/api/v1/traces")).json()["items"]
    )
    assert overview["buckets"][0]["error_count"] >= 2


@pytest.mark.e2e
def test_otel_sdk_export_to_live_server_is_queryable(server_factory, tmp_path) -> None:
    """Spans from the real OpenTelemetry SDK and exporter, read back over HTTP.

    One database only (the embedded default): starting ``agenttrace serve`` is the slow part,
    and the queries themselves run on both databases in the in-process tests above.
    """
    live_server = server_factory(f"sqlite:///{tmp_path / 'e2e.db'}", timeout=180)
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.trace import Status, StatusCode

    provider = TracerProvider(resource=Resource.create({"service.name": "sdk-e2e"}))
    provider.add_span_processor(
        SimpleSpanProcessor(OTLPSpanExporter(endpoint=f"{live_server.otlp_url}/v1/traces"))
    )
    tracer = provider.get_tracer("api-tests")
    with tracer.start_as_current_span(
        "team run", attributes={"agenttrace.agent.name": "lead"}
    ) as root:
        with tracer.start_as_current_span(
            "ask researcher",
            attributes={
                "agenttrace.agent.name": "lead",
                "agenttrace.message.from": "lead",
                "agenttrace.message.to": "researcher",
                "agenttrace.message.kind": "delegation",
                "agenttrace.message.content": "find the zebra facts",
            },
        ):
            pass
        with tracer.start_as_current_span(
            "research", attributes={"agenttrace.agent.name": "researcher"}
        ) as span:
            span.set_status(Status(StatusCode.ERROR, "no zebras"))
        trace_id = format(root.get_span_context().trace_id, "032x")
    provider.shutdown()

    base = f"{live_server.api_url}/api/v1"
    listed = httpx.get(f"{base}/traces", params={"project": "sdk-e2e"}).json()["items"]
    assert [item["trace_id"] for item in listed] == [trace_id]
    assert listed[0]["status"] == "error"
    assert set(listed[0]["agents"]) == {"lead", "researcher"}
    assert (
        httpx.get(f"{base}/traces", params={"q": "ASK RESEARCH"}).json()["items"][0]["trace_id"]
        == trace_id
    )
    messages = httpx.get(f"{base}/traces/{trace_id}/messages").json()["items"]
    assert [(m["from_agent"], m["to_agent"], m["kind"]) for m in messages] == [
        ("lead", "researcher", "delegation")
    ]
    tree = httpx.get(f"{base}/traces/{trace_id}/spans", params={"view": "tree"}).json()["items"]
    assert [node["name"] for node in tree] == ["team run", "ask researcher", "research"]
    assert httpx.get(f"{live_server.api_url}/traces/{trace_id}").status_code == 200  # UI deep link
    assert httpx.get(f"{base}/nothing-here").status_code == 404
