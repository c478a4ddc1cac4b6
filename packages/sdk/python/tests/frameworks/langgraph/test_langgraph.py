"""LangGraph: a supervisor and two agents on a fake chat model, traced with two lines."""

from __future__ import annotations

import os
from typing import Any, Literal

import pytest

if os.environ.get("AGENTTRACE_REQUIRE_FRAMEWORK") != "langgraph":
    for module in ("langgraph", "openinference.instrumentation.langchain"):
        pytest.importorskip(
            module, reason=f"{module} is not installed: the extra agenttrace[langgraph] is not"
        )

import agenttrace
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage
from langchain_core.tools import tool
from langgraph.graph import END, START, MessagesState, StateGraph
from opentelemetry import trace

pytestmark = pytest.mark.e2e


def fake_model(*replies: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(content=r) for r in replies]))


@tool
def search_papers(query: str) -> str:
    """Search the paper index."""
    return f"3 papers on {query}: Chen 2024, Patel 2025, Okafor 2025"


class State(MessagesState):
    next: str


def build_graph() -> Any:
    supervisor_llm = fake_model("researcher", "writer", "FINISH")
    researcher_llm = fake_model("Found 3 papers; Patel 2025 measures a 12% gain.")
    writer_llm = fake_model("Summary: retrieval helps by 12% (Patel 2025).")

    def supervisor(state: State) -> dict[str, Any]:
        decision = str(supervisor_llm.invoke(state["messages"]).content)
        return {
            "next": decision,
            "messages": [AIMessage(content=f"Next: {decision}", name="supervisor")],
        }

    def researcher(state: State) -> dict[str, Any]:
        found = search_papers.invoke({"query": "retrieval augmentation"})
        reply = researcher_llm.invoke([*state["messages"], HumanMessage(content=found)])
        return {"messages": [AIMessage(content=str(reply.content), name="researcher")]}

    def writer(state: State) -> dict[str, list[AnyMessage]]:
        reply = writer_llm.invoke(state["messages"])
        return {"messages": [AIMessage(content=str(reply.content), name="writer")]}

    def route(state: State) -> Literal["researcher", "writer", "__end__"]:
        return END if state["next"] == "FINISH" else state["next"]  # type: ignore[return-value]

    graph = StateGraph(State)
    graph.add_node("supervisor", supervisor)
    graph.add_node("researcher", researcher)
    graph.add_node("writer", writer)
    graph.add_edge(START, "supervisor")
    graph.add_conditional_edges("supervisor", route)
    graph.add_edge("researcher", "supervisor")
    graph.add_edge("writer", "supervisor")
    return graph.compile(name="research_team")


def test_langgraph_run_has_its_agents_messages_and_graph(stored: Any) -> None:
    assert "langgraph" in agenttrace.instrument()
    app = build_graph()
    with trace.get_tracer("test").start_as_current_span("research request") as root:
        result = app.invoke(
            {"messages": [HumanMessage(content="Does retrieval help small models?")]},
            {"configurable": {"thread_id": "t-1"}},
        )
    assert result["messages"][-2].content.startswith("Summary:")
    assert agenttrace.flush(timeout=15)
    trace_id = format(root.get_span_context().trace_id, "032x")

    stored.trace(trace_id, min_spans=10)
    agents = stored.wait(
        lambda: (a := stored.agents(trace_id)) >= {"supervisor", "researcher", "writer"} and a,
        what="the three agents",
    )
    assert agents == {"supervisor", "researcher", "writer"}

    spans = stored.get(f"/traces/{trace_id}/spans")["items"]
    tool_span = next(s for s in spans if s["name"] == "search_papers")
    assert tool_span["agent"] == "researcher"
    llm_agents = {s["agent"] for s in spans if s["span_type"] == "llm"}
    assert llm_agents == {"supervisor", "researcher", "writer"}

    assert stored.messages(trace_id) == [
        ("supervisor", "researcher", "handoff"),
        ("researcher", "supervisor", "return"),
        ("supervisor", "writer", "handoff"),
        ("writer", "supervisor", "return"),
    ]
    expected = {
        ("supervisor", "researcher"),
        ("researcher", "supervisor"),
        ("supervisor", "writer"),
        ("writer", "supervisor"),
    }

    stored.check_graph(
        trace_id, nodes={"supervisor", "researcher", "writer"}, edges=expected, exact=True
    )
