"""Loading a run: span links are followed both ways, so any trace of a run gives the whole run;
the spans' JSON columns are read as text and parsed here, exactly as the driver would."""

from __future__ import annotations

import json

import pytest
from agenttrace_analysis.trace_data import TraceData
from agenttrace_analysis.trace_loading import PAYLOAD_FIELDS, load_json, load_trace, use_trace
from agenttrace_core.db import schema as s
from agenttrace_core.models import Span
from sqlalchemy import select, update

from .conftest import Ingest
from .runs import Run


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


@pytest.mark.parametrize(
    "text",
    [
        "{}",
        "[]",
        '{"a": [1, 2.5, null, true], "b": {"c": "é ✓ \\u0000"}}',
        '{"big": 1180591620717411303424, "neg": -9223372036854775809}',
        '{"x": NaN, "y": Infinity}',
        "12345678901234567890",
        '{"lone": "\\ud800 x"}',
    ],
)
def test_load_json_parses_as_json_loads(text: str) -> None:
    parsed = load_json(text)
    assert repr(parsed) == repr(json.loads(text))  # repr: NaN != NaN, and 1 vs 1.0 differ


async def test_spans_load_as_the_driver_decodes_them(ingest: Ingest, engine) -> None:
    trace_ids = await ingest.capture("autogen/001_native_ok_roundrobin.pb")
    sp = s.spans
    async with engine.begin() as conn:
        first = await conn.execute(select(sp.c.span_id).where(sp.c.trace_id == trace_ids[0]))
        span_id = first.scalars().first()
        await conn.execute(
            update(sp)
            .where(sp.c.trace_id == trace_ids[0], sp.c.span_id == span_id)
            .values(attributes={"big": 2**70, "nested": {"list": [1, "two", None]}})
        )
    data = await load_trace(engine, trace_ids[0])
    assert data is not None
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(sp)
            .where(sp.c.trace_id.in_(data.trace_ids))
            .order_by(sp.c.start_time, sp.c.span_id)
        )
        expected = [
            Span.model_validate({**dict(r._mapping), "resource": {}}) for r in rows
        ]  # resource is not read by the analysis
    assert data.spans == expected
    assert data.by_id[span_id].attributes["big"] == 2**70
    assert any(span.links for span in data.spans)
    assert any(span.events for span in data.spans) or any(span.attributes for span in data.spans)


async def test_a_run_without_payloads_is_the_run_minus_them(ingest: Ingest, engine) -> None:
    run = Run()
    with (
        run.span("team", "chain", input="Fix the date parser", error="Max turns exceeded"),
        run.agent("coder", output="Tests could not run."),
    ):
        run.tool("run_tests", '{"path": "tests/"}', error="RuntimeError: import failed")
        run.message("coder", "reviewer", "please review", "handoff")
    await ingest.body(run.body())
    full = await load_trace(engine, run.trace_id)
    light = await load_trace(engine, run.trace_id, payloads=False)
    assert full is not None and light is not None
    assert any(sp.input or sp.output for sp in full.spans)
    emptied = {"input": None, "output": None, "status_message": None, "events": []}
    assert sorted(emptied) == sorted(PAYLOAD_FIELDS)
    assert light.spans == [sp.model_copy(update=emptied) for sp in full.spans]
    assert (light.agents, light.messages, light.trace_ids) == (
        full.agents,
        full.messages,
        full.trace_ids,
    )


async def test_use_trace_hands_over_the_run_load_trace_reads(ingest: Ingest, engine) -> None:
    trace_ids = await ingest.capture("autogen/001_native_ok_roundrobin.pb")
    loaded = await load_trace(engine, trace_ids[0], payloads=False)
    assert loaded is not None

    def figures(data: TraceData) -> tuple[list[str], int, list[str]]:
        return data.trace_ids, len(data.spans), data.agent_names

    used = await use_trace(engine, trace_ids[0], figures, payloads=False)
    assert used == (loaded.trace_ids, len(loaded.spans), loaded.agent_names)
    assert await use_trace(engine, "0" * 32, figures) is None
