"""Verification steps of a run and their verdicts, shared by FM-3.2 and FM-3.3.

A verification step is a tool call whose tool, or an agent turn whose agent or role, has a
checking name (test, verify, check, review, validate, guardrail, critic, judge, QA …). Its
verdict: failed when it ended in an error or says so, passed when it says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from agenttrace_core.enums import SpanStatus

from agenttrace_analysis.graph.interactions import tool_name
from agenttrace_analysis.mast.context import RunContext

CHECKING = re.compile(
    r"(test|verif|checker|review|valid|guardrail|critic|judge|assert|lint|(?<![a-z])qa(?![a-z])|"
    r"evaluat|grader|proofread)",
    re.IGNORECASE,
)
"""Names of tools, agents and roles that check work."""
NEGATIVE = re.compile(
    r"\b(fail(ed|s|ure|ing)?|errors?|incorrect|wrong|reject(ed)?|not (correct|approved|valid)|"
    r"changes? requested|request(ing)? changes|needs? (more )?(work|changes|fix(es)?)|invalid)\b",
    re.IGNORECASE,
)
POSITIVE = re.compile(
    r"\b(approved?|lgtm|looks (good|correct)|passed|all tests pass(ed)?|verified|is correct|"
    r"success(ful(ly)?)?)\b",
    re.IGNORECASE,
)


class Verdict(StrEnum):
    """What a verification step concluded."""

    PASSED = "passed"
    FAILED = "failed"
    UNCLEAR = "unclear"


@dataclass
class Check:
    """One verification step."""

    agent: str | None
    what: str
    span_id: str | None
    time: int
    verdict: Verdict


_NONE_FAILED = re.compile(r"\b(0|no|zero)\s+(fail\w*|errors?|issues?|problems?)\b", re.I)


def verdict_of(text: str, error: bool) -> Verdict:
    """The verdict a check's text and status give ("0 failed" is no failure)."""
    text = _NONE_FAILED.sub(" ", text)
    if error or NEGATIVE.search(text):
        return Verdict.FAILED
    if POSITIVE.search(text):
        return Verdict.PASSED
    return Verdict.UNCLEAR


def checks(ctx: RunContext) -> list[Check]:
    """Every verification step of the run, in time order."""
    roles = {a.name: a.role or "" for a in ctx.data.agents}
    found = []
    for sp in ctx.tool_spans:
        name = tool_name(sp)
        if CHECKING.search(name):
            text = (sp.output or "") + " " + (sp.status_message or "")
            found.append(
                Check(
                    ctx.data.owner(sp),
                    name,
                    sp.span_id,
                    sp.end_time,
                    verdict_of(text, sp.status is SpanStatus.ERROR),
                )
            )
    for turn in ctx.turns:
        if CHECKING.search(turn.agent) or CHECKING.search(roles.get(turn.agent, "")):
            error = turn.span is not None and turn.span.status is SpanStatus.ERROR
            found.append(
                Check(turn.agent, turn.agent, turn.span_id, turn.time, verdict_of(turn.text, error))
            )
    found.sort(key=lambda c: c.time)
    return found
