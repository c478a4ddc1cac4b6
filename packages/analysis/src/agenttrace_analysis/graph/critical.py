"""The critical (latency) path of a run, told as agents.

Walking back from the end of a span, the child that finished last is what the span waited for;
before that child started, the next child that finished is, and so on; the time between is the
span's own work. Every moment of the run's duration lands on exactly one span; the spans' owning
agents, in order, are the critical path through the agents.
"""

from __future__ import annotations

from typing import Any

from agenttrace_core.models import Span

from agenttrace_analysis.trace_data import TraceData

MAX_DEPTH = 500


def _segments(
    data: TraceData, span: Span, until: int, out: list[tuple[int, int, Span]], depth: int
) -> None:
    cur = min(span.end_time, until)
    if depth > MAX_DEPTH:
        out.append((span.start_time, cur, span))
        return
    kids = sorted(data.children(span), key=lambda c: c.end_time, reverse=True)
    for kid in kids:
        if cur <= span.start_time:
            break
        if kid.start_time >= cur or kid.end_time <= span.start_time:
            continue
        end = min(kid.end_time, cur)
        if end < cur:
            out.append((end, cur, span))
        _segments(data, kid, end, out, depth + 1)
        cur = max(kid.start_time, span.start_time)
    if cur > span.start_time:
        out.append((span.start_time, cur, span))


def critical_path(data: TraceData) -> list[dict[str, Any]]:
    """``[{"agent", "ms", "span_ids"}]`` in time order; ``agent`` None = time outside agents."""
    out: list[tuple[int, int, Span]] = []
    cur: int | None = None
    for root in sorted(data.roots, key=lambda r: r.end_time, reverse=True):
        if cur is not None and root.start_time >= cur:
            continue
        limit = root.end_time if cur is None else min(root.end_time, cur)
        _segments(data, root, limit, out, 0)
        cur = root.start_time if cur is None else min(cur, root.start_time)
    out.sort(key=lambda seg: seg[0])
    path: list[dict[str, Any]] = []
    for start, end, span in out:
        agent = data.owner(span)
        if path and path[-1]["agent"] == agent:
            entry = path[-1]
        else:
            entry = {"agent": agent, "ns": 0, "span_ids": []}
            path.append(entry)
        entry["ns"] += end - start
        if span.span_id not in entry["span_ids"] and len(entry["span_ids"]) < 20:
            entry["span_ids"].append(span.span_id)
    return [
        {"agent": e["agent"], "ms": round(e["ns"] / 1e6, 3), "span_ids": e["span_ids"]}
        for e in path
        if e["ns"] > 0
    ]
