"""Evidence from outside the steps: failure annotations and communication-graph facts."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from typing import Any

from agenttrace_core.enums import AnnotationSource
from agenttrace_core.models import FailureAnnotation

from agenttrace_analysis.attribution.signals import Evidence, ReasonKind
from agenttrace_analysis.attribution.steps import AgentStep

logger = logging.getLogger(__name__)


def _step_of(
    steps: Sequence[AgentStep], agent: str | None, span_id: str | None
) -> AgentStep | None:
    if span_id:
        for step in steps:
            if step.span.span_id == span_id:
                return step
    if agent:
        return next((s for s in steps if s.agent == agent), None)
    return None


def from_annotations(
    steps: Sequence[AgentStep], annotations: Sequence[FailureAnnotation]
) -> list[Evidence]:
    """Annotations that name an agent or an agent step; a person's word counts most."""
    found = []
    for note in annotations:
        step = _step_of(steps, note.agent, note.span_id)
        if step is None:
            continue
        agent = note.agent or step.agent
        strength = 2.0 if note.source is AnnotationSource.HUMAN else 0.5
        found.append(
            Evidence(
                ReasonKind.ANNOTATION,
                agent,
                step.index,
                strength * note.confidence,
                f"{note.mode} ({note.source.value}) names {agent}"
                + (f": {note.explanation}" if note.explanation else ""),
            )
        )
    return found


def _paths(value: Any) -> list[list[str]]:
    """Agent lists from ``[["a", "b"], …]`` or ``[{"agents"|"path"|"nodes": [...]}, …]``."""
    paths: list[list[str]] = []
    if not isinstance(value, list):
        return paths
    for item in value:
        if isinstance(item, dict):
            item = next((item[k] for k in ("agents", "path", "nodes") if k in item), None)
        if isinstance(item, list) and all(isinstance(a, str) for a in item):
            paths.append(list(item))
    return paths


def from_graph_facts(
    steps: Sequence[AgentStep], graph_facts: dict[str, Any] | None
) -> list[Evidence]:
    """The origin of every error propagation path, and the busiest agent of every cycle."""
    if not graph_facts:
        return []
    found = []
    counts = Counter(s.agent for s in steps)
    for path in _paths(graph_facts.get("error_propagation")):
        step = _step_of(steps, path[0], None) if path else None
        if step is not None and len(path) > 1:
            found.append(
                Evidence(
                    ReasonKind.PROPAGATED_ERROR,
                    step.agent,
                    step.index,
                    1.5,
                    f"error propagated from {path[0]}'s output to " + ", ".join(path[1:]),
                )
            )
    for cycle in _paths(graph_facts.get("cycles")):
        members = [a for a in dict.fromkeys(cycle) if a in counts]
        if not members:
            continue
        owner = max(members, key=lambda a: (counts[a], a))
        step = _step_of(steps, owner, None)
        if step is not None:
            found.append(
                Evidence(
                    ReasonKind.LOOP_OWNER,
                    owner,
                    step.index,
                    0.5,
                    f"{owner} drives the loop " + " → ".join(cycle),
                )
            )
    logger.debug("%d pieces of evidence from graph facts", len(found))
    return found
