"""What the API and the server call: per-trace graph, failures, analysis.

PLACEHOLDER from the foundation: final signatures, empty results.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_core.settings import Settings


async def trace_graph(engine: AsyncEngine, trace_id: str) -> dict[str, Any] | None:
    """The communication graph of a trace (contract JSON), or None for an unknown trace."""
    return {"nodes": [], "edges": []}


async def trace_failures(engine: AsyncEngine, trace_id: str) -> dict[str, Any] | None:
    """``{"annotations": [...], "attribution": {...} | None}``, or None for an unknown trace."""
    return {"annotations": [], "attribution": None}


async def project_graph(engine: AsyncEngine, project: str) -> dict[str, Any]:
    """The graph of all traces of a project together."""
    return {"nodes": [], "edges": []}


async def analyze_trace(engine: AsyncEngine, trace_id: str, settings: Settings) -> None:
    """Run the whole analysis of a trace now and store its results."""
