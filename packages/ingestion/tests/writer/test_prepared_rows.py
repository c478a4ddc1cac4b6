"""The decode step's rows (built from drafts) are the rows of the normalized spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from agenttrace_ingestion.normalizers import normalize_drafts, normalize_request
from agenttrace_ingestion.validation import drop_invalid_spans
from agenttrace_ingestion.writer.prepared import prepare, prepare_normalized
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue
from opentelemetry.proto.trace.v1.trace_pb2 import Span

TESTDATA = Path(__file__).resolve().parents[4] / "testdata"
CAPTURES = sorted(
    str(p.relative_to(TESTDATA))
    for p in [*TESTDATA.glob("otlp/**/*.pb"), *TESTDATA.glob("runs/**/*.pb")]
)


def _attr(span: Span, key: str, value: str | int) -> None:
    v = AnyValue(string_value=value) if isinstance(value, str) else AnyValue(int_value=value)
    span.attributes.append(KeyValue(key=key, value=v))


def _odd_request() -> ExportTraceServiceRequest:
    """Values the rows must change: NUL characters, long names, huge counts and times."""
    request = ExportTraceServiceRequest()
    rs = request.resource_spans.add()
    rs.resource.attributes.append(
        KeyValue(key="service.name", value=AnyValue(string_value="svc\x00" + "p" * 300))
    )
    ss = rs.scope_spans.add()
    ss.scope.name, ss.scope.version = "s\x00" + "c" * 300, "v" * 100
    for n in range(1, 5):
        sp = ss.spans.add()
        sp.trace_id, sp.span_id = bytes([n]) * 16, bytes([n]) * 8
        sp.name = "chat \x00" + "n" * 600 * n
        sp.start_time_unix_nano, sp.end_time_unix_nano = 1_000 * n, 2_000 * n
        sp.status.code, sp.status.message = 2, "bad\x00thing"
        sp.dropped_attributes_count = 2**32 - n
        _attr(sp, "gen_ai.operation.name", "chat")
        _attr(sp, "gen_ai.agent.name", "a\x00" + "g" * 300)
        _attr(sp, "gen_ai.response.model", "m\x00" + "o" * 300)
        _attr(sp, "gen_ai.usage.input_tokens", 2**33 * n)
        _attr(sp, "gen_ai.usage.output_tokens", 2**31 + n)
        _attr(sp, "input.value", "in\x00put")
        _attr(sp, "output.value", "out\x00put")
        _attr(sp, "session.id", f"s{n}")
        event = sp.events.add()
        event.name, event.time_unix_nano = "e\x00", 1_500 * n
    return request


def _both(data: bytes, project: str | None) -> tuple[object, object]:
    old, new = ExportTraceServiceRequest(), ExportTraceServiceRequest()
    old.ParseFromString(data)
    new.ParseFromString(data)
    drop_invalid_spans(old)
    drop_invalid_spans(new)
    by_spans = prepare(normalize_request(old, project=project).batch, tenant=project)
    by_drafts = prepare_normalized(
        normalize_drafts(new, project=project, checked=True), tenant=project
    )
    assert by_spans.summaries is None  # span models: the writer counts their rows
    assert by_drafts.summaries is not None  # tests/writer/test_prepared_summaries.py
    return vars(by_spans) | {"summaries": None}, vars(by_drafts) | {"summaries": None}


@pytest.mark.parametrize("relative", CAPTURES)
def test_rows_from_drafts_are_the_rows_of_spans(relative: str) -> None:
    data = (TESTDATA / relative).read_bytes()
    for project in (None, "tenant"):
        by_spans, by_drafts = _both(data, project)
        assert by_drafts == by_spans


def test_rows_from_drafts_change_odd_values_alike() -> None:
    by_spans, by_drafts = _both(_odd_request().SerializeToString(), None)
    assert by_drafts == by_spans
    assert len(by_drafts["span_rows"]) == 4  # type: ignore[index]
