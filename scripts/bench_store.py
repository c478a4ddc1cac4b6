"""Benchmark of the span stores side by side: the SQL store and the ClickHouse store.

Fills every store through its ``append`` with the same realistic multi-agent runs (real runs
of ``testdata/runs/`` cloned with fresh ids, varied text and sizes, plus one 10,000-span run;
see ``scripts/bench_store_runs.py``), in batches of 5,000 spans (one group commit), up to
``--spans`` spans, then measures through the store interface (no HTTP):

- ingest: spans appended per second (making the batches is not timed), and the ClickHouse
  store's rate over the SQL store's (target >= 0.8);
- the run list: first page of 50 (target p95 < 100 ms), the second page, and pages filtered
  by project, status, agent, framework, a time window, and sorted by duration and tokens;
- the 10,000-span run's tree (``span_tree``: what the API's tree view reads, the structure
  without payloads; target < 300 ms), and the run read whole (``read_run``: every span with
  its input, output and attributes, what the analysis loads);
- free-text search: a rare word (about one span in 10,000; target p95 < 500 ms), a common
  one (one in 100), the rare one in one project, and the run list filtered by it;
- agent figures, all and of one project;
- memory (peak RSS of this process, which holds chDB's engine; chDB's tracked memory) and
  the size on disk of each store.

The batches go to every store in turn (the order rotating), so the runs are made once and
every store sees the same load at the same time. ``--measure-at 1000000,3000000`` measures
the reads at those sizes too on the way (a curve, and figures even if a long run is stopped).
``--multiply 10`` then copies the ClickHouse store's runs inside ClickHouse (``INSERT …
SELECT`` with new trace ids and times shifted past the originals) to ten times the spans and
measures its reads again: reads at sizes that appends through Python would take hours to
reach on a small machine (the ingest figure stays that of the appends).

Stores: the SQL store on SQLite (a file) and on PostgreSQL (a scratch database, dropped
afterwards; ``AGENTTRACE_BENCH_PG_URL``, default ``postgresql://postgres@127.0.0.1:5432/
postgres``), and the ClickHouse store on chDB (ClickHouse's engine inside this process, a
scratch folder). No ClickHouse server runs here: chDB's transport sends inserts as JSON rows
in the statement, where a server gets clickhouse-connect's native format over HTTP.

Usage: ``python scripts/bench_store.py [--spans N] [--stores sqlite,postgresql,clickhouse]
[--measure-at N,N] [--repeat 20] [--budget 10]``. Prints tables; the last line is one JSON
object of every figure (``{"store": {...}}``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_store_runs as runs
from agenttrace_core.db import create_engine, upgrade_to_head
from agenttrace_core.store import (
    AgentFilter,
    RunFilter,
    RunSort,
    SortOrder,
    SpanStore,
)
from agenttrace_ingestion.pipeline import tune_gc
from agenttrace_server.sql_store import SqlSpanStore
from agenttrace_store_clickhouse import ChdbTransport, ClickHouseSpanStore

PG_ADMIN_URL = os.environ.get(
    "AGENTTRACE_BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
TARGETS_MS = {"list_first_page": 100, "tree_10k": 300, "search_rare": 500}
"""Issue #16's targets (p95) at 10 million spans."""
LABELS = {
    "sqlite": "SQL store, SQLite",
    "postgresql": "SQL store, PostgreSQL",
    "clickhouse": "ClickHouse store, chDB",
}


@dataclass
class Opened:
    """One store under test, what its append took, and how to size it on disk."""

    name: str
    store: SpanStore
    size: Callable[[], Awaitable[dict[str, float]]]
    append_s: float = 0.0
    spans: int = 0
    figures: dict[str, Any] = field(default_factory=dict)


@asynccontextmanager
async def _sqlite(tmp: Path) -> AsyncIterator[Opened]:
    path = tmp / "bench.db"
    upgrade_to_head(f"sqlite:///{path}")
    engine = create_engine(f"sqlite+aiosqlite:///{path}")

    def disk() -> int:
        return sum(p.stat().st_size for p in tmp.glob("bench.db*"))

    async def size() -> dict[str, float]:
        total = await asyncio.to_thread(disk)
        return {"disk_mb": round(total / 2**20, 1)}

    try:
        yield Opened("sqlite", SqlSpanStore(engine), size)
    finally:
        await engine.dispose()


@asynccontextmanager
async def _postgresql() -> AsyncIterator[Opened]:
    import psycopg

    name = f"bench_store_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    try:
        upgrade_to_head(url)
        engine = create_engine(url.replace("postgresql://", "postgresql+asyncpg://"))

        async def size() -> dict[str, float]:
            with psycopg.connect(url) as conn:
                row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
            return {"disk_mb": round(int(row[0]) / 2**20, 1) if row else 0.0}

        try:
            yield Opened("postgresql", SqlSpanStore(engine), size)
        finally:
            await engine.dispose()
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@asynccontextmanager
async def _clickhouse(tmp: Path) -> AsyncIterator[Opened]:
    transport = ChdbTransport(str(tmp / "chdb"))
    store = ClickHouseSpanStore(transport, "bench")
    store.migrate()

    async def size() -> dict[str, float]:
        ((disk, raw, parts),) = transport.rows(
            "SELECT sum(bytes_on_disk), sum(data_uncompressed_bytes), count() FROM system.parts "
            "WHERE database = 'bench' AND active"
        )
        ((text_disk, text_raw),) = transport.rows(
            "SELECT sum(data_compressed_bytes), sum(data_uncompressed_bytes) FROM system.columns "
            "WHERE database = 'bench' AND table = 'spans' AND name IN ('input', 'output')"
        )
        ((tracked,),) = transport.rows(
            "SELECT value FROM system.metrics WHERE metric = 'MemoryTracking'"
        )
        return {
            "disk_mb": round(int(disk) / 2**20, 1),
            "compression": round(int(raw) / max(int(disk), 1), 1),
            "text_compression": round(int(text_raw) / max(int(text_disk), 1), 1),
            "active_parts": int(parts),
            "chdb_memory_mb": round(int(tracked) / 2**20, 1),
        }

    try:
        yield Opened("clickhouse", store, size)
    finally:
        transport.close()


async def _timed(
    call: Callable[[], Awaitable[Any]], times: int, budget_s: float
) -> dict[str, float]:
    """p50/p95 of up to ``times`` calls after one warm-up, within about ``budget_s``."""
    started = time.perf_counter()
    await call()
    warm = time.perf_counter() - started
    if warm * 2 > budget_s:  # too slow to repeat: the warm-up call is the figure
        return {"p50_ms": round(warm * 1000, 1), "p95_ms": round(warm * 1000, 1), "n": 1}
    samples: list[float] = []
    deadline = time.perf_counter() + budget_s
    while len(samples) < times and (len(samples) < 3 or time.perf_counter() < deadline):
        if samples and time.perf_counter() > deadline + budget_s:
            break
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {
        "p50_ms": round(samples[(len(samples) - 1) // 2], 1),
        "p95_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.95))], 1),
        "n": len(samples),
    }


async def _checks(
    store: SpanStore, agent: str, window: tuple[int, int]
) -> dict[str, Callable[[], Awaitable[Any]]]:
    """The reads to time, by name."""

    def page(
        f: RunFilter, sort: RunSort = RunSort.START_TIME, cursor: str | None = None
    ) -> Callable[[], Awaitable[Any]]:
        return lambda: store.list_runs(f, sort=sort, order=SortOrder.DESC, limit=50, cursor=cursor)

    first = await page(RunFilter())()
    assert len(first.items) == 50 and first.next_cursor, "the run list is short"

    async def read_10k() -> None:
        run = await store.read_run(runs.BIG_TRACE)
        assert run is not None and len(run.spans) == runs.BIG_SPANS, "the big run is wrong"

    async def tree_10k() -> None:
        nodes = await store.span_tree(runs.BIG_TRACE)
        assert len(nodes) == runs.BIG_SPANS, "the big run's tree is wrong"

    return {
        "list_first_page": page(RunFilter()),
        "list_page_2": page(RunFilter(), cursor=first.next_cursor),
        "list_by_project": page(RunFilter(project="billing")),
        "list_by_status": page(RunFilter(status="error")),
        "list_by_agent": page(RunFilter(agent=agent)),
        "list_by_framework": page(RunFilter(framework="langgraph")),
        "list_by_window": page(RunFilter(since_ns=window[0], until_ns=window[1])),
        "list_by_duration": page(RunFilter(), RunSort.DURATION),
        "list_by_tokens": page(RunFilter(), RunSort.TOKENS),
        "tree_10k": tree_10k,
        "read_10k": read_10k,
        "search_rare": lambda: store.search(runs.RARE_WORD, project=None, limit=50),
        "search_common": lambda: store.search(runs.COMMON_WORD, project=None, limit=50),
        "search_rare_project": lambda: store.search(runs.RARE_WORD, project="billing", limit=50),
        "list_by_text": page(RunFilter(q=runs.RARE_WORD)),
        "agent_figures": lambda: store.agent_figures(AgentFilter()),
        "agent_figures_project": lambda: store.agent_figures(AgentFilter(project="billing")),
    }


async def measure(
    opened: Opened, agent: str, window: tuple[int, int], repeat: int, budget_s: float
) -> dict[str, Any]:
    """The figures of one store at its current size."""
    figures: dict[str, Any] = {
        "spans": opened.spans,
        "ingest_spans_per_s": round(opened.spans / opened.append_s) if opened.append_s else 0,
        "ingest_s": round(opened.append_s, 1),
    }
    for name, call in (await _checks(opened.store, agent, window)).items():
        figures[name] = await _timed(call, repeat, budget_s)
        f = figures[name]
        print(f"  {opened.name} {name}: p50 {f['p50_ms']} ms, p95 {f['p95_ms']} ms ({f['n']})")
    figures.update(await opened.size())
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return figures


def _ratios(stores: dict[str, dict[str, Any]]) -> dict[str, float]:
    ch = stores.get("clickhouse", {}).get("ingest_spans_per_s")
    out = {}
    for sql in ("postgresql", "sqlite"):
        rate = stores.get(sql, {}).get("ingest_spans_per_s")
        if ch and rate:
            out[f"ingest_clickhouse_over_{sql}"] = round(ch / rate, 2)
    return out


def print_table(spans: int, stores: dict[str, dict[str, Any]]) -> None:
    """The figures of every store at one size, side by side."""
    names = list(stores)
    print(f"\n{spans:,} spans stored")
    print("| figure | target | " + " | ".join(LABELS[n] for n in names) + " |")
    print("|---|---|" + "---|" * len(names))
    print(
        "| ingest, spans/s | >= 0.8 x SQL | "
        + " | ".join(f"{stores[n]['ingest_spans_per_s']:,}" for n in names)
        + " |"
    )
    for measure_name in next(iter(stores.values())):
        cells = [stores[n].get(measure_name) for n in names]
        if not isinstance(cells[0], dict):
            continue
        target = TARGETS_MS.get(measure_name)
        row = []
        for cell in cells:
            mark = ""
            if target is not None:
                mark = " ✓" if cell["p95_ms"] < target else " ✗"
            row.append(f"{cell['p50_ms']:,} / {cell['p95_ms']:,}{mark} ({cell['n']})")
        label = f"{measure_name}, p50 / p95 ms (calls)"
        print(f"| {label} | {f'p95 < {target} ms' if target else ''} | " + " | ".join(row) + " |")
    for key in ("disk_mb", "compression", "text_compression", "active_parts", "peak_rss_mb"):
        if any(key in stores[n] for n in names):
            print(f"| {key} | | " + " | ".join(str(stores[n].get(key, "")) for n in names) + " |")
    for key, value in _ratios(stores).items():
        print(f"{key}: {value}")
    sys.stdout.flush()


async def run(args: argparse.Namespace) -> dict[str, Any]:
    """Fill the stores batch by batch, measuring at each size of ``--measure-at``."""
    tune_gc()
    templates, _pool = runs.load_templates()
    agent = Counter(a.name for t in templates for a in t.agents).most_common(1)[0][0]
    marks = sorted({int(m) for m in args.measure_at.split(",") if m} | {args.spans})
    results: dict[str, Any] = {"spans": args.spans, "sizes": {}}
    async with AsyncExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-store-")))
        opened: list[Opened] = []
        for name in args.stores.split(","):
            if name == "sqlite":
                opened.append(await stack.enter_async_context(_sqlite(tmp)))
            elif name == "postgresql":
                opened.append(await stack.enter_async_context(_postgresql()))
            elif name == "clickhouse":
                opened.append(await stack.enter_async_context(_clickhouse(tmp)))
            else:
                raise SystemExit(f"unknown store {name!r}")
        print(f"filling {', '.join(o.name for o in opened)} up to {args.spans:,} spans", flush=True)
        started = time.perf_counter()
        stored = 0
        first_start = last_start = None
        for i, batch in enumerate(runs.batches(args.spans, args.batch)):
            starts = [s.start_time for s in batch.spans]
            first_start = min(starts) if first_start is None else min(first_start, *starts)
            last_start = max(starts) if last_start is None else max(last_start, *starts)
            for k in range(len(opened)):
                o = opened[(i + k) % len(opened)]
                t = time.perf_counter()
                await o.store.append(batch)
                o.append_s += time.perf_counter() - t
                o.spans += len(batch.spans)
            stored += len(batch.spans)
            if i % 100 == 0:
                rates = ", ".join(f"{o.name} {o.spans / o.append_s:,.0f}/s" for o in opened)
                print(f"  {stored:,} spans ({time.perf_counter() - started:.0f} s): {rates}")
                sys.stdout.flush()
            while marks and stored >= marks[0]:
                marks.pop(0)
                assert first_start is not None and last_start is not None
                span = last_start - first_start
                window = (first_start + span * 4 // 10, first_start + span * 5 // 10)
                figures = {
                    o.name: await measure(o, agent, window, args.repeat, args.budget)
                    for o in opened
                }
                print_table(stored, figures)
                results["sizes"][stored] = {**figures, **_ratios(figures)}
                results["elapsed_s"] = round(time.perf_counter() - started)
                print(json.dumps({"store_at": stored, **results["sizes"][stored]}), flush=True)
        clickhouse = [o for o in opened if o.name == "clickhouse"]
        if args.multiply > 1 and clickhouse and first_start is not None and last_start is not None:
            o = clickhouse[0]
            appended = round(o.spans / o.append_s) if o.append_s else 0
            period = last_start - first_start + 3_600 * 10**9
            print(f"copying the runs in ClickHouse {args.multiply - 1} times", flush=True)
            t = time.perf_counter()
            o.spans = await asyncio.to_thread(_multiply, o.store, args.multiply, period)
            copy_s = round(time.perf_counter() - t)
            end = first_start + args.multiply * period
            window = (
                first_start + (end - first_start) * 4 // 10,
                first_start + (end - first_start) // 2,
            )
            figures = {o.name: await measure(o, agent, window, args.repeat, args.budget)}
            figures[o.name].update(  # ingest is that of the appends, not of the copies
                multiplied_from=stored, copy_s=copy_s, ingest_spans_per_s=appended
            )
            print_table(o.spans, figures)
            results["sizes"][o.spans] = figures
            print(json.dumps({"store_at": o.spans, **figures}), flush=True)
    return results


def _multiply(store: Any, times: int, period: int) -> int:
    """Copy the stored runs (but the 10,000-span one) ``times - 1`` times inside ClickHouse,
    with new trace ids and times shifted by ``period`` per copy; the spans stored after."""
    from agenttrace_store_clickhouse.store import AGENT_COLUMNS, SPAN_COLUMNS

    transport, db = store.transport, store.db
    big = f"'{runs.BIG_TRACE}'"
    transport.command(
        f"CREATE TABLE {db}.agents_original ENGINE = MergeTree ORDER BY trace_id "
        f"AS SELECT * FROM {db}.agents WHERE trace_id != {big}"
    )
    ((first,),) = transport.rows(f"SELECT min(start_time) FROM {db}.spans")
    for k in range(1, times):
        new_id = f"concat(lower(hex(toUInt8({k}))), substring(trace_id, 1, 30))"
        shift = {"start_time": f"start_time + {k * period}", "end_time": f"end_time + {k * period}"}
        cols = ", ".join(new_id if c == "trace_id" else shift.get(c, c) for c in SPAN_COLUMNS)
        transport.command(
            f"INSERT INTO {db}.spans ({', '.join(SPAN_COLUMNS)}) SELECT {cols} FROM {db}.spans "
            f"WHERE trace_id != {big} AND start_time < {int(first) + period}"
        )
        seen = f"if(first_seen = 0, 0, first_seen + {k * period})"
        cols = ", ".join(
            new_id if c == "trace_id" else seen if c == "first_seen" else c for c in AGENT_COLUMNS
        )
        transport.command(
            f"INSERT INTO {db}.agents ({', '.join(AGENT_COLUMNS)}) "
            f"SELECT {cols} FROM {db}.agents_original"
        )
        print(f"  copy {k} of {times - 1}", flush=True)
    transport.command(f"DROP TABLE {db}.agents_original")
    ((count,),) = transport.rows(f"SELECT count() FROM {db}.spans")
    return int(count)


def main() -> None:
    """Parse the arguments and run; the last line printed is the JSON of every figure."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--spans", type=int, default=50_000)
    parser.add_argument("--stores", default="sqlite,postgresql,clickhouse")
    parser.add_argument("--measure-at", default="", help="sizes to measure at on the way")
    parser.add_argument("--repeat", type=int, default=20, help="calls per read (at most)")
    parser.add_argument("--budget", type=float, default=10.0, help="seconds per read (about)")
    parser.add_argument("--batch", type=int, default=5_000, help="spans per append")
    parser.add_argument(
        "--multiply",
        type=int,
        default=1,
        help="then copy the ClickHouse store's runs inside ClickHouse to N times the spans, "
        "and measure its reads again (ingest stays that of the appends)",
    )
    args = parser.parse_args()
    figures = asyncio.run(run(args))
    print(json.dumps({"store": figures}))


if __name__ == "__main__":
    main()
