"""Measured baselines: simple rules (and chance) that any attribution method must beat."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from agenttrace_analysis.attribution import StepRole
from agenttrace_analysis.attribution.steps import extract_steps
from agenttrace_analysis.eval.scoring import Method, Prediction, Scores
from agenttrace_analysis.eval.whowhen import WhoWhenRecord, speaker
from agenttrace_analysis.trace_data import TraceData


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


def majority_label(records: Sequence[WhoWhenRecord]) -> Method:
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


def random_expectation(records: Iterable[WhoWhenRecord]) -> Scores:
    """Baseline: a uniform guess among the run's agents and among its steps, in expectation."""
    scores = Scores()
    for record in records:
        names = {n.lower() for n in _speakers(record)}
        agent = 1 / len(names) if record.mistake_agent.lower() in names else 0.0
        step = 1 / len(record.history) if 0 <= record.mistake_step < len(record.history) else 0.0
        scores.add(record.subset, agent, step)
    return scores
