"""Building many small objects at once (the spans of a 10,000-span run) without GC pauses.

CPython's cyclic garbage collector runs every few hundred new container objects, and each
run walks the young objects; turning 10,000 rows into models set it off hundreds of times and
took more time than the conversion itself. The objects built here hold no reference cycles, so
pausing the collector for the duration of such a loop loses nothing: it resumes afterwards and
sees them then.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_resume = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block (nests and works across threads).

    The collector resumes when the last of the overlapping blocks ends, and only if it was
    enabled when the first began. Keep the block short and free of ``await``.
    """
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
