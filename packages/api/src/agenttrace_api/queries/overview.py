"""Projects, and the time series behind the dashboard's charts."""

from __future__ import annotations

from collections import defaultdict
from enum import StrEnum
from typing import Any

from agenttrace_core.db import schema as s
from sqlalchemy import BigInteger, ColumnElement, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncConnection

from agenttrace_api.timeutil import ns_to_datetime

T = s.traces
FA = s.failure_annotations
MAX_BUCKETS = 5_000
_EMPTY: dict[str, Any] = {"n": 0, "errors": 0, "tokens": 0, "cost": None, "unpriced": 0}


class Bucket(StrEnum):
    """Width of one point of a time series."""

    HOUR = "hour"
    DAY = "day"

    @property
    def ns(self) -> int:
        """The width in nanoseconds."""
        return {"hour": 3_600, "day": 86_400}[self.value] * 1_000_000_000


async def overview(
    conn: AsyncConnection, *, project: str | None, since_ns: int, until_ns: int, bucket: Bucket
) -> list[dict[str, Any]]:
    """One point per bucket from ``since`` to ``until`` (empty buckets included)."""
    width = bucket.ns
    if until_ns < since_ns:
        return []
    first = since_ns // width
    conds: list[ColumnElement[bool]] = [T.c.start_time >= since_ns, T.c.start_time <= until_ns]
    if project is not None:
        conds.append(T.c.project == project)
    key = (T.c.start_time // literal(width, BigInteger)).label("b")
    stmt = (
        select(
            key,
            func.count().label("n"),
            func.sum(case((T.c.status == "error", 1), else_=0)).label("errors"),
            func.sum(T.c.total_tokens).label("tokens"),
            func.sum(T.c.cost).label("cost"),  # NULL when no run of the bucket has one
            func.sum(T.c.unpriced_llm_spans).label("unpriced"),
        )
        .where(*conds)
        .group_by(key)
    )
    points: dict[int, dict[str, Any]] = {}
    for b, n, errors, tokens, cost, unpriced in await conn.execute(stmt):
        points[int(b)] = {
            "n": int(n),
            "errors": int(errors or 0),
            "tokens": int(tokens or 0),
            "cost": None if cost is None else float(cost),
            "unpriced": int(unpriced or 0),
        }
    modes_stmt = (
        select(key, FA.c.mode, func.count(func.distinct(T.c.trace_id)))
        .select_from(T.join(FA, FA.c.trace_id == T.c.trace_id))
        .where(*conds, FA.c.status != "rejected")
        .group_by(key, FA.c.mode)
    )
    modes: dict[int, dict[str, int]] = defaultdict(dict)
    for b, mode, n in await conn.execute(modes_stmt):
        modes[int(b)][mode] = int(n)
    out = []
    for index in range(first, until_ns // width + 1):
        point = points.get(index, _EMPTY)
        out.append(
            {
                "start": ns_to_datetime(index * width),
                "trace_count": point["n"],
                "error_count": point["errors"],
                "error_rate": point["errors"] / point["n"] if point["n"] else 0.0,
                "total_tokens": point["tokens"],
                "cost_usd": point["cost"],
                "unpriced_llm_spans": point["unpriced"],
                "failure_modes": dict(sorted(modes.get(index, {}).items())),
            }
        )
    return out


async def projects(conn: AsyncConnection, only: str | None) -> list[dict[str, Any]]:
    """Every project (registered or seen in traces) with its trace count and latest trace."""
    stmt = select(
        T.c.project,
        func.count(),
        func.max(T.c.start_time),
        func.sum(T.c.cost),
        func.sum(T.c.unpriced_llm_spans),
    ).group_by(T.c.project)
    if only is not None:
        stmt = stmt.where(T.c.project == only)
    seen = {
        p: (int(n), last, None if cost is None else float(cost), int(unpriced or 0))
        for p, n, last, cost, unpriced in await conn.execute(stmt)
    }
    registered_stmt = select(s.projects.c.name, s.projects.c.description)
    if only is not None:
        registered_stmt = registered_stmt.where(s.projects.c.name == only)
    registered = {name: desc for name, desc in await conn.execute(registered_stmt)}
    out = []
    for name in sorted(set(seen) | set(registered)):
        count, last, cost, unpriced = seen.get(name, (0, None, None, 0))
        out.append(
            {
                "name": name,
                "description": registered.get(name),
                "trace_count": count,
                "last_trace_time": ns_to_datetime(last) if last is not None else None,
                "cost_usd": cost,
                "unpriced_llm_spans": unpriced,
            }
        )
    return out
