"""FM-1.2 Disobey role specification: an agent does another agent's part.

Two signals: an agent calls a tool that the run's agent configurations give to other agents
only, or an agent's text gives another agent's verdict in that agent's name (``reviewer:
APPROVE`` inside the coder's message). Lines like ``reviewer: reviews the code`` (a roster) are
not enough: the line must carry a verdict or a stop word.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from agenttrace_analysis.graph.interactions import tool_name
from agenttrace_analysis.mast.base import Detector, Finding, clamp, short
from agenttrace_analysis.mast.context import RunContext
from agenttrace_analysis.mast.taxonomy import FailureMode

logger = logging.getLogger(__name__)

VERDICT = r"[^\n]{0,40}\b(APPROVED?|LGTM|TERMINATE|FINAL ANSWER|ACCEPTED|REJECTED)\b"
"""What a line must say to count as speaking in another agent's name."""


def _tool_names(config: dict[str, Any]) -> set[str]:
    tools = config.get("tools")
    if isinstance(tools, str):
        tools = [t.strip() for t in tools.strip("[]").split(",")]
    names = set()
    for tool in tools if isinstance(tools, list) else []:
        name = tool.get("name") if isinstance(tool, dict) else tool
        if isinstance(name, str) and name.strip():
            names.add(name.strip().strip("'\"").lower())
    return names


def _foreign_tools(ctx: RunContext) -> list[Finding]:
    owned = {a.name: _tool_names(a.config) for a in ctx.data.agents}
    if not any(owned.values()):
        return []
    found: dict[tuple[str, str], list[str]] = {}
    for sp in ctx.tool_spans:
        agent, tool = ctx.data.owner(sp), tool_name(sp)
        if not agent or not owned.get(agent) or tool.lower() in owned[agent]:
            continue
        if any(tool.lower() in tools for name, tools in owned.items() if name != agent):
            found.setdefault((agent, tool), []).append(sp.span_id)
    return [
        Finding(
            FailureMode.DISOBEY_ROLE_SPEC,
            agent,
            ids,
            clamp(0.5),
            f"{agent} called {tool}, a tool of another agent's role",
            {"tool": tool},
        )
        for (agent, tool), ids in found.items()
    ]


def _speaking_for_others(ctx: RunContext) -> list[Finding]:
    names = [n for n in ctx.data.agent_names if len(n) >= 3]
    if len(names) < 2:
        return []
    found = []
    flagged: set[tuple[str, str]] = set()
    for turn in ctx.turns:
        others = [n for n in names if n != turn.agent]
        pattern = re.compile(
            r"^\s*\**(" + "|".join(re.escape(n) for n in others) + r")\**\s*:" + VERDICT,
            re.M | re.I,
        )
        match = pattern.search(turn.text)
        if not match:
            continue
        other = next(n for n in others if n.lower() == match.group(1).lower())
        if (turn.agent, other) in flagged:
            continue
        flagged.add((turn.agent, other))
        line = turn.text[match.start() :].splitlines()[0]
        found.append(
            Finding(
                FailureMode.DISOBEY_ROLE_SPEC,
                turn.agent,
                [turn.span_id] if turn.span_id else [],
                clamp(0.45),
                f'{turn.agent} wrote a line as {other}: "{short(line.strip(), 40)}"',
                {"turn": turn.index, "as": other},
            )
        )
    return found


def detect(ctx: RunContext) -> list[Finding]:
    """Tools of other roles, and lines written in another agent's name."""
    return _foreign_tools(ctx) + _speaking_for_others(ctx)


DETECTOR = Detector("role_violation", FailureMode.DISOBEY_ROLE_SPEC, detect)
