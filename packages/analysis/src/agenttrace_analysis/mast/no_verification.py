"""FM-3.2 No or incomplete verification: the result is not (fully) checked.

Two signals: a failed run in which no step checked anything, or a check that failed after
which the run still handed a result on without checking again.
"""

from __future__ import annotations

import logging

from agenttrace_analysis.mast.base import Detector, Finding, clamp
from agenttrace_analysis.mast.context import FAILURE_WORDS, RunContext
from agenttrace_analysis.mast.taxonomy import FailureMode
from agenttrace_analysis.mast.verification import CHECKING, Verdict, checks

logger = logging.getLogger(__name__)


def detect(ctx: RunContext) -> list[Finding]:
    """An unchecked failed run, or a failed check that was never redone."""
    if not ctx.turns:
        return []
    found_checks = checks(ctx)
    last = ctx.turns[-1]
    if not found_checks:
        if not ctx.data.failed:
            return []
        return [
            Finding(
                FailureMode.NO_VERIFICATION,
                last.agent,
                [last.span_id] if last.span_id else [],
                clamp(0.4),
                f"the run failed and no step checked the result; {last.agent} had the last turn",
                {"checks": 0},
            )
        ]
    final = found_checks[-1]
    if final.verdict is not Verdict.FAILED:
        return []
    later = [t for t in ctx.turns if t.time > final.time and not CHECKING.search(t.agent)]
    if not later or FAILURE_WORDS.search(later[-1].text):
        return []  # nothing handed on after the check, or it says the work failed
    handed = later[-1]
    return [
        Finding(
            FailureMode.NO_VERIFICATION,
            handed.agent,
            [s for s in (handed.span_id, final.span_id) if s],
            clamp(0.55),
            f"the check {final.what} failed and {handed.agent} went on to the end without "
            "checking again",
            {"check": final.what},
        )
    ]


DETECTOR = Detector("no_verification", FailureMode.NO_VERIFICATION, detect)
