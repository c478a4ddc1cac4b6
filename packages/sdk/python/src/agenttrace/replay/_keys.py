"""Attribute keys of replays (docs/conventions.md) and of recorded calls."""

from __future__ import annotations

from typing import Final

REPLAY_ID: Final = "agenttrace.replay.id"
REPLAY_SOURCE_TRACE_ID: Final = "agenttrace.replay.source_trace_id"
REPLAY_CHECKPOINT_ID: Final = "agenttrace.replay.checkpoint_id"

WORKFLOW: Final = "agenttrace.replay.workflow"
"""On the span of a ``@replayable`` call: the workflow's registered name."""
WORKFLOW_APP: Final = "agenttrace.replay.app"
"""On the span of a ``@replayable`` call: ``module:qualname`` to import it again."""
WORKFLOW_INPUT: Final = "agenttrace.replay.input"
"""On the span of a ``@replayable`` call: ``{"args": [...], "kwargs": {...}}`` as JSON."""

CALL: Final = "agenttrace.replay.call"
"""On the span of a recorded LLM or tool call: the call's name (what recordings match on)."""
CALL_OUTPUT: Final = "agenttrace.replay.output"
"""The call's result as exact JSON, served back in a replay."""
CALL_SERVED: Final = "agenttrace.replay.served"
"""``live`` or ``recorded``: where the result came from."""

SPAN_TYPE: Final = "agenttrace.span.type"
OI_SPAN_KIND: Final = "openinference.span.kind"
OI_INPUT_VALUE: Final = "input.value"
OI_OUTPUT_VALUE: Final = "output.value"
