"""PostgreSQL: compress the wide columns with lz4 instead of pglz.

Span rows carry kilobytes of inputs, outputs and attributes; PostgreSQL compresses every value
over ~2 KB when it stores it. pglz made that compression the most expensive part of a group
commit; lz4 does the same work in about half the time (``scripts/bench_ingest.py``). Only new
values are affected; stored ones keep their compression until rewritten. Skipped on SQLite and
on PostgreSQL servers built without lz4.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

WIDE_COLUMNS = {
    "spans": ("status_message", "input", "output", "attributes", "events", "links", "resource"),
    "agents": ("role", "config"),
    "agent_messages": ("content", "attributes"),
    "checkpoint_blobs": ("state",),
    "checkpoints": ("metadata",),
    "failure_annotations": ("explanation", "evidence"),
    "analysis_results": ("graph", "attribution", "facts", "run_trace_ids"),
}


def _lz4_available() -> bool:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    row = bind.execute(
        sa.text(
            "SELECT 1 FROM pg_settings "
            "WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
    ).first()
    return row is not None


def _set_compression(method: str) -> None:
    for table, columns in WIDE_COLUMNS.items():
        clauses = ", ".join(f"ALTER COLUMN {column} SET COMPRESSION {method}" for column in columns)
        op.execute(f"ALTER TABLE {table} {clauses}")


def upgrade() -> None:
    if _lz4_available():
        _set_compression("lz4")


def downgrade() -> None:
    if _lz4_available():
        _set_compression("pglz")
