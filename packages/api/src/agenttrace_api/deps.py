"""Dependencies of the routes: the shared state, the API key check, and what a key may see.

Tenant isolation is decided here and nowhere else. A project key sees the objects of its own
project; an admin key (``AGENTTRACE_API_KEYS``), or any caller while no key is configured,
sees every project. Every object hangs off a run, and a run belongs to the project that first
wrote it (``traces.project``): a checkpoint, a replay or a span is visible exactly when its
trace is. An object of another project answers 404, word for word as one that does not exist.
A run the relational database has no ``traces`` row for (its spans in a store of their own)
belongs to the project of its spans there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from agenttrace_core.auth import KeyChecker, key_from_headers
from agenttrace_core.db import schema as s
from agenttrace_core.settings import Settings
from agenttrace_core.store import RunSummary, SpanReader
from agenttrace_replay import (
    CheckpointNotFoundError,
    CheckpointWithState,
    Replay,
    ReplayNotFoundError,
    get_checkpoint,
    get_replay,
)
from fastapi import Depends, HTTPException, Path, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_api.errors import NotFoundError
from agenttrace_api.params import TraceIdPath
from agenttrace_api.queries.runs import run_summary


@dataclass
class ApiState:
    """What every route of one app shares (stored on ``app.state.api``)."""

    settings: Settings
    engine: AsyncEngine
    """The relational database: projects, keys, annotations, checkpoints, replays, results."""
    spans: SpanReader
    """The span store: runs, their spans and agents, search, agent figures."""
    keys: KeyChecker
    replay_workers: dict[str, float] = field(default_factory=dict)
    """Replay workers by name, and when each last asked for work (``time.monotonic``)."""


@dataclass(frozen=True)
class Principal:
    """Who is asking: ``project`` is set when the API key belongs to one project."""

    project: str | None = None

    def scope(self, requested: str | None) -> str | None:
        """The project a list must be limited to; 403 when asking for another one."""
        if self.project is None:
            return requested
        if requested is not None and requested != self.project:
            raise HTTPException(403, "the API key does not give access to this project")
        return self.project

    def can_see(self, project: str) -> bool:
        """Whether a row of ``project`` is visible to this caller."""
        return self.project is None or self.project == project


def get_state(request: Request) -> ApiState:
    """The shared state of the app serving ``request``."""
    state: ApiState = request.app.state.api
    return state


State = Annotated[ApiState, Depends(get_state)]


_bearer = HTTPBearer(auto_error=False, description="An AgentTrace API key as a bearer token")
_header = APIKeyHeader(name="x-api-key", auto_error=False, description="An AgentTrace API key")


async def require_key(
    state: State,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    x_api_key: Annotated[str | None, Depends(_header)],
) -> Principal:
    """Check the request's API key (when keys are configured) and say whose it is."""
    authorization = f"Bearer {bearer.credentials}" if bearer else None
    result = await state.keys.check(key_from_headers(authorization, x_api_key))
    if not result.allowed:
        raise HTTPException(
            401, "a valid API key is required", headers={"WWW-Authenticate": "Bearer"}
        )
    return Principal(project=result.project)


Caller = Annotated[Principal, Depends(require_key)]


@dataclass(frozen=True)
class TraceRef:
    """A run the caller may see: its id and project, and what each database has of it."""

    trace_id: str
    project: str
    row: Row[Any] | None
    """Its relational ``traces`` row (None: the relational database has none)."""
    summary: RunSummary | None = None
    """The span store's summary, when it was needed to find the run (else not read)."""


async def visible_trace(state: ApiState, caller: Principal, trace_id: str) -> TraceRef:
    """The run ``trace_id`` when ``caller`` may see it; else 404.

    Its relational row decides (the project that claimed it); a run without one is looked up
    in the span store.
    """
    trace_id = trace_id.lower()
    async with state.engine.connect() as conn:
        row = (await conn.execute(select(s.traces).where(s.traces.c.trace_id == trace_id))).first()
    missing = NotFoundError(f"trace {trace_id} not found")
    if row is not None:
        if not caller.can_see(row.project):
            raise missing
        return TraceRef(trace_id, row.project, row)
    summary = await run_summary(state.spans, trace_id)
    if summary is None or not caller.can_see(summary.project):
        raise missing
    return TraceRef(trace_id, summary.project, None, summary)


async def visible_checkpoint(
    state: ApiState, caller: Principal, checkpoint_id: str
) -> CheckpointWithState:
    """A checkpoint with its state, when ``caller`` may see its trace; else 404."""
    missing = NotFoundError(f"checkpoint {checkpoint_id!r} not found")
    try:
        row = await get_checkpoint(state.engine, checkpoint_id)
    except CheckpointNotFoundError:
        raise missing from None
    try:
        await visible_trace(state, caller, row.trace_id)
    except NotFoundError:
        raise missing from None
    return row


async def visible_replay(state: ApiState, caller: Principal, replay_id: str) -> Replay:
    """A replay, when ``caller`` may see the run it forks; else 404."""
    missing = NotFoundError(f"replay {replay_id!r} not found")
    try:
        replay = await get_replay(state.engine, replay_id)
    except ReplayNotFoundError:
        raise missing from None
    if not caller.can_see(replay.project):
        raise missing
    try:
        await visible_trace(state, caller, replay.source_trace_id)
    except NotFoundError:
        raise missing from None
    return replay


CheckpointIdPath = Annotated[
    str, Path(min_length=1, max_length=64, pattern=r"^[^\x00/]+$", description="A checkpoint id")
]
ReplayIdPath = Annotated[
    str, Path(min_length=1, max_length=64, pattern=r"^[^\x00/]+$", description="A replay id")
]


async def _trace_in_path(trace_id: TraceIdPath, state: State, caller: Caller) -> TraceRef:
    return await visible_trace(state, caller, trace_id)


async def _checkpoint_in_path(
    checkpoint_id: CheckpointIdPath, state: State, caller: Caller
) -> CheckpointWithState:
    return await visible_checkpoint(state, caller, checkpoint_id)


async def _replay_in_path(replay_id: ReplayIdPath, state: State, caller: Caller) -> Replay:
    return await visible_replay(state, caller, replay_id)


VisibleTrace = Annotated[TraceRef, Depends(_trace_in_path)]
"""The run named by the ``{trace_id}`` path parameter (404 when the caller may not see it)."""
VisibleCheckpoint = Annotated[CheckpointWithState, Depends(_checkpoint_in_path)]
"""The checkpoint named by ``{checkpoint_id}``, with its state (404 likewise)."""
VisibleReplay = Annotated[Replay, Depends(_replay_in_path)]
"""The replay named by ``{replay_id}`` (404 likewise)."""
