"""Per-project API keys: create, list and revoke them (``agenttrace keys …``).

A key is shown once, when it is made; the database keeps its SHA-256 (see
:mod:`agenttrace_core.auth`) and its first characters, so that a person can tell keys apart
in ``keys list``. The admin keys of ``AGENTTRACE_API_KEYS`` are not stored here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from agenttrace_core.auth import hash_key, new_key
from agenttrace_core.db import Dialect, insert_ignore
from agenttrace_core.db import schema as s
from agenttrace_core.db.types import utcnow

PREFIX_CHARS = 11
"""Characters of a key kept in clear to tell keys apart (``at_`` and 8 random ones)."""


class KeyNotFoundError(LookupError):
    """No key has this id or prefix."""


class InvalidProjectError(ValueError):
    """A project name that cannot be stored (empty, too long, or with a NUL character)."""


@dataclass(frozen=True)
class ApiKeyInfo:
    """A stored key, without its secret."""

    id: int
    prefix: str
    project: str
    name: str
    created_at: datetime
    revoked_at: datetime | None


def check_project(project: str) -> str:
    """``project`` without surrounding blanks; raises :class:`InvalidProjectError`."""
    project = project.strip()
    if not project or len(project) > 255 or "\x00" in project:
        raise InvalidProjectError("a project name has 1 to 255 characters and no NUL")
    return project


async def _project_id(conn: AsyncConnection, project: str) -> int:
    p = s.projects
    stmt = insert_ignore(Dialect.of(conn), p, index_elements=["name"])
    await conn.execute(stmt.values(name=project, created_at=utcnow()))
    return int((await conn.execute(select(p.c.id).where(p.c.name == project))).scalar_one())


async def create_key(
    engine: AsyncEngine, project: str, *, name: str = ""
) -> tuple[ApiKeyInfo, str]:
    """Make a key for ``project`` (created when new); returns it with the key in clear."""
    project = check_project(project)
    key = new_key()
    async with engine.begin() as conn:
        project_id = await _project_id(conn, project)
        created = utcnow()
        result = await conn.execute(
            s.api_keys.insert()
            .values(
                project_id=project_id,
                name=name[:255],
                key_hash=hash_key(key),
                prefix=key[:PREFIX_CHARS],
                created_at=created,
            )
            .returning(s.api_keys.c.id)
        )
        key_id = int(result.scalar_one())
    return ApiKeyInfo(key_id, key[:PREFIX_CHARS], project, name[:255], created, None), key


def _listing() -> Any:
    k, p = s.api_keys, s.projects
    return select(
        k.c.id, k.c.prefix, p.c.name.label("project"), k.c.name, k.c.created_at, k.c.revoked_at
    ).join(p, p.c.id == k.c.project_id)


async def list_keys(engine: AsyncEngine, *, project: str | None = None) -> list[ApiKeyInfo]:
    """Every stored key (revoked ones too), oldest first."""
    query = _listing().order_by(s.api_keys.c.id)
    if project is not None:
        query = query.where(s.projects.c.name == project)
    async with engine.connect() as conn:
        rows = (await conn.execute(query)).all()
    return [ApiKeyInfo(*row) for row in rows]


async def revoke_key(engine: AsyncEngine, ref: str) -> ApiKeyInfo:
    """Revoke the key with id or prefix ``ref`` (a revoked key stays revoked).

    Servers stop accepting it within the key cache's lifetime (5 seconds).

    Raises:
        KeyNotFoundError: no key, or more than one, matches ``ref``.
    """
    k = s.api_keys
    match = k.c.id == int(ref) if ref.isdigit() else k.c.prefix == ref
    async with engine.begin() as conn:
        rows = (await conn.execute(_listing().where(match))).all()
        if len(rows) != 1:
            raise KeyNotFoundError(
                f"no key {ref!r}" if not rows else f"{len(rows)} keys match {ref!r}; give its id"
            )
        info = ApiKeyInfo(*rows[0])
        if info.revoked_at is None:
            now = utcnow()
            await conn.execute(update(k).where(k.c.id == info.id).values(revoked_at=now))
            info = dataclasses.replace(info, revoked_at=now)
    return info
