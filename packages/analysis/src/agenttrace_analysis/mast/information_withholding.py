"""FM-2.4 Information withholding: an agent keeps a failure to itself.

Signal: a tool call inside an agent's turn failed, yet the text the agent handed on says
nothing of a failure.
"""

from __future__ import annotations

import logging

from agenttrace_core.enums import SpanStatus
from agenttrace_core.models import Span

from agenttrace_analysis.graph.interactions import tool_name
from agenttrace_analysis.mast.base import Detector, Finding, clamp
from agenttrace_analysis.mast.context import FAILURE_WORDS, RunContext, Turn
from agenttrace_analysis.mast.taxonomy import FailureMode

logger = logging.getLogger(__name__)


def detect(ctx: RunContext) -> list[Finding]:
    """Agents whose own tool calls failed while the text they handed on does not say so."""
    quiet: dict[str, list[tuple[Turn, list[Span]]]] = {}
    calls = {sp.span_id for sp in ctx.tool_spans}
    for turn in ctx.turns:
        if turn.span is None or not turn.text.strip() or FAILURE_WORDS.search(turn.text):
            continue
        failed = [
            sp
            for sp in ctx.data.subtree(turn.span)
            if sp.span_id in calls
            and sp.status is SpanStatus.ERROR
            and ctx.data.owner(sp) == turn.agent
        ]
        if failed:
            quiet.setdefault(turn.agent, []).append((turn, failed))
    found = []
    for agent, cases in quiet.items():
        spans = [sp for _, failed in cases for sp in failed]
        tools = ", ".join(dict.fromkeys(tool_name(sp) for sp in spans))
        evidence = [
            s for turn, failed in cases for s in (turn.span_id, *(f.span_id for f in failed))
        ]
        found.append(
            Finding(
                FailureMode.INFORMATION_WITHHOLDING,
                agent,
                [s for s in dict.fromkeys(evidence) if s][:20],
                clamp(0.4 + 0.05 * len(cases), high=0.6),
                f"{agent}'s call of {tools} failed but its reply does not mention it"
                + (f" ({len(cases)} turns)" if len(cases) > 1 else ""),
                {"turns": [turn.index for turn, _ in cases], "tools": tools},
            )
        )
    return found


DETECTOR = Detector("information_withholding", FailureMode.INFORMATION_WITHHOLDING, detect)
