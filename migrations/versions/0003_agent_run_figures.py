"""Agents: the figures of each agent's run in a trace (spans, errors, tokens, last end).

``/agents`` used to group every span that has an agent on each call (about a second at a
million spans). The writer now keeps these figures on the agent's row as spans arrive; this
migration adds the columns and fills them from the spans already stored.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = ("last_seen", "span_count", "error_count", "total_tokens")


def upgrade() -> None:
    with op.batch_alter_table("agents") as batch:
        batch.add_column(sa.Column("last_seen", sa.BigInteger, nullable=False, server_default="0"))
        batch.add_column(sa.Column("span_count", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("error_count", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(
            sa.Column("total_tokens", sa.BigInteger, nullable=False, server_default="0")
        )
    op.execute(
        """
        UPDATE agents SET
          span_count = f.spans, error_count = f.errors, total_tokens = f.tokens,
          last_seen = f.last,
          first_seen = CASE WHEN f.first < agents.first_seen THEN f.first
                            ELSE agents.first_seen END
        FROM (
          SELECT trace_id, agent,
                 count(*) AS spans,
                 sum(CASE WHEN status = 'error' THEN 1 ELSE 0 END) AS errors,
                 sum(coalesce(total_tokens, 0)) AS tokens,
                 max(end_time) AS last,
                 min(start_time) AS first
          FROM spans WHERE agent IS NOT NULL GROUP BY trace_id, agent
        ) AS f
        WHERE agents.trace_id = f.trace_id AND agents.name = f.agent
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("agents") as batch:
        for column in COLUMNS:
            batch.drop_column(column)
