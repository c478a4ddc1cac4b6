"""The SDK never breaks the user's program: internal errors are logged once and swallowed.

Under pytest (``PYTEST_CURRENT_TEST`` is set) they are re-raised, so our own bugs fail tests.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

logger = logging.getLogger("agenttrace")
_reported: set[str] = set()


def _under_pytest() -> bool:
    return "PYTEST_CURRENT_TEST" in os.environ


@contextmanager
def internal_errors(where: str) -> Iterator[None]:
    """Swallow (and log once per ``where``) any exception raised by AgentTrace's own code."""
    try:
        yield
    except Exception:
        if _under_pytest():
            raise
        if where not in _reported:
            _reported.add(where)
            logger.exception(
                "AgentTrace: internal error in %s; your code still runs, "
                "but this run's trace may be incomplete",
                where,
            )


def warn_once(key: str, message: str, *args: object) -> None:
    """Log a warning the first time ``key`` is seen."""
    if key not in _reported:
        _reported.add(key)
        logger.warning(message, *args)
