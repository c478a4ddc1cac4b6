"""``agenttrace replay show|diff`` and ``agenttrace diff`` on a real database, in-process."""

from __future__ import annotations

import json

import pytest
from agenttrace_server.cli import app
from typer.testing import CliRunner

from .conftest import add_checkpoint, add_span, add_trace

A = "a" * 32
B = "b" * 32


@pytest.fixture
async def seeded(engine, database_url):
    for tid, verdict in ((A, "ok"), (B, "redo")):
        await add_trace(engine, tid)
        await add_span(
            engine,
            tid,
            "0000000000000001",
            1,
            name="review",
            span_type="llm",
            agent="critic",
            output=verdict,
        )
        await add_checkpoint(engine, tid, f"{tid[0]}0", 0, {"draft": "v1"}, agent="writer")
        await add_checkpoint(
            engine,
            tid,
            f"{tid[0]}1",
            1,
            {"draft": "v1", "verdict": verdict},
            agent="critic",
            name="reviewed",
        )
    return database_url


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_replay_show_and_diff(seeded):
    db = ("--database-url", seeded)
    listing = _run("replay", "show", A, *db)
    assert "reviewed" in listing and "critic" in listing and "a1" in listing
    assert json.loads(_run("replay", "show", A, "--at", "reviewed", *db)) == {
        "draft": "v1",
        "verdict": "ok",
    }
    assert _run("replay", "diff", A, "0", "1", *db).strip() == '+ verdict: "ok"'
    assert json.loads(_run("replay", "diff", A, "0", "reviewed", "--json", *db)) == {
        "changes": [{"op": "added", "path": "verdict", "before": None, "after": "ok"}]
    }
    missing = CliRunner().invoke(app, ["replay", "show", A, "--at", "9", *db])
    assert missing.exit_code == 1


def test_diff_two_runs(seeded):
    out = _run("diff", A, B, "--database-url", seeded)
    assert "first divergence: step 0 critic review (output)" in out
    assert '  ~ verdict: "ok" → "redo"' in out.splitlines()
