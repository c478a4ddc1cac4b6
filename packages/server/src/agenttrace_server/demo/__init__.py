"""``agenttrace demo``: realistic multi-agent runs, sent through the SDK like a user's would be."""

from __future__ import annotations

import time
from dataclasses import dataclass

import agenttrace

from agenttrace_server.demo.scenarios import SCENARIOS, Scenario
from agenttrace_server.demo.sim import Sim

__all__ = ["SCENARIOS", "SentRun", "send_demo"]


@dataclass(frozen=True)
class SentRun:
    """One run the demo sent."""

    scenario: Scenario
    trace_id: str


def _record(scenario: Scenario, start_ns: int) -> str:
    sim = Sim(start_ns)
    scenario.record(sim)
    assert sim.trace_id is not None
    return sim.trace_id


def send_demo(
    *, endpoint: str, project: str = "demo", only: list[str] | None = None
) -> list[SentRun]:
    """Record every scenario (or ``only`` these keys) and send it to ``endpoint``."""
    agenttrace.init(endpoint=endpoint, project=project, service_name="agenttrace-demo")
    now = time.time_ns()
    chosen = [s for s in SCENARIOS if only is None or s.key in only]
    sent: list[SentRun] = []
    for i, scenario in enumerate(chosen):
        # runs spread over the last minutes, oldest first, as if they had just happened
        start = now - (len(chosen) - i) * 90 * 10**9
        sent.append(SentRun(scenario, _record(scenario, start)))
    agenttrace.flush(timeout=30)
    return sent
