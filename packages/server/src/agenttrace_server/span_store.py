"""Which span store the settings choose: ClickHouse when ``AGENTTRACE_CLICKHOUSE_URL`` is set,
else the SQL store of the relational database (the default)."""

from __future__ import annotations

import asyncio

from agenttrace_core.settings import Settings
from agenttrace_core.store import SpanStore
from agenttrace_store_clickhouse import ClickHouseSpanStore, transport_for
from agenttrace_store_clickhouse.migrations import migrate
from agenttrace_store_clickhouse.transport import database_of
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_server.sql_store import SqlSpanStore


def open_span_store(settings: Settings, engine: AsyncEngine) -> SpanStore:
    """The span store of ``settings``; the SQL one uses ``engine`` (the caller's to dispose)."""
    if settings.clickhouse_url:
        url = settings.clickhouse_url
        return ClickHouseSpanStore(transport_for(url), database_of(url))
    return SqlSpanStore(engine)


async def start_span_store(settings: Settings, engine: AsyncEngine, *, migrate: bool) -> SpanStore:
    """:func:`open_span_store`, its ClickHouse schema created or upgraded first if ``migrate``."""
    store = open_span_store(settings, engine)
    if migrate and isinstance(store, ClickHouseSpanStore):
        try:
            await asyncio.to_thread(store.migrate, retention_days=settings.retention_days)
        except BaseException:
            await store.close()
            raise
    return store


def apart(store: SpanStore) -> SpanStore | None:
    """``store`` when it is not the relational database (the ingestion writer then appends
    spans and agents to it, and the rest to the database); None for the SQL store."""
    return None if isinstance(store, SqlSpanStore) else store


def migrate_clickhouse(settings: Settings) -> list[int]:
    """Create or upgrade the ClickHouse schema and set its TTL; the versions applied now."""
    if not settings.clickhouse_url:
        raise ValueError("AGENTTRACE_CLICKHOUSE_URL is not set")
    transport = transport_for(settings.clickhouse_url)
    try:
        return migrate(
            transport,
            database_of(settings.clickhouse_url),
            retention_days=settings.retention_days,
        )
    finally:
        transport.close()
