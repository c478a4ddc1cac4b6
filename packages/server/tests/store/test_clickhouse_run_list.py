"""The ClickHouse run list, newest first: read by day windows, with runs crossing midnight."""

from __future__ import annotations

import uuid

from agenttrace_core.models import NormalizedBatch, Span
from agenttrace_core.store import RunFilter, RunSort, SortOrder
from agenttrace_store_clickhouse import ClickHouseSpanStore

DAY = 86_400 * 10**9
HOUR = 3_600 * 10**9
D1 = 1_790_035_200 * 10**9  # 2026-09-22 00:00 UTC


def _span(trace: str, n: int, start: int, *, error: bool = False) -> Span:
    return Span(
        trace_id=trace * 16,
        span_id=f"{trace}{n:015x}",
        parent_span_id=None if n == 0 else f"{trace}{0:015x}",
        name=f"{trace} {n}",
        start_time=start,
        end_time=start + 60 * 10**9,
        status="error" if error else "ok",
    )


RUNS = {
    "a": [D1 + DAY - 60 * 10**9, D1 + DAY + HOUR // 2],  # 23:59 on day 2 to day 3
    "b": [D1 + 2 * DAY + HOUR],
    "c": [D1 + 2 * DAY + 2 * HOUR],
    "e": [D1 + 10 * HOUR],
    "f": [D1 + 2 * DAY + HOUR // 6],
}
NEWEST_FIRST = ["c", "b", "f", "a", "e"]


async def _store(chdb) -> ClickHouseSpanStore:
    store = ClickHouseSpanStore(chdb, f"agenttrace_{uuid.uuid4().hex[:12]}")
    store.migrate(retention_days=None)
    spans = [
        _span(t, n, start, error=t == "a" and n == 1)
        for t, starts in RUNS.items()
        for n, start in enumerate(starts)
    ]
    for span in reversed(spans):  # one insert (one part) per span: partial rows everywhere
        await store.append(NormalizedBatch(spans=[span]))
    return store


async def _pages(store, f: RunFilter, limit: int) -> list[list[str]]:
    pages, cursor = [], None
    while True:
        page = await store.list_runs(
            f, sort=RunSort.START_TIME, order=SortOrder.DESC, limit=limit, cursor=cursor
        )
        pages.append([run.trace_id[0] for run in page.items])
        if page.next_cursor is None:
            return pages
        cursor = page.next_cursor


async def test_runs_crossing_midnight_keep_their_place(_chdb):
    store = await _store(_chdb)
    assert await _pages(store, RunFilter(), 1) == [[t] for t in NEWEST_FIRST]
    assert await _pages(store, RunFilter(), 2) == [["c", "b"], ["f", "a"], ["e"]]
    assert await _pages(store, RunFilter(), 50) == [NEWEST_FIRST]
    assert await _pages(store, RunFilter(status="error"), 1) == [["a"]]
    assert await _pages(store, RunFilter(until_ns=D1 + 2 * DAY + HOUR // 2), 2) == [
        ["f", "a"],
        ["e"],
    ]
    (a,) = (await store.list_runs(
        RunFilter(status="error"), sort=RunSort.START_TIME, order=SortOrder.DESC, limit=5,
        cursor=None,
    )).items  # fmt: skip
    assert (a.start_time, a.span_count, a.error_count) == (RUNS["a"][0], 2, 1)
    _chdb.command(f"DROP DATABASE {store.db}")
