"""The analysis service on both databases: results stored and served, re-analysis keeps what
people said, the project graph, unknown traces."""

from __future__ import annotations

import uuid

from agenttrace_analysis import service
from agenttrace_core.db import schema as s
from agenttrace_core.db.types import utcnow
from dirty_equals import IsFloat, IsList, IsPartialDict, IsStr
from inline_snapshot import snapshot
from sqlalchemy import select, update

from .conftest import Ingest
from .runs import Run

UNKNOWN = "0" * 31 + "1"


def _looping_run(project: str = "analysis-tests") -> Run:
    run = Run(project)
    with run.span("team", "chain", input="Fix the date parser", error="Max turns exceeded: 6"):
        for _ in range(3):
            with run.agent("coder", output="Tests could not run."):
                run.tool("run_tests", '{"path": "tests/"}', error="RuntimeError: import failed")
                run.message("coder", "reviewer", "please review", "handoff")
            with run.agent("reviewer", output="Please add timezone handling and resubmit."):
                run.message("reviewer", "coder", "changes requested", "handoff")
    return run


async def _modes(engine, trace_id: str) -> list[tuple[str, str, str]]:
    failures = await service.trace_failures(engine, trace_id)
    assert failures is not None
    return sorted((a["mode"], a["source"], a["status"]) for a in failures["annotations"])


async def test_unknown_trace(engine) -> None:
    assert await service.trace_graph(engine, UNKNOWN) is None
    assert await service.trace_failures(engine, UNKNOWN) is None
    assert await service.analyze_trace(engine, UNKNOWN) is None
    assert await service.project_graph(engine, "nobody") == {
        "nodes": [], "edges": [], "runs": 0, "project": "nobody",
    }  # fmt: skip


async def test_failures_and_attribution_are_stored(ingest: Ingest, engine) -> None:
    run = _looping_run()
    await ingest.body(run.body())
    failures = await service.trace_failures(engine, run.trace_id)
    assert failures is not None
    assert sorted({(a["mode"], a["agent"]) for a in failures["annotations"]}) == snapshot(
        [
            ("FM-1.3", "coder"),
            ("FM-1.3", "reviewer"),
            ("FM-1.5", "coder"),
            ("FM-2.5", "reviewer"),
            ("FM-3.1", "reviewer"),
        ]
    )
    assert failures["annotations"][0] == IsPartialDict(
        id=IsStr(min_length=32),
        name=IsStr(),
        category=IsStr(),
        confidence=IsFloat(ge=0, le=1),
        explanation=IsStr(min_length=10),
        evidence=IsList(IsPartialDict(span_id=IsStr(), trace_id=run.trace_id), length=...),
        source="detector",
        status="proposed",
    )
    assert failures["attribution"] == IsPartialDict(agent=IsStr(), span_id=IsStr())
    assert failures["run_trace_ids"] == [run.trace_id]


async def test_reanalysis_keeps_what_people_said(ingest: Ingest, engine) -> None:
    run = _looping_run()
    await ingest.body(run.body())
    first = await service.analyze_trace(engine, run.trace_id)
    assert first is not None and len(first.annotations) >= 3
    confirmed, rejected, untouched = first.annotations[:3]
    now = utcnow()
    fa = s.failure_annotations
    async with engine.begin() as conn:
        for note, status in ((confirmed, "confirmed"), (rejected, "rejected")):
            await conn.execute(
                update(fa).where(fa.c.id == note.id).values(status=status, author="ana")
            )
        await conn.execute(
            fa.insert().values(
                id=f"human-{uuid.uuid4().hex}", trace_id=run.trace_id, project="analysis-tests",
                mode="FM-2.2", category="inter_agent_misalignment", confidence=1.0,
                explanation="the coder never asked which format", evidence=[], source="human",
                status="confirmed", author="ana", created_at=now, updated_at=now,
            )
        )  # fmt: skip
    await service.analyze_trace(engine, run.trace_id)
    async with engine.connect() as conn:
        rows = (await conn.execute(select(fa.c.id, fa.c.mode, fa.c.source, fa.c.status))).all()
    by_id = {r.id: r for r in rows}
    assert by_id[confirmed.id].status == "confirmed"
    assert by_id[rejected.id].status == "rejected"  # kept, and not proposed again
    assert by_id[untouched.id].status == "proposed"  # same finding, same id, replaced
    assert [r.mode for r in rows if r.source == "human"] == ["FM-2.2"]
    assert len(rows) == len(first.annotations) + 1  # nothing doubled


async def test_results_are_served_from_storage_until_new_spans_arrive(
    ingest: Ingest, engine
) -> None:
    run = _looping_run()
    await ingest.body(run.body())
    graph = await service.trace_graph(engine, run.trace_id)
    assert graph is not None
    computed = await _computed_at(engine, run.trace_id)
    assert await service.trace_graph(engine, run.trace_id) == graph
    assert await _computed_at(engine, run.trace_id) == computed  # served, not recomputed

    late = Run()
    late.now = run.now
    with late.joining(run.trace_id), late.agent("auditor", output="Audit done."):
        pass
    await ingest.body(late.body())
    regraph = await service.trace_graph(engine, run.trace_id)
    assert regraph is not None
    assert "auditor" in {n["id"] for n in regraph["nodes"]}
    assert await _computed_at(engine, run.trace_id) > computed


async def _computed_at(engine, trace_id: str):
    ar = s.analysis_results
    async with engine.connect() as conn:
        return (
            await conn.execute(select(ar.c.computed_at).where(ar.c.trace_id == trace_id))
        ).scalar_one()


async def test_project_graph_merges_runs(ingest: Ingest, engine) -> None:
    for _ in range(2):
        run = _looping_run("shop")
        await ingest.body(run.body())
        await service.analyze_trace(engine, run.trace_id)
    graph = await service.project_graph(engine, "shop")
    assert graph["runs"] == 2
    edges = {(e["source"], e["target"], e["kind"]): e for e in graph["edges"]}
    assert edges[("coder", "reviewer", "handoff")] == IsPartialDict(runs=2, count=6)
    assert edges[("coder", "tool:run_tests", "tool_call")] == IsPartialDict(
        runs=2, count=6, errors=6, error_rate=1.0
    )


async def test_current_graph_is_computed_alone_until_the_analysis_is_stored(
    ingest: Ingest, engine
) -> None:
    run = _looping_run()
    await ingest.body(run.body())
    assert await service.current_graph(engine, UNKNOWN) is None

    alone = await service.current_graph(engine, run.trace_id)
    assert alone is not None
    assert {n["id"] for n in alone["nodes"]} >= {"coder", "reviewer"}
    async with engine.connect() as conn:  # nothing stored: no result, no annotations
        assert (await conn.execute(select(s.analysis_results.c.trace_id))).all() == []
        assert (await conn.execute(select(s.failure_annotations.c.id))).all() == []

    stored = await service.trace_graph(engine, run.trace_id)  # the whole analysis, stored
    assert stored == alone
    computed = await _computed_at(engine, run.trace_id)
    assert await service.current_graph(engine, run.trace_id) == stored
    assert await _computed_at(engine, run.trace_id) == computed  # served, not recomputed
