"""FM-2.6 Reasoning-action mismatch: an agent says it will do one thing and does another.

Signal: a model output of an agent names the tool or agent it is about to use ("I will call
search_flights", "let me hand off to billing_agent"), and the agent's next action uses a
different tool, or hands over to a different agent.
"""

from __future__ import annotations

import logging
import re

from agenttrace_core.enums import MessageKind, SpanType

from agenttrace_analysis.graph.interactions import tool_name
from agenttrace_analysis.mast.base import Detector, Finding, clamp
from agenttrace_analysis.mast.context import RunContext
from agenttrace_analysis.mast.taxonomy import FailureMode

logger = logging.getLogger(__name__)

INTENT = re.compile(
    r"\b(?:I will|I'll|let me|I am going to|I'm going to)\s+(?:now\s+)?"
    r"(?:use|call|run|invoke|hand(?: it)? off to|hand over to|transfer to|delegate to|ask)\s+"
    r"(?:the\s+)?[`'\"]?([A-Za-z_][\w.-]*)",
    re.IGNORECASE,
)


def detect(ctx: RunContext) -> list[Finding]:
    """Stated next tool or agent versus the one actually used next."""
    data = ctx.data
    tools = {tool_name(sp).lower(): tool_name(sp) for sp in ctx.tool_spans}
    agents = {a.lower(): a for a in data.agent_names}
    actions: list[tuple[int, str | None, str, str, str]] = []  # time, owner, kind, name, span
    for sp in ctx.tool_spans:
        actions.append((sp.start_time, data.owner(sp), "tool", tool_name(sp).lower(), sp.span_id))
    for msg in data.messages:
        if msg.kind in (MessageKind.HANDOFF, MessageKind.DELEGATION) and msg.to_agent:
            actions.append(
                (msg.timestamp, msg.from_agent, "agent", msg.to_agent.lower(), msg.span_id or "")
            )
    actions.sort()
    found: list[Finding] = []
    for sp in data.spans:
        if sp.span_type is not SpanType.LLM or not sp.output:
            continue
        match = INTENT.search(sp.output[:4000])
        if not match:
            continue
        named = match.group(1).lower().rstrip(".")
        kind = "tool" if named in tools else "agent" if named in agents else None
        if kind is None:
            continue
        owner = data.owner(sp)
        nxt = next(
            (a for a in actions if a[0] >= sp.end_time and a[1] == owner and a[2] == kind), None
        )
        if nxt is None or nxt[3] == named:
            continue
        stated = tools.get(named) or agents.get(named)
        done = tools.get(nxt[3]) or agents.get(nxt[3]) or nxt[3]
        found.append(
            Finding(
                FailureMode.REASONING_ACTION_MISMATCH,
                owner,
                [s for s in (sp.span_id, nxt[4]) if s],
                clamp(0.5),
                f"{owner or 'the model'} said it would use {stated} but used {done}",
                {"stated": stated, "done": done},
            )
        )
    return found[:5]


DETECTOR = Detector("reasoning_action_mismatch", FailureMode.REASONING_ACTION_MISMATCH, detect)
