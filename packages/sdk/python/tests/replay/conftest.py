"""Run recordings and forks in fresh processes against a live ``agenttrace serve``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

HERE = Path(__file__).resolve().parent


@dataclass
class ReplayHarness:
    """Processes and API calls of one test, on one live server."""

    otlp_url: str
    api_url: str

    @property
    def env(self) -> dict[str, str]:
        """The environment of the user's processes."""
        env = {
            **os.environ,
            "AGENTTRACE_ENDPOINT": self.otlp_url,
            "AGENTTRACE_API_URL": self.api_url,
            "PYTHONPATH": str(HERE),
        }
        env.pop("AGENTTRACE_API_KEY", None)
        return env

    def run(self, *args: str, env: dict[str, str] | None = None, check: bool = True) -> Any:
        """Run a Python module in a fresh process from the test folder."""
        proc = subprocess.run(
            [sys.executable, *args],
            cwd=HERE,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and proc.returncode != 0:
            raise AssertionError(
                f"{args} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
            )
        return proc

    def record(self, app: str) -> str:
        """Record a run of ``apps.<app>``; its trace id once its checkpoints are stored."""
        trace_id = self.run("-m", "apps.record", app).stdout.strip().splitlines()[-1]
        self.wait_checkpoints(trace_id)
        self.wait_root(trace_id)
        return trace_id

    def wait_root(self, trace_id: str, timeout: float = 60) -> None:
        """Wait until the root span (exported last) is stored: the recording is complete."""
        deadline = time.monotonic() + timeout
        while not any(s["parent_span_id"] is None for s in self.spans(trace_id)):
            assert time.monotonic() < deadline, f"trace {trace_id} has no root span yet"
            time.sleep(0.3)

    def agenttrace(self, *args: str, env: dict[str, str] | None = None, check: bool = True) -> Any:
        """The ``agenttrace`` command line, in a fresh process."""
        return self.run("-m", "agenttrace_server", *args, env=env, check=check)

    def get(self, path: str, **params: Any) -> Any:
        """GET from the API (asserting 200)."""
        resp = httpx.get(f"{self.api_url}/api/v1{path}", params=params, timeout=30)
        assert resp.status_code == 200, resp.text
        return resp.json()

    def wait_checkpoints(self, trace_id: str, count: int = 1, timeout: float = 30) -> list[Any]:
        """The checkpoints of a trace once at least ``count`` are stored."""
        deadline = time.monotonic() + timeout
        while True:
            items = self.get(f"/traces/{trace_id}/checkpoints")["items"]
            if len(items) >= count or time.monotonic() > deadline:
                return list(items)
            time.sleep(0.2)

    def states(self, trace_id: str) -> list[tuple[int, str, Any]]:
        """``(step, name, state)`` of every checkpoint of a trace."""
        return [
            (c["step"], c["name"], self.get(f"/checkpoints/{c['id']}")["state"])
            for c in self.get(f"/traces/{trace_id}/checkpoints")["items"]
        ]

    def spans(self, trace_id: str) -> list[dict[str, Any]]:
        """The spans of a trace (first page is enough here)."""
        return list(self.get(f"/traces/{trace_id}/spans")["items"])


@pytest.fixture
def harness(server_factory: Any, database_url: str) -> ReplayHarness:
    """A harness on a live server of this test (patient with a busy machine)."""
    server = server_factory(database_url, timeout=240)
    return ReplayHarness(server.otlp_url, server.api_url)


def loads(text: str) -> Any:
    """The JSON a command printed last."""
    return json.loads(text[text.index("{") :])
