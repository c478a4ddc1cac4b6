"""The agent steps of a run, in time order, with what attribution needs to know of each."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from enum import StrEnum

from agenttrace_core.enums import MessageKind, SpanStatus, SpanType
from agenttrace_core.models import Span

from agenttrace_analysis.trace_data import TraceData

logger = logging.getLogger(__name__)

_USER_NAMES = frozenset({"user", "human", "user_proxy", "userproxy", "client", "customer"})

EXECUTION_OUTPUT = re.compile(
    r"^\s*(exitcode:|exit code:|code output:|there is no code|no code block)", re.IGNORECASE
)
"""Outputs of a code executor or tool runner, recognized by how they start."""


class StepRole(StrEnum):
    """What an agent does in the run, as far as responsibility goes."""

    WORKER = "worker"
    """Produces content of its own (answers, facts, code, actions)."""
    COORDINATOR = "coordinator"
    """Mostly plans and delegates to other agents."""
    EXECUTOR = "executor"
    """Runs what others wrote (code executors, terminals): its output is not its own."""
    USER = "user"
    """The person or entry point who posed the task."""


@dataclass
class AgentStep:
    """One step of one agent: an agent span (or, without those, an agent's top span)."""

    index: int
    agent: str
    span: Span
    text: str
    role: StepRole = StepRole.WORKER
    inner_errors: list[Span] = field(default_factory=list)
    """Error spans inside this step (its tool and model calls), not in another agent's step."""

    @property
    def failed(self) -> bool:
        """True when the step's span, or a span inside the step, has an error status."""
        return self.span.status is SpanStatus.ERROR or bool(self.inner_errors)


def _text(span: Span) -> str:
    parts = [span.output or "", span.status_message or ""]
    if not span.output and span.input:
        parts.insert(0, span.input)
    return "\n".join(p for p in parts if p)


def _agent_spans(data: TraceData) -> list[Span]:
    spans = [s for s in data.spans if s.agent and s.span_type is SpanType.AGENT]
    if spans:
        # Keep the outermost agent span of each nested chain of the same agent.
        by_id = {s.span_id: s for s in spans}
        outer = []
        for s in spans:
            parent = by_id.get(s.parent_span_id) if s.parent_span_id else None
            if parent is None or parent.agent != s.agent:
                outer.append(s)
        spans = outer
    else:
        ids = {s.span_id: s for s in data.spans}
        spans = [
            s
            for s in data.spans
            if s.agent
            and (
                s.parent_span_id is None
                or getattr(ids.get(s.parent_span_id), "agent", None) != s.agent
            )
        ]
    return sorted(spans, key=lambda s: (s.start_time, s.span_id))


INNER_TEXT_CHARS = 4000
"""At most this much of the outputs inside a step stands in for a step without output."""


def _fill_from_inner_spans(steps: list[AgentStep], data: TraceData) -> None:
    """Give each step the error spans inside it, and their outputs when it has none."""
    by_step: dict[str, AgentStep] = {s.span.span_id: s for s in steps}
    by_id: dict[str, Span] = {s.span_id: s for s in data.spans}
    inner_text: dict[int, list[str]] = {}
    for span in data.spans:
        if span.span_id in by_step:
            continue
        step = _enclosing(span, by_step, by_id)
        if step is None:
            continue
        if span.status is SpanStatus.ERROR:
            step.inner_errors.append(span)
        if span.output:
            inner_text.setdefault(step.index, []).append(span.output)
    for step in steps:
        extra = "\n".join(inner_text.get(step.index, []))[:INNER_TEXT_CHARS]
        if not step.span.output and extra:
            step.text = "\n".join(p for p in (step.text, extra) if p)
        if step.inner_errors and not step.text:
            step.text = step.inner_errors[0].status_message or ""


def _enclosing(
    span: Span, by_step: dict[str, AgentStep], by_id: dict[str, Span]
) -> AgentStep | None:
    current = span.parent_span_id
    for _ in range(len(by_id) + 1):
        if current is None:
            return None
        if current in by_step:
            return by_step[current]
        parent = by_id.get(current)
        current = parent.parent_span_id if parent else None
    return None


def _delegators(data: TraceData) -> set[str]:
    kinds = {MessageKind.DELEGATION, MessageKind.HANDOFF}
    return {m.from_agent for m in data.messages if m.kind in kinds and m.from_agent}


def _is_user(name: str, role: str | None) -> bool:
    return name.lower() in _USER_NAMES or (role or "").lower() in {"user", "human"}


def extract_steps(data: TraceData) -> list[AgentStep]:
    """The run's agent steps in time order, each with the role its agent plays.

    An agent is an executor when every one of its steps reads like execution output, a
    coordinator when it delegates or hands off to others and does not execute, and the user
    when its name or role says so.
    """
    roles = {a.name: a.role for a in data.agents}
    steps = [AgentStep(i, str(s.agent), s, _text(s)) for i, s in enumerate(_agent_spans(data))]
    _fill_from_inner_spans(steps, data)
    by_agent: dict[str, list[AgentStep]] = {}
    for step in steps:
        by_agent.setdefault(step.agent, []).append(step)
    delegators = _delegators(data)
    for name, own in by_agent.items():
        if _is_user(name, roles.get(name)):
            role = StepRole.USER
        elif all(EXECUTION_OUTPUT.match(s.text) for s in own):
            role = StepRole.EXECUTOR
        elif name in delegators:
            role = StepRole.COORDINATOR
        else:
            role = StepRole.WORKER
        for s in own:
            s.role = role
    logger.debug("%d agent steps in trace %s", len(steps), data.trace_id)
    return steps


def step_of_span(steps: list[AgentStep], data: TraceData, span_id: str | None) -> AgentStep | None:
    """The agent step that is, or contains, the span ``span_id``."""
    if not span_id:
        return None
    by_step: dict[str, AgentStep] = {s.span.span_id: s for s in steps}
    by_id: dict[str, Span] = {s.span_id: s for s in data.spans}
    if span_id in by_step:
        return by_step[span_id]
    span = by_id.get(span_id)
    return _enclosing(span, by_step, by_id) if span else None
