"""Projects and their graphs (``/api/v1/projects…``)."""

from __future__ import annotations

from typing import Annotated

from agenttrace_analysis import service
from fastapi import APIRouter, Path

from agenttrace_api.deps import Caller, State
from agenttrace_api.errors import NotFoundError, error_responses
from agenttrace_api.queries.overview import projects
from agenttrace_api.schemas.analysis import Graph
from agenttrace_api.schemas.projects import ProjectList

router = APIRouter(tags=["projects"])

ProjectPath = Annotated[str, Path(max_length=255, pattern=r"^[^\x00]+$")]


@router.get("/projects", response_model=ProjectList, responses=error_responses(401))
async def list_projects(state: State, caller: Caller) -> ProjectList:
    """Every project with its trace count and latest trace."""
    async with state.engine.connect() as conn:
        items = await projects(conn, caller.project)
    return ProjectList.model_validate({"items": items, "next_cursor": None})


@router.get(
    "/projects/{name}/graph", response_model=Graph, responses=error_responses(401, 404, 422)
)
async def get_project_graph(name: ProjectPath, state: State, caller: Caller) -> Graph:
    """The agents of all the runs of a project together, and who talked to whom."""
    if not caller.can_see(name):
        raise NotFoundError(f"project {name} not found")
    async with state.engine.connect() as conn:
        found = await projects(conn, name)
    if not found:
        raise NotFoundError(f"project {name} not found")
    return Graph.model_validate(await service.project_graph(state.engine, name))
