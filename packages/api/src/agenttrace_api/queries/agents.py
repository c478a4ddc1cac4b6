"""Per-agent figures across traces: runs, errors, latency percentiles, tokens, failure modes.

The API reads them through :func:`figures`: the span store's figures, the relational cost and
failure modes merged in. :func:`agent_stats` is the SQL store's computation of the figures.

An agent's *run* is its part in one trace: from the start of its first span to the end of its
last one. Its figures (spans, errors, tokens, first and last time) are kept on the agent's row
of ``agents`` by the writer as spans arrive; a time window selects the runs that start in it.
Percentiles are computed by PostgreSQL (``percentile_cont``) or, on SQLite, in Python.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, assert_never

from agenttrace_core.db import Dialect
from agenttrace_core.db import schema as s
from agenttrace_core.store import AgentFilter as StoreAgentFilter
from agenttrace_core.store import SpanReader
from sqlalchemy import ColumnElement, Select, case, distinct, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from agenttrace_api.timeutil import ns_to_datetime

A = s.agents
FA = s.failure_annotations
TOP_MODES = 5


@dataclass(frozen=True)
class AgentFilter:
    """Which runs count: of one project, starting within a time window, of one agent."""

    project: str | None = None
    since_ns: int | None = None
    until_ns: int | None = None
    name: str | None = None


def _runs(f: AgentFilter) -> Select[Any]:
    """One row per agent run (an agent's part in one trace), from the figures the writer
    keeps on the agent's row: no scan of the spans."""
    conds: list[ColumnElement[bool]] = [A.c.span_count > 0]
    if f.name is not None:
        conds.append(A.c.name == f.name)
    if f.project is not None:
        conds.append(A.c.project == f.project)
    if f.since_ns is not None:
        conds.append(A.c.first_seen >= f.since_ns)
    if f.until_ns is not None:
        conds.append(A.c.first_seen <= f.until_ns)
    return select(
        A.c.name.label("agent"),
        A.c.trace_id,
        A.c.project,
        A.c.framework,
        (A.c.last_seen - A.c.first_seen).label("dur"),
        A.c.error_count.label("errs"),
        A.c.total_tokens.label("tok"),
        A.c.cost.label("cost"),
        A.c.unpriced_llm_spans.label("unpriced"),
        A.c.last_seen.label("last"),
    ).where(*conds)


async def agent_stats(
    conn: AsyncConnection, f: AgentFilter, *, with_modes: bool = True
) -> list[dict[str, Any]]:
    """Figures per agent name, busiest first (``with_modes``: and their top failure modes)."""
    runs = _runs(f).subquery()
    base = [
        runs.c.agent,
        func.count().label("runs"),
        func.sum(case((runs.c.errs > 0, 1), else_=0)).label("error_runs"),
        func.sum(runs.c.tok).label("tokens"),
        func.sum(runs.c.cost).label("cost"),  # NULL when no run has a known cost
        func.sum(runs.c.unpriced).label("unpriced"),
        func.max(runs.c.last).label("last"),
    ]
    percentiles: dict[str, tuple[float | None, float | None]] = {}
    seen: dict[str, tuple[list[str], list[str]]] = {}  # projects and frameworks of the runs
    rows: Sequence[Any]  # with .agent, .runs, .error_runs, .tokens, .cost, .unpriced, .last
    dialect = Dialect.of(conn)
    match dialect:
        case Dialect.POSTGRESQL:
            stmt = select(
                *base,
                func.percentile_cont(0.5).within_group(runs.c.dur).label("p50"),
                func.percentile_cont(0.95).within_group(runs.c.dur).label("p95"),
                func.array_agg(distinct(runs.c.project)).label("projects"),
                func.array_agg(distinct(runs.c.framework)).label("frameworks"),
            ).group_by(runs.c.agent)
            rows = (await conn.execute(stmt)).all()
            for r in rows:
                percentiles[r.agent] = (r.p50, r.p95)
                seen[r.agent] = (_names(r.projects), _names(r.frameworks))
        case Dialect.SQLITE:  # no percentile function: each agent's durations, as one text
            stmt = select(
                *base,
                func.group_concat(runs.c.dur).label("durations"),
                func.json_group_array(distinct(runs.c.project)).label("projects"),
                func.json_group_array(distinct(runs.c.framework)).label("frameworks"),
            ).group_by(runs.c.agent)
            rows = (await conn.execute(stmt)).all()
            for r in rows:
                durations = sorted(map(int, r.durations.split(","))) if r.durations else []
                percentiles[r.agent] = (percentile(durations, 0.5), percentile(durations, 0.95))
                seen[r.agent] = (_names(json.loads(r.projects)), _names(json.loads(r.frameworks)))
        case _:
            assert_never(dialect)
    names = [r.agent for r in rows]
    modes = await top_modes(conn, f, names) if with_modes else {}
    out = []
    for r in rows:
        p50, p95 = percentiles.get(r.agent, (None, None))
        projects, frameworks = seen.get(r.agent, ([], []))
        out.append(
            {
                "name": r.agent,
                "runs": int(r.runs),
                "error_runs": int(r.error_runs or 0),
                "error_rate": (int(r.error_runs or 0) / int(r.runs)) if r.runs else 0.0,
                "latency_p50_ms": None if p50 is None else float(p50) / 1e6,
                "latency_p95_ms": None if p95 is None else float(p95) / 1e6,
                "total_tokens": int(r.tokens or 0),
                "cost_usd": None if r.cost is None else float(r.cost),
                "unpriced_llm_spans": int(r.unpriced or 0),
                "top_failure_modes": modes.get(r.agent, []),
                "last_seen": ns_to_datetime(r.last) if r.last is not None else None,
                "projects": projects,
                "frameworks": frameworks,
            }
        )
    out.sort(key=lambda item: (-item["runs"], item["name"]))
    return out


async def figures(spans: SpanReader, conn: AsyncConnection, f: AgentFilter) -> list[dict[str, Any]]:
    """Figures per agent name, busiest first: the span figures from the span store; cost and
    top failure modes from the relational database (the agents' rows, the annotations)."""
    stats = await spans.agent_figures(
        StoreAgentFilter(project=f.project, since_ns=f.since_ns, until_ns=f.until_ns, name=f.name)
    )
    names = [a.name for a in stats]
    costs = await _costs(conn, f, names)
    modes = await top_modes(conn, f, names)
    return [
        {
            "name": a.name,
            "runs": a.runs,
            "error_runs": a.error_runs,
            "error_rate": (a.error_runs / a.runs) if a.runs else 0.0,
            "latency_p50_ms": a.latency_p50_ms,
            "latency_p95_ms": a.latency_p95_ms,
            "total_tokens": a.total_tokens,
            "cost_usd": costs.get(a.name, (None, 0))[0],
            "unpriced_llm_spans": costs.get(a.name, (None, 0))[1],
            "top_failure_modes": modes.get(a.name, []),
            "last_seen": a.last_seen,
            "projects": list(a.projects),
            "frameworks": list(a.frameworks),
        }
        for a in stats
    ]


async def _costs(
    conn: AsyncConnection, f: AgentFilter, names: list[str]
) -> dict[str, tuple[float | None, int]]:
    """USD (None: unknown) and unpriced LLM spans of each agent's runs, as the SQL writer
    keeps them on the agents' rows."""
    if not names:
        return {}
    runs = _runs(f).where(A.c.name.in_(names)).subquery()
    stmt = select(runs.c.agent, func.sum(runs.c.cost), func.sum(runs.c.unpriced)).group_by(
        runs.c.agent
    )
    return {
        agent: (None if cost is None else float(cost), int(unpriced or 0))
        for agent, cost, unpriced in await conn.execute(stmt)
    }


def percentile(values: list[int], q: float) -> float | None:
    """The ``q`` quantile of sorted ``values`` with linear interpolation (``percentile_cont``)."""
    if not values:
        return None
    pos = (len(values) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


def _trace_window(f: AgentFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.since_ns is not None:
        conds.append(s.traces.c.start_time >= f.since_ns)
    if f.until_ns is not None:
        conds.append(s.traces.c.start_time <= f.until_ns)
    return conds


async def top_modes(
    conn: AsyncConnection, f: AgentFilter, names: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """The most frequent failure modes (not rejected) of each agent of ``names``."""
    if not names:
        return {}
    stmt = (
        select(FA.c.agent, FA.c.mode, func.count().label("n"))
        .select_from(FA.join(s.traces, s.traces.c.trace_id == FA.c.trace_id))
        .where(FA.c.agent.in_(names), FA.c.status != "rejected", *_trace_window(f))
        .group_by(FA.c.agent, FA.c.mode)
    )
    if f.project is not None:
        stmt = stmt.where(FA.c.project == f.project)
    counts: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for agent, mode, n in await conn.execute(stmt):
        counts[agent].append((int(n), mode))
    return {
        agent: [{"mode": m, "count": n} for n, m in sorted(pairs, key=lambda p: (-p[0], p[1]))][
            :TOP_MODES
        ]
        for agent, pairs in counts.items()
    }


def _names(values: Sequence[str | None] | None) -> list[str]:
    """Sorted distinct names, without nulls."""
    return sorted({v for v in values or () if v})


async def agent_profile(conn: AsyncConnection, name: str, project: str | None) -> dict[str, Any]:
    """Roles and models an agent ran with, and its latest traces."""
    conds = [A.c.name == name] + ([A.c.project == project] if project is not None else [])
    roles_models = (await conn.execute(select(A.c.role, A.c.model).where(*conds).distinct())).all()
    recent = (
        await conn.execute(
            select(A.c.trace_id)
            .select_from(A.join(s.traces, s.traces.c.trace_id == A.c.trace_id))
            .where(*conds)
            .order_by(s.traces.c.start_time.desc())
            .limit(20)
        )
    ).scalars()
    return {
        "roles": sorted({r.role for r in roles_models if r.role}),
        "models": sorted({r.model for r in roles_models if r.model}),
        "recent_trace_ids": list(recent),
    }
