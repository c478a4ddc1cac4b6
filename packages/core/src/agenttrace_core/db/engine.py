"""One async engine factory for ``sqlite+aiosqlite`` and ``postgresql+asyncpg``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, assert_never

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from agenttrace_core.db.dialect import Dialect
from agenttrace_core.settings import normalize_database_url


def dialect_of_url(url: str) -> Dialect:
    """The dialect a database URL names."""
    return Dialect(make_url(normalize_database_url(url)).get_backend_name())


def create_engine(url: str, *, pool_size: int = 10, echo: bool = False) -> AsyncEngine:
    """Create the async engine for a database URL.

    SQLite gets WAL mode, foreign keys, a busy timeout and its parent folder created;
    PostgreSQL gets a connection pool with pre-ping so that a restarted server is survived.
    """
    url = normalize_database_url(url)
    dialect = dialect_of_url(url)
    kwargs: dict[str, Any] = {"echo": echo}
    match dialect:
        case Dialect.SQLITE:
            ensure_sqlite_folder(url)
            kwargs["connect_args"] = {"timeout": 30}
        case Dialect.POSTGRESQL:
            kwargs.update(pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)
        case _:
            assert_never(dialect)
    engine = create_async_engine(url, **kwargs)
    if dialect is Dialect.SQLITE:
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def ensure_sqlite_folder(url: str) -> None:
    """Create the folder of a SQLite database file (no-op for other databases)."""
    parsed = make_url(normalize_database_url(url))
    if parsed.get_backend_name() != "sqlite":
        return
    database = parsed.database
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
