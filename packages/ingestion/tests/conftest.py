"""Fixtures of the ingestion tests: an in-process receiver on the test's database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from agenttrace_core.settings import Settings
from agenttrace_ingestion import IngestionService, create_app

TESTDATA = Path(__file__).resolve().parents[3] / "testdata" / "otlp"


@dataclass
class Receiver:
    """An in-process receiver app, its service and a client for it."""

    client: httpx.AsyncClient
    service: IngestionService
    settings: Settings


@pytest.fixture
def receiver_settings(settings: Settings) -> Settings:
    """The test's settings; override fields in a test with ``model_copy``."""
    return settings


@pytest.fixture
async def receiver(receiver_settings: Settings, engine) -> AsyncIterator[Receiver]:
    """``POST /v1/traces`` served in-process (real app, real writer, real database)."""
    service = IngestionService(receiver_settings, engine, decode_workers=0)
    await service.start()
    app = create_app(receiver_settings, engine=engine, service=service)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://otlp") as client:
        yield Receiver(client, service, receiver_settings)
    await service.stop()


@pytest.fixture
async def poison_trigger(engine) -> None:
    """Make the database refuse any span named ``poison`` (a row only the database rejects)."""
    from sqlalchemy import text

    statements = {
        "sqlite": [
            "CREATE TRIGGER poison BEFORE INSERT ON spans WHEN NEW.name = 'poison' "
            "BEGIN SELECT RAISE(ABORT, 'poisoned row'); END"
        ],
        "postgresql": [
            "CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF NEW.name = 'poison' THEN RAISE EXCEPTION 'poisoned row'; END IF; "
            "RETURN NEW; END $$",
            "CREATE TRIGGER poison BEFORE INSERT ON spans FOR EACH ROW EXECUTE FUNCTION poison()",
        ],
    }[engine.dialect.name]
    async with engine.begin() as conn:
        for statement in statements:
            await conn.execute(text(statement))
