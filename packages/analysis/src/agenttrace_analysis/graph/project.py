"""The graph of many runs of a project together: who usually talks to whom, and how often
those interactions go wrong."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

NODE_SUMS = (
    "spans", "llm_calls", "tool_calls", "total_tokens", "unpriced_llm_spans", "errors", "calls",
)  # fmt: skip


def merge_graphs(graphs: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Merge stored per-run graph JSON into one project graph.

    Nodes sum their figures and count the runs they appear in (``runs``). Edges (one per
    source, target and kind) count the runs that had them, the interactions, their errors and
    ``error_rate`` = errors / count.
    """
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    runs = 0
    for graph in graphs:
        runs += 1
        for node in graph.get("nodes", []):
            merged = nodes.setdefault(
                node["id"],
                {
                    "id": node["id"],
                    "name": node.get("name", node["id"]),
                    "role": node.get("role"),
                    "layer": node.get("layer", "agent"),
                    "runs": 0,
                },
            )
            merged["runs"] += 1
            merged["role"] = merged["role"] or node.get("role")
            for key in NODE_SUMS:
                if key in node:
                    merged[key] = merged.get(key, 0) + (node[key] or 0)
            if node.get("cost_usd") is not None:  # None (unknown) is not 0
                merged["cost_usd"] = (merged.get("cost_usd") or 0.0) + node["cost_usd"]
            elif node.get("layer", "agent") == "agent":
                merged.setdefault("cost_usd", None)
        for edge in graph.get("edges", []):
            ekey = (str(edge["source"]), str(edge["target"]), str(edge["kind"]))
            merged = edges.setdefault(
                ekey,
                {
                    "source": ekey[0],
                    "target": ekey[1],
                    "kind": ekey[2],
                    "runs": 0,
                    "count": 0,
                    "errors": 0,
                    "tokens": 0,
                    "runs_with_errors": 0,
                },
            )
            merged["runs"] += 1
            merged["count"] += edge.get("count", 0)
            merged["errors"] += edge.get("errors", 0)
            merged["tokens"] += edge.get("tokens", 0)
            merged["runs_with_errors"] += int(edge.get("errors", 0) > 0)
    for edge in edges.values():
        edge["error_rate"] = round(edge["errors"] / edge["count"], 4) if edge["count"] else 0.0
    ordered = sorted(
        edges.values(), key=lambda e: (-e["runs"], e["source"], e["target"], e["kind"])
    )
    return {
        "nodes": sorted(nodes.values(), key=lambda n: (n["layer"], -n["runs"], n["id"])),
        "edges": ordered,
        "runs": runs,
    }
