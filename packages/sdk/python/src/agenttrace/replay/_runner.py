"""Run one replay in this process: fetch what the source run recorded, fork, report."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import inspect
import logging
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from opentelemetry.trace import Status, StatusCode

import agenttrace
from agenttrace._internal import manual, setup
from agenttrace.replay import _keys, _session
from agenttrace.replay._client import ApiClient
from agenttrace.replay._registry import load_app, registered

logger = logging.getLogger("agenttrace.replay")
FLUSH_MILLIS = 15_000


@dataclass
class ReplayResult:
    """How a replay went."""

    replay_id: str
    new_trace_id: str
    status: str
    """``succeeded`` or ``failed``."""
    error: str | None = None
    output: Any = None
    served: int = 0
    """Calls answered from the recording."""
    live: int = 0
    """Calls that ran live."""


_hooked: contextvars.ContextVar[bool] = contextvars.ContextVar("agenttrace_hooked", default=False)


@contextlib.contextmanager
def _checkpoint_hook() -> Iterator[None]:
    """Let ``agenttrace.checkpoint`` apply a replay's changes at the fork step.

    Wraps the SDK's checkpoint recorder for the duration of the replay, so that the state
    is patched (in place) before it is recorded and before the workflow carries on with it.
    """
    original = manual.record_checkpoint

    def hooked(name: str, state: Any, **kwargs: Any) -> str:
        if not _hooked.get():
            state = _session.before_checkpoint(name, state)
        token = _hooked.set(True)
        try:
            return original(name, state, **kwargs)
        finally:
            _hooked.reset(token)

    manual.record_checkpoint = hooked
    try:
        yield
    finally:
        manual.record_checkpoint = original


def _await(awaitable: Any) -> Any:
    """Run an async workflow to completion (in this thread, with this context)."""

    async def main() -> Any:
        return await awaitable

    return asyncio.run(main())


def _target(replay: dict[str, Any], app: Any, spans: list[dict[str, Any]]) -> tuple[Any, Any]:
    """The object to run and the recorded call of a ``@replayable`` workflow."""
    name, recorded_app, call = _session.workflow_call(spans)
    if app is None and replay.get("app"):
        app = load_app(str(replay["app"]))
    if app is None and name is not None:
        app = registered(name)
    if app is None and recorded_app:
        app = load_app(str(recorded_app))
    if app is None:
        raise LookupError(
            "no workflow to run: pass --app module:object (a @replayable function or a "
            "compiled LangGraph graph)"
        )
    return app, call


def run_replay(
    replay: dict[str, Any], *, app: Any = None, client: ApiClient | None = None
) -> ReplayResult:
    """Run one replay (as the API returns it) and report its progress to the API.

    Args:
        replay: The replay: ``id``, ``source_trace_id``, ``checkpoint_id``, ``set``,
            ``recorded_only``, ``app``.
        app: The workflow (a ``@replayable`` function or a compiled LangGraph graph); default
            the replay's ``app``, else the workflow the source trace recorded.
        client: The API client (default: ``$AGENTTRACE_API_URL``).

    Returns:
        The new trace id and the outcome; failures are reported, not raised.
    """
    from agenttrace.replay import langgraph_support

    client = client or ApiClient()
    if setup.current() is None:
        agenttrace.init()
    replay_id = str(replay["id"])
    attributes = {
        _keys.REPLAY_ID: replay_id,
        _keys.REPLAY_SOURCE_TRACE_ID: str(replay["source_trace_id"]),
        _keys.REPLAY_CHECKPOINT_ID: str(replay["checkpoint_id"]),
        _keys.SPAN_TYPE: "chain",
    }
    result: ReplayResult
    tracer = setup.tracer()
    with tracer.start_as_current_span(f"replay {replay_id[:8]}", attributes=attributes) as root:
        new_trace_id = format(root.get_span_context().trace_id, "032x")
        running = {"status": "running", "new_trace_id": new_trace_id}
        client.post(f"/replays/{replay_id}/status", running)
        session: _session.ReplaySession | None = None
        try:
            checkpoint = client.get(f"/checkpoints/{replay['checkpoint_id']}")
            spans = client.spans(str(replay["source_trace_id"]))
            target, call = _target(replay, app, spans)
            session = _session.ReplaySession(
                replay_id=replay_id,
                source_trace_id=str(replay["source_trace_id"]),
                checkpoint_id=str(replay["checkpoint_id"]),
                fork_step=int(checkpoint["step"]),
                changes=dict(replay.get("set") or {}),
                recorded_only=bool(replay.get("recorded_only")),
                recordings=_session.recordings_from_spans(spans),
            )
            token = _session.activate(session)
            try:
                if langgraph_support.is_graph(target):
                    session.forked = True
                    output = langgraph_support.fork(target, client, replay, checkpoint, session)
                else:
                    if call is None:
                        raise LookupError(
                            "the source trace has no recorded @replayable call to make again "
                            "(is the workflow decorated, and the trace fully ingested?)"
                        )
                    with _checkpoint_hook():
                        output = target(*call.get("args", []), **call.get("kwargs", {}))
                        if inspect.isawaitable(output):
                            output = _await(output)
                    if not session.forked:
                        raise _session.ForkNotReachedError(
                            f"the workflow ended after {session.checkpoints_seen} checkpoint(s), "
                            f"before the fork step {session.fork_step}"
                        )
            finally:
                _session.deactivate(token)
            root.set_status(Status(StatusCode.OK))
            result = ReplayResult(replay_id, new_trace_id, "succeeded", output=output)
        except Exception as exc:  # the replay fails, the worker goes on
            root.record_exception(exc)
            root.set_status(Status(StatusCode.ERROR, str(exc)))
            logger.warning("replay %s failed: %s", replay_id, exc)
            detail = "".join(traceback.format_exception_only(exc)).strip()
            result = ReplayResult(replay_id, new_trace_id, "failed", error=detail)
        if session is not None:
            result.served, result.live = session.served, session.live
    agenttrace.flush(timeout=FLUSH_MILLIS / 1000)
    body: dict[str, Any] = {"status": result.status, "new_trace_id": new_trace_id}
    if result.error:
        body["error"] = result.error
    client.post(f"/replays/{replay_id}/status", body)
    return result
