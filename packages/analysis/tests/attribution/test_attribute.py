"""Attribution picks the planted culprit, with the reasons, and leaves good runs alone."""

from __future__ import annotations

from collections.abc import Callable

from agenttrace_analysis.attribution import attribute
from agenttrace_analysis.trace_data import TraceData
from agenttrace_core.enums import AnnotationSource, HumanVerdict, SpanStatus
from agenttrace_core.ids import RowId
from agenttrace_core.models import FailureAnnotation
from dirty_equals import IsFloat, IsList, IsStr

Run = Callable[..., TraceData]
FAILED = SpanStatus.ERROR


def test_a_good_run_is_not_attributed(run: Run) -> None:
    data = run(
        [("Planner", "Plan: look up the capital."), ("Researcher", "Paris is the capital.")],
        status=SpanStatus.OK,
    )
    assert attribute(data, []) is None


def test_error_propagated_from_upstream_output(run: Run) -> None:
    data = run(
        [
            ("Planner", "Plan: fetch the table, then summarise it."),
            ("Researcher", "Here is the table: rows=None", FAILED),
            ("Writer", "Cannot summarise: the table is empty", FAILED),
            ("Reviewer", "The summary is missing", FAILED),
        ],
        status=SpanStatus.ERROR,
    )
    facts = {
        "error_propagation": [
            {
                "path": ["Researcher", "Writer", "Reviewer"],
                "span_ids": ["0000000000000002", "0000000000000003", "0000000000000004"],
            }
        ],
        "loops": [],
    }
    result = attribute(data, [], facts)
    assert result == {
        "agent": "Researcher",
        "span_id": "0000000000000002",
        "step": 1,
        "confidence": IsFloat(gt=0.3, le=1.0),
        "reasons": IsList(
            "first error of the run is in Researcher's step 1",
            "error propagated from Researcher's output to Writer, Reviewer",
            IsStr(regex=r"took 1 of the \d+ turns.*"),
            check_order=False,
        ),
        "ranking": IsList(length=4),
    }
    assert result["ranking"][0]["agent"] == "Researcher"


def test_the_author_of_failing_code_is_blamed_not_the_executor(run: Run) -> None:
    data = run(
        [
            ("Analyst", "I'll compute it:\n```python\nprint(1/0)\n```"),
            ("Terminal", "exitcode: 1 (execution failed)\nCode output: ZeroDivisionError"),
            ("Checker", "The result could not be computed."),
            ("Terminal", "There is no code from the last 1 message for me to execute."),
        ],
        verdict=HumanVerdict.FAILED,
    )
    result = attribute(data, [])
    assert result is not None
    assert (result["agent"], result["step"]) == ("Analyst", 0)
    assert "Analyst wrote what failed when Terminal ran it (step 1)" in result["reasons"]
    assert "Terminal" not in [r["agent"] for r in result["ranking"]]


def test_the_agent_the_wrong_final_answer_comes_from(run: Run) -> None:
    data = run(
        [
            ("Coordinator", "Find the population of Springfield in 2020."),
            ("Researcher", "According to my notes Springfield had 48213 inhabitants."),
            ("Coordinator", "Thanks. Writer, please report it."),
            ("Writer", "FINAL ANSWER: 48213"),
        ],
        verdict=HumanVerdict.FAILED,
        delegations={"Coordinator": "Researcher"},
    )
    result = attribute(data, [])
    assert result is not None
    assert (result["agent"], result["step"]) == ("Researcher", 1)
    assert "the final answer derives from Researcher's output at step 1" in result["reasons"]


def test_the_loop_owner(run: Run) -> None:
    again = "Let me search the web for the 2019 report once more."
    data = run(
        [
            ("Manager", "Find the 2019 revenue."),
            ("Searcher", again),
            ("Browser", "No results."),
            ("Searcher", again),
            ("Browser", "No results."),
            ("Searcher", again),
            ("Browser", "No results."),
        ],
        status=SpanStatus.ERROR,
    )
    facts = {
        "loops": [
            {
                "agents": ["Searcher", "Browser"],
                "repeats": 3,
                "span_ids": ["0000000000000002", "0000000000000003"],
            }
        ]
    }
    result = attribute(data, [], facts)
    assert result is not None
    assert (result["agent"], result["step"]) == ("Searcher", 1)
    assert any(r.startswith("Searcher drives a loop") for r in result["reasons"])


def test_ignored_input(run: Run) -> None:
    draft = "The answer is 42 because the table lists 42 items in total for the region."
    data = run(
        [
            ("User", "How many items are there?"),
            ("Solver", draft),
            ("Critic", "That's wrong: the table has two pages, count both (84)."),
            ("Solver", draft),
        ],
        verdict=HumanVerdict.FAILED,
    )
    result = attribute(data, [])
    assert result is not None
    # the step right after the critic's "that's wrong" is where Solver ignored it
    assert (result["agent"], result["step"]) == ("Solver", 3)
    assert result["incident"] == "ignored_verdict"
    assert "Solver ignored Critic's reply and repeated itself (steps 1 and 3)" in result["reasons"]
    assert "User" not in [r["agent"] for r in result["ranking"]]


def test_fabricated_data(run: Run) -> None:
    data = run(
        [
            ("Planner", "We need the 1928 athlete counts per country."),
            (
                "Collector",
                "I could not reach the site. Let's assume the following sample "
                "data: USA 200, CAN 150.",
            ),
            ("Analyst", "From the data, CAN has the fewest athletes."),
        ],
        verdict=HumanVerdict.FAILED,
    )
    result = attribute(data, [])
    assert result is not None
    assert (result["agent"], result["step"]) == ("Collector", 1)


def test_a_persons_annotation_decides(run: Run) -> None:
    data = run([("A", "one"), ("B", "two"), ("A", "three")])
    note = FailureAnnotation(
        id=RowId("n1"),
        trace_id=data.trace_id,
        span_id=data.spans[1].span_id,
        agent="B",
        mode="FM-2.3",
        category="inter_agent_misalignment",
        confidence=1.0,
        explanation="went off task",
        source=AnnotationSource.HUMAN,
    )
    assert attribute(data, []) is None
    result = attribute(data, [note])
    assert result is not None
    assert (result["agent"], result["step"], result["span_id"]) == ("B", 1, "0000000000000002")
    assert "FM-2.3 (human) names B: went off task" in result["reasons"]


def test_a_persons_good_verdict_overrides_errors(run: Run) -> None:
    data = run([("A", "retrying", FAILED), ("B", "done")], verdict=HumanVerdict.GOOD)
    assert attribute(data, []) is None
