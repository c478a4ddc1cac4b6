"""Time series for the dashboard (``/api/v1/overview``)."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter

from agenttrace_api.deps import Caller, State
from agenttrace_api.errors import error_responses
from agenttrace_api.params import ProjectQuery, SinceQuery, UntilQuery, window_ns
from agenttrace_api.queries import overview as q
from agenttrace_api.schemas.projects import Overview
from agenttrace_api.timeutil import datetime_to_ns, ns_to_datetime

router = APIRouter(tags=["overview"])

DEFAULT_SPAN = {q.Bucket.HOUR: 24, q.Bucket.DAY: 30}
"""Buckets shown when ``since`` is not given."""


@router.get("/overview", response_model=Overview, responses=error_responses(401, 403, 422))
async def get_overview(
    state: State,
    caller: Caller,
    project: ProjectQuery = None,
    since: SinceQuery = None,
    until: UntilQuery = None,
    bucket: q.Bucket = q.Bucket.HOUR,
) -> Overview:
    """Per bucket: traces, errors and error rate, tokens, and traces per failure mode.

    Without ``since``, the last 24 hours (``bucket=hour``) or 30 days (``bucket=day``). The
    window is cut to the last 5,000 buckets and to times after 1970; ``since`` and ``until``
    in the answer say which window was used (no buckets when it ends before it starts).
    """
    since_ns, until_ns = window_ns(since, until)
    if until_ns is None:
        until_ns = datetime_to_ns(datetime.now(UTC))
    if since_ns is None:
        since_ns = until_ns - DEFAULT_SPAN[bucket] * bucket.ns + 1
    # at most MAX_BUCKETS buckets, ending at `until`, none before 1970
    since_ns = max(0, since_ns, until_ns - (q.MAX_BUCKETS - 1) * bucket.ns)
    async with state.engine.connect() as conn:
        buckets = await q.overview(
            conn, project=caller.scope(project), since_ns=since_ns, until_ns=until_ns, bucket=bucket
        )
    return Overview.model_validate(
        {
            "bucket": bucket.value,
            "since": ns_to_datetime(since_ns),
            "until": ns_to_datetime(until_ns),
            "buckets": buckets,
        }
    )
