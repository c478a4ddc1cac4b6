"""Helpers that write small runs straight into the database."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from agenttrace_core.db import schema as s
from agenttrace_core.db.types import utcnow
from sqlalchemy.ext.asyncio import AsyncEngine

T0 = 1_700_000_000_000_000_000


async def add_trace(engine: AsyncEngine, trace_id: str, *, total_tokens: int = 0) -> None:
    """A ``traces`` row."""
    async with engine.begin() as conn:
        await conn.execute(
            s.traces.insert().values(
                trace_id=trace_id,
                project="default",
                name="run",
                start_time=T0,
                end_time=T0 + 10**9,
                total_tokens=total_tokens,
                updated_at=utcnow(),
            )
        )


async def add_checkpoint(
    engine: AsyncEngine, trace_id: str, cid: str, step: int, state: Any, **extra: Any
) -> None:
    """A checkpoint with its state blob (stored once per hash, as ingestion does)."""
    text = json.dumps(state, sort_keys=True)
    digest = hashlib.sha256(text.encode()).hexdigest()
    async with engine.begin() as conn:
        blobs = s.checkpoint_blobs
        exists = (await conn.execute(blobs.select().where(blobs.c.hash == digest))).first()
        if exists is None:
            await conn.execute(
                s.checkpoint_blobs.insert().values(hash=digest, state=state, size=len(text))
            )
        await conn.execute(
            s.checkpoints.insert().values(
                id=cid,
                trace_id=trace_id,
                project="default",
                step=step,
                state_hash=digest,
                timestamp=T0 + step,
                metadata={},
                name=extra.pop("name", f"step {step}"),
                **extra,
            )
        )


async def add_span(
    engine: AsyncEngine, trace_id: str, span_id: str, start: int, **values: Any
) -> None:
    """A ``spans`` row."""
    async with engine.begin() as conn:
        await conn.execute(
            s.spans.insert().values(
                trace_id=trace_id,
                span_id=span_id,
                project="default",
                name=values.pop("name", "span"),
                start_time=T0 + start,
                end_time=T0 + start + 1,
                attributes={},
                events=[],
                links=[],
                resource={},
                **values,
            )
        )
