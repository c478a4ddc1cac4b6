from __future__ import annotations

from agenttrace_analysis.mast.no_clarification import DETECTOR
from inline_snapshot import snapshot

from ..runs import Run


def _run(coder_says: str, planner_says: str = "Add a date parser to dates.py.") -> Run:
    run = Run()
    with run.span("team", "chain", input="Add a date parser"):
        with run.agent("planner", output=planner_says):
            pass
        with run.agent("coder", output=coder_says):
            pass
    return run


async def test_going_ahead_on_an_assumption_is_no_clarification(detect_in) -> None:
    run = _run("I'll assume the dates are in US format and parse them with strptime.")
    assert await detect_in(run, DETECTOR) == snapshot(
        [
            (
                "FM-2.2",
                "coder",
                'coder went ahead on an assumption without asking: "I\'ll assume the dates are in US format and parse …"',  # noqa: E501
            )
        ]
    )


async def test_assuming_after_a_question_was_asked_is_not(detect_in) -> None:
    run = _run(
        "No answer came, so I'll assume the US format.",
        planner_says="Which date format should the parser accept?",
    )
    assert await detect_in(run, DETECTOR) == []
