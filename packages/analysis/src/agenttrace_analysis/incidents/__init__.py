"""Failures read from a run as it is: its agents' model calls, tool calls and handoffs.

Real multi-agent runs often fail with every span OK: a sub-agent answers as if a failed tool
had worked, an agent carries on after a reviewer said no, a router sends the task to the
wrong specialist, a tool fails round after round because of another agent's output, an agent
says it is done without doing the one thing it was asked. :func:`find_incidents` looks for
each of these (one finder a kind, in :mod:`.finders`) and says who, where and why.

>>> from agenttrace_analysis.incidents import find_incidents
>>> find_incidents(data)  # doctest: +SKIP
[Incident(kind=<IncidentKind.FABRICATION: 'fabrication'>, agent='flight_desk', ...)]
"""

from __future__ import annotations

import logging

from agenttrace_analysis.incidents.acts import Act, ActKind, RunActs, read_llm_output
from agenttrace_analysis.incidents.finders import FINDERS, Incident, IncidentKind
from agenttrace_analysis.trace_data import TraceData

logger = logging.getLogger(__name__)

__all__ = [
    "Act",
    "ActKind",
    "Incident",
    "IncidentKind",
    "RunActs",
    "find_incidents",
    "read_llm_output",
    "run_acts",
]


_CACHE = "_incidents"


def find_incidents(data: TraceData) -> list[Incident]:
    """Every incident of the run, earliest decisive act first; a finder that crashes is
    logged and skipped. One incident per agent and decisive act (the first finder wins).

    Computed once per run object (the detectors and the attribution both ask).
    """
    cached = data.__dict__.get(_CACHE)
    if cached is not None:
        return list(cached)
    found = _find(data)
    data.__dict__[_CACHE] = found
    return list(found)


_ACTS = "_run_acts"


def run_acts(data: TraceData) -> RunActs:
    """The run read as acts, once per run object (the finders and the error check share it)."""
    cached = data.__dict__.get(_ACTS)
    if isinstance(cached, RunActs):
        return cached
    run = RunActs(data)
    data.__dict__[_ACTS] = run
    return run


def _find(data: TraceData) -> list[Incident]:
    run = run_acts(data)
    found: list[Incident] = []
    seen: set[tuple[str, str]] = set()
    for finder in FINDERS:
        try:
            items = finder(run)
        except Exception:
            logger.exception(
                "incident finder %s failed on trace %s", finder.__name__, data.trace_id
            )
            continue
        for item in items:
            key = (item.agent, item.act.span.span_id)
            if key not in seen:
                seen.add(key)
                found.append(item)
    return sorted(found, key=lambda i: (i.weak, i.act.index))
