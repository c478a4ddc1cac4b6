"""AutoGen AgentChat: checkpoints from ``save_state()``, forks through ``load_state()``.

AutoGen has no checkpointer to stand in for; what it offers is ``save_state()`` and
``load_state()`` on agents and teams. :func:`checkpoint_team` records the saved state as a
checkpoint; in a replay, at the fork checkpoint, it loads the changed state back into the team,
so the run continues from it. See docs/replay.md for what is and is not covered.
"""

from __future__ import annotations

from typing import Any

import agenttrace
from agenttrace.replay import _session


async def checkpoint_team(team: Any, name: str, *, agent: str | None = None) -> str:
    """Record an AutoGen team's (or agent's) state as a checkpoint.

    Call it between ``team.run(...)`` calls of a ``@replayable`` workflow. In a replay of
    that workflow, the call at the fork step applies the requested changes and loads them
    into ``team`` before the workflow goes on.

    Args:
        team: An AgentChat team or agent (anything with ``save_state``/``load_state``).
        name: The checkpoint's label, such as ``"after round 1"``.
        agent: The agent the state belongs to (default: the current agent).

    Returns:
        The checkpoint's id.

    Example:
        >>> import agenttrace
        >>> from agenttrace.replay.autogen import checkpoint_team
        >>> @agenttrace.replayable
        ... async def review(task: str) -> None:  # doctest: +SKIP
        ...     team = build_team()
        ...     await team.run(task=task)
        ...     await checkpoint_team(team, "after round 1")
        ...     await team.run()
    """
    state = await team.save_state()
    session = _session.current()
    forked_before = session.forked if session is not None else True
    checkpoint_id = agenttrace.checkpoint(name, state, agent=agent, framework="autogen")
    if session is not None and not forked_before and session.forked:
        await team.load_state(state)
    return checkpoint_id
