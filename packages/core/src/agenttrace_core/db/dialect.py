"""The SQL that truly differs between the databases, switched on one enum."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, assert_never

from sqlalchemy import Insert, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine


class Dialect(StrEnum):
    """The databases AgentTrace runs on."""

    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"

    @classmethod
    def of(cls, bind: AsyncEngine | AsyncConnection) -> Dialect:
        """The dialect of an engine or connection."""
        return cls(bind.dialect.name)


def insert_ignore(
    dialect: Dialect, table: Table, *, index_elements: Sequence[str] | None = None
) -> Insert:
    """An INSERT that skips rows whose key already exists (``ON CONFLICT DO NOTHING``)."""
    match dialect:
        case Dialect.SQLITE:
            return sqlite.insert(table).on_conflict_do_nothing(index_elements=index_elements)
        case Dialect.POSTGRESQL:
            return postgresql.insert(table).on_conflict_do_nothing(index_elements=index_elements)
        case _:
            assert_never(dialect)


def insert_upsert(
    dialect: Dialect,
    table: Table,
    *,
    index_elements: Sequence[str],
    update: dict[str, Any] | Callable[[Any], dict[str, Any]] | None = None,
) -> Any:
    """An INSERT … ON CONFLICT (keys) DO UPDATE.

    ``update`` maps column names to expressions, which may refer to ``excluded`` through the
    returned statement's ``.excluded`` (pass a callable instead to build them from it).
    """
    match dialect:
        case Dialect.SQLITE:
            stmt: Any = sqlite.insert(table)
        case Dialect.POSTGRESQL:
            stmt = postgresql.insert(table)
        case _:
            assert_never(dialect)
    values = update(stmt.excluded) if callable(update) else update
    if not values:
        return stmt.on_conflict_do_nothing(index_elements=index_elements)
    return stmt.on_conflict_do_update(index_elements=index_elements, set_=values)


AGENT_FIGURES = (
    "spans", "errors", "tokens", "cost", "unpriced", "last", "first", "trace_id", "name",
)  # fmt: skip
"""The parameters of :func:`agent_figures_sql`, in positional order. ``cost`` is the USD of
the priced LLM spans (None: none of them priced), ``unpriced`` the LLM spans without one."""


def agent_figures_sql(dialect: Dialect, *, named: bool = False) -> str:
    """``UPDATE agents`` adding the figures of more spans to an agent's run in a trace.

    The parameters are :data:`AGENT_FIGURES`, as ``:name`` for SQLAlchemy's ``text()`` or, on
    SQLite's own driver, numbered (``?1``, ``?2`` …). A raw PostgreSQL connection updates many
    runs in one statement instead: :data:`AGENT_FIGURES_UNNEST`.
    """
    match dialect:
        case Dialect.POSTGRESQL:
            if not named:
                raise ValueError("on a raw PostgreSQL connection use AGENT_FIGURES_UNNEST")
            greatest, least = "GREATEST", "LEAST"
        case Dialect.SQLITE:
            greatest, least = "max", "min"
        case _:
            assert_never(dialect)
    if named:
        marks = [f":{name}" for name in AGENT_FIGURES]
    else:  # numbered: the cost is used twice
        marks = [f"?{i}" for i in range(1, len(AGENT_FIGURES) + 1)]
    spans, errors, tokens, cost, unpriced, last, first, trace_id, name = marks
    return (
        f"UPDATE agents SET span_count = span_count + {spans}, "
        f"error_count = error_count + {errors}, total_tokens = total_tokens + {tokens}, "
        f"cost = {_ADD_COST.format(old='cost', new=f'CAST({cost} AS DOUBLE PRECISION)')}, "
        f"unpriced_llm_spans = unpriced_llm_spans + {unpriced}, "
        f"last_seen = {greatest}(last_seen, {last}), first_seen = {least}(first_seen, {first}) "
        f"WHERE trace_id = {trace_id} AND name = {name}"
    )


_ADD_COST = "CASE WHEN {new} IS NULL THEN {old} ELSE COALESCE({old}, 0) + {new} END"
"""A cost plus more cost, where NULL means "none known" (not 0): NULL + NULL stays NULL."""


def add_cost_sql(old: str, new: str) -> str:
    """SQL for the cost ``old`` plus ``new`` (both may be NULL: unknown, not 0)."""
    return _ADD_COST.format(old=old, new=new)


AGENT_FIGURES_UNNEST = (
    "UPDATE agents SET span_count = agents.span_count + f.spans, "
    "error_count = agents.error_count + f.errors, "
    "total_tokens = agents.total_tokens + f.tokens, "
    f"cost = {_ADD_COST.format(old='agents.cost', new='f.cost')}, "
    "unpriced_llm_spans = agents.unpriced_llm_spans + f.unpriced, "
    "last_seen = GREATEST(agents.last_seen, f.last), "
    "first_seen = LEAST(agents.first_seen, f.first) "
    "FROM unnest($1::integer[], $2::integer[], $3::bigint[], $4::double precision[], "
    "$5::integer[], $6::bigint[], $7::bigint[], $8::varchar[], $9::varchar[]) "
    "AS f(spans, errors, tokens, cost, unpriced, last, first, trace_id, name) "
    "WHERE agents.trace_id = f.trace_id AND agents.name = f.name"
)
"""PostgreSQL: :func:`agent_figures_sql` for many runs in one statement, one array per
parameter of :data:`AGENT_FIGURES` (each run once)."""
