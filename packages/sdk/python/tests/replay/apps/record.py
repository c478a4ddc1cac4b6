"""Run one workflow of ``apps`` as a recording and print its trace id.

Usage: ``python -m apps.record handwritten|langgraph_team`` with ``AGENTTRACE_ENDPOINT`` set.
"""

from __future__ import annotations

import importlib
import sys

import agenttrace
from opentelemetry import trace


def main() -> None:
    """Record one run and print the trace id."""
    agenttrace.init()
    module = importlib.import_module(f"apps.{sys.argv[1]}")
    with trace.get_tracer("replay-tests").start_as_current_span("session") as span:
        module.main()
        trace_id = format(span.get_span_context().trace_id, "032x")
    assert agenttrace.flush(timeout=15)
    print(trace_id)


if __name__ == "__main__":
    main()
