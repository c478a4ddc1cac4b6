"""A trace belongs to the project that first wrote it: another project's spans never join it.

Spans sent with a project's API key whose trace id is another project's trace are refused in
``partial_success`` (with their agents, messages and checkpoints); the rest of the request is
stored. Checked in-process on both databases, and with two replicas racing for new traces.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from agenttrace_core.db import create_engine
from agenttrace_core.db import schema as s
from agenttrace_core.keys import create_key
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceResponse
from sqlalchemy import func, select

from .otlp_factory import SpanSpec, build_request

PROTOBUF = {"content-type": "application/x-protobuf"}
LAB_TRACE = "1a" * 16
SHOP_TRACE = "5b" * 16


def _lab_run() -> list[SpanSpec]:
    return [
        SpanSpec(LAB_TRACE, "a" * 16, name="lab run", attributes={"input.value": "LAB-QUESTION"}),
        SpanSpec(
            LAB_TRACE,
            "b" * 16,
            parent="a" * 16,
            name="planner",
            attributes={"agenttrace.agent.name": "planner"},
        ),
    ]


def _intrusion(trace_id: str, n: int = 3) -> list[SpanSpec]:
    """Spans of ``trace_id`` with an agent, a message and a checkpoint, all marked SHOP."""
    return [
        SpanSpec(
            trace_id,
            f"{0xC0 + i:016x}",
            parent="a" * 16,
            name=f"shop step {i}",
            attributes={
                "input.value": "SHOP-MARKER",
                "agenttrace.agent.name": "shop-intruder",
                "agenttrace.message.from": "shop-intruder",
                "agenttrace.message.to": "planner",
                "agenttrace.message.content": "SHOP-MARKER message",
                "agenttrace.checkpoint.id": f"shop-ckpt-{trace_id[:4]}-{i}",
                "agenttrace.checkpoint.state": '{"secret": "SHOP-MARKER"}',
            },
        )
        for i in range(n)
    ]


def _body(specs: list[SpanSpec]) -> bytes:
    return build_request(specs).SerializeToString()


def _partial(response: httpx.Response) -> tuple[int, str]:
    assert response.status_code == 200, response.text
    parsed = ExportTraceServiceResponse()
    parsed.ParseFromString(response.content)
    return parsed.partial_success.rejected_spans, parsed.partial_success.error_message


async def _contents(engine) -> dict[str, object]:
    """What the database holds of the lab trace, and whether SHOP's marker is anywhere in it."""
    async with engine.connect() as conn:
        spans = (
            await conn.execute(
                select(s.spans.c.span_id, s.spans.c.project).where(s.spans.c.trace_id == LAB_TRACE)
            )
        ).all()
        trace = (await conn.execute(select(s.traces).where(s.traces.c.trace_id == LAB_TRACE))).one()
        agents = (
            await conn.execute(select(s.agents.c.name).where(s.agents.c.trace_id == LAB_TRACE))
        ).scalars()
        counts = {
            table.name: (
                await conn.execute(
                    select(func.count()).select_from(table).where(table.c.trace_id == LAB_TRACE)
                )
            ).scalar_one()
            for table in (s.agent_messages, s.checkpoints)
        }
        blobs = (await conn.execute(select(s.checkpoint_blobs.c.state))).all()
    return {
        "spans": sorted(spans),
        "trace": (trace.project, trace.span_count, trace.agent_count),
        "agents": sorted(agents),
        "counts": counts,
        "marker_in_blobs": any("SHOP-MARKER" in str(b.state) for b in blobs),
    }


async def test_another_projects_spans_are_refused(receiver, engine, poison_trigger) -> None:
    _lab, lab_key = await create_key(engine, "lab")
    _shop, shop_key = await create_key(engine, "shop")
    client = receiver.client
    lab_headers = {**PROTOBUF, "x-api-key": lab_key}
    shop_headers = {**PROTOBUF, "authorization": f"Bearer {shop_key}"}
    assert _partial(
        await client.post("/v1/traces", content=_body(_lab_run()), headers=lab_headers)
    ) == (0, "")
    before = await _contents(engine)
    assert before["trace"] == ("lab", 2, 1)

    # shop's spans for lab's trace: refused, each named; shop's own new trace in the same
    # request is stored
    own = SpanSpec(SHOP_TRACE, "d" * 16, name="shop run")
    rejected, message = _partial(
        await client.post(
            "/v1/traces", content=_body([*_intrusion(LAB_TRACE), own]), headers=shop_headers
        )
    )
    assert rejected == 3
    assert "belongs to another project" in message and LAB_TRACE in message
    assert await _contents(engine) == before
    # a poisoned span sends the commit down the one-record-at-a-time path: still refused
    poisoned = [*_intrusion(LAB_TRACE, 2), SpanSpec(SHOP_TRACE, "e" * 16, name="poison")]
    rejected, _ = _partial(
        await client.post("/v1/traces", content=_body(poisoned), headers=shop_headers)
    )
    assert rejected == 3  # two of lab's trace, one refused by the database
    assert await _contents(engine) == before

    async with engine.connect() as conn:
        shop_trace = (
            await conn.execute(select(s.traces).where(s.traces.c.trace_id == SHOP_TRACE))
        ).one()
    assert (shop_trace.project, shop_trace.span_count, shop_trace.name) == ("shop", 1, "shop run")

    # lab itself keeps adding to its trace
    more = SpanSpec(LAB_TRACE, "f" * 16, parent="a" * 16, name="lab more")
    assert _partial(
        await client.post("/v1/traces", content=_body([more]), headers=lab_headers)
    ) == (0, "")
    assert (await _contents(engine))["trace"] == ("lab", 3, 1)


async def test_a_new_trace_claimed_by_two_projects_in_one_commit(receiver, engine) -> None:
    """Two tenants' first spans of one trace id in the same group commit: one owner wins."""
    _lab, lab_key = await create_key(engine, "lab")
    _shop, shop_key = await create_key(engine, "shop")
    trace = "7c" * 16

    async def send(key: str, span_id: str) -> int:
        body = _body([SpanSpec(trace, span_id, name=f"by {key[:6]}")])
        response = await receiver.client.post(
            "/v1/traces", content=body, headers={**PROTOBUF, "x-api-key": key}
        )
        return _partial(response)[0]

    results = await asyncio.gather(send(lab_key, "1" * 16), send(shop_key, "2" * 16))
    assert sorted(results) == [0, 1]
    async with engine.connect() as conn:
        projects = (
            await conn.execute(select(s.spans.c.project).where(s.spans.c.trace_id == trace))
        ).scalars()
        owner = (
            await conn.execute(select(s.traces.c.project).where(s.traces.c.trace_id == trace))
        ).scalar_one()
    assert list(projects) == [owner]


ROUNDS = 12


@pytest.mark.postgres
@pytest.mark.parametrize("dialect", ["postgresql"], indirect=True)
def test_two_replicas_race_for_new_traces(database_url: str, server_factory) -> None:
    """Two ``agenttrace serve`` replicas on one database, two projects sending the same new
    trace ids at once: every trace ends with exactly one project's spans.

    PostgreSQL only: replicas share a database server (on SQLite, one file's writers are
    serialized anyway, and the same-commit race above runs on both databases).
    """

    async def keys() -> tuple[str, str]:
        engine = create_engine(database_url)
        try:
            return (await create_key(engine, "lab"))[1], (await create_key(engine, "shop"))[1]
        finally:
            await engine.dispose()

    lab_key, shop_key = asyncio.run(keys())
    first, second = server_factory(database_url), server_factory(database_url)
    traces = [f"{0xABC0 + i:032x}" for i in range(ROUNDS)]

    def send(url: str, key: str, trace: str, tag: int) -> int:
        specs = [SpanSpec(trace, f"{tag:08x}{n:08x}", name=f"step {n}") for n in range(4)]
        response = httpx.post(
            f"{url}/v1/traces",
            content=_body(specs),
            headers={**PROTOBUF, "x-api-key": key},
            timeout=30,
        )
        return _partial(response)[0]

    with ThreadPoolExecutor(8) as pool:
        jobs = [
            (
                pool.submit(send, first.otlp_url, lab_key, t, 1),
                pool.submit(send, second.otlp_url, shop_key, t, 2),
            )
            for t in traces
        ]
        refused = [(a.result(), b.result()) for a, b in jobs]
    assert all(sorted(pair) == [0, 4] for pair in refused), refused

    async def owners() -> list[tuple[str, set[str], int]]:
        engine = create_engine(database_url)
        try:
            async with engine.connect() as conn:
                out = []
                for trace in traces:
                    row = (
                        await conn.execute(select(s.traces).where(s.traces.c.trace_id == trace))
                    ).one()
                    span_projects = set(
                        (
                            await conn.execute(
                                select(s.spans.c.project).where(s.spans.c.trace_id == trace)
                            )
                        ).scalars()
                    )
                    out.append((row.project, span_projects, row.span_count))
                return out
        finally:
            await engine.dispose()

    for (lab_refused, _), (owner, span_projects, count) in zip(
        refused, asyncio.run(owners()), strict=True
    ):
        assert span_projects == {owner} and count == 4
        assert owner == ("shop" if lab_refused else "lab")
