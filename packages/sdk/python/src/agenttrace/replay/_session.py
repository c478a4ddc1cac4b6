"""A replay in progress: where the fork is, what to change there, and the recorded calls.

Before the fork checkpoint is reached, recorded calls (LLM, tools) are answered from the
source trace's spans, in order per call name. At the fork checkpoint the changes are applied
to the state. From then on calls run live; with ``recorded_only`` a call must find a recording
with the same input, else it fails with :class:`RecordingMissingError`.
"""

from __future__ import annotations

import contextvars
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from agenttrace.replay import _keys, _paths


class RecordingMissingError(RuntimeError):
    """``recorded_only`` forbids a live call and no recording matches it."""


class ForkNotReachedError(RuntimeError):
    """The replayed workflow ended before it reached the fork checkpoint."""


@dataclass
class Recording:
    """One recorded call: its input and output as JSON text."""

    input: str | None
    output: str


@dataclass
class ReplaySession:
    """State of one replay run in this process."""

    replay_id: str
    source_trace_id: str
    checkpoint_id: str
    fork_step: int
    changes: dict[str, Any] = field(default_factory=dict)
    recorded_only: bool = False
    recordings: dict[str, list[Recording]] = field(default_factory=dict)
    checkpoints_seen: int = 0
    forked: bool = False
    served: int = 0
    live: int = 0
    _calls: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))

    def on_checkpoint(self, state: Any) -> Any:
        """Count a checkpoint; at the fork step apply the changes to ``state`` in place."""
        step = self.checkpoints_seen
        self.checkpoints_seen += 1
        if step == self.fork_step and not self.forked:
            _paths.set_in_place(state, self.changes)
            self.forked = True
        return state

    def answer(self, name: str, input_json: str | None) -> Recording | None:
        """The recording that answers this call, None to run it live.

        Raises:
            RecordingMissingError: ``recorded_only`` and nothing matches.
        """
        index = self._calls[name]
        self._calls[name] += 1
        recorded = self.recordings.get(name, [])
        if not self.forked:
            if index < len(recorded):
                self.served += 1
                return recorded[index]
        elif self.recorded_only:
            same = [r for r in recorded if r.input == input_json]
            if same:
                self.served += 1
                return same[0]
        if self.recorded_only:
            raise RecordingMissingError(
                f"recorded_only: no recording of call {name!r} (call #{index + 1}) matches; "
                "rerun without recorded_only to make live calls"
            )
        self.live += 1
        return None


_current: contextvars.ContextVar[ReplaySession | None] = contextvars.ContextVar(
    "agenttrace_replay_session", default=None
)


def current() -> ReplaySession | None:
    """The replay running in this context, if any."""
    return _current.get()


def activate(session: ReplaySession | None) -> contextvars.Token[ReplaySession | None]:
    """Make ``session`` the current replay (``reset`` the token to leave it)."""
    return _current.set(session)


def deactivate(token: contextvars.Token[ReplaySession | None]) -> None:
    """Leave the replay entered with :func:`activate`."""
    _current.reset(token)


def before_checkpoint(name: str, state: Any) -> Any:
    """Called by ``agenttrace.checkpoint`` before it records ``state``.

    Outside a replay it returns ``state`` untouched; in a replay, at the fork step, it applies
    the requested changes to ``state`` in place (so the workflow continues with them).
    """
    session = _current.get()
    return state if session is None else session.on_checkpoint(state)


def recordings_from_spans(spans: list[dict[str, Any]]) -> dict[str, list[Recording]]:
    """The recorded calls of a trace, per call name, in the order they started."""
    out: dict[str, list[Recording]] = defaultdict(list)
    ordered = sorted(spans, key=lambda s: (s.get("start_time") or 0, s.get("span_id") or ""))
    for span in ordered:
        attrs = span.get("attributes") or {}
        name, output = attrs.get(_keys.CALL), attrs.get(_keys.CALL_OUTPUT)
        if isinstance(name, str) and isinstance(output, str):
            raw_input = attrs.get(_keys.OI_INPUT_VALUE)
            out[name].append(Recording(raw_input if isinstance(raw_input, str) else None, output))
    return dict(out)


def workflow_call(spans: list[dict[str, Any]]) -> tuple[str | None, str | None, Any]:
    """The recorded ``@replayable`` call of a trace: (name, app, {"args", "kwargs"})."""
    for span in sorted(spans, key=lambda s: s.get("start_time") or 0):
        attrs = span.get("attributes") or {}
        if _keys.WORKFLOW in attrs:
            raw = attrs.get(_keys.WORKFLOW_INPUT)
            call = json.loads(raw) if isinstance(raw, str) else {"args": [], "kwargs": {}}
            return str(attrs[_keys.WORKFLOW]), attrs.get(_keys.WORKFLOW_APP), call
    return None, None, None
