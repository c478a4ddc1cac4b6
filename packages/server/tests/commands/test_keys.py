"""``agenttrace keys``: create (key printed once, last), list, revoke, on both databases."""

from __future__ import annotations

import asyncio
from pathlib import Path

from agenttrace_core.auth import KeyChecker, hash_key
from agenttrace_core.db import create_engine
from agenttrace_core.db import schema as s
from agenttrace_core.settings import Settings
from agenttrace_server.cli import app
from sqlalchemy import select
from typer.testing import CliRunner


def _keys(*args: str, env: dict[str, str] | None = None) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, ["keys", *args], env=env)
    return result.exit_code, result.output.strip().splitlines()


def _check(database_url: str, key: str | None) -> tuple[bool, str | None]:
    async def check() -> tuple[bool, str | None]:
        engine = create_engine(database_url)
        try:
            result = await KeyChecker(Settings(database_url=database_url), engine, ttl=0).check(key)
        finally:
            await engine.dispose()
        return result.allowed, result.project

    return asyncio.run(check())


def _stored_hashes(database_url: str) -> list[str]:
    async def read() -> list[str]:
        engine = create_engine(database_url)
        try:
            async with engine.connect() as conn:
                return list((await conn.execute(select(s.api_keys.c.key_hash))).scalars())
        finally:
            await engine.dispose()

    return asyncio.run(read())


def test_create_list_revoke(database_url: str) -> None:
    db = ["--database-url", database_url]
    code, lines = _keys("create", "--project", "lab", *db)
    assert code == 0
    lab_key = lines[-1]
    assert lab_key.startswith("at_") and len(lab_key) > 40 and " " not in lab_key
    code, lines = _keys("create", "--project", "shop", "--name", "ci runner", *db)
    shop_key = lines[-1]
    assert code == 0 and shop_key != lab_key

    # stored hashed: the database holds the digests, never the keys
    assert sorted(_stored_hashes(database_url)) == sorted([hash_key(lab_key), hash_key(shop_key)])
    assert _check(database_url, lab_key) == (True, "lab")
    assert _check(database_url, shop_key) == (True, "shop")
    assert _check(database_url, None) == (False, None)

    code, lines = _keys("list", *db)
    assert code == 0
    header, *rows = [line.split() for line in lines]
    assert header == ["ID", "PREFIX", "PROJECT", "NAME", "CREATED", "REVOKED"]
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("1", lab_key[:11], "lab"),
        ("2", shop_key[:11], "shop"),
    ]
    assert rows[0][-1] == "-" and rows[1][3:5] == ["ci", "runner"]
    assert lab_key not in "\n".join(lines) and shop_key not in "\n".join(lines)

    code, lines = _keys("revoke", "1", *db)
    assert code == 0 and "revoked" in lines[-1]
    assert _check(database_url, lab_key) == (False, None)
    assert _check(database_url, shop_key) == (True, "shop")
    code, lines = _keys("list", "--project", "lab", *db)
    assert len(lines) == 2 and lines[1].split()[-1] != "-"  # a revoked time

    code, lines = _keys("revoke", shop_key[:11], *db)  # by prefix
    assert code == 0 and _check(database_url, shop_key) == (False, None)
    code, _ = _keys("revoke", "99", *db)
    assert code == 1


def test_create_on_a_fresh_home_migrates_first(tmp_path: Path) -> None:
    home = tmp_path / "fresh-home"
    env = {"AGENTTRACE_HOME": str(home), "DATABASE_URL": ""}
    code, lines = _keys("create", "--project", "lab", env=env)
    assert code == 0, lines
    url = f"sqlite+aiosqlite:///{home / 'agenttrace.db'}"
    assert _check(url, lines[-1]) == (True, "lab")
    code, lines = _keys("list", env=env)
    assert code == 0 and lines[1].split()[2] == "lab"


def test_bad_project_name_is_refused_before_touching_the_database(tmp_path: Path) -> None:
    home = tmp_path / "home"
    code, lines = _keys("create", "--project", "  ", env={"AGENTTRACE_HOME": str(home)})
    assert code == 2 and "project name" in lines[-1]
    assert not home.exists()
