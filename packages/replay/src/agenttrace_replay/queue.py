"""The replay queue on the ``replays`` table: create, claim, report, read, and the fork tree.

The server only queues: a worker in the user's environment claims a replay (oldest first, for
its app), runs it, and reports its status and the new trace id. A queued replay waits for as
long as it takes; nothing expires it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from agenttrace_core.db import schema as s
from agenttrace_core.db.types import utcnow
from agenttrace_core.enums import ReplayStatus
from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_replay.paths import missing_paths
from agenttrace_replay.store import CheckpointNotFoundError, get_checkpoint

_r = s.replays
FINAL = {ReplayStatus.SUCCEEDED, ReplayStatus.FAILED, ReplayStatus.CANCELLED}


@dataclass(frozen=True)
class Replay:
    """A replay request and where it is in its lifecycle."""

    id: str
    project: str
    source_trace_id: str
    checkpoint_id: str
    step: int | None
    """The checkpoint's step when the replay was requested."""
    set: dict[str, Any]
    """State path → new value."""
    app: str | None
    recorded_only: bool
    status: ReplayStatus
    new_trace_id: str | None
    worker: str | None
    error: str | None
    created_at: datetime | None
    claimed_at: datetime | None
    finished_at: datetime | None

    @classmethod
    def from_row(cls, row: Any) -> Replay:
        """The replay of a ``replays`` row."""
        mods = row.modifications or {}
        return cls(
            id=row.id,
            project=row.project,
            source_trace_id=row.source_trace_id,
            checkpoint_id=row.checkpoint_id,
            step=mods.get("step"),
            set=mods.get("set", {}),
            app=row.app,
            recorded_only=bool(row.recorded_only),
            status=ReplayStatus(row.status),
            new_trace_id=row.new_trace_id,
            worker=row.worker,
            error=row.error,
            created_at=row.created_at,
            claimed_at=row.claimed_at,
            finished_at=row.finished_at,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form the API returns (times in ISO 8601)."""

        def iso(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "id": self.id,
            "project": self.project,
            "source_trace_id": self.source_trace_id,
            "checkpoint_id": self.checkpoint_id,
            "step": self.step,
            "set": self.set,
            "app": self.app,
            "recorded_only": self.recorded_only,
            "status": self.status.value,
            "new_trace_id": self.new_trace_id,
            "worker": self.worker,
            "error": self.error,
            "created_at": iso(self.created_at),
            "claimed_at": iso(self.claimed_at),
            "finished_at": iso(self.finished_at),
        }


@dataclass(frozen=True)
class ForkBranch:
    """One replay of a run, and the fork tree of the run it made (None until it has one)."""

    replay: Replay
    child: ForkNode | None


@dataclass(frozen=True)
class ForkNode:
    """A run and the replays made from it."""

    trace_id: str
    replays: list[ForkBranch] = field(default_factory=list)


@dataclass(frozen=True)
class ForkTree:
    """The forks around a trace: flat (``items``, oldest first) and as a tree from the root."""

    root_trace_id: str
    items: list[Replay]
    tree: ForkNode


class ReplayNotFoundError(LookupError):
    """No replay has this id."""


class InvalidModificationError(ValueError):
    """A ``set`` path that does not exist in the checkpoint's state (``paths`` names them)."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__("path(s) not in the checkpoint's state: " + ", ".join(paths))
        self.paths = paths


class InvalidTransitionError(ValueError):
    """A status change that the lifecycle does not allow (e.g. after the replay finished)."""


async def create_replay(
    engine: AsyncEngine,
    *,
    trace_id: str,
    checkpoint_id: str,
    modifications: dict[str, Any] | None = None,
    recorded_only: bool = False,
    app: str | None = None,
    worker: str | None = None,
) -> Replay:
    """Queue a replay after checking the checkpoint and every path of ``modifications``.

    With ``worker``, the replay is created already claimed by that worker (``running``): the
    command line does this when it runs the replay itself, so that no other worker takes it.

    Raises:
        CheckpointNotFoundError: the checkpoint does not exist or belongs to another trace.
        InvalidModificationError: a path is not in the checkpoint's state.
    """
    checkpoint = await get_checkpoint(engine, checkpoint_id)
    if checkpoint.trace_id != trace_id:
        raise CheckpointNotFoundError(checkpoint_id, trace_id)
    modifications = modifications or {}
    bad = missing_paths(checkpoint.state, list(modifications))
    if bad:
        raise InvalidModificationError(bad)
    project = await _project_of(engine, trace_id)
    replay_id = uuid.uuid4().hex
    row = {
        "id": replay_id,
        "project": project,
        "source_trace_id": trace_id,
        "checkpoint_id": checkpoint_id,
        "modifications": {
            "set": modifications,
            "step": checkpoint.step,
            "checkpoint_name": checkpoint.name,
        },
        "app": app,
        "recorded_only": recorded_only,
        "status": ReplayStatus.QUEUED.value,
        "created_at": utcnow(),
    }
    if worker is not None:
        row.update(status=ReplayStatus.RUNNING.value, worker=worker, claimed_at=row["created_at"])
    async with engine.begin() as conn:
        await conn.execute(_r.insert().values(**row))
    return await get_replay(engine, replay_id)


async def _project_of(engine: AsyncEngine, trace_id: str) -> str:
    async with engine.connect() as conn:
        project = (
            await conn.execute(select(s.traces.c.project).where(s.traces.c.trace_id == trace_id))
        ).scalar()
        if project is None:
            project = (
                await conn.execute(
                    select(s.checkpoints.c.project).where(s.checkpoints.c.trace_id == trace_id)
                )
            ).scalar()
    return str(project or "default")


async def get_replay(engine: AsyncEngine, replay_id: str) -> Replay:
    """One replay; raises :class:`ReplayNotFoundError`."""
    async with engine.connect() as conn:
        row = (await conn.execute(select(_r).where(_r.c.id == replay_id))).first()
    if row is None:
        raise ReplayNotFoundError(replay_id)
    return Replay.from_row(row)


async def claim_replay(
    engine: AsyncEngine, *, worker: str, app: str | None = None, project: str | None = None
) -> Replay | None:
    """Mark the oldest queued replay for ``app`` (or for any app) as running; None if none.

    A replay queued without an app goes to any worker. Two workers never get the same one:
    the update only succeeds while the row is still queued. With ``project``, only that
    project's replays are claimed (a worker holding a project's API key).
    """
    for _attempt in range(5):
        query = select(_r.c.id).where(_r.c.status == ReplayStatus.QUEUED.value)
        if app is not None:
            query = query.where(or_(_r.c.app.is_(None), _r.c.app == app))
        if project is not None:
            query = query.where(_r.c.project == project)
        query = query.order_by(_r.c.created_at, _r.c.id).limit(1)
        async with engine.begin() as conn:
            replay_id = (await conn.execute(query)).scalar()
            if replay_id is None:
                return None
            result = await conn.execute(
                update(_r)
                .where(_r.c.id == replay_id, _r.c.status == ReplayStatus.QUEUED.value)
                .values(status=ReplayStatus.RUNNING.value, worker=worker, claimed_at=utcnow())
            )
        if result.rowcount == 1:
            return await get_replay(engine, replay_id)
    return None


async def report_replay(
    engine: AsyncEngine,
    replay_id: str,
    *,
    status: ReplayStatus,
    new_trace_id: str | None = None,
    error: str | None = None,
) -> Replay:
    """Record a worker's progress: the new trace id as soon as known, then the outcome."""
    current = await get_replay(engine, replay_id)
    if current.status in FINAL:
        raise InvalidTransitionError(f"replay {replay_id} is already {current.status.value}")
    values: dict[str, Any] = {"status": status.value}
    if new_trace_id is not None:
        values["new_trace_id"] = new_trace_id
    if error is not None:
        values["error"] = error
    if status in FINAL:
        values["finished_at"] = utcnow()
    async with engine.begin() as conn:
        await conn.execute(update(_r).where(_r.c.id == replay_id).values(**values))
    return await get_replay(engine, replay_id)


async def fork_tree(engine: AsyncEngine, trace_id: str) -> ForkTree:
    """The forks around a trace: from its original run down through replays of replays."""
    async with engine.connect() as conn:
        root = trace_id
        seen = {root}
        while True:
            parent = (
                await conn.execute(
                    select(_r.c.source_trace_id).where(_r.c.new_trace_id == root).limit(1)
                )
            ).scalar()
            if parent is None or parent in seen:
                break
            seen.add(parent)
            root = parent
        items: list[Replay] = []
        frontier, visited = [root], {root}
        while frontier:
            rows = await conn.execute(
                select(_r).where(_r.c.source_trace_id.in_(frontier)).order_by(_r.c.created_at)
            )
            frontier = []
            for row in rows:
                item = Replay.from_row(row)
                items.append(item)
                child = item.new_trace_id
                if child and child not in visited:
                    visited.add(child)
                    frontier.append(child)

    def node(tid: str) -> ForkNode:
        return ForkNode(
            trace_id=tid,
            replays=[
                ForkBranch(replay=r, child=node(r.new_trace_id) if r.new_trace_id else None)
                for r in items
                if r.source_trace_id == tid
            ],
        )

    return ForkTree(root_trace_id=root, items=items, tree=node(root))
