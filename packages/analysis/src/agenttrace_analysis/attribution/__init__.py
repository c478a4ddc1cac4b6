"""Failure attribution: which agent, and which step, a failed run is to be blamed on.

>>> from agenttrace_analysis.attribution import attribute
>>> attribute(data, annotations)  # doctest: +SKIP
{"agent": "Researcher", "span_id": "…", "step": 3, "confidence": 0.61, "reasons": [...], ...}
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from agenttrace_core.enums import AnnotationSource, HumanVerdict, SpanStatus
from agenttrace_core.models import FailureAnnotation

from agenttrace_analysis.attribution.facts import from_annotations, from_graph_facts
from agenttrace_analysis.attribution.incidents import (
    incident_evidence,
    pin_to_incident,
    unrecovered_errors,
)
from agenttrace_analysis.attribution.ranking import AgentScore, Weights, rank, to_json
from agenttrace_analysis.attribution.signals import (
    Evidence,
    ReasonKind,
    answer_origin,
    errors,
    fabrications,
    repetitions,
)
from agenttrace_analysis.attribution.steps import (
    AgentStep,
    StepRole,
    extract_steps,
    step_of_span,
)
from agenttrace_analysis.incidents import Incident, find_incidents
from agenttrace_analysis.trace_data import TraceData

__all__ = [
    "AgentScore",
    "AgentStep",
    "Evidence",
    "ReasonKind",
    "StepRole",
    "Weights",
    "attribute",
    "conclude",
    "gather",
    "has_failed",
]

logger = logging.getLogger(__name__)


def has_failed(
    data: TraceData,
    annotations: list[FailureAnnotation],
    incidents: Sequence[Incident] = (),
) -> bool:
    """A run failed when a person says so, an incident was found, or an error was not
    recovered from.

    A person's verdict that the run was good overrides the rest. A tool error that a retry of
    the same tool fixed, or that the agent reported in its next answer, is not a failure of
    the run (the spans that merely contain it are not either); any other error span is.
    Detector labels alone do not make a run failed (they are hints); a person's do, and so
    do the optional LLM judge's confident ones.
    """
    summary = data.summary
    if summary is not None and summary.human_verdict is HumanVerdict.GOOD:
        return False
    if summary is not None and summary.human_verdict is HumanVerdict.FAILED:
        return True
    if (
        summary is not None
        and summary.status is SpanStatus.ERROR
        and not any(sp.status is SpanStatus.ERROR for sp in data.spans)
    ):
        return True  # marked failed as a whole, not through its spans
    if data.human_annotations or any(a.source is AnnotationSource.HUMAN for a in annotations):
        return True
    if incidents:
        return True
    if any(
        a.source is AnnotationSource.LLM and a.confidence >= JUDGE_CONFIDENCE for a in annotations
    ):
        return True  # the LLM judge is an opt-in reader of content: its word counts
    return bool(unrecovered_errors(data))


JUDGE_CONFIDENCE = 0.5
"""An LLM judge's label at least this confident makes a run failed."""


def collect_evidence(
    data: TraceData,
    steps: list[AgentStep],
    annotations: list[FailureAnnotation],
    graph_facts: dict[str, Any] | None = None,
) -> list[Evidence]:
    """Every piece of evidence the trace, its annotations and its graph give."""

    def resolve(span_id: str | None) -> AgentStep | None:
        return step_of_span(steps, data, span_id)

    found = errors(steps) + fabrications(steps) + answer_origin(steps) + repetitions(steps)
    found += from_annotations(steps, annotations, resolve)
    found += from_graph_facts(steps, graph_facts, resolve)
    return found


def attribute(
    data: TraceData,
    annotations: list[FailureAnnotation],
    graph_facts: dict[str, Any] | None = None,
    *,
    weights: Weights | None = None,
) -> dict[str, Any] | None:
    """Rank the agents of a failed run by responsibility and name the decisive step.

    Args:
        data: The run.
        annotations: Failure annotations of the run (detectors, judge, people).
        graph_facts: Facts from the communication graph (``cycles``,
            ``error_propagation``), when available.
        weights: The weighting of the method (the default is the measured one).

    Returns:
        ``{"agent", "span_id", "step", "confidence", "reasons", "ranking"}`` where ``step``
        indexes the run's time-ordered agent steps; None when the run did not fail or has no
        agent steps.
    """
    incidents = find_incidents(data)
    found = gather(data, annotations, graph_facts, incidents)
    if found is None:
        return None
    steps, evidence = found
    result = conclude(steps, evidence, weights)
    return pin_to_incident(result, steps, incidents)


def gather(
    data: TraceData,
    annotations: list[FailureAnnotation],
    graph_facts: dict[str, Any] | None = None,
    incidents: Sequence[Incident] = (),
) -> tuple[list[AgentStep], list[Evidence]] | None:
    """The steps and the evidence of a failed run; None when it did not fail or has no steps."""
    all_annotations = [*annotations, *data.human_annotations]
    if not has_failed(data, all_annotations, incidents):
        return None
    steps = extract_steps(data)
    if not steps:
        logger.info("trace %s failed but has no agent steps to attribute", data.trace_id)
        return None
    evidence = collect_evidence(data, steps, all_annotations, graph_facts)
    return steps, evidence + incident_evidence(steps, data, incidents)


def conclude(
    steps: list[AgentStep], evidence: list[Evidence], weights: Weights | None = None
) -> dict[str, Any]:
    """The attribution (contract JSON) from gathered steps and evidence."""
    return to_json(steps, rank(steps, evidence, weights))
