"""Operational endpoints every service serves: ``/health``, ``/ready`` and ``/metrics``.

``/health`` is always open (load balancers and ``agenttrace serve``'s own start-up check
call it). When API keys are configured, ``/ready`` wants any valid key and ``/metrics`` (the
figures of the whole process, every project together) an admin key of
``AGENTTRACE_API_KEYS``: probes and scrapers send it as ``Authorization: Bearer …``.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_core import __version__
from agenttrace_core.auth import AuthResult, KeyChecker, key_from_headers

logger = logging.getLogger(__name__)

_bearer = HTTPBearer(auto_error=False, description="An AgentTrace API key as a bearer token")
_header = APIKeyHeader(name="x-api-key", auto_error=False, description="An AgentTrace API key")
_UNAUTHORIZED: dict[int | str, dict[str, Any]] = {
    401: {"description": "API keys are configured and the request has no valid one"}
}


def _key_check(keys: KeyChecker | None, *, admin: bool) -> Any:
    """A dependency that refuses requests without a valid key (or an admin key) with 401/403."""

    async def check(
        bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
        x_api_key: Annotated[str | None, Depends(_header)],
    ) -> None:
        if keys is None:
            return
        authorization = f"Bearer {bearer.credentials}" if bearer else None
        try:
            result: AuthResult = await keys.check(key_from_headers(authorization, x_api_key))
        except Exception as exc:  # the key table is unreachable: not ready, try again
            logger.warning("cannot check the API key: %s", exc)
            raise HTTPException(503, "cannot check the API key") from exc
        if not result.allowed:
            raise HTTPException(
                401, "a valid API key is required", headers={"WWW-Authenticate": "Bearer"}
            )
        if admin and result.project is not None:
            raise HTTPException(403, "the metrics of the whole process need an admin API key")

    return check


def ops_router(engine: AsyncEngine, keys: KeyChecker | None = None) -> APIRouter:
    """Routes for liveness, readiness (the database answers) and Prometheus metrics.

    Args:
        engine: The database ``/ready`` checks.
        keys: The key checker of the app; without one, ``/ready`` and ``/metrics`` are open.
    """
    router = APIRouter(tags=["ops"])

    @router.get("/health")
    async def health() -> dict[str, str]:
        """Alive: the process answers (open even when API keys are configured)."""
        return {"status": "ok", "version": __version__}

    @router.get(
        "/ready",
        responses={503: {"description": "The database is unreachable"}, **_UNAUTHORIZED},
        dependencies=[Depends(_key_check(keys, admin=False))],
    )
    async def ready() -> JSONResponse:
        """Ready: the database answers a query."""
        try:
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as exc:  # readiness reports the failure instead of raising
            logger.warning("readiness check failed: %s", exc)
            return JSONResponse({"status": "unavailable", "detail": str(exc)}, status_code=503)
        return JSONResponse({"status": "ok", "database": engine.dialect.name})

    @router.get(
        "/metrics",
        response_class=PlainTextResponse,
        responses={
            **_UNAUTHORIZED,
            403: {"description": "Metrics need an admin API key"},
            503: {"description": "The API key cannot be checked (database unreachable)"},
        },
        dependencies=[Depends(_key_check(keys, admin=True))],
    )
    async def metrics() -> Response:
        """Prometheus metrics of this process."""
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return router
