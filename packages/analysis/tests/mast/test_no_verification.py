from __future__ import annotations

from agenttrace_analysis.mast.no_verification import DETECTOR
from inline_snapshot import snapshot

from ..runs import Run


async def test_a_failed_run_nobody_checked_lacks_verification(detect_in) -> None:
    run = Run()
    with (
        run.span("team", "chain", input="Write dates.py", error="ValueError: bad date"),
        run.agent("coder", output="dates.py written."),
    ):
        pass
    assert await detect_in(run, DETECTOR) == snapshot(
        [
            (
                "FM-3.2",
                "coder",
                "the run failed and no step checked the result; coder had the last turn",
            )
        ]
    )


async def test_handing_on_after_a_failed_check_is_incomplete_verification(detect_in) -> None:
    run = Run()
    with run.span("team", "chain", input="Write dates.py"):
        with run.agent("coder", output="dates.py written."):
            run.tool("run_tests", "{}", error="2 tests failed")
        with run.agent("publisher", output="Published version 1.2 to the index."):
            pass
    assert await detect_in(run, DETECTOR) == snapshot(
        [
            (
                "FM-3.2",
                "publisher",
                "the check run_tests failed and publisher went on to the end without checking again",  # noqa: E501
            )
        ]
    )


async def test_a_failed_run_with_passing_checks_is_not(detect_in) -> None:
    run = Run()
    with (
        run.span("team", "chain", input="Write dates.py", error="ConnectionError"),
        run.agent("coder", output="dates.py written."),
    ):
        run.tool("run_tests", "{}", result="12 passed, 0 failed")
    assert await detect_in(run, DETECTOR) == []
