"""Fixtures of the analysis tests: runs go into the database through the real receiver."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from agenttrace_core.settings import Settings
from agenttrace_ingestion import IngestionService, create_app
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

TESTDATA = Path(__file__).resolve().parents[3] / "testdata" / "otlp"


@dataclass
class Ingest:
    """Sends OTLP bodies to an in-process receiver (real app, real writer, real database)."""

    client: httpx.AsyncClient

    async def body(self, body: bytes) -> None:
        """POST one protobuf body; fails the test unless it is stored."""
        response = await self.client.post(
            "/v1/traces", content=body, headers={"content-type": "application/x-protobuf"}
        )
        assert response.status_code == 200, response.text

    async def capture(self, name: str) -> list[str]:
        """POST a capture of ``testdata/otlp``; returns its trace ids, biggest trace first."""
        raw = (TESTDATA / name).read_bytes()
        if name.endswith(".gz"):
            raw = gzip.decompress(raw)
        await self.body(raw)
        request = ExportTraceServiceRequest()
        request.ParseFromString(raw)
        sizes: dict[str, int] = {}
        for rs in request.resource_spans:
            for ss in rs.scope_spans:
                for sp in ss.spans:
                    tid = sp.trace_id.hex()
                    sizes[tid] = sizes.get(tid, 0) + 1
        return sorted(sizes, key=lambda t: (-sizes[t], t))


@pytest.fixture
async def ingest(settings: Settings, engine) -> AsyncIterator[Ingest]:
    """An in-process ``POST /v1/traces`` on this test's database."""
    service = IngestionService(settings, engine)
    await service.start()
    app = create_app(settings, engine=engine, service=service)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://otlp") as client:
        yield Ingest(client)
    await service.stop()
