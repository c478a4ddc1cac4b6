from __future__ import annotations

from agenttrace_analysis.mast.information_withholding import DETECTOR
from inline_snapshot import snapshot

from ..runs import Run


def _research(says: str) -> Run:
    run = Run()
    with (
        run.span("team", "chain", input="Find the release date of Python 3.14"),
        run.agent("researcher", output=says),
    ):
        run.tool("fetch_url", '{"url": "https://python.org"}', error="TimeoutError")
    return run


async def test_a_failed_tool_kept_quiet_is_withholding(detect_in) -> None:
    run = _research("Python 3.14 comes out in October.")
    assert await detect_in(run, DETECTOR) == snapshot(
        [
            (
                "FM-2.4",
                "researcher",
                "researcher's call of fetch_url failed but its reply does not mention it",
            )
        ]
    )


async def test_a_failed_tool_reported_is_not(detect_in) -> None:
    run = _research("I could not fetch python.org (timeout), so I have no date.")
    assert await detect_in(run, DETECTOR) == []
