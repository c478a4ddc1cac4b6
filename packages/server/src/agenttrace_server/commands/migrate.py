"""``agenttrace migrate``: upgrade the database to the newest schema."""

from __future__ import annotations

import typer

from agenttrace_server.commands.common import DatabaseUrl, load_settings


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command()
    def migrate(database_url: DatabaseUrl = None) -> None:
        """Upgrade the database schema to the newest version (Alembic)."""
        # imported here: the database stack is only needed when this command runs
        from agenttrace_core.db import upgrade_to_head

        from agenttrace_server.compose import _safe_url

        settings = load_settings(database_url=database_url)
        upgrade_to_head(settings.db_url)
        typer.echo(f"database at {_safe_url(settings.db_url)} is up to date")
        if settings.clickhouse_url:
            from agenttrace_server.span_store import migrate_clickhouse

            applied = migrate_clickhouse(settings)
            done = ", ".join(map(str, applied)) if applied else "none"
            typer.echo(f"ClickHouse span store is up to date (versions applied now: {done})")
