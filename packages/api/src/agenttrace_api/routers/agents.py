"""Agents across traces (``/api/v1/agents…``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from agenttrace_api.deps import Caller, State
from agenttrace_api.errors import NotFoundError, error_responses
from agenttrace_api.params import ProjectQuery, SinceQuery, UntilQuery, window_ns
from agenttrace_api.queries import agents as q
from agenttrace_api.schemas.agents import AgentDetail, AgentList, AgentStats

router = APIRouter(tags=["agents"])

AgentNamePath = Annotated[str, Path(max_length=255, pattern=r"^[^\x00]+$")]


@router.get("/agents", response_model=AgentList, responses=error_responses(401, 403, 422))
async def list_agents(
    state: State,
    caller: Caller,
    project: ProjectQuery = None,
    since: SinceQuery = None,
    until: UntilQuery = None,
) -> AgentList:
    """Per agent name: runs, error rate, latency p50/p95, tokens and top failure modes."""
    since_ns, until_ns = window_ns(since, until)
    f = q.AgentFilter(project=caller.scope(project), since_ns=since_ns, until_ns=until_ns)
    async with state.engine.connect() as conn:
        stats = await q.figures(state.spans, conn, f)
    return AgentList.model_validate({"items": stats, "next_cursor": None})


@router.get(
    "/agents/{name}", response_model=AgentDetail, responses=error_responses(401, 403, 404, 422)
)
async def get_agent(
    name: AgentNamePath,
    state: State,
    caller: Caller,
    project: ProjectQuery = None,
    since: SinceQuery = None,
    until: UntilQuery = None,
) -> AgentDetail:
    """One agent's figures, the roles and models it ran with, and its latest traces."""
    since_ns, until_ns = window_ns(since, until)
    scope = caller.scope(project)
    f = q.AgentFilter(project=scope, since_ns=since_ns, until_ns=until_ns, name=name)
    async with state.engine.connect() as conn:
        stats = await q.figures(state.spans, conn, f)
        if not stats:
            raise NotFoundError(f"agent {name} not found")
        profile = await q.agent_profile(conn, name, scope)
    return AgentDetail(stats=AgentStats.model_validate(stats[0]), **profile)
