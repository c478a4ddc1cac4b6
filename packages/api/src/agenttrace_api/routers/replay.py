"""Checkpoints, diffs, replays and run comparison (mounted under ``/api/v1``).

Time travel reads the ``checkpoints`` table; a replay request is only *queued* here: a worker
in the user's environment (``agenttrace replay worker``) claims it over HTTP, runs it and
reports back. No user code ever runs inside the server.
"""

from __future__ import annotations

import time
from typing import Annotated, Any, Literal

from agenttrace_core.auth import key_from_headers
from agenttrace_core.enums import ReplayStatus
from agenttrace_replay import (
    CheckpointNotFoundError,
    InvalidModificationError,
    InvalidTransitionError,
    ReplayNotFoundError,
    TraceNotFoundError,
    claim_replay,
    compare_runs,
    create_replay,
    diff,
    fork_tree,
    get_checkpoint,
    get_replay,
    list_checkpoints,
    report_replay,
    state_at,
)
from agenttrace_replay.store import public_checkpoint
from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncEngine

router = APIRouter(tags=["replay"])

WORKER_SEEN_SECONDS = 60.0
"""A worker that polled within this many seconds counts as connected."""

WAITING = "waiting for a worker: start one with `agenttrace replay worker --app module:object`"


def _engine(request: Request) -> AsyncEngine:
    state = request.app.state
    api = getattr(state, "api", None)
    engine = getattr(api, "engine", None) or getattr(state, "engine", None)
    if engine is None:
        raise RuntimeError("the API app exposes no engine on app.state")
    return engine  # type: ignore[no-any-return]


async def _project(
    request: Request,
    authorization: Annotated[str | None, Header()] = None,
    x_api_key: Annotated[str | None, Header()] = None,
) -> str | None:
    """Check the API key like every other route; the key's project, None for any."""
    keys = getattr(getattr(request.app.state, "api", None), "keys", None)
    if keys is None:
        return None
    result = await keys.check(key_from_headers(authorization, x_api_key))
    if not result.allowed:
        raise HTTPException(
            401, "a valid API key is required", headers={"WWW-Authenticate": "Bearer"}
        )
    return result.project  # type: ignore[no-any-return]


Engine = Annotated[AsyncEngine, Depends(_engine)]
Project = Annotated[str | None, Depends(_project)]
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "A valid API key is required"},
    404: {"description": "Not found"},
    422: {"description": "Invalid request"},
}


class CheckpointOut(BaseModel):
    """One checkpoint of a trace, without its state."""

    id: str
    trace_id: str
    step: int
    name: str | None
    agent: str | None
    span_id: str | None
    timestamp: int
    parent_id: str | None
    state_hash: str
    size: int
    framework: str | None = None
    thread_id: str | None = None
    checkpoint_ns: str | None = None
    framework_checkpoint_id: str | None = None


class CheckpointState(CheckpointOut):
    """One checkpoint with the whole state of its step."""

    state: Any
    metadata: dict[str, Any] = Field(default_factory=dict)


class CheckpointList(BaseModel):
    """The checkpoints of a trace in step order."""

    items: list[CheckpointOut]
    next_cursor: str | None = None


class ChangeOut(BaseModel):
    """One difference between two states."""

    op: Literal["added", "removed", "changed"]
    path: str
    before: Any = None
    after: Any = None


class DiffOut(BaseModel):
    """What changed from checkpoint ``a`` to checkpoint ``b``."""

    a: str
    b: str
    changes: list[ChangeOut]


class ReplayCreate(BaseModel):
    """A fork request: run ``trace_id`` again from ``checkpoint_id`` with ``set`` applied."""

    trace_id: str = Field(max_length=32)
    checkpoint_id: str = Field(max_length=64)
    set: dict[str, Any] = Field(default_factory=dict, description="state path → new value")
    recorded_only: bool = False
    app: str | None = Field(
        default=None, max_length=512, description="module:object of the workflow to run"
    )
    worker: str | None = Field(
        default=None,
        max_length=255,
        description="claim it at once for this worker (it runs the replay itself)",
    )


class ReplayOut(BaseModel):
    """One replay and where it is in its lifecycle."""

    id: str
    project: str
    source_trace_id: str
    checkpoint_id: str
    step: int | None
    set: dict[str, Any]
    app: str | None
    recorded_only: bool
    status: ReplayStatus
    new_trace_id: str | None
    worker: str | None
    error: str | None
    created_at: str | None
    claimed_at: str | None
    finished_at: str | None
    message: str | None = Field(default=None, description="e.g. that it waits for a worker")


class ReplayList(BaseModel):
    """The forks around a trace: flat (``items``) and as a tree from the original run."""

    root_trace_id: str
    items: list[ReplayOut]
    tree: dict[str, Any]
    next_cursor: str | None = None


class ClaimRequest(BaseModel):
    """A worker asking for work."""

    worker: str = Field(max_length=255)
    app: str | None = Field(default=None, max_length=512)


class StatusReport(BaseModel):
    """A worker's progress report."""

    status: ReplayStatus
    new_trace_id: str | None = Field(default=None, pattern="^[0-9a-f]{32}$")
    error: str | None = None


def _workers(request: Request) -> dict[str, float]:
    state = request.app.state
    if not hasattr(state, "replay_workers"):
        state.replay_workers = {}
    return state.replay_workers  # type: ignore[no-any-return]


def _with_message(request: Request, replay: dict[str, Any]) -> dict[str, Any]:
    if replay["status"] == ReplayStatus.QUEUED.value:
        now = time.monotonic()
        alive = [w for w, seen in _workers(request).items() if now - seen < WORKER_SEEN_SECONDS]
        replay["message"] = f"queued; {len(alive)} worker(s) connected" if alive else WAITING
    return replay


async def _checkpoint(
    engine: AsyncEngine, checkpoint_id: str, project: str | None
) -> dict[str, Any]:
    try:
        row = await get_checkpoint(engine, checkpoint_id)
    except CheckpointNotFoundError as exc:
        raise HTTPException(404, str(exc)) from exc
    if project is not None and row["project"] != project:
        raise HTTPException(404, f"checkpoint {checkpoint_id!r} not found")
    return row


async def _replay(engine: AsyncEngine, replay_id: str, project: str | None) -> dict[str, Any]:
    try:
        replay = await get_replay(engine, replay_id)
    except ReplayNotFoundError as exc:
        raise HTTPException(404, f"replay {replay_id!r} not found") from exc
    if project is not None and replay["project"] != project:
        raise HTTPException(404, f"replay {replay_id!r} not found")
    return replay


@router.get("/traces/{trace_id}/checkpoints", response_model=CheckpointList, responses=_ERRORS)
async def list_trace_checkpoints(trace_id: str, engine: Engine, project: Project) -> Any:
    """The checkpoints of a trace in step order (an empty list for a trace without any)."""
    items = await list_checkpoints(engine, trace_id.lower())
    visible = [c for c in items if project is None or c["project"] == project]
    return {"items": [public_checkpoint(c) for c in visible], "next_cursor": None}


@router.get("/traces/{trace_id}/state", response_model=CheckpointState, responses=_ERRORS)
async def trace_state_at(
    trace_id: str, engine: Engine, project: Project, step: Annotated[int, Query(ge=0)]
) -> Any:
    """The state in force at ``step``: the last checkpoint at or before it."""
    try:
        row = await state_at(engine, trace_id.lower(), step)
    except CheckpointNotFoundError as exc:
        raise HTTPException(404, str(exc)) from exc
    return public_checkpoint(await _checkpoint(engine, row["id"], project), with_state=True)


@router.get("/checkpoints/{checkpoint_id}", response_model=CheckpointState, responses=_ERRORS)
async def read_checkpoint(checkpoint_id: str, engine: Engine, project: Project) -> Any:
    """One checkpoint with its state."""
    return public_checkpoint(await _checkpoint(engine, checkpoint_id, project), with_state=True)


@router.get("/checkpoints/{a}/diff/{b}", response_model=DiffOut, responses=_ERRORS)
async def diff_checkpoints(a: str, b: str, engine: Engine, project: Project) -> Any:
    """What changed from checkpoint ``a`` to checkpoint ``b`` (any two, of any traces)."""
    before = await _checkpoint(engine, a, project)
    after = await _checkpoint(engine, b, project)
    changes = [c.to_dict() for c in diff(before["state"], after["state"])]
    return {"a": a, "b": b, "changes": changes}


@router.post("/replays", status_code=202, response_model=ReplayOut, responses=_ERRORS)
async def request_replay(
    body: ReplayCreate, request: Request, engine: Engine, project: Project
) -> Any:
    """Queue a fork; a worker in the user's environment runs it (it waits until one does)."""
    await _checkpoint(engine, body.checkpoint_id, project)
    try:
        replay = await create_replay(
            engine,
            trace_id=body.trace_id.lower(),
            checkpoint_id=body.checkpoint_id,
            modifications=body.set,
            recorded_only=body.recorded_only,
            app=body.app,
            worker=body.worker,
        )
    except CheckpointNotFoundError as exc:
        raise HTTPException(404, str(exc)) from exc
    except InvalidModificationError as exc:
        raise HTTPException(422, str(exc)) from exc
    return _with_message(request, replay)


@router.post(
    "/replays/claim",
    response_model=ReplayOut,
    responses={204: {"description": "Nothing is queued for this worker"}, **_ERRORS},
)
async def claim(body: ClaimRequest, request: Request, engine: Engine, project: Project) -> Any:
    """A worker claims the oldest queued replay for its app (204 when there is none)."""
    _workers(request)[body.worker] = time.monotonic()
    replay = await claim_replay(engine, worker=body.worker, app=body.app)
    if replay is None:
        return Response(status_code=204)
    return replay


@router.get("/replays/{replay_id}", response_model=ReplayOut, responses=_ERRORS)
async def read_replay(replay_id: str, request: Request, engine: Engine, project: Project) -> Any:
    """One replay: its status, and the new trace once a worker has started it."""
    return _with_message(request, await _replay(engine, replay_id, project))


@router.post(
    "/replays/{replay_id}/status",
    response_model=ReplayOut,
    responses={409: {"description": "The replay has already finished"}, **_ERRORS},
)
async def report_status(
    replay_id: str, body: StatusReport, request: Request, engine: Engine, project: Project
) -> Any:
    """A worker reports progress: the new trace id, then succeeded or failed."""
    await _replay(engine, replay_id, project)
    if body.status is ReplayStatus.QUEUED:
        raise HTTPException(422, "a worker cannot put a replay back in the queue")
    try:
        return await report_replay(
            engine, replay_id, status=body.status, new_trace_id=body.new_trace_id, error=body.error
        )
    except InvalidTransitionError as exc:
        raise HTTPException(409, str(exc)) from exc


@router.get("/traces/{trace_id}/replays", response_model=ReplayList, responses=_ERRORS)
async def trace_replays(trace_id: str, request: Request, engine: Engine, project: Project) -> Any:
    """The fork tree around a trace, from its original run through replays of replays."""
    tree = await fork_tree(engine, trace_id.lower())
    tree["items"] = [
        _with_message(request, r)
        for r in tree["items"]
        if project is None or r["project"] == project
    ]
    return tree


@router.get("/compare", responses=_ERRORS)
async def compare(
    engine: Engine,
    project: Project,
    a: Annotated[str, Query(description="trace id of the first run")],
    b: Annotated[str, Query(description="trace id of the second run")],
) -> dict[str, Any]:
    """Two runs side by side: aligned steps, first divergence, messages, tool results, state,
    tokens."""
    try:
        return await compare_runs(engine, a.lower(), b.lower())
    except TraceNotFoundError as exc:
        raise HTTPException(404, f"trace {exc} not found") from exc
