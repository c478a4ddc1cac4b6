"""What the API, the worker and the CLI call: per-run graph, failures and analysis.

Results are stored (``analysis_results``, ``failure_annotations``) and served from there while
they are current; when they are missing or older than the trace's data, they are computed on
demand first. ``None`` means the trace is unknown.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from agenttrace_core.db import schema as s
from agenttrace_core.db.types import utcnow
from agenttrace_core.enums import AnnotationStatus
from agenttrace_core.models import FailureAnnotation
from agenttrace_core.settings import Settings
from agenttrace_core.store import SpanReader
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from agenttrace_analysis import store
from agenttrace_analysis.attribution import attribute
from agenttrace_analysis.graph import analyze_graph
from agenttrace_analysis.graph.project import merge_graphs
from agenttrace_analysis.judge import Strategy, from_settings, judge_attribution, label_mast
from agenttrace_analysis.mast import RunContext, detect
from agenttrace_analysis.trace_data import TraceData
from agenttrace_analysis.trace_loading import load_trace, use_trace

logger = logging.getLogger(__name__)

PROJECT_GRAPH_RUNS = 1_000
"""The project graph merges the stored graphs of at most this many recent runs."""


@dataclass
class Analysis:
    """Everything one analysis of a run produced."""

    data: TraceData
    graph: dict[str, Any]
    facts: dict[str, Any]
    annotations: list[FailureAnnotation]
    attribution: dict[str, Any] | None


async def _judge_annotations(data: TraceData, settings: Settings | None) -> list[FailureAnnotation]:
    """The optional LLM judge's labels (none unless ``AGENTTRACE_LLM_BASE_URL`` is set)."""
    if settings is None or not settings.llm_base_url:
        return []
    client = from_settings(settings)
    if client is None:
        return []
    return await asyncio.to_thread(label_mast, client, data)


async def _judged(
    data: TraceData,
    annotations: list[FailureAnnotation],
    attribution: dict[str, Any],
    settings: Settings | None,
) -> dict[str, Any]:
    """With the LLM judge on, its attribution of a failed run that no incident explains
    (a wrong fact nobody questioned, a plausible misroute): the judge reads content that
    the finders cannot. The detectors' ranking follows its answer."""
    if settings is None or not settings.llm_base_url:
        return attribution
    client = from_settings(settings)
    if client is None:
        return attribution
    judged = await asyncio.to_thread(
        judge_attribution, client, data, Strategy.ALL_AT_ONCE, annotations
    )
    if judged is None:
        return attribution
    rest = [r for r in attribution.get("ranking", []) if r.get("agent") != judged["agent"]]
    return {**judged, "ranking": [*judged["ranking"], *rest], "source": "llm"}


def compute(data: TraceData) -> tuple[dict[str, Any], dict[str, Any], list[FailureAnnotation]]:
    """Graph JSON, facts and detector annotations of a run (pure, no database)."""
    run_graph = analyze_graph(data)
    findings = detect(RunContext(data, run_graph))
    return run_graph.to_json(data), run_graph.facts, store.to_annotations(data, findings)


async def analyze_trace(
    engine: AsyncEngine,
    trace_id: str,
    settings: Settings | None = None,
    *,
    spans: SpanReader | None = None,
) -> Analysis | None:
    """Run the whole analysis of a trace's run now and store its results.

    The run's spans are read from ``spans`` (the span store) when given, else from the
    relational database. Returns None for an unknown trace.
    """
    started = utcnow()
    data = await load_trace(engine, trace_id, spans=spans)
    if data is None:
        return None
    graph, facts, notes = await asyncio.to_thread(compute, data)
    notes += await _judge_annotations(data, settings)
    async with engine.connect() as conn:
        kept = await _reviewed_machine_annotations(conn, data.trace_ids)
    live = [n for n in [*notes, *kept] if n.status is not AnnotationStatus.REJECTED]
    attribution = await asyncio.to_thread(attribute, data, live, facts)
    if attribution is not None and "incident" not in attribution:
        attribution = await _judged(data, live, attribution, settings)
    async with engine.begin() as conn:
        await store.replace_annotations(conn, data.trace_ids, notes)
        await store.save_result(
            conn,
            data.trace_ids,
            graph=graph,
            facts=facts,
            attribution=attribution,
            computed_at=started,
        )
    logger.info(
        "analysed trace %s (%d traces, %d spans): %d annotations",
        trace_id,
        len(data.trace_ids),
        len(data.spans),
        len(notes),
    )
    return Analysis(data, graph, facts, notes, attribution)


async def _reviewed_machine_annotations(
    conn: AsyncConnection, trace_ids: list[str]
) -> list[FailureAnnotation]:
    table = s.failure_annotations
    rows = await conn.execute(
        select(table).where(
            table.c.trace_id.in_(trace_ids),
            table.c.source.in_(store.MACHINE),
            table.c.status != AnnotationStatus.PROPOSED.value,
        )
    )
    return [
        FailureAnnotation.model_validate(
            {k: v for k, v in r._mapping.items() if k in FailureAnnotation.model_fields}
        )
        for r in rows
    ]


async def _current(
    engine: AsyncEngine, trace_id: str, spans: SpanReader | None
) -> store.StoredResult | None:
    """The stored result, computed first when missing or stale; None for an unknown trace."""
    result = await store.load_result(engine, trace_id)
    if result is not None:
        return result
    if await analyze_trace(engine, trace_id, spans=spans) is None:
        return None
    # the stored result even if new spans arrived meanwhile (served rather than looping)
    return await store.load_result(engine, trace_id, current=False)


async def trace_graph(
    engine: AsyncEngine, trace_id: str, *, spans: SpanReader | None = None
) -> dict[str, Any] | None:
    """The communication graph of a trace's run (contract JSON), or None for an unknown trace.

    ``{"nodes": [{"id", "name", "role", "layer", …figures}], "edges": [{"source", "target",
    "kind", "count", …}], "trace_id", "run_trace_ids", "facts"}``.
    """
    result = await _current(engine, trace_id, spans)
    if result is None or result.graph is None:
        return None
    return {**result.graph, "trace_id": trace_id, "run_trace_ids": result.run_trace_ids}


async def current_graph(
    engine: AsyncEngine, trace_id: str, *, spans: SpanReader | None = None
) -> dict[str, Any] | None:
    """The graph of a trace's run as a reader wants it now, without waiting for the analysis.

    The stored graph while it is current (the worker stores the analysis when a trace
    completes, so this is the usual case). Otherwise the graph alone is computed from the
    run's spans, read without their payloads, and returned *without* storing anything: the
    MAST detectors and the attribution, most of a cold analysis's time, are left to the
    worker or to :func:`trace_failures`, which store the whole result. Same JSON as
    :func:`trace_graph`; None for an unknown trace.
    """
    result = await store.load_result(engine, trace_id)
    if result is not None and result.graph is not None:
        return {**result.graph, "trace_id": trace_id, "run_trace_ids": result.run_trace_ids}
    # the run itself is dropped inside use_trace's collector pause: only the JSON is kept
    graph = await use_trace(engine, trace_id, _graph_json, payloads=False, spans=spans)
    if graph is None:
        return None
    return {**graph, "trace_id": trace_id, "run_trace_ids": list(graph["run_trace_ids"])}


def _graph_json(data: TraceData) -> dict[str, Any]:
    """Graph JSON (with facts) of a run, as :func:`compute` makes it, without the detectors."""
    return analyze_graph(data).to_json(data)


async def trace_failures(
    engine: AsyncEngine, trace_id: str, *, spans: SpanReader | None = None
) -> dict[str, Any] | None:
    """``{"annotations": [...], "attribution": {...} | None, "run_trace_ids": [...]}``.

    Annotations cover every trace of the run and every source (detector, llm, human), with
    their review status. None for an unknown trace.
    """
    result = await _current(engine, trace_id, spans)
    if result is None:
        return None
    return {
        "annotations": await store.run_annotations(engine, result.run_trace_ids),
        "attribution": result.attribution,
        "run_trace_ids": result.run_trace_ids,
    }


async def project_graph(engine: AsyncEngine, project: str) -> dict[str, Any]:
    """The graph of a project's recent analysed runs together (who usually talks to whom)."""
    ar, tr = s.analysis_results, s.traces
    async with engine.connect() as conn:
        rows = await conn.execute(
            select(ar.c.graph, ar.c.run_trace_ids, ar.c.trace_id)
            .join(tr, tr.c.trace_id == ar.c.trace_id)
            .where(tr.c.project == project, ar.c.version == store.ANALYSIS_VERSION)
            .order_by(tr.c.start_time.desc())
            .limit(PROJECT_GRAPH_RUNS)
        )
        graphs, seen = [], set()
        for graph, run_ids, tid in rows:
            run_key = tuple(sorted(run_ids or [tid]))
            if graph is None or run_key in seen:
                continue  # one run stored under each of its traces counts once
            seen.add(run_key)
            graphs.append(graph)
    merged = merge_graphs(graphs)
    return {**merged, "project": project}
