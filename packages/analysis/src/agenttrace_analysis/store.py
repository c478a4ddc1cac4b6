"""Stored analysis results: failure annotations and the cached graph, facts and attribution.

Re-analysis replaces the machine's own *proposed* annotations (sources ``detector`` and
``llm``) of every trace of the run; human annotations, and machine ones a person confirmed or
rejected, stay. A new finding that a person already reviewed (same mode, agent and span) is not
proposed again.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from agenttrace_core.db import schema as s
from agenttrace_core.db.dialect import Dialect, insert_upsert
from agenttrace_core.db.types import utcnow
from agenttrace_core.enums import AnnotationSource, AnnotationStatus
from agenttrace_core.ids import RowId, SpanId, TraceId
from agenttrace_core.models import FailureAnnotation
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from agenttrace_analysis.mast.base import Finding
from agenttrace_analysis.mast.taxonomy import mode_of
from agenttrace_analysis.trace_data import TraceData

logger = logging.getLogger(__name__)

ANALYSIS_VERSION = 1
"""Bump when the analysis changes so that stored results are recomputed."""

MACHINE = (AnnotationSource.DETECTOR.value, AnnotationSource.LLM.value)
_SOURCE_ORDER = {"human": 0, "llm": 1, "detector": 2}


@dataclass
class StoredResult:
    """One row of ``analysis_results``."""

    trace_id: str
    version: int
    graph: dict[str, Any] | None
    attribution: dict[str, Any] | None
    facts: dict[str, Any] | None
    run_trace_ids: list[str]
    computed_at: datetime


def annotation_id(trace_id: str, finding: Finding, n: int) -> RowId:
    """A stable id, so that the same finding on the same run keeps its id across re-analyses."""
    key = "|".join(
        [trace_id, finding.mode.value, finding.agent or "", ",".join(finding.span_ids), str(n)]
    )
    return RowId(hashlib.sha256(key.encode()).hexdigest()[:32])


def to_annotations(data: TraceData, findings: Sequence[Finding]) -> list[FailureAnnotation]:
    """Detector findings as annotations, each on the trace of the span it is pinned to."""
    project = data.summary.project if data.summary else "default"
    notes = []
    for n, finding in enumerate(findings):
        evidence = []
        for sid in finding.span_ids:
            span = data.by_id.get(sid)
            evidence.append(
                {
                    "span_id": sid,
                    "trace_id": span.trace_id if span else data.trace_id,
                    "name": span.name if span else None,
                    "agent": data.owner(span) if span else None,
                }
            )
        pinned = data.by_id.get(finding.span_ids[0]) if finding.span_ids else None
        notes.append(
            FailureAnnotation(
                id=annotation_id(data.trace_id, finding, n),
                trace_id=TraceId(pinned.trace_id if pinned else data.trace_id),
                project=project,
                span_id=SpanId(pinned.span_id) if pinned else None,
                agent=finding.agent,
                mode=finding.mode.value,
                category=finding.mode.category.value,
                confidence=finding.confidence,
                explanation=finding.explanation,
                evidence=evidence,
                source=AnnotationSource.DETECTOR,
            )
        )
    return notes


def _key(note: FailureAnnotation) -> tuple[str, str | None, str | None]:
    return (note.mode, note.agent, note.span_id)


async def replace_annotations(
    conn: AsyncConnection, trace_ids: Sequence[str], new: Sequence[FailureAnnotation]
) -> list[FailureAnnotation]:
    """Swap the run's proposed machine annotations for ``new``; returns what was inserted."""
    table = s.failure_annotations
    await conn.execute(
        delete(table).where(
            table.c.trace_id.in_(list(trace_ids)),
            table.c.source.in_(MACHINE),
            table.c.status == AnnotationStatus.PROPOSED.value,
        )
    )
    reviewed = {
        (r.mode, r.agent, r.span_id)
        for r in await conn.execute(
            select(table.c.mode, table.c.agent, table.c.span_id).where(
                table.c.trace_id.in_(list(trace_ids)), table.c.source.in_(MACHINE)
            )
        )
    }
    fresh = [n for n in new if _key(n) not in reviewed]
    if fresh:
        now = utcnow()
        stmt = insert_upsert(Dialect.of(conn), table, index_elements=["id"])
        await conn.execute(
            stmt,
            [
                {
                    **n.model_dump(mode="json"),
                    "source": n.source.value,
                    "status": n.status.value,
                    "created_at": now,
                    "updated_at": now,
                }
                for n in fresh
            ],
        )
    return fresh


async def save_result(
    conn: AsyncConnection,
    trace_ids: Sequence[str],
    *,
    graph: dict[str, Any],
    facts: dict[str, Any],
    attribution: dict[str, Any] | None,
    computed_at: datetime,
) -> None:
    """Store the run's results under every trace of the run."""
    table = s.analysis_results
    stmt = insert_upsert(
        Dialect.of(conn),
        table,
        index_elements=["trace_id"],
        update=lambda excluded: {
            c: excluded[c]
            for c in ("version", "graph", "attribution", "facts", "run_trace_ids", "computed_at")
        },
    )
    rows = [
        {
            "trace_id": tid,
            "version": ANALYSIS_VERSION,
            "graph": graph,
            "attribution": attribution,
            "facts": facts,
            "run_trace_ids": list(trace_ids),
            "computed_at": computed_at,
        }
        for tid in trace_ids
    ]
    await conn.execute(stmt, rows)


async def load_result(
    engine: AsyncEngine, trace_id: str, *, current: bool = True
) -> StoredResult | None:
    """The stored result of a trace when it is current (right version, newer than the data).

    ``current=False``: the stored result as it is, even if new spans arrived meanwhile.
    """
    async with engine.connect() as conn:
        row = (
            await conn.execute(
                select(s.analysis_results).where(s.analysis_results.c.trace_id == trace_id)
            )
        ).first()
        if row is None or (current and row.version != ANALYSIS_VERSION):
            return None
        result = StoredResult(
            row.trace_id,
            row.version,
            row.graph,
            row.attribution,
            row.facts,
            list(row.run_trace_ids or [trace_id]),
            row.computed_at,
        )
        if not current:
            return result
        newest = (
            await conn.execute(
                select(func.max(s.traces.c.updated_at)).where(
                    s.traces.c.trace_id.in_(result.run_trace_ids)
                )
            )
        ).scalar()
    if newest is not None and newest > result.computed_at:
        return None
    return result


async def run_annotations(engine: AsyncEngine, trace_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Every annotation of a run (all sources) as contract JSON: people's first, then the
    judge's, then the detectors', each most confident first."""
    table = s.failure_annotations
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(table)
            .where(table.c.trace_id.in_(list(trace_ids)))
            .order_by(table.c.confidence.desc(), table.c.mode, table.c.id)
        )
        ordered = sorted(rows, key=lambda r: (_SOURCE_ORDER.get(r.source, 3), -r.confidence))
        return [
            {
                "id": r.id,
                "trace_id": r.trace_id,
                "mode": r.mode,
                "name": _mode_name(r.mode),
                "category": r.category,
                "agent": r.agent,
                "span_id": r.span_id,
                "confidence": r.confidence,
                "evidence": r.evidence,
                "explanation": r.explanation,
                "source": r.source,
                "status": r.status,
                "author": r.author,
                "created_at": r.created_at,
                "updated_at": r.updated_at,
            }
            for r in ordered
        ]


def _mode_name(code: str) -> str | None:
    mode = mode_of(code)
    return mode.info.name if mode else None
