"""Every table round-trips on both databases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from agenttrace_core.db import Dialect, insert_ignore
from agenttrace_core.db import schema as s
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

NOW = datetime(2026, 11, 25, 12, 0, 0, 123456, tzinfo=UTC)
T0 = 1_795_558_133_631_833_338  # a real OTLP timestamp: nanoseconds
TRACE = "0af7651916cd43dd8448eb211c80319c"


def _span(span_id: str, start: int, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "trace_id": TRACE,
        "span_id": span_id,
        "parent_span_id": None,
        "project": "default",
        "name": f"span {span_id}",
        "kind": "internal",
        "span_type": "agent",
        "agent": "planner",
        "start_time": start,
        "end_time": start + 5,
        "status": "ok",
        "attributes": {"gen_ai.agent.name": "planner", "n": 1, "nested": {"a": [1, 2.5, None]}},
        "events": [{"name": "e", "timestamp": start + 1, "attributes": {}}],
        "links": [],
        "resource": {"service.name": "svc"},
    }
    row.update(extra)
    return row


def _rows() -> dict[s.Table, list[dict[str, object]]]:
    return {
        s.projects: [{"name": "default", "description": "d", "created_at": NOW}],
        s.traces: [
            {
                "trace_id": TRACE,
                "project": "default",
                "name": "run",
                "status": "error",
                "start_time": T0,
                "end_time": T0 + 10,
                "span_count": 2,
                "updated_at": NOW,
            }
        ],
        s.agents: [
            {
                "trace_id": TRACE,
                "name": "planner",
                "project": "default",
                "role": "plans",
                "framework": "langgraph",
                "model": "gpt-4o",
                "config": {"tools": ["search"]},
                "first_seen": T0,
            }
        ],
        s.agent_messages: [
            {
                "id": "m1",
                "trace_id": TRACE,
                "span_id": "00f067aa0ba902b7",
                "project": "default",
                "from_agent": "planner",
                "to_agent": "coder",
                "kind": "handoff",
                "content": "over to you",
                "timestamp": T0 + 2,
                "attributes": {},
            }
        ],
        s.checkpoint_blobs: [{"hash": "h1", "state": {"messages": ["hi"], "step": 1}, "size": 30}],
        s.checkpoints: [
            {
                "id": "c1",
                "trace_id": TRACE,
                "project": "default",
                "step": 0,
                "state_hash": "h1",
                "timestamp": T0 + 3,
                "metadata": {"source": "loop"},
                "thread_id": "t-1",
            }
        ],
        s.failure_annotations: [
            {
                "id": "a1",
                "trace_id": TRACE,
                "project": "default",
                "mode": "FM-1.3",
                "category": "specification",
                "confidence": 0.8,
                "evidence": [{"span_id": "x"}],
                "source": "detector",
                "created_at": NOW,
                "updated_at": NOW,
            }
        ],
        s.analysis_results: [
            {"trace_id": TRACE, "version": 1, "graph": {"nodes": []}, "computed_at": NOW}
        ],
        s.replays: [
            {
                "id": "r1",
                "project": "default",
                "source_trace_id": TRACE,
                "checkpoint_id": "c1",
                "modifications": {"a.b": 1},
                "status": "queued",
                "created_at": NOW,
            }
        ],
        s.spans: [_span("00f067aa0ba902b7", T0), _span("00f067aa0ba902b8", T0 + 1)],
    }


async def test_every_table_round_trips(engine) -> None:
    rows = _rows()
    async with engine.begin() as conn:
        for table, values in rows.items():
            await conn.execute(insert(table), values)
        project_id = (await conn.execute(select(s.projects.c.id))).scalar_one()
        await conn.execute(
            insert(s.api_keys),
            {"project_id": project_id, "key_hash": "f" * 64, "created_at": NOW},
        )
    async with engine.connect() as conn:
        for table, values in rows.items():
            got = [dict(r._mapping) for r in (await conn.execute(select(table))).all()]
            for want, have in zip(values, got, strict=True):
                assert {k: have[k] for k in want} == want, table.name
        key = (await conn.execute(select(s.api_keys))).one()
        assert key.created_at == NOW
        assert key.created_at.tzinfo is not None


async def test_span_uniqueness(engine) -> None:
    async with engine.begin() as conn:
        await conn.execute(insert(s.spans), [_span("00f067aa0ba902b7", T0)])
    with pytest.raises(IntegrityError):
        async with engine.begin() as conn:
            await conn.execute(insert(s.spans), [_span("00f067aa0ba902b7", T0)])
    async with engine.begin() as conn:
        stmt = insert_ignore(Dialect.of(conn), s.spans)
        await conn.execute(stmt, [_span("00f067aa0ba902b7", T0), _span("00f067aa0ba902b9", T0)])
        count = (await conn.execute(select(func.count()).select_from(s.spans))).scalar_one()
    assert count == 2


async def test_json_columns_round_trip(engine) -> None:
    value = {
        "str": "héllo \u2603",
        "int": 2**53 + 1,
        "float": 0.1,
        "bool": True,
        "none": None,
        "list": [1, "a", [2]],
        "obj": {"deep": {"deeper": ["x"]}},
        "empty": {},
    }
    async with engine.begin() as conn:
        await conn.execute(insert(s.spans), [_span("00f067aa0ba902b7", T0, attributes=value)])
    async with engine.connect() as conn:
        got = (await conn.execute(select(s.spans.c.attributes))).scalar_one()
    assert got == value


async def test_timestamps_keep_nanosecond_order(engine) -> None:
    starts = [T0 + 3, T0, T0 + 1, T0 + 2]
    async with engine.begin() as conn:
        await conn.execute(
            insert(s.spans),
            [_span(f"{i + 1:016x}", start) for i, start in enumerate(starts)],
        )
    async with engine.connect() as conn:
        got = (
            (await conn.execute(select(s.spans.c.start_time).order_by(s.spans.c.start_time)))
            .scalars()
            .all()
        )
    assert got == sorted(starts)
    assert got[1] - got[0] == 1
