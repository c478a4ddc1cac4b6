"""The ingestion service: a bounded write queue, the group-commit writer task and the spool.

Requests :meth:`IngestionService.submit` their normalized batch and wait for the commit
that stores it: the 2xx goes out only after that commit. The writer merges what is queued
(up to ``batch_max_spans``, waiting at most ``batch_max_ms`` for requests still being
decoded) into one transaction. While the database is away or the queue is full, batches go
to the local :mod:`~agenttrace_ingestion.spool` instead, and are acknowledged once synced
to disk; a drainer task writes them when the database is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from agenttrace_core.db import Dialect
from agenttrace_core.settings import Settings
from agenttrace_core.store import SpanStore
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_ingestion import metrics, rejections
from agenttrace_ingestion.decoding import BodyFormat, ContentEncoding
from agenttrace_ingestion.errors import QueueFullError, UnavailableError
from agenttrace_ingestion.pipeline import Decoded, DecodePool, default_workers
from agenttrace_ingestion.rejections import RateLimitedLog
from agenttrace_ingestion.spool import Spool, SpoolFullError
from agenttrace_ingestion.writer.batching import WriteResult, flush
from agenttrace_ingestion.writer.prepared import PreparedBatch
from agenttrace_ingestion.writer.store import checkpoint

logger = logging.getLogger(__name__)

OUTAGE_BACKOFF_SECONDS = 1.0
"""After a failed commit, new requests get 503 for this long (they retry later)."""

BUSY_SECONDS = 1.0
"""The service counts as busy for this long after its last request."""

KNOWN_PROJECTS_MAX = 10_000
"""Projects the writer remembers as stored (it skips their insert); a client inventing a new
project per request would otherwise grow the set without end."""

DRAIN_POLL_SECONDS = 0.2
"""How often the drainer looks for spooled batches it can write."""

CHECKPOINT_SECONDS = 0.5
"""SQLite: how often the write-ahead log is copied into the database file, off the write path."""


@dataclass
class _Pending:
    batch: PreparedBatch
    future: asyncio.Future[WriteResult]
    size: int
    spooled: Path | None = None
    """The spool file of a batch being drained (deleted after its commit, never spooled again)."""


class IngestionService:
    """Queue + batch writer shared by every app of one process."""

    def __init__(
        self,
        settings: Settings,
        engine: AsyncEngine,
        *,
        decode_workers: int | None = None,
        span_store: SpanStore | None = None,
    ) -> None:
        """Build the service; ``decode_workers`` (default: one per extra core) decode big bodies.

        Args:
            settings: queue and batch limits, body size limit.
            engine: the database the writer commits to.
            decode_workers: worker processes for decoding; 0 decodes in this process.
            span_store: where spans and agents go when that is not ``engine``'s database
                (ClickHouse); the rest of each commit still goes to ``engine``. The caller
                closes it.
        """
        self.settings = settings
        workers = default_workers() if decode_workers is None else decode_workers
        self._decoder = DecodePool(workers, limit=settings.max_body_bytes)
        self.rejection_log = RateLimitedLog(rejections.logger)
        """Refused and changed spans: one log line per reason and minute."""
        self.engine = engine
        self.dialect = Dialect.of(engine)
        self.span_store = span_store
        self._queue: asyncio.Queue[_Pending | None] = asyncio.Queue()
        self._queued_spans = 0
        self._decoding = 0
        self._more = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._known_projects: set[str] = set()
        self._unavailable_until = 0.0
        self._accepting = True
        self._last_request = float("-inf")
        self._checkpointer: asyncio.Task[None] | None = None
        self._written = False
        self.spool = Spool(settings.spool_dir or settings.home / "spool", settings.spool_max_bytes)
        self._drainer: asyncio.Task[None] | None = None

    @property
    def queued_spans(self) -> int:
        """Spans waiting for the writer."""
        return self._queued_spans

    def busy(self) -> bool:
        """True while requests are in flight or came in during the last second.

        Background work of the same process (the analysis worker) waits meanwhile, so that
        ingestion keeps the CPU.
        """
        if self._decoding or self._queued_spans:
            return True
        return time.monotonic() - self._last_request < BUSY_SECONDS

    async def start(self) -> None:
        """Start the decoding workers, the writer task and the drainer of the spool."""
        await self._decoder.start()
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="agenttrace-writer")
        await asyncio.to_thread(self.spool.open)
        _spool_gauges(self.spool)
        if self.spool.enabled and self._drainer is None:
            self._drainer = asyncio.create_task(self._drain(), name="agenttrace-spool-drainer")
        if self.dialect is Dialect.SQLITE and self._checkpointer is None:
            self._checkpointer = asyncio.create_task(
                self._checkpoint_loop(), name="agenttrace-wal-checkpoint"
            )

    async def stop(self) -> None:
        """Stop accepting, write everything queued, then stop the writer.

        What is still spooled stays on disk for the next start.
        """
        self._accepting = False
        if self._drainer is not None:
            self._drainer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._drainer
            self._drainer = None
        if self._task is None:
            return
        await self._queue.put(None)
        self._more.set()
        await self._task
        self._task = None
        self.spool.close()
        if self._checkpointer is not None:
            self._checkpointer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._checkpointer
            self._checkpointer = None
            await self._checkpoint("TRUNCATE")
        await self._decoder.stop()

    async def _checkpoint_loop(self) -> None:
        """SQLite: copy the write-ahead log into the database file in the background.

        The writer's connections do not checkpoint by themselves (see
        :class:`~agenttrace_ingestion.writer.drivers.SqliteDriver`): a checkpoint inside a
        commit would make the requests of that commit wait for it, and for its fsync.
        """
        while True:
            await asyncio.sleep(CHECKPOINT_SECONDS)
            if self._written:
                self._written = False
                await self._checkpoint("PASSIVE")

    async def _checkpoint(self, mode: str) -> None:
        try:
            await checkpoint(self.engine, mode)
        except Exception as exc:  # the next round tries again; SQLite also checkpoints on close
            logger.warning("WAL checkpoint (%s) failed: %s", mode, exc)

    @contextlib.contextmanager
    def decoding(self) -> Iterator[None]:
        """Mark a request as being decoded, so that the writer waits for it to join."""
        self._last_request = time.monotonic()
        self._decoding += 1
        try:
            yield
        finally:
            self._decoding -= 1
            self._more.set()

    def check_accepting(self, spans: int = 0) -> None:
        """Raise :class:`UnavailableError` (503) when a batch of ``spans`` would not fit.

        While the database is away or the queue is full, a batch fits as long as the spool
        has room.
        """
        if not self._accepting:
            raise UnavailableError("the receiver is shutting down", retry_after=1)
        if not self._must_spool(spans):
            return
        if self.spool.enabled and self.spool.used_bytes < self.spool.max_bytes:
            return
        wait = self._unavailable_until - asyncio.get_running_loop().time()
        if wait > 0:
            raise UnavailableError("the database is unavailable", retry_after=max(1, round(wait)))
        limit = self.settings.queue_max_spans
        raise QueueFullError(f"the write queue is full ({limit} spans)", retry_after=1)

    def _must_spool(self, spans: int) -> bool:
        """Whether a batch of ``spans`` cannot go to the writer now (database away, queue full)."""
        if self._unavailable_until > asyncio.get_running_loop().time():
            return True
        limit = self.settings.queue_max_spans
        return bool(self._queued_spans) and self._queued_spans + spans > limit

    async def decode(
        self, body: bytes, fmt: BodyFormat, encoding: ContentEncoding, project: str | None
    ) -> Decoded:
        """Turn a request body into rows (in a worker process when it is big)."""
        return await self._decoder.decode(body, fmt, encoding, project)

    async def submit(self, batch: PreparedBatch) -> WriteResult:
        """Queue ``batch`` and wait for the commit that stores it (or for the spool to hold it)."""
        size = batch.span_count
        self.check_accepting(size)
        if self._must_spool(size):
            return await self._to_spool(batch)
        return await asyncio.shield(self._enqueue(batch))

    def _enqueue(
        self, batch: PreparedBatch, spooled: Path | None = None
    ) -> asyncio.Future[WriteResult]:
        future: asyncio.Future[WriteResult] = asyncio.get_running_loop().create_future()
        future.add_done_callback(_retrieve)  # a client that went away leaves no warning
        size = batch.span_count
        self._queued_spans += size
        metrics.QUEUE_DEPTH.set(self._queued_spans)
        self._queue.put_nowait(_Pending(batch, future, size, spooled))
        self._more.set()
        return future

    async def _to_spool(self, batch: PreparedBatch) -> WriteResult:
        """Write ``batch`` to the spool; acknowledged once it is synced to disk (else 503)."""
        try:
            await asyncio.to_thread(self.spool.put, batch)
        except (SpoolFullError, OSError) as exc:
            raise UnavailableError(f"the database is unavailable and {exc}", retry_after=5) from exc
        metrics.SPANS_SPOOLED.inc(batch.span_count)
        _spool_gauges(self.spool)
        return WriteResult(stored=batch.span_count)

    async def _drain(self) -> None:
        """Write the spooled batches, oldest first, whenever the database takes them."""
        loop = asyncio.get_running_loop()
        while True:
            path = self.spool.oldest()
            if path is None or self._must_spool(1) or loop.time() < self._unavailable_until:
                await asyncio.sleep(DRAIN_POLL_SECONDS)
                continue
            try:
                batch = await asyncio.to_thread(self.spool.read, path)
            except Exception as exc:  # unreadable: kept aside for a person, not retried forever
                metrics.WRITE_FAILURES.labels("spool").inc()
                logger.error("spooled batch %s cannot be read (%s); moved aside", path, exc)
                await asyncio.to_thread(_set_aside, self.spool, path)
                continue
            try:
                result = await self._enqueue(batch, path)
            except UnavailableError:
                await asyncio.sleep(OUTAGE_BACKOFF_SECONDS)
                continue
            if result.rejected:
                rejections.report(
                    ((r.trace_id, r.span_id, r.reason) for r in result.rejected),
                    [],
                    self.rejection_log,
                )
            await asyncio.to_thread(self.spool.remove, path)
            _spool_gauges(self.spool)

    async def _run(self) -> None:
        stopping = False
        while not stopping:
            first = await self._queue.get()
            if first is None:
                break
            items, stopping = await self._gather(first)
            await self._flush(items)
        while not self._queue.empty():  # requests that raced the stop
            item = self._queue.get_nowait()
            if item is not None:
                await self._flush([item])

    async def _gather(self, first: _Pending) -> tuple[list[_Pending], bool]:
        """Collect the batches of one commit: up to N spans, waiting at most T ms.

        The writer waits for requests still being decoded only while the commit would be
        small (under a tenth of N spans): a big commit starts at once, so that decoding the
        next requests overlaps it instead of alternating with it.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.settings.batch_max_ms / 1000
        items, spans = [first], first.size
        small = max(1, self.settings.batch_max_spans // 10)
        while spans < self.settings.batch_max_spans:
            if self._queue.empty():
                timeout = deadline - loop.time()
                if self._decoding == 0 or timeout <= 0 or spans >= small:
                    break
                self._more.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._more.wait(), timeout)
                continue
            item = self._queue.get_nowait()
            if item is None:
                return items, True
            items.append(item)
            spans += item.size
        return items, False

    async def _flush(self, items: list[_Pending]) -> None:
        size = sum(item.size for item in items)
        outcomes: list[WriteResult | BaseException]
        try:
            outcomes = list(
                await flush(
                    self.engine,
                    self.dialect,
                    [item.batch for item in items],
                    self._known_projects,
                    self.span_store,
                )
            )
        except UnavailableError as exc:
            self._unavailable_until = asyncio.get_running_loop().time() + OUTAGE_BACKOFF_SECONDS
            outcomes = [exc] * len(items)
        except Exception as exc:  # a writer bug: answer the requests, keep the writer alive
            metrics.WRITE_FAILURES.labels("bug").inc()
            logger.exception("group commit failed unexpectedly")
            outcomes = [UnavailableError(f"the write failed: {exc}")] * len(items)
        finally:
            self._queued_spans -= size
            self._written = True
            if len(self._known_projects) > KNOWN_PROJECTS_MAX:  # a memo, not a registry
                self._known_projects.clear()
            metrics.QUEUE_DEPTH.set(self._queued_spans)
        for item, outcome in zip(items, outcomes, strict=True):
            if item.future.done():
                continue
            if isinstance(outcome, UnavailableError) and item.spooled is None:
                try:  # accepted already: durable on disk is as good as in the database
                    item.future.set_result(await self._to_spool(item.batch))
                except UnavailableError as exc:
                    item.future.set_exception(exc)
            elif isinstance(outcome, BaseException):
                item.future.set_exception(outcome)
            else:
                item.future.set_result(outcome)


def _spool_gauges(spool: Spool) -> None:
    metrics.SPOOL_BYTES.set(spool.used_bytes)
    metrics.SPOOL_BATCHES.set(len(spool))


def _set_aside(spool: Spool, path: Path) -> None:
    with contextlib.suppress(OSError):
        path.rename(path.with_suffix(".unreadable"))
    spool.remove(path)


def _retrieve(future: asyncio.Future[WriteResult]) -> None:
    if not future.cancelled():
        future.exception()
