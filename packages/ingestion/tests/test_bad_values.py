"""Values ingestion cannot store faithfully: refused or clamped at the door, said, counted once.

Each case here was found by the fuzz suite (test_fuzz.py): a span the receiver accepted that
later made a read or the analysis fail, or one bad attribute that logged a traceback per span.
"""

from __future__ import annotations

import logging
import re

from agenttrace_analysis.trace_loading import load_trace
from agenttrace_ingestion.validation import MAX_NANOS
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceResponse
from sqlalchemy import text

from .conftest import Receiver
from .otlp_factory import BASE_NS, SpanSpec, build_request

PB = {"content-type": "application/x-protobuf"}
TRACE = "ab" * 16


def _metric(metrics: str, name: str, label: str) -> float:
    found = re.search(rf'^{name}_total{{[a-z]+="{label}"}} (\S+)$', metrics, re.M)
    return float(found.group(1)) if found else 0.0


async def _post(receiver: Receiver, specs: list[SpanSpec]) -> ExportTraceServiceResponse:
    response = await receiver.client.post(
        "/v1/traces", content=build_request(specs).SerializeToString(), headers=PB
    )
    assert response.status_code == 200, response.text
    answer = ExportTraceServiceResponse()
    answer.ParseFromString(response.content)
    return answer


async def test_times_past_2200_are_refused_and_runs_near_the_limit_still_load(
    receiver: Receiver, engine
) -> None:
    late = SpanSpec(TRACE, "00000000000000a1", start=MAX_NANOS + 1, end=2**63 - 1)
    near = SpanSpec(TRACE, "00000000000000a2", start=MAX_NANOS - 10, end=MAX_NANOS)
    answer = await _post(receiver, [late, near])
    assert answer.partial_success.rejected_spans == 1
    assert "timestamp out of range (after the year 2200)" in answer.partial_success.error_message
    # a run stored before the limit existed, ending at the 64-bit limit: the linked-trace
    # lookup adds an hour to it and must not overflow (SQLite refused the integer)
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE spans SET end_time = :t"), {"t": 2**63 - 1})
        await conn.execute(text("UPDATE traces SET end_time = :t"), {"t": 2**63 - 1})
    run = await load_trace(engine, TRACE)
    assert run is not None
    assert [sp.span_id for sp in run.spans] == ["00000000000000a2"]


async def test_negative_token_counts_are_stored_without_them_counted_and_logged_once(
    receiver: Receiver, engine, caplog
) -> None:
    before = (await receiver.client.get("/metrics")).text
    caplog.set_level(logging.INFO)
    for request in range(20):
        specs = [
            SpanSpec(
                TRACE,
                f"{request + 1:08x}{i + 1:08x}",
                start=BASE_NS,
                end=BASE_NS + 1,
                attributes={"gen_ai.operation.name": "chat", "gen_ai.usage.input_tokens": -1},
            )
            for i in range(10)
        ]
        answer = await _post(receiver, specs)
        assert answer.partial_success.rejected_spans == 0
        assert answer.partial_success.error_message.startswith(
            "10 value(s) changed to store the spans: "
        )
        assert "token count out of range, not stored (input -1, total -1)" in (
            answer.partial_success.error_message
        )
    after = (await receiver.client.get("/metrics")).text
    rows = await _rows(engine, "SELECT count(*), count(input_tokens) FROM spans")
    assert rows == [(200, 0)]
    name = "agenttrace_ingest_spans_adjusted"
    assert _metric(after, name, "token_count") - _metric(before, name, "token_count") == 200
    lines = [r for r in caplog.records if r.name.startswith("agenttrace_ingestion")]
    assert [(r.levelno, r.exc_info) for r in lines] == [(logging.WARNING, None)]
    assert "token_count" in lines[0].getMessage()


async def test_rejections_are_counted_per_reason(receiver: Receiver, caplog) -> None:
    before = (await receiver.client.get("/metrics")).text
    caplog.set_level(logging.INFO)
    for _ in range(5):
        await _post(
            receiver,
            [
                SpanSpec(TRACE, "0000000000000001", start=BASE_NS + 5, end=BASE_NS),
                SpanSpec(TRACE, "0000000000000002", start=2**63 - 1, end=2**63 - 1),
                SpanSpec("00" * 16, "0000000000000003"),
            ],
        )
    after = (await receiver.client.get("/metrics")).text
    name = "agenttrace_ingest_spans_rejected"
    assert {
        label: _metric(after, name, label) - _metric(before, name, label)
        for label in ("invalid_time", "invalid_id")
    } == {"invalid_time": 10, "invalid_id": 5}
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("agenttrace_ingestion")]
    assert len(lines) == 2  # one per reason, however many requests
    assert all(r.exc_info is None for r in caplog.records)


async def test_checkpoint_steps_and_event_times_out_of_range_are_clamped(
    receiver: Receiver, engine
) -> None:
    request = build_request(
        [
            SpanSpec(
                TRACE,
                "0000000000000001",
                attributes={
                    "agenttrace.checkpoint.state": '{"a": 1}',
                    "agenttrace.agent.name": "a",
                },
            )
        ]
    )
    span = request.resource_spans[0].scope_spans[0].spans[0]
    kv = span.attributes.add()
    kv.key, kv.value.int_value = "agenttrace.checkpoint.step", 2**40
    event = span.events.add()
    event.name, event.time_unix_nano = "agenttrace.message", 2**64 - 1
    kv = event.attributes.add()
    kv.key, kv.value.string_value = "agenttrace.message.to", "b"
    response = await receiver.client.post(
        "/v1/traces", content=request.SerializeToString(), headers=PB
    )
    answer = ExportTraceServiceResponse()
    answer.ParseFromString(response.content)
    assert answer.partial_success.rejected_spans == 0
    message = answer.partial_success.error_message
    assert "checkpoint step 1099511627776 out of range, 0 used" in message
    assert "event 'agenttrace.message': time out of range, the span's time used" in message
    assert await _rows(engine, "SELECT step FROM checkpoints") == [(0,)]
    assert await _rows(engine, "SELECT timestamp, to_agent FROM agent_messages") == [(BASE_NS, "b")]


async def _rows(engine, sql: str) -> list[tuple]:
    async with engine.connect() as conn:
        return [tuple(r) for r in (await conn.execute(text(sql))).all()]
