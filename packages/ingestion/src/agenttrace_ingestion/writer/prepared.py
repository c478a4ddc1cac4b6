"""The rows of a batch, built on the CPU before any database is touched.

The decode stage builds a :class:`PreparedBatch` per request (:func:`prepare`); the writer
merges the batches of one group commit (:func:`combine`) and hands them to
:mod:`agenttrace_ingestion.writer.store`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from agenttrace_core.cost import PRICES
from agenttrace_core.enums import SpanType
from agenttrace_core.models import Agent, AgentMessage, Checkpoint, NormalizedBatch

from agenttrace_ingestion.normalizers import Normalized, RejectedSpan
from agenttrace_ingestion.writer import rows as r

_SpanFacts = tuple[str, str, str, SpanType, str | None, int | None, int | None, dict[str, Any]]
"""(trace id, span id, project, type, model, input tokens, output tokens, attributes)."""

REFUSED_REASON = "the trace belongs to another project"


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
    spans = batch.spans
    return _prepared(
        [r.span_row(span, resources) for span in spans],
        (
            (
                s.trace_id,
                s.span_id,
                s.project,
                s.span_type,
                s.model,
                s.input_tokens,
                s.output_tokens,
                s.attributes,
            )
            for s in spans
        ),
        batch.agents,
        batch.messages,
        batch.checkpoints,
        tenant,
    )


def prepare_normalized(done: Normalized, *, tenant: str | None = None) -> PreparedBatch:
    """The rows of a normalized request, built from its drafts (what the decode step does).

    The same rows as ``prepare(normalize_request(...).batch)``, without a span model per span.
    """
    resources: dict[int, str] = {}
    drafts = done.drafts
    return _prepared(
        [r.draft_row(d, resources) for d in drafts],
        (
            (
                d.trace_id,
                d.span_id,
                d.project,
                d.span_type,
                d.model,
                d.input_tokens,
                d.output_tokens,
                d.attrs,
            )
            for d in drafts
        ),
        done.agents,
        done.messages,
        done.checkpoints,
        tenant,
    )


def _prepared(
    span_rows: list[tuple[Any, ...]],
    spans: Iterable[_SpanFacts],
    agents: list[Agent],
    messages: list[AgentMessage],
    checkpoints: list[Checkpoint],
    tenant: str | None,
) -> PreparedBatch:
    """The batch of the span rows (with what each span says about cost and session) and
    the other records."""
    sessions: dict[tuple[str, str], str] = {}
    costs: dict[tuple[str, str], float | None] = {}
    projects: set[str] = set()
    call_cost, llm = PRICES.call_cost, SpanType.LLM
    for trace_id, span_id, project, span_type, model, input_tokens, output_tokens, attrs in spans:
        projects.add(project)
        if span_type is llm:
            costs[(trace_id, span_id)] = call_cost(model, input_tokens, output_tokens, attrs)
        for key in r.SESSION_KEYS:
            value = attrs.get(key)
            if value:
                sessions[(trace_id, span_id)] = str(value)
                break
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
        projects={p[:255] for p in projects | {a.project for a in agents}},
    )
    if tenant is not None:
        prepared.claims = {key for key, _row in owned_rows(prepared)}
    return prepared


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
    return PreparedBatch(
        span_rows=r.first_by_key((row for b in batches for row in b.span_rows), r.SPAN_KEY),
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
    )


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
