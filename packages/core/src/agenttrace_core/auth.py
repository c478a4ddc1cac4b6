"""API keys: hashed at rest, resolved to a project; shared by ingestion and the API."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from agenttrace_core.db import schema as s
from agenttrace_core.settings import Settings

KEY_PREFIX = "at_"


def hash_key(key: str) -> str:
    """SHA-256 hex of a key (keys are random, so no salt or slow hash is needed)."""
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    """A fresh random API key."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def key_from_headers(authorization: str | None, x_api_key: str | None) -> str | None:
    """The key a request carries in ``Authorization: Bearer …`` or ``x-api-key``."""
    if x_api_key:
        return x_api_key.strip()
    if authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
    return None


@dataclass(frozen=True)
class AuthResult:
    """Outcome of checking a request's key."""

    allowed: bool
    project: str | None = None
    """The project the key belongs to (None: a global key, or keys are off)."""


class KeyChecker:
    """Checks keys against ``AGENTTRACE_API_KEYS`` and the ``api_keys`` table.

    Keys are required as soon as any is configured (in settings or in the table; a revoked
    key counts: revoking the last key does not open the server). The table's state is cached
    for ``ttl`` seconds so that the hot path does not query it per request.
    """

    def __init__(self, settings: Settings, engine: AsyncEngine, *, ttl: float = 5.0) -> None:
        self._global = {hash_key(k) for k in settings.api_keys}
        self._engine = engine
        self._ttl = ttl
        self._loaded_at = float("-inf")
        self._project_keys: dict[str, str] = {}
        self._any_stored = False

    async def _refresh(self) -> None:
        import time

        now = time.monotonic()
        if now - self._loaded_at < self._ttl:
            return
        stmt = select(s.api_keys.c.key_hash, s.projects.c.name, s.api_keys.c.revoked_at).join(
            s.projects, s.projects.c.id == s.api_keys.c.project_id
        )
        async with self._engine.connect() as conn:
            rows = (await conn.execute(stmt)).all()
        self._project_keys = {row.key_hash: row.name for row in rows if row.revoked_at is None}
        self._any_stored = bool(rows)
        self._loaded_at = now

    async def check(self, key: str | None) -> AuthResult:
        """Whether a request with ``key`` may proceed, and for which project."""
        await self._refresh()
        if not self._global and not self._any_stored:
            return AuthResult(allowed=True)
        if not key:
            return AuthResult(allowed=False)
        digest = hash_key(key)
        if any(hmac.compare_digest(digest, g) for g in self._global):
            return AuthResult(allowed=True)
        project = self._project_keys.get(digest)
        return AuthResult(allowed=project is not None, project=project)
