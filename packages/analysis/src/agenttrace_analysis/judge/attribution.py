"""The judge names the agent and step to blame, by the strategies of the Who&When paper.

- all-at-once: the whole run in one question;
- step-by-step: the run step by step, asking each time whether this step is the mistake;
- binary search: halve the range of steps, asking which half holds the mistake.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, assert_never

from agenttrace_core.enums import JudgeStrategy
from agenttrace_core.models import FailureAnnotation

from agenttrace_analysis.attribution import has_failed
from agenttrace_analysis.attribution.steps import AgentStep, extract_steps
from agenttrace_analysis.incidents import find_incidents
from agenttrace_analysis.judge.client import JudgeClient, JudgeError
from agenttrace_analysis.judge.parsing import as_bool, as_int, extract_json
from agenttrace_analysis.judge.transcript import render, task_of
from agenttrace_analysis.trace_data import TraceData

logger = logging.getLogger(__name__)

MAX_STEP_QUESTIONS = 60
"""Step-by-step asks about at most this many steps."""

_SYSTEM = (
    "You find which agent of a failed multi-agent LLM run made the decisive mistake, and at "
    "which step. Answer with one JSON object and nothing else."
)


Strategy = JudgeStrategy
"""How the judge is asked (defined in core, so that the command line reads it cheaply)."""


def _ask(client: JudgeClient, question: str) -> dict[str, Any] | None:
    reply = client.chat(
        [{"role": "system", "content": _SYSTEM}, {"role": "user", "content": question}]
    )
    return extract_json(reply)


def _all_at_once(client: JudgeClient, steps: Sequence[AgentStep]) -> tuple[int | None, str]:
    answer = _ask(
        client,
        f"The run failed.\n\n{render(steps, task_of(steps))}\n\n"
        'Reply as {"agent": "<name>", "step": <step number>, "reason": "<one sentence>"}.',
    )
    if not answer:
        return None, ""
    step = as_int(answer.get("step"))
    if step is None and isinstance(answer.get("agent"), str):
        step = next((s.index for s in steps if s.agent == answer["agent"]), None)
    return step, str(answer.get("reason") or "")


def _step_by_step(client: JudgeClient, steps: Sequence[AgentStep]) -> tuple[int | None, str]:
    task = task_of(steps)
    for step in steps[:MAX_STEP_QUESTIONS]:
        answer = _ask(
            client,
            f"The run failed. The run so far:\n\n{render(steps[: step.index + 1], task)}\n\n"
            f"Is step {step.index} ({step.agent}) the decisive mistake that made the run fail? "
            'Reply as {"mistake": true|false, "reason": "<one sentence>"}.',
        )
        if answer and as_bool(answer.get("mistake")):
            return step.index, str(answer.get("reason") or "")
    return None, ""


def _binary_search(client: JudgeClient, steps: Sequence[AgentStep]) -> tuple[int | None, str]:
    lo, hi = 0, len(steps) - 1
    reason = ""
    while lo < hi:
        mid = (lo + hi) // 2
        answer = _ask(
            client,
            f"The run failed.\n\n{render(steps[lo : hi + 1], task_of(steps))}\n\n"
            f"Is the decisive mistake in steps {lo}-{mid} (lower) or {mid + 1}-{hi} (upper)? "
            'Reply as {"half": "lower"|"upper", "reason": "<one sentence>"}.',
        )
        half = str((answer or {}).get("half", "")).strip().lower()
        if half not in {"lower", "upper"}:
            logger.warning("binary search: unusable reply, stopping at steps %d-%d", lo, hi)
            return None, ""
        reason = str((answer or {}).get("reason") or "")
        lo, hi = (lo, mid) if half == "lower" else (mid + 1, hi)
    return lo, reason


def judge_attribution(
    client: JudgeClient,
    data: TraceData,
    strategy: Strategy = Strategy.ALL_AT_ONCE,
    annotations: Sequence[FailureAnnotation] = (),
) -> dict[str, Any] | None:
    """The judge's attribution, shaped like :func:`~agenttrace_analysis.attribution.attribute`.

    None when the run did not fail (by its incidents, errors, people, or the ``annotations``
    given, such as the judge's own labels), has no steps, or the judge gave no usable answer.
    """
    if not has_failed(data, list(annotations), find_incidents(data)):
        return None
    steps = extract_steps(data)
    if not steps:
        return None
    try:
        match strategy:
            case Strategy.ALL_AT_ONCE:
                index, reason = _all_at_once(client, steps)
            case Strategy.STEP_BY_STEP:
                index, reason = _step_by_step(client, steps)
            case Strategy.BINARY_SEARCH:
                index, reason = _binary_search(client, steps)
            case _:
                assert_never(strategy)
    except JudgeError:
        logger.exception("attribution judge failed for trace %s", data.trace_id)
        return None
    if index is None or not 0 <= index < len(steps):
        return None
    step = steps[index]
    reasons = [f"LLM judge ({strategy.value}): {reason or 'no reason given'}"]
    return {
        "agent": step.agent,
        "span_id": step.span.span_id,
        "step": step.index,
        "confidence": 0.5,
        "reasons": reasons,
        "ranking": [{"agent": step.agent, "score": 1.0, "reasons": reasons}],
    }
