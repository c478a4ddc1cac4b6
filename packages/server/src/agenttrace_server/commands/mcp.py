"""``agenttrace mcp``: the MCP server on stdio, for Claude Code, Cursor, Codex and others.

It reads through a running API (``agenttrace serve``), so it needs no database access of its
own. The ``mcp`` SDK is imported only when the command runs.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

DEFAULT_API_URL = "http://127.0.0.1:8000"


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command("mcp")
    def mcp_command(
        api_url: Annotated[
            str | None,
            typer.Option(
                "--api-url",
                help=f"The AgentTrace API to read [$AGENTTRACE_API_URL, else {DEFAULT_API_URL}].",
            ),
        ] = None,
        api_key: Annotated[
            str | None,
            typer.Option(
                "--api-key", help="An API key, when the API wants one [$AGENTTRACE_API_KEY]."
            ),
        ] = None,
    ) -> None:
        """Serve the MCP tools on stdio ("why did run X fail?" from a coding agent)."""
        url = api_url or os.environ.get("AGENTTRACE_API_URL") or DEFAULT_API_URL
        if not url.startswith(("http://", "https://")):
            typer.secho(f"error: --api-url must be an http(s) URL: {url!r}", fg="red", err=True)
            raise typer.Exit(2)
        key = api_key or os.environ.get("AGENTTRACE_API_KEY") or None
        from agenttrace_server.mcp.server import build_server
        from agenttrace_server.mcp.transports import remote

        build_server(remote(url, key)).run("stdio")
