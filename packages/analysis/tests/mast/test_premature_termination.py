from __future__ import annotations

from agenttrace_analysis.mast.premature_termination import DETECTOR
from inline_snapshot import snapshot

from ..runs import Run


def _desk(last: str, handoff_to: str | None = None) -> Run:
    run = Run()
    with run.span("desk", "chain", input="Refund invoice 42"):
        with run.agent("triage", output="This is for billing."):
            run.message("triage", "billing", "refund invoice 42", "handoff")
        with run.agent("billing", output=last):
            if handoff_to:
                run.message("billing", handoff_to, "please confirm the refund", "handoff")
    return run


async def test_ending_on_an_announced_step_is_premature(detect_in) -> None:
    run = _desk("Let me check the invoice status first.")
    assert await detect_in(run, DETECTOR) == snapshot(
        [("FM-3.1", "billing", 'the run ended on billing announcing more work: "Let me check"')]
    )


async def test_a_handoff_nobody_takes_up_is_premature(detect_in) -> None:
    run = _desk("Refund prepared.", handoff_to="supervisor")
    assert await detect_in(run, DETECTOR) == snapshot(
        [
            (
                "FM-3.1",
                "billing",
                "billing handed over to supervisor, who never acted before the run ended",
            )
        ]
    )


async def test_a_finished_run_is_not(detect_in) -> None:
    run = _desk("The refund for invoice 42 was issued.")
    assert await detect_in(run, DETECTOR) == []
