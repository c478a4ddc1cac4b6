"""The services of ``agenttrace serve``, ``ingest`` and ``api``, run on one event loop.

Imported by those commands only when they run: the services are most of the command line's
import time, which ``agenttrace --help`` and the other commands need not pay.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import agenttrace_api
import agenttrace_ingestion
import typer
from agenttrace_core.settings import Settings
from agenttrace_ingestion.grpc_receiver import serve_grpc

from agenttrace_server.compose import _safe_url, runtime
from agenttrace_server.mcp.mount import mount_mcp
from agenttrace_server.runner import Listener, run_apps


async def serve_all(settings: Settings) -> None:
    """Ingestion on the OTLP ports (HTTP, gRPC), API + UI (+ OTLP/HTTP) on the API port."""
    async with runtime(settings) as rt:
        assert rt.ingestion is not None
        otlp_app = agenttrace_ingestion.create_app(settings, engine=rt.engine, service=rt.ingestion)
        api_app = agenttrace_api.create_app(
            settings,
            engine=rt.engine,
            span_store=rt.span_store,
            extra_routers=[agenttrace_ingestion.create_router(rt.ingestion)],
        )
        _announce(settings, otlp=True, api=True)
        async with serve_grpc(rt.ingestion, settings), mount_mcp(api_app, settings):
            await run_apps(
                [
                    Listener(otlp_app, settings.host, settings.otlp_port, "otlp"),
                    Listener(api_app, settings.host, settings.port, "api"),
                ],
                log_level=settings.log_level,
            )


async def serve_ingest(settings: Settings) -> None:
    """The OTLP receivers (HTTP and gRPC) alone (one stateless replica)."""
    async with runtime(settings, analysis=False) as rt:
        assert rt.ingestion is not None
        app = agenttrace_ingestion.create_app(settings, engine=rt.engine, service=rt.ingestion)
        _announce(settings, otlp=True, api=False)
        async with serve_grpc(rt.ingestion, settings):
            await run_apps(
                [Listener(app, settings.host, settings.otlp_port, "otlp")],
                log_level=settings.log_level,
            )


async def serve_api(settings: Settings) -> None:
    """The API and UI alone (with the background analysis)."""
    async with runtime(settings, ingestion=False) as rt:
        app = agenttrace_api.create_app(settings, engine=rt.engine, span_store=rt.span_store)
        _announce(settings, otlp=False, api=True)
        async with mount_mcp(app, settings):
            await run_apps(
                [Listener(app, settings.host, settings.port, "api")], log_level=settings.log_level
            )


def run(main: Coroutine[Any, Any, None]) -> None:
    """Run a server coroutine on uvloop where it is installed (faster sockets), else asyncio."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvicorn[standard] brings it on Linux and macOS
        asyncio.run(main)
    else:
        uvloop.run(main)


def _announce(settings: Settings, *, otlp: bool, api: bool) -> None:
    typer.echo(f"AgentTrace: database {_safe_url(settings.db_url)}")
    if otlp:
        typer.echo(f"  OTLP/HTTP  http://{settings.host}:{settings.otlp_port}/v1/traces")
        if settings.grpc_port:
            typer.echo(f"  OTLP/gRPC  {settings.host}:{settings.grpc_port}")
    if api:
        typer.echo(f"  UI + API   http://{settings.host}:{settings.port}/")
        typer.echo(f"  MCP        http://{settings.host}:{settings.port}/mcp")
