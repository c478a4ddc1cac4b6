"""One history for both databases: base → head → base, and head matches the schema module."""

from __future__ import annotations

import asyncio

from agenttrace_core.db import create_engine
from agenttrace_core.db.migrate import downgrade_to_base, upgrade_to_head
from agenttrace_core.db.schema import metadata
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect


def _tables(url: str) -> set[str]:
    async def run() -> set[str]:
        engine = create_engine(url)
        async with engine.connect() as conn:
            names = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
        await engine.dispose()
        return names

    return asyncio.run(run())


def _diff(url: str) -> list[object]:
    async def run() -> list[object]:
        engine = create_engine(url)
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c), metadata)
            )
        await engine.dispose()
        return list(diff)

    return asyncio.run(run())


def test_up_and_down(database_url: str) -> None:
    # the fixture's database is already at head
    assert set(metadata.tables) <= _tables(database_url)
    assert _diff(database_url) == []
    downgrade_to_base(database_url)
    assert _tables(database_url) <= {"alembic_version"}
    upgrade_to_head(database_url)
    assert set(metadata.tables) <= _tables(database_url)
