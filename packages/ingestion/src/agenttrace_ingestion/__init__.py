"""OTLP ingestion (HTTP and gRPC): receivers, decoding, normalizers and the batched writer.

The service and the app are imported when first used: a decoding worker imports
:mod:`agenttrace_ingestion.pipeline` alone, without the web framework and the database layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agenttrace_ingestion.app import create_app, create_router
    from agenttrace_ingestion.service import IngestionService

__all__ = ["IngestionService", "create_app", "create_router"]

_HOMES = {
    "IngestionService": "agenttrace_ingestion.service",
    "create_app": "agenttrace_ingestion.app",
    "create_router": "agenttrace_ingestion.app",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
