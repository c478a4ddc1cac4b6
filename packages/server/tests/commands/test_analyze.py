"""``agenttrace analyze``: a real capture stored through the receiver, analysed from the CLI."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import httpx
from agenttrace_core.db import create_engine
from agenttrace_core.settings import Settings
from agenttrace_ingestion import IngestionService, create_app
from agenttrace_server.cli import app
from typer.testing import CliRunner

CAPTURE = Path(__file__).resolve().parents[4] / "testdata/otlp/generic/002_fail_tool_loop.pb"
TRACE = "ab" * 16


def _ingest(database_url: str, body: bytes) -> None:
    async def post() -> None:
        engine = create_engine(database_url)
        settings = Settings(database_url=database_url)
        service = IngestionService(settings, engine)
        await service.start()
        transport = httpx.ASGITransport(app=create_app(settings, engine=engine, service=service))
        async with httpx.AsyncClient(transport=transport, base_url="http://otlp") as client:
            response = await client.post(
                "/v1/traces", content=body, headers={"content-type": "application/x-protobuf"}
            )
            assert response.status_code == 200
        await service.stop()
        await engine.dispose()

    asyncio.run(post())


def _trace_id(body: bytes) -> str:
    from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
        ExportTraceServiceRequest,
    )

    request = ExportTraceServiceRequest()
    request.ParseFromString(body)
    return request.resource_spans[0].scope_spans[0].spans[0].trace_id.hex()


def test_analyze_prints_graph_failures_and_attribution(database_url: str) -> None:
    body = CAPTURE.read_bytes()
    _ingest(database_url, body)
    trace_id = _trace_id(body)
    runner = CliRunner()

    result = runner.invoke(app, ["analyze", trace_id, "--database-url", database_url])
    assert result.exit_code == 0, result.output
    for expected in (
        "Agents", "supervisor", "researcher", "Who talked to whom", "delegation",
        "loop: supervisor → researcher went round 3 times", "FM-1.5", "Attribution",
    ):  # fmt: skip
        assert expected in result.output

    result = runner.invoke(
        app, ["analyze", trace_id.upper(), "--database-url", database_url, "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    assert {n["id"] for n in report["graph"]["nodes"] if n["layer"] == "agent"} == {
        "supervisor", "researcher",
    }  # fmt: skip
    assert "FM-1.5" in {f["mode"] for f in report["failures"]}
    assert report["attribution"]["agent"] in {"supervisor", "researcher"}


def test_analyze_unknown_and_invalid_trace(database_url: str) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["analyze", TRACE, "--database-url", database_url])
    assert result.exit_code == 1
    assert "not found" in result.output
    result = runner.invoke(app, ["analyze", "nope", "--database-url", database_url])
    assert result.exit_code == 2
