"""LangGraph: a checkpointer that sends every checkpoint with the trace, and graph forks.

``AgentTraceCheckpointer`` is a real ``BaseCheckpointSaver``: it keeps checkpoints where the
saver it wraps keeps them (an in-memory saver when none is given), so LangGraph's own time
travel keeps working, and it sends each top-level checkpoint as an ``agenttrace.checkpoint``
event (step, writer node, state, thread id, LangGraph's checkpoint id).

A fork from step *k* runs the graph on a fresh thread: the checkpoints before *k* are copied
from the recording (nothing before the fork point runs again, so it costs nothing and is
exact), the state of step *k* with the changes applied is written as the output of the node
that produced it (``update_state(..., as_node=…)``), and the graph continues live from there.
"""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.load import dumpd, load
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import (
    BaseCheckpointSaver,
    ChannelVersions,
    Checkpoint,
    CheckpointMetadata,
    CheckpointTuple,
)
from langgraph.checkpoint.memory import InMemorySaver

import agenttrace
from agenttrace._internal.guard import internal_errors
from agenttrace.replay import _paths, _session

INPUT_NAME = "input"


def encode(value: Any) -> Any:
    """A JSON value for a channel value; LangChain objects in their ``dumpd`` form."""
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if hasattr(value, "to_json") and hasattr(value, "lc_id"):
        return dumpd(value)
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return dump(mode="json")
    return repr(value)


def decode(value: Any) -> Any:
    """Revive the LangChain objects (messages, documents …) of an encoded state."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # langchain_core marks ``load`` as beta
        return load(value, allowed_objects="core")


def _state(values: dict[str, Any]) -> Any:
    """The user-facing state of a checkpoint: its channels, without LangGraph's own."""
    if set(values) == {"__start__"}:
        return encode(values["__start__"])
    return {k: encode(v) for k, v in values.items() if not k.startswith("__") and ":" not in k}


def _node_of(task_path: str) -> str | None:
    parts = [p.strip() for p in task_path.split(",") if p.strip()]
    return parts[-1] if len(parts) >= 2 else None


class AgentTraceCheckpointer(BaseCheckpointSaver[Any]):  # type: ignore[misc]
    """A LangGraph checkpointer that also sends every checkpoint to AgentTrace.

    Args:
        saver: The checkpointer that stores the checkpoints (yours: SQLite, Postgres …);
            default an ``InMemorySaver``.

    Example:
        >>> from langgraph.graph import StateGraph, START, END
        >>> from typing_extensions import TypedDict
        >>> class State(TypedDict):
        ...     topic: str
        >>> builder = StateGraph(State)
        >>> builder.add_node("writer", lambda s: {"topic": s["topic"].upper()})
        >>> _ = builder.add_edge(START, "writer")
        >>> _ = builder.add_edge("writer", END)
        >>> graph = builder.compile(checkpointer=AgentTraceCheckpointer())
        >>> graph.invoke({"topic": "tides"}, {"configurable": {"thread_id": "t1"}})
        {'topic': 'TIDES'}
    """

    def __init__(self, saver: BaseCheckpointSaver[Any] | None = None) -> None:
        inner = saver if saver is not None else InMemorySaver()
        super().__init__(serde=inner.serde)
        self.saver = inner
        self._writers: dict[tuple[str, str], list[str]] = {}
        self._seen: dict[tuple[str, str], dict[str, Any]] = {}
        self.step_offsets: dict[str, int] = {}
        """Per thread: the AgentTrace step of LangGraph's step 0 minus 1 (default 1)."""

    # -- what LangGraph calls ---------------------------------------------------------------
    def get_tuple(self, config: RunnableConfig) -> CheckpointTuple | None:
        """Read from the wrapped saver."""
        return self.saver.get_tuple(config)

    def list(
        self,
        config: RunnableConfig | None,
        *,
        filter: dict[str, Any] | None = None,
        before: RunnableConfig | None = None,
        limit: int | None = None,
    ) -> Iterator[CheckpointTuple]:
        """List from the wrapped saver."""
        yield from self.saver.list(config, filter=filter, before=before, limit=limit)

    def put(
        self,
        config: RunnableConfig,
        checkpoint: Checkpoint,
        metadata: CheckpointMetadata,
        new_versions: ChannelVersions,
    ) -> RunnableConfig:
        """Store in the wrapped saver, then send the checkpoint with the trace."""
        stored = self.saver.put(config, checkpoint, metadata, new_versions)
        with internal_errors("sending a LangGraph checkpoint"):
            self._send(config, checkpoint, metadata)
        return stored

    def put_writes(
        self,
        config: RunnableConfig,
        writes: Sequence[tuple[str, Any]],
        task_id: str,
        task_path: str = "",
    ) -> None:
        """Store in the wrapped saver; remember which node wrote (the next checkpoint's agent)."""
        self.saver.put_writes(config, writes, task_id, task_path)
        node = _node_of(task_path)
        if node:
            self._writers.setdefault(_thread_key(config), []).append(node)

    def delete_thread(self, thread_id: str) -> None:
        """Delete in the wrapped saver."""
        self.saver.delete_thread(thread_id)

    async def aget_tuple(self, config: RunnableConfig) -> CheckpointTuple | None:
        """Read from the wrapped saver."""
        return await self.saver.aget_tuple(config)

    async def alist(
        self,
        config: RunnableConfig | None,
        *,
        filter: dict[str, Any] | None = None,
        before: RunnableConfig | None = None,
        limit: int | None = None,
    ) -> AsyncIterator[CheckpointTuple]:
        """List from the wrapped saver."""
        async for item in self.saver.alist(config, filter=filter, before=before, limit=limit):
            yield item

    async def aput(
        self,
        config: RunnableConfig,
        checkpoint: Checkpoint,
        metadata: CheckpointMetadata,
        new_versions: ChannelVersions,
    ) -> RunnableConfig:
        """Store in the wrapped saver, then send the checkpoint with the trace."""
        stored = await self.saver.aput(config, checkpoint, metadata, new_versions)
        with internal_errors("sending a LangGraph checkpoint"):
            self._send(config, checkpoint, metadata)
        return stored

    async def aput_writes(
        self,
        config: RunnableConfig,
        writes: Sequence[tuple[str, Any]],
        task_id: str,
        task_path: str = "",
    ) -> None:
        """Store in the wrapped saver; remember which node wrote."""
        await self.saver.aput_writes(config, writes, task_id, task_path)
        node = _node_of(task_path)
        if node:
            self._writers.setdefault(_thread_key(config), []).append(node)

    async def adelete_thread(self, thread_id: str) -> None:
        """Delete in the wrapped saver."""
        await self.saver.adelete_thread(thread_id)

    def get_next_version(self, current: Any, channel: None) -> Any:
        """The wrapped saver's versioning."""
        return self.saver.get_next_version(current, channel)

    # -- sending -----------------------------------------------------------------------------
    def _send(
        self, config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata
    ) -> None:
        conf = config.get("configurable", {})
        ns = str(conf.get("checkpoint_ns") or "")
        if ns:
            return  # subgraph checkpoints stay with LangGraph (see docs/replay.md)
        thread = str(conf.get("thread_id") or "")
        key = (thread, ns)
        # The nodes that ran in this superstep are those whose seen channel versions changed.
        # This comes with the checkpoint itself; the writes LangGraph reports through
        # put_writes may arrive after the checkpoint (they are sent in the background), so
        # they only fill in when the versions say nothing.
        recorded_writers = self._writers.pop(key, [])
        seen = {
            node: dict(versions)
            for node, versions in checkpoint.get("versions_seen", {}).items()
            if node not in {"__input__", "__interrupt__"}
        }
        previous = self._seen.get(key, {})
        writers = sorted(n for n, v in seen.items() if previous.get(n) != v) or recorded_writers
        self._seen[key] = seen
        source = metadata.get("source")
        agent = None if source == "input" else ", ".join(dict.fromkeys(writers)) or None
        step = int(metadata.get("step", -1)) + self.step_offsets.get(thread, 1)
        agenttrace.checkpoint(
            INPUT_NAME if source == "input" else agent or str(source),
            _state(dict(checkpoint.get("channel_values", {}))),
            agent=agent,
            step=step,
            thread_id=thread or None,
            framework_id=str(checkpoint["id"]),
            framework="langgraph",
        )


def _thread_key(config: RunnableConfig) -> tuple[str, str]:
    conf = config.get("configurable", {})
    return str(conf.get("thread_id") or ""), str(conf.get("checkpoint_ns") or "")


class _NoLiveCalls(BaseCallbackHandler):  # type: ignore[misc]
    """With ``recorded_only``: a model or tool call after the fork point fails clearly."""

    raise_error = True

    def _refuse(self, what: str) -> None:
        raise _session.RecordingMissingError(
            f"recorded_only: the fork would call {what} live, and a LangGraph fork has no "
            "recording after the fork point; rerun without recorded_only"
        )

    def on_chat_model_start(self, serialized: Any, messages: Any, **kwargs: Any) -> None:
        """Refuse a chat model call."""
        self._refuse("a chat model")

    def on_llm_start(self, serialized: Any, prompts: Any, **kwargs: Any) -> None:
        """Refuse an LLM call."""
        self._refuse("an LLM")

    def on_tool_start(self, serialized: Any, input_str: str, **kwargs: Any) -> None:
        """Refuse a tool call."""
        self._refuse("a tool")


def fork_graph(
    graph: Any,
    *,
    replay_id: str,
    checkpoint: dict[str, Any],
    before: list[dict[str, Any]],
    changes: dict[str, Any],
    recorded_only: bool,
) -> Any:
    """Run ``graph`` again from ``checkpoint`` (with ``changes``) on a fresh thread.

    Args:
        graph: The compiled graph.
        replay_id: Names the fresh thread (``replay-<id>``).
        checkpoint: The fork checkpoint, with ``state``, ``step`` and ``agent``.
        before: The recorded checkpoints before it (with states), copied into the new trace.
        changes: ``{path: value}`` applied to the fork checkpoint's state.
        recorded_only: Fail at the first live model or tool call.

    Returns:
        The graph's final output.
    """
    saver = AgentTraceCheckpointer()
    forked = graph.copy(update={"checkpointer": saver})
    thread = f"replay-{replay_id}"
    config: RunnableConfig = {"configurable": {"thread_id": thread}}
    if recorded_only:
        config["callbacks"] = [_NoLiveCalls()]
    state = checkpoint["state"]
    _paths.set_in_place(state, changes)
    node = checkpoint.get("agent")
    step = int(checkpoint["step"])
    if step <= 1 or not node:
        # the input (or the step that only applied it): run the whole graph on the new input
        return forked.invoke(decode(state), config)
    for cp in before:
        agenttrace.checkpoint(
            cp["name"] or f"step {cp['step']}",
            cp["state"],
            agent=cp.get("agent"),
            step=int(cp["step"]),
            thread_id=thread,
            framework="langgraph",
        )
    saver.step_offsets[thread] = step
    first = str(node).split(",", 1)[0].strip()
    forked.update_state(config, decode(state), as_node=first)
    return forked.invoke(None, config)
