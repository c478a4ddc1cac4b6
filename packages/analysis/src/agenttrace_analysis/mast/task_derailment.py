"""FM-2.3 Task derailment: the work drifts away from what was asked.

Signal: the run started on topic (early turns use the task's words), then its last turns (at
least two substantive ones) use almost none of them.
"""

from __future__ import annotations

import logging

from agenttrace_analysis.mast.base import Detector, Finding, clamp, short
from agenttrace_analysis.mast.context import RunContext, content_words, overlap
from agenttrace_analysis.mast.taxonomy import FailureMode

logger = logging.getLogger(__name__)

MIN_TASK_WORDS = 5
MIN_TEXT = 80
ON_TOPIC = 0.3
OFF_TOPIC = 0.1
MIN_STREAK = 2


def detect(ctx: RunContext) -> list[Finding]:
    """A trailing streak of off-topic turns after on-topic ones."""
    task_words = content_words(ctx.task)
    if len(task_words) < MIN_TASK_WORDS:
        return []
    turns = [t for t in ctx.turns if len(t.text) >= MIN_TEXT and t.text.strip() != ctx.task.strip()]
    scores = [overlap(task_words, t.text) for t in turns]
    streak = 0
    for score in reversed(scores):
        if score >= OFF_TOPIC:
            break
        streak += 1
    if streak < MIN_STREAK or streak == len(turns):
        return []
    before = scores[: len(scores) - streak]
    if max(before) < ON_TOPIC:
        return []
    off = turns[len(turns) - streak :]
    first = off[0]
    return [
        Finding(
            FailureMode.TASK_DERAILMENT,
            first.agent,
            [t.span_id for t in off if t.span_id],
            clamp(0.35 + 0.05 * streak, high=0.7),
            f"from turn {first.index} on, {streak} turns hardly mention the task "
            f'("{short(ctx.task, 40)}"); {first.agent} went off first',
            {"turns": [t.index for t in off]},
        )
    ]


DETECTOR = Detector("task_derailment", FailureMode.TASK_DERAILMENT, detect)
