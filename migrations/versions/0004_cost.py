"""Cost: USD per agent run, and how many LLM spans of a run or an agent run have no price.

``traces.cost`` (there since 0001, never filled until now) and the new ``agents.cost`` hold
the sum of the known costs of the LLM spans; ``unpriced_llm_spans`` counts the LLM spans
whose cost is unknown. Spans stored before this revision were never priced: they are counted
as unpriced, so their runs show "unknown" rather than a cost that leaves them out.

Revision ID: 0004_cost
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_cost"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("traces") as batch:
        batch.add_column(
            sa.Column("unpriced_llm_spans", sa.Integer, nullable=False, server_default="0")
        )
    with op.batch_alter_table("agents") as batch:
        batch.add_column(sa.Column("cost", sa.Float, nullable=True))
        batch.add_column(
            sa.Column("unpriced_llm_spans", sa.Integer, nullable=False, server_default="0")
        )
    op.execute(
        """
        UPDATE traces SET unpriced_llm_spans = f.n
        FROM (SELECT trace_id, count(*) AS n FROM spans WHERE span_type = 'llm'
              GROUP BY trace_id) AS f
        WHERE traces.trace_id = f.trace_id AND traces.cost IS NULL
        """
    )
    op.execute(
        """
        UPDATE agents SET unpriced_llm_spans = f.n
        FROM (SELECT trace_id, agent, count(*) AS n FROM spans
              WHERE span_type = 'llm' AND agent IS NOT NULL GROUP BY trace_id, agent) AS f
        WHERE agents.trace_id = f.trace_id AND agents.name = f.agent
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("agents") as batch:
        batch.drop_column("unpriced_llm_spans")
        batch.drop_column("cost")
    with op.batch_alter_table("traces") as batch:
        batch.drop_column("unpriced_llm_spans")
