"""``agenttrace eval … --judge`` asks the configured endpoint (here a local fake)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from agenttrace_analysis.eval.whowhen import BUNDLED
from agenttrace_server.cli import app
from typer.testing import CliRunner

from .conftest import FakeOpenAI


def _env(fake: FakeOpenAI, tmp_path: Path) -> dict[str, str]:
    return {
        "AGENTTRACE_HOME": str(tmp_path / "home"),
        "AGENTTRACE_LLM_BASE_URL": fake.base_url,
        "AGENTTRACE_LLM_MODEL": "fake-model",
    }


def test_eval_attribution_with_the_judge(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    data = tmp_path / "whowhen" / "Algorithm-Generated"
    data.mkdir(parents=True)
    for name in ("1", "2"):  # labelled steps 0 and 2
        shutil.copy(BUNDLED / "whowhen" / "Algorithm-Generated" / f"{name}.json", data)
    fake_openai.replies = ['{"agent": "whoever", "step": 2, "reason": "made-up data"}']
    result = CliRunner().invoke(
        app,
        ["eval", "attribution", "--data", str(tmp_path / "whowhen"), "--json", "--judge"],
        env=_env(fake_openai, tmp_path),
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    assert (report["n"], report["step_accuracy"], report["method"]) == (
        2,
        0.5,
        "LLM judge (all-at-once)",
    )
    assert len(fake_openai.requests) == 2


def test_eval_judge_needs_an_endpoint(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["eval", "mast", "--judge"],
        env={"AGENTTRACE_HOME": str(tmp_path), "AGENTTRACE_LLM_BASE_URL": ""},
    )
    assert result.exit_code == 2
    assert "AGENTTRACE_LLM_BASE_URL" in result.output


def test_eval_mast_with_the_judge(fake_openai: FakeOpenAI, tmp_path: Path) -> None:
    fake_openai.replies = ['{"modes": {"FM-1.1": {"present": true}, "FM-3.3": "yes"}}']
    result = CliRunner().invoke(
        app, ["eval", "mast", "--json", "--judge"], env=_env(fake_openai, tmp_path)
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.strip().splitlines()[-1])
    assert report["source"] == "detectors + LLM judge"
    assert report["modes"]["FM-1.1"]["tp"] == 1 and report["modes"]["FM-3.3"]["tp"] == 1
