"""What the analysis says about a trace (``/graph``, ``/messages``, ``/failures``, ``/analyze``).

Graph, annotations and attribution come from :mod:`agenttrace_analysis.service`, which serves
stored results and computes them first when they are missing or stale.
"""

from __future__ import annotations

import logging
from typing import Annotated

from agenttrace_analysis import service
from agenttrace_core.store import SpanReader
from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_api.deps import State, VisibleTrace
from agenttrace_api.errors import NotFoundError, error_responses
from agenttrace_api.params import CursorQuery, json_response
from agenttrace_api.queries.messages import list_messages
from agenttrace_api.schemas.analysis import Failures, Graph, MessageList

logger = logging.getLogger(__name__)

router = APIRouter(tags=["analysis"])


@router.get(
    "/traces/{trace_id}/graph", response_model=Graph, responses=error_responses(401, 404, 422)
)
async def get_graph(trace: VisibleTrace, state: State) -> Response:
    """The communication graph of a run: agents as nodes (ids are names), messages as edges."""
    # Served from the stored analysis; when that is missing or stale, the graph alone is
    # computed and not stored (the analysis worker, /failures or /analyze store the whole
    # analysis). Said here, not in the docstring, which is the OpenAPI description.
    trace_id = trace.trace_id
    graph = await service.current_graph(state.engine, trace_id, spans=state.spans)
    if graph is None:
        raise NotFoundError(f"trace {trace_id} not found")
    return json_response(Graph.model_validate(graph))


@router.get(
    "/traces/{trace_id}/messages",
    response_model=MessageList,
    responses=error_responses(401, 404, 422),
)
async def get_messages(
    trace: VisibleTrace,
    state: State,
    limit: Annotated[int, Query(ge=1, le=5_000)] = 1_000,
    cursor: CursorQuery = None,
) -> Response:
    """The messages between the agents of a run, in time order."""
    async with state.engine.connect() as conn:
        items, next_cursor = await list_messages(conn, trace.trace_id, limit=limit, cursor=cursor)
    return json_response(MessageList.model_validate({"items": items, "next_cursor": next_cursor}))


async def failures_of(
    engine: AsyncEngine, trace_id: str, spans: SpanReader | None = None
) -> Failures:
    """The annotations and attribution of a trace's run, from the analysis."""
    result = await service.trace_failures(engine, trace_id, spans=spans)
    if result is None:
        raise NotFoundError(f"trace {trace_id} not found")
    return Failures.model_validate(
        {
            "annotations": result.get("annotations", []),
            "attribution": result.get("attribution"),
            "run_trace_ids": result.get("run_trace_ids", [trace_id]),
        }
    )


@router.get(
    "/traces/{trace_id}/failures",
    response_model=Failures,
    responses=error_responses(401, 404, 422),
)
async def get_failures(trace: VisibleTrace, state: State) -> Failures:
    """Failure annotations (MAST) of a run, with their review status, and the attribution."""
    return await failures_of(state.engine, trace.trace_id, state.spans)


@router.post(
    "/traces/{trace_id}/analyze",
    response_model=Failures,
    responses=error_responses(401, 404, 422),
)
async def analyze(trace: VisibleTrace, state: State) -> Failures:
    """Run the analysis of a run now and return its failures.

    Annotations a person confirmed or rejected are kept by the analysis.
    """
    trace_id = trace.trace_id
    logger.info("analysing trace %s on request", trace_id)
    await service.analyze_trace(state.engine, trace_id, state.settings, spans=state.spans)
    return await failures_of(state.engine, trace_id, state.spans)
