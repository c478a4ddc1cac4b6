"""Summaries computed by the decode step are the ones the writer would count from the rows."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from agenttrace_ingestion.decoding import BodyFormat, ContentEncoding
from agenttrace_ingestion.pipeline import decode
from agenttrace_ingestion.writer.prepared import PreparedBatch, combine, span_summaries, without
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

TESTDATA = Path(__file__).resolve().parents[4] / "testdata"
CAPTURES = sorted(
    str(p.relative_to(TESTDATA))
    for p in [*TESTDATA.glob("otlp/**/*.pb"), *TESTDATA.glob("runs/**/*.pb")]
)


def _parts(data: bytes, count: int) -> list[bytes]:
    """The spans of a capture dealt into ``count`` requests, as exporters split a run."""
    parts = []
    for part in range(count):
        request = ExportTraceServiceRequest()
        request.ParseFromString(data)
        n = 0
        for rs in request.resource_spans:
            for ss in rs.scope_spans:
                keep = []
                for sp in ss.spans:
                    if n % count == part:
                        keep.append(sp)
                    n += 1
                kept = [sp.SerializeToString() for sp in keep]
                del ss.spans[:]
                for raw in kept:
                    ss.spans.add().ParseFromString(raw)
        parts.append(request.SerializeToString())
    return parts


def _batch(body: bytes, project: str | None = None) -> PreparedBatch:
    return decode(
        body, BodyFormat.PROTOBUF, ContentEncoding.IDENTITY, limit=1 << 28, project=project
    ).prepared


def _counted(batches: list[PreparedBatch]) -> tuple[dict[str, Any], Any, Any]:
    """The commit of ``batches`` and its summaries, counted row by row (no summaries)."""
    plain = combine([dataclasses.replace(b, summaries=None) for b in batches])
    deltas, figures = span_summaries(plain, plain.span_rows)
    return _without_summaries(plain), deltas, figures


def _merged(batches: list[PreparedBatch]) -> tuple[dict[str, Any], Any, Any]:
    merged = combine(batches)
    assert merged.summaries is not None
    deltas, figures = span_summaries(merged, merged.span_rows)
    return _without_summaries(merged), deltas, figures


def _without_summaries(batch: PreparedBatch) -> dict[str, Any]:
    fields = dict(vars(batch))
    del fields["summaries"]
    return fields


@pytest.mark.parametrize("relative", CAPTURES)
def test_summaries_of_the_decode_step_are_the_counted_ones(relative: str) -> None:
    data = (TESTDATA / relative).read_bytes()
    whole = _batch(data)
    assert _merged([whole]) == _counted([whole])
    parts = [_batch(body) for body in _parts(data, 3)]
    for commit in (parts, parts[:2], [parts[0], parts[2], parts[0]], [*parts, whole]):
        assert _merged(commit) == _counted(commit)


def test_a_commit_of_several_runs_and_retries() -> None:
    """Runs of several captures in one commit, some split, some sent twice."""
    bodies = [(TESTDATA / relative).read_bytes() for relative in CAPTURES[:40]]
    batches = [_batch(body) for body in bodies[:20]]
    batches += [_batch(body, "tenant") for body in bodies[20:30]]
    for body in bodies[30:]:
        batches += [_batch(part) for part in _parts(body, 2)]
    commit = [*batches, batches[3], batches[25]]
    merged, counted = _merged(commit), _counted(commit)
    assert merged == counted
    assert counted[1] and counted[2]  # traces and agent runs were counted


def test_the_writer_counts_what_was_not_all_inserted() -> None:
    data = (TESTDATA / CAPTURES[0]).read_bytes()
    batch = combine([_batch(data)])
    some = batch.span_rows[::2]
    deltas, figures = span_summaries(batch, some)
    plain = dataclasses.replace(batch, summaries=None)
    assert (deltas, figures) == span_summaries(plain, some)
    assert without(batch, set()).summaries is None


def test_merged_deltas_are_fresh_objects() -> None:
    """The writer adds its other records to the deltas; a retried commit starts again."""
    batch = combine([_batch((TESTDATA / CAPTURES[0]).read_bytes())])
    first, _ = span_summaries(batch, batch.span_rows)
    for delta in first.values():
        delta.agent_count += 5
    again, _ = span_summaries(batch, batch.span_rows)
    assert all(delta.agent_count < 5 for delta in again.values())
