"""The span store: the narrow interface between the services and the engine holding spans.

Two implementations stand behind it: the SQL store of the relational database (SQLite,
PostgreSQL, TimescaleDB; ``agenttrace_server.sql_store``) and the ClickHouse store
(``agenttrace_store_clickhouse``). They answer every call below alike on the same data; one
test suite (``packages/server/tests/store``) feeds both the same runs and compares.

What the store holds is the spans and the agents of each run, and what is derived from them
(run summaries, per-agent figures). The small relational data (projects, keys, annotations,
checkpoints, replays, analysis results) stays in the relational database: a run summary here
carries no failure modes, human verdict or analysis state.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Protocol

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


class SpanStore(Protocol):
    """Where spans live. All methods are safe to call concurrently."""

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

    async def read_run(self, trace_id: str) -> Run | None:
        """The spans and agents of one run (None: no such run)."""
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
    if not all(isinstance(v, t) for v, t in zip(values, types, strict=True)):
        raise BadCursorError("malformed cursor")
    return values


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
