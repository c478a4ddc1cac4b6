"""``init()`` in fresh interpreters: no-ops before it, a down server, an existing provider.

Each case runs in a subprocess, since the global tracer provider can be set once per process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from typing import Any

import pytest


def run_python(code: str, *, env: dict[str, str] | None = None, timeout: float = 60) -> Any:
    """Run ``code`` in a fresh interpreter (not under pytest: the SDK's guard logs, not raises)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "AGENTTRACE_"))}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**clean, **(env or {})},
    )


def test_every_call_before_init_is_a_harmless_no_op() -> None:
    result = run_python(
        """
        import asyncio
        from opentelemetry import trace
        import agenttrace

        @agenttrace.agent("planner", role="plans")
        def plan(task):
            agenttrace.message("planner", "coder", task)
            agenttrace.handoff("planner", "coder", content=task)
            return "planned " + task

        @agenttrace.tool("lookup")
        async def lookup(q):
            return q.upper()

        async def main():
            async with agenttrace.agent("coder"):
                return await lookup("x")

        assert plan("t") == "planned t"
        assert asyncio.run(main()) == "X"
        with agenttrace.tool("search"):
            cp = agenttrace.checkpoint("c", {"a": 1})
        assert len(cp) == 36
        with agenttrace.session("chat-1") as session_id:
            assert session_id == "chat-1"
        assert agenttrace.instrument() == []
        assert agenttrace.flush() is False
        agenttrace.shutdown()
        # nothing was configured behind the user's back
        assert type(trace.get_tracer_provider()).__name__ == "ProxyTracerProvider"
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert result.stderr == ""


def test_a_down_server_warns_once_and_neither_blocks_nor_breaks_the_program() -> None:
    started = time.monotonic()
    result = run_python(
        """
        import time
        import agenttrace

        agenttrace.init(endpoint="http://127.0.0.1:9", project="down", timeout=2)
        for i in range(3):
            with agenttrace.agent("worker"):
                agenttrace.message("worker", "boss", f"report {i}")
            agenttrace.flush(timeout=5)
        t = time.monotonic()
        with agenttrace.agent("worker"):
            pass
        print("ok", round(time.monotonic() - t, 3))
        """
    )
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
    assert float(result.stdout.split()[1]) < 0.5  # recording a span never waits for the network
    assert result.stderr.count("could not send") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "Transient error" not in result.stderr  # the exporter's retry noise is ours to report
    assert elapsed < 30


def test_init_adds_to_an_existing_tracer_provider(shared_server: Any) -> None:
    result = run_python(
        f"""
        from opentelemetry import trace
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import SimpleSpanProcessor
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
        import agenttrace

        mine = InMemorySpanExporter()
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(mine))
        trace.set_tracer_provider(provider)

        agenttrace.init(endpoint="{shared_server.otlp_url}", project="existing-provider")
        assert trace.get_tracer_provider() is provider
        with trace.get_tracer("app").start_as_current_span("request") as root:
            with agenttrace.agent("helper", role="answers"):
                agenttrace.message("helper", None, "hello everyone", kind="broadcast")
        assert agenttrace.flush(timeout=10)
        names = sorted(s.name for s in mine.get_finished_spans())
        assert names == ["agent helper", "broadcast helper → *", "request"], names
        helper = [s for s in mine.get_finished_spans() if s.name == "agent helper"][0]
        assert helper.attributes["agenttrace.agent.name"] == "helper"
        assert helper.attributes["agenttrace.project"] == "existing-provider"
        print(format(root.get_span_context().trace_id, "032x"))
        """
    )
    assert result.returncode == 0, result.stderr
    trace_id = result.stdout.strip()

    import httpx

    summary = httpx.get(f"{shared_server.api_url}/api/v1/traces/{trace_id}", timeout=10).json()
    assert summary["project"] == "existing-provider"
    assert summary["span_count"] == 3
    assert {a["name"] for a in summary["agents"]} == {"helper"}


def test_an_internal_error_is_logged_once_and_the_user_code_still_runs() -> None:
    result = run_python(
        """
        import agenttrace
        from agenttrace._internal import manual

        def broken(value):
            raise RuntimeError("boom")

        manual.dumps = broken  # make the SDK itself fail inside checkpoint()
        agenttrace.init(endpoint="http://127.0.0.1:9")
        with agenttrace.agent("a"):
            agenttrace.checkpoint("one", {})
            agenttrace.checkpoint("two", {})
        print("still running")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "still running"
    assert result.stderr.count("your code still runs") == 1


def test_internal_errors_are_raised_under_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    from agenttrace._internal import manual

    def broken(value: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(manual, "dumps", broken)
    with pytest.raises(RuntimeError, match="boom"):
        manual.record_checkpoint(
            "x",
            {},
            agent=None,
            thread_id=None,
            ns=None,
            framework_id=None,
            framework="manual",
            step=None,
        )


def test_endpoint_project_and_key_come_from_the_environment() -> None:
    from agenttrace._internal.config import resolve

    config = resolve(endpoint="http://h:1/", project="p", api_key="k", service_name=None, timeout=1)
    assert (config.traces_url, config.project, config.headers) == (
        "http://h:1/v1/traces",
        "p",
        {"Authorization": "Bearer k"},
    )
    result = run_python(
        """
        from agenttrace._internal.config import resolve
        c = resolve(endpoint=None, project=None, api_key=None, service_name=None, timeout=1)
        print(c.traces_url, c.project, c.api_key)
        """,
        env={
            "AGENTTRACE_ENDPOINT": "http://collector:4318/v1/traces",
            "AGENTTRACE_PROJECT": "from-env",
            "AGENTTRACE_API_KEY": "secret",
        },
    )
    assert result.stdout.split() == ["http://collector:4318/v1/traces", "from-env", "secret"]
    default = run_python(
        """
        from agenttrace._internal.config import resolve
        c = resolve(endpoint=None, project=None, api_key=None, service_name=None, timeout=1)
        print(c.traces_url)
        """
    )
    assert default.stdout.strip() == "http://localhost:4318/v1/traces"
