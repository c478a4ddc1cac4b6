"""The incident finders as MAST labels: one finding per mode of each incident.

Incidents (:mod:`agenttrace_analysis.incidents`) read the run's model and tool calls; each
kind maps to the modes a person gives it (a fabrication after a failed tool is FM-2.6 and
FM-3.3, an ignored verdict FM-2.5 and FM-3.2, …). The finding is pinned to the decisive span.
"""

from __future__ import annotations

import logging

from agenttrace_analysis.incidents import Incident, IncidentKind, find_incidents
from agenttrace_analysis.mast.base import Detector, Finding
from agenttrace_analysis.mast.context import RunContext
from agenttrace_analysis.mast.taxonomy import FailureMode

logger = logging.getLogger(__name__)


MODES: dict[IncidentKind, tuple[FailureMode, ...]] = {
    IncidentKind.FABRICATION: (
        FailureMode.REASONING_ACTION_MISMATCH,
        FailureMode.INCORRECT_VERIFICATION,
    ),
    IncidentKind.IGNORED_VERDICT: (FailureMode.IGNORED_INPUT, FailureMode.NO_VERIFICATION),
    IncidentKind.MISROUTE: (FailureMode.DISOBEY_ROLE_SPEC, FailureMode.TASK_DERAILMENT),
    IncidentKind.UPSTREAM_LOOP: (
        FailureMode.STEP_REPETITION,
        FailureMode.UNAWARE_OF_TERMINATION,
    ),
    IncidentKind.PREMATURE_TERMINATION: (FailureMode.PREMATURE_TERMINATION,),
    IncidentKind.WRONG_FACT: (FailureMode.INCORRECT_VERIFICATION,),
}
"""The MAST modes a person gives each kind of incident."""


def findings_of(incidents: list[Incident]) -> list[Finding]:
    """One finding per mode of every incident."""
    return [
        Finding(
            mode,
            item.agent,
            item.span_ids,
            item.confidence,
            item.sentence,
            {"incident": item.kind.value},
        )
        for item in incidents
        for mode in MODES[item.kind]
    ]


def run(ctx: RunContext) -> list[Finding]:
    """Findings of the run's incidents."""
    return findings_of(find_incidents(ctx.data))


DETECTOR = Detector("incidents", FailureMode.REASONING_ACTION_MISMATCH, run)
"""Reports several modes; ``mode`` names the first kind it was written for."""
