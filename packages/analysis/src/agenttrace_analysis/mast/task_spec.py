"""FM-1.1 Disobey task specification: the result breaks a constraint the task stated.

Checks the constraints a trace can verify: a word limit ("in at most 50 words", "under 100
words") and a format ("as JSON", "in JSON format") against the run's final text.
"""

from __future__ import annotations

import json
import logging
import re

from agenttrace_analysis.mast.base import Detector, Finding, clamp
from agenttrace_analysis.mast.context import RunContext
from agenttrace_analysis.mast.taxonomy import FailureMode

logger = logging.getLogger(__name__)

WORD_LIMIT = re.compile(
    r"\b(?:in|under|at most|no more than|max(?:imum)?(?: of)?|up to|within|fewer than|less than)"
    r"\s+(\d{1,5})\s+words\b",
    re.IGNORECASE,
)
AS_JSON = re.compile(
    r"\b(?:as|in|return(?:ing)?|output|respond with|reply with)\s+(?:valid\s+)?JSON\b", re.I
)
SLACK = 1.1
"""A word count up to 10% over the limit is not called a violation (tokenization differs)."""


def _is_json(text: str) -> bool:
    body = text.strip()
    fenced = re.match(r"^```(?:json)?\s*(.*?)\s*```$", body, re.S)
    try:
        json.loads(fenced.group(1) if fenced else body)
    except ValueError:
        return False
    return True


def detect(ctx: RunContext) -> list[Finding]:
    """The final text against the task's word limit and JSON format."""
    if not ctx.turns or not ctx.task:
        return []
    last = ctx.turns[-1]
    raw = last.span.output if last.span is not None and last.span.output else last.text
    final = raw.strip()  # as produced: the readable text of a JSON answer is no longer JSON
    if not final:
        return []
    found = []
    limit = WORD_LIMIT.search(ctx.task)
    if limit:
        allowed, used = int(limit.group(1)), len(final.split())
        if used > allowed * SLACK:
            found.append(
                Finding(
                    FailureMode.DISOBEY_TASK_SPEC,
                    last.agent,
                    [last.span_id] if last.span_id else [],
                    clamp(0.55),
                    f"the task asked for {limit.group(0)!r}; {last.agent}'s final answer has "
                    f"{used} words",
                    {"allowed": allowed, "used": used},
                )
            )
    if AS_JSON.search(ctx.task) and not _is_json(final):
        found.append(
            Finding(
                FailureMode.DISOBEY_TASK_SPEC,
                last.agent,
                [last.span_id] if last.span_id else [],
                clamp(0.5),
                f"the task asked for JSON; {last.agent}'s final answer is not valid JSON",
                {"format": "json"},
            )
        )
    return found


DETECTOR = Detector("task_spec", FailureMode.DISOBEY_TASK_SPEC, detect)
