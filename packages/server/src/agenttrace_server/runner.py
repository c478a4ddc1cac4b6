"""Run one or more ASGI apps in one process, with one shutdown on SIGINT/SIGTERM."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Generator, Sequence
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

logger = logging.getLogger(__name__)


class _Server(uvicorn.Server):
    """A uvicorn server that leaves signal handling to :func:`run_apps`."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


@dataclass(frozen=True)
class Listener:
    """One app on one port."""

    app: FastAPI
    host: str
    port: int
    name: str


async def run_apps(listeners: Sequence[Listener], *, log_level: str = "info") -> None:
    """Serve every listener until a signal arrives, then shut all of them down gracefully."""
    servers = [
        _Server(
            uvicorn.Config(
                item.app,
                host=item.host,
                port=item.port,
                log_level=log_level,
                lifespan="on",
                timeout_graceful_shutdown=30,
                access_log=False,
            )
        )
        for item in listeners
    ]
    loop = asyncio.get_running_loop()

    def stop() -> None:
        for server in servers:
            server.should_exit = True

    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop)
    tasks = [
        asyncio.create_task(server.serve(), name=item.name)
        for server, item in zip(servers, listeners, strict=True)
    ]
    try:
        done, _pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        stop()  # one server ending (error or signal) ends them all
        await asyncio.gather(*tasks, return_exceptions=True)
        for task in done:
            if task.exception() is not None:
                raise task.exception()  # type: ignore[misc]
        for server in servers:
            if not server.started:
                raise SystemExit("could not start a server (port in use?)")
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)
