"""Checkpoints, diffs, replays and run comparison (mounted under ``/api/v1``).

Time travel reads the ``checkpoints`` table; a replay request is only *queued* here: a worker
in the user's environment (``agenttrace replay worker``) claims it over HTTP, runs it and
reports back. No user code ever runs inside the server. Which runs a key may see is decided
by the shared dependencies of :mod:`agenttrace_api.deps`, as for every other route.
"""

from __future__ import annotations

import time
from typing import Annotated, Any

from agenttrace_core.enums import ReplayStatus
from agenttrace_replay import (
    CheckpointNotFoundError,
    ForkNode,
    InvalidModificationError,
    InvalidTransitionError,
    Replay,
    TraceNotFoundError,
    claim_replay,
    compare_runs,
    create_replay,
    diff,
    fork_tree,
    list_checkpoints,
    report_replay,
    state_at,
)
from fastapi import APIRouter, Query, Response

from agenttrace_api.deps import (
    ApiState,
    Caller,
    CheckpointIdPath,
    Principal,
    State,
    VisibleCheckpoint,
    VisibleReplay,
    VisibleTrace,
    visible_checkpoint,
    visible_trace,
)
from agenttrace_api.errors import ConflictError, InvalidRequestError, NotFoundError, error_responses
from agenttrace_api.params import TraceIdQuery
from agenttrace_api.schemas.replay import (
    CheckpointList,
    CheckpointOut,
    CheckpointState,
    ClaimRequest,
    Comparison,
    DiffOut,
    ReplayCreate,
    ReplayList,
    ReplayOut,
    StatusReport,
)

router = APIRouter(tags=["replay"])

WORKER_SEEN_SECONDS = 60.0
"""A worker that polled within this many seconds counts as connected."""

WAITING = "waiting for a worker: start one with `agenttrace replay worker --app module:object`"

_ERRORS = error_responses(401, 404, 422)
_BODY_ERRORS = error_responses(400, 401, 404, 422)


def _with_message(state: ApiState, replay: Replay) -> dict[str, Any]:
    """The JSON of ``replay``; a queued one says whether a worker is there to run it."""
    out = replay.to_dict()
    if replay.status is ReplayStatus.QUEUED:
        now = time.monotonic()
        alive = [w for w, seen in state.replay_workers.items() if now - seen < WORKER_SEEN_SECONDS]
        out["message"] = f"queued; {len(alive)} worker(s) connected" if alive else WAITING
    return out


@router.get("/traces/{trace_id}/checkpoints", response_model=CheckpointList, responses=_ERRORS)
async def list_trace_checkpoints(trace: VisibleTrace, state: State) -> Any:
    """The checkpoints of a trace in step order (an empty list for a trace without any)."""
    items = await list_checkpoints(state.engine, trace.trace_id)
    return CheckpointList(
        items=[CheckpointOut.model_validate(c, from_attributes=True) for c in items]
    )


@router.get("/traces/{trace_id}/state", response_model=CheckpointState, responses=_ERRORS)
async def trace_state_at(
    trace: VisibleTrace, state: State, step: Annotated[int, Query(ge=0, le=2**31 - 1)]
) -> Any:
    """The state in force at ``step``: the last checkpoint at or before it."""
    try:
        row = await state_at(state.engine, trace.trace_id, step)
    except CheckpointNotFoundError as exc:
        raise NotFoundError(f"no checkpoint at or before step {step}") from exc
    return CheckpointState.model_validate(row, from_attributes=True)


@router.get("/checkpoints/{checkpoint_id}", response_model=CheckpointState, responses=_ERRORS)
async def read_checkpoint(checkpoint: VisibleCheckpoint) -> Any:
    """One checkpoint with its state."""
    return CheckpointState.model_validate(checkpoint, from_attributes=True)


@router.get("/checkpoints/{a}/diff/{b}", response_model=DiffOut, responses=_ERRORS)
async def diff_checkpoints(
    a: CheckpointIdPath, b: CheckpointIdPath, state: State, caller: Caller
) -> Any:
    """What changed from checkpoint ``a`` to checkpoint ``b`` (any two, of any traces)."""
    before = await visible_checkpoint(state, caller, a)
    after = await visible_checkpoint(state, caller, b)
    changes = [c.to_dict() for c in diff(before.state, after.state)]
    return {"a": a, "b": b, "changes": changes}


@router.post("/replays", status_code=202, response_model=ReplayOut, responses=_BODY_ERRORS)
async def request_replay(body: ReplayCreate, state: State, caller: Caller) -> Any:
    """Queue a fork; a worker in the user's environment runs it (it waits until one does)."""
    trace = await visible_trace(state, caller, body.trace_id)
    checkpoint = await visible_checkpoint(state, caller, body.checkpoint_id)
    if checkpoint.trace_id != trace.trace_id:
        raise NotFoundError(f"checkpoint {body.checkpoint_id!r} not found in this trace")
    try:
        replay = await create_replay(
            state.engine,
            trace_id=trace.trace_id,
            checkpoint_id=body.checkpoint_id,
            modifications=body.set,
            recorded_only=body.recorded_only,
            app=body.app,
            worker=body.worker,
        )
    except CheckpointNotFoundError as exc:
        raise NotFoundError(str(exc)) from exc
    except InvalidModificationError as exc:
        raise InvalidRequestError(str(exc)) from exc
    return _with_message(state, replay)


@router.post(
    "/replays/claim",
    response_model=ReplayOut,
    responses={204: {"description": "Nothing is queued for this worker"}, **_BODY_ERRORS},
)
async def claim(body: ClaimRequest, state: State, caller: Caller) -> Any:
    """A worker claims the oldest queued replay for its app (204 when there is none).

    A worker with a project's key only gets that project's replays.
    """
    state.replay_workers[body.worker] = time.monotonic()
    replay = await claim_replay(
        state.engine, worker=body.worker, app=body.app, project=caller.project
    )
    if replay is None:
        return Response(status_code=204)
    return replay.to_dict()


@router.get("/replays/{replay_id}", response_model=ReplayOut, responses=_ERRORS)
async def read_replay(replay: VisibleReplay, state: State) -> Any:
    """One replay: its status, and the new trace once a worker has started it."""
    return _with_message(state, replay)


@router.post(
    "/replays/{replay_id}/status",
    response_model=ReplayOut,
    responses=error_responses(400, 401, 404, 409, 422),
)
async def report_status(replay: VisibleReplay, body: StatusReport, state: State) -> Any:
    """A worker reports progress: the new trace id, then succeeded or failed."""
    if body.status is ReplayStatus.QUEUED:
        raise InvalidRequestError("a worker cannot put a replay back in the queue")
    try:
        reported = await report_replay(
            state.engine,
            replay.id,
            status=body.status,
            new_trace_id=body.new_trace_id,
            error=body.error,
        )
    except InvalidTransitionError as exc:
        raise ConflictError(str(exc)) from exc
    return reported.to_dict()


@router.get("/traces/{trace_id}/replays", response_model=ReplayList, responses=_ERRORS)
async def trace_replays(trace: VisibleTrace, state: State, caller: Caller) -> Any:
    """The fork tree around a trace, from its original run through replays of replays."""
    forks = await fork_tree(state.engine, trace.trace_id)
    return {
        "root_trace_id": forks.root_trace_id,
        "items": [_with_message(state, r) for r in forks.items if caller.can_see(r.project)],
        "tree": _visible_node(state, forks.tree, caller),
    }


def _visible_node(state: ApiState, node: ForkNode, caller: Principal) -> dict[str, Any]:
    """A node of the fork tree without the replays of projects ``caller`` may not see."""
    return {
        "trace_id": node.trace_id,
        "replays": [
            {
                "replay": _with_message(state, branch.replay),
                "child": _visible_node(state, branch.child, caller) if branch.child else None,
            }
            for branch in node.replays
            if caller.can_see(branch.replay.project)
        ],
    }


@router.get("/compare", response_model=Comparison, responses=_ERRORS)
async def compare(state: State, caller: Caller, a: TraceIdQuery, b: TraceIdQuery) -> Any:
    """Two runs side by side: aligned steps, first divergence, messages, tool results, state,
    tokens."""
    first = await visible_trace(state, caller, a)
    second = await visible_trace(state, caller, b)
    try:
        comparison = await compare_runs(
            state.engine, first.trace_id, second.trace_id, spans=state.spans
        )
    except TraceNotFoundError as exc:
        raise NotFoundError(f"trace {exc} not found") from exc
    return comparison.to_dict()
