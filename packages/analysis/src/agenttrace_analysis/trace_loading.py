"""Reading a run from the database into a :class:`~agenttrace_analysis.trace_data.TraceData`.

:func:`load_trace` follows span links in both directions (and transitively), so that a run
split over several traces is read whole; :func:`use_trace` hands the run to a function in a
worker thread, within one pause of the garbage collector.

Given a span store (``spans``), the spans and agents of the run and the links between its
traces are read from it, and the rest (the summaries of the traces the relational database
has, the messages, the human annotations) from the relational database; without one, all of
it from the relational database, in one connection (the SQL store's own reads).
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from agenttrace_core.db import schema as s
from agenttrace_core.models import Agent, AgentMessage, FailureAnnotation, Span, TraceSummary
from agenttrace_core.store import RunFilter, RunSort, RunSummary, SortOrder, SpanReader
from pydantic_core import from_json
from sqlalchemy import Column, Label, String, Text, cast, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from agenttrace_analysis.bulk import gc_paused
from agenttrace_analysis.trace_data import TraceData

logger = logging.getLogger(__name__)

MAX_RUN_TRACES = 200
"""At most this many traces are joined into one run."""

LINK_WINDOW_NS = 3_600 * 10**9
"""Traces that link to a run are searched this long before and after it."""

_MIN_INT64, _MAX_INT64 = -(2**63), 2**63 - 1
"""Times are 64-bit integers in the database: a window around them stays within that range
(runs stored before ingestion refused times after 2200 may sit near the limit)."""

T = TypeVar("T")


def summary_of(row: object) -> TraceSummary:
    """The :class:`TraceSummary` of a ``traces`` row."""
    mapping = row._mapping  # type: ignore[attr-defined]
    return TraceSummary.model_validate(
        {k: v for k, v in mapping.items() if k in TraceSummary.model_fields}
    )


_JSON_COLUMNS = frozenset({"attributes", "events", "links", "resource"})
PAYLOAD_FIELDS = frozenset({"input", "output", "status_message", "events"})
"""Span fields a run loaded with ``payloads=False`` leaves empty (the graph reads none)."""


@dataclass(frozen=True)
class _SpanRead:
    """The ``spans`` columns one kind of load selects; JSON ones as text (see load_json)."""

    columns: tuple[Column[Any] | Label[Any], ...]
    fields: tuple[str, ...]
    json_fields: tuple[str, ...]

    @classmethod
    def without(cls, skipped: frozenset[str]) -> _SpanRead:
        """Every column but ``skipped``."""
        kept = [c for c in s.spans.c if c.name not in skipped]
        return cls(
            tuple(cast(c, Text).label(c.name) if c.name in _JSON_COLUMNS else c for c in kept),
            tuple(c.name for c in kept),
            tuple(c.name for c in kept if c.name in _JSON_COLUMNS),
        )

    def span(self, row: Sequence[Any]) -> Span:
        """A :class:`Span` of one selected row (a NULL JSON column: the field's default)."""
        fields = dict(zip(self.fields, row, strict=True))
        for name in self.json_fields:
            text = fields.pop(name)
            if text is not None:
                fields[name] = load_json(text)
        return Span.model_validate(fields)

    def spans(self, rows: Sequence[Sequence[Any]]) -> list[Span]:
        """Spans of the selected rows, built without pauses of the garbage collector."""
        with gc_paused():
            return [self.span(r) for r in rows]


# ``resource`` is read by no analysis step and is often the largest column
_FULL_READ = _SpanRead.without(frozenset({"resource"}))
_STRUCTURE_READ = _SpanRead.without(frozenset({"resource"}) | PAYLOAD_FIELDS)


def load_json(text: str) -> Any:
    """Parse stored JSON text fast (pydantic-core's parser), exactly as :func:`json.loads`.

    Big integers, ``NaN`` and ``Infinity`` come out as :mod:`json` gives them; the rare text
    that the fast parser refuses (lone surrogate escapes) goes through :mod:`json`. Reading the
    JSON columns as text and parsing them here costs a fraction of the drivers' own decoding
    (stdlib ``json`` per value), which dominated the loading of a 10,000-span run.
    """
    try:
        return from_json(text)
    except ValueError:
        return json.loads(text)


async def linked_trace_ids(conn: AsyncConnection, summary: TraceSummary) -> set[str]:
    """Traces that this trace's spans link to, and traces of its project, starting within
    :data:`LINK_WINDOW_NS` of it, whose spans link to this trace."""
    found: set[str] = set()
    # spans without links (nearly all) are left out by the database rather than parsed here
    links = cast(s.spans.c.links, Text)
    rows = await conn.execute(
        select(links).where(s.spans.c.trace_id == summary.trace_id, links != "[]")
    )
    for (text,) in rows:
        if not text or text == "[]":
            continue
        for link in load_json(text) or []:
            tid = link.get("trace_id") if isinstance(link, dict) else None
            if tid:
                found.add(str(tid))
    incoming = await conn.execute(
        select(s.spans.c.trace_id)
        .where(
            s.spans.c.project == summary.project,
            s.spans.c.start_time >= max(summary.start_time - LINK_WINDOW_NS, _MIN_INT64),
            s.spans.c.start_time <= min(summary.end_time + LINK_WINDOW_NS, _MAX_INT64),
            s.spans.c.trace_id != summary.trace_id,
            cast(s.spans.c.links, String).like(f"%{summary.trace_id}%"),
        )
        .distinct()
    )
    found.update(str(tid) for (tid,) in incoming)
    found.discard(summary.trace_id)
    return found


async def _run_summaries(conn: AsyncConnection, first: TraceSummary) -> list[TraceSummary]:
    """The summaries of every trace of the run ``first`` belongs to (first one first)."""
    members: dict[str, TraceSummary] = {first.trace_id: first}
    frontier = [first]
    while frontier and len(members) < MAX_RUN_TRACES:
        current = frontier.pop()
        new = await linked_trace_ids(conn, current) - members.keys()
        if not new:
            continue
        # a run never crosses projects: a link to another project's trace is not followed
        rows = await conn.execute(
            select(s.traces).where(
                s.traces.c.trace_id.in_(sorted(new)), s.traces.c.project == first.project
            )
        )
        for row in rows:
            sm = summary_of(row)
            if len(members) >= MAX_RUN_TRACES:
                logger.warning("run of trace %s has over %d traces", first.trace_id, len(members))
                break
            members[sm.trace_id] = sm
            frontier.append(sm)
    others = sorted(
        (sm for tid, sm in members.items() if tid != first.trace_id),
        key=lambda sm: (sm.start_time, sm.trace_id),
    )
    return [first, *others]


async def load_trace(
    engine: AsyncEngine,
    trace_id: str,
    *,
    follow_links: bool = True,
    payloads: bool = True,
    spans: SpanReader | None = None,
) -> TraceData | None:
    """Read a run from the database; None when the trace does not exist.

    With ``follow_links`` (the default), traces joined to this one by span links, in either
    direction and transitively, are read too. With ``payloads=False`` the spans come without
    the fields of :data:`PAYLOAD_FIELDS` (inputs and outputs are most of a run's bytes): enough
    for the graph, not for the detectors. Spans never carry their ``resource`` here: no
    analysis step reads it. With ``spans`` (the span store), spans and agents are read there.
    """
    return await use_trace(
        engine, trace_id, _itself, follow_links=follow_links, payloads=payloads, spans=spans
    )


def _itself(data: TraceData) -> TraceData:
    return data


async def use_trace(
    engine: AsyncEngine,
    trace_id: str,
    use: Callable[[TraceData], T],
    *,
    follow_links: bool = True,
    payloads: bool = True,
    spans: SpanReader | None = None,
) -> T | None:
    """``use(run)`` for the run :func:`load_trace` reads, in a worker thread; None for an
    unknown trace.

    The spans are built and ``use`` runs within one pause of the garbage collector. When
    ``use`` keeps nothing of the run (it returns, say, JSON), the run's spans are freed before
    the collector resumes and it never scans them: for a 10,000-span run that scan costs
    about a tenth of computing its graph. ``use`` must be free of ``await`` and not long.
    """
    if spans is not None:
        return await _use_stored(engine, spans, trace_id, use, follow_links=follow_links)
    async with engine.connect() as conn:
        row = (await conn.execute(select(s.traces).where(s.traces.c.trace_id == trace_id))).first()
        if row is None:
            return None
        first = summary_of(row)
        summaries = await _run_summaries(conn, first) if follow_links else [first]
        ids = [str(sm.trace_id) for sm in summaries]
        read = _FULL_READ if payloads else _STRUCTURE_READ
        return await _read_run(conn, first, summaries, ids, read, use)


async def _read_run(
    conn: AsyncConnection,
    first: TraceSummary,
    summaries: list[TraceSummary],
    ids: list[str],
    read: _SpanRead,
    use: Callable[[TraceData], T],
) -> T:
    rows = (
        await conn.execute(
            select(*read.columns)
            .where(s.spans.c.trace_id.in_(ids))
            .order_by(s.spans.c.start_time, s.spans.c.span_id)
        )
    ).all()
    agents = _dedupe_agents(
        Agent.model_validate(dict(r._mapping))
        for r in await conn.execute(
            select(*(s.agents.c[name] for name in Agent.model_fields))  # not the run figures
            .where(s.agents.c.trace_id.in_(ids))
            .order_by(s.agents.c.first_seen, s.agents.c.name)
        )
    )
    messages, human = await _relational_parts(conn, ids)

    def build_and_use() -> T:
        with gc_paused():
            spans = read.spans(rows)
            return use(
                TraceData(first.trace_id, first, spans, agents, messages, human, ids, summaries)
            )

    # in a thread, so that the event loop (ingestion, other requests) is not held up while
    # the spans of a big run are made
    return await asyncio.to_thread(build_and_use)


async def _relational_parts(
    conn: AsyncConnection, ids: list[str]
) -> tuple[list[AgentMessage], list[FailureAnnotation]]:
    """The messages and the human annotations of the traces ``ids``."""
    messages = [
        AgentMessage.model_validate(dict(r._mapping))
        for r in await conn.execute(
            select(s.agent_messages)
            .where(s.agent_messages.c.trace_id.in_(ids))
            .order_by(s.agent_messages.c.timestamp, s.agent_messages.c.seq, s.agent_messages.c.id)
        )
    ]
    human = [
        FailureAnnotation.model_validate(
            {k: v for k, v in r._mapping.items() if k in FailureAnnotation.model_fields}
        )
        for r in await conn.execute(
            select(s.failure_annotations)
            .where(
                s.failure_annotations.c.trace_id.in_(ids),
                s.failure_annotations.c.source == "human",
            )
            .order_by(s.failure_annotations.c.created_at, s.failure_annotations.c.id)
        )
    ]
    return messages, human


async def _use_stored(
    engine: AsyncEngine,
    spans: SpanReader,
    trace_id: str,
    use: Callable[[TraceData], T],
    *,
    follow_links: bool,
) -> T | None:
    """:func:`use_trace` with the spans and agents of the run read from the span store."""
    first = await _stored_summary(engine, spans, trace_id, project=None)
    if first is None:
        return None
    summaries = await _stored_run(engine, spans, first) if follow_links else [first]
    ids = [str(sm.trace_id) for sm in summaries]
    run_spans: list[Span] = []
    found_agents: list[Agent] = []
    for tid in ids:
        run_spans += await spans.span_page(tid)
        found_agents += await spans.read_agents(tid)
    run_spans.sort(key=lambda sp: (sp.start_time, sp.span_id))
    found_agents.sort(key=lambda ag: (ag.first_seen, ag.name))
    agents = _dedupe_agents(found_agents)
    async with engine.connect() as conn:
        messages, human = await _relational_parts(conn, ids)

    def build_and_use() -> T:
        with gc_paused():
            return use(
                TraceData(first.trace_id, first, run_spans, agents, messages, human, ids, summaries)
            )

    return await asyncio.to_thread(build_and_use)


async def _stored_summary(
    engine: AsyncEngine, spans: SpanReader, trace_id: str, *, project: str | None
) -> TraceSummary | None:
    """The summary of a trace: its relational row, else the span store's figures (None: no
    such trace, or one of another project than ``project``)."""
    async with engine.connect() as conn:
        row = (await conn.execute(select(s.traces).where(s.traces.c.trace_id == trace_id))).first()
    if row is not None:
        summary = summary_of(row)
    else:
        page = await spans.list_runs(
            RunFilter(trace_ids=frozenset([trace_id])),
            sort=RunSort.START_TIME,
            order=SortOrder.DESC,
            limit=1,
            cursor=None,
        )
        if not page.items:
            return None
        summary = _from_store(page.items[0])
    if project is not None and summary.project != project:
        return None
    return summary


def _from_store(run: RunSummary) -> TraceSummary:
    return TraceSummary(
        trace_id=run.trace_id,
        project=run.project,
        name=run.name,
        root_span_id=run.root_span_id,
        framework=run.framework,
        status=run.status,
        start_time=run.start_time,
        end_time=run.end_time,
        span_count=run.span_count,
        error_count=run.error_count,
        agent_count=run.agent_count,
        input_tokens=run.input_tokens,
        output_tokens=run.output_tokens,
        total_tokens=run.total_tokens,
    )


async def _stored_run(
    engine: AsyncEngine, spans: SpanReader, first: TraceSummary
) -> list[TraceSummary]:
    """:func:`_run_summaries` with the links read from the span store."""
    members: dict[str, TraceSummary] = {first.trace_id: first}
    frontier = [first]
    while frontier and len(members) < MAX_RUN_TRACES:
        current = frontier.pop()
        new = set(await spans.linked_traces(current.trace_id)) - members.keys()
        for tid in sorted(new):
            # a run never crosses projects: a link to another project's trace is not followed
            sm = await _stored_summary(engine, spans, tid, project=first.project)
            if sm is None:
                continue
            if len(members) >= MAX_RUN_TRACES:
                logger.warning("run of trace %s has over %d traces", first.trace_id, len(members))
                break
            members[sm.trace_id] = sm
            frontier.append(sm)
    others = sorted(
        (sm for tid, sm in members.items() if tid != first.trace_id),
        key=lambda sm: (sm.start_time, sm.trace_id),
    )
    return [first, *others]


def _dedupe_agents(agents: Iterable[Agent]) -> list[Agent]:
    """One entry per agent name (the first seen), as a run may repeat them per trace."""
    seen: dict[str, Agent] = {}
    for ag in agents:
        seen.setdefault(ag.name, ag)
    return list(seen.values())
