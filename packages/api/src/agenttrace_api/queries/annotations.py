"""Failure annotations: read them, add human ones, review any, and set trace verdicts."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from agenttrace_analysis.mast import mode_of
from agenttrace_core.db import schema as s
from agenttrace_core.db.types import utcnow
from agenttrace_core.enums import AnnotationSource, HumanVerdict
from sqlalchemy import Row, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from agenttrace_api.errors import NotFoundError
from agenttrace_api.schemas.annotations import MAST_MODES, AnnotationCreate, AnnotationUpdate

if TYPE_CHECKING:
    from agenttrace_api.deps import TraceRef

FA = s.failure_annotations


def annotation_of(row: Row[Any]) -> dict[str, Any]:
    """The API fields of a ``failure_annotations`` row."""
    evidence = row.evidence if isinstance(row.evidence, list) else []
    return {
        "id": row.id,
        "trace_id": row.trace_id,
        "mode": row.mode,
        "name": mode_name(row.mode),
        "category": row.category,
        "agent": row.agent,
        "span_id": row.span_id,
        "confidence": row.confidence,
        "explanation": row.explanation,
        "evidence": evidence,
        "source": row.source,
        "status": row.status,
        "author": row.author,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def mode_name(code: str) -> str | None:
    """The name of a MAST mode (None for an unknown code)."""
    mode = mode_of(code)
    return mode.info.name if mode else None


async def add_annotation(
    conn: AsyncConnection, trace: TraceRef, body: AnnotationCreate, author: str | None
) -> dict[str, Any]:
    """Store a human annotation on ``trace`` and return it."""
    now = utcnow()
    values = {
        "id": f"human-{uuid.uuid4().hex}",
        "trace_id": trace.trace_id,
        "project": trace.project,
        "span_id": body.span_id,
        "agent": body.agent,
        "mode": body.mode,
        "category": MAST_MODES[body.mode].value,
        "confidence": 1.0,
        "explanation": body.explanation,
        "evidence": [{"span_id": body.span_id}] if body.span_id else [],
        "source": AnnotationSource.HUMAN.value,
        "status": body.status.value,
        "author": author,
        "created_at": now,
        "updated_at": now,
    }
    await conn.execute(FA.insert().values(**values))
    await request_reanalysis(conn, trace.trace_id)
    row = (await conn.execute(select(FA).where(FA.c.id == values["id"]))).one()
    return annotation_of(row)


async def review_annotation(
    conn: AsyncConnection, annotation_id: str, body: AnnotationUpdate, project: str | None
) -> dict[str, Any]:
    """Set the review status (and explanation) of any annotation; 404 when unknown."""
    row = (await conn.execute(select(FA).where(FA.c.id == annotation_id))).first()
    if row is None or (project is not None and row.project != project):
        raise NotFoundError(f"annotation {annotation_id} not found")
    values: dict[str, Any] = {"status": body.status.value, "updated_at": utcnow()}
    if "explanation" in body.model_fields_set:
        values["explanation"] = body.explanation
    await conn.execute(update(FA).where(FA.c.id == annotation_id).values(**values))
    await request_reanalysis(conn, row.trace_id)
    row = (await conn.execute(select(FA).where(FA.c.id == annotation_id))).one()
    return annotation_of(row)


async def set_verdict(conn: AsyncConnection, trace_id: str, verdict: HumanVerdict | None) -> None:
    """Store a person's verdict on a whole trace (None clears it) and have it analysed again."""
    await conn.execute(
        update(s.traces)
        .where(s.traces.c.trace_id == trace_id)
        .values(human_verdict=verdict.value if verdict else None)
    )
    await request_reanalysis(conn, trace_id)


async def request_reanalysis(conn: AsyncConnection, trace_id: str) -> None:
    """Mark a trace's stored analysis stale after a person's review.

    Stored results older than ``traces.updated_at`` are recomputed on the next read, and the
    background worker picks up ``pending`` traces, so attribution reflects the review.
    """
    await conn.execute(
        update(s.traces)
        .where(s.traces.c.trace_id == trace_id)
        .values(analysis_state="pending", updated_at=utcnow())
    )
