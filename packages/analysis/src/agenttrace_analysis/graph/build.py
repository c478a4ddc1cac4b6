"""The communication graph of one run, as a networkx ``MultiDiGraph``.

Nodes are agents (ids = agent names), tools (``tool:<name>``) and the user / entry point
(``__user__``), each with a ``layer`` and per-node figures. There is one edge per
(source, target, kind), keyed by the kind, carrying count, first/last time, tokens, errors and
the span ids behind it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
from agenttrace_core.cost import PRICES
from agenttrace_core.enums import SpanStatus, SpanType
from agenttrace_core.models import Span

from agenttrace_analysis.graph.interactions import (
    TOOL_PREFIX,
    USER_NODE,
    Interaction,
    Layer,
    collect,
)
from agenttrace_analysis.trace_data import TraceData, is_agent_span, span_tokens

MAX_SPAN_IDS = 100
"""At most this many span ids are kept per edge (``count`` has the full number)."""


def build_graph(data: TraceData, items: list[Interaction] | None = None) -> nx.MultiDiGraph:
    """Build the graph of a run (``items``: its interactions, when already collected)."""
    items = collect(data) if items is None else items
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    _add_agents(graph, data)
    for it in items:
        if not it.in_graph:
            continue
        for node in (it.source, it.target):
            if node not in graph:
                _add_other_node(graph, node)
        key = it.kind.value
        if graph.has_edge(it.source, it.target, key):
            edge = graph.edges[it.source, it.target, key]
        else:
            graph.add_edge(
                it.source,
                it.target,
                key=key,
                kind=key,
                count=0,
                first_time=it.time,
                last_time=it.time,
                tokens=0,
                errors=0,
                span_ids=[],
            )
            edge = graph.edges[it.source, it.target, key]
        edge["count"] += 1
        edge["first_time"] = min(edge["first_time"], it.time)
        edge["last_time"] = max(edge["last_time"], it.time)
        edge["tokens"] += it.tokens
        edge["errors"] += int(it.error)
        if (
            it.span_id
            and it.span_id not in edge["span_ids"]
            and len(edge["span_ids"]) < MAX_SPAN_IDS
        ):
            edge["span_ids"].append(it.span_id)
    _add_tool_figures(graph, data)
    for node, attrs in graph.nodes(data=True):
        if attrs["layer"] == Layer.USER.value:
            attrs["messages_sent"] = sum(d["count"] for _, _, d in graph.out_edges(node, data=True))
    return graph


def _add_agents(graph: nx.MultiDiGraph, data: TraceData) -> None:
    owners = data.owners
    owned: dict[str, list[Span]] = {}
    for sp in data.spans:
        owner = owners.get(sp.span_id, sp.agent)
        if owner:
            owned.setdefault(owner, []).append(sp)
    info = {ag.name: ag for ag in data.agents}
    sent: dict[str, int] = {}
    received: dict[str, int] = {}
    for msg in data.messages:
        if msg.from_agent:
            sent[msg.from_agent] = sent.get(msg.from_agent, 0) + 1
        if msg.to_agent and msg.to_agent != "*":
            received[msg.to_agent] = received.get(msg.to_agent, 0) + 1
    for name in data.agent_names:
        spans = owned.get(name, [])
        ag = info.get(name)
        model = ag.model if ag and ag.model else next((sp.model for sp in spans if sp.model), None)
        graph.add_node(
            name,
            name=name,
            layer=Layer.AGENT.value,
            role=ag.role if ag else None,
            model=model,
            framework=ag.framework if ag else next((sp.framework for sp in spans), None),
            **_span_figures(name, spans),
            first_seen=min((sp.start_time for sp in spans), default=ag.first_seen if ag else None),
            last_seen=max((sp.end_time for sp in spans), default=None),
            messages_sent=sent.get(name, 0),
            messages_received=received.get(name, 0),
        )


def _span_figures(name: str, spans: list[Span]) -> dict[str, Any]:
    """Counts, tokens, cost, errors and active time of an agent's spans, in one pass.

    Keys in node order: ``spans``, ``invocations``, ``llm_calls``, ``tool_calls``,
    ``input_tokens``, ``output_tokens``, ``total_tokens``, ``cost_usd`` (None: no LLM call
    with a known cost), ``unpriced_llm_spans``, ``errors``, ``active_ms``.
    """
    invocations = llm_calls = tool_calls = input_tokens = output_tokens = total = errors = 0
    cost: float | None = None
    unpriced = 0
    for sp in spans:
        kind = sp.span_type
        if kind is SpanType.LLM:
            llm_calls += 1
            input_tokens += sp.input_tokens or 0
            output_tokens += sp.output_tokens or 0
            total += span_tokens(sp)
            call_cost = PRICES.span_cost(sp)
            if call_cost is None:
                unpriced += 1
            else:
                cost = call_cost if cost is None else cost + call_cost
        elif kind is SpanType.TOOL or kind is SpanType.RETRIEVER:
            tool_calls += 1
        elif sp.agent == name and is_agent_span(sp):
            invocations += 1
        if sp.status is SpanStatus.ERROR:
            errors += 1
    return {
        "spans": len(spans),
        "invocations": invocations,
        "llm_calls": llm_calls,
        "tool_calls": tool_calls,
        "input_tokens": input_tokens,
        "output_tokens": output_tokens,
        "total_tokens": total,
        "cost_usd": cost,
        "unpriced_llm_spans": unpriced,
        "errors": errors,
        "active_ms": _union_ms((sp.start_time, sp.end_time) for sp in spans),
    }


def _add_other_node(graph: nx.MultiDiGraph, node: str) -> None:
    if node == USER_NODE:
        graph.add_node(node, name="user", layer=Layer.USER.value, role="user / entry point")
    elif node.startswith(TOOL_PREFIX):
        graph.add_node(node, name=node[len(TOOL_PREFIX) :], layer=Layer.TOOL.value, role="tool")
    else:  # an agent only named as a message target
        graph.add_node(node, name=node, layer=Layer.AGENT.value, role=None)


def _add_tool_figures(graph: nx.MultiDiGraph, data: TraceData) -> None:
    for node, attrs in graph.nodes(data=True):
        if attrs["layer"] != Layer.TOOL.value:
            continue
        ids = {sid for _, _, d in graph.in_edges(node, data=True) for sid in d["span_ids"]}
        spans = [data.by_id[sid] for sid in ids if sid in data.by_id]
        attrs["calls"] = sum(d["count"] for _, _, d in graph.in_edges(node, data=True))
        attrs["errors"] = sum(d["errors"] for _, _, d in graph.in_edges(node, data=True))
        attrs["active_ms"] = _union_ms((sp.start_time, sp.end_time) for sp in spans)
        attrs["agents"] = sorted({src for src, _ in graph.in_edges(node)})


def _union_ms(intervals: Iterable[tuple[int, int]]) -> float:
    """Milliseconds covered by the union of ``[start, end]`` nanosecond intervals."""
    total, cur_start, cur_end = 0, None, None
    for start, end in sorted(intervals):
        if cur_end is None or start > cur_end:
            if cur_end is not None and cur_start is not None:
                total += cur_end - cur_start
            cur_start, cur_end = start, end
        else:
            cur_end = max(cur_end, end)
    if cur_end is not None and cur_start is not None:
        total += cur_end - cur_start
    return round(total / 1e6, 3)


def graph_json(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """The contract JSON: ``{"nodes": [{"id", "name", "role", "layer", …}], "edges": [...]}``."""
    nodes = [{"id": node, **attrs} for node, attrs in graph.nodes(data=True)]
    edges = [
        {"source": src, "target": dst, **{k: v for k, v in attrs.items()}}
        for src, dst, attrs in graph.edges(data=True)
    ]
    edges.sort(key=lambda e: (e["first_time"], e["source"], e["target"], e["kind"]))
    return {"nodes": nodes, "edges": edges}
