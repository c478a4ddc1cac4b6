"""Time-travel replay: run a recorded workflow again from any checkpoint, with changes.

- ``@agenttrace.replayable`` registers a hand-written workflow (its call is recorded so that
  a replay can make it again); ``agenttrace.checkpoint`` inside it marks the steps.
- ``@recorded("llm" | "tool")`` records calls so that a replay answers the ones before the
  fork point from the recording (exact, and free).
- ``AgentTraceCheckpointer`` (in :mod:`agenttrace.replay.langgraph`) sends every LangGraph
  checkpoint with the trace.
- ``fork`` runs a recorded workflow again from a checkpoint, here and now;
  ``run_worker`` claims replays queued from the UI or ``agenttrace replay`` and runs them in
  this environment; ``run_replay`` runs one.
"""

from __future__ import annotations

from agenttrace.replay._client import ApiClient, ApiError
from agenttrace.replay._fork import fork, resolve_checkpoint
from agenttrace.replay._registry import load_app, recorded, replayable
from agenttrace.replay._runner import ReplayResult, run_replay
from agenttrace.replay._session import ForkNotReachedError, RecordingMissingError
from agenttrace.replay._worker import run_worker

__all__ = [
    "ApiClient",
    "ApiError",
    "ForkNotReachedError",
    "RecordingMissingError",
    "ReplayResult",
    "fork",
    "load_app",
    "recorded",
    "replayable",
    "resolve_checkpoint",
    "run_replay",
    "run_worker",
]
