"""FM-2.5 Ignored other agent's input: an agent carries on as if it had not been told.

Two signals, both about the turn right after another agent's turn:

- *echo*: the agent repeats its own earlier reply nearly word for word although the other
  agent said something new in between;
- *unheeded failure*: the other agent reported a failure (or its work ended in an error) and
  the reply neither mentions a failure nor picks up the other agent's words.
"""

from __future__ import annotations

import logging

from agenttrace_analysis.mast.base import Detector, Finding, clamp, short
from agenttrace_analysis.mast.context import (
    FAILURE_WORDS,
    RunContext,
    Turn,
    content_words,
    overlap,
    similarity,
)
from agenttrace_analysis.mast.taxonomy import FailureMode

logger = logging.getLogger(__name__)

ECHO = 90.0
NEW_INPUT = 60.0
MIN_TEXT = 40
PICKED_UP = 0.3


def _echo(ctx: RunContext, prev: Turn, turn: Turn) -> Finding | None:
    earlier = [t for t in ctx.turns[: prev.index] if t.agent == turn.agent]
    if not earlier or len(turn.text) < MIN_TEXT or len(prev.text.strip()) < MIN_TEXT // 2:
        return None
    own = earlier[-1]
    if similarity(own.text, turn.text) < ECHO or similarity(prev.text, turn.text) >= NEW_INPUT:
        return None
    return Finding(
        FailureMode.IGNORED_INPUT,
        turn.agent,
        [s for s in (turn.span_id, prev.span_id, own.span_id) if s],
        clamp(0.6),
        f"{turn.agent} repeated its turn {own.index} reply after {prev.agent} said "
        f'"{short(prev.text, 40)}"',
        {"turn": turn.index, "ignored_turn": prev.index},
    )


def _unheeded_failure(prev: Turn, turn: Turn) -> Finding | None:
    reported = FAILURE_WORDS.search(prev.text)
    if not (reported or prev.error) or not turn.text.strip():
        return None
    if FAILURE_WORDS.search(turn.text):
        return None
    if overlap(content_words(prev.text), turn.text) >= PICKED_UP:
        return None
    what = f'"{short(reported.group(0), 30)}"' if reported else "an error in its work"
    return Finding(
        FailureMode.IGNORED_INPUT,
        turn.agent,
        [s for s in (turn.span_id, prev.span_id) if s],
        clamp(0.5),
        f"{prev.agent} reported {what} and {turn.agent}'s next turn does not mention it",
        {"turn": turn.index, "ignored_turn": prev.index},
    )


def detect(ctx: RunContext) -> list[Finding]:
    """Turns that take no notice of the other agent's turn just before them."""
    found: list[Finding] = []
    flagged: set[str] = set()
    for prev, turn in zip(ctx.turns, ctx.turns[1:], strict=False):
        if prev.agent == turn.agent or turn.agent in flagged:
            continue
        finding = _echo(ctx, prev, turn) or _unheeded_failure(prev, turn)
        if finding:
            found.append(finding)
            flagged.add(turn.agent)
    return found


DETECTOR = Detector("ignored_input", FailureMode.IGNORED_INPUT, detect)
