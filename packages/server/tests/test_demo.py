"""``agenttrace demo`` against a live server: the runs land, and the analysis finds the failures."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from typing import Any

import httpx
import pytest
from agenttrace_server.demo.scenarios import SCENARIOS

pytestmark = pytest.mark.e2e


def _poll(url: str, ready: Any, timeout: float = 90) -> Any:
    deadline = time.monotonic() + timeout
    body: Any = None
    while time.monotonic() < deadline:
        response = httpx.get(url, timeout=10)
        assert response.status_code < 500, f"GET {url}: {response.status_code} {response.text}"
        if response.status_code == 200:
            body = response.json()
            if ready(body):
                return body
        time.sleep(0.5)
    raise AssertionError(f"{url} not ready after {timeout}s: {body!r}")


def test_demo_sends_every_run_and_the_analysis_blames_the_right_agents(
    database_url, server_factory
) -> None:
    # `live_server`, with more patience for a busy machine (the import alone can take long)
    live_server = server_factory(database_url, timeout=240)
    out = subprocess.run(
        [
            sys.executable, "-m", "agenttrace_server", "demo",
            "--endpoint", live_server.otlp_url, "--api-url", live_server.api_url, "--wait", "0",
        ],
        capture_output=True, text=True, timeout=300, env=live_server.env,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    trace_ids = re.findall(r"trace ([0-9a-f]{32})", out.stdout)
    assert len(trace_ids) == len(SCENARIOS)
    assert f"{live_server.api_url}/traces/{trace_ids[0]}" in out.stdout
    api = f"{live_server.api_url}/api/v1"

    listed = httpx.get(f"{api}/traces", params={"project": "demo", "limit": 50}).json()
    assert {t["trace_id"] for t in listed["items"]} == set(trace_ids)

    for scenario, trace_id in zip(SCENARIOS, trace_ids, strict=True):
        summary = httpx.get(f"{api}/traces/{trace_id}").json()
        assert summary["agent_count"] >= 2, scenario.key
        assert (summary["status"] == "error") == (scenario.culprit is not None), scenario.key
        messages = httpx.get(f"{api}/traces/{trace_id}/messages").json()["items"]
        assert len(messages) >= 3, scenario.key
        checkpoints = httpx.get(f"{api}/traces/{trace_id}/checkpoints").json()["items"]
        assert len(checkpoints) == scenario.checkpoints, scenario.key
        if scenario.culprit is None:
            continue
        failures = _poll(
            f"{api}/traces/{trace_id}/failures",
            lambda body: body["annotations"] and body["attribution"],
        )
        assert failures["attribution"]["agent"] == scenario.culprit, (scenario.key, failures)


def test_demo_without_a_server_says_so() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "agenttrace_server", "demo", "--endpoint", "http://127.0.0.1:9"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert out.returncode == 1
    assert "no AgentTrace server at http://127.0.0.1:9" in out.stderr
