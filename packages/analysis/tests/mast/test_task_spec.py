from __future__ import annotations

from agenttrace_analysis.mast.task_spec import DETECTOR
from inline_snapshot import snapshot

from ..runs import Run


def _run(task: str, answer: str) -> Run:
    run = Run()
    with run.span("team", "chain", input=task), run.agent("writer", output=answer):
        pass
    return run


async def test_a_too_long_answer_breaks_the_word_limit(detect_in) -> None:
    run = _run("Summarise the report in at most 10 words.", "word " * 30)
    assert await detect_in(run, DETECTOR) == snapshot(
        [
            (
                "FM-1.1",
                "writer",
                "the task asked for 'at most 10 words'; writer's final answer has 30 words",
            )
        ]
    )


async def test_prose_where_json_was_asked_breaks_the_format(detect_in) -> None:
    run = _run("List the three largest cities as JSON.", "Tokyo, Delhi and Shanghai.")
    assert await detect_in(run, DETECTOR) == snapshot(
        [("FM-1.1", "writer", "the task asked for JSON; writer's final answer is not valid JSON")]
    )


async def test_an_answer_within_the_constraints_is_not(detect_in) -> None:
    run = _run("List the three largest cities as JSON, in at most 10 words.", '["Tokyo", "Delhi"]')
    assert await detect_in(run, DETECTOR) == []
