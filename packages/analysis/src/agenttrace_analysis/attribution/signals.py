"""Evidence of responsibility read from the steps of a failed run, one function a kind.

Every function returns :class:`Evidence` items: a step, the agent held responsible for it, a
weight and a sentence a person can check against the trace. They use structure and text
only (statuses, who spoke after whom, what the outputs say), nothing specific to a dataset.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz

from agenttrace_analysis.attribution.steps import AgentStep, StepRole

logger = logging.getLogger(__name__)


class ReasonKind(StrEnum):
    """Why a step or an agent is held responsible."""

    FIRST_ERROR = "first_error"
    PROPAGATED_ERROR = "propagated_error"
    FAILED_CODE = "failed_code"
    FABRICATION = "fabrication"
    ANSWER_ORIGIN = "answer_origin"
    LOOP_OWNER = "loop_owner"
    IGNORED_INPUT = "ignored_input"
    ANNOTATION = "annotation"
    INCIDENT = "incident"


@dataclass(frozen=True)
class Evidence:
    """One reason to blame ``agent`` for step ``step`` (an index into the agent steps)."""

    kind: ReasonKind
    agent: str
    step: int
    weight: float
    reason: str
    causal: bool = True
    """Evidence of a cause (an error, invented data, where the answer came from) rather than
    of a symptom (a machine's failure label, a loop); only causes pick the decisive step
    when there are any."""


_FAILURE = re.compile(
    r"(exitcode:\s*[1-9]|execution failed|traceback \(most recent call last\)|"
    r"^\s*\w*(error|exception):\s)",
    re.IGNORECASE | re.MULTILINE,
)
_TRACEBACK = re.compile(r"traceback \(most recent call last\)", re.IGNORECASE)
_FABRICATION = re.compile(
    r"(\b(let'?s|we('ll| will| can)?|i('ll| will)?) (assume|simulate|make up|invent)\b|"
    r"\bassuming (that )?the\b|"
    r"\b(hypothetical|placeholder|dummy|mock|simulated|sample|example|fictional|made[- ]up) "
    r"(data|dataset|values?|numbers?|figures?|results?|inputs?|names?)\b|"
    r"\bfor (demonstration|illustration|illustrative) purposes?\b)",
    re.IGNORECASE,
)
_FINAL = re.compile(r"final answer\s*[:\uff1a]\s*(.+)", re.IGNORECASE)
_TOKEN = re.compile(
    # numbers, and capitalized words inside a sentence (names, titles), not sentence starts
    r"\d[\d,]*(?:\.\d+)?|(?<=[a-z0-9,;:] )[A-Z][A-Za-z'\u2019-]{2,}"
)
_DONE = re.compile(r"^\W*(terminate|done|exit|stop)\W*$", re.IGNORECASE)


def _author_before(steps: Sequence[AgentStep], index: int) -> AgentStep | None:
    """The nearest earlier step whose output is the agent's own (not an executor, not the user)."""
    for step in reversed(steps[:index]):
        if step.role in (StepRole.WORKER, StepRole.COORDINATOR):
            return step
    return None


def _is_failure(step: AgentStep) -> bool:
    """An error status; for an executor, also output that reports a failure."""
    if step.failed:
        return True
    if step.role is StepRole.EXECUTOR:
        return bool(_FAILURE.search(step.text[:2000]))
    return bool(_TRACEBACK.search(step.text))


def _error_detail(step: AgentStep) -> str:
    span = step.inner_errors[0] if step.inner_errors else step.span
    message = (span.status_message or "").strip().splitlines()
    if not message:
        return ""
    where = f"{span.name}: " if span is not step.span else ""
    return f" ({where}{message[0][:120]})"


def errors(steps: Sequence[AgentStep]) -> list[Evidence]:
    """The first failing step, and the author of what failed when someone else ran it."""
    found: list[Evidence] = []
    first = True
    for step in steps:
        if not _is_failure(step):
            continue
        if step.role is StepRole.EXECUTOR:
            author = _author_before(steps, step.index)
            if author is not None:
                found.append(
                    Evidence(
                        ReasonKind.FAILED_CODE,
                        author.agent,
                        author.index,
                        1.0 if first else 0.5,
                        f"{author.agent} wrote what failed when {step.agent} ran it "
                        f"(step {step.index})",
                    )
                )
        elif first:
            found.append(
                Evidence(
                    ReasonKind.FIRST_ERROR,
                    step.agent,
                    step.index,
                    1.5,
                    f"first error of the run is in {step.agent}'s step {step.index}"
                    + _error_detail(step),
                )
            )
        first = False
    return found


def fabrications(steps: Sequence[AgentStep]) -> list[Evidence]:
    """Steps that say they assume, simulate or invent data instead of obtaining it."""
    found = []
    for step in steps:
        if step.role not in (StepRole.WORKER, StepRole.COORDINATOR):
            continue
        match = _FABRICATION.search(step.text)
        if match:
            found.append(
                Evidence(
                    ReasonKind.FABRICATION,
                    step.agent,
                    step.index,
                    1.0,
                    f"{step.agent} works from assumed or simulated data ('{match.group(0)}') "
                    f"at step {step.index}",
                )
            )
    return found


def _tokens(text: str) -> set[str]:
    return {t.replace(",", "").lower() for t in _TOKEN.findall(text)}


def answer_origin(steps: Sequence[AgentStep]) -> list[Evidence]:
    """The step that first brought in what the run's final answer says."""
    final = next(
        (s for s in reversed(steps) if s.role is not StepRole.USER and not _DONE.match(s.text)),
        None,
    )
    if final is None:
        return []
    match = _FINAL.search(final.text)
    answer = _tokens(match.group(1) if match else final.text[-600:])
    task = _tokens(steps[0].span.input or "")
    if steps[0].role is StepRole.USER:
        task |= _tokens(steps[0].text)
    answer -= task
    if not answer:
        return []
    seen: set[str] = set()
    best: tuple[int, AgentStep] | None = None
    for step in steps[: final.index]:
        new = (_tokens(step.text) & answer) - seen
        seen |= new
        if new and (best is None or len(new) > best[0]):
            best = (len(new), step)
    if best is None:
        return []
    origin = best[1]
    if origin.role is StepRole.EXECUTOR:
        author = _author_before(steps, origin.index)
        if author is None:
            return []
        origin = author
    if origin.role is StepRole.USER:
        return []
    return [
        Evidence(
            ReasonKind.ANSWER_ORIGIN,
            origin.agent,
            origin.index,
            1.0,
            f"the final answer derives from {origin.agent}'s output at step {origin.index}",
        )
    ]


def repetitions(steps: Sequence[AgentStep], threshold: float = 90.0) -> list[Evidence]:
    """Agents that repeat the same output (the owner of a loop), and who ignored a correction.

    A repeated output right after another agent's reply means that reply was ignored.
    """
    found: list[Evidence] = []
    last: dict[str, AgentStep] = {}
    for step in steps:
        if step.role in (StepRole.EXECUTOR, StepRole.USER) or _DONE.match(step.text):
            continue
        prev = last.get(step.agent)
        if prev is not None and fuzz.ratio(prev.text[:1500], step.text[:1500]) >= threshold:
            between = [s for s in steps[prev.index + 1 : step.index] if s.agent != step.agent]
            kind = ReasonKind.IGNORED_INPUT if between else ReasonKind.LOOP_OWNER
            what = (
                f"ignored {between[-1].agent}'s reply and repeated itself"
                if between
                else "repeats the same step"
            )
            found.append(
                Evidence(
                    kind,
                    step.agent,
                    prev.index,
                    0.5,
                    f"{step.agent} {what} (steps {prev.index} and {step.index})",
                )
            )
        last[step.agent] = step
    return found
