"""AutoGen AgentChat: a round-robin team of three on AutoGen's replay (fake) model client."""

from __future__ import annotations

import asyncio
import os
from typing import Any

import pytest

if os.environ.get("AGENTTRACE_REQUIRE_FRAMEWORK") != "autogen":
    for module in (
        "autogen_agentchat",
        "autogen_ext.models.replay",
        "openinference.instrumentation.autogen_agentchat",
    ):
        pytest.importorskip(
            module, reason=f"{module} is not installed: the extra agenttrace[autogen] is not"
        )

import agenttrace
from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.conditions import MaxMessageTermination, TextMentionTermination
from autogen_agentchat.teams import RoundRobinGroupChat
from autogen_core import FunctionCall
from autogen_core.models import CreateResult, ModelInfo, RequestUsage
from autogen_ext.models.replay import ReplayChatCompletionClient
from opentelemetry import trace

pytestmark = pytest.mark.e2e


def run_tests(module: str) -> str:
    """Run the unit tests of a module."""
    return f"{module}: 14 passed, 0 failed"


def usage() -> RequestUsage:
    return RequestUsage(prompt_tokens=120, completion_tokens=30)


def build_team() -> RoundRobinGroupChat:
    planner = AssistantAgent(
        "planner",
        description="splits the feature into steps",
        model_client=ReplayChatCompletionClient(
            ["Plan: 1) add parse_date() 2) test it. coder, please implement."]
        ),
    )
    coder = AssistantAgent(
        "coder",
        description="writes the code and runs the tests",
        tools=[run_tests],
        model_client=ReplayChatCompletionClient(
            [
                CreateResult(
                    finish_reason="function_calls",
                    content=[
                        FunctionCall(id="call-1", name="run_tests", arguments='{"module": "dates"}')
                    ],
                    usage=usage(),
                    cached=False,
                ),
            ],
            model_info=ModelInfo(
                vision=False,
                function_calling=True,
                json_output=False,
                family="unknown",
                structured_output=False,
            ),
        ),
    )
    reviewer = AssistantAgent(
        "reviewer",
        description="reviews the change",
        model_client=ReplayChatCompletionClient(["Tests pass and the code is clean. APPROVE"]),
    )
    stop = TextMentionTermination("APPROVE") | MaxMessageTermination(8)
    return RoundRobinGroupChat([planner, coder, reviewer], termination_condition=stop)


def test_autogen_team_has_its_agents_messages_and_graph(stored: Any) -> None:
    assert "autogen" in agenttrace.instrument()
    team = build_team()

    async def run() -> tuple[str, Any]:
        with trace.get_tracer("test").start_as_current_span("feature request") as root:
            result = await team.run(task="Add a parse_date() helper with tests")
        return format(root.get_span_context().trace_id, "032x"), result

    trace_id, result = asyncio.run(run())
    assert "APPROVE" in str(result.messages[-1].content)
    assert agenttrace.flush(timeout=15)

    stored.trace(trace_id, min_spans=5)
    agents = stored.wait(
        lambda: (a := stored.agents(trace_id)) >= {"planner", "coder", "reviewer"} and a,
        what="the three agents",
    )
    assert agents == {"planner", "coder", "reviewer"}

    spans = stored.get(f"/traces/{trace_id}/spans")["items"]
    assert {s["agent"] for s in spans if s["name"].endswith(".on_messages_stream")} == agents
    assert {s["agent"] for s in spans if s["span_type"] == "tool"} == {"coder"}

    # the turns of the round robin: each agent's reply goes to the next speaker
    hops = [(a, b) for a, b, kind in stored.messages(trace_id) if kind != "broadcast"]
    assert hops == [("planner", "coder"), ("coder", "reviewer")]
    last = stored.message_items(trace_id)[-1]
    assert (last["from_agent"], last["kind"]) == ("reviewer", "broadcast")
    assert "APPROVE" in last["content"]

    stored.check_graph(
        trace_id,
        nodes={"planner", "coder", "reviewer"},
        edges={("planner", "coder"), ("coder", "reviewer")},
    )
