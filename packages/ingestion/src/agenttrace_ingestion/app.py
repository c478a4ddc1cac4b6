"""The OTLP/HTTP receiver app.

PLACEHOLDER from the foundation: only the ops endpoints are served.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_core.db import create_engine
from agenttrace_core.ops import ops_router
from agenttrace_core.settings import Settings
from agenttrace_ingestion.service import IngestionService


def create_router(service: IngestionService) -> APIRouter:
    """The ``POST /v1/traces`` route, to include in any app that shares ``service``."""
    return APIRouter()


def create_app(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    service: IngestionService | None = None,
) -> FastAPI:
    """Build the receiver app; it owns the engine and service unless they are given."""
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
    app.include_router(ops_router(engine))
    app.include_router(create_router(service))
    return app
