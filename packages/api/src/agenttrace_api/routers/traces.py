"""Trace list, trace detail and the human verdict (``/api/v1/traces…``)."""

from __future__ import annotations

import logging
from typing import Annotated

from agenttrace_core.db import schema as s
from agenttrace_core.enums import SpanStatus
from fastapi import APIRouter, Query
from fastapi.responses import Response
from sqlalchemy import select

from agenttrace_api.deps import Caller, State, VisibleTrace
from agenttrace_api.errors import error_responses
from agenttrace_api.params import (
    CursorQuery,
    ProjectQuery,
    SinceQuery,
    UntilQuery,
    json_response,
    window_ns,
)
from agenttrace_api.queries import runs
from agenttrace_api.queries import traces as q
from agenttrace_api.queries.annotations import set_verdict
from agenttrace_api.schemas.traces import TraceDetail, TraceList, VerdictOut, VerdictUpdate

logger = logging.getLogger(__name__)

router = APIRouter(tags=["traces"])

NoNul = r"^[^\x00]*$"


@router.get("/traces", response_model=TraceList, responses=error_responses(401, 403, 422))
async def list_traces(
    state: State,
    caller: Caller,
    project: ProjectQuery = None,
    status: Annotated[SpanStatus | None, Query(description="Trace status")] = None,
    agent: Annotated[
        str | None, Query(max_length=255, pattern=NoNul, description="Runs this agent took part in")
    ] = None,
    framework: Annotated[str | None, Query(max_length=64, pattern=NoNul)] = None,
    failure_mode: Annotated[
        str | None,
        Query(max_length=16, pattern=NoNul, description="Runs with this MAST mode (not rejected)"),
    ] = None,
    q_: Annotated[
        str | None,
        Query(
            alias="q",
            max_length=500,
            pattern=NoNul,
            description="Text in the name, input or output of the run or of any of its spans",
        ),
    ] = None,
    session_id: Annotated[
        str | None,
        Query(max_length=255, pattern=NoNul, description="Runs of this session (exact id)"),
    ] = None,
    since: SinceQuery = None,
    until: UntilQuery = None,
    min_cost: Annotated[
        float | None,
        Query(ge=0, allow_inf_nan=False, description="Runs costing at least this (USD)"),
    ] = None,
    max_cost: Annotated[
        float | None,
        Query(ge=0, allow_inf_nan=False, description="Runs costing at most this (USD)"),
    ] = None,
    sort: q.TraceSort = q.TraceSort.START_TIME,
    order: q.SortOrder = q.SortOrder.DESC,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: CursorQuery = None,
) -> Response:
    """Trace summaries, newest first by default, with filters and keyset pagination.

    The cursor pins the position by (sort key, trace id), so pages stay stable while new
    traces arrive. A cost bound (``min_cost``, ``max_cost``) leaves out the runs without a
    known cost (``cost_usd`` null); ``sort=cost`` puts them below every priced run.
    """
    since_ns, until_ns = window_ns(since, until)
    filters = q.TraceFilter(
        project=caller.scope(project),
        status=status.value if status else None,
        agent=agent,
        framework=framework,
        failure_mode=failure_mode,
        q=q_ or None,
        session_id=session_id,
        since_ns=since_ns,
        until_ns=until_ns,
        min_cost=min_cost,
        max_cost=max_cost,
    )
    items, next_cursor = await runs.list_traces(
        state.spans, state.engine, filters, sort=sort, order=order, limit=limit, cursor=cursor
    )
    return json_response(TraceList.model_validate({"items": items, "next_cursor": next_cursor}))


@router.get(
    "/traces/{trace_id}", response_model=TraceDetail, responses=error_responses(401, 404, 422)
)
async def get_trace(trace: VisibleTrace, state: State) -> TraceDetail:
    """One run: its summary, its agents in full, and its input and output previews.

    The span figures and the agents come from the span store; the failure modes, the verdict,
    the analysis state, and the cost, session and previews from the relational database.
    """
    trace_id, row = trace.trace_id, trace.row
    summary = trace.summary or await runs.run_summary(state.spans, trace_id)
    if summary is None:  # claimed, or known by its checkpoints: no span stored yet
        assert row is not None
        summary = runs.summary_of_row(row)
    agents = await state.spans.read_agents(trace_id)
    a = s.agents
    async with state.engine.connect() as conn:
        costs = {
            r.name: r
            for r in await conn.execute(
                select(a.c.name, a.c.cost, a.c.unpriced_llm_spans).where(a.c.trace_id == trace_id)
            )
        }
        modes = await q.failure_modes(conn, [trace_id])
    detail = runs.summary_dict(summary, row, modes.get(trace_id, []))
    detail["agents"] = [
        {
            "name": agent.name,
            "role": agent.role,
            "framework": agent.framework,
            "model": agent.model,
            "cost_usd": costs[agent.name].cost if agent.name in costs else None,
            "unpriced_llm_spans": (
                costs[agent.name].unpriced_llm_spans if agent.name in costs else 0
            ),
        }
        for agent in agents
    ]
    detail.update(
        input_tokens=summary.input_tokens,
        output_tokens=summary.output_tokens,
        root_span_id=summary.root_span_id,
        session_id=row.session_id if row is not None else None,
        input_preview=row.input_preview if row is not None else None,
        output_preview=row.output_preview if row is not None else None,
    )
    return TraceDetail.model_validate(detail)


@router.put(
    "/traces/{trace_id}/verdict",
    response_model=VerdictOut,
    responses=error_responses(400, 401, 404, 422),
)
async def put_verdict(trace: VisibleTrace, body: VerdictUpdate, state: State) -> VerdictOut:
    """Mark a whole run failed or good (``null`` clears the verdict)."""
    trace_id = trace.trace_id
    async with state.engine.begin() as conn:
        await set_verdict(conn, trace_id, body.verdict)
    logger.info("verdict of trace %s set to %s", trace_id, body.verdict)
    return VerdictOut(trace_id=trace_id, human_verdict=body.verdict)
