"""Detector tests: a run recorded with the OpenTelemetry SDK goes through the real receiver,
is read back with :func:`load_trace`, and one detector looks at it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from agenttrace_analysis.mast import RunContext
from agenttrace_analysis.mast.base import Detector
from agenttrace_analysis.trace_loading import load_trace

from ..conftest import Ingest
from ..runs import Run

Found = list[tuple[str, str | None, str]]


@pytest.fixture
def detect_in(ingest: Ingest, engine) -> Callable[[Run, Detector], Awaitable[Found]]:
    """``await detect_in(run, DETECTOR)`` → ``[(mode, agent, explanation), …]``."""

    async def run_detector(run: Run, detector: Detector) -> Found:
        await ingest.body(run.body())
        data = await load_trace(engine, run.trace_id)
        assert data is not None
        return [(f.mode.value, f.agent, f.explanation) for f in detector.run(RunContext(data))]

    return run_detector
