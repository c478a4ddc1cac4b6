"""Score failure attribution on Who&When: our method, measured baselines, a cross-subset check."""

from __future__ import annotations

import itertools
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from agenttrace_analysis.attribution import (
    AgentStep,
    Evidence,
    StepRole,
    Weights,
    conclude,
    gather,
)
from agenttrace_analysis.attribution.steps import extract_steps
from agenttrace_analysis.eval.published import WHOWHEN_PUBLISHED
from agenttrace_analysis.eval.whowhen import Subset, WhoWhenRecord, speaker, to_trace
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


Gathered = dict[str, tuple[list[AgentStep], list[Evidence]] | None]
"""Steps and evidence per trace id, gathered once and shared by the weightings."""


def ours(weights: Weights | None = None, cache: Gathered | None = None) -> Method:
    """Our attribution (no LLM) as a method; the evidence of a trace is gathered once."""
    cache = {} if cache is None else cache

    def predict(record: WhoWhenRecord, trace: TraceData) -> Prediction:
        if trace.trace_id not in cache:
            cache[trace.trace_id] = gather(trace, [])
        found = cache[trace.trace_id]
        if found is None:
            return Prediction(None, None)
        result = conclude(*found, weights)
        return Prediction(str(result["agent"]), int(result["step"]))

    return predict


def _speakers(record: WhoWhenRecord) -> list[str]:
    return [speaker(record.subset, e)[0] for e in record.history]


def most_steps_agent(record: WhoWhenRecord, trace: TraceData) -> Prediction:
    """Baseline: the agent with the most steps in the run, at its first step."""
    names = _speakers(record)
    if not names:
        return Prediction(None, None)
    top = Counter(names).most_common(1)[0][0]
    return Prediction(top, names.index(top))


def first_step(record: WhoWhenRecord, trace: TraceData) -> Prediction:
    """Baseline: the very first step and its agent."""
    names = _speakers(record)
    return Prediction(names[0], 0) if names else Prediction(None, None)


def first_agent_step(record: WhoWhenRecord, trace: TraceData) -> Prediction:
    """Baseline: the first step not taken by the user, and its agent."""
    step = next((s for s in extract_steps(trace) if s.role is not StepRole.USER), None)
    return Prediction(step.agent, step.index) if step else Prediction(None, None)


def _majority_label(records: Sequence[WhoWhenRecord]) -> Method:
    """Baseline that reads labels: the most common culprit of the *other* records."""

    def predict(record: WhoWhenRecord, trace: TraceData) -> Prediction:
        others = Counter(
            r.mistake_agent.lower() for r in records if r.subset is record.subset and r != record
        )
        names = _speakers(record)
        lowered = [n.lower() for n in names]
        for label, _ in others.most_common():
            if label in lowered:
                return Prediction(names[lowered.index(label)], lowered.index(label))
        return Prediction(others.most_common(1)[0][0] if others else None, None)

    return predict


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


def random_expectation(records: Iterable[WhoWhenRecord]) -> Scores:
    """Baseline: a uniform guess among the run's agents and among its steps, in expectation."""
    scores = Scores()
    for record in records:
        names = {n.lower() for n in _speakers(record)}
        agent = 1 / len(names) if record.mistake_agent.lower() in names else 0.0
        step = 1 / len(record.history) if 0 <= record.mistake_step < len(record.history) else 0.0
        scores.add(record.subset, agent, step)
    return scores


VARIANTS: tuple[Weights, ...] = tuple(
    Weights(activity=a, coordinator=c)
    for a, c in itertools.product((0.5, 1.0, 2.0), (0.25, 0.5, 1.0))
)
"""The few weightings the cross-subset check chooses among."""


def cross_subset(records: Sequence[WhoWhenRecord], traces: Sequence[TraceData]) -> dict[str, Any]:
    """Choose a weighting on one subset, report it on the other (and the reverse)."""
    cache: Gathered = {}
    results = [(w, score(records, ours(w, cache), traces)[0]) for w in VARIANTS]
    out: dict[str, Any] = {}
    for fit, held in itertools.permutations(list(Subset), 2):
        fitted = [(w, s) for w, s in results if fit.value in s.by_subset]
        if not fitted or not any(held.value in s.by_subset for _, s in fitted):
            continue

        def merit(item: tuple[Weights, Scores], subset: Subset = fit) -> tuple[float, bool]:
            tally = item[1].by_subset[subset.value]
            # On a tie the default weighting wins: nothing is gained by moving off it.
            return (tally.agent + tally.step) / (tally.n or 1), item[0] == Weights()

        weights, chosen = max(fitted, key=merit)
        out[f"chosen_on_{fit.value}"] = {
            "weights": asdict(weights),
            "fit": chosen.by_subset[fit.value].as_json(),
            "held_out": {"subset": held.value, **chosen.by_subset[held.value].as_json()},
        }
    return out


def evaluate(
    records: Sequence[WhoWhenRecord],
    method: Method | None = None,
    tick: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """The whole report: the method, the measured baselines, the published ones, the check."""
    traces = [to_trace(r) for r in records]
    main, rows = score(records, method or ours(), traces, tick)
    baselines: dict[str, Any] = {"random_expected": random_expectation(records).as_json()}
    for name, base in (
        ("most_steps_agent", most_steps_agent),
        ("first_step", first_step),
        ("first_agent_step", first_agent_step),
        ("majority_label_leave_one_out", _majority_label(records)),
    ):
        baselines[name] = score(records, base, traces)[0].as_json()
    baselines["published"] = [
        {
            "method": p.method,
            "subset": p.subset.value,
            "agent_accuracy": p.agent_accuracy,
            "step_accuracy": p.step_accuracy,
        }
        for p in WHOWHEN_PUBLISHED
    ]
    return {
        **main.as_json(),
        "baselines": baselines,
        "cross_subset": cross_subset(records, traces) if method is None else {},
        "predictions": rows,
    }
