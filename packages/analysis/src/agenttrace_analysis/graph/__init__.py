"""The communication graph of a run (networkx) and the facts derived from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from agenttrace_analysis.graph.build import build_graph, graph_json
from agenttrace_analysis.graph.facts import graph_facts
from agenttrace_analysis.graph.interactions import (
    TOOL_PREFIX,
    USER_NODE,
    EdgeKind,
    Interaction,
    Layer,
    collect,
)
from agenttrace_analysis.trace_data import TraceData


@dataclass
class RunGraph:
    """A run's graph, the interactions behind it and its derived facts."""

    graph: nx.MultiDiGraph
    interactions: list[Interaction]
    facts: dict[str, Any]

    def to_json(self, data: TraceData) -> dict[str, Any]:
        """Contract JSON plus ``run_trace_ids`` and ``facts``."""
        return {
            **graph_json(self.graph),
            "trace_id": data.trace_id,
            "run_trace_ids": list(data.trace_ids),
            "facts": self.facts,
        }


def analyze_graph(data: TraceData) -> RunGraph:
    """Build the graph of a run and derive its facts."""
    items = collect(data)
    graph = build_graph(data, items)
    return RunGraph(graph, items, graph_facts(data, graph, items))


__all__ = [
    "TOOL_PREFIX",
    "USER_NODE",
    "EdgeKind",
    "Interaction",
    "Layer",
    "RunGraph",
    "analyze_graph",
    "build_graph",
    "collect",
    "graph_facts",
    "graph_json",
]
