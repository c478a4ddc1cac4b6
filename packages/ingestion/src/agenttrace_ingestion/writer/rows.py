"""Normalized records → database rows, in one pass per record.

Rows are plain tuples in the column order of :data:`SPAN_COLUMNS` & co. Values are made
safe for both databases here (text without NUL characters, strings cut to their column's
length, 32-bit token counts), so that a surprising value cannot fail a whole group commit.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

import orjson
from agenttrace_core.enums import SpanStatus, SpanType
from agenttrace_core.models import Agent, AgentMessage, Checkpoint, Span, SpanEvent, SpanLink

from agenttrace_ingestion.normalizers.draft import SpanDraft

SPAN_COLUMNS = (
    "trace_id", "span_id", "parent_span_id", "project", "name", "kind", "span_type", "agent",
    "framework", "start_time", "end_time", "status", "status_message", "input", "output",
    "model", "input_tokens", "output_tokens", "total_tokens", "attributes", "events", "links",
    "resource", "scope_name", "scope_version", "dropped_attributes_count",
)  # fmt: skip
AGENT_COLUMNS = (
    "trace_id", "name", "project", "role", "framework", "model", "config", "first_seen",
)  # fmt: skip
MESSAGE_COLUMNS = (
    "id", "trace_id", "span_id", "project", "from_agent", "to_agent", "kind", "content",
    "timestamp", "seq", "attributes",
)  # fmt: skip
CHECKPOINT_COLUMNS = (
    "id", "trace_id", "span_id", "project", "agent", "name", "step", "state_hash", "parent_id",
    "thread_id", "checkpoint_ns", "framework_checkpoint_id", "framework", "timestamp",
    "metadata",
)  # fmt: skip
BLOB_COLUMNS = ("hash", "state", "size")

SESSION_KEYS = (
    "session.id",  # OpenInference; its LangChain instrumentor copies LangGraph's thread_id here
    "gen_ai.conversation.id",  # OTel GenAI
    "thread_id",  # a LangGraph thread id set as a plain span attribute
    "langsmith.metadata.thread_id",  # LangSmith's OTel export of the run's metadata
    "langsmith.metadata.session_id",
)
"""Span attributes that name a run's session, in order of precedence (first found wins).

The runs of one project that share the value form a session (docs/sessions.md).
"""


def _at(columns: tuple[str, ...], *names: str) -> tuple[int, ...]:
    return tuple(columns.index(name) for name in names)


# Positions of the columns the writer reads back from its rows. Every row starts with its
# key (spans: trace and span id; agents: trace id and name; the others: their id).
I_TRACE, I_SPAN, I_PARENT, I_PROJECT, I_NAME, I_AGENT, I_FRAMEWORK = _at(
    SPAN_COLUMNS, "trace_id", "span_id", "parent_span_id", "project", "name", "agent", "framework"
)
I_START, I_END, I_STATUS, I_INPUT, I_OUTPUT = _at(
    SPAN_COLUMNS, "start_time", "end_time", "status", "input", "output"
)
I_INPUT_TOKENS, I_OUTPUT_TOKENS, I_TOTAL_TOKENS = _at(
    SPAN_COLUMNS, "input_tokens", "output_tokens", "total_tokens"
)
SPAN_KEY = 2
"""Width of a span row's key: (trace_id, span_id)."""
A_TRACE, A_PROJECT, A_FIRST_SEEN = _at(AGENT_COLUMNS, "trace_id", "project", "first_seen")
A_FILLED = _at(AGENT_COLUMNS, "role", "framework", "model")
"""The agent columns a later row fills in when the first left them empty."""
AGENT_KEY = 2
"""Width of an agent row's key: (trace_id, name)."""
M_ID, M_TRACE, M_PROJECT, M_TIMESTAMP = _at(
    MESSAGE_COLUMNS, "id", "trace_id", "project", "timestamp"
)
C_ID, C_TRACE, C_PROJECT, C_STATE_HASH, C_TIMESTAMP = _at(
    CHECKPOINT_COLUMNS, "id", "trace_id", "project", "state_hash", "timestamp"
)
(B_HASH,) = _at(BLOB_COLUMNS, "hash")
ID_KEY = 1
"""Width of the key of message, checkpoint and blob rows: their id (a blob's hash)."""

_INT32_MAX = 2**31 - 1
_INT64_MAX = 2**63 - 1


def text(value: str | None, limit: int | None = None) -> str | None:
    """A string both databases store: no NUL character, at most ``limit`` characters."""
    if value is None:
        return None
    if "\x00" in value:
        value = value.replace("\x00", "\ufffd")
    if limit is not None and len(value) > limit:
        value = value[:limit]
    return value


def int32(value: int | None) -> int | None:
    """A count that fits an INTEGER column."""
    if value is None:
        return None
    return max(-_INT32_MAX, min(value, _INT32_MAX))


def int64(value: int) -> int:
    """A value that fits a BIGINT column."""
    return max(-_INT64_MAX, min(value, _INT64_MAX))


def dump_json(value: Any) -> str:
    """JSON text both databases accept (PostgreSQL's JSONB refuses ``\\u0000``)."""
    try:
        data = orjson.dumps(value)  # keys are strings (OTLP's are): the faster call
    except TypeError:
        try:
            data = orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
        except TypeError:  # integers past 64 bits, or objects orjson does not know
            data = json.dumps(value, default=str, ensure_ascii=False).encode()
    if b"\\u0000" in data:
        data = data.replace(b"\\u0000", b"\\ufffd")
    return data.decode()


def span_row(span: Span, resource_json: dict[int, str]) -> tuple[Any, ...]:
    """The ``spans`` row of a span; ``resource_json`` caches dumps of shared resources."""
    return _span_row(
        span.trace_id,
        span.span_id,
        span.parent_span_id,
        span.project,
        span.name,
        span.kind,
        span.span_type,
        span.agent,
        span.framework,
        span.start_time,
        span.end_time,
        span.status,
        span.status_message,
        span.input,
        span.output,
        span.model,
        span.input_tokens,
        span.output_tokens,
        span.total_tokens,
        span.attributes,
        span.events,
        span.links,
        span.resource,
        span.scope_name,
        span.scope_version,
        span.dropped_attributes_count,
        resource_json,
    )


def draft_row(d: SpanDraft, resource_json: dict[int, str]) -> tuple[Any, ...]:
    """The ``spans`` row of a checked draft: the row of its span, without building the span.

    The same as ``span_row(to_span(d), resource_json)``
    (:func:`agenttrace_ingestion.normalizers.build.to_span`).
    """
    return _span_row(
        d.trace_id,
        d.span_id,
        d.parent_id or None,
        d.project,
        d.name,
        d.kind,
        d.span_type,
        d.agent,
        d.framework,
        d.start,
        d.end,
        d.status,
        d.status_message,
        d.input,
        d.output,
        d.model,
        d.input_tokens,
        d.output_tokens,
        d.total_tokens,
        d.attrs,
        d.events,
        d.links,
        d.resource,
        d.scope_name or None,
        d.scope_version or None,
        d.dropped_attributes_count,
        resource_json,
    )


def _span_row(
    trace_id: str,
    span_id: str,
    parent_span_id: str | None,
    project: str,
    name: str,
    kind: str,
    span_type: SpanType,
    agent: str | None,
    framework: str | None,
    start: int,
    end: int,
    status: SpanStatus,
    status_message: str | None,
    input_: str | None,
    output: str | None,
    model: str | None,
    input_tokens: int | None,
    output_tokens: int | None,
    total_tokens: int | None,
    attributes: dict[str, Any],
    events: list[SpanEvent],
    links: list[SpanLink],
    resource: dict[str, Any],
    scope_name: str | None,
    scope_version: str | None,
    dropped_attributes_count: int,
    resource_json: dict[int, str],
) -> tuple[Any, ...]:
    """The hot loop of the writer's preparation.

    The checks of :func:`text`, :func:`int32` and :func:`int64` are made inline where a
    value is usually fine; the function is called only for a value that needs a change.
    """
    res = resource_json.get(id(resource))
    if res is None:
        res = resource_json[id(resource)] = dump_json(resource)
    if not (0 <= start <= _INT64_MAX and 0 <= end <= _INT64_MAX):
        start, end = int64(start), int64(end)
    if "\x00" in project or len(project) > 255:
        project = text(project, 255)  # type: ignore[assignment]
    if "\x00" in name or len(name) > 512:
        name = text(name, 512)  # type: ignore[assignment]
    if "\x00" in kind or len(kind) > 16:
        kind = text(kind, 16)  # type: ignore[assignment]
    if agent is not None and ("\x00" in agent or len(agent) > 255):
        agent = text(agent, 255)
    if framework is not None and ("\x00" in framework or len(framework) > 64):
        framework = text(framework, 64)
    if status_message is not None and "\x00" in status_message:
        status_message = text(status_message)
    if input_ is not None and "\x00" in input_:
        input_ = text(input_)
    if output is not None and "\x00" in output:
        output = text(output)
    if model is not None and ("\x00" in model or len(model) > 255):
        model = text(model, 255)
    if scope_name is not None and ("\x00" in scope_name or len(scope_name) > 255):
        scope_name = text(scope_name, 255)
    if scope_version is not None and ("\x00" in scope_version or len(scope_version) > 64):
        scope_version = text(scope_version, 64)
    return (
        trace_id,
        span_id,
        parent_span_id,
        project,
        name,
        kind,
        span_type.value,
        agent,
        framework,
        start,
        end,
        status.value,
        status_message,
        input_,
        output,
        model,
        _count(input_tokens),
        _count(output_tokens),
        _count(total_tokens),
        dump_json(attributes),
        dump_json(
            [{"name": e.name, "timestamp": e.timestamp, "attributes": e.attributes} for e in events]
        )
        if events
        else "[]",
        dump_json(
            [
                {"trace_id": lk.trace_id, "span_id": lk.span_id, "attributes": lk.attributes}
                for lk in links
            ]
        )
        if links
        else "[]",
        res,
        scope_name,
        scope_version,
        _count(dropped_attributes_count) or 0,
    )


def _count(value: int | None) -> int | None:
    """:func:`int32`, with the usual small or missing count returned at once."""
    if value is None or 0 <= value <= _INT32_MAX:
        return value
    return int32(value)


def agent_row(agent: Agent) -> tuple[Any, ...]:
    """The ``agents`` row of an agent."""
    return (
        agent.trace_id,
        text(agent.name, 255),
        text(agent.project, 255),
        text(agent.role),
        text(agent.framework, 64),
        text(agent.model, 255),
        dump_json(agent.config),
        int64(agent.first_seen),
    )


def message_row(message: AgentMessage) -> tuple[Any, ...]:
    """The ``agent_messages`` row of a message."""
    return (
        text(message.id, 64),
        message.trace_id,
        message.span_id,
        text(message.project, 255),
        text(message.from_agent, 255),
        text(message.to_agent, 255),
        message.kind.value,
        text(message.content),
        int64(message.timestamp),
        int32(message.seq) or 0,
        dump_json(message.attributes),
    )


def checkpoint_rows(checkpoint: Checkpoint) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The ``checkpoint_blobs`` row of its state and the ``checkpoints`` row of a checkpoint.

    The state is stored once per content: its key is the SHA-256 of its canonical JSON.
    """
    canonical = orjson.dumps(
        checkpoint.state, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS
    ).replace(b"\\u0000", b"\\ufffd")
    digest = hashlib.sha256(canonical).hexdigest()
    blob = (digest, canonical.decode(), len(canonical))
    row = (
        text(checkpoint.id, 64),
        checkpoint.trace_id,
        checkpoint.span_id,
        text(checkpoint.project, 255),
        text(checkpoint.agent, 255),
        text(checkpoint.name, 255),
        int32(checkpoint.step) or 0,
        digest,
        text(checkpoint.parent_id, 64),
        text(checkpoint.thread_id, 255),
        text(checkpoint.checkpoint_ns, 255),
        text(checkpoint.framework_checkpoint_id, 255),
        text(checkpoint.framework, 64),
        int64(checkpoint.timestamp),
        dump_json(checkpoint.metadata),
    )
    return blob, row


def first_by_key(items: Iterable[tuple[Any, ...]], width: int) -> list[tuple[Any, ...]]:
    """Rows with distinct keys (the first ``width`` columns), the first of each kept, sorted.

    Sorting by key makes every writer take row locks in the same order (no deadlocks
    between replicas).
    """
    seen: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for row in items:
        seen.setdefault(row[:width], row)
    return [seen[key] for key in sorted(seen)]
