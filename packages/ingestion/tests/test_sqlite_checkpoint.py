"""SQLite: the write-ahead log is copied into the database file in the background."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from sqlalchemy import text

from .conftest import Receiver
from .otlp_factory import build_request, make_traces

PB = {"content-type": "application/x-protobuf"}


def _size(path: Path) -> int:
    """The size of a file in bytes; 0 when it does not exist."""
    return os.path.getsize(path) if os.path.exists(path) else 0


@pytest.mark.parametrize("dialect", ["sqlite"], indirect=True)
async def test_the_log_is_checkpointed_off_the_write_path_and_emptied_on_stop(
    receiver: Receiver, database_url: str, engine
) -> None:
    database = Path(database_url.split("///", 1)[1])
    wal = database.with_name(database.name + "-wal")
    async with engine.connect() as conn:  # the writer's connections leave it to the service
        await conn.execute(text("SELECT 1"))
    before = _size(database)
    specs = [s for t in make_traces(40, 50, seed=3) for s in t]  # 2,000 spans
    for start in range(0, len(specs), 500):
        body = build_request(specs[start : start + 500]).SerializeToString()
        response = await receiver.client.post("/v1/traces", content=body, headers=PB)
        assert response.status_code == 200, response.text
    for _ in range(50):  # the background checkpoint copies the spans into the file
        if _size(database) > before + 500_000:
            break
        await asyncio.sleep(0.1)
    assert _size(database) > before + 500_000
    async with engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM spans"))).scalar() == len(specs)
    await receiver.service.stop()  # a last checkpoint empties the log
    assert _size(wal) == 0
