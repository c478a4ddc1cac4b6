"""How the store's SQL reaches ClickHouse: a server (clickhouse-connect) or chDB in process.

The two differ only here. Every statement the store runs is the same text with ClickHouse's
own query parameters (``{name:Type}``), and every result comes back as rows of Python values;
a transport sends one and returns the other. Calls block: the store runs them in a thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Sequence
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from agenttrace_core.store import StoreUnavailableError
from pydantic_core import to_json


class Transport(Protocol):
    """A connection to ClickHouse."""

    def command(self, sql: str, params: dict[str, Any] | None = None) -> None:
        """Run a statement that returns nothing."""
        ...

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """Run a query; its rows."""
        ...

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows synchronously: when this returns, ClickHouse has them."""
        ...

    def close(self) -> None:
        """Close the connection."""
        ...


class ServerTransport:
    """A ClickHouse server or cluster over HTTP (clickhouse-connect).

    ``url`` is ``clickhouse://user:password@host:8123/database`` (``clickhouses://`` or
    ``?secure=true`` for TLS); the store names its database in every statement
    (:func:`database_of`). Inserts are synchronous (no ``async_insert``), so a returned
    insert is stored.

    The client connects on first use, and again after a failure: a replica starts while
    ClickHouse is down and serves as soon as it is back. A server that cannot be reached,
    or that says it is overloaded, raises :class:`~agenttrace_core.store.StoreUnavailableError`.
    """

    def __init__(self, url: str) -> None:
        """Remember the server of ``url`` (connected on first use)."""
        parts = urlsplit(url)
        query = parse_qs(parts.query)
        secure = parts.scheme == "clickhouses" or query.get("secure", [""])[0] == "true"
        self._options: dict[str, Any] = {
            "host": parts.hostname or "localhost",
            "port": parts.port or (8443 if secure else 8123),
            "username": parts.username or "default",
            "password": parts.password or "",
            "secure": secure,
        }
        self._client: Any = None
        self._lock = threading.Lock()

    @property
    def client(self) -> Any:
        """The clickhouse-connect client, connected now if it is not."""
        with self._lock:
            if self._client is None:
                import clickhouse_connect  # only a server deployment needs it loaded

                with _server_errors():
                    self._client = clickhouse_connect.get_client(**self._options)
            return self._client

    def command(self, sql: str, params: dict[str, Any] | None = None) -> None:
        """Run a statement that returns nothing."""
        with _server_errors():
            self.client.command(sql, parameters=params)

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """Run a query; its rows."""
        with _server_errors():
            return [tuple(row) for row in self.client.query(sql, parameters=params).result_rows]

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows synchronously (native format)."""
        with _server_errors():
            self.client.insert(table, rows, column_names=list(columns))

    def close(self) -> None:
        """Close the HTTP connections."""
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()


UNAVAILABLE_CODES = frozenset({159, 202, 203, 209, 210, 241, 242, 243, 252, 279, 999})
"""ClickHouse error codes that say "not now" rather than "not this data": timeouts, too many
queries or parts, memory or disk full, read-only replica, network and Keeper errors."""


@contextlib.contextmanager
def _server_errors() -> Iterator[None]:
    """Raise :class:`StoreUnavailableError` for a server that cannot take the call now.

    clickhouse-connect raises ``OperationalError`` when the connection fails (refused, reset,
    timed out; HTTP 5xx after its retries); other errors (a refused statement) pass through.
    """
    from clickhouse_connect.driver.exceptions import DatabaseError, OperationalError

    try:
        yield
    except OperationalError as exc:
        raise StoreUnavailableError(f"ClickHouse is unreachable: {exc}") from exc
    except DatabaseError as exc:
        if getattr(exc, "code", None) in UNAVAILABLE_CODES:
            raise StoreUnavailableError(f"ClickHouse cannot take it now: {exc}") from exc
        raise
    except OSError as exc:
        raise StoreUnavailableError(f"ClickHouse is unreachable: {exc}") from exc


class ChdbTransport:
    """ClickHouse inside this process (the ``chdb`` package): for tests and benchmarks.

    ``path`` is the folder of its data (``:memory:`` keeps nothing). chDB's engine opens one
    data folder per process (connections to another path fail); calls are serialized by a
    lock.
    """

    def __init__(self, path: str = ":memory:") -> None:
        """Open chDB on ``path``."""
        import chdb

        self._conn = chdb.connect(path)  # type: ignore[no-untyped-call]
        self._lock = threading.Lock()
        self._conn.query("SET output_format_arrow_string_as_string = 1")
        self._conn.query("SET output_format_arrow_low_cardinality_as_dictionary = 0")

    def command(self, sql: str, params: dict[str, Any] | None = None) -> None:
        """Run a statement that returns nothing."""
        with self._lock:
            self._conn.query(sql, "CSV", params=_texts(params))

    def rows(self, sql: str, params: dict[str, Any] | None = None) -> list[tuple[Any, ...]]:
        """Run a query; its rows (through the Arrow stream format).

        Arrow columns are ClickHouse's own memory laid out, made into Python values column
        by column in C: a 10,000-span run (37 MB of text) took 0.84 s through
        ``JSONCompact`` (ClickHouse escaping every string, Python parsing it back), 0.26 s
        this way (best of three). Values are those clickhouse-connect gives: ``Date`` a
        :class:`datetime.date`, tuples tuples.
        """
        with self._lock:
            data = self._conn.query(sql, "ArrowStream", params=_texts(params)).bytes()
        if not data:
            return []
        import pyarrow as pa  # chDB's own dependency; a server deployment does not load it

        table = pa.ipc.open_stream(pa.py_buffer(data)).read_all()
        return list(zip(*(_values(column) for column in table.columns), strict=True))

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows as JSON data streamed to the statement (chDB's ``send_insert``).

        Data inlined in the statement's text went through the SQL parser first: three times
        as slow to parse as a streamed body.
        """
        if not rows:
            return
        body = b"\n".join(to_json(list(row)) for row in rows)
        with (
            self._lock,
            self._conn.send_insert(
                f"INSERT INTO {table} ({', '.join(columns)})", "JSONCompactEachRow"
            ) as inserter,
        ):
            inserter.append(body)
            inserter.finish()

    def close(self) -> None:
        """Close chDB."""
        with self._lock:
            self._conn.close()


def _values(column: Any) -> list[Any]:
    """The Python values of an Arrow column; a struct (a ClickHouse tuple) as a tuple."""
    import pyarrow as pa

    values: list[Any] = column.to_pylist()
    if pa.types.is_struct(column.type):
        return [tuple(v.values()) if v is not None else None for v in values]
    return values


def _texts(params: dict[str, Any] | None) -> dict[str, str] | None:
    """Query parameters as chDB takes them: each value in ClickHouse's text form."""
    if params is None:
        return None
    return {name: _text(value, top=True) for name, value in params.items()}


def _text(value: Any, *, top: bool = False) -> str:
    if value is None:
        return "\\N" if top else "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        if top:  # escaped text, as in TSV
            return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, list):
        return "[" + ",".join(_text(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ",".join(_text(v) for v in value) + ")"
    raise TypeError(f"no ClickHouse text for {type(value).__name__}")


DEFAULT_DATABASE = "agenttrace"


def database_of(url: str) -> str:
    """The database of a ClickHouse URL (its path; ``agenttrace`` when none, and for chDB)."""
    parts = urlsplit(url)
    name = parts.path.strip("/") if parts.scheme != "chdb" else ""
    if name and not name.replace("_", "").isalnum():
        raise ValueError(f"not a plain database name: {name!r}")
    return name or DEFAULT_DATABASE


def transport_for(url: str) -> Transport:
    """The transport of a ``clickhouse://`` URL, or ``chdb://PATH`` (``chdb://`` in memory)."""
    scheme = urlsplit(url).scheme
    if scheme == "chdb":
        path = url[len("chdb://") :]
        return ChdbTransport(path or ":memory:")
    if scheme in ("clickhouse", "clickhouses", "http", "https"):
        return ServerTransport(url)
    raise ValueError(f"not a ClickHouse URL: {url!r} (clickhouse://… or chdb://PATH)")
