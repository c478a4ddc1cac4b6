"""Trace summaries: what the rows *inserted* by one commit add to each trace.

Only rows the database actually inserted are counted, and the database merges these
increments with atomic SQL (``span_count = traces.span_count + excluded.span_count``,
minimum/maximum of times), so spans arriving out of order, twice, or through several
replicas at once leave every summary right.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from agenttrace_core.db.dialect import add_cost_sql
from agenttrace_core.enums import SpanStatus

from agenttrace_ingestion.writer.rows import (
    I_AGENT,
    I_END,
    I_FRAMEWORK,
    I_INPUT,
    I_INPUT_TOKENS,
    I_NAME,
    I_OUTPUT,
    I_OUTPUT_TOKENS,
    I_PARENT,
    I_PROJECT,
    I_SPAN,
    I_START,
    I_STATUS,
    I_TOTAL_TOKENS,
    I_TRACE,
    SPAN_KEY,
)

ERROR_STATUS = SpanStatus.ERROR.value

PREVIEW_CHARS = 500
_NO_START = 2**63 - 1
_NO_END = 0

TRACE_COLUMNS = (
    "trace_id", "project", "name", "root_span_id", "session_id", "framework", "status",
    "start_time", "end_time", "span_count", "error_count", "agent_count", "input_tokens",
    "output_tokens", "total_tokens", "cost", "unpriced_llm_spans", "input_preview",
    "output_preview", "analysis_state", "updated_at",
)  # fmt: skip

# Portable (SQLite and PostgreSQL) merge of an increment into the stored summary. Every
# expression reads the row as it was before this statement.
TRACE_MERGE_SQL = """
ON CONFLICT (trace_id) DO UPDATE SET
  name = CASE
    WHEN traces.root_span_id IS NOT NULL THEN traces.name
    WHEN excluded.root_span_id IS NOT NULL THEN excluded.name
    WHEN traces.name IS NULL OR excluded.start_time < traces.start_time THEN excluded.name
    ELSE traces.name END,
  root_span_id = COALESCE(traces.root_span_id, excluded.root_span_id),
  session_id = COALESCE(traces.session_id, excluded.session_id),
  framework = CASE
    WHEN traces.root_span_id IS NULL AND excluded.root_span_id IS NOT NULL
      THEN COALESCE(excluded.framework, traces.framework)
    ELSE COALESCE(traces.framework, excluded.framework) END,
  status = CASE
    WHEN traces.error_count + excluded.error_count > 0 THEN 'error'
    WHEN traces.root_span_id IS NOT NULL OR excluded.root_span_id IS NOT NULL THEN 'ok'
    ELSE 'unset' END,
  start_time = CASE WHEN excluded.start_time < traces.start_time
    THEN excluded.start_time ELSE traces.start_time END,
  end_time = CASE WHEN excluded.end_time > traces.end_time
    THEN excluded.end_time ELSE traces.end_time END,
  span_count = traces.span_count + excluded.span_count,
  error_count = traces.error_count + excluded.error_count,
  agent_count = traces.agent_count + excluded.agent_count,
  input_tokens = traces.input_tokens + excluded.input_tokens,
  output_tokens = traces.output_tokens + excluded.output_tokens,
  total_tokens = traces.total_tokens + excluded.total_tokens,
  cost = {cost},
  unpriced_llm_spans = traces.unpriced_llm_spans + excluded.unpriced_llm_spans,
  input_preview = CASE
    WHEN traces.root_span_id IS NULL AND excluded.root_span_id IS NOT NULL
      THEN COALESCE(excluded.input_preview, traces.input_preview)
    ELSE COALESCE(traces.input_preview, excluded.input_preview) END,
  output_preview = CASE
    WHEN traces.root_span_id IS NULL AND excluded.root_span_id IS NOT NULL
      THEN COALESCE(excluded.output_preview, traces.output_preview)
    ELSE COALESCE(traces.output_preview, excluded.output_preview) END,
  analysis_state = 'pending',
  updated_at = excluded.updated_at
""".replace("{cost}", add_cost_sql("traces.cost", "excluded.cost"))


@dataclass
class TraceDelta:
    """The increment one commit brings to one trace."""

    trace_id: str
    project: str
    start_time: int
    end_time: int
    name: str | None = None
    name_start: int = 2**63
    root_span_id: str | None = None
    root_start: int = 2**63
    session_id: str | None = None
    framework: str | None = None
    span_count: int = 0
    error_count: int = 0
    agent_count: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0
    cost: float | None = None
    """USD of the priced LLM spans (None: none priced)."""
    unpriced_llm_spans: int = 0
    input_preview: str | None = None
    output_preview: str | None = None
    _preview_from_root: bool = field(default=False, repr=False)

    def add_span(self, row: tuple[Any, ...], session_id: str | None) -> None:
        """Count one inserted span, given as its ``spans`` row."""
        start, end = row[I_START], row[I_END]
        input_tokens, output_tokens = row[I_INPUT_TOKENS] or 0, row[I_OUTPUT_TOKENS] or 0
        self.span_count += 1
        if start < self.start_time:
            self.start_time = start
        if end > self.end_time:
            self.end_time = end
        if row[I_STATUS] == ERROR_STATUS:
            self.error_count += 1
        self.input_tokens += input_tokens
        self.output_tokens += output_tokens
        self.total_tokens += row[I_TOTAL_TOKENS] or (input_tokens + output_tokens)
        if row[I_PARENT] is None and start < self.root_start:
            self.root_span_id, self.root_start = row[I_SPAN], start
            self.name, self.name_start = row[I_NAME], start
            self.framework = row[I_FRAMEWORK] or self.framework
            self._set_previews(row)
        elif self.root_span_id is None and start < self.name_start:
            self.name, self.name_start = row[I_NAME], start
        if self.framework is None:
            self.framework = row[I_FRAMEWORK]
        if not self._preview_from_root:  # previews are None or non-empty
            if self.input_preview is None:
                self.input_preview = _preview(row[I_INPUT])
            if self.output_preview is None:
                self.output_preview = _preview(row[I_OUTPUT])
        if self.session_id is None and session_id:
            self.session_id = session_id[:255]

    def add_cost(self, cost: float | None) -> None:
        """Count the cost of one inserted LLM span (None: its cost is unknown)."""
        if cost is None:
            self.unpriced_llm_spans += 1
        else:
            self.cost = cost if self.cost is None else self.cost + cost

    def _set_previews(self, row: tuple[Any, ...]) -> None:
        """The previews of the root span (kept where it has none)."""
        self._preview_from_root = True
        self.input_preview = _preview(row[I_INPUT]) or self.input_preview
        self.output_preview = _preview(row[I_OUTPUT]) or self.output_preview

    def row(self, now: Any) -> tuple[Any, ...]:
        """The ``traces`` row to insert or merge, in :data:`TRACE_COLUMNS` order."""
        status = (
            SpanStatus.ERROR
            if self.error_count
            else SpanStatus.OK
            if self.root_span_id
            else SpanStatus.UNSET
        )
        return (
            self.trace_id,
            self.project[:255],
            self.name[:512] if self.name else None,
            self.root_span_id,
            self.session_id,
            self.framework[:64] if self.framework else None,
            status.value,
            self.start_time,
            self.end_time,
            self.span_count,
            self.error_count,
            self.agent_count,
            self.input_tokens,
            self.output_tokens,
            self.total_tokens,
            self.cost,
            self.unpriced_llm_spans,
            self.input_preview,
            self.output_preview,
            "pending",
            now,
        )


def _preview(value: str | None) -> str | None:
    if not value:
        return None
    value = value.replace("\x00", "\ufffd")
    return value if len(value) <= PREVIEW_CHARS else value[: PREVIEW_CHARS - 1] + "…"


def delta_for(
    deltas: dict[str, TraceDelta],
    trace_id: str,
    project: str,
    start: int | None,
    end: int | None,
) -> TraceDelta:
    """The delta of ``trace_id``, created on first use; widened to ``start``…``end``.

    A record without a time of its own (an agent) passes None: it leaves the trace's time
    span as the spans make it.
    """
    delta = deltas.get(trace_id)
    if delta is None:
        delta = deltas[trace_id] = TraceDelta(
            trace_id, project, start_time=_NO_START, end_time=_NO_END
        )
    if start is not None:
        delta.start_time = min(delta.start_time, start)
    if end is not None:
        delta.end_time = max(delta.end_time, end)
    return delta


AgentRuns = dict[tuple[str, str], list[Any]]
"""Per (trace id, agent): [spans, errors, tokens, cost, unpriced LLM spans, last end, first
start], what inserted spans add to the agent's run."""


def count_spans(
    deltas: dict[str, TraceDelta],
    runs: AgentRuns,
    rows: Iterable[tuple[Any, ...]],
    sessions: dict[tuple[str, str], str],
    costs: dict[tuple[str, str], float | None],
) -> None:
    """Count inserted span rows into the deltas of their traces and their agents' runs.

    The rows of a trace must come in key order (as a commit sorts them): which span names
    the trace among equals, and the order in which costs are added, follow it.
    """
    for row in rows:
        trace_id = row[I_TRACE]
        delta = deltas.get(trace_id)
        if delta is None:
            delta = deltas[trace_id] = TraceDelta(
                trace_id, row[I_PROJECT], start_time=_NO_START, end_time=_NO_END
            )
        key = row[:SPAN_KEY]
        delta.add_span(row, sessions.get(key))
        llm = key in costs
        cost = costs[key] if llm else None
        if llm:
            delta.add_cost(cost)
        agent = row[I_AGENT]
        if agent is None:
            continue
        error = 1 if row[I_STATUS] == ERROR_STATUS else 0
        tokens = row[I_TOTAL_TOKENS] or 0
        end, start = row[I_END], row[I_START]
        unpriced = 1 if llm and cost is None else 0
        figures = runs.get((trace_id, agent))
        if figures is None:
            runs[(trace_id, agent)] = [1, error, tokens, cost, unpriced, end, start]
        else:
            figures[0] += 1
            figures[1] += error
            figures[2] += tokens
            if cost is not None:
                figures[3] = cost if figures[3] is None else figures[3] + cost
            figures[4] += unpriced
            if end > figures[5]:
                figures[5] = end
            if start < figures[6]:
                figures[6] = start


def figure_rows(runs: AgentRuns) -> list[tuple[Any, ...]]:
    """The runs' figures as rows in :data:`~agenttrace_core.db.dialect.AGENT_FIGURES` order,
    sorted by key (the same lock order in every writer)."""
    return [(*runs[key], *key) for key in sorted(runs)]


def sqlite_timestamp(value: datetime) -> str:
    """A UTC time as SQLAlchemy stores it in SQLite (naive ISO text)."""
    return value.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
