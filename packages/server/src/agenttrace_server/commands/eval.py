"""``agenttrace eval {mast,attribution}``: score the analysis against annotated data."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from agenttrace_analysis.judge import Strategy
from rich.console import Console

from agenttrace_server.commands.common import load_settings

logger = logging.getLogger(__name__)

eval_app = typer.Typer(
    help="Score the analysis against annotated data (Who&When, MAST).", no_args_is_help=True
)

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="A folder laid out like whowhen/ (Hand-Crafted/, Algorithm-Generated/) or a MAST "
        "json file/folder. Default: the bundled development split.",
        exists=True,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Quiet; the last line printed is one JSON object.")
]
JudgeOption = Annotated[
    bool, typer.Option("--judge", help="Use the LLM judge (AGENTTRACE_LLM_BASE_URL).")
]
MarkdownOption = Annotated[
    Path | None,
    typer.Option("--markdown", help="Also write the table into this file (between markers)."),
]


@contextmanager
def _progress(total: int, quiet: bool, what: str) -> Iterator[Callable[[], None] | None]:
    from rich.progress import Progress

    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield None
        return
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(what, total=total)
        yield lambda: progress.advance(task)


def _judge_client() -> Any:
    from agenttrace_analysis.judge import from_settings

    client = from_settings(load_settings())
    if client is None:
        typer.secho(
            "error: --judge needs AGENTTRACE_LLM_BASE_URL (and AGENTTRACE_LLM_MODEL, "
            "AGENTTRACE_LLM_API_KEY)",
            fg=typer.colors.RED,
            err=True,
        )
        raise typer.Exit(2)
    return client


def _finish(
    report: dict[str, Any], markdown: str, name: str, as_json: bool, target: Path | None
) -> None:
    from agenttrace_analysis.eval.report import write_section
    from rich.markdown import Markdown

    if target is not None:
        write_section(target, name, markdown)
    if as_json:
        typer.echo(json.dumps(report, separators=(",", ":")))
    elif (console := Console()).is_terminal:
        console.print(Markdown(markdown))
    else:
        typer.echo(markdown)


@eval_app.command("attribution")
def attribution(
    data: DataOption = None,
    as_json: JsonOption = False,
    judge: JudgeOption = False,
    strategy: Annotated[
        Strategy, typer.Option(help="Judge strategy (with --judge).")
    ] = Strategy.ALL_AT_ONCE,
    markdown: MarkdownOption = None,
) -> None:
    """Agent- and step-level accuracy of failure attribution on Who&When."""
    # Imported here: the analysis stack is only needed when this command runs.
    from agenttrace_analysis.eval import attribution_eval, scoring, whowhen
    from agenttrace_analysis.eval.report import attribution_markdown
    from agenttrace_analysis.judge import judge_attribution

    records = whowhen.load_records(data)
    if not records:
        typer.secho(f"error: no Who&When records under {data}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2)
    method = None
    label = "AgentTrace (no LLM)"
    if judge:
        client = _judge_client()
        label = f"LLM judge ({strategy.value})"

        def method(record: whowhen.WhoWhenRecord, trace: Any) -> scoring.Prediction:
            result = judge_attribution(client, trace, strategy)
            if result is None:
                return scoring.Prediction(None, None)
            return scoring.Prediction(str(result["agent"]), int(result["step"]))

    with _progress(len(records), as_json, "attribution") as tick:
        report = attribution_eval.evaluate(records, method, tick)
    report["method"] = label
    _finish(report, attribution_markdown(report, label), "attribution", as_json, markdown)


@eval_app.command("mast")
def mast(
    data: DataOption = None,
    as_json: JsonOption = False,
    judge: JudgeOption = False,
    markdown: MarkdownOption = None,
) -> None:
    """Per-mode precision/recall/F1 and agreement of MAST labels on annotated runs."""
    from agenttrace_analysis.eval import mast_data, mast_eval
    from agenttrace_analysis.eval.report import mast_markdown
    from agenttrace_analysis.judge import label_mast
    from agenttrace_analysis.mast.taxonomy import FailureMode

    records = mast_data.load_records(data)
    detectors = mast_eval.detector_labeller()
    client = _judge_client() if judge else None

    def labeller(trace: Any) -> set[FailureMode]:
        found = detectors(trace)
        if client is not None:
            found |= {FailureMode(a.mode) for a in label_mast(client, trace)}
        return found

    source = "detectors + LLM judge" if client else "detectors"
    with _progress(len(records), as_json, "mast") as tick:
        report = mast_eval.evaluate(records, labeller, source, tick)
    _finish(report, mast_markdown(report), "mast", as_json, markdown)


def register(app: typer.Typer) -> None:
    """Add the ``eval`` command group to ``app``."""
    app.add_typer(eval_app, name="eval")
