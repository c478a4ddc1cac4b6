"""``agenttrace keys create|list|revoke``: per-project API keys in the configured database.

A project key sends spans into its project only and reads only its project's runs; the admin
keys of ``AGENTTRACE_API_KEYS`` see every project. As soon as one key exists (here or in
``AGENTTRACE_API_KEYS``), every request needs one. The database and the key code are imported
when a command runs, so that ``agenttrace --help`` and other commands stay quick.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from agenttrace_server.commands.common import DatabaseUrl, load_settings

if TYPE_CHECKING:
    from agenttrace_core.keys import ApiKeyInfo
    from sqlalchemy.ext.asyncio import AsyncEngine

T = TypeVar("T")


def _run(database_url: str | None, work: Callable[[AsyncEngine], Awaitable[T]]) -> T:
    """Run ``work`` on the configured database, migrated first when it has no schema yet."""
    from agenttrace_core.db import create_engine, upgrade_to_head
    from sqlalchemy import inspect

    settings = load_settings(database_url=database_url)

    async def main() -> T:
        engine = create_engine(settings.db_url)
        try:
            async with engine.connect() as conn:
                fresh = not await conn.run_sync(lambda c: inspect(c).has_table("api_keys"))
            if fresh:  # a fresh home: make the schema, as `agenttrace serve` would
                await asyncio.to_thread(upgrade_to_head, settings.db_url)
            return await work(engine)
        finally:
            await engine.dispose()

    return asyncio.run(main())


def _when(info: ApiKeyInfo) -> tuple[str, str]:
    created = info.created_at.strftime("%Y-%m-%d %H:%M:%SZ")
    revoked = info.revoked_at.strftime("%Y-%m-%d %H:%M:%SZ") if info.revoked_at else "-"
    return created, revoked


def register(app: typer.Typer) -> None:
    """Add the ``keys`` command group to ``app``."""
    keys = typer.Typer(help="Create, list and revoke per-project API keys.", no_args_is_help=True)
    app.add_typer(keys, name="keys")

    @keys.command("create")
    def create(
        project: Annotated[str, typer.Option("--project", help="The project the key is for.")],
        name: Annotated[str, typer.Option("--name", help="A note: who or what uses it.")] = "",
        database_url: DatabaseUrl = None,
    ) -> None:
        """Make a key for a project (created when new); the key is printed once, last."""
        from agenttrace_core.keys import InvalidProjectError, check_project, create_key

        try:
            project = check_project(project)
        except InvalidProjectError as exc:
            typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
            raise typer.Exit(2) from exc
        info, key = _run(database_url, lambda engine: create_key(engine, project, name=name))
        typer.echo(
            f"key {info.id} ({info.prefix}…) for project {info.project!r}; it is shown only "
            "now, keep it: send it as 'Authorization: Bearer <key>' or 'x-api-key'"
        )
        typer.echo(key)

    @keys.command("list")
    def list_(
        project: Annotated[
            str | None, typer.Option("--project", help="Only this project's keys.")
        ] = None,
        database_url: DatabaseUrl = None,
    ) -> None:
        """Every stored key: id, prefix, project, name, created, revoked (never the key)."""
        from agenttrace_core.keys import list_keys

        infos = _run(database_url, lambda engine: list_keys(engine, project=project))
        rows = [("ID", "PREFIX", "PROJECT", "NAME", "CREATED", "REVOKED")]
        rows += [(str(i.id), i.prefix, i.project, i.name or "-", *_when(i)) for i in infos]
        widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
        for row in rows:
            typer.echo("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
        if not infos:
            typer.echo("no keys yet: make one with `agenttrace keys create --project NAME`")

    @keys.command("revoke")
    def revoke(
        key_id: Annotated[str, typer.Argument(metavar="ID", help="The key's id or prefix.")],
        database_url: DatabaseUrl = None,
    ) -> None:
        """Revoke a key; servers refuse it within 5 seconds."""
        from agenttrace_core.keys import KeyNotFoundError, revoke_key

        try:
            info = _run(database_url, lambda engine: revoke_key(engine, key_id))
        except KeyNotFoundError as exc:
            typer.secho(f"error: {exc.args[0]}", fg=typer.colors.RED, err=True)
            raise typer.Exit(1) from exc
        typer.echo(f"key {info.id} ({info.prefix}…) of project {info.project!r} revoked")
