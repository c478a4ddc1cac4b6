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
