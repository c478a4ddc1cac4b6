"""Benchmark of the span stores side by side: the SQL store and the ClickHouse store.

Appends the same synthetic spans (traces of 50 spans: a supervisor, agent runs, LLM calls
with tokens, tools, 3% failing; inputs and outputs of 0.2-2 KB) through each store's
``append`` in batches of 5,000, plus one 10,000-span run, then measures through the store
interface (no HTTP):

- insert rate: spans appended per second (building the batches is not timed);
- the run list, first page of 50: unfiltered, and filtered by agent (p50/p95);
- the 10,000-span run read whole (``read_run``: spans and agents as models);
- free-text search: spans containing a word (``search``), and the run list filtered by it.

The SQL store runs on SQLite (a file) and on PostgreSQL (a scratch database); the ClickHouse
store on chDB (ClickHouse inside this process, a scratch folder). chDB's transport sends
inserts as JSON text inside the statement; a server through clickhouse-connect sends them in
the native format, so the insert figure of chDB is not that of a ClickHouse server.

Usage: ``python scripts/bench_store.py [--spans N] [--stores sqlite,postgresql,clickhouse]``.
Prints figures as it goes; the last line is one JSON object with all of them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

from agenttrace_core.db import create_engine, upgrade_to_head
from agenttrace_core.models import Agent, NormalizedBatch, Span
from agenttrace_core.store import AgentFilter, RunFilter, RunSort, SortOrder, SpanStore
from agenttrace_server.sql_store import SqlSpanStore
from agenttrace_store_clickhouse import ChdbTransport, ClickHouseSpanStore

PG_ADMIN_URL = os.environ.get(
    "AGENTTRACE_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
T0 = 1_790_000_000_000_000_000  # 2026-09-21, nanoseconds
MS = 1_000_000
AGENTS = [f"agent-{n:02d}" for n in range(20)]
WORDS = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "invoice",
    "refund",
    "shipment",
    "ledger",
    "forecast",
    "audit",
]
BIG_TRACE = "b1" * 16
BATCH = 5_000
SPANS_PER_TRACE = 50


def _text(rng: random.Random, marker: str | None = None) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(30, 300))]
    if marker:
        words.insert(rng.randrange(len(words)), marker)
    return " ".join(words)


def _trace(rng: random.Random, index: int, spans: int, trace_id: str | None = None) -> Any:
    """The spans and agents of one synthetic run."""
    trace_id = trace_id or f"{index:032x}"
    project = f"project-{index % 4}"
    start = T0 + index * 7 * 1_000 * MS
    agents = rng.sample(AGENTS, 3)
    root = f"{index:08x}00000000"[-16:]
    out = [
        Span(
            trace_id=trace_id,
            span_id=root,
            project=project,
            name=f"supervisor run {index}",
            span_type="agent",
            agent=agents[0],
            framework="langgraph",
            start_time=start,
            end_time=start + spans * 10 * MS,
            status="ok",
            input=_text(rng),
            output=_text(rng),
            attributes={"graph.node.id": "supervisor", "run.index": index},
        )
    ]
    for n in range(1, spans):
        agent = agents[n % 3]
        kind = ("llm", "tool", "agent")[n % 3]
        error = rng.random() < 0.03
        marker = "needle" if rng.random() < 0.001 else None
        out.append(
            Span(
                trace_id=trace_id,
                span_id=f"{index:08x}{n:08x}"[-16:],
                parent_span_id=root,
                project=project,
                name=f"{kind} {n}",
                span_type=kind,
                agent=agent,
                framework="langgraph",
                start_time=start + n * 10 * MS,
                end_time=start + n * 10 * MS + 8 * MS,
                status="error" if error else "ok",
                input=_text(rng, marker),
                output=_text(rng),
                model="gpt-4o-mini" if kind == "llm" else None,
                input_tokens=rng.randint(100, 900) if kind == "llm" else None,
                output_tokens=rng.randint(20, 300) if kind == "llm" else None,
                attributes={"llm.model_name": "gpt-4o-mini", "n": n},
            )
        )
    members = [
        Agent(trace_id=trace_id, name=a, project=project, role="worker", framework="langgraph")
        for a in agents
    ]
    return out, members


def batches(total: int, seed: int = 7) -> Iterator[NormalizedBatch]:
    """``total`` spans in traces of 50, then one 10,000-span run, in batches of 5,000."""
    rng = random.Random(seed)
    spans: list[Span] = []
    agents: list[Agent] = []
    for index in range(total // SPANS_PER_TRACE):
        s, a = _trace(rng, index, SPANS_PER_TRACE)
        spans += s
        agents += a
        if len(spans) >= BATCH:
            yield NormalizedBatch(spans=spans, agents=agents)
            spans, agents = [], []
    if spans:
        yield NormalizedBatch(spans=spans, agents=agents)
    big, members = _trace(rng, total // SPANS_PER_TRACE + 1, 10_000, BIG_TRACE)
    for i in range(0, len(big), BATCH):
        yield NormalizedBatch(spans=big[i : i + BATCH], agents=members if i == 0 else [])


async def _timed(
    call: Callable[[], Awaitable[Any]], times: int, budget_s: float = 30.0
) -> dict[str, float]:
    """p50/p95 of ``times`` calls (fewer, but at least 3, when they take over ``budget_s``)."""
    samples: list[float] = []
    deadline = time.perf_counter() + budget_s
    for _ in range(times):
        if len(samples) >= 3 and time.perf_counter() > deadline:
            break
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 1),
        "n": len(samples),
    }


async def measure(store: SpanStore, data: list[NormalizedBatch], repeat: int) -> dict[str, Any]:
    """Append ``data`` and time the reads."""
    spans = sum(len(b.spans) for b in data)
    started = time.perf_counter()
    for batch in data:
        await store.append(batch)
    elapsed = time.perf_counter() - started
    figures: dict[str, Any] = {"spans": spans, "insert_spans_per_s": round(spans / elapsed)}
    print(f"  insert: {figures['insert_spans_per_s']:,} spans/s ({elapsed:.1f} s)", flush=True)

    def page(f: RunFilter) -> Callable[[], Awaitable[Any]]:
        return lambda: store.list_runs(
            f, sort=RunSort.START_TIME, order=SortOrder.DESC, limit=50, cursor=None
        )

    first = await store.list_runs(
        RunFilter(), sort=RunSort.START_TIME, order=SortOrder.DESC, limit=50, cursor=None
    )
    assert len(first.items) == 50, "the run list is short"
    checks: dict[str, Callable[[], Awaitable[Any]]] = {
        "run_list": page(RunFilter()),
        "run_list_by_agent": page(RunFilter(agent=AGENTS[3])),
        "big_run_read": lambda: store.read_run(BIG_TRACE),
        "search": lambda: store.search("needle", project=None, limit=50),
        "run_list_by_text": page(RunFilter(q="needle")),
        "agent_figures": lambda: store.agent_figures(AgentFilter()),
    }
    for name, call in checks.items():
        figures[name] = await _timed(call, repeat if name != "big_run_read" else 5)
        f = figures[name]
        print(f"  {name}: p50 {f['p50_ms']} ms, p95 {f['p95_ms']} ms ({f['n']} calls)", flush=True)
    run = await store.read_run(BIG_TRACE)
    assert run is not None and len(run.spans) == 10_000
    return figures


async def _on_sql(url: str, data: list[NormalizedBatch], repeat: int) -> dict[str, Any]:
    upgrade_to_head(url.replace("+asyncpg", "").replace("+aiosqlite", ""))
    engine = create_engine(url)
    try:
        return await measure(SqlSpanStore(engine), data, repeat)
    finally:
        await engine.dispose()


async def run(stores: list[str], total: int, repeat: int) -> dict[str, Any]:
    """Each store in turn on the same data."""
    print(f"building {total:,} spans + one 10,000-span run", flush=True)
    data = list(batches(total))
    out: dict[str, Any] = {}
    for name in stores:
        print(f"{name}:", flush=True)
        with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
            if name == "sqlite":
                out[name] = await _on_sql(f"sqlite+aiosqlite:///{Path(tmp) / 'b.db'}", data, repeat)
            elif name == "postgresql":
                out[name] = await _on_postgresql(data, repeat)
            elif name == "clickhouse":
                transport = ChdbTransport(str(Path(tmp) / "chdb"))
                store = ClickHouseSpanStore(transport, "bench")
                store.migrate()
                try:
                    out[name] = await measure(store, data, repeat)
                finally:
                    transport.close()
            else:
                raise SystemExit(f"unknown store {name!r}")
    return out


async def _on_postgresql(data: list[NormalizedBatch], repeat: int) -> dict[str, Any]:
    import psycopg

    name = f"bench_store_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        return await _on_sql(
            f"{base}/{name}".replace("postgresql://", "postgresql+asyncpg://"), data, repeat
        )
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    """Parse the arguments and run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spans", type=int, default=200_000)
    parser.add_argument("--stores", default="sqlite,postgresql,clickhouse")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    figures = asyncio.run(run(args.stores.split(","), args.spans, args.repeat))
    print(json.dumps(figures), file=sys.stdout)


if __name__ == "__main__":
    main()
