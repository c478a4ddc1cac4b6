"""One suite for every span store: the same real runs in, the same answers out.

Each store (SQL on SQLite, SQL on PostgreSQL, ClickHouse on chDB) holds the corpus appended
twice; each answer is compared with the SQL store's on SQLite holding it once.
"""

from __future__ import annotations

import math
from dataclasses import asdict, replace

import pytest
from agenttrace_core.store import AgentFilter, RunFilter, RunSort, SortOrder

CORPUS_RUNS = 6


async def _all_runs(store, f, sort=RunSort.START_TIME, order=SortOrder.DESC, limit=3):
    """Every run the list gives for ``f``, page by page; the pages' sizes."""
    items, sizes, cursor = [], [], None
    while True:
        page = await store.list_runs(f, sort=sort, order=order, limit=limit, cursor=cursor)
        items.extend(page.items)
        sizes.append(len(page.items))
        if page.next_cursor is None:
            return items, sizes
        cursor = page.next_cursor


async def test_append_stores_each_span_once(empty_store, batches):
    spans = {(s.trace_id, s.span_id) for b in batches for s in b.spans}
    first = [await empty_store.append(b) for b in batches]
    again = [await empty_store.append(b) for b in batches]
    assert sum(r.spans_inserted for r in first) == len(spans)
    assert sum(r.spans_inserted for r in again) == 0
    assert sum(r.spans_duplicate for r in again) == sum(len(b.spans) for b in batches)
    runs, _sizes = await _all_runs(empty_store, RunFilter(), limit=100)
    assert sum(r.span_count for r in runs) == len(spans)


async def test_run_reads_match(store, reference):
    runs, _sizes = await _all_runs(reference, RunFilter(), limit=100)
    assert len(runs) >= CORPUS_RUNS
    for summary in runs:
        got = await store.read_run(summary.trace_id)
        want = await reference.read_run(summary.trace_id)
        assert got is not None and want is not None
        assert [s.model_dump(exclude={"resource"}) for s in got.spans] == [
            s.model_dump(exclude={"resource"}) for s in want.spans
        ]
        assert got.agents == want.agents
    assert await store.read_run("0" * 32) is None


async def test_span_pages_trees_and_agents_match(store, reference):
    runs, _sizes = await _all_runs(reference, RunFilter(), limit=100)
    for summary in runs:
        tid = summary.trace_id
        want = await reference.span_page(tid)
        assert want
        assert _dumped(await store.span_page(tid)) == _dumped(want)
        assert await store.span_tree(tid) == await reference.span_tree(tid)
        assert await store.read_agents(tid) == await reference.read_agents(tid)
        # page by page, after the (start time, span id) of the last span of a page
        got, after = [], None
        while page := await store.span_page(tid, after=after, limit=7):
            got.extend(page)
            after = (page[-1].start_time, page[-1].span_id)
        assert _dumped(got) == _dumped(want)
        nodes, after = [], None
        while tree := await store.span_tree(tid, after=after, limit=11):
            nodes.extend(tree)
            after = (tree[-1].start_time, tree[-1].span_id)
        assert nodes == await reference.span_tree(tid)
        one = want[len(want) // 2]
        assert _dumped(await store.span_page(tid, span_id=one.span_id)) == _dumped([one])
    assert await store.span_page("0" * 32) == []
    assert await store.span_tree("0" * 32) == []
    assert await store.read_agents("0" * 32) == []
    assert await store.span_page(runs[0].trace_id, span_id="0" * 16) == []


async def test_linked_traces_match(store, reference):
    runs, _sizes = await _all_runs(reference, RunFilter(), limit=100)
    linked = {r.trace_id: await reference.linked_traces(r.trace_id) for r in runs}
    assert any(linked.values())  # the corpus has runs split over linked traces
    assert {tid: await store.linked_traces(tid) for tid in linked} == linked
    assert await store.linked_traces("0" * 32) == []


def _dumped(spans):
    return [s.model_dump(exclude={"resource"}) for s in spans]


def _filters(runs) -> list[RunFilter]:
    """Every filter of the run list, with values taken from the stored runs."""
    starts = sorted(r.start_time for r in runs)
    agent = next(r.agents[0] for r in runs if r.agents)
    return [
        RunFilter(),
        RunFilter(project=runs[0].project),
        RunFilter(project="no such project"),
        RunFilter(status="error"),
        RunFilter(status="ok"),
        RunFilter(framework=runs[0].framework),
        RunFilter(agent=agent),
        RunFilter(q=runs[0].name),
        RunFilter(q="the"),
        RunFilter(q="%"),
        RunFilter(q="zzz no such text"),
        RunFilter(since_ns=starts[len(starts) // 2]),
        RunFilter(until_ns=starts[len(starts) // 2]),
        RunFilter(since_ns=starts[1], until_ns=starts[-2], agent=agent),
        RunFilter(trace_ids=frozenset(r.trace_id for r in runs[::2])),
        RunFilter(trace_ids=frozenset([runs[1].trace_id, "0" * 32]), status=runs[1].status),
        RunFilter(trace_ids=frozenset()),
    ]


async def test_run_list_matches_for_every_filter_sort_and_page(store, reference):
    runs, _sizes = await _all_runs(reference, RunFilter(), limit=100)
    for f in _filters(runs):
        for sort in RunSort:
            for order in SortOrder:
                want, want_sizes = await _all_runs(reference, f, sort, order)
                got, got_sizes = await _all_runs(store, f, sort, order)
                assert [asdict(r) for r in got] == [asdict(r) for r in want], (f, sort, order)
                assert got_sizes == want_sizes


async def test_search_matches(store, reference):
    runs, _sizes = await _all_runs(reference, RunFilter(), limit=100)
    for text in ("the", "agent", runs[0].name or "", "_", "it's", "a\\b", "zzz no such text"):
        for project in (None, runs[0].project):
            want = await reference.search(text, project=project, limit=25)
            got = await store.search(text, project=project, limit=25)
            assert got == want, (text, project)


async def test_agent_figures_match(store, reference):
    runs, _sizes = await _all_runs(reference, RunFilter(), limit=100)
    starts = sorted(r.start_time for r in runs)
    names = sorted({a for r in runs for a in r.agents})
    filters = [
        AgentFilter(),
        AgentFilter(project=runs[0].project),
        AgentFilter(name=names[0]),
        AgentFilter(since_ns=starts[len(starts) // 2]),
        AgentFilter(until_ns=starts[len(starts) // 2]),
    ]
    for f in filters:
        want = await reference.agent_figures(f)
        got = await store.agent_figures(f)
        assert want, f
        assert [_rounded(a) for a in got] == [_rounded(a) for a in want], f


def _rounded(figures):
    """Latency percentiles to the nanosecond (float arithmetic differs by engine)."""

    def ns(ms):
        return None if ms is None else math.floor(ms * 1e6 + 0.5)

    return replace(
        figures,
        latency_p50_ms=ns(figures.latency_p50_ms),
        latency_p95_ms=ns(figures.latency_p95_ms),
    )


@pytest.mark.parametrize("bad", ["not base64!", "W10"])
async def test_a_foreign_cursor_is_refused(store, bad):
    from agenttrace_core.store import BadCursorError

    with pytest.raises(BadCursorError):
        await store.list_runs(
            RunFilter(), sort=RunSort.START_TIME, order=SortOrder.DESC, limit=2, cursor=bad
        )
