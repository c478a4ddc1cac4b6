"""``agenttrace serve`` migrates, answers on both ports and stops cleanly."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import httpx


def test_serve_answers_health_and_ready_on_both_ports(live_server) -> None:
    for url in (live_server.otlp_url, live_server.api_url):
        health = httpx.get(f"{url}/health")
        assert health.status_code == 200
        assert health.json()["status"] == "ok"
        ready = httpx.get(f"{url}/ready")
        assert ready.status_code == 200, ready.text
        assert "metrics" not in ready.text
        metrics = httpx.get(f"{url}/metrics")
        assert metrics.status_code == 200
        assert metrics.headers["content-type"].startswith("text/plain")
    assert live_server.stop() == 0


def test_cli_version_and_help() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "agenttrace_server", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "agenttrace 0.1.0"
    out = subprocess.run(
        [sys.executable, "-m", "agenttrace_server", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    for command in ("serve", "migrate", "ingest", "api"):
        assert command in out.stdout


def test_bad_database_url_is_a_clear_error(tmp_path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "agenttrace_server", "migrate", "--database-url", "mysql://x/y"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert "unsupported database 'mysql'" in out.stderr


def test_grpc_port_in_use_is_a_clear_error(tmp_path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = subprocess.run(
            [sys.executable, "-m", "agenttrace_server", "ingest", "--otlp-port", "0",
             "--grpc-port", str(port), "--database-url", f"sqlite:///{tmp_path / 'x.db'}"],
            capture_output=True,
            text=True,
            timeout=180,
            env={**os.environ, "AGENTTRACE_HOME": str(tmp_path)},
        )  # fmt: skip
    assert out.returncode != 0
    assert f"cannot listen for OTLP/gRPC on 127.0.0.1:{port} (in use?)" in out.stdout + out.stderr
