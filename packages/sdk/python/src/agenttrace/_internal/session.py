"""The session that spans started inside ``agenttrace.session(...)`` belong to."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

current_session: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "agenttrace_current_session", default=None
)


@contextlib.contextmanager
def session_scope(session_id: str | None) -> Iterator[str | None]:
    """Make ``session_id`` the current session until the block ends (``None``: no session)."""
    token = current_session.set(str(session_id) if session_id else None)
    try:
        yield current_session.get()
    finally:
        current_session.reset(token)
