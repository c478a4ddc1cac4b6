"""A bounded spool on local disk for accepted batches the database cannot take now.

Modelled on the OpenTelemetry Collector's persistent queue. While the database is away (or
the write queue is full), the receiver writes each accepted batch to one file here, syncs it
to disk and then acknowledges it: *acknowledged means durable, on this disk or in the
database*. Once the database answers again the service writes the spooled batches and
deletes each file after its commit. A process killed between that commit and the delete
writes the batch again on restart; every record has a unique key and is inserted with
``ON CONFLICT DO NOTHING``, and trace summaries count only rows really inserted, so nothing
is stored twice. When the spool is full the receiver answers 503 with ``Retry-After``.

One process owns a spool directory (an exclusive ``flock`` on its ``.lock`` file); a second
process pointed at the same directory runs without a spool.
"""

from __future__ import annotations

import dataclasses
import fcntl
import itertools
import logging
import os
import pickle
import threading
import time
from pathlib import Path
from typing import IO

from agenttrace_ingestion.writer.prepared import PreparedBatch

logger = logging.getLogger(__name__)

_SUFFIX = ".batch"
_FORMAT = 1


class SpoolFullError(Exception):
    """The batch does not fit in the spool's size limit."""


class Spool:
    """Batches as files ``<time>-<n>.batch`` in one directory, oldest first."""

    def __init__(self, directory: Path, max_bytes: int) -> None:
        """A spool in ``directory`` holding at most ``max_bytes`` (opened by :meth:`open`)."""
        self.directory = directory
        self.max_bytes = max_bytes
        self._lock_file: IO[bytes] | None = None
        self._sizes: dict[Path, int] = {}
        self._bytes = 0
        self._counter = itertools.count()
        self._guard = threading.Lock()

    @property
    def enabled(self) -> bool:
        """Whether batches can be spooled (a size limit and the directory's lock)."""
        return self.max_bytes > 0 and self._lock_file is not None

    @property
    def used_bytes(self) -> int:
        """Bytes of the batches in the spool."""
        return self._bytes

    def __len__(self) -> int:
        """Batches in the spool."""
        return len(self._sizes)

    def open(self) -> None:
        """Create the directory, take its lock and list the batches left by an earlier run."""
        if self.max_bytes <= 0 or self._lock_file is not None:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        lock = (self.directory / ".lock").open("ab")
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            logger.warning(
                "spool %s is used by another process: running without one", self.directory
            )
            return
        self._lock_file = lock
        for leftover in self.directory.glob("*.tmp"):  # a write cut short: never acknowledged
            leftover.unlink(missing_ok=True)
        for path in sorted(self.directory.glob(f"*{_SUFFIX}")):
            size = path.stat().st_size
            self._sizes[path] = size
            self._bytes += size
        if self._sizes:
            logger.info(
                "spool %s holds %d batch(es) (%d bytes) to write",
                self.directory,
                len(self),
                self._bytes,
            )

    def close(self) -> None:
        """Release the directory (its batches stay for the next run)."""
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    def put(self, batch: PreparedBatch) -> Path:
        """Write ``batch`` durably (file and directory synced); raises :class:`SpoolFullError`.

        Blocking: call it in a thread.
        """
        data = pickle.dumps((_FORMAT, _fields(batch)), protocol=pickle.HIGHEST_PROTOCOL)
        with self._guard:
            if not self.enabled or self._bytes + len(data) > self.max_bytes:
                raise SpoolFullError(f"the spool is full ({self.max_bytes} bytes)")
            self._bytes += len(data)  # reserved before the write, so parallel puts stay bounded
            name = f"{time.time_ns():020d}-{os.getpid()}-{next(self._counter):08d}"
        path = self.directory / (name + _SUFFIX)
        temporary = self.directory / (name + ".tmp")
        try:
            with temporary.open("wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            temporary.rename(path)
            _sync_directory(self.directory)
        except BaseException:
            temporary.unlink(missing_ok=True)
            with self._guard:
                self._bytes -= len(data)
            raise
        with self._guard:
            self._sizes[path] = len(data)
        return path

    def oldest(self) -> Path | None:
        """The batch spooled first, or None."""
        with self._guard:
            return min(self._sizes, default=None)

    def read(self, path: Path) -> PreparedBatch:
        """The batch of one spool file (blocking)."""
        version, fields = pickle.loads(path.read_bytes())
        if version != _FORMAT:
            raise ValueError(f"unknown spool format {version} in {path}")
        known = {f.name for f in dataclasses.fields(PreparedBatch)}
        return PreparedBatch(**{k: v for k, v in fields.items() if k in known})

    def remove(self, path: Path) -> None:
        """Delete a batch once it is committed."""
        path.unlink(missing_ok=True)
        with self._guard:
            self._bytes -= self._sizes.pop(path, 0)


def _fields(batch: PreparedBatch) -> dict[str, object]:
    return {f.name: getattr(batch, f.name) for f in dataclasses.fields(batch)}


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
