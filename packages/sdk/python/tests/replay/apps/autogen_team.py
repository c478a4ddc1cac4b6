"""An AutoGen AgentChat pair (writer, critic) on AutoGen's replay model client, two rounds."""

from __future__ import annotations

import agenttrace
from agenttrace.replay.autogen import checkpoint_team
from autogen_agentchat.agents import AssistantAgent
from autogen_agentchat.conditions import MaxMessageTermination
from autogen_agentchat.teams import RoundRobinGroupChat
from autogen_ext.models.replay import ReplayChatCompletionClient


def build_team() -> RoundRobinGroupChat:
    """A writer and a critic taking turns, three messages a round."""
    writer = AssistantAgent(
        "writer",
        model_client=ReplayChatCompletionClient(["draft one", "draft two", "draft three"]),
    )
    critic = AssistantAgent(
        "critic", model_client=ReplayChatCompletionClient(["needs work", "better"])
    )
    return RoundRobinGroupChat([writer, critic], termination_condition=MaxMessageTermination(3))


@agenttrace.replayable
async def review(task: str) -> list[str]:
    """Two rounds with a checkpoint after each."""
    team = build_team()
    await team.run(task=task)
    await checkpoint_team(team, "round 1")
    result = await team.run()
    await checkpoint_team(team, "round 2")
    return [str(m.content) for m in result.messages]


def main() -> None:
    """The recorded run."""
    import asyncio

    asyncio.run(review("write a haiku"))
