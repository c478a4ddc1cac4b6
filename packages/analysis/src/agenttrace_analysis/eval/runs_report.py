"""Markdown tables of ``agenttrace eval runs`` (the failure corpus), for the terminal and docs."""

from __future__ import annotations

from typing import Any

from agenttrace_analysis.eval.runs import SPLITS, meets_targets

_NONE = "n/a"
_COLUMNS = (
    ("detection_recall", "failure detected"),
    ("false_positive_rate", "false positives (good runs)"),
    ("culprit_accuracy", "culprit agent"),
    ("step_exact", "decisive span, exact"),
    ("step_within_one", "decisive step, ±1 of the agent"),
    ("mode_precision", "MAST precision"),
    ("mode_recall", "MAST recall"),
    ("edge_recall", "edges found"),
)
_SPLIT_NAMES = {
    "dev": "dev (the method was shaped on it)",
    "holdout": "holdout (never read while shaping it)",
    "all": "all",
}


def _pct(value: Any) -> str:
    return _NONE if value is None else f"{100 * float(value):.1f}%"


def runs_markdown(report: dict[str, Any], label: str = "AgentTrace (no LLM)") -> str:
    """The method per split with the baselines beside it, then per class and per framework."""
    splits = report["splits"]
    counts = ", ".join(
        f"{name}: {fig['runs']} ({fig['failed_runs']} failed, {fig['ok_runs']} good)"
        for name, fig in splits.items()
        if name in SPLITS
    )
    lines = [
        f"Failure corpus: {report['n']} runs of real frameworks "
        f"({', '.join(report['frameworks'])}); {counts}. Method: {label}.",
        "",
        "| split | method | " + " | ".join(title for _, title in _COLUMNS) + " |",
        "|---" * (len(_COLUMNS) + 2) + "|",
    ]
    for split in (*SPLITS, "all"):
        fig = splits.get(split)
        if fig is None:
            continue
        name = _SPLIT_NAMES[split]
        lines.append(
            f"| {name} | **{label}** | "
            + " | ".join(_pct(fig.get(key)) for key, _ in _COLUMNS)
            + " |"
        )
        for base, figures in fig.get("baselines", {}).items():
            cells = [
                _pct(figures.get(key))
                if key in ("culprit_accuracy", "step_exact", "step_within_one")
                else ""
                for key, _ in _COLUMNS
            ]
            if base == "first_error":
                cells[0] = _pct(figures.get("detection_recall"))
                cells[1] = _pct(figures.get("false_positive_rate"))
            text = report.get("baseline_names", {}).get(base, base)
            lines.append(f"| {name} | baseline: {text} | " + " | ".join(cells) + " |")
    holdout = splits.get("holdout")
    if holdout is not None:
        met = meets_targets(holdout)
        lines += [
            "",
            "Targets on the holdout split: "
            + ", ".join(
                f"{title} {'met' if met[key] else 'NOT met'}"
                for key, title in _COLUMNS
                if key in met
            )
            + ".",
        ]
    for section, key in (("class", "by_class"), ("framework", "by_framework")):
        lines += [
            "",
            f"By {section} (all runs): runs, failure detected (or false positive for `ok`), "
            "culprit, decisive step ±1.",
            "",
            f"| {section} | runs | detected / false positive | culprit | step ±1 |",
            "|---|---|---|---|---|",
        ]
        for name, fig in splits["all"][key].items():
            detected = fig["detection_recall"] if fig["failed_runs"] else fig["false_positive_rate"]
            lines.append(
                f"| {name} | {fig['runs']} | {_pct(detected)} | "
                f"{_pct(fig['culprit_accuracy'])} | {_pct(fig['step_within_one'])} |"
            )
    return "\n".join(lines) + "\n"


def misses_text(report: dict[str, Any], limit: int = 40) -> str:
    """One line per run the method got wrong (for the terminal; not for the docs)."""
    lines = []
    for run in report["runs"]:
        truth, pred = run["truth"], run["predicted"]
        wrong = []
        if truth["failed"] and not run["detected"]:
            wrong.append("not detected")
        elif not truth["failed"] and run["detected"]:
            wrong.append(f"false positive (blamed {pred['agent']})")
        elif truth["failed"] and not run["culprit"]:
            wrong.append(f"blamed {pred['agent']}, truth {truth['agent']}")
        elif truth["failed"] and not run["step_within_one"]:
            wrong.append(f"step {pred['span_id']}, truth {truth['span']} {truth['span_id']}")
        if run["edges_missed"]:
            wrong.append("edges missed " + ", ".join("→".join(e) for e in run["edges_missed"]))
        if run.get("error"):
            wrong.append(f"error: {run['error']}")
        if wrong:
            lines.append(f"{run['split']:7} {run['run']}: " + "; ".join(wrong))
    return "\n".join(lines[:limit]) + ("\n…" if len(lines) > limit else "")
