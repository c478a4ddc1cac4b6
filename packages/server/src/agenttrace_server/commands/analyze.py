"""``agenttrace analyze TRACE_ID``: graph, failures and attribution of one run, in the terminal.

The analysis runs now (detectors, attribution, and the LLM judge when configured) and is stored
like the background worker's, then printed with rich; ``--json`` prints one JSON object.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Annotated, Any

import typer
from agenttrace_core.ids import is_trace_id

from agenttrace_server.commands.common import DatabaseUrl, load_settings

if TYPE_CHECKING:  # rich is imported when a report is printed, not on every command's start
    from agenttrace_core.settings import Settings
    from rich.console import Console
    from rich.table import Table


async def run_analysis(settings: Settings, trace_id: str) -> dict[str, Any] | None:
    """Analyse a trace's run now: graph, facts, failures, attribution; None if unknown."""
    # imported here: the analysis stack is only needed when this command runs
    from agenttrace_analysis import service
    from agenttrace_core.db import create_engine

    engine = create_engine(settings.db_url)
    try:
        if await service.analyze_trace(engine, trace_id, settings) is None:
            return None
        graph = await service.trace_graph(engine, trace_id)
        failures = await service.trace_failures(engine, trace_id)
    finally:
        await engine.dispose()
    assert graph is not None and failures is not None
    return {
        "trace_id": trace_id,
        "run_trace_ids": graph["run_trace_ids"],
        "graph": {"nodes": graph["nodes"], "edges": graph["edges"]},
        "facts": graph["facts"],
        "failures": failures["annotations"],
        "attribution": failures["attribution"],
    }


def _agents_table(nodes: list[dict[str, Any]]) -> Table:
    from rich.table import Table

    table = Table(title="Agents", title_justify="left")
    for col in ("agent", "role", "spans", "LLM", "tools", "tokens", "errors", "active ms"):
        table.add_column(col, justify="left" if col in ("agent", "role") else "right")
    for n in nodes:
        if n["layer"] != "agent":
            continue
        table.add_row(
            n["name"], (n.get("role") or "")[:40], str(n.get("spans", 0)),
            str(n.get("llm_calls", 0)), str(n.get("tool_calls", 0)),
            str(n.get("total_tokens", 0)), str(n.get("errors", 0)), f"{n.get('active_ms', 0):.1f}",
        )  # fmt: skip
    return table


def _edges_table(edges: list[dict[str, Any]], names: dict[str, str]) -> Table:
    from rich.table import Table

    table = Table(title="Who talked to whom", title_justify="left")
    for col in ("from", "to", "kind", "count", "errors", "tokens"):
        table.add_column(col, justify="right" if col in ("count", "errors", "tokens") else "left")
    for e in edges:
        table.add_row(
            names.get(e["source"], e["source"]), names.get(e["target"], e["target"]), e["kind"],
            str(e["count"]), str(e["errors"]), str(e["tokens"]),
        )  # fmt: skip
    return table


def _facts_lines(facts: dict[str, Any]) -> list[str]:
    lines = []
    if facts.get("cycles"):
        lines.append("cycles: " + "; ".join(" → ".join([*c, c[0]]) for c in facts["cycles"]))
    for loop in facts.get("loops") or []:
        lines.append(f"loop: {' → '.join(loop['agents'])} went round {loop['repeats']} times")
    if facts.get("longest_chain"):
        lines.append("longest chain: " + " → ".join(facts["longest_chain"]))
    path: list[list[Any]] = []
    for step in facts.get("critical_path") or []:
        if not step["agent"]:
            continue  # time outside any agent (framework glue) is left out here
        if path and path[-1][0] == step["agent"]:
            path[-1][1] += step["ms"]
        else:
            path.append([step["agent"], step["ms"]])
    if path:
        shown = [f"{agent} {ms:.0f} ms" for agent, ms in path[:12]]
        lines.append("critical path: " + " → ".join(shown) + (" …" if len(path) > 12 else ""))
    if facts.get("most_errors"):
        top = facts["most_errors"]
        lines.append(f"most errors: {top['agent']} ({top['errors']})")
    for prop in facts.get("error_propagation") or []:
        lines.append("error spread: " + " → ".join(prop["path"]))
    return lines


def _failures_table(failures: list[dict[str, Any]]) -> Table:
    from rich.table import Table

    table = Table(title="Failures (MAST)", title_justify="left")
    for col in ("mode", "name", "agent", "conf.", "source", "status", "why"):
        table.add_column(col, overflow="fold")
    for a in failures:
        table.add_row(
            a["mode"], a.get("name") or "", a.get("agent") or "", f"{a['confidence']:.2f}",
            a["source"], a["status"], a.get("explanation") or "",
        )  # fmt: skip
    return table


def print_report(console: Console, report: dict[str, Any]) -> None:
    """Print the graph, the failures and the attribution of one run."""
    traces = report["run_trace_ids"]
    console.print(f"[bold]Trace {report['trace_id']}[/bold]" + (
        f" (a run of {len(traces)} traces joined by span links)" if len(traces) > 1 else ""
    ))  # fmt: skip
    nodes = report["graph"]["nodes"]
    names = {
        n["id"]: (n["name"] if n["layer"] == "agent" else f"{n['name']} ({n['layer']})")
        for n in nodes
    }
    console.print(_agents_table(nodes))
    console.print(_edges_table(report["graph"]["edges"], names))
    for line in _facts_lines(report["facts"]):
        console.print(f"  {line}")
    if report["failures"]:
        console.print(_failures_table(report["failures"]))
    else:
        console.print("No failures found.")
    attribution = report["attribution"]
    if attribution is None:
        console.print("Attribution: the run did not fail.")
        return
    console.print(
        f"[bold]Attribution[/bold]: {attribution.get('agent')} at step {attribution.get('step')} "
        f"(span {attribution.get('span_id')}, confidence {attribution.get('confidence')})"
    )
    for reason in attribution.get("reasons") or []:
        console.print(f"  - {reason if isinstance(reason, str) else json.dumps(reason)}")


def register(app: typer.Typer) -> None:
    """Add the command to ``app``."""

    @app.command()
    def analyze(
        trace_id: Annotated[str, typer.Argument(help="The trace to analyse (32 hex digits).")],
        database_url: DatabaseUrl = None,
        as_json: Annotated[
            bool, typer.Option("--json", help="Print one JSON object instead of tables.")
        ] = False,
    ) -> None:
        """Analyse one run now: communication graph, MAST failures and attribution."""
        trace_id = trace_id.strip().lower()
        if not is_trace_id(trace_id):
            typer.secho(f"error: not a trace id: {trace_id!r}", fg=typer.colors.RED, err=True)
            raise typer.Exit(2)
        settings = load_settings(database_url=database_url)
        report = asyncio.run(run_analysis(settings, trace_id))
        if report is None:
            typer.secho(f"error: trace {trace_id} not found", fg=typer.colors.RED, err=True)
            raise typer.Exit(1)
        if as_json:
            typer.echo(json.dumps(report, default=str))
        else:
            from rich.console import Console

            print_report(Console(), report)
