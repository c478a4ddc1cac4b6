"""Sub-commands, one module each; every module has ``register(app)``."""

from __future__ import annotations

import typer

from agenttrace_server.commands import analyze, demo, eval, keys, mcp, migrate, replay, serve


def register_all(app: typer.Typer) -> None:
    """Add every sub-command to ``app``."""
    for module in (serve, migrate, keys, demo, analyze, eval, replay, mcp):
        module.register(app)
