"""Initial schema: projects, traces, spans, agents, messages, checkpoints, annotations, replays.

On PostgreSQL with the ``timescaledb`` extension available, ``spans`` becomes a hypertable on
``start_time`` (integer nanoseconds) with compression after 7 days and, when
``AGENTTRACE_RETENTION_DAYS`` is set, a retention policy. The uniqueness of
``(trace_id, span_id)`` then holds through a unique index that includes ``start_time``
(Timescale requires the partitioning column in every unique index; a re-sent span carries the
same start time, so a retry is still refused).

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import os

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Column types of this migration, independent of the live schema module.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)
TRACE_ID = sa.String(32)
SPAN_ID = sa.String(16)
NS_PER_DAY = 86_400 * 10**9


def _timescale_available() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    row = bind.execute(
        sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'")
    ).first()
    return row is not None


def upgrade() -> None:
    op.create_table(
        "projects",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("description", sa.Text, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_projects"),
        sa.UniqueConstraint("name", name="uq_projects_name"),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer, autoincrement=True),
        sa.Column("project_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(255), nullable=False, server_default=""),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False, server_default=""),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_api_keys"),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["projects.id"],
            name="fk_api_keys_project_id_projects",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("key_hash", name="uq_api_keys_key_hash"),
    )
    op.create_table(
        "traces",
        sa.Column("trace_id", TRACE_ID, nullable=False),
        sa.Column("project", sa.String(255), nullable=False),
        sa.Column("name", sa.String(512), nullable=True),
        sa.Column("root_span_id", SPAN_ID, nullable=True),
        sa.Column("session_id", sa.String(255), nullable=True),
        sa.Column("framework", sa.String(64), nullable=True),
        sa.Column("status", sa.String(16), nullable=False, server_default="unset"),
        sa.Column("start_time", sa.BigInteger, nullable=False),
        sa.Column("end_time", sa.BigInteger, nullable=False),
        sa.Column("span_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("agent_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("input_tokens", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("output_tokens", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("total_tokens", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("cost", sa.Float, nullable=True),
        sa.Column("input_preview", sa.Text, nullable=True),
        sa.Column("output_preview", sa.Text, nullable=True),
        sa.Column("human_verdict", sa.String(16), nullable=True),
        sa.Column("analysis_state", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("analyzed_at", TS, nullable=True),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("trace_id", name="pk_traces"),
    )
    op.create_index("ix_traces_project_start", "traces", ["project", "start_time"])
    op.create_index("ix_traces_project_status_start", "traces", ["project", "status", "start_time"])
    op.create_index("ix_traces_start_time", "traces", ["start_time"])
    op.create_index("ix_traces_framework", "traces", ["framework"])
    op.create_index("ix_traces_session_id", "traces", ["session_id"])
    op.create_index("ix_traces_analysis_state_updated", "traces", ["analysis_state", "updated_at"])

    timescale = _timescale_available()
    op.create_table(
        "spans",
        sa.Column("trace_id", TRACE_ID, nullable=False),
        sa.Column("span_id", SPAN_ID, nullable=False),
        sa.Column("parent_span_id", SPAN_ID, nullable=True),
        sa.Column("project", sa.String(255), nullable=False),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False, server_default="internal"),
        sa.Column("span_type", sa.String(16), nullable=False, server_default="other"),
        sa.Column("agent", sa.String(255), nullable=True),
        sa.Column("framework", sa.String(64), nullable=True),
        sa.Column("start_time", sa.BigInteger, nullable=False),
        sa.Column("end_time", sa.BigInteger, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="unset"),
        sa.Column("status_message", sa.Text, nullable=True),
        sa.Column("input", sa.Text, nullable=True),
        sa.Column("output", sa.Text, nullable=True),
        sa.Column("model", sa.String(255), nullable=True),
        sa.Column("input_tokens", sa.Integer, nullable=True),
        sa.Column("output_tokens", sa.Integer, nullable=True),
        sa.Column("total_tokens", sa.Integer, nullable=True),
        sa.Column("attributes", JSON, nullable=False),
        sa.Column("events", JSON, nullable=False),
        sa.Column("links", JSON, nullable=False),
        sa.Column("resource", JSON, nullable=False),
        sa.Column("scope_name", sa.String(255), nullable=True),
        sa.Column("scope_version", sa.String(64), nullable=True),
        sa.Column("dropped_attributes_count", sa.Integer, nullable=False, server_default="0"),
        *(() if timescale else (sa.PrimaryKeyConstraint("trace_id", "span_id", name="pk_spans"),)),
    )
    op.create_index("ix_spans_trace_start", "spans", ["trace_id", "start_time"])
    op.create_index("ix_spans_project_start", "spans", ["project", "start_time"])
    op.create_index("ix_spans_trace_agent", "spans", ["trace_id", "agent"])
    op.create_index("ix_spans_agent_trace", "spans", ["agent", "trace_id"])
    if timescale:
        _make_hypertable()

    op.create_table(
        "agents",
        sa.Column("trace_id", TRACE_ID, nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("project", sa.String(255), nullable=False),
        sa.Column("role", sa.Text, nullable=True),
        sa.Column("framework", sa.String(64), nullable=True),
        sa.Column("model", sa.String(255), nullable=True),
        sa.Column("config", JSON, nullable=False),
        sa.Column("first_seen", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("trace_id", "name", name="pk_agents"),
    )
    op.create_index("ix_agents_project_name", "agents", ["project", "name"])
    op.create_index("ix_agents_name_trace", "agents", ["name", "trace_id"])

    op.create_table(
        "agent_messages",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("trace_id", TRACE_ID, nullable=False),
        sa.Column("span_id", SPAN_ID, nullable=True),
        sa.Column("project", sa.String(255), nullable=False),
        sa.Column("from_agent", sa.String(255), nullable=True),
        sa.Column("to_agent", sa.String(255), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("content", sa.Text, nullable=True),
        sa.Column("timestamp", sa.BigInteger, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False, server_default="0"),
        sa.Column("attributes", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_agent_messages"),
    )
    op.create_index(
        "ix_agent_messages_trace_time", "agent_messages", ["trace_id", "timestamp", "seq"]
    )

    op.create_table(
        "checkpoint_blobs",
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("state", JSON, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("hash", name="pk_checkpoint_blobs"),
    )
    op.create_table(
        "checkpoints",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("trace_id", TRACE_ID, nullable=False),
        sa.Column("span_id", SPAN_ID, nullable=True),
        sa.Column("project", sa.String(255), nullable=False),
        sa.Column("agent", sa.String(255), nullable=True),
        sa.Column("name", sa.String(255), nullable=True),
        sa.Column("step", sa.Integer, nullable=False),
        sa.Column("state_hash", sa.String(64), nullable=False),
        sa.Column("parent_id", sa.String(64), nullable=True),
        sa.Column("thread_id", sa.String(255), nullable=True),
        sa.Column("checkpoint_ns", sa.String(255), nullable=True),
        sa.Column("framework_checkpoint_id", sa.String(255), nullable=True),
        sa.Column("framework", sa.String(64), nullable=True),
        sa.Column("timestamp", sa.BigInteger, nullable=False),
        sa.Column("metadata", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_checkpoints"),
        sa.ForeignKeyConstraint(
            ["state_hash"],
            ["checkpoint_blobs.hash"],
            name="fk_checkpoints_state_hash_checkpoint_blobs",
        ),
    )
    op.create_index("ix_checkpoints_trace_step", "checkpoints", ["trace_id", "step"])

    op.create_table(
        "failure_annotations",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("trace_id", TRACE_ID, nullable=False),
        sa.Column("project", sa.String(255), nullable=False),
        sa.Column("span_id", SPAN_ID, nullable=True),
        sa.Column("agent", sa.String(255), nullable=True),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("explanation", sa.Text, nullable=True),
        sa.Column("evidence", JSON, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="proposed"),
        sa.Column("author", sa.String(255), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_failure_annotations"),
    )
    op.create_index("ix_failure_annotations_trace", "failure_annotations", ["trace_id"])
    op.create_index("ix_failure_annotations_mode", "failure_annotations", ["mode", "trace_id"])
    op.create_index(
        "ix_failure_annotations_project_mode", "failure_annotations", ["project", "mode"]
    )
    op.create_index(
        "ix_failure_annotations_trace_mode_status",
        "failure_annotations",
        ["trace_id", "mode", "status"],
    )

    op.create_table(
        "analysis_results",
        sa.Column("trace_id", TRACE_ID, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("graph", JSON, nullable=True),
        sa.Column("attribution", JSON, nullable=True),
        sa.Column("facts", JSON, nullable=True),
        sa.Column("run_trace_ids", JSON, nullable=True),
        sa.Column("computed_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("trace_id", name="pk_analysis_results"),
    )

    op.create_table(
        "replays",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("project", sa.String(255), nullable=False),
        sa.Column("source_trace_id", TRACE_ID, nullable=False),
        sa.Column("checkpoint_id", sa.String(64), nullable=False),
        sa.Column("modifications", JSON, nullable=False),
        sa.Column("app", sa.String(512), nullable=True),
        sa.Column("recorded_only", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("new_trace_id", TRACE_ID, nullable=True),
        sa.Column("worker", sa.String(255), nullable=True),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("claimed_at", TS, nullable=True),
        sa.Column("finished_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_replays"),
    )
    op.create_index("ix_replays_source_trace", "replays", ["source_trace_id"])
    op.create_index("ix_replays_status_created", "replays", ["status", "created_at"])


def _make_hypertable() -> None:
    """Turn ``spans`` into a TimescaleDB hypertable with compression and retention."""
    op.execute("CREATE EXTENSION IF NOT EXISTS timescaledb")
    op.execute(
        "CREATE UNIQUE INDEX uq_spans_trace_id_span_id_start_time "
        "ON spans (trace_id, span_id, start_time)"
    )
    op.execute(
        "SELECT create_hypertable('spans', 'start_time', "
        f"chunk_time_interval => {NS_PER_DAY}::bigint)"
    )
    op.execute(
        "CREATE OR REPLACE FUNCTION agenttrace_now_ns() RETURNS bigint LANGUAGE SQL STABLE AS "
        "$$ SELECT (extract(epoch FROM now()) * 1000000000)::bigint $$"
    )
    op.execute("SELECT set_integer_now_func('spans', 'agenttrace_now_ns')")
    op.execute(
        "ALTER TABLE spans SET (timescaledb.compress, "
        "timescaledb.compress_segmentby = 'project', "
        "timescaledb.compress_orderby = 'start_time DESC')"
    )
    op.execute(f"SELECT add_compression_policy('spans', {7 * NS_PER_DAY}::bigint)")
    days = os.environ.get("AGENTTRACE_RETENTION_DAYS")
    if days:
        op.execute(f"SELECT add_retention_policy('spans', {int(days) * NS_PER_DAY}::bigint)")


def downgrade() -> None:
    for table in (
        "replays",
        "analysis_results",
        "failure_annotations",
        "checkpoints",
        "checkpoint_blobs",
        "agent_messages",
        "agents",
        "spans",
        "traces",
        "api_keys",
        "projects",
    ):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS agenttrace_now_ns()")
