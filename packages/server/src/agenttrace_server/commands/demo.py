"""``agenttrace demo``: send realistic multi-agent runs (good and failing ones) to a server."""

from __future__ import annotations

import logging
import time
from typing import Annotated, Any

import typer

DEFAULT_ENDPOINT = "http://127.0.0.1:4318"
DEFAULT_API = "http://127.0.0.1:8000"


def _failures(api_url: str, trace_id: str, *, wait: float) -> list[str] | None:
    """The failure modes the analysis found, once it has looked (``None``: not yet)."""
    import httpx

    deadline = time.monotonic() + wait
    while True:
        try:
            body: Any = httpx.get(f"{api_url}/api/v1/traces/{trace_id}", timeout=5).json()
            state = body.get("analysis_state") or body.get("analysis_status")
            modes = body.get("failure_modes")
            if modes or state in ("done", "complete", "analyzed", "failed"):
                return [str(m) for m in modes or []]
        except (httpx.HTTPError, ValueError):
            pass
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.5)


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command()
    def demo(
        endpoint: Annotated[
            str, typer.Option("--endpoint", help="OTLP/HTTP endpoint of the server.")
        ] = DEFAULT_ENDPOINT,
        api_url: Annotated[
            str, typer.Option("--api-url", help="API and UI of the server (for the links).")
        ] = DEFAULT_API,
        project: Annotated[str, typer.Option("--project", help="Project of the runs.")] = "demo",
        wait: Annotated[
            float, typer.Option("--wait", help="Seconds to wait for the analysis (0: none).")
        ] = 20.0,
    ) -> None:
        """Send five realistic multi-agent runs (one good, failing ones, one with checkpoints)."""
        import httpx

        from agenttrace_server.demo import send_demo

        logging.getLogger("httpx").setLevel(logging.WARNING)

        endpoint, api_url = endpoint.rstrip("/"), api_url.rstrip("/")
        try:
            httpx.get(f"{endpoint}/health", timeout=5).raise_for_status()
        except httpx.HTTPError as exc:
            typer.secho(
                f"error: no AgentTrace server at {endpoint} ({exc}); start one with "
                "`agenttrace serve` (or `make run`)",
                fg=typer.colors.RED,
                err=True,
            )
            raise typer.Exit(1) from exc
        sent = send_demo(endpoint=endpoint, project=project)
        typer.echo(f"Sent {len(sent)} runs to {endpoint} (project {project!r}):\n")
        for run in sent:
            found = _failures(api_url, run.trace_id, wait=wait) if wait > 0 else None
            verdict = (
                "analysis pending"
                if found is None
                else ("no failure found" if not found else "found: " + ", ".join(found))
            )
            typer.echo(f"  {run.scenario.title}")
            typer.echo(f"    trace {run.trace_id}  expected: {run.scenario.expect}")
            typer.echo(f"    {verdict}")
            typer.echo(f"    {api_url}/traces/{run.trace_id}\n")
        typer.echo(f"Open {api_url}/traces?project={project} to look at them all.")
