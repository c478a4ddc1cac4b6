from __future__ import annotations

from agenttrace_analysis.mast.ignored_input import DETECTOR
from inline_snapshot import snapshot

from ..runs import Run


def _brief(writer_says: str) -> Run:
    run = Run()
    with run.span("crew", "chain", input="Write a market brief on EU EV sales"):
        with run.agent("researcher", output="The market-data search failed: no data for 2025."):
            pass
        with run.agent("writer", output=writer_says):
            pass
    return run


async def test_a_reported_failure_left_unmentioned_is_ignored_input(detect_in) -> None:
    run = _brief("Market brief: EV adoption in Europe is booming and will dominate by 2027.")
    assert await detect_in(run, DETECTOR) == snapshot(
        [
            (
                "FM-2.5",
                "writer",
                'researcher reported "failed" and writer\'s next turn does not mention it',
            )
        ]
    )


async def test_a_reply_that_takes_up_the_failure_is_not(detect_in) -> None:
    run = _brief("The research could not find data for 2025, so the brief has no figures yet.")
    assert await detect_in(run, DETECTOR) == []


async def test_repeating_oneself_after_new_input_is_ignored_input(detect_in) -> None:
    run = Run()
    with run.span("review", "chain", input="Review the parser change"):
        with run.agent("reviewer", output="Please add timezone handling and resubmit the change."):
            pass
        with run.agent("coder", output="Timezone handling added with zoneinfo, tests pass now."):
            pass
        with run.agent("reviewer", output="Please add timezone handling and resubmit the change."):
            pass
    assert await detect_in(run, DETECTOR) == snapshot(
        [
            (
                "FM-2.5",
                "reviewer",
                'reviewer repeated its turn 0 reply after coder said "Timezone handling added with zoneinfo, …"',  # noqa: E501
            )
        ]
    )
