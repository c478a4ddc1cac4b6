"""MAST failure classification: the taxonomy and detectors that read the trace alone.

One module per detector; :data:`DETECTORS` lists them and :func:`detect` runs them all.
"""

from __future__ import annotations

import logging

from agenttrace_analysis.mast import (
    conversation_reset,
    ignored_input,
    incidents,
    incorrect_verification,
    information_withholding,
    loss_of_history,
    no_clarification,
    no_verification,
    premature_termination,
    reasoning_action_mismatch,
    role_violation,
    step_repetition,
    task_derailment,
    task_spec,
    termination,
)
from agenttrace_analysis.mast.base import Detector, Finding
from agenttrace_analysis.mast.context import RunContext
from agenttrace_analysis.mast.taxonomy import MODES, FailureMode, ModeInfo, mode_of

logger = logging.getLogger(__name__)

DETECTORS: tuple[Detector, ...] = (
    incidents.DETECTOR,
    task_spec.DETECTOR,
    role_violation.DETECTOR,
    step_repetition.DETECTOR,
    loss_of_history.DETECTOR,
    termination.DETECTOR,
    conversation_reset.DETECTOR,
    no_clarification.DETECTOR,
    task_derailment.DETECTOR,
    information_withholding.DETECTOR,
    ignored_input.DETECTOR,
    reasoning_action_mismatch.DETECTOR,
    premature_termination.DETECTOR,
    no_verification.DETECTOR,
    incorrect_verification.DETECTOR,
)
"""Every detector, in the order of the modes they look for."""


def detect(ctx: RunContext, detectors: tuple[Detector, ...] = DETECTORS) -> list[Finding]:
    """Run the detectors on a run; a detector that crashes is logged and skipped, and a
    label another detector already gave (same mode, agent and span) is not repeated."""
    found: list[Finding] = []
    seen: set[tuple[str, str | None, str | None]] = set()
    for detector in detectors:
        try:
            items = detector.run(ctx)
        except Exception:
            logger.exception("detector %s failed on trace %s", detector.name, ctx.data.trace_id)
            continue
        for item in items:
            # one label per mode, agent and span: the first detector to give it keeps it
            key = (item.mode.value, item.agent, item.span_ids[0] if item.span_ids else None)
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found


__all__ = [
    "DETECTORS",
    "MODES",
    "Detector",
    "FailureMode",
    "Finding",
    "ModeInfo",
    "RunContext",
    "detect",
    "mode_of",
]
