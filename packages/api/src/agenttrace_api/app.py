"""The API app.

PLACEHOLDER from the foundation: only the ops endpoints and the built UI are served.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_core.db import create_engine
from agenttrace_core.ops import ops_router
from agenttrace_core.settings import Settings


def create_app(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    extra_routers: Sequence[APIRouter] = (),
) -> FastAPI:
    """Build the API app; ``extra_routers`` lets the server add the OTLP route."""
    own_engine = engine is None
    engine = engine or create_engine(settings.db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if own_engine:
                await engine.dispose()

    app = FastAPI(title="AgentTrace API", lifespan=lifespan)
    app.include_router(ops_router(engine))
    for router in extra_routers:
        app.include_router(router)
    return app
