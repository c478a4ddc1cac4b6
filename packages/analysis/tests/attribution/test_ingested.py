"""Attribution on runs recorded with the OpenTelemetry SDK and stored by the real receiver."""

from __future__ import annotations

from agenttrace_analysis.attribution import attribute
from agenttrace_analysis.service import compute
from agenttrace_analysis.trace_loading import load_trace

from ..conftest import Ingest
from ..runs import Run


async def _analyse(ingest: Ingest, engine, run: Run) -> dict | None:  # type: ignore[type-arg]
    await ingest.body(run.body())
    data = await load_trace(engine, run.trace_id)
    assert data is not None
    _, facts, notes = compute(data)
    return attribute(data, notes, facts)


async def test_error_propagated_from_upstream_output(ingest: Ingest, engine) -> None:
    run = Run()
    with run.span("report", "chain", input="Total population of the county in 2020?"):
        with run.agent("planner", output="Plan: researcher fetches the table, writer sums it."):
            run.message("planner", "researcher", "Fetch the 2020 census table.", "delegation")
        with run.agent("researcher", output="Table: rows=None"):
            run.tool("census_api", '{"year": 2020}', error="HTTP 503 from the census API")
            run.message("researcher", "writer", "Table: rows=None")
        with run.agent("writer", error="cannot sum the rows of None"):
            run.message("writer", "reviewer", "Draft: (failed)")
        with run.agent("reviewer", error="nothing to review"):
            pass
    result = await _analyse(ingest, engine, run)
    assert result is not None
    assert (result["agent"], result["step"]) == ("researcher", 1)
    assert (
        "first error of the run is in researcher's step 1 "
        "(tool census_api: HTTP 503 from the census API)"
    ) in result["reasons"]
    assert [r["agent"] for r in result["ranking"]][:1] == ["researcher"]


async def test_a_good_run_has_no_attribution(ingest: Ingest, engine) -> None:
    run = Run()
    with run.span("desk", "chain", input="What is the capital of France?"):
        with run.agent("planner", output="Plan: look up the capital of France."):
            run.message("planner", "researcher", "What is the capital of France?", "delegation")
        with run.agent("researcher", output="Paris is the capital of France."):
            run.tool("search", '{"q": "capital of France"}', result="Paris")
            run.message("researcher", "planner", "Paris", kind="return")
        with run.agent("planner", output="Verified against the search result: Paris."):
            pass
    assert await _analyse(ingest, engine, run) is None
