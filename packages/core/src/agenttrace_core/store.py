"""The span store: the narrow interface between the services and the engine holding spans.

Two implementations stand behind it: the SQL store of the relational database (SQLite,
PostgreSQL, TimescaleDB; ``agenttrace_server.sql_store``) and the ClickHouse store
(``agenttrace_store_clickhouse``). They answer every call below alike on the same data; one
test suite (``packages/server/tests/store``) feeds both the same runs and compares.

What the store holds is the spans and the agents of each run, and what is derived from them
(run summaries, per-agent figures). The small relational data (projects, keys, annotations,
checkpoints, replays, analysis results) stays in the relational database: a run summary here
carries no failure modes, human verdict or analysis state.

The readers (the API, the analysis' trace loading, the run comparison of replay) take a
:class:`SpanReader`; the writer a :class:`SpanStore`. Neither knows which engine is behind it:
the server chooses (``agenttrace_server.span_store``). What the readers still take from the
relational database, and how they merge it in, is said in ``agenttrace_api.queries.runs``.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, NamedTuple, Protocol

from agenttrace_core.models import Agent, NormalizedBatch, Span


class RunSort(StrEnum):
    """What the run list is ordered by."""

    START_TIME = "start_time"
    DURATION = "duration"
    TOKENS = "tokens"


class SortOrder(StrEnum):
    """Ascending or descending."""

    ASC = "asc"
    DESC = "desc"


@dataclass(frozen=True)
class RunFilter:
    """The filters of the run list (None: not filtered); ``q`` is free text.

    ``q`` matches, case-insensitively and literally, the run's name, or the name, input or
    output of any of its spans.
    """

    project: str | None = None
    status: str | None = None
    agent: str | None = None
    framework: str | None = None
    q: str | None = None
    since_ns: int | None = None
    until_ns: int | None = None
    trace_ids: frozenset[str] | None = None
    """Only these runs (None: any). How a caller narrows the list by data the store does not
    hold (e.g. the runs with a failure mode, from the relational database)."""


@dataclass(frozen=True)
class AgentFilter:
    """Which agent runs count: of one project, starting within a time window, of one agent."""

    project: str | None = None
    since_ns: int | None = None
    until_ns: int | None = None
    name: str | None = None


@dataclass(frozen=True)
class RunSummary:
    """One run (trace) as the run list shows it; times in ns since the epoch."""

    trace_id: str
    project: str
    name: str | None
    root_span_id: str | None
    framework: str | None
    status: str
    start_time: int
    end_time: int
    span_count: int
    error_count: int
    agent_count: int
    input_tokens: int
    output_tokens: int
    total_tokens: int
    agents: tuple[str, ...] = ()
    """Agent names in order of first appearance."""


@dataclass
class RunPage:
    """One page of the run list and the cursor of the next one (None: the last page)."""

    items: list[RunSummary]
    next_cursor: str | None


@dataclass
class Run:
    """The stored records of one run: spans in (start time, span id) order, agents by name."""

    spans: list[Span]
    agents: list[Agent]


class SpanNode(NamedTuple):
    """The structure of one span (a run's tree without payloads); times in ns."""

    span_id: str
    parent_span_id: str | None
    name: str
    span_type: str
    agent: str | None
    start_time: int
    end_time: int
    status: str


@dataclass(frozen=True)
class SearchHit:
    """A span whose name, input or output contains the searched text."""

    trace_id: str
    span_id: str
    name: str
    span_type: str
    start_time: int


@dataclass(frozen=True)
class AgentFigures:
    """Figures of one agent name across its runs (its parts in traces)."""

    name: str
    runs: int
    error_runs: int
    total_tokens: int
    latency_p50_ms: float | None
    latency_p95_ms: float | None
    last_seen: datetime | None
    """End of its latest span (UTC, microsecond precision)."""
    projects: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()


SPAN_ROW_COLUMNS = (
    "trace_id", "span_id", "parent_span_id", "project", "name", "kind", "span_type", "agent",
    "framework", "start_time", "end_time", "status", "status_message", "input", "output",
    "model", "input_tokens", "output_tokens", "total_tokens", "attributes", "events", "links",
    "resource", "scope_name", "scope_version", "dropped_attributes_count",
)  # fmt: skip
"""The columns of a span row of :class:`RowBatch` (the ingestion writer's ``spans`` rows)."""
AGENT_ROW_COLUMNS = (
    "trace_id", "name", "project", "role", "framework", "model", "config", "first_seen",
)  # fmt: skip
"""The columns of an agent row of :class:`RowBatch` (the ingestion writer's ``agents`` rows)."""


@dataclass
class RowBatch:
    """A batch as the ingestion writer prepares it: plain rows, ready for any engine.

    Span rows are in :data:`SPAN_ROW_COLUMNS` order, agent rows in :data:`AGENT_ROW_COLUMNS`
    order; values are plain (str, int, None), enums by value, JSON columns as JSON text,
    strings already cut to their column's length. Span keys are distinct and sorted.
    """

    spans: list[tuple[Any, ...]] = field(default_factory=list)
    agents: list[tuple[Any, ...]] = field(default_factory=list)


@dataclass
class AppendResult:
    """What one append stored: spans new to the store, and those it held already."""

    spans_inserted: int = 0
    spans_duplicate: int = 0
    refused: set[tuple[str, str]] = field(default_factory=set)
    duplicates: set[tuple[str, str]] = field(default_factory=set)
    """(trace id, span id) of the appended spans that the store held already."""


class StoreUnavailableError(ConnectionError):
    """The span store cannot be reached (down, refusing connections, overloaded).

    Nothing of the call was stored, or what was is stored again harmlessly: retry later.
    The ingestion writer answers 503 + ``Retry-After`` (or spools) on it.
    """


class SpanReader(Protocol):
    """The reads of a span store: what the API and the analysis need. Safe concurrently."""

    async def read_run(self, trace_id: str) -> Run | None:
        """The spans and agents of one run (None: no such run)."""
        ...

    async def read_agents(self, trace_id: str) -> list[Agent]:
        """The agents of one run in order of first appearance (then by name)."""
        ...

    async def linked_traces(self, trace_id: str) -> list[str]:
        """Traces that the spans of ``trace_id`` link to, and traces of its project, starting
        within an hour of it, whose spans link to it (sorted; empty for an unknown run)."""
        ...

    async def span_page(
        self,
        trace_id: str,
        *,
        after: tuple[int, str] | None = None,
        limit: int | None = None,
        span_id: str | None = None,
    ) -> list[Span]:
        """Spans of one run in (start time, span id) order, after the key ``after``, at most
        ``limit``; with ``span_id``, that span alone (or none). Empty for an unknown run."""
        ...

    async def span_tree(
        self, trace_id: str, *, after: tuple[int, str] | None = None, limit: int | None = None
    ) -> list[SpanNode]:
        """The structure of :meth:`span_page`'s spans, without their payloads."""
        ...

    async def list_runs(
        self, f: RunFilter, *, sort: RunSort, order: SortOrder, limit: int, cursor: str | None
    ) -> RunPage:
        """One page of run summaries (ties broken by trace id), keyset-paginated."""
        ...

    async def search(self, text: str, *, project: str | None, limit: int) -> list[SearchHit]:
        """Spans whose name, input or output contains ``text``, latest first."""
        ...

    async def agent_figures(self, f: AgentFilter) -> list[AgentFigures]:
        """Figures per agent name, busiest first (then by name)."""
        ...


class SpanStore(SpanReader, Protocol):
    """Where spans live: the reads, and the append of the writer. Safe concurrently."""

    async def append(self, batch: NormalizedBatch) -> AppendResult:
        """Store a batch (what one group commit writes); returns only after it is durable.

        A retried batch (spans whose ``(trace_id, span_id)`` is stored) stores nothing twice
        in what the reads return.
        """
        ...

    async def append_rows(self, batch: RowBatch) -> AppendResult:
        """Store a batch of prepared rows (one group commit of the ingestion writer).

        The same guarantees as :meth:`append`; ``duplicates`` names the spans held already.
        Raises :class:`StoreUnavailableError` when the engine cannot be reached.
        """
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


def encode_cursor(kind: str, *values: Any) -> str:
    """An opaque cursor of the keyset ``values`` of a list ``kind``."""
    raw = json.dumps([kind, *values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


class BadCursorError(ValueError):
    """A cursor that this list did not make."""


def decode_cursor(cursor: str, kind: str, types: tuple[type, ...]) -> tuple[Any, ...]:
    """The keyset values of a cursor made by :func:`encode_cursor` for ``kind``."""
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except ValueError as exc:
        raise BadCursorError("malformed cursor") from exc
    if not isinstance(raw, list) or raw[:1] != [kind] or len(raw) != len(types) + 1:
        raise BadCursorError("cursor of another list")
    values = tuple(raw[1:])
    if not all(_fits(v, t) for v, t in zip(values, types, strict=True)):
        raise BadCursorError("malformed cursor")
    return tuple(_clamped(v) if t is int else v for v, t in zip(values, types, strict=True))


def _fits(value: Any, kind: type) -> bool:
    """A cursor value of the type ``kind`` (not a bool for an int; a str without NUL)."""
    if kind is int:
        return type(value) is int
    if kind is str:
        return isinstance(value, str) and "\x00" not in value
    return isinstance(value, kind)


def _clamped(value: int) -> int:
    """An int within what a 64-bit column holds."""
    return max(-(2**63), min(2**63 - 1, value))


def percentile(values: list[int], q: float) -> float | None:
    """The ``q`` quantile of sorted ``values``, linearly interpolated (``percentile_cont``)."""
    if not values:
        return None
    pos = (len(values) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


def ns_to_datetime(ns: int) -> datetime:
    """An aware UTC datetime (microsecond precision) from nanoseconds since the epoch."""
    seconds, rest = divmod(int(ns), 10**9)
    return datetime.fromtimestamp(seconds, UTC).replace(microsecond=rest // 1000)
