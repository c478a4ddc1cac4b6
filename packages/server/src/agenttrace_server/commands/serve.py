"""``agenttrace serve`` / ``ingest`` / ``api``: run the services."""

from __future__ import annotations

from typing import Annotated

import typer

from agenttrace_server.commands.common import DatabaseUrl, load_settings

Host = Annotated[str | None, typer.Option("--host", help="Interface to listen on [127.0.0.1].")]
OtlpPort = Annotated[int | None, typer.Option("--otlp-port", help="OTLP/HTTP port [4318].")]
GrpcPort = Annotated[
    int | None, typer.Option("--grpc-port", help="OTLP/gRPC port, 0 for none [4317].")
]
ApiPort = Annotated[int | None, typer.Option("--port", help="API and UI port [8000].")]


def register(app: typer.Typer) -> None:
    """Add the commands to ``app``."""

    @app.command()
    def serve(
        host: Host = None,
        otlp_port: OtlpPort = None,
        grpc_port: GrpcPort = None,
        port: ApiPort = None,
        database_url: DatabaseUrl = None,
    ) -> None:
        """Run ingestion, API and UI in one process (migrates the database first)."""
        settings = load_settings(
            host=host,
            otlp_port=otlp_port,
            grpc_port=grpc_port,
            port=port,
            database_url=database_url,
        )
        from agenttrace_server.serving import run, serve_all

        run(serve_all(settings))

    @app.command()
    def ingest(
        host: Host = None,
        otlp_port: OtlpPort = None,
        grpc_port: GrpcPort = None,
        database_url: DatabaseUrl = None,
    ) -> None:
        """Run the OTLP receivers (HTTP and gRPC) alone."""
        settings = load_settings(
            host=host, otlp_port=otlp_port, grpc_port=grpc_port, database_url=database_url
        )
        from agenttrace_server.serving import run, serve_ingest

        run(serve_ingest(settings))

    @app.command("api")
    def api_command(
        host: Host = None, port: ApiPort = None, database_url: DatabaseUrl = None
    ) -> None:
        """Run the query API and the UI alone."""
        settings = load_settings(host=host, port=port, database_url=database_url)
        from agenttrace_server.serving import run, serve_api

        run(serve_api(settings))
