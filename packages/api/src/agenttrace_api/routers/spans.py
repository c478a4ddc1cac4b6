"""Spans of a trace (``/api/v1/traces/{trace_id}/spans…``).

``view=tree`` returns only the structure (ids, parent, name, type, agent, times, status) in
large pages, so that the tree of a 100,000-span trace loads in a few requests; the payloads
(input, output, attributes, events, links) come with ``view=full`` or one span at a time.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from agenttrace_api.deps import State, VisibleTrace
from agenttrace_api.errors import InvalidRequestError, error_responses
from agenttrace_api.params import CursorQuery, SpanIdPath, raw_json_response
from agenttrace_api.queries import spans as q
from agenttrace_api.schemas.spans import SpanFull, SpanList

router = APIRouter(tags=["spans"])

DEFAULT_LIMIT = {q.SpanView.FULL: 200, q.SpanView.TREE: 10_000}
MAX_LIMIT = {q.SpanView.FULL: 2_000, q.SpanView.TREE: 50_000}


@router.get(
    "/traces/{trace_id}/spans",
    response_model=SpanList,
    responses=error_responses(401, 404, 422),
)
async def list_spans(
    trace: VisibleTrace,
    state: State,
    view: q.SpanView = q.SpanView.FULL,
    limit: Annotated[
        int | None,
        Query(ge=1, le=50_000, description="Default 200 (full) or 10,000 (tree); max 2,000 full"),
    ] = None,
    cursor: CursorQuery = None,
) -> Response:
    """The spans of a trace in start order, paginated."""
    if limit is not None and limit > MAX_LIMIT[view]:
        raise InvalidRequestError(f"limit is at most {MAX_LIMIT[view]} with view={view.value}")
    items, next_cursor = await q.list_spans(
        state.spans, trace.trace_id, view=view, limit=limit or DEFAULT_LIMIT[view], cursor=cursor
    )
    return raw_json_response({"items": items, "next_cursor": next_cursor})


@router.get(
    "/traces/{trace_id}/spans/{span_id}",
    response_model=SpanFull,
    responses=error_responses(401, 404, 422),
)
async def get_span(trace: VisibleTrace, span_id: SpanIdPath, state: State) -> SpanFull:
    """One span with its payloads."""
    span = await q.get_span(state.spans, trace.trace_id, span_id.lower())
    return SpanFull.model_validate(span)
