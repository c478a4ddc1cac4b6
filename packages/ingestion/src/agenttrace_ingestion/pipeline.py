"""The CPU part of a request: body → rows, in worker processes when the body is big.

Decompressing, decoding, validating, normalizing and turning records into rows is pure CPU;
one Python process can do it on one core only. Big bodies therefore go to a small pool of
worker processes (started from a fork server, so they are cheap and thread-safe to make),
and come back as plain row tuples, cheap to pickle. Small bodies are handled in-process.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from agenttrace_ingestion import metrics
from agenttrace_ingestion.decoding import BodyFormat, ContentEncoding, decompress, parse_request
from agenttrace_ingestion.errors import MalformedRequestError, UnavailableError
from agenttrace_ingestion.normalizers import RejectedSpan, normalize_drafts
from agenttrace_ingestion.rejections import Adjusted, RateLimitedLog, Reason
from agenttrace_ingestion.validation import count_spans, drop_invalid_spans
from agenttrace_ingestion.writer.prepared import PreparedBatch, prepare_normalized

logger = logging.getLogger(__name__)
_LOG = RateLimitedLog(logger)

IN_PROCESS_BYTES = 64 * 1024
"""Bodies up to this size are decoded in the receiving process."""


@dataclass
class Decoded:
    """What one request body yields."""

    received: int
    prepared: PreparedBatch
    rejected: list[RejectedSpan] = field(default_factory=list)
    adjusted: list[Adjusted] = field(default_factory=list)


def decode(
    body: bytes,
    fmt: BodyFormat,
    encoding: ContentEncoding,
    *,
    limit: int,
    project: str | None,
) -> Decoded:
    """Decompress, decode, validate, normalize and build the rows of one body."""
    request = parse_request(decompress(body, encoding, limit=limit), fmt)
    received = count_spans(request)
    adjusted: list[Adjusted] = []
    rejected = drop_invalid_spans(request, adjusted)
    try:
        result = normalize_drafts(request, project=project, checked=True)
        prepared = prepare_normalized(result, tenant=project)
    except Exception as exc:  # a normalizer bug must not become a loop of 500s and retries
        metrics.SPANS_REJECTED.labels(Reason.CANNOT_NORMALIZE.value).inc(received)
        _LOG.warning(
            "request", received, "normalizing a request failed: %s: %s", type(exc).__name__, exc
        )
        raise MalformedRequestError(f"the spans could not be normalized: {exc}") from exc
    return Decoded(received, prepared, rejected + result.rejected, adjusted + result.adjusted)


def default_workers() -> int:
    """Worker processes for decoding: one per core when there are several, at most 4.

    The receiving process keeps busy with HTTP and the writer; decoding in it competes with
    both for its one interpreter lock, so on a multi-core machine every core gets a worker.
    """
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(4, cores or 1) if (cores or 1) > 1 else 0


def tune_gc() -> None:
    """Make the cyclic garbage collector cheap for ingestion's allocation pattern.

    A request allocates tens of thousands of short-lived, acyclic objects (decoded attributes,
    drafts, rows) that reference counting frees; with the default thresholds the collector
    scans them over and over, which costs about a third of the decoding time. Objects that
    exist at start-up are frozen out of collections, and collections run less often.
    """
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


class DecodePool:
    """Decodes big bodies in worker processes, small ones in-process."""

    def __init__(self, workers: int, *, limit: int) -> None:
        self._workers = workers
        self._limit = limit
        self._pool: ProcessPoolExecutor | None = None
        self._ready = False
        self._warming: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start the workers in the background; bodies are decoded here until they are up."""
        if self._workers <= 0 or self._pool is not None:
            return
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["agenttrace_ingestion.pipeline"])
        self._pool = ProcessPoolExecutor(
            self._workers, mp_context=context, initializer=_init_worker, initargs=(os.getpid(),)
        )
        self._ready = False  # until the workers have imported the decoder
        self._warming = asyncio.create_task(self._warm_up(self._pool))

    async def _warm_up(self, pool: ProcessPoolExecutor) -> None:
        loop = asyncio.get_running_loop()
        try:
            await asyncio.gather(
                *(loop.run_in_executor(pool, os.getpid) for _ in range(self._workers))
            )
        except Exception:  # no workers: everything is decoded in this process
            metrics.WRITE_FAILURES.labels("decode_pool").inc()
            logger.exception("the decoding workers did not start")
            return
        self._ready = True

    async def stop(self) -> None:
        """Stop the workers."""
        if self._warming is not None:
            self._warming.cancel()
            self._warming = None
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)

    async def decode(
        self, body: bytes, fmt: BodyFormat, encoding: ContentEncoding, project: str | None
    ) -> Decoded:
        """Decode one body where it is cheapest.

        Small bodies are decoded right here; big ones in a worker process (queued when every
        worker is busy: decoding in this process would take its interpreter lock from the
        HTTP and writer work), or in a thread until the workers are up.
        """
        if len(body) <= IN_PROCESS_BYTES:
            return decode(body, fmt, encoding, limit=self._limit, project=project)
        if self._pool is None or not self._ready:
            return await asyncio.to_thread(
                decode, body, fmt, encoding, limit=self._limit, project=project
            )
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(
                self._pool, _decode_in_worker, body, fmt, encoding, self._limit, project
            )
        except BrokenProcessPool as exc:  # a worker died (out of memory?): start again
            logger.warning("a decoding worker died; restarting the pool")
            await self.stop()
            await self.start()
            raise UnavailableError("a decoding worker failed; retry", retry_after=1) from exc


def _init_worker(server_pid: int) -> None:
    """Set up a decoding worker: cheap garbage collection, and exit when the server is gone.

    A worker is a child of the fork server, not of the server, and holds both ends of its
    task pipe: when the server is killed (SIGKILL, OOM) nothing wakes it. A watcher thread
    notices that the server went away and ends the worker; the fork server and the resource
    tracker follow once no worker is left.
    """
    tune_gc()
    threading.Thread(
        target=_exit_with, args=(server_pid,), name="agenttrace-watch-server", daemon=True
    ).start()


def _exit_with(server_pid: int, interval: float = 1.0) -> None:
    fork_server = os.getppid()
    while True:
        time.sleep(interval)
        if not _alive(server_pid, fork_server):
            os._exit(0)


def _alive(server_pid: int, fork_server: int) -> bool:
    """Whether the server still runs (its fork server is still its child)."""
    if os.path.isdir("/proc"):  # Linux: the fork server's parent, as the kernel has it now
        try:
            with open(f"/proc/{fork_server}/stat", "rb") as stat:
                return int(stat.read().rsplit(b")", 1)[1].split()[1]) == server_pid
        except (OSError, ValueError, IndexError):
            return False
    try:  # elsewhere: whether the pid exists
        os.kill(server_pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _decode_in_worker(
    body: bytes, fmt: BodyFormat, encoding: ContentEncoding, limit: int, project: str | None
) -> Decoded:
    return decode(body, fmt, encoding, limit=limit, project=project)
