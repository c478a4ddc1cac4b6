"""Per-span results on the real captures: types, agents, tokens, links, errors, limits."""

from __future__ import annotations

from agenttrace_core.models import Span
from agenttrace_ingestion.normalizers import normalize_request
from inline_snapshot import snapshot

from .otlp_loader import load


def _spans(capture: str) -> list[Span]:
    return sorted(normalize_request(load(capture)).batch.spans, key=lambda s: s.start_time)


def _typed(capture: str, names: set[str]) -> list[tuple[str, str, str | None]]:
    return [(s.name, s.span_type.value, s.agent) for s in _spans(capture) if s.name in names]


def test_langgraph_types_and_agents() -> None:
    names = {
        "travel_supervisor",
        "booking_agent",
        "call_agent",
        "transfer_to_booking_agent",
        "book_flight",
        "search_flights",
    }
    assert _typed("langgraph/001_ok_supervisor_handoff.pb", names) == snapshot(
        [
            ("travel_supervisor", "chain", None),
            ("call_agent", "chain", "flight_researcher"),
            ("search_flights", "tool", "flight_researcher"),
            ("transfer_to_booking_agent", "handoff", "supervisor"),
            ("booking_agent", "agent", "booking_agent"),
            ("call_agent", "chain", "booking_agent"),
            ("booking_agent", "chain", "booking_agent"),
            ("book_flight", "tool", "booking_agent"),
        ]
    )


def test_langgraph_llm_span_tokens_and_model() -> None:
    llm = next(
        s for s in _spans("langgraph/001_ok_supervisor_handoff.pb") if s.span_type.value == "llm"
    )
    assert (
        llm.agent,
        llm.model,
        llm.input_tokens,
        llm.output_tokens,
        llm.total_tokens,
        llm.framework,
    ) == snapshot(("supervisor", "fake-gpt-4o-mini", 210, 14, 224, "langgraph"))


def test_langgraph_dropped_attributes_are_counted_and_input_rebuilt() -> None:
    spans = _spans("langgraph/002_fail_recursion_loop.pb")
    dropped = [s for s in spans if s.dropped_attributes_count]
    assert sorted({s.dropped_attributes_count for s in dropped}) == snapshot([2, 9])
    assert all(s.input and s.input.startswith("[") for s in dropped if s.span_type.value == "llm")


def test_langgraph_exceptions_are_kept_on_error_and_ok_spans() -> None:
    spans = _spans("langgraph/002_fail_recursion_loop.pb")
    errors = [s for s in spans if s.status.value == "error"]
    assert len(errors) == 6
    book = next(s for s in errors if s.name == "book_flight")
    assert [e.attributes["exception.type"] for e in book.events] == ["ConnectionError"]
    control = [s for s in spans if s.status.value == "ok" and s.events]
    assert {e.attributes["exception.type"] for s in control for e in s.events} == snapshot(
        {"langgraph.errors.ParentCommand"}
    )


def test_autogen_native_links_are_kept() -> None:
    spans = _spans("autogen/001_native_ok_roundrobin.pb")
    linked = [s for s in spans if s.links]
    assert sum(len(s.links) for s in linked) == 37  # every link of the body
    process = next(s for s in linked if s.name.startswith("autogen process"))
    assert process.span_type.value == "message"
    assert len(process.links[0].trace_id) == 32 and len(process.links[0].span_id) == 16
    kept = {(link.trace_id, link.span_id) for s in linked for link in s.links}
    ids = {(s.trace_id, s.span_id) for s in spans}
    assert kept & ids  # the links join the run's fragments that are in this body


def test_autogen_native_agent_spans_and_tool_error() -> None:
    names = {"create_agent planner", "invoke_agent coder", "execute_tool run_tests"}
    assert _typed("autogen/002_native_fail_max_msgs.pb", names)[:4] == snapshot(
        [
            ("create_agent planner", "other", "planner"),
            ("invoke_agent coder", "agent", "coder"),
            ("execute_tool run_tests", "tool", "coder"),
            ("invoke_agent coder", "agent", "coder"),
        ]
    )
    tool = next(
        s
        for s in _spans("autogen/002_native_fail_max_msgs.pb")
        if s.name == "execute_tool run_tests" and s.status.value == "error"
    )
    assert (tool.status_message, [e.name for e in tool.events]) == snapshot(
        (
            "RuntimeError: pytest crashed: ImportError: cannot import name 'parse_iso' from dates",
            ["exception", "exception"],
        )
    )


def test_autogen_openinference_llm_tokens() -> None:
    llm = next(
        s
        for s in _spans("autogen/007_combined_openai_ok_roundrobin.pb")
        if s.span_type.value == "llm"
    )
    assert (
        llm.name,
        llm.agent,
        llm.model,
        llm.input_tokens,
        llm.output_tokens,
        llm.total_tokens,
    ) == snapshot(
        ("OpenAIChatCompletionClient.create", "planner", "gpt-4o-mini-2024-07-18", 38, 25, 63)
    )


def test_crewai_types_agents_and_crew_total_not_counted() -> None:
    spans = _spans("crewai/003_events_ok_delegation.pb")
    kickoff = spans[0]
    assert (kickoff.name, kickoff.span_type.value, kickoff.total_tokens) == (
        "market_brief_crew.kickoff",
        "chain",
        None,
    )
    assert kickoff.attributes["llm.token_count.total"]  # kept raw, not counted
    assert [(s.name[:40], s.span_type.value, s.agent) for s in spans[1:6]] == snapshot(
        [
            ("Market Researcher.Research the EU electr", "agent", "Market Researcher"),
            ("gpt-4o-mini.llm_call", "llm", "Market Researcher"),
            ("search_market_data.run", "tool", "Market Researcher"),
            ("gpt-4o-mini.llm_call", "llm", "Market Researcher"),
            ("Report Writer.Write a two-sentence marke", "agent", "Report Writer"),
        ]
    )


def test_crewai_wrapper_delegated_work_belongs_to_the_coworker() -> None:
    spans = _spans("crewai/001_wrappers_ok_delegation.pb")
    tool = next(s for s in spans if s.name == "Ask question to coworker.run")
    nested = [(s.name, s.agent) for s in spans if s.parent_span_id == tool.span_id]
    assert (tool.agent, nested) == snapshot(
        (
            "Report Writer",
            [
                ("ChatCompletion", "Market Researcher"),
                ("search_market_data.run", "Market Researcher"),
                ("ChatCompletion", "Market Researcher"),
            ],
        )
    )


def test_openai_agents_otel_v2_placeholders_are_ignored() -> None:
    spans = _spans("openai_agents/003_otel_v2_ok_billing_handoff.pb")
    assert [(s.name, s.span_type.value, s.agent) for s in spans][:8] == snapshot(
        [
            ("support-desk", "chain", None),
            ("unknown", "chain", None),
            ("invoke_agent triage_agent", "agent", "triage_agent"),
            ("unknown", "chain", "triage_agent"),
            ("chat gpt-4o-mini", "llm", "triage_agent"),
            ("agent_handoff OpenAI Agent", "handoff", "triage_agent"),
            ("invoke_agent billing_agent", "agent", "billing_agent"),
            ("unknown", "chain", "billing_agent"),
        ]
    )
    result = normalize_request(load("openai_agents/003_otel_v2_ok_billing_handoff.pb"))
    assert {a.role for a in result.batch.agents} == {None}


def test_generic_span_types_tokens_and_errors() -> None:
    spans = _spans("generic/002_fail_tool_loop.pb")
    assert [(s.name, s.span_type.value, s.agent, s.total_tokens, s.status.value) for s in spans][
        :7
    ] == snapshot(
        [
            ("invoke_agent supervisor", "agent", "supervisor", None, "error"),
            ("chat gpt-4o-mini", "llm", "supervisor", 63, "unset"),
            ("invoke_agent researcher", "agent", "researcher", None, "unset"),
            ("chat gpt-4o-mini", "llm", "researcher", 68, "unset"),
            ("execute_tool search_docs", "tool", "researcher", None, "unset"),
            ("chat gpt-4o-mini", "llm", "researcher", 92, "unset"),
            ("execute_tool fetch_url", "tool", "researcher", None, "error"),
        ]
    )
    root = spans[0]
    assert [e.attributes.get("exception.type") for e in root.events] == [
        "__main__.MaxTurnsExceeded"
    ]


def test_json_and_protobuf_bodies_normalize_identically() -> None:
    for pb, js in [
        ("generic/001_ok_handoff.pb", "generic/005_json_ok_handoff.json"),
        ("autogen/001_native_ok_roundrobin.pb", "autogen/009_json_native_ok_roundrobin.json"),
    ]:
        a, b = normalize_request(load(pb)).batch, normalize_request(load(js)).batch
        assert [s.model_dump() for s in a.spans] == [s.model_dump() for s in b.spans]
        assert [m.model_dump() for m in a.messages] == [m.model_dump() for m in b.messages]


def test_project_override_and_resource_project() -> None:
    request = load("generic/001_ok_handoff.pb")
    assert {s.project for s in normalize_request(request).batch.spans} == {"generic-agent-system"}
    result = normalize_request(request, project="team-a")
    assert {s.project for s in result.batch.spans} == {"team-a"}
    assert {a.project for a in result.batch.agents} == {"team-a"}
    assert {m.project for m in result.batch.messages} == {"team-a"}


def test_autogen_native_usage_counts_once() -> None:
    def total(capture: str) -> int:
        return sum(s.total_tokens or 0 for s in _spans(capture))

    # native tracing: the usage inside each agent response (90+25, 260+18, 300+6)
    assert total("autogen/001_native_ok_roundrobin.pb") == 699
    # with OpenInference LLM spans in the trace, only those count
    llm = _spans("autogen/007_combined_openai_ok_roundrobin.pb")
    assert total("autogen/007_combined_openai_ok_roundrobin.pb") == sum(
        s.total_tokens or 0 for s in llm if s.span_type.value == "llm"
    )


def test_langgraph_prebuilt_agents_used_as_tools_are_named_for_their_graphs() -> None:
    """``create_react_agent`` graphs run their turns in nodes called ``agent`` and ``tools``;
    the agent is the graph's name, and a graph run inside a tool is that agent's own run."""
    from pathlib import Path

    from agenttrace_core.enums import SpanType
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
        ExportTraceServiceRequest,
    )

    body = (
        Path(__file__).parents[4]
        / "testdata/runs/langgraph/ok_brewery_batch_agents_as_tools/001.pb"
    ).read_bytes()
    request = ExportTraceServiceRequest()
    request.ParseFromString(body)
    spans = normalize_request(request).batch.spans
    agents = {s.agent for s in spans}
    assert {"production_planner", "recipe_scaler", "stock_keeper"} <= agents
    assert not agents & {"agent", "tools"}
    runs = {s.name: s.agent for s in spans if s.span_type is SpanType.AGENT}
    assert runs == {
        "production_planner": "production_planner",
        "recipe_scaler": "recipe_scaler",
        "stock_keeper": "stock_keeper",
    }
    tools = {s.name: s.agent for s in spans if s.span_type is SpanType.TOOL}
    assert tools["ask_recipe_scaler"] == "production_planner"
    assert tools["scale_recipe"] == "recipe_scaler"
    assert tools["malt_and_hops_stock"] == "stock_keeper"
