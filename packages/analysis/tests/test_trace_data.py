"""Loading a run: span links are followed both ways, so any trace of a run gives the whole run."""

from __future__ import annotations

from agenttrace_analysis.trace_data import load_trace

from .conftest import Ingest


async def test_any_trace_of_a_linked_run_loads_the_whole_run(ingest: Ingest, engine) -> None:
    trace_ids = await ingest.capture("autogen/001_native_ok_roundrobin.pb")
    biggest = await load_trace(engine, trace_ids[0])
    assert biggest is not None
    run = set(biggest.trace_ids)
    assert len(run) == 17  # 20 traces in the body; 3 lone create_agent roots are not linked
    for tid in sorted(run)[:: max(1, len(run) // 4)]:
        data = await load_trace(engine, tid)
        assert data is not None
        assert data.trace_ids[0] == tid
        assert set(data.trace_ids) == run
        assert len(data.spans) == len(biggest.spans)
    lone = next(t for t in trace_ids if t not in run)
    data = await load_trace(engine, lone)
    assert data is not None and data.trace_ids == [lone]
    assert data.agent_names in (["planner"], ["coder"], ["reviewer"])


async def test_without_following_links_only_the_trace_is_loaded(ingest: Ingest, engine) -> None:
    trace_ids = await ingest.capture("autogen/001_native_ok_roundrobin.pb")
    data = await load_trace(engine, trace_ids[0], follow_links=False)
    assert data is not None and data.trace_ids == [trace_ids[0]]
