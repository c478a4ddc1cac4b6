from __future__ import annotations

from agenttrace_analysis.mast.loss_of_history import DETECTOR
from inline_snapshot import snapshot

from ..runs import Run


def _history(n: int) -> list[dict[str, str]]:
    return [{"role": "user" if i % 2 else "assistant", "content": f"m{i}"} for i in range(n)]


def _agent(first: int, second: int) -> Run:
    run = Run()
    with (
        run.span("chat", "chain", input="Summarise the thread"),
        run.agent("summariser", output="Summary."),
    ):
        run.llm("Reading.", _history(first))
        run.llm("Summary.", _history(second))
    return run


async def test_a_shrunken_history_within_a_turn_is_loss(detect_in) -> None:
    assert await detect_in(_agent(6, 1), DETECTOR) == snapshot(
        [
            (
                "FM-1.4",
                "summariser",
                "summariser's model call saw 1 messages after an earlier call in the same turn saw 6",  # noqa: E501
            )
        ]
    )


async def test_a_growing_history_is_not(detect_in) -> None:
    assert await detect_in(_agent(2, 4), DETECTOR) == []
