"""Incidents as attribution evidence, and which errors a run did not recover from."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from agenttrace_core.enums import SpanStatus, SpanType
from agenttrace_core.models import Span

from agenttrace_analysis.attribution.signals import Evidence, ReasonKind
from agenttrace_analysis.attribution.steps import AgentStep, step_of_span
from agenttrace_analysis.incidents import ActKind, Incident, RunActs, run_acts
from agenttrace_analysis.incidents import text as tx
from agenttrace_analysis.trace_data import TraceData

logger = logging.getLogger(__name__)

INCIDENT_WEIGHT = 3.0
"""An incident names a cause with its act: it outweighs every other kind of evidence."""


def incident_evidence(
    steps: Sequence[AgentStep], data: TraceData, incidents: Sequence[Incident]
) -> list[Evidence]:
    """One piece of causal evidence per incident, on the agent step that holds its act.

    The earliest incident weighs most: what went wrong first is what the rest follows from.
    """
    found = []
    for n, item in enumerate(incidents):
        step = step_of_span(list(steps), data, item.act.span.span_id)
        step = step or next((s for s in steps if s.agent == item.agent), None)
        if step is None:
            continue
        found.append(
            Evidence(
                ReasonKind.INCIDENT,
                item.agent,
                step.index,
                INCIDENT_WEIGHT * item.confidence / (1 + 0.25 * n),
                item.sentence,
            )
        )
    return found


def pin_to_incident(
    result: dict[str, Any], steps: Sequence[AgentStep], incidents: Sequence[Incident]
) -> dict[str, Any]:
    """The attribution of a run with incidents: the first incident's agent and act.

    An incident names the model call or handoff where an agent went wrong, finer than the
    agent step (the whole turn) the ranking works with, and it may name an agent that has
    no agent span of its own (a coworker called through a delegation tool). The ranking
    keeps its order below that agent.
    """
    if not incidents:
        return result
    first = incidents[0]
    step = result.get("step")
    for s in steps:
        if s.span.start_time <= first.act.start <= s.span.end_time:
            step = s.index
            if s.agent == first.agent:
                break
    reasons = [i.sentence for i in incidents if i.agent == first.agent]
    ranking = [r for r in result.get("ranking", []) if r.get("agent") != first.agent]
    own = next((r for r in result.get("ranking", []) if r.get("agent") == first.agent), None)
    top = max((float(r.get("score", 0.0)) for r in ranking), default=0.0)
    entry = {
        "agent": first.agent,
        "score": round(top + INCIDENT_WEIGHT * first.confidence, 3),
        "reasons": _unique(reasons + (own or {}).get("reasons", [])),
    }
    return {
        **result,
        "agent": first.agent,
        "span_id": first.act.span.span_id,
        "step": step,
        "confidence": round(first.confidence, 3),
        "reasons": entry["reasons"],
        "ranking": [entry, *ranking],
        "incident": first.kind.value,
        "evidence_span_ids": first.span_ids,
    }


def _unique(reasons: list[str]) -> list[str]:
    """The reasons without repeats, nor a label's echo of a sentence already given."""
    out: list[str] = []
    for reason in reasons:
        if not any(reason == kept or kept in reason for kept in out):
            out.append(reason)
    return out


def _retried_fine(run: RunActs, span: Span) -> bool:
    """A later call of the same tool by the same agent worked."""
    name = span.name.removeprefix("execute_tool ").rsplit(".", 1)[-1].strip()
    agent = span.agent or run.data.owner(span)
    return any(
        a.kind is ActKind.TOOL
        and a.agent == agent
        and a.tool_name == name
        and a.start > span.start_time
        and a.span.status is not SpanStatus.ERROR
        and not tx.tool_failed(a.text)
        for a in run.by_agent.get(agent or "", [])
    )


def unrecovered_errors(data: TraceData) -> list[Span]:
    """Error spans the run did not recover from.

    A failed tool call is recovered when the same agent later calls the same tool and it
    works, or when the agent's next answer says it failed. A span that merely contains a
    failed tool call (the step or agent around it, often marked failed with it) follows that
    call's fate.
    """
    errors = [sp for sp in data.spans if sp.status is SpanStatus.ERROR]
    if not errors:
        return []
    run = run_acts(data)
    tool_acts = {a.span.span_id: a for a in run.acts if a.kind is ActKind.TOOL}
    recovered: set[str] = set()
    for sid, act in tool_acts.items():
        if act.span.status is not SpanStatus.ERROR:
            continue
        for later in run.after(act, agent=act.agent):
            if later.kind is ActKind.TOOL and later.tool_name == act.tool_name:
                if later.span.status is not SpanStatus.ERROR and not tx.tool_failed(later.text):
                    recovered.add(sid)
                    break
                continue
            if later.kind is ActKind.LLM and tx.calls_in_code(later.text, act.tool_name):
                continue  # a code step that calls the tool again: the retry decides
            if later.kind is ActKind.LLM and later.text and not later.requests:
                if tx.admits_failure(later.text):
                    recovered.add(sid)
                break
    failed_tools = {sid for sid, a in tool_acts.items() if a.span.status is SpanStatus.ERROR}
    out = []
    for sp in errors:
        if sp.span_id in tool_acts:
            if sp.span_id not in recovered:
                out.append(sp)
            continue
        if any(a.span_id in recovered for a in data.ancestors(sp)):
            continue  # the same call told twice (nested spans of two instrumentations)
        if sp.span_type is SpanType.TOOL and _retried_fine(run, sp):
            continue  # a second span of a call the act list holds once; a retry worked
        below = [s for s in data.subtree(sp) if s.span_id in failed_tools]
        if below and all(b.span_id in recovered for b in below) and _echoes(sp, below):
            continue
        out.append(sp)
    return out


def _echoes(span: Span, below: list[Span]) -> bool:
    """A span's error that only repeats the failed tool calls below it (no message of its
    own, or one of theirs)."""
    own = (span.status_message or "").strip()
    if not own:
        return True
    return any(
        own in (b.status_message or "") or (b.status_message or "").strip() in own
        for b in below
        if (b.status_message or "").strip()
    )
