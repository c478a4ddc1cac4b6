"""Combine the evidence into a ranking of agents and one decisive step."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from agenttrace_analysis.attribution.signals import Evidence, ReasonKind
from agenttrace_analysis.attribution.steps import AgentStep, StepRole

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Weights:
    """How much each part counts; the defaults are the method the docs measure."""

    activity: float = 1.0
    """Weight of an agent's share of the run's own work (agents that do more, err more)."""
    coordinator: float = 0.5
    """Factor on a coordinator's share: it delegates, the content comes from others."""


@dataclass
class AgentScore:
    """One agent's place in the ranking."""

    agent: str
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


def turns(steps: Sequence[AgentStep]) -> Counter[str]:
    """Turns per agent: a run of consecutive steps by one agent is one turn."""
    counts: Counter[str] = Counter()
    previous = None
    for step in steps:
        if step.agent != previous:
            counts[step.agent] += 1
        previous = step.agent
    return counts


def _candidates(steps: Sequence[AgentStep]) -> list[AgentStep]:
    own = [s for s in steps if s.role in (StepRole.WORKER, StepRole.COORDINATOR)]
    return own or [s for s in steps if s.role is not StepRole.USER] or list(steps)


def rank(
    steps: Sequence[AgentStep], evidence: Sequence[Evidence], weights: Weights | None = None
) -> list[AgentScore]:
    """Agents from most to least responsible, with their scores and reasons.

    Each agent's score is its weighted share of the work plus, per kind of evidence, the
    strongest piece of that kind against it.
    """
    w = weights or Weights()
    candidates = _candidates(steps)
    all_turns = turns(steps)
    counts = Counter({s.agent: all_turns[s.agent] for s in candidates})
    role = {s.agent: s.role for s in candidates}
    total = sum(counts.values()) or 1
    scores = {a: AgentScore(a) for a in counts}
    for agent, n in counts.items():
        factor = w.coordinator if role[agent] is StepRole.COORDINATOR else 1.0
        scores[agent].score = w.activity * factor * n / total
        scores[agent].reasons.append(f"took {n} of the {total} turns of the run's agents")
    best: dict[tuple[str, ReasonKind], Evidence] = {}
    for item in evidence:
        if item.agent not in scores:
            continue
        key = (item.agent, item.kind)
        if key not in best or item.weight > best[key].weight:
            best[key] = item
    for (agent, _), item in best.items():
        scores[agent].score += item.weight
    by_agent: dict[str, list[Evidence]] = defaultdict(list)
    for item in sorted(evidence, key=lambda e: (e.step, -e.weight)):
        if item.agent in scores:
            by_agent[item.agent].append(item)
    for agent, items in by_agent.items():
        scores[agent].evidence = items
        scores[agent].reasons = [e.reason for e in items] + scores[agent].reasons
    first = {a: min(s.index for s in candidates if s.agent == a) for a in counts}
    return sorted(scores.values(), key=lambda s: (-s.score, first[s.agent], s.agent))


def decisive_step(steps: Sequence[AgentStep], top: AgentScore) -> AgentStep:
    """The step where the top agent went wrong: its earliest evidence of a cause.

    Without one, its first step: a symptom (a failure label, a loop) shows after the cause,
    and mistakes made early are the ones that propagate.
    """
    causes = [e.step for e in top.evidence if e.causal]
    if causes:
        return steps[min(causes)]
    return next(s for s in steps if s.agent == top.agent)


def to_json(steps: Sequence[AgentStep], ranking: Sequence[AgentScore]) -> dict[str, Any]:
    """The contract's attribution object."""
    top = ranking[0]
    step = decisive_step(steps, top)
    total = sum(max(r.score, 0.0) for r in ranking) or 1.0
    return {
        "agent": top.agent,
        "span_id": step.span.span_id,
        "step": step.index,
        "confidence": round(min(1.0, max(0.0, top.score / total)), 3),
        "reasons": top.reasons,
        "ranking": [
            {"agent": r.agent, "score": round(r.score, 3), "reasons": r.reasons} for r in ranking
        ],
    }
