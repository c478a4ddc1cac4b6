"""LangChain / LangGraph through OpenInference (``openinference.instrumentation.langchain``).

No attribute names the agent. The ``metadata`` JSON does: ``langgraph_checkpoint_ns`` starts
with the top-level graph node a span runs in (``"booking_agent:<uuid>|tools:<uuid>"``). A node
is an agent when it is a subgraph (the namespace has more levels), a handoff target
(``transfer_to_<agent>`` tools with ``__handoff_destination``) or tagged AGENT. OpenInference's
own AGENT tag is a name heuristic, so inner ``agent``/``call_agent`` runs become chains.
Control going back to a supervisor is not a span: consecutive agent nodes make the handoffs
and returns. Supervisors nest (a team is a subgraph with a supervisor and workers of its own):
inside a team, a handoff target names the worker that deeper spans belong to, the team's
other nodes are the team's turns, and turns are paired within each (sub)graph run.
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from agenttrace_core.enums import MessageKind, SpanType

from .base import Normalizer
from .common import OI_KIND, apply_common, explicit_agent
from .draft import MessageDraft, SpanDraft
from .values import clip, loads_or_none

_SCOPE = "openinference.instrumentation.langchain"


class LangGraphNormalizer(Normalizer):
    """Spans of LangChain and LangGraph runs."""

    name = "langgraph"
    framework = "langgraph"

    def matches(
        self, scope: str, version: str, resource: dict[str, Any], attributes: dict[str, Any]
    ) -> bool:
        """Match the OpenInference LangChain scope."""
        return scope == _SCOPE

    def normalize(self, draft: SpanDraft) -> None:
        """Shared conventions, then the graph node / namespace reading of ``metadata``."""
        apply_common(draft)
        a = draft.attrs
        meta = loads_or_none(a.get("metadata"))
        meta = meta if isinstance(meta, dict) else {}
        node, ns = meta.get("langgraph_node"), meta.get("langgraph_checkpoint_ns")
        draft.framework = (
            "langgraph" if node is not None or "ls_integration" in meta else "langchain"
        )
        if draft.is_agent_run:  # OpenInference's name heuristic; decided in resolve()
            draft.is_agent_run = False
            draft.agent = explicit_agent(a)
            draft.span_type = SpanType.CHAIN
        destination = meta.get("__handoff_destination")
        if isinstance(destination, str) and destination:
            draft.is_handoff, draft.span_type, draft.handoff_to = (
                True,
                SpanType.HANDOFF,
                destination,
            )
        if isinstance(ns, str) and ns:
            segments = ns.split("|")
            top = clip(segments[0].split(":", 1)[0])
            nested = "|" in ns or "checkpoint_ns" in meta
            draft.extra["lg_top"] = top
            draft.extra["lg_nested"] = nested
            draft.extra["lg_node_span"] = not nested and node == draft.name
            draft.extra["lg_tagged"] = a.get(OI_KIND) == "AGENT"
            if len(segments) > 1:
                draft.extra["lg_levels"] = [seg.split(":", 1)[0] for seg in segments]
                draft.extra["lg_ns"] = ns
                if node == draft.name == draft.extra["lg_levels"][-1]:
                    draft.extra["lg_inner_node"] = "|".join(segments[:-1])
            if nested and draft.agent is None:
                draft.agent = top
        if node in _PREBUILT_NODES and node == draft.name:
            draft.extra["lg_prebuilt"] = True
        if isinstance(meta.get("thread_id"), str):
            draft.extra["lg_thread"] = meta["thread_id"]

    def resolve(self, drafts: Sequence[SpanDraft], index: dict[tuple[str, str], SpanDraft]) -> None:
        """Decide which nodes are agents, then derive returns between consecutive nodes."""
        known: dict[str, set[str]] = defaultdict(set)
        for d in drafts:
            top = d.extra.get("lg_top")
            if top and (
                d.extra.get("lg_nested")
                or (d.extra.get("lg_node_span") and d.extra.get("lg_tagged"))
            ):
                known[d.trace_id].add(top)
            if d.is_handoff and d.handoff_to:
                known[d.trace_id].add(d.handoff_to)
        targets: dict[str, set[str]] = defaultdict(set)
        for d in drafts:
            if d.is_handoff and d.handoff_to:
                targets[d.trace_id].add(d.handoff_to)
        turns: dict[tuple[str, str], list[SpanDraft]] = defaultdict(list)
        for d in drafts:
            top = d.extra.get("lg_top")
            if top and top in known[d.trace_id]:
                if d.agent is None or d.agent_inherited:
                    d.agent, d.agent_inherited = top, False
                if d.extra.get("lg_node_span"):
                    d.span_type, d.is_agent_run = SpanType.AGENT, True
                    turns[(d.trace_id, "")].append(d)
            worker = _worker(d, targets[d.trace_id])
            if worker is not None and (d.agent is None or d.agent == top or d.agent_inherited):
                d.agent, d.agent_inherited = worker, False
            scope = d.extra.get("lg_inner_node")
            if scope is not None and d.agent is not None and not _inner_run(d, index):
                if d.agent == d.name:  # a worker's own node in its team's graph
                    d.span_type, d.is_agent_run = SpanType.AGENT, True
                turns[(d.trace_id, scope)].append(d)
        _name_prebuilt_agents(drafts, index)
        moves: dict[tuple[str, str | None, str], list[int]] = defaultdict(list)
        for d in drafts:
            if d.is_handoff and d.handoff_to:
                moves[(d.trace_id, d.agent, d.handoff_to)].append(d.start)
        for times in moves.values():
            times.sort()
        came_from: dict[tuple[str, str], str | None] = {}
        for (trace_id, _), runs in turns.items():
            runs.sort(key=lambda x: x.start)
            for prev, cur in itertools.pairwise(runs):
                if prev.agent == cur.agent or prev.agent is None or cur.agent is None:
                    continue
                times = moves.get((trace_id, prev.agent, cur.agent), [])
                i = bisect.bisect_left(times, prev.start)
                if i < len(times) and times[i] <= prev.end:  # an explicit handoff
                    came_from[(trace_id, cur.agent)] = prev.agent
                    continue
                back = came_from.get((trace_id, prev.agent)) == cur.agent
                kind = MessageKind.RETURN if back else MessageKind.HANDOFF
                prev.messages.append(
                    MessageDraft(
                        kind, prev.agent, cur.agent, prev.end, content=None, source="langgraph"
                    )
                )
                if not back:
                    came_from[(trace_id, cur.agent)] = prev.agent


_PREBUILT_NODES = frozenset({"agent", "tools"})
"""The nodes of LangGraph's prebuilt ReAct agent (``create_react_agent``): not agents of
their own, but the turns of the agent the graph is (named by its ``name``)."""


def _name_prebuilt_agents(
    drafts: Sequence[SpanDraft], index: dict[tuple[str, str], SpanDraft]
) -> None:
    """Spans inside a prebuilt agent's graph belong to the agent the graph is named for.

    The graph's run is the parent of its ``agent`` and ``tools`` node spans and carries the
    graph's name (``create_react_agent(..., name="recipe_scaler")``). A graph run inside a
    tool (an agent used as a tool) is that agent's run; the spans below it are its own, so
    the innermost graph names them.
    """
    graphs: dict[tuple[str, str], str] = {}
    for d in drafts:
        if not d.extra.get("lg_prebuilt") or not d.parent_id:
            continue
        run = index.get((d.trace_id, d.parent_id))
        if run is None or run.name in _PREBUILT_NODES or run.name in ("LangGraph", ""):
            continue
        graphs[(run.trace_id, run.span_id)] = clip(run.name) or run.name
    if not graphs:
        return
    for d in drafts:
        name: str | None = None
        up: SpanDraft | None = d
        while up is not None:
            name = graphs.get((up.trace_id, up.span_id))
            if name is not None or not up.parent_id:
                break
            up = index.get((up.trace_id, up.parent_id))
        if name is None:
            continue
        if not (d.agent is None or d.agent in _PREBUILT_NODES or d.agent_inherited):
            continue  # named already (a worker of a supervisor, say)
        d.agent, d.agent_inherited = name, False
        if (d.trace_id, d.span_id) in graphs:
            d.span_type, d.is_agent_run = SpanType.AGENT, True
        elif d.extra.get("lg_prebuilt"):
            d.span_type, d.is_agent_run = SpanType.CHAIN, False


def _worker(d: SpanDraft, targets: set[str]) -> str | None:
    """The deepest handoff target among the (sub)graph levels below the top of a span."""
    levels = d.extra.get("lg_levels")
    if not levels or not targets:
        return None
    for name in reversed(levels[1:]):
        if name in targets:
            return clip(str(name))
    return None


def _inner_run(d: SpanDraft, index: dict[tuple[str, str], SpanDraft]) -> bool:
    """A node's subgraph run, inside the node span of the same name and namespace."""
    parent = index.get((d.trace_id, d.parent_id)) if d.parent_id else None
    return (
        parent is not None
        and parent.name == d.name
        and parent.extra.get("lg_ns") == d.extra.get("lg_ns")
    )
