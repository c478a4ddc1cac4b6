"""Facts derived from a run's graph that the UI, the detectors and the attribution use.

- ``cycles``: the simple cycles between agents;
- ``loops``: cycles the run went round again and again, with how often;
- ``longest_chain``: the longest stretch of turns passing from agent to agent without repeats;
- ``critical_path``: the agents on the latency-critical path of the span tree, with their time;
- ``most_errors``: the agent with the most error spans;
- ``error_propagation``: an error in one agent followed by errors in agents it passed work to.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
from agenttrace_core.enums import SpanStatus

from agenttrace_analysis.graph.critical import critical_path
from agenttrace_analysis.graph.interactions import EdgeKind, Interaction, Layer, agent_sequence
from agenttrace_analysis.trace_data import TraceData

MAX_CYCLES = 20
MAX_CYCLE_LENGTH = 5
MAX_LOOP_PERIOD = 4
MAX_EVIDENCE = 50


def agent_digraph(graph: nx.MultiDiGraph) -> nx.DiGraph:
    """The agent layer as a plain directed graph (``weight`` = interactions over all kinds)."""
    agents = [n for n, d in graph.nodes(data=True) if d["layer"] == Layer.AGENT.value]
    simple: nx.DiGraph = nx.DiGraph()
    simple.add_nodes_from(agents)
    for src, dst, attrs in graph.edges(data=True):
        if src in simple and dst in simple and src != dst:
            weight = simple.edges[src, dst]["weight"] if simple.has_edge(src, dst) else 0
            simple.add_edge(src, dst, weight=weight + attrs["count"])
    return simple


def graph_facts(
    data: TraceData, graph: nx.MultiDiGraph, items: list[Interaction]
) -> dict[str, Any]:
    """All derived facts of one run (JSON-ready)."""
    simple = agent_digraph(graph)
    cycles = sorted(
        (_rotate(c) for c in nx.simple_cycles(simple, length_bound=MAX_CYCLE_LENGTH)),
        key=lambda c: (len(c), c),
    )[:MAX_CYCLES]
    seq = agent_sequence(items)
    return {
        "cycles": cycles,
        "loops": find_loops(seq),
        "longest_chain": longest_chain([a for a, _ in seq]),
        "critical_path": critical_path(data),
        "most_errors": most_errors(graph),
        "error_propagation": error_propagation(data, items),
        "turns": [a for a, _ in seq][:1000],
    }


def _rotate(cycle: list[str]) -> list[str]:
    """A cycle starting at its smallest name, so equal cycles compare equal."""
    i = cycle.index(min(cycle))
    return cycle[i:] + cycle[:i]


def find_loops(seq: list[tuple[str, Interaction]]) -> list[dict[str, Any]]:
    """Stretches where the agents went round the same cycle at least twice.

    ``repeats`` counts the complete rounds: ``a b a b a`` went round ``a → b`` twice.
    """
    agents = [a for a, _ in seq]
    found: list[dict[str, Any]] = []
    i = 0
    while i < len(agents):
        best: tuple[int, int, int] | None = None  # rounds, period, matched length
        for period in range(2, MAX_LOOP_PERIOD + 1):
            pattern = agents[i : i + period]
            if len(pattern) < period or len(set(pattern)) < period:
                continue
            length = period
            while i + length < len(agents) and agents[i + length] == pattern[length % period]:
                length += 1
            rounds = (length - 1) // period
            if rounds >= 2 and (best is None or length > best[2]):
                best = (rounds, period, length)
        if best is None:
            i += 1
            continue
        rounds, period, length = best
        stretch = seq[i : i + length]
        span_ids = [it.span_id for _, it in stretch if it.span_id][:MAX_EVIDENCE]
        found.append(
            {"agents": agents[i : i + period], "repeats": rounds, "span_ids": _unique(span_ids)}
        )
        i += length - 1
    return found


def longest_chain(agents: list[str]) -> list[str]:
    """The longest run of consecutive turns with no agent twice."""
    best: list[str] = []
    start = 0
    last: dict[str, int] = {}
    for i, agent in enumerate(agents):
        if agent in last and last[agent] >= start:
            start = last[agent] + 1
        last[agent] = i
        if i - start + 1 > len(best):
            best = agents[start : i + 1]
    return best


def most_errors(graph: nx.MultiDiGraph) -> dict[str, Any] | None:
    """The agent with the most error spans (first seen wins a tie), or None without errors."""
    ranked = [
        (d.get("errors", 0), n)
        for n, d in graph.nodes(data=True)
        if d["layer"] == Layer.AGENT.value and d.get("errors", 0) > 0
    ]
    if not ranked:
        return None
    top = max(e for e, _ in ranked)
    agent = next(n for e, n in ranked if e == top)
    return {"agent": agent, "errors": top}


def error_propagation(data: TraceData, items: list[Interaction]) -> list[dict[str, Any]]:
    """Chains of agents where an error was followed by errors in agents that got work next.

    An agent is added to a chain when it receives an interaction (message, invocation, return)
    from an agent already in the chain, after that agent's error, and then has an error itself.
    """
    errors: dict[str, list[tuple[int, str]]] = {}
    for sp in data.spans:
        if sp.status is not SpanStatus.ERROR:
            continue
        owner = data.owner(sp)
        if owner:
            errors.setdefault(owner, []).append((sp.end_time, sp.span_id))
    for errs in errors.values():
        errs.sort()
    flow = [it for it in items if it.kind is not EdgeKind.TOOL_CALL]
    paths: list[dict[str, Any]] = []
    for origin in sorted(errors, key=lambda a: errors[a][0]):
        t0, sid0 = errors[origin][0]
        reached: dict[str, tuple[int, str, list[str]]] = {origin: (t0, sid0, [origin])}
        for it in flow:
            src = reached.get(it.source)
            if src is None or it.time < src[0] or it.target in reached:
                continue
            later = [(t, s) for t, s in errors.get(it.target, []) if t >= it.time]
            if later:
                reached[it.target] = (later[0][0], later[0][1], [*src[2], it.target])
        for agent, (_, _, path) in reached.items():
            if len(path) < 2 or agent == origin:
                continue
            paths.append({"path": path, "span_ids": [reached[a][1] for a in path]})
    maximal = [
        p
        for p in paths
        if not any(
            q is not p
            and q["path"][: len(p["path"])] == p["path"]
            and len(q["path"]) > len(p["path"])
            for q in paths
        )
    ]
    maximal.sort(key=lambda p: (-len(p["path"]), p["path"]))
    return maximal[:10]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
