"""Run comparison: two runs' steps aligned by agent and order, and the first divergence.

A *step* is a span that does something an agent developer reasons about (an agent turn, an
LLM call, a tool call, a handoff or a message). Steps of the two runs are aligned on
``(agent, span type, name)`` in time order, so an extra or missing step shifts nothing after
it. Then messages between agents, checkpoint states and tokens are compared as well.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Any

from agenttrace_core.db import schema as s
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_replay.diff import diff
from agenttrace_replay.store import get_checkpoint, list_checkpoints

STEP_TYPES = ("agent", "llm", "tool", "handoff", "message", "retriever")
_COMPARED = ("input", "output", "status", "total_tokens")


class TraceNotFoundError(LookupError):
    """A trace to compare does not exist."""


async def _steps(engine: AsyncEngine, trace_id: str) -> list[dict[str, Any]]:
    sp = s.spans
    query = (
        select(
            sp.c.span_id,
            sp.c.parent_span_id,
            sp.c.name,
            sp.c.span_type,
            sp.c.agent,
            sp.c.start_time,
            sp.c.status,
            sp.c.input,
            sp.c.output,
            sp.c.total_tokens,
        )
        .where(sp.c.trace_id == trace_id)
        .order_by(sp.c.start_time, sp.c.span_id)
    )
    async with engine.connect() as conn:
        rows = [dict(r._mapping) for r in await conn.execute(query)]
    steps = [r for r in rows if r["span_type"] in STEP_TYPES]
    return steps or [r for r in rows if r["parent_span_id"] is not None] or rows


async def _messages(engine: AsyncEngine, trace_id: str) -> list[dict[str, Any]]:
    m = s.agent_messages
    query = (
        select(m.c.from_agent, m.c.to_agent, m.c.kind, m.c.content, m.c.span_id)
        .where(m.c.trace_id == trace_id)
        .order_by(m.c.timestamp, m.c.seq)
    )
    async with engine.connect() as conn:
        return [dict(r._mapping) for r in await conn.execute(query)]


async def _summary(engine: AsyncEngine, trace_id: str) -> dict[str, Any]:
    t = s.traces
    async with engine.connect() as conn:
        row = (await conn.execute(select(t).where(t.c.trace_id == trace_id))).first()
    if row is None:
        raise TraceNotFoundError(trace_id)
    keys = ("trace_id", "name", "status", "start_time", "end_time", "span_count", "total_tokens")
    return {k: row._mapping[k] for k in keys}


def _key(step: dict[str, Any]) -> tuple[Any, ...]:
    return (step["agent"], step["span_type"], step["name"])


def _public_step(step: dict[str, Any] | None) -> dict[str, Any] | None:
    if step is None:
        return None
    return {k: step[k] for k in ("span_id", "start_time", *_COMPARED)}


def align(
    a: list[dict[str, Any]], b: list[dict[str, Any]], key: Any = _key
) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    """Pair the items of two sequences on ``key`` in order; unmatched items pair with None."""
    pairs: list[tuple[dict[str, Any] | None, dict[str, Any] | None]] = []
    matcher = SequenceMatcher(a=[key(x) for x in a], b=[key(x) for x in b], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(a[i1:i2], b[j1:j2], strict=True))
            continue
        left, right = a[i1:i2], b[j1:j2]
        for i in range(max(len(left), len(right))):
            x = left[i] if i < len(left) else None
            y = right[i] if i < len(right) else None
            if x is not None and y is not None and key(x) != key(y):
                pairs.append((x, None))
                pairs.append((None, y))
            else:
                pairs.append((x, y))
    return pairs


def _step_row(index: int, x: dict[str, Any] | None, y: dict[str, Any] | None) -> dict[str, Any]:
    ref = x or y
    assert ref is not None
    differences = [f for f in _COMPARED if x and y and x[f] != y[f]]
    if x is None or y is None:
        differences = ["missing in a" if x is None else "missing in b"]
    return {
        "index": index,
        "agent": ref["agent"],
        "span_type": ref["span_type"],
        "name": ref["name"],
        "a": _public_step(x),
        "b": _public_step(y),
        "same": not differences,
        "differences": differences,
    }


async def _state_pairs(engine: AsyncEngine, a: str, b: str) -> dict[str, Any]:
    ca, cb = await list_checkpoints(engine, a), await list_checkpoints(engine, b)
    pairs = []
    first: int | None = None
    by_step_b = {c["step"]: c for c in cb}
    for c in ca:
        other = by_step_b.get(c["step"])
        same = other is not None and other["state_hash"] == c["state_hash"]
        changes: list[dict[str, Any]] = []
        if other is not None and not same:
            sa = (await get_checkpoint(engine, c["id"]))["state"]
            sb = (await get_checkpoint(engine, other["id"]))["state"]
            changes = [ch.to_dict() for ch in diff(sa, sb)]
        if not same and first is None:
            first = c["step"]
        pairs.append(
            {
                "step": c["step"],
                "name": c["name"],
                "agent": c["agent"],
                "a": c["id"],
                "b": other["id"] if other else None,
                "same": same,
                "changes": changes,
            }
        )
    steps_a = {c["step"] for c in ca}
    pairs.extend(
        {
            "step": c["step"],
            "name": c["name"],
            "agent": c["agent"],
            "a": None,
            "b": c["id"],
            "same": False,
            "changes": [],
        }
        for c in cb
        if c["step"] not in steps_a
    )
    final: list[dict[str, Any]] = []
    if ca and cb:
        sa = (await get_checkpoint(engine, ca[-1]["id"]))["state"]
        sb = (await get_checkpoint(engine, cb[-1]["id"]))["state"]
        final = [ch.to_dict() for ch in diff(sa, sb)]
    return {"steps": pairs, "first_divergent_step": first, "final": final}


def _tokens(steps: list[dict[str, Any]], total: int) -> dict[str, Any]:
    by_agent: dict[str, int] = {}
    for st in steps:
        if st["span_type"] == "llm" and st["total_tokens"]:
            name = st["agent"] or "(none)"
            by_agent[name] = by_agent.get(name, 0) + int(st["total_tokens"])
    return {"total": total, "by_agent": by_agent}


async def compare_runs(engine: AsyncEngine, a: str, b: str) -> dict[str, Any]:
    """Compare two runs (forks or not); raises :class:`TraceNotFoundError`.

    Returns the two summaries, the aligned ``steps`` with what differs in each pair,
    ``first_divergence`` (the first step that differs, or None), aligned ``messages``,
    ``state`` (checkpoint by checkpoint, and the final states) and ``tokens``.
    """
    sum_a, sum_b = await _summary(engine, a), await _summary(engine, b)
    steps_a, steps_b = await _steps(engine, a), await _steps(engine, b)
    steps = [_step_row(i, x, y) for i, (x, y) in enumerate(align(steps_a, steps_b))]
    first = next((st for st in steps if not st["same"]), None)
    msgs_a, msgs_b = await _messages(engine, a), await _messages(engine, b)

    def msg_key(m: dict[str, Any]) -> tuple[Any, ...]:
        return (m["from_agent"], m["to_agent"], m["kind"])

    messages = [
        {
            "index": i,
            "from_agent": (x or y or {}).get("from_agent"),
            "to_agent": (x or y or {}).get("to_agent"),
            "kind": (x or y or {}).get("kind"),
            "a": x["content"] if x else None,
            "b": y["content"] if y else None,
            "same": x is not None and y is not None and x["content"] == y["content"],
        }
        for i, (x, y) in enumerate(align(msgs_a, msgs_b, key=msg_key))
    ]
    tok_a = _tokens(steps_a, int(sum_a["total_tokens"] or 0))
    tok_b = _tokens(steps_b, int(sum_b["total_tokens"] or 0))
    return {
        "a": sum_a,
        "b": sum_b,
        "steps": steps,
        "first_divergence": (
            None
            if first is None
            else {
                "index": first["index"],
                "agent": first["agent"],
                "name": first["name"],
                "span_type": first["span_type"],
                "differences": first["differences"],
            }
        ),
        "messages": messages,
        "state": await _state_pairs(engine, a, b),
        "tokens": {"a": tok_a, "b": tok_b, "delta": tok_b["total"] - tok_a["total"]},
        "tool_results": [st for st in steps if st["span_type"] == "tool" and not st["same"]],
    }
