"""Bodies of the time-travel and replay routes: checkpoints, diffs, replays, comparisons."""

from __future__ import annotations

from typing import Any, Literal

from agenttrace_core.enums import ReplayStatus
from pydantic import BaseModel, Field

from agenttrace_api.schemas.common import CleanStr


class CheckpointOut(BaseModel):
    """One checkpoint of a trace, without its state."""

    id: str
    trace_id: str
    step: int
    name: str | None
    agent: str | None
    span_id: str | None
    timestamp: int
    parent_id: str | None
    state_hash: str
    size: int
    framework: str | None = None
    thread_id: str | None = None
    checkpoint_ns: str | None = None
    framework_checkpoint_id: str | None = None


class CheckpointState(CheckpointOut):
    """One checkpoint with the whole state of its step."""

    state: Any
    metadata: dict[str, Any] = Field(default_factory=dict)


class CheckpointList(BaseModel):
    """The checkpoints of a trace in step order."""

    items: list[CheckpointOut]
    next_cursor: str | None = None


class ChangeOut(BaseModel):
    """One difference between two states."""

    op: Literal["added", "removed", "changed"]
    path: str
    before: Any = None
    after: Any = None


class DiffOut(BaseModel):
    """What changed from checkpoint ``a`` to checkpoint ``b``."""

    a: str
    b: str
    changes: list[ChangeOut]


class ReplayCreate(BaseModel):
    """A fork request: run ``trace_id`` again from ``checkpoint_id`` with ``set`` applied."""

    trace_id: str = Field(pattern=r"^[0-9a-fA-F]{32}$")
    checkpoint_id: str = Field(min_length=1, max_length=64, pattern=r"^[^\x00]+$")
    set: dict[CleanStr, Any] = Field(
        default_factory=dict,
        description="state path → new value",
        # the key pattern binds every key (not only the keys that match it)
        json_schema_extra={"additionalProperties": False},
    )
    recorded_only: bool = False
    app: CleanStr | None = Field(
        default=None, max_length=512, description="module:object of the workflow to run"
    )
    worker: CleanStr | None = Field(
        default=None,
        max_length=255,
        description="claim it at once for this worker (it runs the replay itself)",
    )


class ReplayOut(BaseModel):
    """One replay and where it is in its lifecycle."""

    id: str
    project: str
    source_trace_id: str
    checkpoint_id: str
    step: int | None
    set: dict[str, Any]
    app: str | None
    recorded_only: bool
    status: ReplayStatus
    new_trace_id: str | None
    worker: str | None
    error: str | None
    created_at: str | None
    claimed_at: str | None
    finished_at: str | None
    message: str | None = Field(default=None, description="e.g. that it waits for a worker")


class ReplayList(BaseModel):
    """The forks around a trace: flat (``items``) and as a tree from the original run."""

    root_trace_id: str
    items: list[ReplayOut]
    tree: dict[str, Any]
    next_cursor: str | None = None


class ClaimRequest(BaseModel):
    """A worker asking for work."""

    worker: CleanStr = Field(max_length=255)
    app: CleanStr | None = Field(default=None, max_length=512)


class StatusReport(BaseModel):
    """A worker's progress report."""

    status: ReplayStatus
    new_trace_id: str | None = Field(default=None, pattern="^[0-9a-f]{32}$")
    error: CleanStr | None = None


class Comparison(BaseModel):
    """Two runs side by side (see :func:`agenttrace_replay.compare_runs`)."""

    a: dict[str, Any]
    b: dict[str, Any]
    steps: list[dict[str, Any]]
    first_divergence: dict[str, Any] | None
    messages: list[dict[str, Any]]
    state: dict[str, Any]
    tokens: dict[str, Any]
    tool_results: list[dict[str, Any]]
