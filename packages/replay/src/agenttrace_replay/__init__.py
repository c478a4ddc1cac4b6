"""Replay: checkpoint store, state reconstruction and diff, run comparison, the replay queue."""

from agenttrace_replay.compare import RunComparison, TraceNotFoundError, compare_runs
from agenttrace_replay.diff import Change, diff
from agenttrace_replay.paths import (
    PathError,
    PathNotFoundError,
    get_path,
    parse_assignments,
    parse_path,
    set_paths,
)
from agenttrace_replay.queue import (
    ForkBranch,
    ForkNode,
    ForkTree,
    InvalidModificationError,
    InvalidTransitionError,
    Replay,
    ReplayNotFoundError,
    claim_replay,
    create_replay,
    fork_tree,
    get_replay,
    report_replay,
)
from agenttrace_replay.store import (
    Checkpoint,
    CheckpointNotFoundError,
    CheckpointWithState,
    get_checkpoint,
    list_checkpoints,
    resolve_checkpoint,
    state_at,
)

__all__ = [
    "Change",
    "Checkpoint",
    "CheckpointNotFoundError",
    "CheckpointWithState",
    "ForkBranch",
    "ForkNode",
    "ForkTree",
    "InvalidModificationError",
    "InvalidTransitionError",
    "PathError",
    "PathNotFoundError",
    "Replay",
    "ReplayNotFoundError",
    "RunComparison",
    "TraceNotFoundError",
    "claim_replay",
    "compare_runs",
    "create_replay",
    "diff",
    "fork_tree",
    "get_checkpoint",
    "get_path",
    "get_replay",
    "list_checkpoints",
    "parse_assignments",
    "parse_path",
    "report_replay",
    "resolve_checkpoint",
    "set_paths",
    "state_at",
]
