from __future__ import annotations

from agenttrace_analysis.mast.reasoning_action_mismatch import DETECTOR
from inline_snapshot import snapshot

from ..runs import Run


def _agent(called: str) -> Run:
    run = Run()
    with run.span("desk", "chain", input="Find a flight to Oslo"):
        with run.agent("travel_agent"):
            run.llm("I will call search_flights to see what is available.")
            run.tool(called, '{"to": "OSL"}', result="ok")
        with run.agent("clerk"):
            run.tool("search_flights", '{"to": "OSL"}', result="3 flights")
    return run


async def test_calling_another_tool_than_announced_is_a_mismatch(detect_in) -> None:
    assert await detect_in(_agent("book_flight"), DETECTOR) == snapshot(
        [
            (
                "FM-2.6",
                "travel_agent",
                "travel_agent said it would use search_flights but used book_flight",
            )
        ]
    )


async def test_calling_the_announced_tool_is_not(detect_in) -> None:
    assert await detect_in(_agent("search_flights"), DETECTOR) == []
