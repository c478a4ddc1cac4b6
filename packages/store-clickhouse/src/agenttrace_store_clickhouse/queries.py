"""The store's ClickHouse SQL: ``{db}`` is the database, ``{name:Type}`` a query parameter."""

from __future__ import annotations

from typing import Any, assert_never

from agenttrace_core.store import AgentFilter, RunFilter, RunSort, SortOrder

STORED_TRACES = """
SELECT DISTINCT trace_id FROM {db}.runs WHERE trace_id IN {traces:Array(String)}
"""
"""Which of the traces have spans stored: their summaries' rows (small granules, one column),
so that only those traces' span ids are read from ``spans``."""

STORED_KEYS = """
SELECT trace_id, span_id FROM {db}.spans WHERE trace_id IN {traces:Array(String)}
"""

_FINAL_SETTINGS = "SETTINGS do_not_merge_across_partitions_select_final = 1"
"""``FINAL`` merges the rows of one partition only: a duplicate span lands in its original's
partition (the day of its start), so merging across days found nothing to merge."""

RUN_SPANS = f"""
SELECT {{columns}} FROM {{db}}.spans FINAL
WHERE trace_id = {{trace:String}}
ORDER BY start_time, span_id
{_FINAL_SETTINGS}
"""


def span_page(
    *, after: tuple[int, str] | None, limit: int | None, span_id: str | None
) -> tuple[str, dict[str, Any]]:
    """Spans of the run ``{trace:String}`` after a (start time, span id) key, or one span;
    ``{columns}`` left to fill. The parameters besides ``trace``."""
    where = ["trace_id = {trace:String}"]
    params: dict[str, Any] = {}
    if span_id is not None:
        where.append("span_id = {span:String}")
        params["span"] = span_id
    if after is not None:
        where.append("(start_time, span_id) > ({after_start:Int64}, {after_id:String})")
        params["after_start"], params["after_id"] = after
    sql = (
        "SELECT {columns} FROM {db}.spans FINAL WHERE "
        + " AND ".join(where)
        + " ORDER BY start_time, span_id"
    )
    if limit is not None:
        sql += " LIMIT {limit:UInt64}"
        params["limit"] = limit
    return sql + " " + _FINAL_SETTINGS, params


LINKS_OUT = """
SELECT DISTINCT JSONExtractString(link, 'trace_id') FROM {db}.spans
ARRAY JOIN JSONExtractArrayRaw(links) AS link
WHERE trace_id = {trace:String} AND links != '[]'
"""

LINKS_IN = """
SELECT DISTINCT trace_id FROM {db}.spans
WHERE project = {project:String} AND start_time >= {lo:Int64} AND start_time <= {hi:Int64}
  AND trace_id != {trace:String} AND position(links, {trace:String}) > 0
"""
"""Traces of a project, within a time window, whose spans link to ``trace``."""

LINK_WINDOW_NS = 3_600 * 10**9
"""Traces that link to a run are searched this long before and after it (as the analysis)."""

RUN_AGENTS = """
SELECT a.trace_id, a.name, a.project, a.role, a.framework, a.model, a.config,
  if(r.first_start IS NULL, a.seen, least(a.seen, r.first_start)) AS first_at
FROM (
  SELECT trace_id, name, any(project) AS project, anyIf(role, role IS NOT NULL) AS role,
    anyIf(framework, framework IS NOT NULL) AS framework,
    anyIf(model, model IS NOT NULL) AS model, any(config) AS config, min(first_seen) AS seen
  FROM {db}.agents WHERE trace_id IN {traces:Array(String)}
  GROUP BY trace_id, name
) AS a
LEFT JOIN (
  SELECT trace_id, agent, min(first) AS first_start FROM {db}.agent_runs
  WHERE trace_id IN {traces:Array(String)}
  GROUP BY trace_id, agent
) AS r ON r.trace_id = a.trace_id AND r.agent = a.name
ORDER BY a.trace_id, first_at, a.name
SETTINGS join_use_nulls = 1
"""

_MATCH = (
    "(name ILIKE {pattern:String} OR input ILIKE {pattern:String} OR output ILIKE {pattern:String})"
)

SEARCH = f"""
SELECT trace_id, span_id, name, span_type, start_time FROM {{db}}.spans
WHERE day BETWEEN {{older:Date}} AND {{newer:Date}} AND {_MATCH}
ORDER BY start_time DESC, trace_id DESC, span_id DESC
LIMIT 1 BY trace_id, span_id
LIMIT {{limit:UInt32}}
"""

"""The matching spans of the days from ``older`` to ``newer``."""

NEWEST_DAY = "SELECT max(day) FROM {db}.runs"

SEARCH_PROJECT = SEARCH.replace("WHERE ", "WHERE project = {project:String} AND ", 1)

SEARCH_WINDOWS = ((0, 0), (1, 1), (2, 3), (4, 7), (8, 15), (16, 31), (32, None))
"""The days searched in turn, newest first (from ``newer`` to ``older`` days before the newest
day stored; None: to the first day): a
span's day is that of its start, so every match of a newer window comes before every match
of an older one, and the search stops once it has its page."""

_RUN_ROWS = """
SELECT trace_id, t_project, tupleElement(head, 2) AS name,
  if(tupleElement(head, 3) = 0, tupleElement(head, 1), NULL) AS root_span_id,
  fw AS framework,
  multiIf(n_errors > 0, 'error', tupleElement(head, 3) = 0, 'ok', 'unset') AS status,
  t_start, t_end, n_spans, n_errors, in_tokens, out_tokens, all_tokens, 0 AS agent_count,
  {sort_key} AS sort_key
FROM (
  SELECT trace_id, any(project) AS t_project, min(start_time) AS t_start,
    max(end_time) AS t_end, uniqExactMerge(spans) AS n_spans,
    uniqExactIfMerge(errors) AS n_errors, sum(input_tokens) AS in_tokens,
    sum(output_tokens) AS out_tokens, sum(total_tokens) AS all_tokens,
    argMinMerge(head) AS head, argMinIfMerge(framework) AS fw
  FROM {{db}}.runs
  WHERE trace_id IN {{ids:Array(String)}}
  GROUP BY trace_id
)
ORDER BY sort_key {order}, trace_id {order}
"""
"""The summaries of one page of runs, merged from their ``runs`` rows (found by primary key:
a literal list, which ClickHouse uses for the index, unlike a subquery)."""

_PAGE = """
SELECT trace_id, {bound} AS bound, {covers} AS covers FROM (
  SELECT trace_id, {columns} FROM {{db}}.runs WHERE {inner} GROUP BY trace_id
)
WHERE {outer}
ORDER BY {sort_key} {order}, trace_id {order}
LIMIT {{limit:UInt32}}
"""
"""The trace ids of one page, chosen from the cheap aggregates (times, tokens); the costly
ones (error counts, the head span, the framework) are merged for every run only when a filter
needs them. ``bound``: the start (ns) from which the page's runs are whole, ``covers``: 1 when
the days read are all the days stored (see :func:`run_page`'s ``back``)."""

WINDOWS = (0, 1, 3, 7, 31, 365, None)
"""The days before the anchor day that the newest-first run list reads, widened in turn."""

_STATUS = "multiIf(n_errors > 0, 'error', tupleElement(head, 3) = 0, 'ok', 'unset')"


def like_pattern(text: str) -> str:
    """A LIKE pattern that matches ``text`` literally anywhere (``\\`` escapes)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _sort_key(sort: RunSort) -> str:
    match sort:
        case RunSort.START_TIME:
            return "t_start"
        case RunSort.DURATION:
            return "t_end - t_start"
        case RunSort.TOKENS:
            return "all_tokens"
        case _:
            assert_never(sort)


def _day_of(param: str) -> str:
    return f"toDate(toDateTime(intDiv(greatest({{{param}:Int64}}, 0), 1000000000)))"


def run_rows(sort: RunSort, order: SortOrder) -> str:
    """The summaries of the runs ``{ids:Array(String)}``, in page order."""
    direction = "DESC" if order is SortOrder.DESC else "ASC"
    return _RUN_ROWS.format(sort_key=_sort_key(sort), order=direction)


def run_page(
    f: RunFilter,
    sort: RunSort,
    order: SortOrder,
    limit: int,
    *,
    after: tuple[int, str] | None = None,
    back: int | None = None,
) -> tuple[str, dict[str, Any]]:
    """The query of the trace ids of one page of the run list, and its parameters.

    ``back`` (newest first by start only): read only the days from the anchor day (the
    newest day stored, or that of the cursor or of ``until``) back ``back`` days. A run that
    started on or after the first of those days has all its rows there, so its aggregates
    are whole and its place is right; a run that started before and went on into them has
    part of its rows there: the caller drops those (their merged start is before ``bound``)
    and widens the window when fewer than a page of whole runs is left.
    """
    params: dict[str, Any] = {"limit": limit}
    bound, covers = "0", "1"
    key = _sort_key(sort)
    columns = ["min(start_time) AS t_start", "max(end_time) AS t_end"]
    if sort is RunSort.TOKENS:
        columns.append("sum(total_tokens) AS all_tokens")
    inner = ["1"]
    outer = ["1"]
    if f.project is not None:
        inner.append("project = {project:String}")
        params["project"] = f.project
    if f.trace_ids is not None:  # by primary key
        inner.append("trace_id IN {only:Array(String)}")
        params["only"] = sorted(f.trace_ids)
    if f.since_ns is not None:  # a run starting then has all its rows on that day or later
        inner.append(f"day >= {_day_of('since')}")
        outer.append("t_start >= {since:Int64}")
        params["since"] = f.since_ns
    if f.until_ns is not None:
        outer.append("t_start <= {until:Int64}")
        params["until"] = f.until_ns
    if f.status is not None:
        columns += ["uniqExactIfMerge(errors) AS n_errors", "argMinMerge(head) AS head"]
        outer.append(f"{_STATUS} = {{status:String}}")
        params["status"] = f.status
    if f.framework is not None:
        columns.append("argMinIfMerge(framework) AS fw")
        outer.append("fw = {framework:String}")
        params["framework"] = f.framework
    if f.agent is not None:
        outer.append("trace_id IN (SELECT trace_id FROM {db}.agents WHERE name = {agent:String})")
        params["agent"] = f.agent
    span_days = "1"
    if back is not None:
        assert sort is RunSort.START_TIME and order is SortOrder.DESC, "newest first only"
        anchor = "(SELECT max(day) FROM {db}.runs)"
        if after is not None:
            anchor = f"least({anchor}, {_day_of('after_key')})"
        if f.until_ns is not None:
            anchor = f"least({anchor}, {_day_of('until')})"
        floor = f"({anchor} - toIntervalDay({{back:UInt32}}))"
        params["back"] = back
        inner.append(f"day >= {floor}")
        bound = f"toInt64(toUnixTimestamp(toDateTime({floor}))) * 1000000000"
        covers = f"toUInt8({floor} <= (SELECT min(day) FROM {{db}}.runs))"
        outer.append(f"t_start >= {bound}")
        span_days = f"day >= {floor}"  # a whole run's spans are all in the window
    if f.q:
        outer.append(
            f"trace_id IN (SELECT trace_id FROM {{db}}.spans WHERE {span_days} AND {_MATCH})"
        )
        params["pattern"] = like_pattern(f.q)
    direction = "DESC" if order is SortOrder.DESC else "ASC"
    if after is not None:
        op = "<" if order is SortOrder.DESC else ">"
        outer.append(f"({key}, trace_id) {op} ({{after_key:Int64}}, {{after_id:String}})")
        params["after_key"], params["after_id"] = after
    page = _PAGE.format(
        bound=bound,
        covers=covers,
        columns=", ".join(columns),
        inner=" AND ".join(inner),
        outer=" AND ".join(outer),
        sort_key=key,
        order=direction,
    )
    return page, params


def agent_figures(f: AgentFilter) -> tuple[str, dict[str, Any]]:
    """The agent figures query and its parameters."""
    params: dict[str, Any] = {}
    runs_where = "1"
    agents_where = "1"
    outer = ["1"]
    if f.name is not None:
        runs_where = "agent = {name:String}"
        agents_where = "name = {name:String}"
        params["name"] = f.name
    if f.project is not None:
        outer.append("a.project = {project:String}")
        params["project"] = f.project
    first = "least(r.first_start, a.seen)"
    if f.since_ns is not None:
        outer.append(f"{first} >= {{since:Int64}}")
        params["since"] = f.since_ns
    if f.until_ns is not None:
        outer.append(f"{first} <= {{until:Int64}}")
        params["until"] = f.until_ns
    sql = f"""
SELECT r.agent, count() AS runs, countIf(r.errs > 0) AS error_runs, sum(r.toks) AS tokens,
  max(r.last_end) AS last,
  quantilesExactInclusive(0.5, 0.95)(r.last_end - {first}) AS q,
  groupUniqArray(a.project) AS projects,
  groupUniqArrayIf(assumeNotNull(a.framework), a.framework IS NOT NULL) AS frameworks
FROM (
  SELECT agent, trace_id, uniqExactIfMerge(errors) AS errs, sum(tokens) AS toks,
    min(first) AS first_start, max(last) AS last_end
  FROM {{db}}.agent_runs WHERE {runs_where}
  GROUP BY agent, trace_id
) AS r
INNER JOIN (
  SELECT trace_id, name, any(project) AS project,
    anyIf(framework, framework IS NOT NULL) AS framework, min(first_seen) AS seen
  FROM {{db}}.agents WHERE {agents_where}
  GROUP BY trace_id, name
) AS a ON a.trace_id = r.trace_id AND a.name = r.agent
WHERE {" AND ".join(outer)}
GROUP BY r.agent
"""
    return sql, params
