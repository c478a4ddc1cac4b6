"""The MAST taxonomy: 14 failure modes of multi-agent LLM systems in 3 categories.

From Cemri et al., "Why Do Multi-Agent LLM Systems Fail?" (arXiv:2503.13657). The codes,
names and categories are the paper's; the definitions are written in our own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from agenttrace_core.enums import MastCategory


class FailureMode(StrEnum):
    """The 14 MAST failure modes, valued by their code."""

    DISOBEY_TASK_SPEC = "FM-1.1"
    DISOBEY_ROLE_SPEC = "FM-1.2"
    STEP_REPETITION = "FM-1.3"
    LOSS_OF_HISTORY = "FM-1.4"
    UNAWARE_OF_TERMINATION = "FM-1.5"
    CONVERSATION_RESET = "FM-2.1"
    NO_CLARIFICATION = "FM-2.2"
    TASK_DERAILMENT = "FM-2.3"
    INFORMATION_WITHHOLDING = "FM-2.4"
    IGNORED_INPUT = "FM-2.5"
    REASONING_ACTION_MISMATCH = "FM-2.6"
    PREMATURE_TERMINATION = "FM-3.1"
    NO_VERIFICATION = "FM-3.2"
    INCORRECT_VERIFICATION = "FM-3.3"

    @property
    def info(self) -> ModeInfo:
        """Name, category and definition of this mode."""
        return MODES[self]

    @property
    def category(self) -> MastCategory:
        """The category this mode belongs to."""
        return MODES[self].category


@dataclass(frozen=True)
class ModeInfo:
    """What a failure mode means."""

    code: str
    name: str
    category: MastCategory
    definition: str


_S = MastCategory.SPECIFICATION
_I = MastCategory.INTER_AGENT
_V = MastCategory.VERIFICATION

MODES: dict[FailureMode, ModeInfo] = {
    m: ModeInfo(m.value, name, cat, definition)
    for m, name, cat, definition in [
        (
            FailureMode.DISOBEY_TASK_SPEC,
            "Disobey task specification",
            _S,
            "The result breaks constraints or requirements that the task stated.",
        ),
        (
            FailureMode.DISOBEY_ROLE_SPEC,
            "Disobey role specification",
            _S,
            "An agent acts outside the responsibilities of its role, e.g. doing another "
            "agent's job.",
        ),
        (
            FailureMode.STEP_REPETITION,
            "Step repetition",
            _S,
            "A step that was already done is done again without need, delaying or stalling "
            "the run.",
        ),
        (
            FailureMode.LOSS_OF_HISTORY,
            "Loss of conversation history",
            _S,
            "The context is cut unexpectedly: an agent ignores the recent exchange and falls "
            "back to an earlier state.",
        ),
        (
            FailureMode.UNAWARE_OF_TERMINATION,
            "Unaware of termination conditions",
            _S,
            "The agents do not recognise when the run should stop and keep going until a turn "
            "or recursion limit ends it.",
        ),
        (
            FailureMode.CONVERSATION_RESET,
            "Conversation reset",
            _I,
            "The dialogue starts over without reason, throwing away context and progress.",
        ),
        (
            FailureMode.NO_CLARIFICATION,
            "Fail to ask for clarification",
            _I,
            "An agent goes ahead on unclear or missing information instead of asking for it.",
        ),
        (
            FailureMode.TASK_DERAILMENT,
            "Task derailment",
            _I,
            "The work drifts away from the stated objective towards something irrelevant.",
        ),
        (
            FailureMode.INFORMATION_WITHHOLDING,
            "Information withholding",
            _I,
            "An agent holds information that others need (an error, a result) and does not "
            "pass it on.",
        ),
        (
            FailureMode.IGNORED_INPUT,
            "Ignored other agent's input",
            _I,
            "An agent disregards what another agent told it or recommended.",
        ),
        (
            FailureMode.REASONING_ACTION_MISMATCH,
            "Reasoning-action mismatch",
            _I,
            "What an agent says it will do and what it then does differ.",
        ),
        (
            FailureMode.PREMATURE_TERMINATION,
            "Premature termination",
            _V,
            "The run ends before the objective is met or before needed information was exchanged.",
        ),
        (
            FailureMode.NO_VERIFICATION,
            "No or incomplete verification",
            _V,
            "The result is not checked, or only partly, so errors go through unnoticed.",
        ),
        (
            FailureMode.INCORRECT_VERIFICATION,
            "Incorrect verification",
            _V,
            "A check is done but passes a result that is wrong or a step that failed.",
        ),
    ]
}


def mode_of(code: str) -> FailureMode | None:
    """The mode for a code such as ``"FM-1.3"``, ``"1.3"`` or ``"fm-1.3"``; None if unknown.

    >>> mode_of("1.3")
    <FailureMode.STEP_REPETITION: 'FM-1.3'>
    """
    text = code.strip().upper()
    if not text.startswith("FM-"):
        text = "FM-" + text
    try:
        return FailureMode(text)
    except ValueError:
        return None
