"""Request-wide assembly: inherited agents, derived messages, agent and checkpoint records.

Spans of one trace arrive in any order and across requests, so everything here only uses
what the request holds and degrades gracefully: a span whose parent is elsewhere keeps the
agent its own attributes name.
"""

from __future__ import annotations

import bisect
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from agenttrace_core.enums import MessageKind, SpanType
from agenttrace_core.ids import RowId, SpanId, TraceId
from agenttrace_core.models import Agent, AgentMessage, Checkpoint

from agenttrace_ingestion.rejections import Adjusted, Adjustment

from .draft import MessageDraft, SpanDraft
from .fastmodel import trusted
from .payloads import message_text
from .values import loads_or_none

Index = dict[tuple[str, str], SpanDraft]
_NO_PARENT = {"", "start", "__start__", "None", "null"}


def row_id(*parts: object) -> RowId:
    """A deterministic row id (32 hex chars) from the given parts."""
    text = "\x1f".join(str(p) for p in parts)
    return RowId(hashlib.sha256(text.encode()).hexdigest()[:32])


def inherit_agents(drafts: Sequence[SpanDraft], index: Index) -> None:
    """Give each span without an agent the agent of its nearest ancestor in the request."""
    resolved: dict[tuple[str, str], str | None] = {}
    for draft in drafts:
        if draft.agent is not None:
            continue
        chain: list[SpanDraft] = []
        node: SpanDraft | None = draft
        agent: str | None = None
        while node is not None:
            key = (node.trace_id, node.span_id)
            if node.agent is not None:
                agent = node.agent
                break
            if key in resolved:
                agent = resolved[key]
                break
            chain.append(node)
            node = index.get((node.trace_id, node.parent_id)) if node.parent_id else None
            if len(chain) > 10_000:  # a cycle in bad data
                break
        for item in chain:
            resolved[(item.trace_id, item.span_id)] = agent
            item.agent = agent
            item.agent_inherited = agent is not None


class _Pending:
    """Explicit handoffs/delegations per trace, so that weaker evidence does not repeat them."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str | None, str | None], list[int]] = defaultdict(list)

    def add(self, trace_id: str, message: MessageDraft) -> None:
        self._seen[(trace_id, message.from_agent, message.to_agent)].append(message.timestamp)

    def consume(self, trace_id: str, sender: str | None, receiver: str | None, before: int) -> bool:
        stamps = self._seen.get((trace_id, sender, receiver))
        if not stamps:
            return False
        for i, stamp in enumerate(stamps):
            if stamp <= before:
                del stamps[i]
                return True
        return False


def derive_messages(drafts: Sequence[SpanDraft], index: Index) -> None:
    """Handoffs, delegations (nested agent runs), returns and graph-order messages."""
    runs: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for d in drafts:
        if d.is_agent_run and d.agent:
            runs[d.trace_id].append((d.start, d.agent))
    for items in runs.values():
        items.sort()
    node_names: dict[str, str] = {}  # graph.node.id → agent, where ids are not names (Agno)
    for d in drafts:
        node = d.attrs.get("graph.node.id") if d.is_agent_run else None
        if isinstance(node, str) and d.agent and node != d.agent:
            node_names[node] = d.agent
    pending = _Pending()
    for d in drafts:
        for message in d.messages:
            pending.add(d.trace_id, message)
    for d in sorted((d for d in drafts if d.is_handoff), key=lambda x: x.start):
        sender = d.handoff_from or d.agent or _last_agent(runs.get(d.trace_id, []), d.start)
        receiver = d.handoff_to
        if receiver is None or receiver == "unknown":
            receiver = _next_agent(runs.get(d.trace_id, []), d.start, sender)
        if receiver is None or receiver == sender:
            continue
        content = d.extra.get("handoff_content")
        message = MessageDraft(
            MessageKind.HANDOFF, sender, receiver, d.start, content=content, source="handoff"
        )
        d.messages.append(message)
        pending.add(d.trace_id, message)
    for d in sorted((d for d in drafts if d.is_agent_run), key=lambda x: x.start):
        parent = index.get((d.trace_id, d.parent_id)) if d.parent_id else None
        outer = parent.agent if parent is not None else None
        if outer is not None and outer != d.agent:
            if pending.consume(d.trace_id, outer, d.agent, d.start):
                continue
            # an agent run as a tool: the call's arguments/result stand in for missing text
            via = parent if parent is not None and parent.span_type == SpanType.TOOL else None
            asked = d.input or (via.input if via else None)
            answer = d.output or (via.output if via else None)
            d.messages.append(
                MessageDraft(
                    MessageKind.DELEGATION,
                    outer,
                    d.agent,
                    d.start,
                    content=message_text(asked),
                    source="nesting",
                )
            )
            d.messages.append(
                MessageDraft(
                    MessageKind.RETURN,
                    d.agent,
                    outer,
                    d.end,
                    content=message_text(answer),
                    source="nesting",
                )
            )
            continue
        previous = d.graph_parent
        previous = node_names.get(previous, previous) if previous is not None else None
        if previous is None or previous in _NO_PARENT or previous == d.agent:
            continue
        if pending.consume(d.trace_id, previous, d.agent, d.start):
            continue
        d.messages.append(
            MessageDraft(
                MessageKind.MESSAGE, previous, d.agent, d.start, content=None, source="graph"
            )
        )


def _last_agent(runs: list[tuple[int, str]], before: int) -> str | None:
    end = bisect.bisect_left(runs, (before, ""))
    return runs[end - 1][1] if end else None


def _next_agent(runs: list[tuple[int, str]], after: int, sender: str | None) -> str | None:
    start = bisect.bisect_left(runs, (after, ""))
    for _, agent in runs[start:]:
        if agent != sender:
            return agent
    return None


def build_messages(drafts: Iterable[SpanDraft]) -> list[AgentMessage]:
    """Agent messages with deterministic ids, ordered per trace (``seq``)."""
    per_trace: dict[str, list[tuple[int, int, dict[str, Any]]]] = defaultdict(list)
    order = 0
    for d in drafts:
        counters: dict[str, int] = defaultdict(int)
        for m in d.messages:
            n = counters[m.source]
            counters[m.source] += 1
            values: dict[str, Any] = {
                "id": row_id(d.trace_id, d.span_id, m.source, n),
                "trace_id": TraceId(d.trace_id),
                "span_id": SpanId(d.span_id),
                "project": d.project,
                "from_agent": m.from_agent,
                "to_agent": m.to_agent,
                "kind": m.kind,
                "content": m.content,
                "timestamp": m.timestamp,
                "seq": 0,
                "attributes": m.attributes,
            }
            per_trace[d.trace_id].append((m.timestamp, order, values))
            order += 1
    out: list[AgentMessage] = []
    for items in per_trace.values():
        items.sort(key=lambda item: (item[0], item[1]))
        for seq, (_, _, values) in enumerate(items):
            values["seq"] = seq
            out.append(trusted(AgentMessage, values))
    return out


def _agent(
    trace_id: str, name: str, project: str, framework: str | None, first_seen: int
) -> dict[str, Any]:
    return {
        "trace_id": TraceId(trace_id),
        "name": name,
        "project": project,
        "role": None,
        "framework": framework,
        "model": None,
        "config": {},
        "first_seen": first_seen,
    }


def build_agents(drafts: Iterable[SpanDraft], messages: Iterable[AgentMessage]) -> list[Agent]:
    """One record per (trace, agent name) with role, framework, model and config."""
    agents: dict[tuple[str, str], dict[str, Any]] = {}
    from_run: set[tuple[str, str]] = set()
    frameworks: dict[tuple[str, str], str | None] = {}
    for d in drafts:
        frameworks[(d.trace_id, d.span_id)] = d.framework
        if not d.agent:
            continue
        key = (d.trace_id, d.agent)
        agent = agents.get(key)
        if agent is None:
            agent = agents[key] = _agent(d.trace_id, d.agent, d.project, d.framework, d.start)
        elif d.start < agent["first_seen"]:
            agent["first_seen"] = d.start
        if d.is_agent_run or d.agent_role:
            agent["role"] = agent["role"] or d.agent_role
            for k, v in d.agent_config.items():
                agent["config"].setdefault(k, v)
        if d.is_agent_run and key not in from_run:
            from_run.add(key)
            agent["framework"] = d.framework or agent["framework"]
            configured = d.agent_config.get("model")
            agent["model"] = (
                configured if isinstance(configured, str) else (d.model or agent["model"])
            )
        elif agent["framework"] is None:
            agent["framework"] = d.framework
        if agent["model"] is None and d.span_type == SpanType.LLM and d.model:
            agent["model"] = d.model
    for m in messages:
        for name in (m.from_agent, m.to_agent):
            if name and (m.trace_id, name) not in agents:
                framework = frameworks.get((m.trace_id, m.span_id or ""))
                agents[(m.trace_id, name)] = _agent(
                    m.trace_id, name, m.project, framework, m.timestamp
                )
    return [trusted(Agent, values) for values in agents.values()]


def canonical_json(value: Any) -> str:
    """The canonical JSON text of a value (sorted keys, no spaces) used for hashing."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


_INT32 = (-(2**31), 2**31 - 1)


def _step(d: SpanDraft, step: int | None, index: int) -> int:
    """The given step of a checkpoint, or its index on the span (a step out of range, said)."""
    if step is None:
        return index
    if _INT32[0] <= step <= _INT32[1]:
        return step
    d.adjusted.append(
        Adjusted(
            d.trace_id,
            d.span_id,
            Adjustment.CHECKPOINT_STEP,
            f"checkpoint step {str(step)[:24]} out of range, {index} used",
        )
    )
    return index


def build_checkpoints(drafts: Iterable[SpanDraft]) -> list[Checkpoint]:
    """Checkpoints from ``agenttrace.checkpoint.*`` attributes and events."""
    out: list[Checkpoint] = []
    for d in drafts:
        for i, c in enumerate(d.checkpoints):
            raw = c["state"]
            state = loads_or_none(raw) if isinstance(raw, str) else raw
            if state is None and isinstance(raw, str):
                state = raw
            given_id = c["id"]
            out.append(
                Checkpoint.model_construct(
                    id=RowId(given_id[:64])
                    if given_id
                    else row_id(d.trace_id, d.span_id, "ckpt", i),
                    trace_id=TraceId(d.trace_id),
                    span_id=SpanId(d.span_id),
                    project=d.project,
                    agent=c["agent"] or d.agent,
                    name=c["name"],
                    step=_step(d, c["step"], i),
                    state=state,
                    state_hash=hashlib.sha256(canonical_json(state).encode()).hexdigest(),
                    parent_id=RowId(c["parent_id"][:64]) if c["parent_id"] else None,
                    thread_id=c["thread_id"],
                    checkpoint_ns=c["checkpoint_ns"],
                    framework_checkpoint_id=c["framework_checkpoint_id"],
                    framework=c["framework"] or d.framework,
                    timestamp=c["timestamp"],
                    metadata={},
                )
            )
    return out
