"""Faults under load: the server killed with SIGKILL, the database cut off and back."""

from __future__ import annotations

import asyncio
import contextlib
import random
import signal
import threading
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from .otlp_factory import SUMMARY_COLUMNS, build_request, expected_summary, make_traces

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
PB = {"content-type": "application/x-protobuf"}


async def _rows(engine, sql: str) -> list[tuple]:
    async with engine.connect() as conn:
        return [tuple(r) for r in (await conn.execute(text(sql))).all()]


def _bodies(traces_count: int, per_request: int, seed: int) -> tuple[list, list[tuple]]:
    traces = make_traces(traces_count, 50, seed=seed)
    specs = [s for t in traces for s in t]
    random.Random(seed).shuffle(specs)
    chunks = [specs[i : i + per_request] for i in range(0, len(specs), per_request)]
    return traces, [(c, build_request(c).SerializeToString()) for c in chunks]


async def _export(
    url: str, bodies: list[tuple], *, exporters: int, stats: dict[str, int], stop_on_error: bool
) -> list[tuple]:
    """Send every body, retrying 503s as Retry-After asks; returns the acknowledged ones."""
    queue: asyncio.Queue[tuple] = asyncio.Queue()
    for item in bodies:
        queue.put_nowait(item)
    acked: list[tuple] = []

    async def exporter() -> None:
        async with httpx.AsyncClient(timeout=30) as client:
            while not queue.empty():
                item = queue.get_nowait()
                for _attempt in range(200):
                    try:
                        response = await client.post(
                            f"{url}/v1/traces", content=item[1], headers=PB
                        )
                    except httpx.TransportError:
                        if stop_on_error:
                            return
                        await asyncio.sleep(0.2)
                        continue
                    if response.status_code == 200:
                        acked.append(item)
                        break
                    assert response.status_code == 503, response.text
                    assert int(response.headers["retry-after"]) >= 1
                    stats["503"] = stats.get("503", 0) + 1
                    await asyncio.sleep(0.3)  # shorter than Retry-After: keeps the test quick

    await asyncio.gather(*(exporter() for _ in range(exporters)))
    return acked


async def _assert_complete(engine, traces) -> None:
    total = sum(len(t) for t in traces)
    counts = await _rows(engine, "SELECT count(*), count(DISTINCT trace_id || span_id) FROM spans")
    assert counts == [(total, total)]
    rows = await _rows(engine, f"SELECT {SUMMARY_COLUMNS} FROM traces ORDER BY trace_id")
    keys = [k.strip() for k in SUMMARY_COLUMNS.split(",")]
    expected = [expected_summary(t) for t in sorted(traces, key=lambda t: t[0].trace_id)]
    assert [dict(zip(keys, r, strict=True)) for r in rows] == expected


def _descendants(pid: int) -> set[int]:
    """The processes started by ``pid``, their children and so on (from /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            parents[int(stat.parent.name)] = int(stat.read_bytes().rsplit(b")", 1)[1].split()[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (not gone, not a zombie)."""
    try:
        return Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


async def test_sigkill_mid_load_loses_nothing_acknowledged(
    server_factory, database_url, engine
) -> None:
    traces, bodies = _bodies(160, 100, seed=11)  # 8,000 spans
    server = server_factory(database_url, timeout=180)
    stats: dict[str, int] = {}
    load = asyncio.create_task(
        _export(server.otlp_url, bodies, exporters=8, stats=stats, stop_on_error=True)
    )
    for _ in range(600):  # kill once some requests were acknowledged
        (count,) = await _rows(engine, "SELECT count(*) FROM spans")
        if count[0] >= 1500:
            break
        await asyncio.sleep(0.05)
    helpers = _descendants(server.process.pid)
    assert helpers, "the server runs decoding workers"
    server.stop(signal.SIGKILL)
    acked = await load
    for _ in range(100):  # the decoding workers (and their fork server) follow the server
        if not any(_running(pid) for pid in helpers):
            break
        await asyncio.sleep(0.1)
    assert not [pid for pid in helpers if _running(pid)], "helper processes outlived the server"
    assert acked, "nothing was acknowledged before the kill"
    stored = {tuple(r) for r in await _rows(engine, "SELECT trace_id, span_id FROM spans")}
    for specs, _body in acked:
        assert {(s.trace_id, s.span_id) for s in specs} <= stored
    restarted = server_factory(
        database_url, timeout=180
    )  # exporters retry everything after the restart
    await _export(restarted.otlp_url, bodies, exporters=8, stats=stats, stop_on_error=False)
    await _assert_complete(engine, traces)


async def test_sigterm_drains_what_was_accepted(server_factory, database_url, engine) -> None:
    _traces, bodies = _bodies(100, 100, seed=13)  # 5,000 spans
    server = server_factory(database_url, timeout=180)
    stats: dict[str, int] = {}
    load = asyncio.create_task(
        _export(server.otlp_url, bodies, exporters=8, stats=stats, stop_on_error=True)
    )
    for _ in range(600):
        (count,) = await _rows(engine, "SELECT count(*) FROM spans")
        if count[0] >= 1000:
            break
        await asyncio.sleep(0.05)
    server.process.send_signal(signal.SIGTERM)
    acked = await load
    assert await asyncio.to_thread(server.process.wait, 60) == 0
    stored = {tuple(r) for r in await _rows(engine, "SELECT trace_id, span_id FROM spans")}
    assert acked
    for specs, _body in acked:
        assert {(s.trace_id, s.span_id) for s in specs} <= stored


class TcpProxy:
    """A TCP proxy on 127.0.0.1 that the test can cut (every connection dropped) and restore.

    It runs its own event loop in a thread, so that blocking calls of the test (starting a
    server) do not stall it.
    """

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()

    def _call(self, coro) -> None:
        asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=30)

    def start(self) -> None:
        """Listen (again, on the same port once it is known)."""
        self._call(self._start())

    def cut(self) -> None:
        """Stop listening and drop every open connection."""
        self._call(self._cut())

    def close(self) -> None:
        """Cut and stop the proxy's thread."""
        if self._server is not None:
            self.cut()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    async def _start(self) -> None:
        self._server = await asyncio.start_server(
            self._handle, "127.0.0.1", self.port, reuse_address=True
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def _cut(self) -> None:
        assert self._server is not None
        server, self._server = self._server, None
        server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        self._writers.clear()
        await server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._writers |= {writer, up_writer}

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(OSError, ConnectionError):
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            dst.transport.abort()

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
        self._writers -= {writer, up_writer}


@pytest.mark.parametrize(
    "dialect", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
async def test_database_cut_off_gives_503_then_writing_resumes(
    server_factory, database_url, engine
) -> None:
    url = make_url(database_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    through_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
    try:
        # without a spool (test_spool.py has it): the receiver refuses while the database is away
        server = server_factory(
            through_proxy, timeout=180, extra_env={"AGENTTRACE_SPOOL_MAX_BYTES": "0"}
        )
        await _cut_and_restore(server, proxy, engine)
    finally:
        proxy.close()


async def _cut_and_restore(server, proxy: TcpProxy, engine) -> None:
    traces, bodies = _bodies(120, 100, seed=12)  # 6,000 spans
    stats: dict[str, int] = {}
    load = asyncio.create_task(
        _export(server.otlp_url, bodies, exporters=8, stats=stats, stop_on_error=False)
    )
    for _ in range(600):
        (count,) = await _rows(engine, "SELECT count(*) FROM spans")
        if count[0] >= 1000:
            break
        await asyncio.sleep(0.05)
    proxy.cut()
    async with httpx.AsyncClient() as client:
        ready = await client.get(f"{server.otlp_url}/ready", timeout=30)
    await asyncio.sleep(2)
    (during,) = await _rows(engine, "SELECT count(*) FROM spans")
    proxy.start()
    acked = await asyncio.wait_for(load, timeout=240)
    assert ready.status_code == 503
    assert stats.get("503", 0) > 0, "no request was refused while the database was away"
    assert during[0] < sum(len(t) for t in traces)
    assert len(acked) == len(bodies)
    await _assert_complete(engine, traces)
