from __future__ import annotations

from agenttrace_analysis.mast.step_repetition import DETECTOR
from inline_snapshot import snapshot

from ..runs import Run


def _coder_run(args: list[str]) -> Run:
    run = Run()
    with run.span("team", "chain", input="Fix the date parser"):
        for a in args:
            with run.agent("coder"):
                run.tool("run_tests", a, error="RuntimeError: no module named dates")
    return run


async def test_same_tool_call_three_times_is_repetition(detect_in) -> None:
    run = _coder_run(['{"path": "tests/"}'] * 3)
    assert await detect_in(run, DETECTOR) == snapshot(
        [("FM-1.3", "coder", "coder called run_tests 3 times with the same arguments")]
    )


async def test_different_arguments_are_not(detect_in) -> None:
    run = _coder_run(['{"path": "tests/a.py"}', '{"path": "tests/b.py"}', '{"k": "dates"}'])
    assert await detect_in(run, DETECTOR) == []


async def test_saying_the_same_thing_three_times_is_repetition(detect_in) -> None:
    run = Run()
    with run.span("team", "chain", input="Write a haiku about autumn"):
        for _ in range(3):
            with run.agent("poet", output="Leaves fall on the pond, the water keeps them."):
                pass
            with run.agent("critic", output="Please make it about winter instead."):
                pass
    assert await detect_in(run, DETECTOR) == snapshot(
        [
            (
                "FM-1.3",
                "poet",
                'poet said nearly the same thing in 3 turns: "Leaves fall on the pond, the water keeps them."',  # noqa: E501
            ),
            (
                "FM-1.3",
                "critic",
                'critic said nearly the same thing in 3 turns: "Please make it about winter instead."',  # noqa: E501
            ),
        ]
    )
