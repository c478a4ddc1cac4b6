"""Settings: declared once, validated, and passed into each service's ``create_app``.

Precedence is flag > environment (``AGENTTRACE_*``, ``DATABASE_URL``) > default; flags are
applied with :meth:`Settings.with_overrides`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _default_home() -> Path:
    return Path.home() / ".agenttrace"


class Settings(BaseSettings):
    """Every knob of AgentTrace, read from ``AGENTTRACE_*`` variables."""

    model_config = SettingsConfigDict(env_prefix="AGENTTRACE_", extra="ignore")

    home: Path = Field(default_factory=_default_home)
    """Folder for the embedded SQLite database and other local state."""

    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("AGENTTRACE_DATABASE_URL", "DATABASE_URL")
    )
    """SQLAlchemy URL; ``postgresql://…`` or ``sqlite:///…``. Default: SQLite under ``home``."""

    host: str = "127.0.0.1"
    """Interface the servers listen on."""

    otlp_port: int = Field(default=4318, ge=0, le=65535)
    """Port of the OTLP/HTTP receiver."""

    grpc_port: int = Field(default=4317, ge=0, le=65535)
    """Port of the OTLP/gRPC receiver (``TraceService/Export``); 0 turns it off."""

    port: int = Field(default=8000, ge=0, le=65535)
    """Port of the API and the web UI."""

    api_keys: Annotated[list[str], NoDecode] = Field(default_factory=list)
    """Comma-separated API keys; when any are set (here or per project), requests need one."""

    retention_days: int | None = Field(default=None, ge=1)
    """TimescaleDB: drop span chunks older than this many days. ClickHouse: the TTL of its
    tables (set by ``agenttrace migrate``)."""

    clickhouse_url: str | None = None
    """ClickHouse span store (``clickhouse://user:password@host:8123/database``; ``chdb://PATH``
    runs ClickHouse inside the process): ``agenttrace migrate`` creates and upgrades its
    schema. See docs/scaling.md for what reads and writes it so far."""

    max_body_bytes: int = Field(default=32 * 1024 * 1024, ge=1024)
    """Largest accepted request body, compressed and decompressed (OTLP/gRPC: the largest
    message)."""

    queue_max_spans: int = Field(default=200_000, ge=1)
    """Spans waiting to be written; past this, batches go to the spool (503 when it is full)."""

    spool_dir: Path | None = None
    """Where accepted batches wait on local disk while the database is away or the write
    queue is full (default: ``home``/spool). Acknowledged = durable on this disk or in the
    database; the spool is written to the database when it is back."""

    spool_max_bytes: int = Field(default=1024**3, ge=0)
    """Most bytes the spool may hold (0: no spool, the receiver answers 503 at once)."""

    batch_max_spans: int = Field(default=5_000, ge=1)
    """Most spans in one commit. The writer commits whatever is queued as soon as it is free;
    a commit of fewer than a tenth of this waits for requests still being decoded..."""

    batch_max_ms: int = Field(default=50, ge=0)
    """...but at most this long."""

    decode_workers: int | None = Field(default=None, ge=0, le=64)
    """Processes that decode and normalize large bodies (0: in the server; default: one per
    core when there are several, at most 4)."""

    analysis_idle_seconds: float = Field(default=5.0, ge=0)
    """A trace whose root span has ended is analysed after this many quiet seconds."""

    analysis_enabled: bool = True
    """Run the background analysis of completed traces."""

    llm_base_url: str | None = None
    """OpenAI-compatible endpoint for the optional failure judge (off when unset)."""

    llm_model: str = "gpt-4o-mini"
    """Model name sent to the judge endpoint."""

    llm_api_key: str | None = None
    """API key for the judge endpoint."""

    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["http://localhost:5173", "http://127.0.0.1:5173"]
    )
    """Origins allowed to call the API from a browser (the UI's dev server)."""

    log_level: str = "info"
    """Logging level of the servers."""

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _split_commas(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("database_url")
    @classmethod
    def _normalize_url(cls, value: str | None) -> str | None:
        return normalize_database_url(value) if value else None

    @model_validator(mode="after")
    def _default_database(self) -> Self:
        if self.database_url is None:
            self.database_url = f"sqlite+aiosqlite:///{self.home / 'agenttrace.db'}"
        if self.spool_dir is None:
            self.spool_dir = self.home / "spool"
        return self

    @property
    def db_url(self) -> str:
        """The resolved async database URL (never None after validation)."""
        assert self.database_url is not None
        return self.database_url

    def with_overrides(self, **flags: Any) -> Settings:
        """Return a copy with the given flags applied; ``None`` means "not given"."""
        given = {k: v for k, v in flags.items() if v is not None}
        if "database_url" in given:
            given["database_url"] = normalize_database_url(given["database_url"])
        return self.model_copy(update=given)


class UnsupportedDatabaseError(ValueError):
    """The database URL names a database AgentTrace does not support."""


def normalize_database_url(url: str) -> str:
    """Map any accepted spelling of a database URL to its async driver form.

    >>> normalize_database_url("postgres://u@h/db")
    'postgresql+asyncpg://u@h/db'
    >>> normalize_database_url("sqlite:///tmp/x.db")
    'sqlite+aiosqlite:///tmp/x.db'
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        raise UnsupportedDatabaseError(f"not a database URL: {url!r}")
    base = scheme.split("+", 1)[0].lower()
    if base in {"postgres", "postgresql"}:
        return f"postgresql+asyncpg://{rest}"
    if base == "sqlite":
        return f"sqlite+aiosqlite://{rest}"
    raise UnsupportedDatabaseError(
        f"unsupported database {base!r}: use postgresql://… or sqlite:///…"
    )
