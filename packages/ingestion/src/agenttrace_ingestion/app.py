"""The OTLP/HTTP receiver app: ``POST /v1/traces`` plus ``/health``, ``/ready``, ``/metrics``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from agenttrace_core.auth import KeyChecker
from agenttrace_core.db import create_engine
from agenttrace_core.ops import ops_router
from agenttrace_core.settings import Settings
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_ingestion.receiver import create_router
from agenttrace_ingestion.service import IngestionService

__all__ = ["create_app", "create_router"]


def create_app(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    service: IngestionService | None = None,
) -> FastAPI:
    """Build the receiver app; it owns the engine and service unless they are given.

    The writer is started in the app's lifespan and drained (every queued span written)
    when the app shuts down.
    """
    own_engine = engine is None
    engine = engine or create_engine(settings.db_url)
    own_service = service is None
    service = service or IngestionService(settings, engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if own_service:
            await service.start()
        try:
            yield
        finally:
            if own_service:
                await service.stop()
            if own_engine:
                await engine.dispose()

    app = FastAPI(title="AgentTrace OTLP receiver", lifespan=lifespan)
    app.include_router(ops_router(engine, KeyChecker(settings, engine)))
    app.include_router(create_router(service))
    return app
