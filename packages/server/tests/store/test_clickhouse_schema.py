"""The ClickHouse schema: versioned migrations, ``agenttrace migrate``, TTL and duplicates."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
from agenttrace_store_clickhouse import ClickHouseSpanStore, transport_for
from agenttrace_store_clickhouse.migrations import MIGRATIONS, current_version, migrate
from agenttrace_store_clickhouse.store import SPAN_COLUMNS, _span_row
from agenttrace_store_clickhouse.transport import database_of


def _tables(transport, db):
    return {
        name
        for (name,) in transport.rows(
            "SELECT name FROM system.tables WHERE database = {db:String}", {"db": db}
        )
    }


def test_migrate_creates_then_does_nothing(_chdb):
    db = f"agenttrace_{uuid.uuid4().hex[:12]}"
    assert current_version(_chdb, db) is None
    assert migrate(_chdb, db, retention_days=None) == [m.version for m in MIGRATIONS]
    assert migrate(_chdb, db, retention_days=None) == []
    assert current_version(_chdb, db) == MIGRATIONS[-1].version
    assert _tables(_chdb, db) == {
        "schema_migrations", "spans", "runs", "runs_mv", "agent_runs", "agent_runs_mv", "agents",
    }  # fmt: skip
    _chdb.command(f"DROP DATABASE {db}")


def test_retention_sets_and_removes_the_ttl(_chdb):
    db = f"agenttrace_{uuid.uuid4().hex[:12]}"
    migrate(_chdb, db, retention_days=30)
    ((create,),) = _chdb.rows(f"SHOW CREATE TABLE {db}.spans")
    assert "TTL day + toIntervalDay(30)" in create
    assert "ZSTD(1)" in create and "ReplacingMergeTree" in create
    migrate(_chdb, db, retention_days=None)
    ((create,),) = _chdb.rows(f"SHOW CREATE TABLE {db}.spans")
    assert "TTL" not in create
    _chdb.command(f"DROP DATABASE {db}")


async def test_merged_duplicates_stay_single(_chdb, batches):
    """Rows inserted twice behind the store's back (two replicas racing) read once."""
    store = ClickHouseSpanStore(_chdb, f"agenttrace_{uuid.uuid4().hex[:12]}")
    store.migrate()
    batch = batches[0]
    await store.append(batch)
    _chdb.insert(f"{store.db}.spans", SPAN_COLUMNS, [_span_row(s) for s in batch.spans])
    trace_id = batch.spans[0].trace_id
    run = await store.read_run(trace_id)
    assert run is not None
    ids = [s.span_id for s in run.spans]
    assert (
        len(ids) == len(set(ids)) == len({s.span_id for s in batch.spans if s.trace_id == trace_id})
    )
    _chdb.command(f"OPTIMIZE TABLE {store.db}.spans FINAL")
    ((count,),) = _chdb.rows(f"SELECT count() FROM {store.db}.spans")
    assert count == len({(s.trace_id, s.span_id) for s in batch.spans})
    _chdb.command(f"DROP DATABASE {store.db}")


def test_agenttrace_migrate_runs_the_clickhouse_history(tmp_path):
    """In child processes: chDB opens one data folder per process (this one's is in memory)."""
    env = {
        **{k: v for k, v in os.environ.items() if "DATABASE_URL" not in k},
        "AGENTTRACE_HOME": str(tmp_path / "home"),
        "AGENTTRACE_CLICKHOUSE_URL": f"chdb://{tmp_path / 'ch'}",
    }
    command = [sys.executable, "-m", "agenttrace_server", "migrate"]
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    applied = ", ".join(str(m.version) for m in MIGRATIONS)
    assert f"ClickHouse span store is up to date (versions applied now: {applied})" in first.stdout
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "versions applied now: none" in again.stdout


def test_urls_name_the_transport_and_database():
    assert database_of("clickhouse://u:p@ch.internal:8123/traces") == "traces"
    assert database_of("clickhouse://ch.internal:8123") == "agenttrace"
    assert database_of("chdb:///var/lib/agenttrace/chdb") == "agenttrace"
    with pytest.raises(ValueError, match="plain database name"):
        database_of("clickhouse://ch.internal/traces;drop")
    with pytest.raises(ValueError, match="not a ClickHouse URL"):
        transport_for("postgresql://localhost/agenttrace")
