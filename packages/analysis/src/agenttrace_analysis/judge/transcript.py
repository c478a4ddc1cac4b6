"""The run as text for a judge: numbered agent steps, cut to fit a prompt."""

from __future__ import annotations

from collections.abc import Sequence

from agenttrace_analysis.attribution.steps import AgentStep

STEP_CHARS = 1500
"""Characters kept of each step (head and tail)."""
TOTAL_CHARS = 60_000
"""Characters kept of the whole transcript (steps in the middle are elided)."""


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    half = limit // 2
    return f"{text[:half]} […] {text[-half:]}"


def task_of(steps: Sequence[AgentStep]) -> str | None:
    """What the run was asked: the input of its first step, when it has one."""
    return steps[0].span.input if steps else None


def render(steps: Sequence[AgentStep], task: str | None = None) -> str:
    """``Step i - agent: text`` lines within :data:`TOTAL_CHARS`, eliding the middle."""
    lines = [f"Step {s.index} - {s.agent}: {_cut(s.text, STEP_CHARS)}" for s in steps]
    head: list[str] = []
    tail: list[str] = []
    budget = TOTAL_CHARS
    lo, hi = 0, len(lines) - 1
    while lo <= hi:
        line = lines[lo] if len(head) <= len(tail) else lines[hi]
        if len(line) + 1 > budget:
            break
        budget -= len(line) + 1
        if len(head) <= len(tail):
            head.append(line)
            lo += 1
        else:
            tail.append(line)
            hi -= 1
    elided = [f"[... {hi - lo + 1} steps elided ...]"] if lo <= hi else []
    task_line = [f"Task: {_cut(task, STEP_CHARS)}", ""] if task else []
    return "\n".join([*task_line, *head, *elided, *reversed(tail)])
