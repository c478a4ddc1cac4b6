"""FM-2.2 Fail to ask for clarification: an agent guesses where it could have asked.

Signal: an agent says it is assuming or guessing something ("I'll assume …", "presumably"),
and no agent of the run asked a question before it went on.
"""

from __future__ import annotations

import logging
import re

from agenttrace_analysis.mast.base import Detector, Finding, clamp, short
from agenttrace_analysis.mast.context import RunContext
from agenttrace_analysis.mast.taxonomy import FailureMode

logger = logging.getLogger(__name__)

ASSUMING = re.compile(
    r"\b(I(?:'ll| will| am going to|'m going to)? assum(?:e|ing)|assuming (?:that|the|it)|"
    r"presumably|I(?:'ll| will)? guess|my best guess|since (?:it|this) (?:was|is) not specified|"
    r"(?:was|is) not specified, (?:so )?I)\b",
    re.IGNORECASE,
)
"""How a text says it goes ahead on an assumption."""

QUESTION = re.compile(r"\?\s*($|\n)")


def detect(ctx: RunContext) -> list[Finding]:
    """Turns that proceed on an assumption when nobody asked before them."""
    found = []
    asked = False
    for turn in ctx.turns:
        match = ASSUMING.search(turn.text)
        if match and not asked:
            start = max(0, match.start() - 10)
            found.append(
                Finding(
                    FailureMode.NO_CLARIFICATION,
                    turn.agent,
                    [turn.span_id] if turn.span_id else [],
                    clamp(0.4),
                    f"{turn.agent} went ahead on an assumption without asking: "
                    f'"{short(turn.text[start:], 50)}"',
                    {"turn": turn.index},
                )
            )
            break
        asked = asked or bool(QUESTION.search(turn.text))
    return found


DETECTOR = Detector("no_clarification", FailureMode.NO_CLARIFICATION, detect)
