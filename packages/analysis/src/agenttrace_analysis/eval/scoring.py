"""Exact-match scoring of attribution methods on Who&When records."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from agenttrace_analysis.eval.whowhen import Subset, WhoWhenRecord
from agenttrace_analysis.trace_data import TraceData

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Prediction:
    """An agent and a step index (``None`` when a method gives no answer)."""

    agent: str | None
    step: int | None


Method = Callable[[WhoWhenRecord, TraceData], Prediction]
"""Anything that names the culprit of a record."""


@dataclass
class Tally:
    """Exact matches (or their expectation) over ``n`` records."""

    n: int = 0
    agent: float = 0.0
    step: float = 0.0

    def add(self, agent: float, step: float) -> None:
        """Count one record."""
        self.n += 1
        self.agent += agent
        self.step += step

    def as_json(self) -> dict[str, Any]:
        """``{"n", "agent_accuracy", "step_accuracy"}`` as fractions."""
        n = self.n or 1
        return {
            "n": self.n,
            "agent_accuracy": round(self.agent / n, 4),
            "step_accuracy": round(self.step / n, 4),
        }


@dataclass
class Scores:
    """A method's tally over all records and per subset."""

    overall: Tally = field(default_factory=Tally)
    by_subset: dict[str, Tally] = field(default_factory=dict)

    def add(self, subset: Subset, agent: float, step: float) -> None:
        """Count one record of ``subset``."""
        self.overall.add(agent, step)
        self.by_subset.setdefault(subset.value, Tally()).add(agent, step)

    def as_json(self) -> dict[str, Any]:
        """Overall figures with ``by_subset`` beside them."""
        return {
            **self.overall.as_json(),
            "by_subset": {k: v.as_json() for k, v in self.by_subset.items()},
        }


def same_agent(a: str | None, b: str) -> bool:
    """Agents match exactly, ignoring case (the label ``Websurfer`` is ``WebSurfer``)."""
    return a is not None and a.strip().lower() == b.strip().lower()


def score(
    records: Sequence[WhoWhenRecord],
    method: Method,
    traces: Sequence[TraceData],
    tick: Callable[[], None] | None = None,
) -> tuple[Scores, list[dict[str, Any]]]:
    """Exact-match accuracy of ``method`` and its prediction for every record."""
    scores = Scores()
    rows = []
    for record, trace in zip(records, traces, strict=True):
        guess = method(record, trace)
        agent_ok = same_agent(guess.agent, record.mistake_agent)
        step_ok = guess.step is not None and guess.step == record.mistake_step
        scores.add(record.subset, float(agent_ok), float(step_ok))
        rows.append(
            {
                "record": record.key,
                "agent": guess.agent,
                "step": guess.step,
                "true_agent": record.mistake_agent,
                "true_step": record.mistake_step,
            }
        )
        if tick is not None:
            tick()
    return scores, rows
