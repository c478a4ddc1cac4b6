"""A hand-written three-agent workflow: planner → researcher (a calculator tool) → writer.

The "models" are deterministic functions; a live call made in a replay says so in its
result (``REPLAY_TEST_LIVE_MARK``), so tests can tell recorded answers from live ones.
"""

from __future__ import annotations

import os
from typing import Any

import agenttrace
from agenttrace.replay import recorded


def _mark() -> str:
    return os.environ.get("REPLAY_TEST_LIVE_MARK", "")


@recorded("llm", name="planner-llm")
def plan(question: str) -> list[str]:
    """The planner's model: which sums to work out."""
    return ["2+2", "3*3"] if not _mark() else ["2+2", f"3*3 {_mark()}"]


@recorded("tool", name="calculator")
def calculate(expression: str) -> int:
    """A tool: a tiny calculator for ``a+b`` and ``a*b``."""
    left, op, right = expression.split()[0].partition("+")
    if not op:
        left, op, right = expression.split()[0].partition("*")
    return int(left) + int(right) if op == "+" else int(left) * int(right)


@recorded("llm", name="writer-llm")
def write(question: str, results: list[int]) -> str:
    """The writer's model."""
    return f"{question}: " + ", ".join(str(r) for r in results) + _mark()


@agenttrace.replayable
def research(question: str) -> str:
    """Plan, compute, write; one checkpoint after each agent."""
    state: dict[str, Any] = {"question": question, "plan": [], "results": [], "answer": None}
    with agenttrace.agent("planner"):
        state["plan"] = plan(question)
        agenttrace.checkpoint("planned", state)
    with agenttrace.agent("researcher"):
        for expression in state["plan"]:
            state["results"].append(calculate(expression))
        agenttrace.checkpoint("researched", state)
    with agenttrace.agent("writer"):
        state["answer"] = write(question, state["results"])
        agenttrace.checkpoint("written", state)
    return str(state["answer"])


def main() -> None:
    """The recorded run."""
    research("sums")
