import pytest
from agenttrace_replay import TraceNotFoundError, compare_runs

from .conftest import add_checkpoint, add_span, add_trace

A = "a" * 32
B = "b" * 32


async def _run(engine, tid, *, critic_says, extra_tool=False):
    await add_trace(engine, tid, total_tokens=30 if critic_says == "ok" else 45)
    await add_span(engine, tid, "0000000000000001", 0, name="workflow")
    await add_span(
        engine,
        tid,
        "0000000000000002",
        1,
        name="plan",
        span_type="llm",
        agent="planner",
        parent_span_id="0000000000000001",
        output="plan A",
        total_tokens=10,
    )
    if extra_tool:
        await add_span(
            engine,
            tid,
            "0000000000000005",
            2,
            name="search",
            span_type="tool",
            agent="planner",
            parent_span_id="0000000000000001",
            output="x",
        )
    await add_span(
        engine,
        tid,
        "0000000000000003",
        3,
        name="lookup",
        span_type="tool",
        agent="researcher",
        parent_span_id="0000000000000001",
        output="42",
    )
    await add_span(
        engine,
        tid,
        "0000000000000004",
        4,
        name="review",
        span_type="llm",
        agent="critic",
        parent_span_id="0000000000000001",
        output=critic_says,
        total_tokens=20 if critic_says == "ok" else 35,
    )
    await add_checkpoint(engine, tid, f"{tid[0]}0", 0, {"q": "hi"})
    await add_checkpoint(engine, tid, f"{tid[0]}1", 1, {"q": "hi", "verdict": critic_says})


async def test_compare_runs(engine):
    await _run(engine, A, critic_says="ok")
    await _run(engine, B, critic_says="needs work", extra_tool=True)
    result = (await compare_runs(engine, A, B)).to_dict()
    assert [(st["agent"], st["name"], st["same"], st["differences"]) for st in result["steps"]] == [
        ("planner", "plan", True, []),
        ("planner", "search", False, ["missing in a"]),
        ("researcher", "lookup", True, []),
        ("critic", "review", False, ["output", "total_tokens"]),
    ]
    assert result["first_divergence"] == {
        "index": 1,
        "agent": "planner",
        "name": "search",
        "span_type": "tool",
        "differences": ["missing in a"],
    }
    assert result["state"]["first_divergent_step"] == 1
    assert result["state"]["final"] == [
        {"op": "changed", "path": "verdict", "before": "ok", "after": "needs work"}
    ]
    assert result["tokens"] == {
        "a": {"total": 30, "by_agent": {"planner": 10, "critic": 20}},
        "b": {"total": 45, "by_agent": {"planner": 10, "critic": 35}},
        "delta": 15,
    }
    assert [t["name"] for t in result["tool_results"]] == ["search"]
    same = (await compare_runs(engine, A, A)).to_dict()
    assert same["first_divergence"] is None and same["state"]["first_divergent_step"] is None
    with pytest.raises(TraceNotFoundError):
        await compare_runs(engine, A, "f" * 32)
