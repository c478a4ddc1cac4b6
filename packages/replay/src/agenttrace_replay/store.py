"""Read checkpoints: the list of a trace, one with its state, and the state at any step.

Every checkpoint row holds the whole state of its step through ``checkpoint_blobs`` (stored
once per content hash), so the state at a step is the state of the last checkpoint at or
before it.
"""

from __future__ import annotations

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


async def list_checkpoints(engine: AsyncEngine, trace_id: str) -> list[dict[str, Any]]:
    """The checkpoints of a trace in step order, without their states."""
    async with engine.connect() as conn:
        rows = await conn.execute(_order(_list_query().where(_c.c.trace_id == trace_id)))
        return [dict(r._mapping) for r in rows]


async def get_checkpoint(engine: AsyncEngine, checkpoint_id: str) -> dict[str, Any]:
    """One checkpoint with its ``state``; raises :class:`CheckpointNotFoundError`."""
    query = _list_query().add_columns(s.checkpoint_blobs.c.state).where(_c.c.id == checkpoint_id)
    async with engine.connect() as conn:
        row = (await conn.execute(query)).first()
    if row is None:
        raise CheckpointNotFoundError(checkpoint_id)
    return dict(row._mapping)


async def resolve_checkpoint(engine: AsyncEngine, trace_id: str, ref: str) -> dict[str, Any]:
    """A checkpoint of ``trace_id`` named by its id, its step number, or its name.

    A step number or a name that occurs more than once means the last such checkpoint.
    """
    items = await list_checkpoints(engine, trace_id)
    for pick in (
        lambda c: c["id"] == ref,
        lambda c: ref.lstrip("-").isdigit() and c["step"] == int(ref),
        lambda c: c["name"] == ref,
        lambda c: len(ref) >= 6 and str(c["id"]).startswith(ref),
    ):
        found = [c for c in items if pick(c)]
        if found:
            return await get_checkpoint(engine, found[-1]["id"])
    raise CheckpointNotFoundError(ref, trace_id)


async def state_at(engine: AsyncEngine, trace_id: str, step: int) -> dict[str, Any]:
    """The checkpoint (with state) in force at ``step``: the last one at or before it."""
    items = [c for c in await list_checkpoints(engine, trace_id) if c["step"] <= step]
    if not items:
        raise CheckpointNotFoundError(f"step {step}", trace_id)
    return await get_checkpoint(engine, items[-1]["id"])


def public_checkpoint(row: dict[str, Any], *, with_state: bool = False) -> dict[str, Any]:
    """The API form of a checkpoint row."""
    out = {
        "id": row["id"],
        "trace_id": row["trace_id"],
        "step": row["step"],
        "name": row["name"],
        "agent": row["agent"],
        "span_id": row["span_id"],
        "timestamp": row["timestamp"],
        "parent_id": row["parent_id"],
        "state_hash": row["state_hash"],
        "size": row["size"],
        "framework": row["framework"],
        "thread_id": row["thread_id"],
        "checkpoint_ns": row["checkpoint_ns"],
        "framework_checkpoint_id": row["framework_checkpoint_id"],
    }
    if with_state:
        out["state"] = row["state"]
        out["metadata"] = row["metadata"]
    return out
