"""Stateless replicas: two ``agenttrace ingest`` and two ``agenttrace api`` processes on one
database, eight exporters spread over the ingest replicas (issue #16)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .test_live_export import _assert_stored_once, _load, _send_all

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(command: str, port: int, database_url: str, home: Path) -> subprocess.Popen[bytes]:
    home.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "AGENTTRACE_HOME": str(home),
        "AGENTTRACE_ANALYSIS_IDLE_SECONDS": "0.5",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DATABASE_URL", None)
    flag = "--otlp-port" if command == "ingest" else "--port"
    log = (home / f"{command}-{port}.log").open("wb")
    args = [command, flag, str(port), "--database-url", database_url]
    if command == "ingest":
        args += ["--grpc-port", "0"]  # two ingest replicas on one machine: OTLP/HTTP only
    return subprocess.Popen(
        [sys.executable, "-m", "agenttrace_server", *args],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )


@pytest.fixture
def replicas(database_url: str, tmp_path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """Two ingest and two API processes on the test's database: their URLs."""
    started: list[tuple[subprocess.Popen[bytes], str]] = []
    for n, command in enumerate(("ingest", "ingest", "api", "api")):
        port = free_port()
        process = _start(command, port, database_url, tmp_path / f"home-{n}")
        started.append((process, f"http://127.0.0.1:{port}"))
    try:
        deadline = time.monotonic() + 180
        for process, url in started:
            while True:
                assert process.poll() is None, f"a replica exited early ({url})"
                try:
                    if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert time.monotonic() < deadline, f"{url} did not become healthy"
                time.sleep(0.1)
        urls = [url for _p, url in started]
        yield urls[:2], urls[2:]
    finally:
        for process, _url in started:
            process.send_signal(signal.SIGTERM)
        for process, _url in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _trace_list(api_url: str) -> list[dict]:
    items, cursor = [], None
    with httpx.Client(timeout=60) as client:
        while True:
            params = {"limit": 100, **({"cursor": cursor} if cursor else {})}
            page = client.get(f"{api_url}/api/v1/traces", params=params).json()
            items += page["items"]
            cursor = page["next_cursor"]
            if cursor is None:
                return items


async def test_two_ingest_and_two_api_replicas(replicas, engine) -> None:
    """8 exporters x 500 spans, each request sent twice at once: every span once, every
    summary right, both API replicas answering the same."""
    ingest_urls, api_urls = replicas
    traces, bodies = _load(500, 8, per_request=100, seed=11)
    await _send_all(ingest_urls, bodies, exporters=8, retry_every=True)
    await _assert_stored_once(engine, traces)
    lists = [_trace_list(url) for url in api_urls]
    fixed = ("trace_id", "span_count", "agent_count", "total_tokens", "status", "start_time")
    assert len(lists[0]) == len(traces)
    assert [{k: t[k] for k in fixed} for t in lists[0]] == [
        {k: t[k] for k in fixed} for t in lists[1]
    ]
    counts = {t["trace_id"]: t["span_count"] for t in lists[0]}
    assert counts == {t[0].trace_id: len(t) for t in traces}
