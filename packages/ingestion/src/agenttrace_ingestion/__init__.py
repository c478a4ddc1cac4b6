"""OTLP ingestion (HTTP and gRPC): receivers, decoding, normalizers and the batched writer."""

from agenttrace_ingestion.app import create_app, create_router
from agenttrace_ingestion.service import IngestionService

__all__ = ["IngestionService", "create_app", "create_router"]
