"""The ClickHouse schema, as a versioned history (like Alembic's) in ``schema_migrations``.

Version 1:

- ``spans``: one row per span, a ``ReplacingMergeTree`` ordered by ``(trace_id, span_id)``,
  so a span stored twice (a retried export) collapses into one row on merge; reads that must
  not see the second copy before the merge use ``FINAL`` or ``LIMIT 1 BY``. Partitioned by
  the day the span started (a duplicate always lands in its original's partition); wide text
  columns compressed with ZSTD.
- ``runs``: per trace and day, the aggregate states of its summary (an
  ``AggregatingMergeTree`` fed by the materialized view ``runs_mv`` on every insert into
  ``spans``): the trace list merges these rows and never scans spans. Span and error counts
  are ``uniqExact`` of span ids, so a duplicate insert leaves them right by construction.
- ``agent_runs``: the same per (agent, trace): an agent's part in a run, for agent figures.
- ``agents``: the agents of each trace (role, framework, model, config) as the normalizers
  report them; rows repeat across batches and are merged when read.

Version 2: the wide text columns of ``spans`` and ``agents`` compressed with ``ZSTD(1)``
instead of ``ZSTD(3)`` (inserts spent a third of their time compressing for 10% less disk;
parts written before keep their codec until merged).

Version 3: ``runs``, ``agent_runs`` and ``agents`` rebuilt with granules of 256 rows instead
of 8,192. They are read by trace id (a page's summaries and agents, the runs an append already
holds), and a run's ids are spread over the whole key: each id read a granule of 8,192 rows of
heavy aggregate states (the span-id sets of ``uniqExact``). Run ``agenttrace migrate`` with no
writer running (as for every version): the views are dropped while the rows are copied.

Retention (``AGENTTRACE_RETENTION_DAYS``) is a TTL on the day of each table, set (or removed)
by every :func:`migrate`, not a version: it follows the setting.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from agenttrace_store_clickhouse.transport import Transport

logger = logging.getLogger(__name__)

_DAY = "toDate(toDateTime(intDiv(greatest(start_time, 0), 1000000000)))"
"""The day (UTC) a span started, from its ``start_time`` in ns."""


@dataclass(frozen=True)
class Migration:
    """One version of the schema: statements with ``{db}`` for the database name."""

    version: int
    description: str
    statements: tuple[str, ...]


_WIDE = ("status_message", "input", "output", "attributes", "events", "links", "resource")
"""The wide text columns of ``spans``."""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "spans, run summaries, agent runs and agents",
        (
            f"""CREATE TABLE IF NOT EXISTS {{db}}.spans (
  trace_id String,
  span_id String,
  parent_span_id Nullable(String),
  project LowCardinality(String),
  name String,
  kind LowCardinality(String),
  span_type LowCardinality(String),
  agent Nullable(String),
  framework LowCardinality(Nullable(String)),
  start_time Int64,
  end_time Int64,
  status LowCardinality(String),
  status_message Nullable(String) CODEC(ZSTD(3)),
  input Nullable(String) CODEC(ZSTD(3)),
  output Nullable(String) CODEC(ZSTD(3)),
  model Nullable(String),
  input_tokens Nullable(Int64),
  output_tokens Nullable(Int64),
  total_tokens Nullable(Int64),
  attributes String CODEC(ZSTD(3)),
  events String CODEC(ZSTD(3)),
  links String CODEC(ZSTD(3)),
  resource String CODEC(ZSTD(3)),
  scope_name Nullable(String),
  scope_version Nullable(String),
  dropped_attributes_count UInt32,
  day Date MATERIALIZED {_DAY}
) ENGINE = ReplacingMergeTree
PARTITION BY day
ORDER BY (trace_id, span_id)""",
            """CREATE TABLE IF NOT EXISTS {db}.runs (
  day Date,
  trace_id String,
  project SimpleAggregateFunction(any, String),
  start_time SimpleAggregateFunction(min, Int64),
  end_time SimpleAggregateFunction(max, Int64),
  spans AggregateFunction(uniqExact, String),
  errors AggregateFunction(uniqExactIf, String, UInt8),
  input_tokens SimpleAggregateFunction(sum, Int64),
  output_tokens SimpleAggregateFunction(sum, Int64),
  total_tokens SimpleAggregateFunction(sum, Int64),
  head AggregateFunction(argMin, Tuple(String, String, UInt8), Tuple(UInt8, Int64)),
  framework AggregateFunction(argMinIf, Nullable(String), Tuple(UInt8, Int64), UInt8)
) ENGINE = AggregatingMergeTree
PARTITION BY day
ORDER BY trace_id""",
            """CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.runs_mv TO {db}.runs AS
SELECT
  day,
  trace_id,
  any(project) AS project,
  min(start_time) AS start_time,
  max(end_time) AS end_time,
  uniqExactState(span_id) AS spans,
  uniqExactIfState(span_id, toUInt8(status = 'error')) AS errors,
  sum(ifNull(input_tokens, 0)) AS input_tokens,
  sum(ifNull(output_tokens, 0)) AS output_tokens,
  sum(if(ifNull(total_tokens, 0) != 0, ifNull(total_tokens, 0),
    ifNull(input_tokens, 0) + ifNull(output_tokens, 0))) AS total_tokens,
  argMinState(
    (span_id, name, toUInt8(parent_span_id IS NOT NULL)),
    (toUInt8(parent_span_id IS NOT NULL), start_time)) AS head,
  argMinIfState(
    CAST(framework, 'Nullable(String)'),
    (toUInt8(parent_span_id IS NOT NULL), start_time),
    toUInt8(framework IS NOT NULL)) AS framework
FROM {db}.spans
GROUP BY day, trace_id
SETTINGS prefer_column_name_to_alias = 1""",
            """CREATE TABLE IF NOT EXISTS {db}.agent_runs (
  day Date,
  agent String,
  trace_id String,
  spans AggregateFunction(uniqExact, String),
  errors AggregateFunction(uniqExactIf, String, UInt8),
  tokens SimpleAggregateFunction(sum, Int64),
  first SimpleAggregateFunction(min, Int64),
  last SimpleAggregateFunction(max, Int64)
) ENGINE = AggregatingMergeTree
PARTITION BY day
ORDER BY (trace_id, agent)""",
            """CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.agent_runs_mv TO {db}.agent_runs AS
SELECT
  day,
  assumeNotNull(agent) AS agent,
  trace_id,
  uniqExactState(span_id) AS spans,
  uniqExactIfState(span_id, toUInt8(status = 'error')) AS errors,
  sum(ifNull(total_tokens, 0)) AS tokens,
  min(start_time) AS first,
  max(end_time) AS last
FROM {db}.spans
WHERE agent IS NOT NULL
GROUP BY day, agent, trace_id
SETTINGS prefer_column_name_to_alias = 1""",
            """CREATE TABLE IF NOT EXISTS {db}.agents (
  day Date DEFAULT today(),
  trace_id String,
  name String,
  project LowCardinality(String),
  role Nullable(String),
  framework Nullable(String),
  model Nullable(String),
  config String CODEC(ZSTD(3)),
  first_seen Int64
) ENGINE = ReplacingMergeTree
PARTITION BY day
ORDER BY (trace_id, name, first_seen)""",
        ),
    ),
    Migration(
        2,
        "ZSTD(1) on the wide text columns",
        (
            "ALTER TABLE {db}.spans "
            + ", ".join(f"MODIFY COLUMN {column} CODEC(ZSTD(1))" for column in _WIDE),
            "ALTER TABLE {db}.agents MODIFY COLUMN config CODEC(ZSTD(1))",
        ),
    ),
)


def _regranulated(table: str, view: str | None) -> tuple[str, ...]:
    """Statements that rebuild ``table`` (of version 1) with granules of 256 rows, its
    materialized ``view`` (None: none) dropped during the copy and made again."""
    (create,) = (st for st in MIGRATIONS[0].statements if f"{{db}}.{table} (" in st)
    out = [
        create.replace(f"{{db}}.{table} (", f"{{db}}.{table}_v3 (")
        + "\nSETTINGS index_granularity = 256",
        f"TRUNCATE TABLE {{db}}.{table}_v3",
    ]
    if view:
        out.append(f"DROP VIEW IF EXISTS {{db}}.{view}")
    out += [
        f"INSERT INTO {{db}}.{table}_v3 SELECT * FROM {{db}}.{table}",
        f"EXCHANGE TABLES {{db}}.{table} AND {{db}}.{table}_v3",
        f"DROP TABLE {{db}}.{table}_v3",
    ]
    if view:
        (make,) = (
            st for st in MIGRATIONS[0].statements if f"VIEW IF NOT EXISTS {{db}}.{view} " in st
        )
        out.append(make)
    return tuple(out)


MIGRATIONS += (
    Migration(
        3,
        "granules of 256 rows for runs, agent_runs and agents (read by trace id)",
        _regranulated("runs", "runs_mv")
        + _regranulated("agent_runs", "agent_runs_mv")
        + _regranulated("agents", None),
    ),
)

_TTL_TABLES = ("spans", "runs", "agent_runs", "agents")


def migrate(transport: Transport, database: str, *, retention_days: int | None) -> list[int]:
    """Create or upgrade the schema of ``database`` to the newest version; returns the
    versions applied now. Then set the TTL of every table from ``retention_days`` (None: keep
    everything)."""
    transport.command(f"CREATE DATABASE IF NOT EXISTS {database}")
    transport.command(
        f"CREATE TABLE IF NOT EXISTS {database}.schema_migrations ("
        "version UInt32, description String, applied_at DateTime DEFAULT now()"
        ") ENGINE = MergeTree ORDER BY version"
    )
    done = {int(v) for (v,) in transport.rows(f"SELECT version FROM {database}.schema_migrations")}
    applied = []
    for migration in MIGRATIONS:
        if migration.version in done:
            continue
        logger.info("ClickHouse schema: applying version %d", migration.version)
        for statement in migration.statements:
            transport.command(statement.format(db=database))
        transport.insert(
            f"{database}.schema_migrations",
            ("version", "description"),
            [(migration.version, migration.description)],
        )
        applied.append(migration.version)
    for table in _TTL_TABLES:
        if retention_days is None:
            ttl = f"ALTER TABLE {database}.{table} REMOVE TTL"
        else:
            ttl = f"ALTER TABLE {database}.{table} MODIFY TTL day + INTERVAL {retention_days} DAY"
        try:
            transport.command(ttl)
        except Exception as exc:  # REMOVE TTL on a table that has none
            if retention_days is not None:
                raise
            logger.debug("no TTL to remove on %s: %s", table, exc)
    return applied


def current_version(transport: Transport, database: str) -> int | None:
    """The newest applied version (None: no schema yet)."""
    exists = transport.rows(
        "SELECT count() FROM system.tables WHERE database = {db:String} "
        "AND name = 'schema_migrations'",
        {"db": database},
    )
    if not exists or not exists[0][0]:
        return None
    rows = transport.rows(f"SELECT max(version) FROM {database}.schema_migrations")
    return int(rows[0][0]) if rows and rows[0][0] else None
