"""Run the Alembic migrations (one history for SQLite and PostgreSQL)."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config

from agenttrace_core.settings import normalize_database_url


class MigrationsNotFoundError(FileNotFoundError):
    """The ``migrations/`` folder could not be located."""


def migrations_dir() -> Path:
    """Locate the ``migrations/`` folder: ``$AGENTTRACE_MIGRATIONS_DIR`` or the source tree's."""
    override = os.environ.get("AGENTTRACE_MIGRATIONS_DIR")
    if override:
        return Path(override)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "migrations"
        if (candidate / "env.py").is_file():
            return candidate
    raise MigrationsNotFoundError(
        "cannot find the migrations folder; set AGENTTRACE_MIGRATIONS_DIR"
    )


def alembic_config(url: str) -> Config:
    """An Alembic configuration pointing at ``url`` (no alembic.ini needed)."""
    folder = migrations_dir()
    ini = folder.parent / "alembic.ini"
    config = Config(str(ini)) if ini.is_file() else Config()
    config.set_main_option("script_location", str(folder))
    config.set_main_option("sqlalchemy.url", normalize_database_url(url).replace("%", "%%"))
    config.attributes["configure_logger"] = False
    return config


def upgrade_to_head(url: str) -> None:
    """Upgrade the database at ``url`` to the newest schema (blocking; call off the loop)."""
    from agenttrace_core.db.engine import ensure_sqlite_folder

    ensure_sqlite_folder(url)
    command.upgrade(alembic_config(url), "head")


def downgrade_to_base(url: str) -> None:
    """Undo every migration (used by tests)."""
    command.downgrade(alembic_config(url), "base")
