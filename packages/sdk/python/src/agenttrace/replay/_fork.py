"""``fork()``: ask the server for a replay and run it here, at once."""

from __future__ import annotations

import os
import socket
from typing import Any

from agenttrace.replay._client import ApiClient
from agenttrace.replay._runner import ReplayResult, run_replay


def resolve_checkpoint(client: ApiClient, trace_id: str, ref: str | int) -> str:
    """A checkpoint id of ``trace_id`` from an id, a step number or a name (else ``ref``)."""
    items: list[dict[str, Any]] = client.get(f"/traces/{trace_id}/checkpoints")["items"]
    text = str(ref)
    step = int(text) if text.isdigit() else None
    for field, value in (("id", text), ("step", step), ("name", text)):
        found = [c for c in items if value is not None and c[field] == value]
        if found:
            return str(found[-1]["id"])
    return text  # the API answers 404 for it


def fork(
    trace_id: str,
    *,
    checkpoint: str | int,
    changes: dict[str, Any] | None = None,
    app: Any = None,
    recorded_only: bool = False,
    api_url: str | None = None,
    api_key: str | None = None,
) -> ReplayResult:
    """Run a recorded workflow again from one of its checkpoints, here and now.

    The server records the replay (so the UI shows it in the run's fork tree); this process
    runs it: calls before the checkpoint are answered from the recording, ``changes`` are
    applied to the checkpoint's state, and the rest runs live.

    Args:
        trace_id: The recorded run.
        checkpoint: Its checkpoint: id, step number or name.
        changes: ``{"path.to[0].key": new_value}``; every path must exist in that state.
        app: The workflow (``@replayable`` function, compiled LangGraph graph, or
            ``"module:object"``); default the one the run recorded.
        recorded_only: Fail instead of making a call that has no recording.
        api_url: The AgentTrace API (default ``$AGENTTRACE_API_URL``, else localhost:8000).
        api_key: API key (default ``$AGENTTRACE_API_KEY``).

    Returns:
        The new run's trace id and how the replay went.

    Raises:
        ApiError: the server refused the request (404: no such checkpoint; 422: a path of
            ``changes`` is not in the state).

    Example:
        >>> from agenttrace.replay import fork
        >>> result = fork("4bf92f3577b34da6a3ce929d0e0e4736", checkpoint="planned",
        ...               changes={"plan[0]": "search trains"})  # doctest: +SKIP
        >>> result.status, result.new_trace_id  # doctest: +SKIP
        ('succeeded', '…')
    """
    from agenttrace.replay._registry import load_app

    target = load_app(app) if isinstance(app, str) else app
    client = ApiClient(api_url, api_key=api_key)
    trace_id = trace_id.lower()
    replay = client.post(
        "/replays",
        {
            "trace_id": trace_id,
            "checkpoint_id": resolve_checkpoint(client, trace_id, checkpoint),
            "set": changes or {},
            "recorded_only": recorded_only,
            "app": app if isinstance(app, str) else None,
            "worker": f"fork-{socket.gethostname()}-{os.getpid()}",
        },
    )
    return run_replay(replay, app=target, client=client)
