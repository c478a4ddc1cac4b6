"""FM-3.1 Premature termination: the run stops before the work is done.

Two signals: the run's last turn announces work it never did ("let me check …", "next I
will …"), or an agent handed the work to another agent who never acted afterwards.
"""

from __future__ import annotations

import logging
import re

from agenttrace_core.enums import MessageKind

from agenttrace_analysis.mast.base import Detector, Finding, clamp, short
from agenttrace_analysis.mast.context import RunContext
from agenttrace_analysis.mast.taxonomy import FailureMode

logger = logging.getLogger(__name__)

ANNOUNCED = re.compile(
    r"\b(I will now|I'll now|next,? I(?:'ll| will)|let me (?:now )?(?:check|run|search|look|try|"
    r"call|verify|fetch|write|compute|calculate|ask|find|test)|I am going to|I'm going to|"
    r"the next step (?:is|will be))\b",
    re.IGNORECASE,
)
"""How a text announces a step that is still to come."""

PASSING = frozenset({MessageKind.HANDOFF, MessageKind.DELEGATION})


def _announced_last(ctx: RunContext) -> list[Finding]:
    if not ctx.turns:
        return []
    last = ctx.turns[-1]
    tail = last.text.strip()[-400:]
    match = ANNOUNCED.search(tail)
    if not match:
        return []
    return [
        Finding(
            FailureMode.PREMATURE_TERMINATION,
            last.agent,
            [last.span_id] if last.span_id else [],
            clamp(0.55),
            f'the run ended on {last.agent} announcing more work: "{short(match.group(0), 40)}"',
            {"turn": last.index},
        )
    ]


def _never_picked_up(ctx: RunContext) -> list[Finding]:
    found = []
    data = ctx.data
    # An agent acted after a handover when one of its spans ended, or it sent a message, at
    # or after the handover: only each agent's latest such time matters (one pass each).
    last_acted: dict[str | None, int] = {}
    for sp in data.spans:
        owner = data.owner(sp)
        last_acted[owner] = max(last_acted.get(owner, sp.end_time), sp.end_time)
    for m in data.messages:
        last_acted[m.from_agent] = max(last_acted.get(m.from_agent, m.timestamp), m.timestamp)
    for msg in data.messages:
        if msg.kind not in PASSING or not msg.to_agent or msg.to_agent == "*":
            continue
        if msg.to_agent in last_acted and last_acted[msg.to_agent] >= msg.timestamp:
            continue
        found.append(
            Finding(
                FailureMode.PREMATURE_TERMINATION,
                msg.from_agent,
                [msg.span_id] if msg.span_id else [],
                clamp(0.55),
                f"{msg.from_agent or 'the user'} handed over to {msg.to_agent}, who never "
                "acted before the run ended",
                {"to": msg.to_agent},
            )
        )
    return found[:3]


def detect(ctx: RunContext) -> list[Finding]:
    """An announced step never taken, or a handover nobody took up."""
    return _announced_last(ctx) + _never_picked_up(ctx)


DETECTOR = Detector("premature_termination", FailureMode.PREMATURE_TERMINATION, detect)
