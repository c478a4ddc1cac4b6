"""The database primitives of a group commit, one class per database.

Both databases run the same ``INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING``
statements (see :mod:`agenttrace_ingestion.writer.store`); what they select from differs.
PostgreSQL binds the rows as one array per column and selects from ``unnest(…)``: no
temporary table, whose ``ON COMMIT`` truncation would create and delete files on every commit.
SQLite loads a temporary staging table (``<table>_in``) with ``executemany``; its writing
connections leave WAL checkpoints to the ingestion service's background task.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import Any, ClassVar, Protocol, assert_never

import asyncpg
from agenttrace_core.db import Dialect

from agenttrace_ingestion.writer.summaries import sqlite_timestamp

STAGED = ("spans", "agents", "agent_messages", "checkpoint_blobs", "checkpoints")
"""Tables that SQLite loads through a staging table named ``<table>_in``."""


class Driver(Protocol):
    """What the store needs from a raw database connection."""

    dialect: Dialect
    """The database it talks to."""

    def placeholders(self, count: int) -> str:
        """``count`` comma-separated bind placeholders."""
        ...

    def timestamp(self, value: datetime) -> Any:
        """A ``UtcDateTime`` value as this driver binds it."""
        ...

    async def begin(self) -> None:
        """Start the transaction of one group commit (staging tables ready and empty)."""
        ...

    async def commit(self) -> None:
        """Commit it."""
        ...

    async def rollback(self) -> None:
        """Roll it back (never raises)."""
        ...

    async def source(
        self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]], alias: str
    ) -> tuple[str, list[Any]]:
        """A ``FROM`` item (named ``alias``) holding ``rows``, and the arguments it binds."""
        ...

    async def fetch(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run a statement and return its rows."""
        ...

    async def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        """Run a statement once per row."""
        ...

    async def insert_all(
        self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> bool:
        """Insert ``rows`` straight into ``table`` when none of them is stored yet.

        Returns False, with nothing inserted and the transaction still usable, when some row
        is there already (a retried export); the caller then inserts them one by one with
        ``ON CONFLICT DO NOTHING``.
        """
        ...


class PostgresDriver:
    """asyncpg: binary COPY straight into ``spans``; ``unnest`` of column arrays otherwise."""

    _types: ClassVar[dict[str, dict[str, str]]] = {}
    """Column types per table (the schema is the same for every connection)."""

    dialect = Dialect.POSTGRESQL

    def __init__(self, connection: Any) -> None:
        self._conn = connection
        self._tx: Any = None

    def placeholders(self, count: int) -> str:
        return ", ".join(f"${i}" for i in range(1, count + 1))

    def timestamp(self, value: datetime) -> Any:
        return value

    async def begin(self) -> None:
        self._tx = self._conn.transaction()
        await self._tx.start()

    async def commit(self) -> None:
        await self._tx.commit()

    async def rollback(self) -> None:
        if self._tx is not None:
            with contextlib.suppress(Exception):  # the connection may be gone; the pool drops it
                await self._tx.rollback()

    async def source(
        self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]], alias: str
    ) -> tuple[str, list[Any]]:
        types = self._types.get(table)
        if types is None:
            found = await self._conn.fetch(
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                "WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped",
                table,
            )
            types = self._types[table] = {name: kind for name, kind in found}
        arrays = ", ".join(f"${i}::{types[c]}[]" for i, c in enumerate(columns, start=1))
        return (
            f"unnest({arrays}) AS {alias}({', '.join(columns)})",
            [list(column) for column in zip(*rows, strict=True)],
        )

    async def fetch(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in await self._conn.fetch(sql, *args)]

    async def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        await self._conn.executemany(sql, rows)

    async def insert_all(
        self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> bool:
        savepoint = self._conn.transaction()
        await savepoint.start()
        try:
            await self._conn.copy_records_to_table(table, records=rows, columns=list(columns))
        except asyncpg.UniqueViolationError:
            await savepoint.rollback()
            return False
        except BaseException:
            await savepoint.rollback()
            raise
        await savepoint.commit()
        return True


class SqliteDriver:
    """aiosqlite: ``executemany`` into temporary tables, under ``BEGIN IMMEDIATE``."""

    dialect = Dialect.SQLITE

    def __init__(self, connection: Any) -> None:
        self._conn = connection
        self._staged: set[str] = set()

    def placeholders(self, count: int) -> str:
        return ", ".join("?" * count)

    def timestamp(self, value: datetime) -> Any:
        return sqlite_timestamp(value)

    async def begin(self) -> None:
        if self._conn.in_transaction:
            await self._conn.rollback()
        # The ingestion service checkpoints the WAL in the background, off the write path.
        await self._conn.execute("PRAGMA wal_autocheckpoint=0")
        for table in STAGED:
            await self._conn.execute(
                f"CREATE TEMP TABLE IF NOT EXISTS {table}_in AS SELECT * FROM main.{table} WHERE 0"
            )
        await self._conn.execute("BEGIN IMMEDIATE")
        for table in STAGED:
            await self._conn.execute(f"DELETE FROM temp.{table}_in")
        self._staged.clear()

    async def commit(self) -> None:
        await self._conn.commit()

    async def rollback(self) -> None:
        with contextlib.suppress(Exception):  # nothing to roll back, or the connection is gone
            await self._conn.rollback()

    async def source(
        self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]], alias: str
    ) -> tuple[str, list[Any]]:
        if table not in self._staged:  # once per transaction: the rows are the same
            await self._conn.executemany(
                f"INSERT INTO temp.{table}_in ({', '.join(columns)}) "
                f"VALUES ({self.placeholders(len(columns))})",
                rows,
            )
            self._staged.add(table)
        return f"temp.{table}_in AS {alias}", []

    async def fetch(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        async with self._conn.execute(sql, tuple(args)) as cursor:
            return [tuple(r) for r in await cursor.fetchall()]

    async def executemany(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        await self._conn.executemany(sql, rows)

    async def insert_all(
        self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> bool:
        await self._conn.execute("SAVEPOINT insert_all")
        try:
            await self._conn.executemany(
                f"INSERT INTO main.{table} ({', '.join(columns)}) "
                f"VALUES ({self.placeholders(len(columns))})",
                rows,
            )
        except sqlite3.IntegrityError:
            await self._conn.execute("ROLLBACK TO SAVEPOINT insert_all")
            await self._conn.execute("RELEASE SAVEPOINT insert_all")
            return False
        except BaseException:
            with contextlib.suppress(Exception):
                await self._conn.execute("ROLLBACK TO SAVEPOINT insert_all")
                await self._conn.execute("RELEASE SAVEPOINT insert_all")
            raise
        await self._conn.execute("RELEASE SAVEPOINT insert_all")
        return True


def driver_for(dialect: Dialect, connection: Any) -> Driver:
    """The driver of a raw (``driver_connection``) connection of ``dialect``."""
    match dialect:
        case Dialect.POSTGRESQL:
            return PostgresDriver(connection)
        case Dialect.SQLITE:
            return SqliteDriver(connection)
        case _:
            assert_never(dialect)
