"""Analysis of one big run: graph, MAST detectors (incident finders included) and attribution.

Builds a 10,000-span multi-agent run in memory (a supervisor delegating to workers; every
worker turn is a model call asking for a tool, the tool call, and a model call answering;
some tools fail and are retried, some checks say no and are acted on, one failure is left
unreported) and times the whole analysis of it, as the worker runs it on a stored run.
Target (issue #12): under 2 s. The last line printed is one JSON object of the figures.

    .venv/bin/python scripts/bench_analysis.py [--spans 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from agenttrace_analysis.attribution import attribute
from agenttrace_analysis.service import compute
from agenttrace_analysis.trace_data import TraceData
from agenttrace_core.enums import SpanStatus, SpanType
from agenttrace_core.models import Span, TraceSummary

TRACE = "b" * 32
T0 = 1_800_000_000_000_000_000


def build(spans: int) -> TraceData:
    """A run of about ``spans`` spans."""
    out: list[Span] = []
    clock = [T0]
    ids = iter(range(1, 10**9))

    def span(
        name: str, kind: SpanType, parent: str | None, agent: str | None, **kw: object
    ) -> Span:
        clock[0] += 1_000_000
        sid = f"{next(ids):016x}"
        made = Span(
            trace_id=TRACE,
            span_id=sid,
            parent_span_id=parent,
            name=name,
            span_type=kind,
            agent=agent,
            start_time=clock[0],
            end_time=clock[0] + 500_000,
            **kw,
        )
        out.append(made)
        return made

    root = span("supervisor", SpanType.AGENT, None, "supervisor", input="Quarterly close")
    turn = 0
    while len(out) < spans:
        worker = f"worker_{turn % 40}"
        tool = f"lookup_{turn % 7}"
        agent = span(worker, SpanType.AGENT, root.span_id, worker, input=f"Task {turn}")
        ask = json.dumps(
            [
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [{"function": {"name": tool, "arguments": f'{{"n": {turn}}}'}}],
                }
            ]
        )
        span(
            "chat",
            SpanType.LLM,
            agent.span_id,
            worker,
            output=ask,
            input=json.dumps(
                [
                    {"role": "system", "content": f"You are {worker}."},
                    {"role": "user", "content": f"Look up item {turn}."},
                ]
            ),
        )
        failing = turn % 11 == 0
        span(
            tool,
            SpanType.TOOL,
            agent.span_id,
            worker,
            input=f'{{"n": {turn}}}',
            output="ConnectionError: upstream timed out" if failing else f'{{"value": {turn}}}',
            status=SpanStatus.ERROR if failing else SpanStatus.OK,
        )
        if failing and turn != 550:  # retried and worked, except once
            span("chat", SpanType.LLM, agent.span_id, worker, output=ask)
            span(tool, SpanType.TOOL, agent.span_id, worker, output=f'{{"value": {turn}}}')
        if turn % 13 == 0:
            span(
                "check",
                SpanType.TOOL,
                agent.span_id,
                worker,
                output=f"Verdict: does not pass, item {turn} is {turn + 1} not {turn}.",
            )
        answer = json.dumps([{"role": "assistant", "content": f"Item {turn} is {turn + 1}."}])
        span("chat", SpanType.LLM, agent.span_id, worker, output=answer)
        turn += 1
    summary = TraceSummary.model_validate(
        {
            "trace_id": TRACE,
            "name": "supervisor",
            "start_time": T0,
            "end_time": clock[0],
            "project": "bench",
        }
    )
    return TraceData(TRACE, summary, out, [], [], [], [TRACE], [summary])


def analyse(data: TraceData) -> dict[str, object] | None:
    """The analysis as the worker runs it: graph, detectors, attribution."""
    _, facts, notes = compute(data)
    return attribute(data, notes, facts)


def main() -> None:
    """Build, analyse ``--repeat`` times on a fresh copy each, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spans", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    times = []
    result = None
    for _ in range(args.repeat):
        data = build(args.spans)  # a fresh run: nothing cached from the last round
        started = time.perf_counter()
        result = analyse(data)
        times.append(time.perf_counter() - started)
    figures = {
        "spans": len(build(args.spans).spans),
        "seconds_median": round(statistics.median(times), 3),
        "seconds_max": round(max(times), 3),
        "target_seconds": 2.0,
        "culprit": (result or {}).get("agent"),
    }
    print(
        f"analysis of a {figures['spans']}-span run: median {figures['seconds_median']} s, "
        f"max {figures['seconds_max']} s over {args.repeat} runs (target < 2 s); "
        f"culprit {figures['culprit']}"
    )
    print(json.dumps({"analysis": figures}))


if __name__ == "__main__":
    main()
