"""Operational endpoints every service serves: ``/health``, ``/ready`` and ``/metrics``."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_core import __version__

logger = logging.getLogger(__name__)


def ops_router(engine: AsyncEngine) -> APIRouter:
    """Routes for liveness, readiness (the database answers) and Prometheus metrics."""
    router = APIRouter(tags=["ops"])

    @router.get("/health")
    async def health() -> dict[str, str]:
        """Alive: the process answers."""
        return {"status": "ok", "version": __version__}

    @router.get("/ready", responses={503: {"description": "The database is unreachable"}})
    async def ready() -> JSONResponse:
        """Ready: the database answers a query."""
        try:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as exc:  # readiness reports the failure instead of raising
            logger.warning("readiness check failed: %s", exc)
            return JSONResponse({"status": "unavailable", "detail": str(exc)}, status_code=503)
        return JSONResponse({"status": "ok", "database": engine.dialect.name})

    @router.get("/metrics", response_class=PlainTextResponse)
    async def metrics() -> Response:
        """Prometheus metrics of this process."""
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router
