"""Run comparison: two runs' steps aligned by agent and order, and the first divergence.

A *step* is a span that does something an agent developer reasons about (an agent turn, an
LLM call, a tool call, a handoff or a message). Steps of the two runs are aligned on
``(agent, span type, name)`` in time order, so an extra or missing step shifts nothing after
it. Then messages between agents, checkpoint states and tokens are compared as well.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher
from typing import Any, TypeVar

from agenttrace_core.db import schema as s
from agenttrace_core.store import RunFilter, RunSort, SortOrder, SpanReader
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_replay.diff import Change, diff
from agenttrace_replay.store import get_checkpoint, list_checkpoints

STEP_TYPES = ("agent", "llm", "tool", "handoff", "message", "retriever")
_COMPARED = ("input", "output", "status", "total_tokens")

T = TypeVar("T")


class TraceNotFoundError(LookupError):
    """A trace to compare does not exist."""


@dataclass(frozen=True)
class RunSummary:
    """The summary of one compared run."""

    trace_id: str
    name: str | None
    status: str
    start_time: int
    end_time: int
    span_count: int
    total_tokens: int | None


@dataclass(frozen=True)
class Step:
    """A span of a run, as the comparison reads it."""

    span_id: str
    parent_span_id: str | None
    name: str
    span_type: str
    agent: str | None
    start_time: int
    status: str
    input: str | None
    output: str | None
    total_tokens: int | None

    @property
    def key(self) -> tuple[str | None, str, str]:
        """What aligns steps of two runs: (agent, span type, name)."""
        return (self.agent, self.span_type, self.name)


@dataclass(frozen=True)
class StepSide:
    """One run's side of an aligned step: what is compared, and where."""

    span_id: str
    start_time: int
    input: str | None
    output: str | None
    status: str
    total_tokens: int | None

    @classmethod
    def of(cls, step: Step | None) -> StepSide | None:
        """The side of ``step`` (None for a step missing in that run)."""
        if step is None:
            return None
        return cls(
            step.span_id, step.start_time, step.input, step.output, step.status, step.total_tokens
        )


@dataclass(frozen=True)
class StepPair:
    """A step of run ``a`` aligned with one of run ``b``, and what differs between them."""

    index: int
    agent: str | None
    span_type: str
    name: str
    a: StepSide | None
    b: StepSide | None
    same: bool
    differences: list[str]


@dataclass(frozen=True)
class Divergence:
    """The first aligned step that differs."""

    index: int
    agent: str | None
    name: str
    span_type: str
    differences: list[str]


@dataclass(frozen=True)
class Message:
    """A message between agents, as the comparison reads it."""

    from_agent: str | None
    to_agent: str | None
    kind: str
    content: str | None
    span_id: str | None

    @property
    def key(self) -> tuple[str | None, str | None, str]:
        """What aligns messages of two runs: (from, to, kind)."""
        return (self.from_agent, self.to_agent, self.kind)


@dataclass(frozen=True)
class MessagePair:
    """A message of run ``a`` aligned with one of run ``b``."""

    index: int
    from_agent: str | None
    to_agent: str | None
    kind: str | None
    a: str | None
    b: str | None
    same: bool


@dataclass(frozen=True)
class CheckpointPair:
    """The checkpoints of one step in both runs, and how their states differ."""

    step: int
    name: str | None
    agent: str | None
    a: str | None
    b: str | None
    same: bool
    changes: list[Change]


@dataclass(frozen=True)
class StateComparison:
    """The states of two runs, checkpoint by checkpoint, and the final ones."""

    steps: list[CheckpointPair]
    first_divergent_step: int | None
    final: list[Change]


@dataclass(frozen=True)
class Tokens:
    """The tokens of one run, in all and per agent (its LLM calls)."""

    total: int
    by_agent: dict[str, int]


@dataclass(frozen=True)
class TokenComparison:
    """The tokens of both runs and what ``b`` spent more."""

    a: Tokens
    b: Tokens
    delta: int


@dataclass(frozen=True)
class RunComparison:
    """Two runs side by side (see :func:`compare_runs`)."""

    a: RunSummary
    b: RunSummary
    steps: list[StepPair]
    first_divergence: Divergence | None
    messages: list[MessagePair]
    state: StateComparison
    tokens: TokenComparison
    tool_results: list[StepPair]

    def to_dict(self) -> dict[str, Any]:
        """The JSON form the API returns."""
        return asdict(self)


async def _steps(engine: AsyncEngine, trace_id: str, spans: SpanReader | None) -> list[Step]:
    if spans is not None:
        rows = [
            Step(
                span.span_id,
                span.parent_span_id,
                span.name,
                span.span_type.value,
                span.agent,
                span.start_time,
                span.status.value,
                span.input,
                span.output,
                span.total_tokens,
            )
            for span in await spans.span_page(trace_id)
        ]
    else:
        rows = await _sql_steps(engine, trace_id)
    steps = [r for r in rows if r.span_type in STEP_TYPES]
    return steps or [r for r in rows if r.parent_span_id is not None] or rows


async def _sql_steps(engine: AsyncEngine, trace_id: str) -> list[Step]:
    """The spans of a run in the relational database (no span store given)."""
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
        return [Step(**r._mapping) for r in await conn.execute(query)]


async def _messages(engine: AsyncEngine, trace_id: str) -> list[Message]:
    m = s.agent_messages
    query = (
        select(m.c.from_agent, m.c.to_agent, m.c.kind, m.c.content, m.c.span_id)
        .where(m.c.trace_id == trace_id)
        .order_by(m.c.timestamp, m.c.seq)
    )
    async with engine.connect() as conn:
        return [Message(**r._mapping) for r in await conn.execute(query)]


async def _summary(engine: AsyncEngine, trace_id: str, spans: SpanReader | None) -> RunSummary:
    t = s.traces
    async with engine.connect() as conn:
        row = (await conn.execute(select(t).where(t.c.trace_id == trace_id))).first()
    if row is None and spans is not None:  # a run whose spans only the span store has
        page = await spans.list_runs(
            RunFilter(trace_ids=frozenset([trace_id])),
            sort=RunSort.START_TIME,
            order=SortOrder.DESC,
            limit=1,
            cursor=None,
        )
        if page.items:
            run = page.items[0]
            return RunSummary(
                run.trace_id,
                run.name,
                run.status,
                run.start_time,
                run.end_time,
                run.span_count,
                run.total_tokens,
            )
    if row is None:
        raise TraceNotFoundError(trace_id)
    values = row._mapping
    return RunSummary(
        values["trace_id"],
        values["name"],
        values["status"],
        values["start_time"],
        values["end_time"],
        values["span_count"],
        values["total_tokens"],
    )


def align(a: list[T], b: list[T], key: Callable[[T], Hashable]) -> list[tuple[T | None, T | None]]:
    """Pair the items of two sequences on ``key`` in order; unmatched items pair with None."""
    pairs: list[tuple[T | None, T | None]] = []
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


def _step_key(step: Step) -> Hashable:
    return step.key


def _message_key(message: Message) -> Hashable:
    return message.key


def _step_pair(index: int, x: Step | None, y: Step | None) -> StepPair:
    ref = x or y
    assert ref is not None
    differences = [f for f in _COMPARED if x and y and getattr(x, f) != getattr(y, f)]
    if x is None or y is None:
        differences = ["missing in a" if x is None else "missing in b"]
    return StepPair(
        index=index,
        agent=ref.agent,
        span_type=ref.span_type,
        name=ref.name,
        a=StepSide.of(x),
        b=StepSide.of(y),
        same=not differences,
        differences=differences,
    )


async def _state_pairs(engine: AsyncEngine, a: str, b: str) -> StateComparison:
    ca, cb = await list_checkpoints(engine, a), await list_checkpoints(engine, b)
    pairs = []
    first: int | None = None
    by_step_b = {c.step: c for c in cb}
    for c in ca:
        other = by_step_b.get(c.step)
        same = other is not None and other.state_hash == c.state_hash
        changes: list[Change] = []
        if other is not None and not same:
            sa = (await get_checkpoint(engine, c.id)).state
            sb = (await get_checkpoint(engine, other.id)).state
            changes = diff(sa, sb)
        if not same and first is None:
            first = c.step
        pairs.append(
            CheckpointPair(
                step=c.step,
                name=c.name,
                agent=c.agent,
                a=c.id,
                b=other.id if other else None,
                same=same,
                changes=changes,
            )
        )
    steps_a = {c.step for c in ca}
    pairs.extend(
        CheckpointPair(
            step=c.step,
            name=c.name,
            agent=c.agent,
            a=None,
            b=c.id,
            same=False,
            changes=[],
        )
        for c in cb
        if c.step not in steps_a
    )
    final: list[Change] = []
    if ca and cb:
        sa = (await get_checkpoint(engine, ca[-1].id)).state
        sb = (await get_checkpoint(engine, cb[-1].id)).state
        final = diff(sa, sb)
    return StateComparison(steps=pairs, first_divergent_step=first, final=final)


def _tokens(steps: list[Step], total: int) -> Tokens:
    by_agent: dict[str, int] = {}
    for st in steps:
        if st.span_type == "llm" and st.total_tokens:
            name = st.agent or "(none)"
            by_agent[name] = by_agent.get(name, 0) + int(st.total_tokens)
    return Tokens(total=total, by_agent=by_agent)


async def compare_runs(
    engine: AsyncEngine, a: str, b: str, *, spans: SpanReader | None = None
) -> RunComparison:
    """Compare two runs (forks or not); raises :class:`TraceNotFoundError`.

    Their spans are read from ``spans`` (the span store) when given, else from the relational
    database of ``engine``, which holds their messages and checkpoints.

    Returns the two summaries, the aligned ``steps`` with what differs in each pair,
    ``first_divergence`` (the first step that differs, or None), aligned ``messages``,
    ``state`` (checkpoint by checkpoint, and the final states) and ``tokens``.
    """
    sum_a, sum_b = await _summary(engine, a, spans), await _summary(engine, b, spans)
    steps_a, steps_b = await _steps(engine, a, spans), await _steps(engine, b, spans)
    step_pairs = align(steps_a, steps_b, _step_key)
    steps = [_step_pair(i, x, y) for i, (x, y) in enumerate(step_pairs)]
    first = next((st for st in steps if not st.same), None)
    msgs_a, msgs_b = await _messages(engine, a), await _messages(engine, b)
    messages = []
    message_pairs = align(msgs_a, msgs_b, _message_key)
    for i, (m, n) in enumerate(message_pairs):
        ref = m or n
        messages.append(
            MessagePair(
                index=i,
                from_agent=ref.from_agent if ref else None,
                to_agent=ref.to_agent if ref else None,
                kind=ref.kind if ref else None,
                a=m.content if m else None,
                b=n.content if n else None,
                same=m is not None and n is not None and m.content == n.content,
            )
        )
    tok_a = _tokens(steps_a, int(sum_a.total_tokens or 0))
    tok_b = _tokens(steps_b, int(sum_b.total_tokens or 0))
    return RunComparison(
        a=sum_a,
        b=sum_b,
        steps=steps,
        first_divergence=(
            None
            if first is None
            else Divergence(
                index=first.index,
                agent=first.agent,
                name=first.name,
                span_type=first.span_type,
                differences=first.differences,
            )
        ),
        messages=messages,
        state=await _state_pairs(engine, a, b),
        tokens=TokenComparison(a=tok_a, b=tok_b, delta=tok_b.total - tok_a.total),
        tool_results=[st for st in steps if st.span_type == "tool" and not st.same],
    )
