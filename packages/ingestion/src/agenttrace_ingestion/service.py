"""The ingestion service: owns the write queue and the writer task.

PLACEHOLDER from the foundation: the real receiver/writer replaces this module.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_core.settings import Settings


class IngestionService:
    """Queue + batch writer shared by every app of one process."""

    def __init__(self, settings: Settings, engine: AsyncEngine) -> None:
        self.settings = settings
        self.engine = engine

    async def start(self) -> None:
        """Start the writer task."""

    async def stop(self) -> None:
        """Drain the queue and stop the writer."""
