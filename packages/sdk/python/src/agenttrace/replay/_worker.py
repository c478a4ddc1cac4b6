"""The replay worker: claims queued replays over HTTP and runs them in this environment."""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from typing import Any

from agenttrace.replay._client import ApiClient, ApiError
from agenttrace.replay._registry import load_app
from agenttrace.replay._runner import ReplayResult, run_replay

logger = logging.getLogger("agenttrace.replay")


def run_worker(
    *,
    app: str | None = None,
    api_url: str | None = None,
    api_key: str | None = None,
    poll_seconds: float = 1.0,
    max_replays: int | None = None,
    idle_timeout: float | None = None,
    on_result: Callable[[ReplayResult], None] | None = None,
) -> list[ReplayResult]:
    """Claim and run queued replays until stopped (Ctrl-C) or a limit is reached.

    Args:
        app: ``module:object`` of the workflow this worker runs (a ``@replayable`` function
            or a compiled LangGraph graph); it claims replays for this app and app-less ones.
        api_url: The AgentTrace API (default ``$AGENTTRACE_API_URL``, else localhost:8000).
        api_key: API key (default ``$AGENTTRACE_API_KEY``).
        poll_seconds: Pause between claims when nothing is queued.
        max_replays: Stop after this many replays.
        idle_timeout: Stop after this many seconds without work.
        on_result: Called after each replay.

    Returns:
        The results of the replays it ran.

    Example:
        >>> from agenttrace.replay import run_worker
        >>> run_worker(app=None, api_url="http://127.0.0.1:9", idle_timeout=0)  # doctest: +SKIP
        []
    """
    client = ApiClient(api_url, api_key=api_key)
    target: Any = load_app(app) if app else None
    name = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    results: list[ReplayResult] = []
    idle_since = time.monotonic()
    logger.info("replay worker %s waiting for replays of %s", name, app or "any app")
    while max_replays is None or len(results) < max_replays:
        try:
            replay = client.post("/replays/claim", {"worker": name, "app": app})
        except (ApiError, OSError) as exc:  # the server is down or restarting: try again
            logger.warning("replay worker: cannot reach %s (%s); retrying", client.base, exc)
            replay = None
        if replay is None:
            if idle_timeout is not None and time.monotonic() - idle_since >= idle_timeout:
                break
            time.sleep(poll_seconds)
            continue
        logger.info("running replay %s", replay["id"])
        result = run_replay(replay, app=target, client=client)
        results.append(result)
        if on_result is not None:
            on_result(result)
        idle_since = time.monotonic()
    return results
