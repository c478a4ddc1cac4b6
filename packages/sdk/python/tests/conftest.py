"""Fixtures for the SDK's tests: the SDK pointed at a live ``agenttrace serve``, and a reader
of what the server stored (through the public API).

The SDK does not care which database the server uses, so these tests run on SQLite only.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import agenttrace
import httpx
import pytest

T = TypeVar("T")


@pytest.fixture
def dialect() -> str:
    """SQLite only: what is under test here is the SDK, not the database."""
    return "sqlite"


class Stored:
    """What a live server stored, read through ``/api/v1`` (polling until it is there)."""

    def __init__(self, api_url: str, project: str) -> None:
        self.api_url = api_url
        self.project = project
        self.client = httpx.Client(base_url=f"{api_url}/api/v1", timeout=10)

    def get(self, path: str, **params: Any) -> Any:
        """GET a JSON document; raises for error statuses."""
        response = self.client.get(path, params=params)
        response.raise_for_status()
        return response.json()

    def wait(self, probe: Callable[[], T | None], *, timeout: float = 30, what: str = "") -> T:
        """Call ``probe`` until it returns something truthy (404s count as not yet)."""
        deadline = time.monotonic() + timeout
        last: object = None
        while time.monotonic() < deadline:
            try:
                value = probe()
                if value:
                    return value
                last = value
            except httpx.HTTPStatusError as exc:
                if exc.response.status_code not in (404, 409):
                    raise
                last = exc
            time.sleep(0.3)
        raise AssertionError(f"timed out waiting for {what or probe}: last {last!r}")

    def trace(self, trace_id: str, *, min_spans: int = 1) -> dict[str, Any]:
        """The trace summary, once at least ``min_spans`` spans are stored."""
        return self.wait(
            lambda: (t := self.get(f"/traces/{trace_id}")) and t["span_count"] >= min_spans and t,
            what=f"trace {trace_id} with {min_spans} spans",
        )

    def agents(self, trace_id: str) -> set[str]:
        """Names of the agents the server found in the trace."""
        return {a["name"] for a in self.get(f"/traces/{trace_id}")["agents"]}

    def messages(self, trace_id: str) -> list[tuple[str | None, str | None, str]]:
        """``(from, to, kind)`` of each stored message, in time order."""
        items = self.get(f"/traces/{trace_id}/messages")["items"]
        return [(m["from_agent"], m["to_agent"], m["kind"]) for m in items]

    def message_items(self, trace_id: str) -> list[dict[str, Any]]:
        """The stored messages, in time order."""
        return list(self.get(f"/traces/{trace_id}/messages")["items"])

    def edges(self, trace_id: str) -> set[tuple[str, str]]:
        """``(source, target)`` of each edge of the trace's agent graph."""
        graph = self.get(f"/traces/{trace_id}/graph")
        return {(e["source"], e["target"]) for e in graph["edges"]}

    def nodes(self, trace_id: str) -> set[str]:
        """The ids of the agent graph's nodes."""
        return {n["id"] for n in self.get(f"/traces/{trace_id}/graph")["nodes"]}

    def check_graph(
        self, trace_id: str, *, nodes: set[str], edges: set[tuple[str, str]], exact: bool = False
    ) -> None:
        """The trace's agent graph has these agents, and these edges between them.

        Other nodes the analysis adds (the user, tools) are left out of the comparison; with
        ``exact`` the edges between the given agents must be exactly ``edges``.

        Call it last in a test: while the analysis service still answers with its empty
        placeholder graph, the test is reported as an expected failure saying so.
        """
        deadline = time.monotonic() + 10
        graph = self.get(f"/traces/{trace_id}/graph")
        while not graph["nodes"] and time.monotonic() < deadline:
            time.sleep(0.5)
            graph = self.get(f"/traces/{trace_id}/graph")
        if not graph["nodes"]:
            pytest.xfail("GET /traces/{id}/graph answers an empty graph (analysis not landed)")
        found_nodes = {n["id"] for n in graph["nodes"]}
        found_edges = {
            (e["source"], e["target"])
            for e in graph["edges"]
            if e["source"] in nodes and e["target"] in nodes
        }
        assert nodes <= found_nodes
        if exact:
            assert found_edges == edges
        else:
            assert edges <= found_edges


def _root_conftest_start_server(config: pytest.Config) -> Callable[..., Any]:
    for plugin in config.pluginmanager.get_plugins():
        start = getattr(plugin, "start_server", None)
        if callable(start) and hasattr(plugin, "LiveServer"):
            return start  # type: ignore[no-any-return]
    raise RuntimeError("the root conftest.py (start_server) is not loaded")


@pytest.fixture(scope="session")
def shared_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Any]:
    """One ``agenttrace serve`` (SQLite) for all SDK tests; each test has its own project.

    Starting a server costs seconds on a busy machine, so the tests share it.
    """
    template = request.getfixturevalue("_sqlite_template")
    home = tmp_path_factory.mktemp("sdk-server")
    database = home / "agenttrace.db"
    shutil.copyfile(template, database)
    start_server = _root_conftest_start_server(request.config)
    server = start_server(f"sqlite+aiosqlite:///{database}", home / "home", timeout=240)
    yield server
    server.stop()


@pytest.fixture
def stored(shared_server: Any) -> Iterator[Stored]:
    """The SDK initialised against the shared live server (a project of this test's own)."""
    project = f"sdk-test-{uuid.uuid4().hex[:8]}"
    agenttrace.init(endpoint=shared_server.otlp_url, project=project)
    reader = Stored(shared_server.api_url, project)
    yield reader
    agenttrace.shutdown()
    reader.client.close()


def trace_id_of(span: Any) -> str:
    """The 32-hex-digit id of ``span``'s trace."""
    return format(span.get_span_context().trace_id, "032x")
