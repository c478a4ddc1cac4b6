"""Compose the services of one process: shared engine, span store, ingestion queue, analysis
worker."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from agenttrace_analysis.worker import AnalysisWorker
from agenttrace_core.db import create_engine, upgrade_to_head
from agenttrace_core.settings import Settings
from agenttrace_core.store import SpanStore
from agenttrace_ingestion import IngestionService
from agenttrace_ingestion.pipeline import tune_gc
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_server.span_store import apart, start_span_store

logger = logging.getLogger(__name__)


@dataclass
class Runtime:
    """What the apps of one process share."""

    settings: Settings
    engine: AsyncEngine
    ingestion: IngestionService | None
    analysis: AnalysisWorker | None
    span_store: SpanStore
    """Where spans are (the SQL store, or ClickHouse's): the ingestion writer appends to it, the
    API and the analysis read from it."""


@asynccontextmanager
async def runtime(
    settings: Settings, *, ingestion: bool = True, analysis: bool = True, migrate: bool = True
) -> AsyncIterator[Runtime]:
    """Migrate, build the shared parts, start them, and stop them in reverse order."""
    if migrate:
        logger.info("migrating %s", _safe_url(settings.db_url))
        await asyncio.to_thread(upgrade_to_head, settings.db_url)
    engine = create_engine(settings.db_url)
    span_store = await start_span_store(settings, engine, migrate=migrate)
    if settings.clickhouse_url:
        logger.info(
            "spans in ClickHouse; projects, keys, annotations and analysis results in %s",
            _safe_url(settings.db_url),
        )
    tune_gc()
    service = (
        IngestionService(
            settings, engine, decode_workers=settings.decode_workers, span_store=apart(span_store)
        )
        if ingestion
        else None
    )
    worker = (
        AnalysisWorker(settings, engine, busy=service.busy if service else None, spans=span_store)
        if analysis and settings.analysis_enabled
        else None
    )
    try:
        if service:
            await service.start()
        if worker:
            await worker.start()
        yield Runtime(settings, engine, service, worker, span_store)
    finally:
        if worker:
            await worker.stop()
        if service:
            await service.stop()
        await span_store.close()
        await engine.dispose()


def _safe_url(url: str) -> str:
    """The URL without its password, for logs."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
