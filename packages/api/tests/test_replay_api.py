"""The replay routes on a real database, through the ASGI app (no server process)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import httpx
import pytest
from agenttrace_api import create_app
from agenttrace_api.routers.replay import WAITING
from agenttrace_core.db import schema as s
from agenttrace_core.db.types import utcnow

T = "a" * 32
T0 = 1_700_000_000_000_000_000


async def _checkpoint(engine: Any, cid: str, step: int, state: Any, trace_id: str = T) -> None:
    text = json.dumps(state, sort_keys=True)
    digest = hashlib.sha256(text.encode()).hexdigest()
    async with engine.begin() as conn:
        blobs = s.checkpoint_blobs
        if (await conn.execute(blobs.select().where(blobs.c.hash == digest))).first() is None:
            await conn.execute(blobs.insert().values(hash=digest, state=state, size=len(text)))
        await conn.execute(
            s.checkpoints.insert().values(
                id=cid,
                trace_id=trace_id,
                project="default",
                step=step,
                state_hash=digest,
                timestamp=T0 + step,
                metadata={},
                name=f"after step {step}",
                agent="planner",
            )
        )


async def _trace(engine: Any, trace_id: str) -> None:
    async with engine.begin() as conn:
        await conn.execute(
            s.traces.insert().values(
                trace_id=trace_id,
                project="default",
                name="run",
                start_time=T0,
                end_time=T0 + 9,
                updated_at=utcnow(),
            )
        )


@pytest.fixture
async def client(settings, engine):
    await _trace(engine, T)
    await _checkpoint(engine, "c0", 0, {"question": "2+2?", "plan": None})
    await _checkpoint(engine, "c1", 1, {"question": "2+2?", "plan": {"steps": ["add"]}})
    app = create_app(settings, engine=engine)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t/api/v1") as c:
        c.engine = engine  # type: ignore[attr-defined]
        yield c


async def test_time_travel(client):
    listing = (await client.get(f"/traces/{T}/checkpoints")).json()
    assert [(c["id"], c["step"], c["name"], c["agent"]) for c in listing["items"]] == [
        ("c0", 0, "after step 0", "planner"),
        ("c1", 1, "after step 1", "planner"),
    ]
    assert listing["items"][0]["size"] > 0 and listing["next_cursor"] is None
    one = (await client.get("/checkpoints/c1")).json()
    assert one["state"] == {"question": "2+2?", "plan": {"steps": ["add"]}}
    at = (await client.get(f"/traces/{T}/state", params={"step": 5})).json()
    assert at["id"] == "c1"
    assert (await client.get("/checkpoints/c0/diff/c1")).json() == {
        "a": "c0",
        "b": "c1",
        "changes": [{"op": "changed", "path": "plan", "before": None, "after": {"steps": ["add"]}}],
    }
    assert (await client.get("/checkpoints/nope")).status_code == 404
    assert (await client.get("/checkpoints/c0/diff/nope")).status_code == 404


async def test_replay_queue_and_bad_requests(client):
    unknown = await client.post("/replays", json={"trace_id": T, "checkpoint_id": "nope"})
    assert unknown.status_code == 404 and "nope" in unknown.json()["detail"]
    bad_path = await client.post(
        "/replays", json={"trace_id": T, "checkpoint_id": "c1", "set": {"plan.owner": "x"}}
    )
    assert bad_path.status_code == 422 and "plan.owner" in bad_path.json()["detail"]

    queued = await client.post(
        "/replays",
        json={"trace_id": T, "checkpoint_id": "c1", "set": {"plan.steps[0]": "multiply"}},
    )
    assert queued.status_code == 202
    replay = queued.json()
    assert replay["status"] == "queued" and replay["message"] == WAITING
    assert (await client.get(f"/replays/{replay['id']}")).json()["message"] == WAITING

    claimed = await client.post("/replays/claim", json={"worker": "w1", "app": "demo:flow"})
    assert claimed.status_code == 200 and claimed.json()["id"] == replay["id"]
    assert (await client.post("/replays/claim", json={"worker": "w1"})).status_code == 204
    new_trace = "b" * 32
    await _trace(client.engine, new_trace)  # the replay's run, as its first spans make it
    running = await client.post(
        f"/replays/{replay['id']}/status", json={"status": "running", "new_trace_id": new_trace}
    )
    assert running.json()["new_trace_id"] == new_trace
    done = await client.post(f"/replays/{replay['id']}/status", json={"status": "succeeded"})
    assert done.json()["status"] == "succeeded"
    again = await client.post(f"/replays/{replay['id']}/status", json={"status": "failed"})
    assert again.status_code == 409

    second = (await client.post("/replays", json={"trace_id": T, "checkpoint_id": "c0"})).json()
    assert second["message"] == "queued; 1 worker(s) connected"
    tree = (await client.get(f"/traces/{new_trace}/replays")).json()
    assert tree["root_trace_id"] == T
    assert [r["id"] for r in tree["items"]] == [replay["id"], second["id"]]
    assert tree["tree"]["replays"][0]["child"] == {"trace_id": new_trace, "replays": []}
    assert (await client.get("/replays/nope")).status_code == 404


async def test_compare_unknown_trace(client):
    assert (await client.get("/compare", params={"a": T, "b": "f" * 32})).status_code == 404
    same = (await client.get("/compare", params={"a": T, "b": T})).json()
    assert same["first_divergence"] is None
