"""``append_rows``: the ingestion writer's rows, appended as they are, store what ``append``
of the same batches stores, in every span store."""

from __future__ import annotations

from agenttrace_core.store import RowBatch, RunFilter, RunSort, SortOrder
from agenttrace_ingestion.writer.prepared import combine, prepare


def _rows(batches) -> list[RowBatch]:
    """Each batch as the writer prepares it (keys distinct and sorted, as after a merge)."""
    out = []
    for batch in batches:
        prepared = combine([prepare(batch)])
        out.append(RowBatch(prepared.span_rows, prepared.agent_rows))
    return out


async def test_append_rows_stores_what_append_stores(empty_store, reference, batches) -> None:
    rows = _rows(batches)
    first = [await empty_store.append_rows(b) for b in rows]
    again = [await empty_store.append_rows(b) for b in rows]
    keys = {row[:2] for b in rows for row in b.spans}
    assert sum(r.spans_inserted for r in first) == len(keys)
    assert set().union(*(r.duplicates for r in again)) == keys
    assert sum(r.spans_inserted for r in again) == 0

    page = await reference.list_runs(
        RunFilter(), sort=RunSort.START_TIME, order=SortOrder.DESC, limit=100, cursor=None
    )
    got = await empty_store.list_runs(
        RunFilter(), sort=RunSort.START_TIME, order=SortOrder.DESC, limit=100, cursor=None
    )
    assert [(r.trace_id, r.span_count, r.total_tokens, r.agents) for r in got.items] == [
        (r.trace_id, r.span_count, r.total_tokens, r.agents) for r in page.items
    ]
    for summary in page.items:
        have, want = (
            await empty_store.read_run(summary.trace_id),
            await reference.read_run(summary.trace_id),
        )
        assert have is not None and want is not None
        assert [s.model_dump(exclude={"resource"}) for s in have.spans] == [
            s.model_dump(exclude={"resource"}) for s in want.spans
        ]
        assert have.agents == want.agents
