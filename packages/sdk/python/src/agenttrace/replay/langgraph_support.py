"""The LangGraph path of a replay, importing LangGraph only when a graph is replayed."""

from __future__ import annotations

from typing import Any

from agenttrace.replay._client import ApiClient
from agenttrace.replay._session import ReplaySession


def is_graph(obj: Any) -> bool:
    """Whether ``obj`` looks like a compiled LangGraph graph (without importing LangGraph)."""
    return all(hasattr(obj, a) for a in ("update_state", "invoke", "get_state", "copy"))


def fork(
    graph: Any,
    client: ApiClient,
    replay: dict[str, Any],
    checkpoint: dict[str, Any],
    session: ReplaySession,
) -> Any:
    """Fork ``graph`` from ``checkpoint``: the recorded steps before it, then live."""
    from agenttrace.replay.langgraph import fork_graph

    listing = client.get(f"/traces/{replay['source_trace_id']}/checkpoints")["items"]
    before = [
        client.get(f"/checkpoints/{c['id']}")
        for c in listing
        if int(c["step"]) < int(checkpoint["step"])
    ]
    return fork_graph(
        graph,
        replay_id=str(replay["id"]),
        checkpoint=checkpoint,
        before=before,
        changes=session.changes,
        recorded_only=session.recorded_only,
    )
