"""``POST /v1/traces`` in-process on both databases: encodings, bad input, summaries, keys."""

from __future__ import annotations

import asyncio
import gzip
import json
import random
import re

import orjson
import pytest
from agenttrace_core.auth import hash_key
from agenttrace_ingestion import IngestionService, create_app
from google.rpc import status_pb2
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceResponse
from sqlalchemy import text

from .conftest import TESTDATA, Receiver
from .otlp_factory import SUMMARY_COLUMNS, SpanSpec, build_request, expected_summary, make_traces

PB = {"content-type": "application/x-protobuf"}
JSON = {"content-type": "application/json"}

# The OTLP/JSON example of the OpenTelemetry protocol repository (examples/trace.json), as
# its README sends it with curl: upper-case hex ids and unquoted 64-bit integers.
SPEC_EXAMPLE = """{"resourceSpans": [{"resource": {"attributes": [{"key": "service.name",
  "value": {"stringValue": "my.service"}}]}, "scopeSpans": [{"scope": {"name": "my.library",
  "version": "1.0.0", "attributes": [{"key": "my.scope.attribute", "value": {"stringValue":
  "some scope attribute"}}]}, "spans": [{"traceId": "5B8EFFF798038103D269B633813FC60C",
  "spanId": "EEE19B7EC3C1B174", "parentSpanId": "EEE19B7EC3C1B173", "name": "I'm a server span",
  "startTimeUnixNano": 1544712660000000000, "endTimeUnixNano": 1544712661000000000, "kind": 2,
  "attributes": [{"key": "my.span.attr", "value": {"stringValue": "some value"}}]}]}]}]}"""


async def _rows(engine, sql: str) -> list[tuple]:
    async with engine.connect() as conn:
        return [tuple(r) for r in (await conn.execute(text(sql))).all()]


async def test_spec_json_example_is_stored_as_written(receiver: Receiver, engine) -> None:
    response = await receiver.client.post("/v1/traces", content=SPEC_EXAMPLE, headers=JSON)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {}
    rows = await _rows(
        engine,
        "SELECT trace_id, span_id, parent_span_id, project, name, kind, start_time, end_time, "
        "scope_name, scope_version FROM spans",
    )
    assert rows == [
        ("5b8efff798038103d269b633813fc60c", "eee19b7ec3c1b174", "eee19b7ec3c1b173",
         "my.service", "I'm a server span", "server", 1544712660000000000,
         1544712661000000000, "my.library", "1.0.0"),
    ]  # fmt: skip
    (attributes,) = await _rows(engine, "SELECT attributes FROM spans")
    value = attributes[0] if isinstance(attributes[0], dict) else json.loads(attributes[0])
    assert value["my.span.attr"] == "some value"
    summary = await _rows(engine, "SELECT project, span_count, status, root_span_id FROM traces")
    assert summary == [("my.service", 1, "unset", None)]  # its parent has not arrived


def _bomb() -> bytes:
    return gzip.compress(bytes(40 * 1024 * 1024))


BAD_INPUTS = [
    # (id, headers, body, expected status)
    ("truncated-protobuf", PB, lambda: _capture("generic/001_ok_handoff.pb")[:5000], 400),
    ("json-wrong-types", JSON, lambda: b'{"resourceSpans": {"scopeSpans": 1}}', 400),
    ("json-syntax", JSON, lambda: b'{"resourceSpans": [', 400),
    ("empty-json", JSON, lambda: b"", 400),
    ("huge-body", PB, lambda: b"\x00" * (2 * 1024 * 1024 + 1), 413),
    ("gzip-bomb", {**PB, "content-encoding": "gzip"}, _bomb, 413),
    ("bad-gzip", {**PB, "content-encoding": "gzip"}, lambda: b"not gzip", 400),
    ("wrong-content-type", {"content-type": "text/plain"}, lambda: b"hello", 415),
    ("no-content-type", {}, lambda: b"hello", 415),
    ("unknown-encoding", {**PB, "content-encoding": "br"}, lambda: b"x", 415),
]


def _capture(name: str) -> bytes:
    return (TESTDATA / name).read_bytes()


@pytest.fixture
def receiver_settings(settings):
    return settings.model_copy(update={"max_body_bytes": 2 * 1024 * 1024})


async def test_bad_input_gets_the_spec_status(receiver: Receiver, engine) -> None:
    for case, headers, make_body, status in BAD_INPUTS:
        response = await receiver.client.post("/v1/traces", content=make_body(), headers=headers)
        assert response.status_code == status, (case, response.content)
        if headers.get("content-type") == PB["content-type"]:
            error = status_pb2.Status.FromString(response.content)
        else:
            body = response.json()
            assert body["detail"] == body["message"]
            error = status_pb2.Status(code=body["code"], message=body["message"])
        assert error.message, case
    assert await _rows(engine, "SELECT count(*) FROM spans") == [(0,)]


async def test_bad_ids_are_a_partial_success(receiver: Receiver, engine) -> None:
    trace = "ab" * 16
    good = {"traceId": trace, "spanId": "01" * 8, "name": "kept", "startTimeUnixNano": "1",
            "endTimeUnixNano": "2"}  # fmt: skip
    spans = [good, {**good, "spanId": "xyz"}, {**good, "spanId": "02" * 8, "endTimeUnixNano": "0"}]
    body = orjson.dumps({"resourceSpans": [{"scopeSpans": [{"spans": spans}]}]})
    response = await receiver.client.post("/v1/traces", content=body, headers=JSON)
    assert response.status_code == 200
    partial = response.json()["partialSuccess"]
    assert partial["rejectedSpans"] == "2"
    assert "invalid span id" in partial["errorMessage"]
    assert "missing start or end time" in partial["errorMessage"]
    assert await _rows(engine, "SELECT name FROM spans") == [("kept",)]

    pb = build_request([SpanSpec(trace, "03" * 8, start=5, end=4)])
    response = await receiver.client.post("/v1/traces", content=pb.SerializeToString(), headers=PB)
    assert response.status_code == 200
    reply = ExportTraceServiceResponse.FromString(response.content)
    assert reply.partial_success.rejected_spans == 1


async def test_empty_protobuf_request_is_accepted(receiver: Receiver) -> None:
    response = await receiver.client.post("/v1/traces", content=b"", headers=PB)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-protobuf"
    assert ExportTraceServiceResponse.FromString(response.content) == ExportTraceServiceResponse()


CAPTURES = sorted(
    p for p in TESTDATA.glob("*/*")
    if p.suffix in {".pb", ".json", ".gz"} and not p.name.endswith(".meta.json")
)  # fmt: skip


async def test_every_capture_is_accepted_once(receiver: Receiver, engine) -> None:
    expected: set[tuple[str, str]] = set()
    for path in CAPTURES:
        meta = json.loads(path.with_name(path.name.split(".")[0] + ".meta.json").read_text())
        headers = {k.lower(): v for k, v in meta["headers"].items()}
        headers = {k: v for k, v in headers.items() if k in {"content-type", "content-encoding"}}
        body = path.read_bytes()
        for _attempt in range(2):  # the second time as a retry: nothing is stored twice
            response = await receiver.client.post("/v1/traces", content=body, headers=headers)
            assert response.status_code == 200, (path.name, response.content)
            assert response.content in (b"", b"{}"), path.name
        dump = path.with_name(path.name + ".txt").read_text()
        ids = re.findall(r"span_id=(\w+) parent=\S+ trace_id=(\w+)", dump)
        assert ids, path.name
        expected.update((t, s) for s, t in ids)
        stored = await _rows(engine, "SELECT count(*), sum(span_count) FROM traces")
        assert await _rows(engine, "SELECT count(*) FROM spans") == [(len(expected),)], path.name
        assert stored[0][1] == len(expected)
    # each agent's run in a trace carries the figures of its stored spans, retries or not
    figures = await _rows(
        engine,
        "SELECT trace_id, name, span_count, error_count, total_tokens, last_seen, first_seen "
        "FROM agents WHERE span_count > 0 ORDER BY trace_id, name",
    )
    from_spans = await _rows(
        engine,
        "SELECT trace_id, agent, count(*), sum(CASE WHEN status = 'error' THEN 1 ELSE 0 END), "
        "sum(coalesce(total_tokens, 0)), max(end_time), min(start_time) FROM spans "
        "WHERE agent IS NOT NULL GROUP BY trace_id, agent ORDER BY trace_id, agent",
    )
    assert len(figures) > 50
    assert [f[:6] for f in figures] == [f[:6] for f in from_spans]
    assert all(f[6] <= g[6] for f, g in zip(figures, from_spans, strict=True))


async def test_summaries_are_right_whatever_the_order(receiver: Receiver, engine) -> None:
    traces = make_traces(6, 20, seed=7)
    specs = [s for t in traces for s in t]
    random.Random(3).shuffle(specs)
    chunks = [specs[i : i + 9] for i in range(0, len(specs), 9)]
    chunks += chunks[::3]  # some requests retried
    await asyncio.gather(
        *(
            receiver.client.post("/v1/traces", content=build_request(c).SerializeToString(),
                                 headers=PB)
            for c in chunks
        )
    )  # fmt: skip
    rows = await _rows(engine, f"SELECT {SUMMARY_COLUMNS} FROM traces ORDER BY trace_id")
    keys = [k.strip() for k in SUMMARY_COLUMNS.split(",")]
    assert [dict(zip(keys, r, strict=True)) for r in rows] == [
        expected_summary(t) for t in sorted(traces, key=lambda t: t[0].trace_id)
    ]
    assert await _rows(engine, "SELECT count(*), count(DISTINCT span_id) FROM spans") == [
        (len(specs), len(specs))
    ]
    pending = await _rows(engine, "SELECT DISTINCT analysis_state FROM traces")
    assert pending == [("pending",)]


async def test_root_arriving_last_turns_the_trace_ok(receiver: Receiver, engine) -> None:
    trace = make_traces(2, 5, seed=9)[1]  # (the first trace of a set has an error)
    seen = []
    for chunk in (trace[3:], trace[1:3], trace[:1]):
        body = build_request(chunk).SerializeToString()
        assert (await receiver.client.post("/v1/traces", content=body, headers=PB)).is_success
        seen += await _rows(engine, "SELECT status, span_count, root_span_id FROM traces")
    assert seen == [("unset", 2, None), ("unset", 4, None), ("ok", 5, trace[0].span_id)]


async def test_api_keys_are_required_when_configured(settings, engine) -> None:
    import httpx

    keyed = settings.model_copy(update={"api_keys": ["global-key"]})
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
    service = IngestionService(keyed, engine, decode_workers=0)
    await service.start()
    app = create_app(keyed, engine=engine, service=service)
    body = build_request([SpanSpec("cd" * 16, "01" * 8)], service="from-resource")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://x") as c:

        async def post(**headers: str) -> int:
            r = await c.post(
                "/v1/traces", content=body.SerializeToString(), headers={**PB, **headers}
            )
            return r.status_code

        assert await post() == 401
        assert await post(authorization="Bearer nope") == 401
        assert await post(**{"x-api-key": "team-key"}) == 200
        assert await post(authorization="Bearer global-key") == 200
    await service.stop()
    assert await _rows(engine, "SELECT project FROM spans") == [("team-a",)]


async def test_full_queue_answers_503_with_retry_after(settings, engine) -> None:
    import httpx

    small = settings.model_copy(update={"queue_max_spans": 10})
    service = IngestionService(small, engine, decode_workers=0)  # the writer is not started yet
    app = create_app(small, engine=engine, service=service)
    first = build_request([SpanSpec("ef" * 16, f"{i + 1:016x}") for i in range(10)])
    second = build_request([SpanSpec("ef" * 16, "ff" * 8)])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://x") as c:
        waiting = asyncio.create_task(
            c.post("/v1/traces", content=first.SerializeToString(), headers=PB)
        )
        for _ in range(500):
            if service.queued_spans == 10:
                break
            await asyncio.sleep(0.01)
        refused = await c.post("/v1/traces", content=second.SerializeToString(), headers=PB)
        assert refused.status_code == 503
        assert int(refused.headers["retry-after"]) >= 1
        await service.start()
        assert (await waiting).status_code == 200
    await service.stop()
    assert await _rows(engine, "SELECT count(*) FROM spans") == [(10,)]


async def test_metrics_count_what_was_received_and_stored(receiver: Receiver) -> None:
    body = build_request([SpanSpec("12" * 16, "34" * 8)]).SerializeToString()
    assert (await receiver.client.post("/v1/traces", content=body, headers=PB)).is_success
    metrics = (await receiver.client.get("/metrics")).text
    for name in ("spans_received_total", "spans_stored_total", "queue_spans",
                 "batch_spans_bucket", "commit_seconds_bucket", "spans_rejected"):  # fmt: skip
        assert f"agenttrace_ingest_{name}" in metrics


async def test_a_row_the_database_refuses_costs_only_itself(
    receiver: Receiver, engine, poison_trigger
) -> None:
    specs = [SpanSpec("56" * 16, f"{i + 1:016x}", name="poison" if i == 3 else f"s{i}")
             for i in range(6)]  # fmt: skip
    body = build_request(specs).SerializeToString()
    response = await receiver.client.post("/v1/traces", content=body, headers=PB)
    assert response.status_code == 200
    reply = ExportTraceServiceResponse.FromString(response.content)
    assert reply.partial_success.rejected_spans == 1
    assert "refused by the database" in reply.partial_success.error_message
    assert await _rows(engine, "SELECT count(*) FROM spans") == [(5,)]
    assert await _rows(engine, "SELECT span_count FROM traces") == [(5,)]
