"""FM-1.3 Step repetition: the same step done again and again.

Two signals: an agent calls the same tool with the same arguments three times or more, or an
agent says nearly the same thing (a substantive text) in two or more of its turns.
"""

from __future__ import annotations

import logging

from agenttrace_core.enums import MessageKind
from agenttrace_core.models import Span

from agenttrace_analysis.graph.interactions import tool_name
from agenttrace_analysis.mast.base import Detector, Finding, clamp, short
from agenttrace_analysis.mast.context import RunContext, Turn, similarity
from agenttrace_analysis.mast.taxonomy import FailureMode

logger = logging.getLogger(__name__)

MIN_TOOL_REPEATS = 3
MIN_TEXT = 20
SAME_ARGS = 95.0
SAME_TEXT = 90.0
MIN_TEXT_REPEATS = 3
VERBATIM = 97.0


def _verbatim(ctx: RunContext, members: list[Turn]) -> bool:
    """Two turns count as a repetition when they are (nearly) word for word the same and the
    agent was not asked again in between (answering a question twice is not a repeat)."""
    if len(members) != 2 or similarity(members[0].text, members[1].text) < VERBATIM:
        return False
    first, second = members
    asked = any(
        m.to_agent == first.agent and first.time < m.timestamp <= second.time
        for m in ctx.data.messages
        if m.kind in (MessageKind.DELEGATION, MessageKind.HANDOFF)
    )
    return not asked


def _arguments(span: Span) -> str:
    for key in ("gen_ai.tool.call.arguments", "tool.parameters", "tool.arguments"):
        value = span.attributes.get(key)
        if isinstance(value, str):
            return value
    return span.input or ""


def _tool_repeats(ctx: RunContext) -> list[Finding]:
    groups: dict[tuple[str | None, str], list[list[Span]]] = {}
    for sp in ctx.tool_spans:
        key = (ctx.data.owner(sp), tool_name(sp))
        args = _arguments(sp)
        for group in groups.setdefault(key, []):
            if similarity(_arguments(group[0]), args) >= SAME_ARGS:
                group.append(sp)
                break
        else:
            groups[key].append([sp])
    found = []
    for (agent, tool), clusters in groups.items():
        for group in clusters:
            if len(group) < MIN_TOOL_REPEATS:
                continue
            found.append(
                Finding(
                    FailureMode.STEP_REPETITION,
                    agent,
                    [sp.span_id for sp in group],
                    clamp(0.5 + 0.1 * (len(group) - MIN_TOOL_REPEATS)),
                    f"{agent or 'the run'} called {tool} {len(group)} times with the same "
                    "arguments",
                    {"tool": tool, "times": len(group)},
                )
            )
    return found


def _text_repeats(ctx: RunContext) -> list[Finding]:
    found = []
    for agent in dict.fromkeys(t.agent for t in ctx.turns):
        clusters: list[list[int]] = []
        turns = [t for t in ctx.turns_of(agent) if len(t.text.strip()) >= MIN_TEXT]
        for i, turn in enumerate(turns):
            for cluster in clusters:
                if similarity(turns[cluster[0]].text, turn.text) >= SAME_TEXT:
                    cluster.append(i)
                    break
            else:
                clusters.append([i])
        for cluster in clusters:
            members = [turns[i] for i in cluster]
            if len(members) < MIN_TEXT_REPEATS and not _verbatim(ctx, members):
                continue
            found.append(
                Finding(
                    FailureMode.STEP_REPETITION,
                    agent,
                    [t.span_id for t in members if t.span_id],
                    clamp(0.45 + 0.1 * (len(members) - 2)),
                    f"{agent} said nearly the same thing in {len(members)} turns: "
                    f'"{short(members[0].text, 50)}"',
                    {"turns": [t.index for t in members]},
                )
            )
    return found


def detect(ctx: RunContext) -> list[Finding]:
    """Repeated identical tool calls and repeated near-identical turns."""
    return _tool_repeats(ctx) + _text_repeats(ctx)


DETECTOR = Detector("step_repetition", FailureMode.STEP_REPETITION, detect)
