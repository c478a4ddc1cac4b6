"""Background analysis of completed traces.

PLACEHOLDER from the foundation.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_core.settings import Settings


class AnalysisWorker:
    """Analyses traces whose root span ended and that stayed idle for a while."""

    def __init__(self, settings: Settings, engine: AsyncEngine) -> None:
        self.settings = settings
        self.engine = engine

    async def start(self) -> None:
        """Start the background task."""

    async def stop(self) -> None:
        """Stop the background task."""
