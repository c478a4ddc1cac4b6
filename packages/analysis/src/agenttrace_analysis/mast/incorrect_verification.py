"""FM-3.3 Incorrect verification: a check passes what is not right.

Two signals: a check passes right after another check failed with nothing fixed in between
(no passing check between them), or a check passes and the run then fails anyway.
"""

from __future__ import annotations

import logging

from agenttrace_core.enums import SpanStatus

from agenttrace_analysis.mast.base import Detector, Finding, clamp
from agenttrace_analysis.mast.context import RunContext
from agenttrace_analysis.mast.taxonomy import FailureMode
from agenttrace_analysis.mast.verification import Verdict, checks

logger = logging.getLogger(__name__)


def detect(ctx: RunContext) -> list[Finding]:
    """Passing checks that contradict a failed check or the run's own failure."""
    found: list[Finding] = []
    seen: set[str | None] = set()
    all_checks = checks(ctx)
    errors_after = sorted(
        (sp.end_time, sp.span_id) for sp in ctx.data.spans if sp.status is SpanStatus.ERROR
    )
    for i, check in enumerate(all_checks):
        if check.verdict is not Verdict.PASSED or check.agent in seen:
            continue
        before = all_checks[:i]
        prior = before[-1] if before else None
        if prior and prior.verdict is Verdict.FAILED and prior.agent != check.agent:
            found.append(
                Finding(
                    FailureMode.INCORRECT_VERIFICATION,
                    check.agent,
                    [s for s in (check.span_id, prior.span_id) if s],
                    clamp(0.6),
                    f"{check.what} approved right after {prior.what} failed",
                    {"failed_check": prior.what},
                )
            )
            seen.add(check.agent)
            continue
        later = [sid for t, sid in errors_after if t > check.time]
        if later and i == len(all_checks) - 1:
            found.append(
                Finding(
                    FailureMode.INCORRECT_VERIFICATION,
                    check.agent,
                    [s for s in (check.span_id, later[-1]) if s],
                    clamp(0.45),
                    f"{check.what} approved the result, but the run failed afterwards",
                    {"errors_after": len(later)},
                )
            )
            seen.add(check.agent)
    return found


DETECTOR = Detector("incorrect_verification", FailureMode.INCORRECT_VERIFICATION, detect)
