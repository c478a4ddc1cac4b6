"""Evidence from outside the steps: failure annotations and communication-graph facts."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from agenttrace_core.enums import AnnotationSource
from agenttrace_core.models import FailureAnnotation

from agenttrace_analysis.attribution.signals import Evidence, ReasonKind
from agenttrace_analysis.attribution.steps import AgentStep, StepRole

logger = logging.getLogger(__name__)

MIN_LOOP_REPEATS = 3
"""Taking turns twice is how any chat goes; a round repeated this often is a loop."""

Resolve = Callable[[str | None], AgentStep | None]
"""Maps a span id to the agent step that is or contains it."""


def _first_of(steps: Sequence[AgentStep], agent: str | None) -> AgentStep | None:
    return next((s for s in steps if s.agent == agent), None) if agent else None


def from_annotations(
    steps: Sequence[AgentStep], annotations: Sequence[FailureAnnotation], resolve: Resolve
) -> list[Evidence]:
    """Annotations that name an agent or an agent step; a person's word counts most."""
    found = []
    for note in annotations:
        step = resolve(note.span_id) or _first_of(steps, note.agent)
        if step is None:
            continue
        agent = note.agent or step.agent
        # A person's word is a verdict; a machine label marks where a failure shows, which is
        # often downstream of its cause, so it counts less than direct evidence of a cause.
        strength = 2.0 if note.source is AnnotationSource.HUMAN else 0.25
        explanation = f": {note.explanation}" if note.explanation else ""
        found.append(
            Evidence(
                ReasonKind.ANNOTATION,
                agent,
                step.index,
                strength * note.confidence,
                f"{note.mode} ({note.source.value}) names {agent}{explanation}",
                causal=note.source is AnnotationSource.HUMAN,
            )
        )
    return found


def _items(value: Any, key: str) -> list[dict[str, Any]]:
    """Dicts with a list of agent names under ``key`` (bare lists are taken as that list)."""
    out: list[dict[str, Any]] = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, list):
            item = {key: item}
        if isinstance(item, dict) and isinstance(item.get(key), list) and item[key]:
            out.append(item)
    return out


def from_graph_facts(
    steps: Sequence[AgentStep], graph_facts: dict[str, Any] | None, resolve: Resolve
) -> list[Evidence]:
    """The origin of every error propagation path, and the busiest agent of every loop.

    Reads ``error_propagation`` (``[{"path": [agents], "span_ids": [...]}]``) and ``loops``
    (``[{"agents": [...], "repeats": n, "span_ids": [...]}]``) of the graph module.
    """
    if not graph_facts:
        return []
    found = []
    for item in _items(graph_facts.get("error_propagation"), "path"):
        path = [str(a) for a in item["path"]]
        span_ids = item.get("span_ids") or [None]
        step = resolve(span_ids[0]) or _first_of(steps, path[0])
        if step is not None and len(path) > 1:
            found.append(
                Evidence(
                    ReasonKind.PROPAGATED_ERROR,
                    path[0],
                    step.index,
                    1.5,
                    f"error propagated from {path[0]}'s output to " + ", ".join(path[1:]),
                )
            )
    counts = Counter(s.agent for s in steps)
    workers = {s.agent for s in steps if s.role is StepRole.WORKER}
    for item in _items(graph_facts.get("loops"), "agents"):
        members = [a for a in dict.fromkeys(item["agents"]) if a in counts]
        repeats = int(item.get("repeats") or 2)
        if not members or repeats < MIN_LOOP_REPEATS:
            continue
        # Going round is normal in a group chat; the member doing the work that has to be
        # redone (a worker rather than the coordinator re-delegating) owns the loop.
        owner = max(members, key=lambda a: (a in workers, counts[a], a))
        step = _first_of(
            [s for s in map(resolve, item.get("span_ids") or []) if s is not None], owner
        ) or _first_of(steps, owner)
        if step is not None:
            found.append(
                Evidence(
                    ReasonKind.LOOP_OWNER,
                    owner,
                    step.index,
                    min(0.3, 0.05 * repeats),
                    f"{owner} drives a loop " + " → ".join(item["agents"]) + f", {repeats} times",
                    causal=False,
                )
            )
    logger.debug("%d pieces of evidence from graph facts", len(found))
    return found
