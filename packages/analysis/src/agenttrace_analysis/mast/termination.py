"""FM-1.5 Unaware of termination conditions: the run goes on until a limit stops it.

Strong signal: a span says a turn / message / iteration / recursion limit was reached. Weaker
signal: the agents went round the same loop three times or more and the last turn does not
say the work is finished.
"""

from __future__ import annotations

import logging
import re
from collections import Counter

from agenttrace_core.models import Span

from agenttrace_analysis.mast.base import Detector, Finding, clamp, short
from agenttrace_analysis.mast.context import RunContext
from agenttrace_analysis.mast.taxonomy import FailureMode

logger = logging.getLogger(__name__)

_UNIT = r"(?:number of )?(?:turns?|iterations?|rounds?|messages?|steps?|calls?)"
LIMIT = re.compile(
    rf"max(?:imum)?[\s_-]*{_UNIT}[^.\n]{{0,40}}(?:reached|exceeded|hit)"
    rf"|(?:reached|exceeded|hit)[^.\n]{{0,30}}max(?:imum)?[\s_-]*{_UNIT}"
    r"|recursion limit of \d+ reached|GraphRecursionError|MaxTurnsExceeded"
    r"|turn limit (?:reached|exceeded)|iteration limit (?:reached|exceeded)",
    re.IGNORECASE,
)
"""Texts frameworks use when a run hits its turn, message or recursion limit."""

DONE = re.compile(r"\b(TERMINATE|APPROVE[D]?|FINAL ANSWER|task (is )?(complete|done))\b", re.I)
MIN_LOOP_REPEATS = 3


def limit_text(span: Span) -> str | None:
    """The text on a span that reports a hit limit, if any."""
    texts = [span.status_message or "", span.output or ""]
    for event in span.events:
        texts.extend(str(v) for k, v in event.attributes.items() if k.startswith("exception."))
    error_type = span.attributes.get("error.type")
    if isinstance(error_type, str):
        texts.append(error_type)
    for text in texts:
        head = text[:5000]
        lowered = head.lower()
        if "max" not in lowered and "limit" not in lowered:
            continue  # cheap test first: most texts mention neither
        match = LIMIT.search(head)
        if match:
            return match.group(0)
    return None


def _loop_agent(ctx: RunContext) -> str | None:
    loops = ctx.facts.get("loops") or []
    if loops:
        last = max(loops, key=lambda lp: lp["repeats"])
        counts = Counter(t.agent for t in ctx.turns if t.agent in last["agents"])
        return counts.most_common(1)[0][0] if counts else last["agents"][0]
    return None


def detect(ctx: RunContext) -> list[Finding]:
    """A limit that stopped the run, or a loop gone round many times without an end."""
    hits = [(sp, text) for sp in ctx.data.spans if (text := limit_text(sp))]
    last = ctx.turns[-1].text if ctx.turns else ""
    if hits and not DONE.search(last[-400:]):
        first_span, text = min(hits, key=lambda h: h[0].end_time)
        agent = _loop_agent(ctx) or ctx.data.owner(first_span)
        return [
            Finding(
                FailureMode.UNAWARE_OF_TERMINATION,
                agent,
                [str(sp.span_id) for sp, _ in hits][:20],
                clamp(0.85 if last.strip() else 0.6),
                f'the run was stopped by a limit ("{short(text, 50)}")'
                + (f"; {agent} kept the loop going" if agent else ""),
                {"limit": text},
            )
        ]
    for loop in ctx.facts.get("loops") or []:
        if loop["repeats"] >= MIN_LOOP_REPEATS and not DONE.search(last):
            agent = _loop_agent(ctx)
            return [
                Finding(
                    FailureMode.UNAWARE_OF_TERMINATION,
                    agent,
                    list(loop["span_ids"]),
                    clamp(0.4 + 0.05 * loop["repeats"], high=0.7),
                    f"{' → '.join(loop['agents'])} went round {loop['repeats']} times and "
                    "the run never said it was done",
                    {"loop": loop["agents"], "repeats": loop["repeats"]},
                )
            ]
    return []


DETECTOR = Detector("termination", FailureMode.UNAWARE_OF_TERMINATION, detect)
