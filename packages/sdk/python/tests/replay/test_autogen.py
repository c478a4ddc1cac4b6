"""Fork an AutoGen AgentChat team from a ``save_state()`` checkpoint, in a fresh process."""

from __future__ import annotations

import pytest

from .conftest import loads

pytest.importorskip("autogen_agentchat", reason="AutoGen is not installed (agenttrace[autogen])")
pytest.importorskip("autogen_ext.models.replay", reason="autogen-ext is not installed")

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(900)]  # fresh processes, a live server

BUFFER = "agent_states.writer.message_buffer[0].content"


def test_fork_autogen_team(harness):
    source = harness.record("autogen_team")
    recorded = harness.wait_checkpoints(source, count=2)
    assert [(c["step"], c["name"], c["framework"]) for c in recorded] == [
        (0, "round 1", "autogen"),
        (1, "round 2", "autogen"),
    ]
    states = harness.states(source)
    assert states[0][2]["agent_states"]["writer"]["message_buffer"][0]["content"] == "needs work"

    out = harness.run(
        "-m",
        "agenttrace.replay",
        source,
        "round 1",
        f"{BUFFER}=cut it to 17 syllables",
        "--app",
        "apps.autogen_team:review",
    )
    result = loads(out.stdout)
    assert result["status"] == "succeeded", result
    forked = harness.states(result["new_trace_id"])
    assert forked[0][2]["agent_states"]["writer"]["message_buffer"][0]["content"] == (
        "cut it to 17 syllables"
    )
    context = forked[1][2]["agent_states"]["writer"]["agent_state"]["llm_context"]["messages"]
    assert {"content": "cut it to 17 syllables", "source": "critic", "type": "UserMessage"} in (
        context
    ), "the writer's model saw the changed message in round 2"
    original = states[1][2]["agent_states"]["writer"]["agent_state"]["llm_context"]["messages"]
    assert [m["content"] for m in original][2] == "needs work"
