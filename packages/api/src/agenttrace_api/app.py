"""The API app: the query API under ``/api/v1``, the ops endpoints and the built web UI."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from agenttrace_core import __version__
from agenttrace_core.auth import KeyChecker
from agenttrace_core.db import create_engine
from agenttrace_core.ops import ops_router
from agenttrace_core.settings import Settings
from agenttrace_core.store import SpanReader
from fastapi import APIRouter, Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_api.deps import ApiState, require_key
from agenttrace_api.errors import install_error_handlers
from agenttrace_api.routers import (
    agents,
    analysis,
    overview,
    projects,
    replay,
    sessions,
    spans,
    traces,
)
from agenttrace_api.routers import annotations as annotations_router
from agenttrace_api.sql_reads import SqlSpanReads
from agenttrace_api.static import STATIC_DIR, spa_router

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1"


def create_app(
    settings: Settings,
    *,
    engine: AsyncEngine | None = None,
    span_store: SpanReader | None = None,
    extra_routers: Sequence[APIRouter] = (),
    static_dir: Path | None = None,
) -> FastAPI:
    """Build the API app.

    Args:
        settings: The settings of this process.
        engine: A shared engine; without one the app creates (and disposes of) its own.
            The relational database: projects, keys, annotations, checkpoints, replays.
        span_store: Where the spans are read (the server's choice; its owner closes it);
            without one, in the relational database of ``engine``.
        extra_routers: More routes at the root, e.g. the OTLP receiver's ``POST /v1/traces``.
        static_dir: Where the built UI is (default: the package's ``static`` folder).
    """
    own_engine = engine is None
    engine = engine or create_engine(settings.db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if own_engine:
                await engine.dispose()

    app = FastAPI(
        title="AgentTrace API",
        version=__version__,
        description="Query API of AgentTrace: traces, spans, agents, graphs and failures.",
        lifespan=lifespan,
    )
    keys = KeyChecker(settings, engine)
    reads = span_store if span_store is not None else SqlSpanReads(engine)
    app.state.api = ApiState(settings=settings, engine=engine, spans=reads, keys=keys)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_credentials=True,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
        allow_headers=["Authorization", "x-api-key", "Content-Type"],
    )
    install_error_handlers(app)
    app.include_router(ops_router(engine, keys))
    for router in extra_routers:
        app.include_router(router)
    api = APIRouter(prefix=API_PREFIX, dependencies=[Depends(require_key)])
    for module in (traces, spans, analysis, annotations_router, agents, projects, overview):
        api.include_router(module.router)
    api.include_router(replay.router)
    api.include_router(sessions.router)
    app.include_router(api)
    app.include_router(spa_router(static_dir or STATIC_DIR))
    return app
