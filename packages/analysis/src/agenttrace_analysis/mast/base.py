"""What a detector is and what it finds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from agenttrace_analysis.mast.context import RunContext
from agenttrace_analysis.mast.taxonomy import FailureMode


@dataclass
class Finding:
    """One failure a detector saw: the mode, the agent, the evidence spans and why.

    ``span_ids[0]`` is the span the annotation is pinned to; all of them are its evidence.
    """

    mode: FailureMode
    agent: str | None
    span_ids: list[str]
    confidence: float
    explanation: str
    details: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Detector:
    """A named check for one failure mode that reads the trace alone."""

    name: str
    mode: FailureMode
    run: Callable[[RunContext], list[Finding]]


def clamp(value: float, low: float = 0.05, high: float = 0.95) -> float:
    """A confidence kept inside ``[low, high]`` (a detector is never certain)."""
    return round(min(high, max(low, value)), 3)


def short(text: str, limit: int = 60) -> str:
    """A text cut to one short line for an explanation."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
