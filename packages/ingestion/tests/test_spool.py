"""The persistent spool: accepted batches wait on local disk while the database cannot take them.

Acknowledged = durable on local disk or in the database: a batch acked from the spool is
written once the database is back, also after a SIGKILL, and never twice.
"""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import httpx
import pytest
from agenttrace_ingestion import IngestionService, create_app
from sqlalchemy.engine import make_url

from .otlp_factory import SpanSpec, build_request
from .test_faults import PB, TcpProxy, _assert_complete, _bodies, _export, _rows


async def _wait_for_spans(engine, count: int, seconds: float = 120) -> None:
    for _ in range(int(seconds * 10)):
        (stored,) = await _rows(engine, "SELECT count(*) FROM spans")
        if stored[0] >= count:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{stored[0]} of {count} spans written")


async def test_full_queue_spools_and_a_full_spool_answers_503(settings, engine) -> None:
    first = build_request([SpanSpec("ef" * 16, f"{i + 1:016x}") for i in range(10)])
    second = build_request([SpanSpec("ef" * 16, "ff" * 8)])
    for max_bytes, status in ((10**6, 200), (1, 503)):
        small = settings.model_copy(
            update={
                "queue_max_spans": 10,
                "spool_max_bytes": max_bytes,
                "spool_dir": settings.home / f"spool-{max_bytes}",
            }
        )
        service = IngestionService(small, engine, decode_workers=0)  # writer not started yet
        await asyncio.to_thread(service.spool.open)
        app = create_app(small, engine=engine, service=service)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://x") as c:
            waiting = asyncio.create_task(
                c.post("/v1/traces", content=first.SerializeToString(), headers=PB)
            )
            for _ in range(500):
                if service.queued_spans == 10:
                    break
                await asyncio.sleep(0.01)
            answer = await c.post("/v1/traces", content=second.SerializeToString(), headers=PB)
            assert answer.status_code == status
            if status == 503:
                assert int(answer.headers["retry-after"]) >= 1
            else:
                assert len(service.spool) == 1
            await service.start()
            assert (await waiting).status_code == 200
        if status == 200:
            await _wait_for_spans(engine, 11, seconds=20)
            for _ in range(100):
                if not len(service.spool):
                    break
                await asyncio.sleep(0.05)
            assert (len(service.spool), list(small.spool_dir.glob("*.batch"))) == (0, [])
        await service.stop()
        await engine.dispose()
    assert await _rows(engine, "SELECT count(*), count(DISTINCT span_id) FROM spans") == [(11, 11)]


def _through(proxy: TcpProxy, database_url: str) -> str:
    url = make_url(database_url)
    return url.set(host="127.0.0.1", port=proxy.port).render_as_string(False)


@pytest.fixture
def proxy(database_url: str):
    url = make_url(database_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    proxy.start()
    yield proxy
    proxy.close()


POSTGRES_ONLY = pytest.mark.parametrize(
    "dialect", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)
SMALL_QUEUE = {"AGENTTRACE_QUEUE_MAX_SPANS": "300", "AGENTTRACE_DECODE_WORKERS": "0"}


@pytest.mark.e2e
@pytest.mark.slow
@POSTGRES_ONLY
async def test_a_long_outage_is_spooled_and_written_when_the_database_is_back(
    server_factory, database_url, engine, proxy, tmp_path: Path
) -> None:
    spool = tmp_path / "spool"
    server = server_factory(
        _through(proxy, database_url),
        extra_env={**SMALL_QUEUE, "AGENTTRACE_SPOOL_DIR": str(spool)},
    )
    traces, bodies = _bodies(60, 50, seed=21)  # 3,000 spans, ten times the queue
    stats: dict[str, int] = {}
    await _export(server.otlp_url, bodies[:5], exporters=2, stats=stats, stop_on_error=False)
    proxy.cut()
    acked = await _export(
        server.otlp_url, bodies[5:], exporters=4, stats=stats, stop_on_error=False
    )
    assert len(acked) == len(bodies) - 5  # all acknowledged while the database was away
    assert stats == {}, "no 503 while the spool had room"
    (during,) = await _rows(engine, "SELECT count(*) FROM spans")
    assert during[0] <= 5 * 100
    assert len(list(spool.glob("*.batch"))) >= len(acked) // 2
    proxy.start()
    await _wait_for_spans(engine, sum(len(t) for t in traces))
    await _assert_complete(engine, traces)
    for _ in range(50):
        if not list(spool.glob("*.batch")):
            break
        await asyncio.sleep(0.1)
    assert list(spool.glob("*.batch")) == []
    async with httpx.AsyncClient() as client:
        metrics = (await client.get(f"{server.otlp_url}/metrics")).text
    assert "agenttrace_ingest_spool_batches 0.0" in metrics


@pytest.mark.e2e
@pytest.mark.slow
@POSTGRES_ONLY
async def test_spooled_batches_survive_sigkill_and_are_written_once(
    server_factory, database_url, engine, proxy, tmp_path: Path
) -> None:
    spool = tmp_path / "spool"
    env = {**SMALL_QUEUE, "AGENTTRACE_SPOOL_DIR": str(spool)}
    server = server_factory(_through(proxy, database_url), extra_env=env)
    traces, bodies = _bodies(40, 50, seed=22)  # 2,000 spans
    stats: dict[str, int] = {}
    await _export(server.otlp_url, bodies[:4], exporters=2, stats=stats, stop_on_error=False)
    proxy.cut()
    acked = await _export(
        server.otlp_url, bodies[4:], exporters=4, stats=stats, stop_on_error=False
    )
    assert len(acked) == len(bodies) - 4
    server.stop(signal.SIGKILL)
    assert list(spool.glob("*.batch"))
    proxy.start()
    restarted = server_factory(_through(proxy, database_url), extra_env=env)
    await _wait_for_spans(engine, sum(len(t) for t in traces))  # no exporter sends again
    await _assert_complete(engine, traces)
    assert restarted.process.poll() is None
