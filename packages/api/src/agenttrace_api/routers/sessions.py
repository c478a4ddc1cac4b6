"""Sessions (``/api/v1/sessions…``): runs grouped by their session or thread id."""

from __future__ import annotations

from typing import Annotated

from agenttrace_core.enums import SpanStatus
from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from agenttrace_api.deps import Caller, State
from agenttrace_api.errors import ConflictError, NotFoundError, error_responses
from agenttrace_api.params import (
    CursorQuery,
    ProjectQuery,
    SinceQuery,
    UntilQuery,
    json_response,
    window_ns,
)
from agenttrace_api.queries import sessions as q
from agenttrace_api.schemas.sessions import SessionDetail, SessionList

router = APIRouter(tags=["sessions"])

NoNul = r"^[^\x00]*$"
SessionIdPath = Annotated[
    str,
    Path(max_length=255, pattern=r"^[^\x00]+$", description="The session id (URL-encoded)"),
]


@router.get("/sessions", response_model=SessionList, responses=error_responses(401, 403, 422))
async def list_sessions(
    state: State,
    caller: Caller,
    project: ProjectQuery = None,
    status: Annotated[
        SpanStatus | None,
        Query(description="`error`: a run failed; `ok`: none failed; `unset`: none ended yet"),
    ] = None,
    agent: Annotated[
        str | None,
        Query(max_length=255, pattern=NoNul, description="Sessions this agent took part in"),
    ] = None,
    q_: Annotated[
        str | None,
        Query(alias="q", max_length=255, pattern=NoNul, description="Text in the session id"),
    ] = None,
    since: Annotated[
        SinceQuery, Query(description="ISO-8601; only sessions active at or after this")
    ] = None,
    until: Annotated[
        UntilQuery, Query(description="ISO-8601; only sessions begun at or before this")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: CursorQuery = None,
) -> Response:
    """Sessions (runs sharing a session or thread id), most recently active first.

    The cursor pins the position by (last activity, project, session id).
    """
    since_ns, until_ns = window_ns(since, until)
    filters = q.SessionFilter(
        project=caller.scope(project),
        status=status.value if status else None,
        agent=agent,
        q=q_ or None,
        since_ns=since_ns,
        until_ns=until_ns,
    )
    async with state.engine.connect() as conn:
        items, next_cursor = await q.list_sessions(conn, filters, limit=limit, cursor=cursor)
    return json_response(SessionList.model_validate({"items": items, "next_cursor": next_cursor}))


@router.get(
    "/sessions/{session_id:path}",
    response_model=SessionDetail,
    responses=error_responses(401, 403, 404, 409, 422),
)
async def get_session(
    session_id: SessionIdPath,
    state: State,
    caller: Caller,
    project: Annotated[
        ProjectQuery, Query(description="The session's project (needed when several have it)")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Runs per page")] = 100,
    cursor: CursorQuery = None,
) -> Response:
    """One session: its figures and its runs in time order, each with status, cost,
    failure modes and the culprit the analysis names."""
    scope = caller.scope(project)
    async with state.engine.connect() as conn:
        projects = await q.session_projects(conn, session_id, scope)
        if not projects:
            raise NotFoundError("session not found")
        if len(projects) > 1:
            raise ConflictError(
                f"session {session_id} is in several projects ({', '.join(projects)}): "
                "name one with ?project="
            )
        summary = await q.session_summary(conn, projects[0], session_id)
        if summary is None:
            raise NotFoundError("session not found")
        runs, next_cursor = await q.session_runs(
            conn, projects[0], session_id, limit=limit, cursor=cursor
        )
    return json_response(
        SessionDetail.model_validate({**summary, "traces": runs, "next_cursor": next_cursor})
    )
