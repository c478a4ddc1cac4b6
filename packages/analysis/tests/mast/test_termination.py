from __future__ import annotations

from agenttrace_analysis.mast.termination import DETECTOR
from inline_snapshot import snapshot

from ..runs import Run


def _ping_pong(rounds: int, final: str, error: str | None) -> Run:
    run = Run()
    with run.span("support", "chain", input="Refund my last invoice", error=error):
        for _ in range(rounds):
            with run.agent("tech", output="This is a billing question."):
                run.message("tech", "billing", "over to billing", "handoff")
            with run.agent("billing", output="This looks technical."):
                run.message("billing", "tech", "over to tech", "handoff")
        with run.agent("tech", output=final):
            pass
    return run


async def test_a_hit_turn_limit_is_unawareness_of_termination(detect_in) -> None:
    run = _ping_pong(3, "Still looking into it.", error="Max turns exceeded: 7")
    assert await detect_in(run, DETECTOR) == snapshot(
        [
            (
                "FM-1.5",
                "tech",
                'the run was stopped by a limit ("Max turns exceeded"); tech kept the loop going',
            )
        ]
    )


async def test_a_run_that_says_it_is_done_is_not(detect_in) -> None:
    run = _ping_pong(1, "The refund is issued. TERMINATE", error=None)
    assert await detect_in(run, DETECTOR) == []
