"""Frameworks without a module of their own come out right through the generic path.

Each case is a small synthetic trace shaped like the framework's real instrumentation
(scope names, span names and attribute keys as their tracers emit them).
"""

from __future__ import annotations

from pathlib import Path

from agenttrace_ingestion.normalizers import normalize_request
from inline_snapshot import snapshot
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from .builders import agents_of, flow, request, span


def _types(result: object) -> list[tuple[str, str, str | None]]:
    spans = sorted(result.batch.spans, key=lambda s: (s.start_time, s.span_id))  # type: ignore[attr-defined]
    return [(s.name, s.span_type.value, s.agent) for s in spans]


def test_google_adk_transfer_and_agent_tool() -> None:
    op = "gen_ai.operation.name"
    result = normalize_request(
        request(
            span("invocation", 1, end=100),
            span(
                "invoke_agent coordinator",
                2,
                1,
                end=90,
                attrs={
                    op: "invoke_agent",
                    "gen_ai.agent.name": "coordinator",
                    "gen_ai.agent.description": "Routes requests",
                },
            ),
            span(
                "call_llm",
                3,
                2,
                start=1,
                end=5,
                attrs={
                    "gen_ai.system": "gcp.vertex.agent",
                    "gen_ai.request.model": "gemini-2.0-flash",
                    "gen_ai.usage.input_tokens": 40,
                    "gen_ai.usage.output_tokens": 7,
                },
            ),
            span(
                "execute_tool researcher",
                4,
                2,
                start=6,
                end=30,
                attrs={op: "execute_tool", "gen_ai.tool.name": "researcher"},
            ),
            span(
                "invoke_agent researcher",
                5,
                4,
                start=7,
                end=29,
                attrs={op: "invoke_agent", "gen_ai.agent.name": "researcher"},
            ),
            span(
                "execute_tool transfer_to_agent",
                6,
                2,
                start=31,
                end=32,
                attrs={
                    op: "execute_tool",
                    "gen_ai.tool.name": "transfer_to_agent",
                    "gcp.vertex.agent.tool_call_args": '{"agent_name": "billing"}',
                },
            ),
            span(
                "invoke_agent billing",
                7,
                2,
                start=33,
                end=80,
                attrs={op: "invoke_agent", "gen_ai.agent.name": "billing"},
            ),
            scope="gcp.vertex.agent",
        )
    )
    assert agents_of(result) == ["billing", "coordinator", "researcher"]
    assert flow(result) == snapshot(
        [
            ("coordinator", "researcher", "delegation"),
            ("researcher", "coordinator", "return"),
            ("coordinator", "billing", "handoff"),
        ]
    )
    assert _types(result) == snapshot(
        [
            ("invocation", "other", None),
            ("invoke_agent coordinator", "agent", "coordinator"),
            ("call_llm", "llm", "coordinator"),
            ("execute_tool researcher", "tool", "coordinator"),
            ("invoke_agent researcher", "agent", "researcher"),
            ("execute_tool transfer_to_agent", "handoff", "coordinator"),
            ("invoke_agent billing", "agent", "billing"),
        ]
    )


def test_google_adk_llm_and_tool_payloads() -> None:
    result = normalize_request(
        request(
            span(
                "call_llm",
                1,
                attrs={
                    "gen_ai.system": "gcp.vertex.agent",
                    "gen_ai.request.model": "gemini-2.0-flash",
                    "gcp.vertex.agent.llm_request": '{"contents": []}',
                    "gcp.vertex.agent.llm_response": '{"content": "hi"}',
                    "gen_ai.usage.input_tokens": 12,
                },
            ),
            span(
                "execute_tool lookup",
                2,
                attrs={
                    "gen_ai.operation.name": "execute_tool",
                    "gen_ai.tool.name": "lookup",
                    "gcp.vertex.agent.llm_request": "{}",
                    "gcp.vertex.agent.llm_response": "{}",
                    "gcp.vertex.agent.tool_call_args": '{"id": 7}',
                    "gcp.vertex.agent.tool_response": '{"result": "ok"}',
                },
            ),
            scope="gcp.vertex.agent",
        )
    )
    llm, tool = sorted(result.batch.spans, key=lambda s: s.span_id)
    assert (llm.span_type.value, llm.model, llm.input_tokens, llm.total_tokens, llm.output) == (
        "llm",
        "gemini-2.0-flash",
        12,
        12,
        '{"content": "hi"}',
    )
    assert (tool.span_type.value, tool.input, tool.output) == (
        "tool",
        '{"id": 7}',
        '{"result": "ok"}',
    )


def test_strands_agents_as_tools_and_swarm_handoff() -> None:
    op = "gen_ai.operation.name"
    result = normalize_request(
        request(
            span(
                "invoke_agent orchestrator",
                1,
                end=100,
                attrs={
                    op: "invoke_agent",
                    "gen_ai.agent.name": "orchestrator",
                    "gen_ai.request.model": "us.anthropic.claude",
                },
            ),
            span("execute_event_loop_cycle", 2, 1, end=60),
            span(
                "chat",
                3,
                2,
                start=1,
                end=4,
                attrs={
                    op: "chat",
                    "gen_ai.usage.input_tokens": 11,
                    "gen_ai.usage.output_tokens": 5,
                    "gen_ai.usage.total_tokens": 16,
                },
            ),
            span(
                "execute_tool research_assistant",
                4,
                2,
                start=5,
                end=50,
                attrs={op: "execute_tool", "gen_ai.tool.name": "research_assistant"},
            ),
            span(
                "invoke_agent research_assistant",
                5,
                4,
                start=6,
                end=49,
                attrs={op: "invoke_agent", "gen_ai.agent.name": "research_assistant"},
            ),
            span(
                "execute_tool handoff_to_agent",
                6,
                2,
                start=51,
                end=52,
                attrs={
                    op: "execute_tool",
                    "gen_ai.tool.name": "handoff_to_agent",
                    "gen_ai.tool.call.arguments": '{"agent_name": "reviewer", "message": "check"}',
                },
            ),
            span(
                "invoke_agent reviewer",
                7,
                start=61,
                end=90,
                attrs={op: "invoke_agent", "gen_ai.agent.name": "reviewer"},
            ),
            scope="strands.telemetry.tracer",
        )
    )
    assert flow(result) == snapshot(
        [
            ("orchestrator", "research_assistant", "delegation"),
            ("research_assistant", "orchestrator", "return"),
            ("orchestrator", "reviewer", "handoff"),
        ]
    )
    chat = next(s for s in result.batch.spans if s.name == "chat")
    assert (chat.span_type.value, chat.agent, chat.total_tokens) == ("llm", "orchestrator", 16)


def test_pydantic_ai_agent_run_delegating_through_a_tool() -> None:
    result = normalize_request(
        request(
            span(
                "agent run",
                1,
                end=100,
                attrs={"agent_name": "support_agent", "model_name": "gpt-4o"},
            ),
            span(
                "chat gpt-4o",
                2,
                1,
                start=1,
                end=5,
                attrs={
                    "gen_ai.operation.name": "chat",
                    "gen_ai.request.model": "gpt-4o",
                    "gen_ai.usage.input_tokens": 20,
                    "gen_ai.usage.output_tokens": 4,
                },
            ),
            span(
                "running tool",
                3,
                1,
                start=6,
                end=60,
                attrs={"gen_ai.tool.name": "ask_expert", "tool_arguments": '{"q": "why"}'},
            ),
            span(
                "invoke_agent expert_agent",
                4,
                3,
                start=7,
                end=59,
                attrs={
                    "gen_ai.operation.name": "invoke_agent",
                    "gen_ai.agent.name": "expert_agent",
                },
            ),
            scope="pydantic-ai",
        )
    )
    assert flow(result) == snapshot(
        [
            ("support_agent", "expert_agent", "delegation"),
            ("expert_agent", "support_agent", "return"),
        ]
    )
    assert _types(result) == snapshot(
        [
            ("agent run", "agent", "support_agent"),
            ("chat gpt-4o", "llm", "support_agent"),
            ("running tool", "tool", "support_agent"),
            ("invoke_agent expert_agent", "agent", "expert_agent"),
        ]
    )


def test_smolagents_managed_agent_nested_in_a_step() -> None:
    kind = "openinference.span.kind"
    result = normalize_request(
        request(
            span(
                "CodeAgent.run",
                1,
                end=100,
                attrs={
                    kind: "AGENT",
                    "input.value": '{"task": "t"}',
                    "smolagents.managed_agents.0.name": "web_search",
                    "llm.token_count.total": 39,
                },
            ),
            span("Step 1", 2, 1, end=90, attrs={kind: "CHAIN"}),
            span(
                "OpenAIServerModel.generate",
                3,
                2,
                start=1,
                end=4,
                attrs={
                    kind: "LLM",
                    "llm.model_name": "gpt-4o",
                    "llm.token_count.prompt": 30,
                    "llm.token_count.completion": 9,
                    "llm.token_count.total": 39,
                },
            ),
            span(
                "web_search", 4, 2, start=5, end=80, attrs={kind: "TOOL", "tool.name": "web_search"}
            ),
            span("ToolCallingAgent.run", 5, 4, start=6, end=79, attrs={kind: "AGENT"}),
            scope="openinference.instrumentation.smolagents",
        )
    )
    assert agents_of(result) == ["CodeAgent", "ToolCallingAgent"]
    totals = {s.name: s.total_tokens for s in result.batch.spans}
    # the agent run repeats its LLM calls' usage: only the LLM span counts
    assert (totals["CodeAgent.run"], totals["OpenAIServerModel.generate"]) == (None, 39)
    assert flow(result) == snapshot(
        [
            ("CodeAgent", "ToolCallingAgent", "delegation"),
            ("ToolCallingAgent", "CodeAgent", "return"),
        ]
    )


def test_openinference_graph_node_agents_and_llamaindex_handoff_tool() -> None:
    kind = "openinference.span.kind"
    result = normalize_request(
        request(
            span("AgentWorkflow.run", 1, end=100, attrs={kind: "CHAIN"}),
            span(
                "ResearchAgent.take_step",
                2,
                1,
                start=1,
                end=40,
                attrs={kind: "AGENT", "graph.node.id": "ResearchAgent"},
            ),
            span(
                "handoff",
                3,
                2,
                start=30,
                end=31,
                attrs={
                    kind: "TOOL",
                    "tool.name": "handoff",
                    "input.value": '{"to_agent": "WriteAgent", "reason": "done"}',
                },
            ),
            span(
                "WriteAgent.take_step",
                4,
                1,
                start=41,
                end=90,
                attrs={
                    kind: "AGENT",
                    "graph.node.id": "WriteAgent",
                    "graph.node.parent_id": "ResearchAgent",
                },
            ),
            scope="openinference.instrumentation.llama_index",
        )
    )
    assert agents_of(result) == ["ResearchAgent", "WriteAgent"]
    assert flow(result) == [("ResearchAgent", "WriteAgent", "handoff")]


def test_agno_team_leader_delegates_to_member() -> None:
    kind = "openinference.span.kind"
    result = normalize_request(
        request(
            span(
                "Research Team.run",
                1,
                end=100,
                attrs={kind: "AGENT", "agent.name": "Research Team"},
            ),
            span(
                "delegate_task_to_member",
                2,
                1,
                start=5,
                end=60,
                attrs={kind: "TOOL", "tool.name": "delegate_task_to_member"},
            ),
            span(
                "Web Searcher.run",
                3,
                2,
                start=6,
                end=59,
                attrs={kind: "AGENT", "agent.name": "Web Searcher"},
            ),
            scope="openinference.instrumentation.agno",
        )
    )
    assert flow(result) == [
        ("Research Team", "Web Searcher", "delegation"),
        ("Web Searcher", "Research Team", "return"),
    ]


def test_semantic_kernel_and_traceloop_agents() -> None:
    result = normalize_request(
        request(
            span(
                "invoke_agent TriageAgent",
                1,
                end=50,
                attrs={
                    "gen_ai.operation.name": "invoke_agent",
                    "gen_ai.agent.name": "TriageAgent",
                    "gen_ai.agent.id": "a1",
                },
            ),
            span(
                "invoke_agent RefundAgent",
                2,
                1,
                start=10,
                end=40,
                attrs={"gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "RefundAgent"},
            ),
            span(
                "planner.agent",
                3,
                start=60,
                end=90,
                attrs={
                    "traceloop.span.kind": "agent",
                    "traceloop.entity.name": "planner",
                    "traceloop.entity.input": "plan this",
                },
            ),
            scope="semantic_kernel.agents",
        )
    )
    assert agents_of(result) == ["RefundAgent", "TriageAgent", "planner"]
    planner = next(s for s in result.batch.spans if s.name == "planner.agent")
    assert (planner.span_type.value, planner.agent, planner.input) == (
        "agent",
        "planner",
        "plan this",
    )
    assert flow(result) == [
        ("TriageAgent", "RefundAgent", "delegation"),
        ("RefundAgent", "TriageAgent", "return"),
    ]


def test_children_before_parents_keep_their_own_agent() -> None:
    child_first = normalize_request(
        request(
            span(
                "execute_tool search",
                2,
                1,
                attrs={"gen_ai.operation.name": "execute_tool", "gen_ai.agent.name": "researcher"},
            ),
            span("chat", 3, 1, attrs={"gen_ai.operation.name": "chat"}),
        )
    )
    assert _types(child_first) == snapshot(
        [("execute_tool search", "tool", "researcher"), ("chat", "llm", None)]
    )
    parent_later = normalize_request(
        request(
            span(
                "invoke_agent researcher",
                1,
                attrs={"gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "researcher"},
            )
        )
    )
    assert agents_of(parent_later) == ["researcher"]


def test_plain_spans_are_other_without_agents() -> None:
    result = normalize_request(request(span("GET /health", 1), span("db.query", 2, 1)))
    assert _types(result) == [("GET /health", "other", None), ("db.query", "other", None)]
    assert result.batch.agents == [] and result.batch.messages == []


def test_real_pydantic_ai_run_with_an_agent_as_tool() -> None:
    """A body recorded from pydantic-ai 2.68 (``data/make_pydantic_ai.py``)."""
    body = (Path(__file__).parent / "data" / "pydantic_ai_agent_as_tool.pb").read_bytes()
    result = normalize_request(ExportTraceServiceRequest.FromString(body))
    assert agents_of(result) == ["joke_factory", "joke_selector"]
    messages = sorted(result.batch.messages, key=lambda m: m.seq)
    assert [(m.from_agent, m.to_agent, m.kind.value, m.content) for m in messages] == snapshot(
        [
            ("joke_selector", "joke_factory", "delegation", '{"count":0}'),
            ("joke_factory", "joke_selector", "return", "a joke"),
        ]
    )
    assert _types(result) == snapshot(
        [
            ("invoke_agent joke_selector", "agent", "joke_selector"),
            ("chat test", "llm", "joke_selector"),
            ("execute_tool make_jokes", "tool", "joke_selector"),
            ("invoke_agent joke_factory", "agent", "joke_factory"),
            ("chat test", "llm", "joke_factory"),
            ("chat test", "llm", "joke_selector"),
        ]
    )


def test_real_smolagents_run_with_a_managed_agent() -> None:
    """A body recorded from smolagents 1.26 + OpenInference (``data/make_smolagents.py``)."""
    body = (Path(__file__).parent / "data" / "smolagents_managed_agent.pb").read_bytes()
    result = normalize_request(ExportTraceServiceRequest.FromString(body))
    assert agents_of(result) == ["manager", "web_agent"]
    assert flow(result) == [
        ("manager", "web_agent", "delegation"),
        ("web_agent", "manager", "return"),
    ]
    assert _types(result) == snapshot(
        [
            ("manager.run", "agent", "manager"),
            ("Step 1", "chain", "manager"),
            ("web_agent.run", "agent", "web_agent"),
            ("Step 1", "chain", "web_agent"),
            ("FinalAnswerTool", "tool", "web_agent"),
            ("Step 2", "chain", "manager"),
            ("FinalAnswerTool", "tool", "manager"),
        ]
    )


def test_real_google_adk_run_with_agent_tool_and_transfer() -> None:
    """A body recorded from google-adk 2.13 (``data/make_google_adk.py``); content capture off."""
    body = (Path(__file__).parent / "data" / "google_adk_transfer_and_agent_tool.pb").read_bytes()
    result = normalize_request(ExportTraceServiceRequest.FromString(body))
    agents = sorted((a.name, a.role, a.framework) for a in result.batch.agents)
    assert agents == snapshot(
        [
            ("billing", "Handles refunds", "google_adk"),
            ("coordinator", "Routes requests", "google_adk"),
            ("researcher", "Finds facts", "google_adk"),
        ]
    )
    # transfer_to_agent carries no arguments here: the next agent that runs is the target
    assert flow(result) == snapshot(
        [
            ("coordinator", "researcher", "delegation"),
            ("researcher", "coordinator", "return"),
            ("coordinator", "billing", "handoff"),
        ]
    )
    assert _types(result) == snapshot(
        [
            ("invoke_workflow coordinator", "chain", None),
            ("invoke_agent coordinator", "agent", "coordinator"),
            ("generate_content fake", "llm", "coordinator"),
            ("execute_tool researcher", "tool", "coordinator"),
            ("invoke_workflow researcher", "chain", "coordinator"),
            ("invoke_agent researcher", "agent", "researcher"),
            ("generate_content fake", "llm", "researcher"),
            ("generate_content fake", "llm", "coordinator"),
            ("execute_tool transfer_to_agent", "handoff", "coordinator"),
            ("invoke_agent billing", "agent", "billing"),
            ("generate_content fake", "llm", "billing"),
        ]
    )


def test_real_strands_run_with_an_agent_as_tool() -> None:
    """A body recorded from strands-agents (``data/make_strands.py``): content in span events."""
    body = (Path(__file__).parent / "data" / "strands_agent_as_tool.pb").read_bytes()
    result = normalize_request(ExportTraceServiceRequest.FromString(body))
    messages = sorted(result.batch.messages, key=lambda m: m.seq)
    assert [(m.from_agent, m.to_agent, m.kind.value, m.content) for m in messages] == snapshot(
        [
            ("orchestrator", "research_assistant", "delegation", "facts?"),
            ("research_assistant", "orchestrator", "return", "Facts: 42\n"),
        ]
    )
    totals = [(s.name, s.total_tokens) for s in result.batch.spans if s.total_tokens]
    assert totals == [("chat", 16)] * 3  # the agent spans' aggregates are not counted again


def test_real_strands_swarm_handoff() -> None:
    """A strands Swarm (``data/make_strands.py``): the handoff tool's arguments are in events."""
    body = (Path(__file__).parent / "data" / "strands_swarm_handoff.pb").read_bytes()
    result = normalize_request(ExportTraceServiceRequest.FromString(body))
    assert agents_of(result) == ["billing", "triage"]
    messages = sorted(result.batch.messages, key=lambda m: m.seq)
    assert [(m.from_agent, m.to_agent, m.kind.value, m.content) for m in messages] == [
        ("triage", "billing", "handoff", "refund needed")
    ]


def test_real_agno_team_delegation() -> None:
    """A body recorded from agno + OpenInference (``data/make_agno.py``)."""
    body = (Path(__file__).parent / "data" / "agno_team_delegation.pb").read_bytes()
    result = normalize_request(ExportTraceServiceRequest.FromString(body))
    assert agents_of(result) == ["Research Team", "Web Searcher"]
    messages = sorted(result.batch.messages, key=lambda m: m.seq)
    assert [(m.from_agent, m.to_agent, m.kind.value, m.content) for m in messages] == [
        ("Research Team", "Web Searcher", "delegation", "find EV share"),
        ("Web Searcher", "Research Team", "return", "EV share is 21%"),
    ]


def test_hashed_graph_node_ids_resolve_to_agent_names() -> None:
    kind = "openinference.span.kind"
    result = normalize_request(
        request(
            span("Workflow.run", 1, end=100, attrs={kind: "CHAIN"}),
            span(
                "Planner.run",
                2,
                1,
                start=1,
                end=40,
                attrs={kind: "AGENT", "agent.name": "Planner", "graph.node.id": "a1b2c3"},
            ),
            span(
                "Writer.run",
                3,
                1,
                start=41,
                end=90,
                attrs={
                    kind: "AGENT",
                    "graph.node.name": "Writer",
                    "graph.node.id": "d4e5f6",
                    "graph.node.parent_id": "a1b2c3",
                },
            ),
        )
    )
    assert agents_of(result) == ["Planner", "Writer"]
    assert flow(result) == [("Planner", "Writer", "message")]


def test_real_llama_index_agent_workflow_handoff() -> None:
    """A body recorded from LlamaIndex + OpenInference (``data/make_llama_index.py``)."""
    body = (Path(__file__).parent / "data" / "llama_index_agent_workflow_handoff.pb").read_bytes()
    result = normalize_request(ExportTraceServiceRequest.FromString(body))
    assert agents_of(result) == ["ResearchAgent", "WriteAgent"]
    messages = sorted(result.batch.messages, key=lambda m: m.seq)
    assert [(m.from_agent, m.to_agent, m.kind.value, m.content) for m in messages] == [
        ("ResearchAgent", "WriteAgent", "handoff", "write it up")
    ]
    llm_agents = [s.agent for s in result.batch.spans if s.name == "OpenAI.achat"]
    assert llm_agents == ["ResearchAgent", "ResearchAgent", "WriteAgent"]
