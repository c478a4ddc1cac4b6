"""Options shared by several commands."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from agenttrace_core.settings import Settings

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="postgresql://… or sqlite:///… (default: $DATABASE_URL, else SQLite under "
        "$AGENTTRACE_HOME).",
    ),
]


def load_settings(**flags: Any) -> Settings:
    """Settings from the environment with the given flags on top; bad values exit with 2."""
    from agenttrace_core.settings import Settings, UnsupportedDatabaseError

    try:
        return Settings().with_overrides(**flags)
    except (UnsupportedDatabaseError, ValueError) as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2) from exc
