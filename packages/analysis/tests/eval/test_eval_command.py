"""``agenttrace eval`` on small copies of the bundled records (in-process, real command)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from agenttrace_analysis.eval.whowhen import BUNDLED
from agenttrace_server.cli import app
from typer.testing import CliRunner

WHOWHEN = BUNDLED / "whowhen"
PICK = {"Hand-Crafted": ["1", "6"], "Algorithm-Generated": ["1", "2", "10"]}


@pytest.fixture
def small_whowhen(tmp_path: Path) -> Path:
    root = tmp_path / "whowhen"
    for subset, names in PICK.items():
        (root / subset).mkdir(parents=True)
        for name in names:
            shutil.copy(WHOWHEN / subset / f"{name}.json", root / subset / f"{name}.json")
    return root


def _last_json(output: str) -> dict[str, Any]:
    value = json.loads(output.strip().splitlines()[-1])
    assert isinstance(value, dict)
    return value


def test_eval_attribution_json(small_whowhen: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", "attribution", "--data", str(small_whowhen), "--json"]
    )
    assert result.exit_code == 0, result.output
    report = _last_json(result.output)
    assert {"n", "agent_accuracy", "step_accuracy", "by_subset", "baselines"} <= set(report)
    assert report["n"] == 5
    assert {k: v["n"] for k, v in report["by_subset"].items()} == {
        "Hand-Crafted": 2,
        "Algorithm-Generated": 3,
    }
    for figures in [report, *report["by_subset"].values()]:
        assert 0.0 <= figures["agent_accuracy"] <= 1.0
        assert 0.0 <= figures["step_accuracy"] <= 1.0
    assert {"random_expected", "most_steps_agent", "first_step", "published"} <= set(
        report["baselines"]
    )
    assert len(report["predictions"]) == 5
    assert set(report["cross_subset"]) == {
        "chosen_on_Hand-Crafted",
        "chosen_on_Algorithm-Generated",
        "variants",
    }


def test_eval_attribution_table_into_markdown(small_whowhen: Path, tmp_path: Path) -> None:
    doc = tmp_path / "evaluation.md"
    doc.write_text(
        "# Evaluation\n\n<!-- BEGIN eval attribution -->\nold\n"
        "<!-- END eval attribution -->\n\nafter\n"
    )
    result = CliRunner().invoke(
        app, ["eval", "attribution", "--data", str(small_whowhen), "--markdown", str(doc)]
    )
    assert result.exit_code == 0, result.output
    text = doc.read_text()
    assert "old" not in text and text.endswith("after\n")
    assert "| **AgentTrace (no LLM)** |" in text
    assert "published: all-at-once (GPT-4o) | n/a | n/a | 55.2% | 5.3% | 54.3% | 12.5% |" in text
    assert "AgentTrace (no LLM)" in result.output


def test_eval_attribution_without_records(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "attribution", "--data", str(tmp_path), "--json"])
    assert result.exit_code == 2


def _llm_shaped(tmp_path: Path) -> Path:
    sample = json.loads((BUNDLED / "mast" / "mad_human_sample.json").read_text())
    rows = [
        {
            "mas_name": "AG2",
            "trace_id": 1,
            "trace": sample[0]["trace"],
            "mast_annotation": {"1.1": 1, "1.3": 0, "2.6": None, "3.3": 1},
        },
        {
            "mas_name": "MetaGPT",
            "trace_id": 2,
            "trace": sample[3]["trace"],
            "mast_annotation": {"1.1": 0, "1.3": 1},
        },
    ]
    path = tmp_path / "mad_llm.json"
    path.write_text(json.dumps(rows))
    return path


def test_eval_mast_reads_both_shapes(tmp_path: Path) -> None:
    folder = tmp_path / "mast"
    folder.mkdir()
    shutil.copy(BUNDLED / "mast" / "mad_human_sample.json", folder)
    _llm_shaped(folder)
    result = CliRunner().invoke(app, ["eval", "mast", "--data", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    report = _last_json(result.output)
    # 1 human record in the final taxonomy (the other rounds are skipped) + 2 LLM-labelled
    assert report["n"] == 3
    assert len(report["modes"]) == 14
    assert report["modes"]["FM-1.1"]["support"] == 2
    assert report["modes"]["FM-1.3"]["support"] == 1
    assert {"precision", "recall", "f1"} <= set(report["modes"]["FM-3.3"])
