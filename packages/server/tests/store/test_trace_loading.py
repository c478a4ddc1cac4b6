"""The analysis reads a run through any span store as it reads it from the SQL database.

The relational data (trace summaries, messages, human annotations) comes from the SQL store
on SQLite holding the corpus (``reference``); the spans, agents and links between traces from
the store under test. Every run, linked traces followed, must come out as the analysis reads
it from the relational database alone.
"""

from __future__ import annotations

from agenttrace_analysis.graph import analyze_graph
from agenttrace_analysis.trace_loading import load_trace
from agenttrace_core.store import RunFilter, RunSort, SortOrder


async def test_runs_load_alike_through_the_store(store, reference):
    page = await reference.list_runs(
        RunFilter(), sort=RunSort.START_TIME, order=SortOrder.DESC, limit=100, cursor=None
    )
    joined = 0
    for run in page.items:
        want = await load_trace(reference.engine, run.trace_id)
        got = await load_trace(reference.engine, run.trace_id, spans=store)
        assert want is not None and got is not None
        assert got.trace_ids == want.trace_ids
        assert got.summaries == want.summaries
        assert [s.model_dump() for s in got.spans] == [s.model_dump() for s in want.spans]
        assert got.agents == want.agents
        assert got.messages == want.messages
        assert analyze_graph(got).to_json(got) == analyze_graph(want).to_json(want)
        joined += len(want.trace_ids) > 1
    assert joined  # runs split over linked traces are among them
    assert await load_trace(reference.engine, "0" * 32, spans=store) is None
