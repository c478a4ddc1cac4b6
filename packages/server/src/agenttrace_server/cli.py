"""The ``agenttrace`` command line."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from agenttrace_server import __version__
from agenttrace_server.commands import register_all

app = typer.Typer(
    name="agenttrace",
    help="AgentTrace: debugging and observability for multi-agent LLM systems.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"agenttrace {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


register_all(app)


def main() -> None:
    """Entry point of the ``agenttrace`` script."""
    app()
