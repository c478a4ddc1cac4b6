"""``agenttrace eval {runs,mast,attribution}``: score the analysis against annotated data."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from agenttrace_core.enums import JudgeStrategy as Strategy

from agenttrace_server.commands.common import load_settings

if TYPE_CHECKING:
    from rich.console import Console


def _console(*, stderr: bool = False) -> Console:
    """A rich console (rich is imported when this command prints, not at every start)."""
    from rich.console import Console

    return Console(stderr=stderr)


logger = logging.getLogger(__name__)

eval_app = typer.Typer(
    help="Score the analysis against annotated data (the corpus of real runs, Who&When, MAST).",
    no_args_is_help=True,
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

    console = _console(stderr=True)
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
    elif (console := _console()).is_terminal:
        console.print(Markdown(markdown))
    else:
        typer.echo(markdown)


def default_corpus() -> Path | None:
    """The corpus of a source checkout: ``testdata/runs`` at the repository's root."""
    here = Path(__file__).resolve()
    for folder in (Path.cwd(), *here.parents):
        candidate = folder / "testdata" / "runs"
        if (candidate / "README.md").exists():
            return candidate
    return None


@eval_app.command("runs")
def runs(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="A corpus folder laid out like testdata/runs/ (<framework>/<run>/NNN.pb and "
            "truth.json). Default: the repository's testdata/runs.",
            exists=True,
            file_okay=False,
        ),
    ] = None,
    split: Annotated[str | None, typer.Option(help="Score one split only: dev or holdout.")] = None,
    only: Annotated[
        list[str] | None,
        typer.Option("--run", help="Only runs whose framework/run contains this (repeatable)."),
    ] = None,
    as_json: JsonOption = False,
    judge: JudgeOption = False,
    markdown: MarkdownOption = None,
) -> None:
    """Failure detection, culprit agent, decisive step, MAST modes and edges on real runs.

    Every run's recorded OTLP bodies go through a throwaway `agenttrace serve` (embedded
    SQLite in a temporary home), each run is analysed, and the answers are compared with the
    run's truth.json. Baselines are printed beside the method; dev and holdout are reported
    apart (the method was shaped on dev only).
    """
    from agenttrace_analysis.eval.runs import evaluate, load_corpus
    from agenttrace_analysis.eval.runs_report import misses_text, runs_markdown

    from agenttrace_server.eval_runs import EvalError, evaluate_corpus

    if split is not None and split not in ("dev", "holdout"):
        typer.secho("error: --split is dev or holdout", fg=typer.colors.RED, err=True)
        raise typer.Exit(2)
    root = data or default_corpus()
    if root is None:
        typer.secho(
            "error: no corpus found (testdata/runs of a source checkout); pass --data DIR",
            fg=typer.colors.RED,
            err=True,
        )
        raise typer.Exit(2)
    corpus = load_corpus(root, split=split)
    if only:
        corpus = [r for r in corpus if any(part in r.truth.key for part in only)]
    if not corpus:
        typer.secho(f"error: no runs with a truth.json under {root}", fg=typer.colors.RED, err=True)
        raise typer.Exit(2)
    if judge:
        _judge_client()  # fails early and clearly when the judge is not configured
    label = "AgentTrace + LLM judge" if judge else "AgentTrace (no LLM)"
    if not as_json:
        _console(stderr=True).print(f"{len(corpus)} runs from {root}: posting and analysing…")
    try:
        with _progress(len(corpus), as_json, "runs") as tick:
            results = evaluate_corpus(corpus, judge=judge, tick=tick)
    except EvalError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from exc
    report = evaluate(results)
    report["method"] = label
    if not as_json:
        wrong = misses_text(report)
        if wrong:
            _console(stderr=True).print("Runs it got wrong:\n" + wrong, markup=False)
    _finish(report, runs_markdown(report, label), "runs", as_json, markdown)


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
