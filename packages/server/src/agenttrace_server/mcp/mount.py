"""``/mcp`` on the API port: the MCP server over streamable HTTP, behind the API keys."""

from __future__ import annotations

import contextlib
import logging
from contextlib import AbstractAsyncContextManager

from agenttrace_api.deps import ApiState
from agenttrace_core.auth import KeyChecker, key_from_headers
from agenttrace_core.settings import Settings
from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from agenttrace_server.mcp.transports import in_process

logger = logging.getLogger(__name__)

MCP_PATH = "/mcp"


class KeyGate:
    """An ASGI app that lets a request through to ``app`` only with a valid API key.

    With no key configured every request passes, as on the API; the tools then read the API
    with the same key, so a project key sees its own project's runs only.
    """

    def __init__(self, keys: KeyChecker, app: ASGIApp) -> None:
        self._keys = keys
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer 401 without a valid key, else hand the request on."""
        if scope["type"] == "http":
            headers = Headers(scope=scope)
            key = key_from_headers(headers.get("authorization"), headers.get("x-api-key"))
            if not (await self._keys.check(key)).allowed:
                response = JSONResponse(
                    {"detail": "a valid API key is required"},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
                await response(scope, receive, send)
                return
        await self._app(scope, receive, send)


def mount_mcp(app: FastAPI, settings: Settings) -> AbstractAsyncContextManager[None]:
    """Add ``/mcp`` to the API app; run the returned context around the server.

    The tools read the same app in process with the caller's API key, so ``/mcp`` sees what
    the API shows that key. Without the ``mcp`` SDK 2 (an old one came with another
    package), the API runs without ``/mcp`` and says so in the log.
    """
    try:
        from agenttrace_server.mcp.server import build_server
    except ImportError as exc:  # pragma: no cover - only with an mcp SDK older than 2
        logger.warning("MCP over HTTP is off: %s", exc)
        return contextlib.nullcontext()
    server = build_server(in_process(app))
    # stateless: every request stands alone, so any replica behind a balancer can answer
    server.streamable_http_app(stateless_http=True, json_response=True, host=settings.host)
    state: ApiState = app.state.api
    gate = KeyGate(state.keys, server.session_manager.handle_request)
    methods = ["GET", "POST", "DELETE"]
    app.router.routes.insert(0, Route(MCP_PATH, endpoint=gate, methods=methods))
    return server.session_manager.run()
