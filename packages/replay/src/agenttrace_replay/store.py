"""Read checkpoints: the list of a trace, one with its state, and the state at any step.

Every checkpoint row holds the whole state of its step through ``checkpoint_blobs`` (stored
once per content hash), so the state at a step is the state of the last checkpoint at or
before it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from agenttrace_core.db import schema as s
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncEngine


class CheckpointNotFoundError(LookupError):
    """No checkpoint matches the reference."""

    def __init__(self, ref: str, trace_id: str | None = None) -> None:
        where = f" in trace {trace_id}" if trace_id else ""
        super().__init__(f"checkpoint {ref!r} not found{where}")
        self.ref = ref


@dataclass(frozen=True)
class Checkpoint:
    """A stored checkpoint, without its state (``size``: of the state's canonical JSON)."""

    id: str
    trace_id: str
    project: str
    step: int
    name: str | None
    agent: str | None
    span_id: str | None
    timestamp: int
    parent_id: str | None
    state_hash: str
    size: int
    thread_id: str | None
    checkpoint_ns: str | None
    framework_checkpoint_id: str | None
    framework: str | None
    metadata: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """Every field, as JSON (what ``agenttrace replay show --json`` prints)."""
        return asdict(self)


@dataclass(frozen=True)
class CheckpointWithState(Checkpoint):
    """A stored checkpoint with the whole state of its step."""

    state: Any


_c = s.checkpoints
_LIST_COLUMNS = (
    _c.c.id,
    _c.c.trace_id,
    _c.c.project,
    _c.c.step,
    _c.c.name,
    _c.c.agent,
    _c.c.span_id,
    _c.c.timestamp,
    _c.c.parent_id,
    _c.c.state_hash,
    s.checkpoint_blobs.c.size,
    _c.c.thread_id,
    _c.c.checkpoint_ns,
    _c.c.framework_checkpoint_id,
    _c.c.framework,
    _c.c.metadata,
)


def _list_query() -> Select[Any]:
    return select(*_LIST_COLUMNS).join(
        s.checkpoint_blobs, s.checkpoint_blobs.c.hash == _c.c.state_hash
    )


def _order(query: Select[Any]) -> Select[Any]:
    return query.order_by(_c.c.step, _c.c.timestamp, _c.c.id)


async def list_checkpoints(engine: AsyncEngine, trace_id: str) -> list[Checkpoint]:
    """The checkpoints of a trace in step order, without their states."""
    async with engine.connect() as conn:
        rows = await conn.execute(_order(_list_query().where(_c.c.trace_id == trace_id)))
        return [Checkpoint(**r._mapping) for r in rows]


async def get_checkpoint(engine: AsyncEngine, checkpoint_id: str) -> CheckpointWithState:
    """One checkpoint with its ``state``; raises :class:`CheckpointNotFoundError`."""
    query = _list_query().add_columns(s.checkpoint_blobs.c.state).where(_c.c.id == checkpoint_id)
    async with engine.connect() as conn:
        row = (await conn.execute(query)).first()
    if row is None:
        raise CheckpointNotFoundError(checkpoint_id)
    return CheckpointWithState(**row._mapping)


async def resolve_checkpoint(engine: AsyncEngine, trace_id: str, ref: str) -> CheckpointWithState:
    """A checkpoint of ``trace_id`` named by its id, its step number, or its name.

    A step number or a name that occurs more than once means the last such checkpoint.
    """
    items = await list_checkpoints(engine, trace_id)
    for pick in (
        lambda c: c.id == ref,
        lambda c: ref.lstrip("-").isdigit() and c.step == int(ref),
        lambda c: c.name == ref,
        lambda c: len(ref) >= 6 and str(c.id).startswith(ref),
    ):
        found = [c for c in items if pick(c)]
        if found:
            return await get_checkpoint(engine, found[-1].id)
    raise CheckpointNotFoundError(ref, trace_id)


async def state_at(engine: AsyncEngine, trace_id: str, step: int) -> CheckpointWithState:
    """The checkpoint (with state) in force at ``step``: the last one at or before it."""
    items = [c for c in await list_checkpoints(engine, trace_id) if c.step <= step]
    if not items:
        raise CheckpointNotFoundError(f"step {step}", trace_id)
    return await get_checkpoint(engine, items[-1].id)
