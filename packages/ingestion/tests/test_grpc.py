"""OTLP/gRPC ``TraceService/Export`` in-process on both databases: the HTTP receiver's cases
again (bad input, partial success, keys, projects, a full queue), through a real gRPC server
and the generated client stub."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import grpc
import pytest
from agenttrace_core.auth import hash_key
from agenttrace_core.settings import Settings
from agenttrace_ingestion import IngestionService
from agenttrace_ingestion.grpc_receiver import RETRY_INFO_KEY, SERVICE_NAME, serve_grpc
from agenttrace_ingestion.validation import MAX_NANOS
from google.rpc import error_details_pb2, status_pb2
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceResponse
from opentelemetry.proto.collector.trace.v1.trace_service_pb2_grpc import TraceServiceStub
from sqlalchemy import text

from .conftest import TESTDATA
from .otlp_factory import (
    BASE_NS,
    SUMMARY_COLUMNS,
    SpanSpec,
    build_request,
    expected_summary,
    make_traces,
)

LIMIT = 2 * 1024 * 1024
TRACE = "ab" * 16
Code = grpc.StatusCode


@dataclass
class GrpcReceiver:
    """An in-process gRPC receiver: its service, the generated stub and a raw-bytes call."""

    stub: TraceServiceStub
    raw: grpc.aio.UnaryUnaryMultiCallable
    service: IngestionService


@contextlib.asynccontextmanager
async def _serving(
    settings: Settings, engine, *, start: bool = True
) -> AsyncIterator[GrpcReceiver]:
    service = IngestionService(settings, engine, decode_workers=0)
    if start:
        await service.start()
    async with contextlib.AsyncExitStack() as stack:
        port = await stack.enter_async_context(serve_grpc(service, settings, port=0))
        channel = await stack.enter_async_context(grpc.aio.insecure_channel(f"127.0.0.1:{port}"))
        raw = channel.unary_unary(
            f"/{SERVICE_NAME}/Export",
            request_serializer=None,
            response_deserializer=ExportTraceServiceResponse.FromString,
        )
        yield GrpcReceiver(TraceServiceStub(channel), raw, service)
    await service.stop()


@pytest.fixture
async def receiver(settings: Settings, engine) -> AsyncIterator[GrpcReceiver]:
    """The gRPC receiver on this test's database, with a 2 MiB message limit."""
    async with _serving(settings.model_copy(update={"max_body_bytes": LIMIT}), engine) as r:
        yield r


async def _rows(engine, sql: str) -> list[tuple]:
    async with engine.connect() as conn:
        return [tuple(r) for r in (await conn.execute(text(sql))).all()]


def _status(error: grpc.aio.AioRpcError) -> status_pb2.Status:
    """The ``google.rpc.Status`` of the ``grpc-status-details-bin`` trailer."""
    details = dict(error.trailing_metadata() or ())["grpc-status-details-bin"]
    return status_pb2.Status.FromString(details)


def _retry_delay(error: grpc.aio.AioRpcError) -> int:
    """Seconds of the ``RetryInfo`` in the status details (the two places agree)."""
    status = _status(error)
    assert status.code == error.code().value[0]
    assert status.message == error.details()
    (detail,) = status.details
    info = error_details_pb2.RetryInfo()
    assert detail.Unpack(info)
    trailer = dict(error.trailing_metadata() or ())[RETRY_INFO_KEY]
    assert error_details_pb2.RetryInfo.FromString(trailer) == info
    return int(info.retry_delay.seconds)


def _capture(name: str) -> bytes:
    return (TESTDATA / name).read_bytes()


def _big() -> bytes:
    request = build_request([SpanSpec(TRACE, "0f" * 8, attributes={"x": "a" * LIMIT})])
    return request.SerializeToString()


BAD_INPUTS = [
    # (id, message bytes, compression, expected code); the HTTP table's cases that gRPC can
    # carry (no JSON, no content types: gRPC sends protobuf, and gRPC decompresses)
    ("truncated-protobuf", lambda: _capture("generic/001_ok_handoff.pb")[:5000], None,
     Code.INVALID_ARGUMENT),
    ("not-protobuf", lambda: b"\xff\xff\xff\xff", None, Code.INVALID_ARGUMENT),
    ("huge-message", _big, None, Code.RESOURCE_EXHAUSTED),
    ("gzip-bomb", _big, grpc.Compression.Gzip, Code.RESOURCE_EXHAUSTED),
]  # fmt: skip


async def test_bad_input_gets_the_spec_code(receiver: GrpcReceiver, engine) -> None:
    for case, make_body, compression, code in BAD_INPUTS:
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await receiver.raw(make_body(), compression=compression)
        assert caught.value.code() == code, (case, caught.value.details())
        assert caught.value.details(), case
    assert await _rows(engine, "SELECT count(*) FROM spans") == [(0,)]


async def test_empty_request_is_accepted(receiver: GrpcReceiver) -> None:
    assert await receiver.raw(b"") == ExportTraceServiceResponse()


async def test_capture_is_stored_once_plain_and_gzip(receiver: GrpcReceiver, engine) -> None:
    body = _capture("generic/001_ok_handoff.pb")
    assert await receiver.raw(body) == ExportTraceServiceResponse()
    (count,) = await _rows(engine, "SELECT count(*) FROM spans")
    assert count[0] > 0
    assert await receiver.raw(body, compression=grpc.Compression.Gzip) == (
        ExportTraceServiceResponse()
    )  # a retry, compressed: stored once
    assert await _rows(engine, "SELECT count(*) FROM spans") == [count]


async def test_summaries_are_right_whatever_the_order(receiver: GrpcReceiver, engine) -> None:
    traces = make_traces(4, 20, seed=5)
    specs = [s for t in traces for s in t][::-1]
    for i in range(0, len(specs), 7):
        await receiver.stub.Export(build_request(specs[i : i + 7]))
    rows = await _rows(engine, f"SELECT {SUMMARY_COLUMNS} FROM traces ORDER BY trace_id")
    keys = [k.strip() for k in SUMMARY_COLUMNS.split(",")]
    expected = [expected_summary(t) for t in sorted(traces, key=lambda t: t[0].trace_id)]
    assert [dict(zip(keys, r, strict=True)) for r in rows] == expected


async def test_refused_and_changed_spans_are_a_partial_success(
    receiver: GrpcReceiver, engine
) -> None:
    answer = await receiver.stub.Export(
        build_request(
            [
                SpanSpec(TRACE, "00000000000000a1", start=MAX_NANOS + 1, end=2**63 - 1),
                SpanSpec(TRACE, "00000000000000a2", start=5, end=4),
                SpanSpec(TRACE, "00000000000000a3"),
                SpanSpec(
                    TRACE,
                    "00000000000000a4",
                    attributes={"gen_ai.operation.name": "chat", "gen_ai.usage.input_tokens": -1},
                ),
            ]
        )
    )
    assert answer.partial_success.rejected_spans == 2
    message = answer.partial_success.error_message
    assert message.startswith("2 span(s) rejected: ")
    assert "timestamp out of range (after the year 2200)" in message
    assert f"{TRACE}/00000000000000a2: end time before start time" in message
    assert "1 value(s) changed to store the spans: " in message
    assert "token count out of range, not stored (input -1, total -1)" in message
    assert await _rows(engine, "SELECT span_id, input_tokens FROM spans ORDER BY span_id") == [
        ("00000000000000a3", None),
        ("00000000000000a4", None),
    ]


async def test_a_row_the_database_refuses_costs_only_itself(
    receiver: GrpcReceiver, engine, poison_trigger
) -> None:
    specs = [SpanSpec("56" * 16, f"{i + 1:016x}", name="poison" if i == 3 else f"s{i}")
             for i in range(6)]  # fmt: skip
    answer = await receiver.stub.Export(build_request(specs))
    assert answer.partial_success.rejected_spans == 1
    assert "refused by the database" in answer.partial_success.error_message
    assert await _rows(engine, "SELECT count(*) FROM spans") == [(5,)]


async def test_api_keys_come_from_the_metadata(settings: Settings, engine) -> None:
    async with engine.begin() as conn:
        await conn.execute(
            text("INSERT INTO projects (name, created_at) VALUES ('team-a', CURRENT_TIMESTAMP)")
        )
        await conn.execute(
            text(
                "INSERT INTO api_keys (project_id, name, key_hash, prefix, created_at) "
                "SELECT id, 'k', :h, 'at_', CURRENT_TIMESTAMP FROM projects WHERE name='team-a'"
            ),
            {"h": hash_key("team-key")},
        )
    keyed = settings.model_copy(update={"api_keys": ["global-key"]})
    request = build_request([SpanSpec("cd" * 16, "01" * 8)], service="from-resource")
    async with _serving(keyed, engine) as receiver:

        async def code(*metadata: tuple[str, str]) -> Code:
            try:
                await receiver.stub.Export(request, metadata=metadata)
            except grpc.aio.AioRpcError as error:
                return error.code()
            return Code.OK

        assert await code() == Code.UNAUTHENTICATED
        assert await code(("authorization", "Bearer nope")) == Code.UNAUTHENTICATED
        assert await code(("x-api-key", "nope")) == Code.UNAUTHENTICATED
        assert await code(("x-api-key", "team-key")) == Code.OK
        assert await code(("authorization", "Bearer team-key")) == Code.OK
        assert await code(("authorization", "Bearer global-key")) == Code.OK
    # the project key's spans belong to its project, whatever the resource says
    assert await _rows(engine, "SELECT project FROM spans") == [("team-a",)]


async def test_a_project_key_cannot_write_into_another_projects_trace(
    settings: Settings, engine
) -> None:
    async with engine.begin() as conn:
        for name, key in (("team-a", "key-a"), ("team-b", "key-b")):
            await conn.execute(
                text("INSERT INTO projects (name, created_at) VALUES (:n, CURRENT_TIMESTAMP)"),
                {"n": name},
            )
            await conn.execute(
                text(
                    "INSERT INTO api_keys (project_id, name, key_hash, prefix, created_at) "
                    "SELECT id, 'k', :h, 'at_', CURRENT_TIMESTAMP FROM projects WHERE name=:n"
                ),
                {"h": hash_key(key), "n": name},
            )
    async with _serving(settings, engine) as receiver:
        first = build_request([SpanSpec(TRACE, "01" * 8)])
        await receiver.stub.Export(first, metadata=(("x-api-key", "key-a"),))
        intruder = build_request([SpanSpec(TRACE, "02" * 8, parent="01" * 8)])
        answer = await receiver.stub.Export(intruder, metadata=(("x-api-key", "key-b"),))
    assert answer.partial_success.rejected_spans == 1
    assert "the trace belongs to another project" in answer.partial_success.error_message
    assert await _rows(engine, "SELECT span_id, project FROM spans") == [("01" * 8, "team-a")]


async def test_full_queue_is_resource_exhausted_with_retry_info(settings: Settings, engine) -> None:
    small = settings.model_copy(update={"queue_max_spans": 10})
    first = build_request([SpanSpec("ef" * 16, f"{i + 1:016x}") for i in range(10)])
    second = build_request([SpanSpec("ef" * 16, "ff" * 8)])
    async with _serving(small, engine, start=False) as receiver:  # the writer waits
        waiting = asyncio.ensure_future(receiver.stub.Export(first))
        for _ in range(500):
            if receiver.service.queued_spans == 10:
                break
            await asyncio.sleep(0.01)
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await receiver.stub.Export(second)
        assert caught.value.code() == Code.RESOURCE_EXHAUSTED
        assert "the write queue is full" in caught.value.details()
        assert _retry_delay(caught.value) >= 1
        assert not waiting.done()  # no answer before the commit
        await receiver.service.start()
        assert await waiting == ExportTraceServiceResponse()
    assert await _rows(engine, "SELECT count(*) FROM spans") == [(10,)]


async def test_shutting_down_is_unavailable_with_retry_info(settings: Settings, engine) -> None:
    async with _serving(settings, engine) as receiver:
        await receiver.service.stop()
        with pytest.raises(grpc.aio.AioRpcError) as caught:
            await receiver.stub.Export(build_request([SpanSpec(TRACE, "01" * 8)]))
    assert caught.value.code() == Code.UNAVAILABLE
    assert _retry_delay(caught.value) >= 1


async def test_grpc_port_zero_turns_the_receiver_off(settings: Settings, engine) -> None:
    off = settings.model_copy(update={"grpc_port": 0})
    service = IngestionService(off, engine, decode_workers=0)
    async with serve_grpc(service, off) as port:
        assert port is None


async def test_base_ns_spans_keep_their_times(receiver: GrpcReceiver, engine) -> None:
    await receiver.stub.Export(build_request([SpanSpec(TRACE, "01" * 8)]))
    assert await _rows(engine, "SELECT start_time, end_time FROM spans") == [
        (BASE_NS, BASE_NS + 1_000_000)
    ]
