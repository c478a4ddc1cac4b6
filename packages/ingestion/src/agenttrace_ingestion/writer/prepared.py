"""The rows of a batch, built on the CPU before any database is touched.

The decode stage builds a :class:`PreparedBatch` per request (:func:`prepare_normalized`),
with what its spans add to the summaries of their traces and agent runs; the writer merges
the batches of one group commit (:func:`combine`) and hands them to
:mod:`agenttrace_ingestion.writer.store`, which only merges those summaries per trace when
every span was new (:func:`span_summaries`).
"""

from __future__ import annotations

import copy
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from typing import Any

from agenttrace_core.cost import PRICES
from agenttrace_core.enums import SpanType
from agenttrace_core.models import Agent, AgentMessage, Checkpoint, NormalizedBatch

from agenttrace_ingestion.normalizers import Normalized, RejectedSpan
from agenttrace_ingestion.writer import rows as r
from agenttrace_ingestion.writer.summaries import AgentRuns, TraceDelta, count_spans, figure_rows

REFUSED_REASON = "the trace belongs to another project"

_TRACE = itemgetter(r.I_TRACE)


@dataclass
class SpanSummaries:
    """What the span rows of a batch add to their traces and agent runs, if all are new.

    Computed where the rows are built (a decoding worker), so that the writer merges one
    delta per trace instead of reading every row. The traces of ``mixed`` (several batches
    of one commit had spans of them) are counted from the rows by the writer.
    """

    traces: dict[str, TraceDelta]
    agents: AgentRuns
    mixed: frozenset[str] = frozenset()


@dataclass
class PreparedBatch:
    """The rows of one or more batches: plain tuples, cheap to pickle between processes."""

    span_rows: list[tuple[Any, ...]] = field(default_factory=list)
    sessions: dict[tuple[str, str], str] = field(default_factory=dict)
    """Session id of the spans that carry one (the first of ``SESSION_KEYS`` they have)."""
    costs: dict[tuple[str, str], float | None] = field(default_factory=dict)
    """USD of each LLM span (None: unknown), by (trace id, span id); other spans are absent."""
    agent_rows: list[tuple[Any, ...]] = field(default_factory=list)
    message_rows: list[tuple[Any, ...]] = field(default_factory=list)
    blob_rows: list[tuple[Any, ...]] = field(default_factory=list)
    checkpoint_rows: list[tuple[Any, ...]] = field(default_factory=list)
    projects: set[str] = field(default_factory=set)
    claims: set[tuple[str, str]] = field(default_factory=set)
    """(trace id, project) of the records sent with a project's API key: such a trace must be
    (or become) that project's, else its records of that project are refused."""
    summaries: SpanSummaries | None = None
    """Set by the decode step, whose span rows have distinct keys; None: the writer counts
    the rows (a batch without them, or changed after it was built)."""

    @property
    def span_count(self) -> int:
        """Spans in the batch."""
        return len(self.span_rows)


def prepare(batch: NormalizedBatch, *, tenant: str | None = None) -> PreparedBatch:
    """Build the rows of ``batch`` (one pass per record).

    ``tenant`` is the project of the API key that sent it (None: an admin key, or keys are
    off): its traces are claimed for that project when written.
    """
    resources: dict[int, str] = {}
    facts = _SpanFacts()
    span_rows = []
    for s in batch.spans:
        span_rows.append(r.span_row(s, resources))
        facts.add(
            s.trace_id,
            s.span_id,
            s.project,
            s.span_type,
            s.model,
            s.input_tokens,
            s.output_tokens,
            s.attributes,
        )
    return _prepared(span_rows, facts, batch.agents, batch.messages, batch.checkpoints, tenant)


def prepare_normalized(done: Normalized, *, tenant: str | None = None) -> PreparedBatch:
    """The rows of a normalized request, built from its drafts (what the decode step does).

    The same rows as ``prepare(normalize_request(...).batch)``, without a span model per span,
    and the summaries of the spans (:class:`SpanSummaries`).
    """
    resources: dict[int, str] = {}
    facts = _SpanFacts()
    span_rows = []
    row, add = r.draft_row, facts.add
    for d in done.drafts:
        span_rows.append(row(d, resources))
        add(
            d.trace_id,
            d.span_id,
            d.project,
            d.span_type,
            d.model,
            d.input_tokens,
            d.output_tokens,
            d.attrs,
        )
    return _prepared(
        span_rows,
        facts,
        done.agents,
        done.messages,
        done.checkpoints,
        tenant,
        summarize=True,  # normalize_drafts keeps one span per key
    )


class _SpanFacts:
    """What the spans of a batch say about cost, session and project, gathered span by span."""

    def __init__(self) -> None:
        self.sessions: dict[tuple[str, str], str] = {}
        self.costs: dict[tuple[str, str], float | None] = {}
        self.projects: set[str] = set()

    def add(
        self,
        trace_id: str,
        span_id: str,
        project: str,
        span_type: SpanType,
        model: str | None,
        input_tokens: int | None,
        output_tokens: int | None,
        attrs: dict[str, Any],
    ) -> None:
        """Note one span."""
        self.projects.add(project)
        if span_type is _LLM:
            self.costs[(trace_id, span_id)] = _CALL_COST(model, input_tokens, output_tokens, attrs)
        for key in r.SESSION_KEYS:
            value = attrs.get(key)
            if value:
                self.sessions[(trace_id, span_id)] = str(value)
                return


_LLM = SpanType.LLM
_CALL_COST = PRICES.call_cost


def _prepared(
    span_rows: list[tuple[Any, ...]],
    facts: _SpanFacts,
    agents: list[Agent],
    messages: list[AgentMessage],
    checkpoints: list[Checkpoint],
    tenant: str | None,
    *,
    summarize: bool = False,
) -> PreparedBatch:
    """The batch of the span rows (with what each span says about cost and session) and
    the other records; with ``summarize`` (span keys are distinct), their summaries too."""
    sessions, costs = facts.sessions, facts.costs
    blobs, checkpoint_rows = [], []
    for checkpoint in checkpoints:
        blob, row = r.checkpoint_rows(checkpoint)
        blobs.append(blob)
        checkpoint_rows.append(row)
    prepared = PreparedBatch(
        span_rows=span_rows,
        sessions=sessions,
        costs=costs,
        agent_rows=[r.agent_row(a) for a in agents],
        message_rows=[r.message_row(m) for m in messages],
        blob_rows=blobs,
        checkpoint_rows=checkpoint_rows,
        projects={p[:255] for p in facts.projects | {a.project for a in agents}},
    )
    if tenant is not None:
        prepared.claims = {key for key, _row in owned_rows(prepared)}
    if summarize:
        traces: dict[str, TraceDelta] = {}
        runs: AgentRuns = {}
        count_spans(traces, runs, sorted(span_rows), sessions, costs)  # distinct keys
        prepared.summaries = SpanSummaries(traces, runs)
    return prepared


def span_summaries(
    batch: PreparedBatch, new_rows: list[tuple[Any, ...]]
) -> tuple[dict[str, TraceDelta], list[tuple[Any, ...]]]:
    """What the inserted span rows ``new_rows`` of ``batch`` add to the summaries.

    The deltas of their traces (fresh objects: the writer adds its other records to them)
    and the agent figure rows (:func:`~agenttrace_ingestion.writer.summaries.figure_rows`).
    When every row of the batch was inserted (the usual case) and the batch carries its
    summaries, those are merged per trace; otherwise every inserted row is counted.
    """
    summaries = batch.summaries
    costs, sessions = batch.costs, batch.sessions
    if summaries is None or new_rows is not batch.span_rows:
        deltas: dict[str, TraceDelta] = {}
        runs: AgentRuns = {}
        count_spans(deltas, runs, new_rows, sessions, costs)
        return deltas, figure_rows(runs)
    deltas = {trace_id: copy.copy(d) for trace_id, d in summaries.traces.items()}
    runs = {key: list(figures) for key, figures in summaries.agents.items()}
    rows = batch.span_rows  # sorted by key (combine): a trace's rows are contiguous
    for trace_id in sorted(summaries.mixed):
        mine = rows[
            bisect_left(rows, trace_id, key=_TRACE) : bisect_right(rows, trace_id, key=_TRACE)
        ]
        count_spans(deltas, runs, mine, sessions, costs)
    return deltas, figure_rows(runs)


def owned_rows(batch: PreparedBatch) -> Iterator[tuple[tuple[str, str], tuple[Any, ...]]]:
    """Every record row of ``batch`` with its (trace id, project)."""
    for row in batch.span_rows:
        yield (row[r.I_TRACE], row[r.I_PROJECT]), row
    for row in batch.agent_rows:
        yield (row[r.A_TRACE], row[r.A_PROJECT]), row
    for row in batch.message_rows:
        yield (row[r.M_TRACE], row[r.M_PROJECT]), row
    for row in batch.checkpoint_rows:
        yield (row[r.C_TRACE], row[r.C_PROJECT]), row


def refused_spans(batch: PreparedBatch, refused: set[tuple[str, str]]) -> list[RejectedSpan]:
    """The spans of ``batch`` that a commit refused (their trace is another project's)."""
    if not refused:
        return []
    return [
        RejectedSpan(row[r.I_TRACE], row[r.I_SPAN], REFUSED_REASON)
        for row in batch.span_rows
        if (row[r.I_TRACE], row[r.I_PROJECT]) in refused
    ]


def without(batch: PreparedBatch, refused: set[tuple[str, str]]) -> PreparedBatch:
    """``batch`` without the records of the refused (trace id, project) pairs."""
    dropped = {row for key, row in owned_rows(batch) if key in refused}
    checkpoints = [row for row in batch.checkpoint_rows if row not in dropped]
    states = {row[r.C_STATE_HASH] for row in checkpoints}
    return PreparedBatch(
        span_rows=[row for row in batch.span_rows if row not in dropped],
        sessions=batch.sessions,
        costs=batch.costs,
        agent_rows=[row for row in batch.agent_rows if row not in dropped],
        message_rows=[row for row in batch.message_rows if row not in dropped],
        blob_rows=[row for row in batch.blob_rows if row[r.B_HASH] in states],
        checkpoint_rows=checkpoints,
        projects=batch.projects,
        claims=batch.claims,
    )


def combine(batches: list[PreparedBatch]) -> PreparedBatch:
    """One batch of distinct rows sorted by key (the first of duplicates kept).

    Sorted keys make every writer take row locks in the same order: no deadlocks between
    concurrent commits or replicas.
    """
    sessions: dict[tuple[str, str], str] = {}
    costs: dict[tuple[str, str], float | None] = {}
    projects: set[str] = set()
    claims: set[tuple[str, str]] = set()
    for batch in batches:
        sessions.update(batch.sessions)
        costs.update(batch.costs)
        projects |= batch.projects
        claims |= batch.claims
    summaries = _combined_summaries(batches)
    span_rows = (
        # distinct keys within each batch and no trace in two of them: nothing to drop, and
        # rows compare by their keys alone (no key tuple per row)
        sorted(chain.from_iterable(b.span_rows for b in batches))
        if summaries is not None and not summaries.mixed
        else r.first_by_key((row for b in batches for row in b.span_rows), r.SPAN_KEY)
    )
    return PreparedBatch(
        span_rows=span_rows,
        sessions=sessions,
        costs=costs,
        agent_rows=_merge_agents([row for b in batches for row in b.agent_rows]),
        message_rows=r.first_by_key((row for b in batches for row in b.message_rows), r.ID_KEY),
        blob_rows=r.first_by_key((row for b in batches for row in b.blob_rows), r.ID_KEY),
        checkpoint_rows=r.first_by_key(
            (row for b in batches for row in b.checkpoint_rows), r.ID_KEY
        ),
        projects=projects,
        claims=claims,
        summaries=summaries,
    )


def _combined_summaries(batches: list[PreparedBatch]) -> SpanSummaries | None:
    """The summaries of a commit of ``batches``; None unless every batch carries its own.

    A trace with spans in several batches is left to the writer to count (``mixed``): the
    order of its rows, which decides ties and sums, is only known once they are merged.
    """
    parts = [b.summaries for b in batches]
    if not all(parts):
        return None
    found: set[str] = set()
    mixed: set[str] = set()
    for part in parts:
        assert part is not None
        mixed |= part.mixed
        mixed |= found & part.traces.keys()
        found |= part.traces.keys()
    traces: dict[str, TraceDelta] = {}
    agents: AgentRuns = {}
    for part in parts:
        assert part is not None
        traces.update((t, d) for t, d in part.traces.items() if t not in mixed)
        agents.update((k, v) for k, v in part.agents.items() if k[0] not in mixed)
    return SpanSummaries(traces, agents, frozenset(mixed))


def _merge_agents(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """One row per (trace, agent name): the first value of each column, earliest first_seen."""
    merged: dict[tuple[Any, ...], list[Any]] = {}
    for row in rows:
        key = row[: r.AGENT_KEY]
        have = merged.get(key)
        if have is None:
            merged[key] = list(row)
            continue
        for i in r.A_FILLED:
            if have[i] is None:
                have[i] = row[i]
        have[r.A_FIRST_SEEN] = min(have[r.A_FIRST_SEEN], row[r.A_FIRST_SEEN])
    return [tuple(merged[key]) for key in sorted(merged)]
