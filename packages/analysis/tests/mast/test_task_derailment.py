from __future__ import annotations

from agenttrace_analysis.mast.task_derailment import DETECTOR
from inline_snapshot import snapshot

from ..runs import Run

TASK = "Compare train and flight options from Paris to Berlin for Friday, cheapest fare first"
ON = [
    "Trains from Paris to Berlin on Friday: the direct ICE leaves at 9:55, fares from 59 euros, "
    "about 8 hours.",
    "Flights from Paris to Berlin on Friday: the cheapest fare is 48 euros at 7:10, the flight "
    "takes under 2 hours.",
]
OFF = [
    "A good sourdough needs a mature starter, strong bread flour, water and salt, and a long "
    "cold proof overnight.",
    "Bake the loaf in a preheated dutch oven at 250 degrees with the lid on, then uncover it "
    "for a deep crust.",
]


def _run(turns: list[str]) -> Run:
    run = Run()
    with run.span("travel", "chain", input=TASK):
        for i, text in enumerate(turns):
            with run.agent("researcher" if i % 2 == 0 else "assistant", output=text):
                pass
    return run


async def test_drifting_off_topic_is_derailment(detect_in) -> None:
    assert await detect_in(_run(ON + OFF), DETECTOR) == snapshot(
        [
            (
                "FM-2.3",
                "researcher",
                'from turn 2 on, 2 turns hardly mention the task ("Compare train and flight options from P…"); researcher went off first',  # noqa: E501
            )
        ]
    )


async def test_staying_on_topic_is_not(detect_in) -> None:
    assert await detect_in(_run(ON + ON), DETECTOR) == []
