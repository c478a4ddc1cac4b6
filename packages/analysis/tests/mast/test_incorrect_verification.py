from __future__ import annotations

from agenttrace_analysis.mast.incorrect_verification import DETECTOR
from inline_snapshot import snapshot

from ..runs import Run


def _review(fixed: bool) -> Run:
    run = Run()
    with run.span("team", "chain", input="Write dates.py"):
        with run.agent("coder", output="dates.py written."):
            run.tool("run_tests", "{}", error="RuntimeError: 2 tests failed")
            if fixed:
                run.tool("run_tests", "{}", result="12 passed")
        with run.agent("reviewer", output="LGTM, approved."):
            pass
    return run


async def test_approving_right_after_failed_tests_is_incorrect_verification(detect_in) -> None:
    assert await detect_in(_review(fixed=False), DETECTOR) == snapshot(
        [("FM-3.3", "reviewer", "reviewer approved right after run_tests failed")]
    )


async def test_approving_after_tests_pass_again_is_not(detect_in) -> None:
    assert await detect_in(_review(fixed=True), DETECTOR) == []
