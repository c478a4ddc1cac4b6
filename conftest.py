"""Fixtures shared by every package's tests.

Database tests take the ``database_url`` (or ``engine``) fixture, which is parametrized over
a real SQLite file and the real PostgreSQL server; test bodies never name the dialect.
PostgreSQL: the schema is migrated once into a template database per test session and cloned
per test (``CREATE DATABASE … TEMPLATE``). In CI (``CI=true``) a missing server fails.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

PG_ADMIN_URL = os.environ.get(
    "AGENTTRACE_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
REPO_ROOT = Path(__file__).resolve().parent


def _pg_connect(dbname: str | None = None):  # type: ignore[no-untyped-def]
    import psycopg

    url = PG_ADMIN_URL if dbname is None else PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{dbname}"
    return psycopg.connect(url, autocommit=True, connect_timeout=5)


def _pg_url(dbname: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{dbname}"


@pytest.fixture(scope="session")
def _pg_template() -> Iterator[str | None]:
    """A migrated template database for this test session, or None when there is no server."""
    try:
        conn = _pg_connect()
    except Exception as exc:
        if IN_CI:
            pytest.fail(f"PostgreSQL is required in CI but unreachable: {exc}")
        yield None
        return
    from agenttrace_core.db.migrate import upgrade_to_head

    name = f"agenttrace_tpl_{uuid.uuid4().hex[:10]}"
    with conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    upgrade_to_head(_pg_url(name))
    yield name
    with _pg_connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test."""
    from agenttrace_core.db.migrate import upgrade_to_head

    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    upgrade_to_head(f"sqlite:///{path}")
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def dialect(request: pytest.FixtureRequest) -> str:
    """The database a test runs against (use ``database_url``; do not branch on this)."""
    return str(request.param)


@pytest.fixture
def database_url(dialect: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database of its own for this test (async driver URL)."""
    if dialect == "sqlite":
        template: Path = request.getfixturevalue("_sqlite_template")
        target = tmp_path / "agenttrace.db"
        shutil.copyfile(template, target)
        yield f"sqlite+aiosqlite:///{target}"
        return
    tpl = request.getfixturevalue("_pg_template")
    if tpl is None:
        pytest.skip("PostgreSQL is not reachable at " + PG_ADMIN_URL)
    name = f"agenttrace_t_{uuid.uuid4().hex[:12]}"
    with _pg_connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{tpl}"')
    yield _pg_url(name).replace("postgresql://", "postgresql+asyncpg://", 1)
    with _pg_connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[object]:
    """An async engine on this test's database."""
    from agenttrace_core.db import create_engine

    eng = create_engine(database_url)
    yield eng
    await eng.dispose()


@pytest.fixture(scope="session")
def chdb_transport() -> Iterator[object]:
    """ClickHouse in this process (chDB), once per test session: chDB allows one per process.

    Each test that stores spans in it uses a database of its own.
    """
    from agenttrace_store_clickhouse import ChdbTransport

    transport = ChdbTransport()
    yield transport
    transport.close()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> object:
    """Settings for a service under test, on this test's database."""
    from agenttrace_core.settings import Settings

    return Settings(
        home=tmp_path / "home",
        database_url=database_url,
        analysis_idle_seconds=0.5,
        api_keys=[],
    )


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    """A running ``agenttrace serve`` subprocess."""

    process: subprocess.Popen[bytes]
    otlp_url: str
    api_url: str
    database_url: str
    grpc_target: str
    """``host:port`` of the OTLP/gRPC receiver."""
    log_path: Path
    env: dict[str, str]

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        """Stop the server; returns its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return int(self.process.returncode)

    def log(self) -> str:
        """What the server printed so far."""
        return self.log_path.read_text(errors="replace")


def start_server(
    database_url: str,
    home: Path,
    *,
    extra_env: dict[str, str] | None = None,
    otlp_port: int | None = None,
    port: int | None = None,
    grpc_port: int | None = None,
    timeout: float = 180,
) -> LiveServer:
    """Start ``agenttrace serve`` on free ports and wait until both ports answer /health.

    The OTLP/gRPC receiver listens on a free port too (``grpc_target``).
    """
    otlp_port = otlp_port or free_port()
    port = port or free_port()
    grpc_port = grpc_port or free_port()
    home.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "AGENTTRACE_HOME": str(home),
        "AGENTTRACE_ANALYSIS_IDLE_SECONDS": "0.5",
        "PYTHONUNBUFFERED": "1",
        **(extra_env or {}),
    }
    env.pop("DATABASE_URL", None)
    log_path = home / f"server-{otlp_port}.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "agenttrace_server",
            "serve",
            "--otlp-port",
            str(otlp_port),
            "--port",
            str(port),
            "--grpc-port",
            str(grpc_port),
            "--database-url",
            database_url,
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    server = LiveServer(
        process,
        f"http://127.0.0.1:{otlp_port}",
        f"http://127.0.0.1:{port}",
        database_url,
        f"127.0.0.1:{grpc_port}",
        log_path,
        env,
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"agenttrace serve exited early:\n{server.log()}")
        try:
            if all(
                httpx.get(f"{url}/health", timeout=1).status_code == 200
                for url in (server.otlp_url, server.api_url)
            ):
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    server.stop(signal.SIGKILL)
    raise RuntimeError(f"agenttrace serve did not become healthy:\n{server.log()}")


@pytest.fixture
def live_server(database_url: str, tmp_path: Path) -> Iterator[LiveServer]:
    """``agenttrace serve`` on this test's database, stopped (SIGTERM) after the test."""
    server = start_server(database_url, tmp_path / "server-home")
    yield server
    server.stop()


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[object]:
    """Start more servers (or restart one) with ``server_factory(database_url, **kw)``."""
    started: list[LiveServer] = []

    def make(database_url: str, **kwargs: object) -> LiveServer:
        server = start_server(database_url, tmp_path / f"server-home-{len(started)}", **kwargs)  # type: ignore[arg-type]
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()
