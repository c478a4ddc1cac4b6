"""How the MCP tools reach the API: over the network (stdio) or in process (``/mcp``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

import httpx
from starlette.types import ASGIApp

from agenttrace_server.mcp.client import TIMEOUT, ApiClient

if TYPE_CHECKING:
    from mcp.server.mcpserver import Context

    from agenttrace_server.mcp.server import Connect

_KEY_HEADERS = ("authorization", "x-api-key")


def remote(api_url: str, api_key: str | None) -> Connect:
    """Every call reads the API at ``api_url`` with ``api_key`` (for ``agenttrace mcp``)."""
    headers = {"x-api-key": api_key} if api_key else {}

    @asynccontextmanager
    async def connect(_ctx: Context[Any, Any] | None) -> AsyncIterator[ApiClient]:
        async with httpx.AsyncClient(
            base_url=api_url.rstrip("/"), headers=headers, timeout=TIMEOUT
        ) as client:
            yield ApiClient(client)

    return connect


def _request_headers(ctx: Context[Any, Any] | None) -> Mapping[str, str]:
    if ctx is None:
        return {}
    try:
        request = ctx.request_context.request
    except ValueError:  # outside a request
        return {}
    headers: Mapping[str, str] | None = getattr(request, "headers", None)
    return headers or {}


def in_process(app: ASGIApp) -> Connect:
    """Every call reads ``app`` in process with the API key of the HTTP request (``/mcp``)."""
    transport = httpx.ASGITransport(app=app)

    @asynccontextmanager
    async def connect(ctx: Context[Any, Any] | None) -> AsyncIterator[ApiClient]:
        headers = _request_headers(ctx)
        forwarded = {k: headers[k] for k in _KEY_HEADERS if headers.get(k)}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://agenttrace", headers=forwarded, timeout=TIMEOUT
        ) as client:
            yield ApiClient(client)

    return connect
