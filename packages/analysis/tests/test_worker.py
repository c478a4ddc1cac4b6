"""The background worker: it analyses completed, idle traces once, and only those."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from agenttrace_analysis.worker import AnalysisWorker
from agenttrace_core.db import create_engine
from agenttrace_core.db import schema as s
from agenttrace_core.settings import Settings
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from sqlalchemy import func, select

from .conftest import TESTDATA, Ingest
from .runs import Run


def _run() -> Run:
    run = Run()
    with run.span("team", "chain", input="Fix the parser", error="Max turns exceeded"):
        for _ in range(3):
            with run.agent("coder", output="Tests could not run."):
                run.tool("run_tests", "{}", error="RuntimeError")
    return run


async def _states(engine) -> dict[str, str]:
    async with engine.connect() as conn:
        rows = await conn.execute(select(s.traces.c.trace_id, s.traces.c.analysis_state))
        return {r[0]: r[1] for r in rows}


async def test_worker_analyses_a_completed_trace_in_the_background(
    ingest: Ingest, engine, settings: Settings
) -> None:
    run = _run()
    await ingest.body(run.body())
    worker = AnalysisWorker(settings, engine, poll_seconds=0.1)
    await worker.start()
    try:
        deadline = time.monotonic() + 20
        while (await _states(engine))[run.trace_id] != "done":
            assert time.monotonic() < deadline, "the worker did not analyse the trace"
            await asyncio.sleep(0.1)
    finally:
        await worker.stop()
    async with engine.connect() as conn:
        analyzed_at = (await conn.execute(select(s.traces.c.analyzed_at))).scalar_one()
        notes = (
            await conn.execute(select(func.count()).select_from(s.failure_annotations))
        ).scalar()
        result = (await conn.execute(select(s.analysis_results.c.trace_id))).scalars().all()
    assert analyzed_at is not None
    assert notes and notes > 0
    assert result == [run.trace_id]
    assert worker.analysed == 1 and worker.failed == 0


async def test_only_idle_traces_with_a_root_are_due(
    ingest: Ingest, engine, settings: Settings
) -> None:
    done = _run()
    await ingest.body(done.body())
    rootless = Run()
    with rootless.joining("ab" * 16), rootless.agent("straggler", output="late"):
        pass
    await ingest.body(rootless.body())

    waiting = AnalysisWorker(settings.model_copy(update={"analysis_idle_seconds": 3600}), engine)
    assert await waiting.run_once() == 0  # not idle long enough yet

    worker = AnalysisWorker(settings.model_copy(update={"analysis_idle_seconds": 0}), engine)
    assert await worker.run_once() == 1
    assert await worker.run_once() == 0  # analysed once
    assert await _states(engine) == {done.trace_id: "done", "ab" * 16: "pending"}

    await ingest.body(_late_span(done.trace_id))  # new data: analysed again
    assert (await _states(engine))[done.trace_id] == "pending"
    assert await worker.run_once() == 1


def _late_span(trace_id: str) -> bytes:
    late = Run()
    with late.joining(trace_id), late.agent("auditor", output="ok"):
        pass
    return late.body()


async def test_one_analysis_covers_a_run_split_over_linked_traces(
    ingest: Ingest, engine, settings: Settings
) -> None:
    await ingest.capture("autogen/002_native_fail_max_msgs.pb")
    worker = AnalysisWorker(settings.model_copy(update={"analysis_idle_seconds": 0}), engine)
    while await worker.run_once():
        pass
    states = await _states(engine)
    assert set(states.values()) == {"done"}
    # 39 traces: 36 of the group chat (one analysis) and 3 lone create_agent traces
    assert worker.analysed < 10


@pytest.mark.e2e
async def test_the_server_runs_the_worker(live_server, database_url: str) -> None:
    body = (TESTDATA / "generic/002_fail_tool_loop.pb").read_bytes()
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{live_server.otlp_url}/v1/traces",
            content=body,
            headers={"content-type": "application/x-protobuf"},
        )
    assert response.status_code == 200
    engine = create_engine(database_url)
    try:
        deadline = time.monotonic() + 30
        while set((await _states(engine)).values()) != {"done"}:
            assert time.monotonic() < deadline, live_server.log()
            await asyncio.sleep(0.2)
    finally:
        await engine.dispose()


async def test_analysis_waits_while_the_process_is_busy_ingesting(
    ingest: Ingest, engine, settings: Settings
) -> None:
    run = _run()
    await ingest.body(run.body())
    busy = True
    worker = AnalysisWorker(
        settings.model_copy(update={"analysis_idle_seconds": 0}),
        engine,
        poll_seconds=0.05,
        busy=lambda: busy,
    )
    await worker.start()
    try:
        await asyncio.sleep(0.5)
        assert (await _states(engine))[run.trace_id] == "pending"  # ingestion keeps the CPU
        busy = False
        deadline = time.monotonic() + 20
        while (await _states(engine))[run.trace_id] != "done":
            assert time.monotonic() < deadline, "the worker did not analyse once idle"
            await asyncio.sleep(0.05)
    finally:
        await worker.stop()


async def test_constant_load_delays_analysis_but_does_not_starve_it(
    ingest: Ingest, engine, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("agenttrace_analysis.worker.MAX_DEFER_SECONDS", 0.3)
    run = _run()
    await ingest.body(run.body())
    worker = AnalysisWorker(
        settings.model_copy(update={"analysis_idle_seconds": 0}),
        engine,
        poll_seconds=0.05,
        busy=lambda: True,
    )
    await worker.start()
    try:
        deadline = time.monotonic() + 20
        while (await _states(engine))[run.trace_id] != "done":
            assert time.monotonic() < deadline, "a busy process never analysed"
            await asyncio.sleep(0.05)
    finally:
        await worker.stop()


async def test_spans_sent_before_their_agent_get_its_agent_once_analysed(
    ingest: Ingest, engine, settings: Settings
) -> None:
    run = Run()
    with run.span("team", "chain"), run.agent("coder"):
        run.llm("Let me run the tests.")
        run.tool("run_tests", "{}", result="ok")
    spans = run.exporter.get_finished_spans()  # in end order: the children first
    await ingest.body(encode_spans(spans[:2]).SerializeToString())
    await ingest.body(encode_spans(spans[2:]).SerializeToString())

    async def agents() -> dict[str, str | None]:
        async with engine.connect() as conn:
            rows = await conn.execute(select(s.spans.c.name, s.spans.c.agent))
            return {r[0]: r[1] for r in rows}

    before = await agents()
    assert before["chat model"] is None and before["tool run_tests"] is None
    worker = AnalysisWorker(settings.model_copy(update={"analysis_idle_seconds": 0}), engine)
    assert await worker.run_once() == 1
    assert await agents() == {
        "team": None,
        "coder": "coder",
        "chat model": "coder",
        "tool run_tests": "coder",
    }
    async with engine.connect() as conn:  # and the coder's run counts them
        run = (
            await conn.execute(
                select(s.agents.c.span_count, s.agents.c.first_seen, s.agents.c.last_seen).where(
                    s.agents.c.name == "coder"
                )
            )
        ).one()
    assert run.span_count == 3
    coder = [sp for sp in spans if sp.name != "team"]
    assert (run.first_seen, run.last_seen) == (
        min(sp.start_time for sp in coder),
        max(sp.end_time for sp in coder),
    )


async def test_a_batch_stops_when_ingestion_starts(
    ingest: Ingest, engine, settings: Settings
) -> None:
    for _ in range(3):
        await ingest.body(_run().body())
    worker = AnalysisWorker(
        settings.model_copy(update={"analysis_idle_seconds": 0}),
        engine,
        busy=lambda: worker.analysed >= 1,  # spans start coming in after the first trace
    )
    assert await worker.run_once() == 1
    assert sorted((await _states(engine)).values()) == ["done", "pending", "pending"]


def _long_run(spans: int, per_request: int) -> tuple[str, list[bytes]]:
    """One run of ``spans`` spans (a root, agents, LLM and tool calls), cut into requests.

    The root comes first, as from an exporter that sends spans as they start: the run is
    complete enough to be analysed after the first request already.
    """
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
    from opentelemetry.proto.trace.v1.trace_pb2 import Span

    trace_id = bytes.fromhex("5e" * 16)
    start = time.time_ns() - 3_600 * 10**9
    made: list[Span] = []
    agent = b""
    for i in range(spans):
        span = Span(
            trace_id=trace_id,
            span_id=(i + 1).to_bytes(8, "big"),
            name="run" if i == 0 else f"step {i}",
            start_time_unix_nano=start + i * 1_000_000,
            end_time_unix_nano=start + i * 1_000_000 + 500_000,
        )
        if i == 0:
            span.end_time_unix_nano = start + spans * 1_000_000
        elif i % 10 == 1:
            span.parent_span_id = (1).to_bytes(8, "big")
            agent = span.span_id
            for key, value in (("gen_ai.operation.name", "invoke_agent"),
                               ("gen_ai.agent.name", f"agent-{i // 10 % 5}")):  # fmt: skip
                kv = span.attributes.add()
                kv.key, kv.value.string_value = key, value
        else:
            span.parent_span_id = agent
            kv = span.attributes.add()
            kv.key, kv.value.string_value = "gen_ai.tool.name", "search"
            kv = span.attributes.add()
            kv.key, kv.value.string_value = "gen_ai.tool.call.result", f"found {i} results"
        made.append(span)
    bodies = []
    for first in range(0, spans, per_request):
        request = ExportTraceServiceRequest()
        request.resource_spans.add().scope_spans.add().spans.extend(
            made[first : first + per_request]
        )
        bodies.append(request.SerializeToString())
    return trace_id.hex(), bodies


async def test_a_long_run_arriving_in_many_requests_is_analysed_once_when_it_settles(
    ingest: Ingest, engine, settings: Settings
) -> None:
    trace_id, bodies = _long_run(10_000, 500)
    worker = AnalysisWorker(
        settings.model_copy(update={"analysis_idle_seconds": 1.0}), engine, poll_seconds=0.05
    )
    await worker.start()
    try:
        for body in bodies:  # the root is in the first one: complete enough from there on
            await ingest.body(body)
            await asyncio.sleep(0.2)
        deadline = time.monotonic() + 120
        while (await _states(engine))[trace_id] != "done":
            assert time.monotonic() < deadline, "the run was not analysed once it settled"
            await asyncio.sleep(0.1)
        await asyncio.sleep(1.5)  # nothing more to do: no second analysis
    finally:
        await worker.stop()
    assert (worker.analysed, worker.failed) == (1, 0)


async def test_a_run_with_pauses_longer_than_the_idle_time_is_not_analysed_per_batch(
    ingest: Ingest, engine, settings: Settings
) -> None:
    trace_id, bodies = _long_run(10_000, 500)
    worker = AnalysisWorker(
        settings.model_copy(update={"analysis_idle_seconds": 0.3}), engine, poll_seconds=0.05
    )
    await worker.start()
    try:
        for body in bodies:  # each pause lets the run look settled for a moment
            await ingest.body(body)
            await asyncio.sleep(0.6)
        deadline = time.monotonic() + 120
        while (await _states(engine))[trace_id] != "done":
            assert time.monotonic() < deadline, "the run was not analysed once it settled"
            await asyncio.sleep(0.1)
        await asyncio.sleep(2.5)  # nothing more to do: no further analysis
    finally:
        await worker.stop()
    # analysed once too early (after the first pause), then once when it settled
    assert worker.failed == 0 and 1 <= worker.analysed <= 2, worker.analysed
