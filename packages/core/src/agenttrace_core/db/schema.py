"""The database schema of every table, in SQLAlchemy Core.

Times of telemetry (span start/end, message and checkpoint times) are integers of nanoseconds
since the Unix epoch, so that order is exact on both databases; bookkeeping times
(``created_at`` …) are UTC timestamps. OpenTelemetry ids are lower-case hex strings.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from agenttrace_core.db.types import JsonType, UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

TRACE_ID = String(32)
SPAN_ID = String(16)
NAME = String(512)

projects = Table(
    "projects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(255), nullable=False, unique=True),
    Column("description", Text, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(255), nullable=False, server_default=""),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False, server_default=""),
    Column("created_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime, nullable=True),
)

traces = Table(
    "traces",
    metadata,
    Column("trace_id", TRACE_ID, primary_key=True),
    Column("project", String(255), nullable=False),
    Column("name", NAME, nullable=True),
    Column("root_span_id", SPAN_ID, nullable=True),
    Column("session_id", String(255), nullable=True),
    Column("framework", String(64), nullable=True),
    Column("status", String(16), nullable=False, server_default="unset"),
    Column("start_time", BigInteger, nullable=False),
    Column("end_time", BigInteger, nullable=False),
    Column("span_count", Integer, nullable=False, server_default="0"),
    Column("error_count", Integer, nullable=False, server_default="0"),
    Column("agent_count", Integer, nullable=False, server_default="0"),
    Column("input_tokens", BigInteger, nullable=False, server_default="0"),
    Column("output_tokens", BigInteger, nullable=False, server_default="0"),
    Column("total_tokens", BigInteger, nullable=False, server_default="0"),
    Column("cost", Float, nullable=True),  # USD of the priced LLM spans; NULL: none priced
    Column("unpriced_llm_spans", Integer, nullable=False, server_default="0"),
    Column("input_preview", Text, nullable=True),
    Column("output_preview", Text, nullable=True),
    Column("human_verdict", String(16), nullable=True),
    Column("analysis_state", String(16), nullable=False, server_default="pending"),
    Column("analyzed_at", UtcDateTime, nullable=True),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_traces_project_start", "project", "start_time"),
    Index("ix_traces_project_status_start", "project", "status", "start_time"),
    Index("ix_traces_start_time", "start_time"),
    Index("ix_traces_framework", "framework"),
    Index("ix_traces_session_id", "session_id"),
    Index("ix_traces_analysis_state_updated", "analysis_state", "updated_at"),
)

spans = Table(
    "spans",
    metadata,
    Column("trace_id", TRACE_ID, nullable=False),
    Column("span_id", SPAN_ID, nullable=False),
    Column("parent_span_id", SPAN_ID, nullable=True),
    Column("project", String(255), nullable=False),
    Column("name", NAME, nullable=False),
    Column("kind", String(16), nullable=False, server_default="internal"),
    Column("span_type", String(16), nullable=False, server_default="other"),
    Column("agent", String(255), nullable=True),
    Column("framework", String(64), nullable=True),
    Column("start_time", BigInteger, nullable=False),
    Column("end_time", BigInteger, nullable=False),
    Column("status", String(16), nullable=False, server_default="unset"),
    Column("status_message", Text, nullable=True),
    Column("input", Text, nullable=True),
    Column("output", Text, nullable=True),
    Column("model", String(255), nullable=True),
    Column("input_tokens", Integer, nullable=True),
    Column("output_tokens", Integer, nullable=True),
    Column("total_tokens", Integer, nullable=True),
    Column("attributes", JsonType, nullable=False),
    Column("events", JsonType, nullable=False),
    Column("links", JsonType, nullable=False),
    Column("resource", JsonType, nullable=False),
    Column("scope_name", String(255), nullable=True),
    Column("scope_version", String(64), nullable=True),
    Column("dropped_attributes_count", Integer, nullable=False, server_default="0"),
    PrimaryKeyConstraint("trace_id", "span_id", name="pk_spans"),
    Index("ix_spans_trace_start", "trace_id", "start_time"),
    Index("ix_spans_project_start", "project", "start_time"),
    Index("ix_spans_trace_agent", "trace_id", "agent"),
    Index("ix_spans_agent_trace", "agent", "trace_id"),
)

agents = Table(
    "agents",
    metadata,
    Column("trace_id", TRACE_ID, nullable=False),
    Column("name", String(255), nullable=False),
    Column("project", String(255), nullable=False),
    Column("role", Text, nullable=True),
    Column("framework", String(64), nullable=True),
    Column("model", String(255), nullable=True),
    Column("config", JsonType, nullable=False),
    Column("first_seen", BigInteger, nullable=False),
    # the agent's run in this trace, kept up to date by the writer (figures of /agents)
    Column("last_seen", BigInteger, nullable=False, server_default="0"),
    Column("span_count", Integer, nullable=False, server_default="0"),
    Column("error_count", Integer, nullable=False, server_default="0"),
    Column("total_tokens", BigInteger, nullable=False, server_default="0"),
    Column("cost", Float, nullable=True),
    Column("unpriced_llm_spans", Integer, nullable=False, server_default="0"),
    PrimaryKeyConstraint("trace_id", "name", name="pk_agents"),
    Index("ix_agents_project_name", "project", "name"),
    Index("ix_agents_name_trace", "name", "trace_id"),
)

agent_messages = Table(
    "agent_messages",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("trace_id", TRACE_ID, nullable=False),
    Column("span_id", SPAN_ID, nullable=True),
    Column("project", String(255), nullable=False),
    Column("from_agent", String(255), nullable=True),
    Column("to_agent", String(255), nullable=True),
    Column("kind", String(16), nullable=False),
    Column("content", Text, nullable=True),
    Column("timestamp", BigInteger, nullable=False),
    Column("seq", Integer, nullable=False, server_default="0"),
    Column("attributes", JsonType, nullable=False),
    Index("ix_agent_messages_trace_time", "trace_id", "timestamp", "seq"),
)

checkpoint_blobs = Table(
    "checkpoint_blobs",
    metadata,
    Column("hash", String(64), primary_key=True),
    Column("state", JsonType, nullable=False),
    Column("size", Integer, nullable=False),
)

checkpoints = Table(
    "checkpoints",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("trace_id", TRACE_ID, nullable=False),
    Column("span_id", SPAN_ID, nullable=True),
    Column("project", String(255), nullable=False),
    Column("agent", String(255), nullable=True),
    Column("name", String(255), nullable=True),
    Column("step", Integer, nullable=False),
    Column("state_hash", String(64), ForeignKey("checkpoint_blobs.hash"), nullable=False),
    Column("parent_id", String(64), nullable=True),
    Column("thread_id", String(255), nullable=True),
    Column("checkpoint_ns", String(255), nullable=True),
    Column("framework_checkpoint_id", String(255), nullable=True),
    Column("framework", String(64), nullable=True),
    Column("timestamp", BigInteger, nullable=False),
    Column("metadata", JsonType, nullable=False),
    Index("ix_checkpoints_trace_step", "trace_id", "step"),
)

failure_annotations = Table(
    "failure_annotations",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("trace_id", TRACE_ID, nullable=False),
    Column("project", String(255), nullable=False),
    Column("span_id", SPAN_ID, nullable=True),
    Column("agent", String(255), nullable=True),
    Column("mode", String(16), nullable=False),
    Column("category", String(32), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("explanation", Text, nullable=True),
    Column("evidence", JsonType, nullable=False),
    Column("source", String(16), nullable=False),
    Column("status", String(16), nullable=False, server_default="proposed"),
    Column("author", String(255), nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Index("ix_failure_annotations_trace", "trace_id"),
    Index("ix_failure_annotations_mode", "mode", "trace_id"),
    Index("ix_failure_annotations_project_mode", "project", "mode"),
    Index("ix_failure_annotations_trace_mode_status", "trace_id", "mode", "status"),
)

analysis_results = Table(
    "analysis_results",
    metadata,
    Column("trace_id", TRACE_ID, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("graph", JsonType, nullable=True),
    Column("attribution", JsonType, nullable=True),
    Column("facts", JsonType, nullable=True),
    Column("run_trace_ids", JsonType, nullable=True),
    Column("computed_at", UtcDateTime, nullable=False),
)

replays = Table(
    "replays",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("project", String(255), nullable=False),
    Column("source_trace_id", TRACE_ID, nullable=False),
    Column("checkpoint_id", String(64), nullable=False),
    Column("modifications", JsonType, nullable=False),
    Column("app", String(512), nullable=True),
    Column("recorded_only", Boolean, nullable=False, server_default="0"),
    Column("status", String(16), nullable=False),
    Column("new_trace_id", TRACE_ID, nullable=True),
    Column("worker", String(255), nullable=True),
    Column("error", Text, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("claimed_at", UtcDateTime, nullable=True),
    Column("finished_at", UtcDateTime, nullable=True),
    Index("ix_replays_source_trace", "source_trace_id"),
    Index("ix_replays_status_created", "status", "created_at"),
)

__all__ = [
    "agent_messages",
    "agents",
    "analysis_results",
    "api_keys",
    "checkpoint_blobs",
    "checkpoints",
    "failure_annotations",
    "metadata",
    "projects",
    "replays",
    "spans",
    "traces",
]
