"""FM-2.1 Conversation reset: the dialogue starts over.

Signal: after the run has made progress (at least two turns), an agent sends the original task
again, nearly word for word, as if nothing had happened yet.
"""

from __future__ import annotations

import logging

from agenttrace_analysis.mast.base import Detector, Finding, clamp, short
from agenttrace_analysis.mast.context import RunContext, similarity
from agenttrace_analysis.mast.taxonomy import FailureMode

logger = logging.getLogger(__name__)

MIN_TASK = 30
SAME = 88.0
MIN_PROGRESS = 2


def detect(ctx: RunContext) -> list[Finding]:
    """Later turns that restate the task from the start."""
    task = ctx.task.strip()
    if len(task) < MIN_TASK:
        return []
    found = []
    for turn in ctx.turns[MIN_PROGRESS:]:
        score = similarity(task, turn.text)
        if score >= SAME:
            found.append(
                Finding(
                    FailureMode.CONVERSATION_RESET,
                    turn.agent,
                    [turn.span_id] if turn.span_id else [],
                    clamp(0.4 + (score - SAME) / 30),
                    f"{turn.agent} restated the original task at turn {turn.index} "
                    f'({score:.0f}% alike): "{short(task, 40)}"',
                    {"turn": turn.index, "similarity": round(score, 1)},
                )
            )
    return found[:5]


DETECTOR = Detector("conversation_reset", FailureMode.CONVERSATION_RESET, detect)
