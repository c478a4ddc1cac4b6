"""One history for both databases: base → head → base, and head matches the schema module."""

from __future__ import annotations

import asyncio

from agenttrace_core.db import create_engine
from agenttrace_core.db.migrate import downgrade_to_base, upgrade_to_head
from agenttrace_core.db.schema import metadata
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect


def _tables(url: str) -> set[str]:
    async def run() -> set[str]:
        engine = create_engine(url)
        async with engine.connect() as conn:
            names = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
        await engine.dispose()
        return names

    return asyncio.run(run())


def _diff(url: str) -> list[object]:
    async def run() -> list[object]:
        engine = create_engine(url)
        async with engine.connect() as conn:
            diff = await conn.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c), metadata)
            )
        await engine.dispose()
        return list(diff)

    return asyncio.run(run())


def test_up_and_down(database_url: str) -> None:
    # the fixture's database is already at head
    assert set(metadata.tables) <= _tables(database_url)
    assert _diff(database_url) == []
    downgrade_to_base(database_url)
    assert _tables(database_url) <= {"alembic_version"}
    upgrade_to_head(database_url)
    assert set(metadata.tables) <= _tables(database_url)


def test_agent_run_figures_are_filled_from_the_stored_spans(database_url: str) -> None:
    from agenttrace_core.db.migrate import alembic_config
    from alembic import command
    from sqlalchemy import text

    command.downgrade(alembic_config(database_url), "0002")
    spans = [  # (span, agent, start, end, status, tokens)
        ("s1", "coder", 100, 200, "ok", 10),
        ("s2", "coder", 150, 400, "error", None),
        ("s3", "tester", 300, 350, "ok", 5),
        ("s4", None, 50, 500, "ok", 7),
    ]

    async def run() -> list[tuple[object, ...]]:
        engine = create_engine(database_url)
        async with engine.begin() as conn:
            for span_id, agent, start, end, status, tokens in spans:
                await conn.execute(
                    text(
                        "INSERT INTO spans (trace_id, span_id, project, name, kind, span_type, "
                        "agent, start_time, end_time, status, total_tokens, attributes, events, "
                        "links, resource, dropped_attributes_count) VALUES ('t1', :s, 'p', 'n', "
                        "'internal', 'llm', :a, :b, :e, :st, :tok, '{}', '[]', '[]', '{}', 0)"
                    ),
                    {"s": span_id, "a": agent, "b": start, "e": end, "st": status, "tok": tokens},
                )
            for name in ("coder", "tester", "idle"):
                await conn.execute(
                    text(
                        "INSERT INTO agents (trace_id, name, project, config, first_seen) "
                        "VALUES ('t1', :n, 'p', '{}', 120)"
                    ),
                    {"n": name},
                )
        await engine.dispose()
        await asyncio.to_thread(upgrade_to_head, database_url)
        engine = create_engine(database_url)
        async with engine.connect() as conn:
            rows = await conn.execute(
                text(
                    "SELECT name, first_seen, last_seen, span_count, error_count, total_tokens "
                    "FROM agents ORDER BY name"
                )
            )
            found = [tuple(r) for r in rows]
        await engine.dispose()
        return found

    assert asyncio.run(run()) == [
        ("coder", 100, 400, 2, 1, 10),
        ("idle", 120, 0, 0, 0, 0),
        ("tester", 120, 350, 1, 0, 5),
    ]


def test_llm_spans_stored_before_cost_count_as_unpriced(database_url: str) -> None:
    from agenttrace_core.db.migrate import alembic_config
    from alembic import command
    from sqlalchemy import text

    command.downgrade(alembic_config(database_url), "0003")
    spans = [
        ("s1", "coder", "llm"),
        ("s2", "coder", "llm"),
        ("s3", None, "llm"),
        ("s4", "coder", "tool"),
    ]

    async def run() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        engine = create_engine(database_url)
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO traces (trace_id, project, status, start_time, end_time, "
                    "updated_at) VALUES ('t1', 'p', 'ok', 0, 1, '2026-12-07 00:00:00')"
                )
            )
            for span_id, agent, span_type in spans:
                await conn.execute(
                    text(
                        "INSERT INTO spans (trace_id, span_id, project, name, kind, span_type, "
                        "agent, start_time, end_time, status, attributes, events, links, "
                        "resource, dropped_attributes_count) VALUES ('t1', :s, 'p', 'n', "
                        "'internal', :t, :a, 0, 1, 'ok', '{}', '[]', '[]', '{}', 0)"
                    ),
                    {"s": span_id, "a": agent, "t": span_type},
                )
            await conn.execute(
                text(
                    "INSERT INTO agents (trace_id, name, project, config, first_seen) "
                    "VALUES ('t1', 'coder', 'p', '{}', 0)"
                )
            )
        await engine.dispose()
        await asyncio.to_thread(upgrade_to_head, database_url)
        engine = create_engine(database_url)
        async with engine.connect() as conn:
            traces = [
                tuple(r)
                for r in await conn.execute(text("SELECT cost, unpriced_llm_spans FROM traces"))
            ]
            agents = [
                tuple(r)
                for r in await conn.execute(
                    text("SELECT name, cost, unpriced_llm_spans FROM agents")
                )
            ]
        await engine.dispose()
        return traces, agents

    assert asyncio.run(run()) == ([(None, 3)], [("coder", None, 2)])
