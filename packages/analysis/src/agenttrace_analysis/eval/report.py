"""Markdown tables of the eval reports, for the terminal and for docs/evaluation.md."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from agenttrace_analysis.eval.whowhen import Subset

_BASELINE_NAMES = {
    "random_expected": "random (expected value)",
    "most_steps_agent": "always the agent with the most steps",
    "first_step": "always the first step",
    "first_agent_step": "always the first non-user step",
    "majority_label_leave_one_out": "most common labelled culprit (reads other records' labels)",
}
_ABLATIONS = {
    "attribution_signals_alone": "attribution's own signals alone (no detectors, no graph facts)",
}


_NONE = "n/a"


def _pct(value: Any) -> str:
    return _NONE if value is None else f"{100 * float(value):.1f}%"


def _row(name: str, figures: dict[str, Any]) -> str:
    cells = [name, _pct(figures.get("agent_accuracy")), _pct(figures.get("step_accuracy"))]
    for subset in Subset:
        part = figures.get("by_subset", {}).get(subset.value, {})
        cells += [_pct(part.get("agent_accuracy")), _pct(part.get("step_accuracy"))]
    return "| " + " | ".join(cells) + " |"


def attribution_markdown(report: dict[str, Any], label: str = "AgentTrace (no LLM)") -> str:
    """The method, the measured baselines and the published results in one table."""
    subsets = {k: v["n"] for k, v in report.get("by_subset", {}).items()}
    head = " | ".join(f"{s.value} agent | {s.value} step" for s in Subset)
    lines = [
        f"Who&When, {report['n']} records ({', '.join(f'{k}: {v}' for k, v in subsets.items())}); "
        "exact matches, agent names compared without case.",
        "",
        f"| method | agent | step | {head} |",
        "|---" * 7 + "|",
        _row(f"**{label}**", report),
    ]
    if report.get("names_hidden"):
        lines.append(_row("check: the same with every agent renamed", report["names_hidden"]))
    for key, name in _ABLATIONS.items():
        if key in report.get("baselines", {}):
            lines.append(_row(f"ablation: {name}", report["baselines"][key]))
    for key, name in _BASELINE_NAMES.items():
        if key in report.get("baselines", {}):
            lines.append(_row(f"baseline: {name}", report["baselines"][key]))
    published: dict[str, dict[str, Any]] = {}
    for item in report.get("baselines", {}).get("published", []):
        entry = published.setdefault(item["method"], {"by_subset": {}})
        entry["by_subset"][item["subset"]] = item
    for method, figures in published.items():
        lines.append(_row(f"published: {method} (GPT-4o)", figures))
    cross = report.get("cross_subset") or {}
    if cross:
        lines += [
            "",
            "Cross-subset check: the weighting is chosen among "
            "a few variants on one subset and reported on the other.",
            "",
            "| chosen on | weights | fit agent | fit step | held out | agent | step |",
            "|---" * 7 + "|",
        ]
        for key, item in cross.items():
            if not key.startswith("chosen_on_"):
                continue
            held = item["held_out"]
            weights = ", ".join(f"{k}={v}" for k, v in item["weights"].items())
            lines.append(
                f"| {key.removeprefix('chosen_on_')} | {weights} | "
                f"{_pct(item['fit']['agent_accuracy'])} | {_pct(item['fit']['step_accuracy'])} "
                f"| {held['subset']} | {_pct(held['agent_accuracy'])} | "
                f"{_pct(held['step_accuracy'])} |"
            )
    if cross.get("variants"):
        lines += [
            "",
            "Every variant of the weighting (how much the result depends on it):",
            "",
            f"| weights | agent | step | {head} |",
            "|---" * 7 + "|",
        ]
        for item in cross["variants"]:
            weights = ", ".join(f"{k}={v}" for k, v in item["weights"].items())
            lines.append(_row(weights, item))
    return "\n".join(lines) + "\n"


def mast_markdown(report: dict[str, Any]) -> str:
    """Per-mode precision/recall/F1 and the agreement, with the published figures."""
    lines = [
        f"MAST, {report['n']} records, labels from: {report['source']}.",
        "",
        "| mode | name | support | predicted | precision | recall | F1 |",
        "|---" * 7 + "|",
    ]
    for code, m in report["modes"].items():
        lines.append(
            f"| {code} | {m['name']} | {m['support']} | {m['predicted']} | "
            f"{_pct(m['precision'])} | {_pct(m['recall'])} | {_pct(m['f1'])} |"
        )
    kappa = report.get("kappa")
    lines += [
        "",
        f"Agreement with the annotators: accuracy {_pct(report.get('accuracy'))}, "
        f"Cohen's kappa {_NONE if kappa is None else kappa}, "
        f"macro F1 {_pct(report.get('macro_f1'))}.",
        "",
        "Published: "
        + "; ".join(
            f"{p['who']}: kappa {p['kappa']}"
            + (f", accuracy {p['accuracy']}, F1 {p['f1']}" if p.get("accuracy") else "")
            for p in report.get("published", [])
        )
        + ".",
    ]
    return "\n".join(lines) + "\n"


def write_section(path: Path, name: str, body: str) -> None:
    """Replace (or append) the block between ``<!-- BEGIN eval NAME -->`` and its END."""
    begin, end = f"<!-- BEGIN eval {name} -->", f"<!-- END eval {name} -->"
    block = f"{begin}\n{body.rstrip()}\n{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text)
    else:
        text = text.rstrip() + ("\n\n" if text else "") + block + "\n"
    path.write_text(text, encoding="utf-8")
