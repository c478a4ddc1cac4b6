"""Closed sets of values used across the data model."""

from __future__ import annotations

from enum import StrEnum


class SpanType(StrEnum):
    """What a span does in a multi-agent run."""

    AGENT = "agent"
    LLM = "llm"
    TOOL = "tool"
    HANDOFF = "handoff"
    MESSAGE = "message"
    CHAIN = "chain"
    RETRIEVER = "retriever"
    OTHER = "other"


class SpanStatus(StrEnum):
    """OpenTelemetry status code of a span, or the derived status of a trace."""

    UNSET = "unset"
    OK = "ok"
    ERROR = "error"


class MessageKind(StrEnum):
    """Kinds of communication between agents."""

    HANDOFF = "handoff"
    MESSAGE = "message"
    DELEGATION = "delegation"
    BROADCAST = "broadcast"
    RETURN = "return"


class AnnotationSource(StrEnum):
    """Who produced a failure annotation."""

    DETECTOR = "detector"
    LLM = "llm"
    HUMAN = "human"


class AnnotationStatus(StrEnum):
    """Review state of a failure annotation."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class AnalysisState(StrEnum):
    """Where a trace is in the analysis pipeline."""

    PENDING = "pending"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class HumanVerdict(StrEnum):
    """A person's verdict on a whole trace."""

    FAILED = "failed"
    GOOD = "good"


class ReplayStatus(StrEnum):
    """Lifecycle of a replay request."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


class MastCategory(StrEnum):
    """The three MAST categories."""

    SPECIFICATION = "specification"
    INTER_AGENT = "inter_agent_misalignment"
    VERIFICATION = "task_verification"


class JudgeStrategy(StrEnum):
    """How the optional LLM judge is asked to attribute a failure."""

    ALL_AT_ONCE = "all-at-once"
    STEP_BY_STEP = "step-by-step"
    BINARY_SEARCH = "binary-search"
