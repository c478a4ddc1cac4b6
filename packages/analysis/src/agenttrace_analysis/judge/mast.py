"""The judge labels all 14 MAST failure modes of a run."""

from __future__ import annotations

import logging
import uuid

from agenttrace_core.enums import AnnotationSource
from agenttrace_core.ids import RowId
from agenttrace_core.models import FailureAnnotation

from agenttrace_analysis.attribution.steps import extract_steps
from agenttrace_analysis.judge.client import JudgeClient, JudgeError
from agenttrace_analysis.judge.parsing import as_bool, as_int, extract_json
from agenttrace_analysis.judge.transcript import render, task_of
from agenttrace_analysis.mast.taxonomy import MODES, mode_of
from agenttrace_analysis.trace_data import TraceData

logger = logging.getLogger(__name__)

CONFIDENCE = 0.7
"""Confidence given to a mode the judge says is present."""

_SYSTEM = (
    "You review runs of multi-agent LLM systems and label failures with the MAST taxonomy. "
    "Answer with one JSON object and nothing else."
)


def prompt(transcript: str) -> str:
    """The user message: the modes with their definitions, the run, the answer format."""
    modes = "\n".join(f"- {i.code} {i.name}: {i.definition}" for i in MODES.values())
    return (
        f"Failure modes:\n{modes}\n\nRun (numbered agent steps):\n{transcript}\n\n"
        'Reply as {"modes": {"FM-1.1": {"present": true|false, "agent": "<name or null>", '
        '"step": <step number or null>, "evidence": "<one sentence>"}, ...}} with all 14 codes.'
    )


def label_mast(client: JudgeClient, data: TraceData) -> list[FailureAnnotation]:
    """Annotations (source ``llm``) for the modes the judge finds; [] when it gives nothing.

    A reply that is not JSON, or names unknown codes, is tolerated: what can be read is used.
    """
    steps = extract_steps(data)
    try:
        reply = client.chat(
            [
                {"role": "system", "content": _SYSTEM},
                {"role": "user", "content": prompt(render(steps, task_of(steps)))},
            ]
        )
    except JudgeError:
        logger.exception("MAST judge failed for trace %s", data.trace_id)
        return []
    parsed = extract_json(reply)
    raw = parsed.get("modes", parsed) if parsed else None
    if not isinstance(raw, dict):
        logger.warning("MAST judge reply for trace %s had no modes", data.trace_id)
        return []
    found = []
    for code, verdict in raw.items():
        mode = mode_of(str(code))
        if mode is None or not as_bool(verdict):
            continue
        detail = verdict if isinstance(verdict, dict) else {}
        step_no = as_int(detail.get("step"))
        step = steps[step_no] if step_no is not None and 0 <= step_no < len(steps) else None
        agent = detail.get("agent") if isinstance(detail.get("agent"), str) else None
        evidence = [{"span_id": step.span.span_id}] if step else []
        found.append(
            FailureAnnotation(
                id=RowId(uuid.uuid4().hex),
                trace_id=data.trace_id,
                project=data.summary.project if data.summary else "default",
                span_id=step.span.span_id if step else None,
                agent=agent or (step.agent if step else None),
                mode=mode.value,
                category=mode.category.value,
                confidence=CONFIDENCE,
                explanation=str(detail.get("evidence") or "labelled by the LLM judge")[:500],
                evidence=evidence,
                source=AnnotationSource.LLM,
            )
        )
    return found
