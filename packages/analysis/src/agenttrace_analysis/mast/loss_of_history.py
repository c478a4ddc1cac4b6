"""FM-1.4 Loss of conversation history: an agent's context shrinks mid-task.

Signal: inside one turn of an agent (one agent span), a model call sees far fewer input
messages than an earlier call of the same turn did: the history was cut.
"""

from __future__ import annotations

import json
import logging
import re

from agenttrace_core.enums import SpanType
from agenttrace_core.models import Span

from agenttrace_analysis.mast.base import Detector, Finding, clamp
from agenttrace_analysis.mast.context import RunContext
from agenttrace_analysis.mast.taxonomy import FailureMode

logger = logging.getLogger(__name__)

_OI_KEY = re.compile(r"^llm\.input_messages\.(\d+)\.")
MIN_BEFORE = 4
SHRINK = 0.5


def input_message_count(span: Span) -> int | None:
    """How many messages a model call was given, when the span says so."""
    if span.dropped_attributes_count:
        return None
    indexes = {int(m.group(1)) for k in span.attributes if (m := _OI_KEY.match(k))}
    if indexes:
        return max(indexes) + 1
    for raw in (span.attributes.get("gen_ai.input.messages"), span.input):
        if not isinstance(raw, str):
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            continue
        if isinstance(value, dict):
            value = value.get("messages")
        if isinstance(value, list):
            return len(value)
    return None


def detect(ctx: RunContext) -> list[Finding]:
    """Model calls within one agent turn whose input history shrank sharply."""
    found = []
    for turn in ctx.turns:
        if turn.span is None:
            continue
        calls = sorted(
            (
                sp
                for sp in ctx.data.subtree(turn.span)
                if sp.span_type is SpanType.LLM and ctx.data.owner(sp) == turn.agent
            ),
            key=lambda sp: sp.start_time,
        )
        longest: tuple[int, Span] | None = None
        for call in calls:
            count = input_message_count(call)
            if count is None:
                continue
            if longest and longest[0] >= MIN_BEFORE and count <= longest[0] * SHRINK:
                found.append(
                    Finding(
                        FailureMode.LOSS_OF_HISTORY,
                        turn.agent,
                        [call.span_id, longest[1].span_id],
                        clamp(0.5),
                        f"{turn.agent}'s model call saw {count} messages after an earlier "
                        f"call in the same turn saw {longest[0]}",
                        {"before": longest[0], "after": count},
                    )
                )
                break
            if longest is None or count > longest[0]:
                longest = (count, call)
    return found


DETECTOR = Detector("loss_of_history", FailureMode.LOSS_OF_HISTORY, detect)
