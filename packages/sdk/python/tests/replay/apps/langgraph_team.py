"""A LangGraph team (planner → researcher → writer), each agent with its own fake chat model.

The graph is compiled with AgentTrace's checkpointer, so every step's state goes with the
trace; ``apps.langgraph_team:graph`` is what a replay runs again.
"""

from __future__ import annotations

from typing import Annotated, Any

from agenttrace.replay.langgraph import AgentTraceCheckpointer
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage
from langgraph.graph import END, START, StateGraph
from langgraph.graph.message import add_messages
from typing_extensions import TypedDict


class TeamState(TypedDict):
    """What the agents share."""

    messages: Annotated[list[AnyMessage], add_messages]
    plan: str
    notes: str
    report: str


planner_model = FakeListChatModel(responses=["look up tide tables"])
researcher_model = FakeListChatModel(responses=["high tide at 06:12"])
writer_model = FakeListChatModel(responses=["Report ready."])


def planner(state: TeamState) -> dict[str, Any]:
    """Decide what to research."""
    reply = planner_model.invoke(state["messages"])
    return {"plan": str(reply.content), "messages": [AIMessage(reply.content, name="planner")]}


def researcher(state: TeamState) -> dict[str, Any]:
    """Research what the plan says."""
    reply = researcher_model.invoke([HumanMessage(state["plan"])])
    notes = f"{state['plan']} -> {reply.content}"
    return {"notes": notes, "messages": [AIMessage(notes, name="researcher")]}


def writer(state: TeamState) -> dict[str, Any]:
    """Write the report from the notes."""
    reply = writer_model.invoke([HumanMessage(state["notes"])])
    report = f"{reply.content} ({state['notes']})"
    return {"report": report, "messages": [AIMessage(report, name="writer")]}


builder = StateGraph(TeamState)
builder.add_node("planner", planner)
builder.add_node("researcher", researcher)
builder.add_node("writer", writer)
builder.add_edge(START, "planner")
builder.add_edge("planner", "researcher")
builder.add_edge("researcher", "writer")
builder.add_edge("writer", END)
graph = builder.compile(checkpointer=AgentTraceCheckpointer())


def main() -> None:
    """The recorded run."""
    graph.invoke(
        {"messages": [HumanMessage("When is high tide?")], "plan": "", "notes": "", "report": ""},
        {"configurable": {"thread_id": "team-1"}},
    )
