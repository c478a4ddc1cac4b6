from __future__ import annotations

from agenttrace_analysis.mast.conversation_reset import DETECTOR
from inline_snapshot import snapshot

from ..runs import Run

TASK = "Plan a three day trip to Lisbon with a budget of 900 euros for two people"


def _trip(third: str) -> Run:
    run = Run()
    with run.span("trip", "chain"):
        run.message(None, "planner", TASK)
        with run.agent("planner", output="Day 1: Alfama and the castle; day 2: Belem."):
            pass
        with run.agent("booker", output="Hotel in Baixa booked for 3 nights, 420 euros."):
            pass
        with run.agent("planner", output=third):
            pass
    return run


async def test_restating_the_task_after_progress_is_a_reset(detect_in) -> None:
    run = _trip("Plan a three-day trip to Lisbon with a budget of 900 euros for two people.")
    assert await detect_in(run, DETECTOR) == snapshot(
        [
            (
                "FM-2.1",
                "planner",
                'planner restated the original task at turn 2 (100% alike): "Plan a three day trip to Lisbon with a …"',  # noqa: E501
            )
        ]
    )


async def test_building_on_progress_is_not(detect_in) -> None:
    run = _trip("Day 3: Sintra by train; the total stays under 900 euros.")
    assert await detect_in(run, DETECTOR) == []
