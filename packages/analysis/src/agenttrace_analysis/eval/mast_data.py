"""MAST (MAD) records read from disk, in both published shapes, and turned into traces.

- human-labelled: a list of ``{round, mas_name, benchmark_name, trace_id, trace, annotations:
  [{"failure mode": "<code> <name>…", "annotator_1": bool, …}]}``; only the round named
  ``Generlazability`` uses the final 14 codes, the others are skipped; a mode is present when
  most annotators say so;
- LLM-labelled: ``{…, "mast_annotation": {"1.1": 0|1|null, …}}`` (null: not labelled).

The trace text is cut into agent steps where it shows who speaks (AutoGen ``X (to Y):``,
MetaGPT ``FROM: X TO:`` and ``Name(Role):`` log lines, ``Name:`` header lines, or a JSON
``trajectory``); a text that shows none is one step.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agenttrace_core.enums import HumanVerdict, MessageKind, SpanStatus, SpanType
from agenttrace_core.ids import RowId, SpanId, TraceId
from agenttrace_core.models import Agent, AgentMessage, Span, TraceSummary

from agenttrace_analysis.eval.whowhen import BUNDLED
from agenttrace_analysis.mast.taxonomy import FailureMode, mode_of
from agenttrace_analysis.trace_data import TraceData

logger = logging.getLogger(__name__)

_SPEAKER_LINES = (
    re.compile(r"^(?P<agent>[\w.\- ]{1,60}?) \(to [^)]{1,60}\):\s*$", re.MULTILINE),
    re.compile(r"FROM:\s*(?P<agent>[\w.\-]+)\s+TO:", re.MULTILINE),
    re.compile(r"- (?P<agent>\w+)\(\w+\):", re.MULTILINE),
    re.compile(r"^(?P<agent>[A-Z](?![A-Z_\-]*:)[\w\-]{1,40}):\s*$", re.MULTILINE),
)
_CODE = re.compile(r"^\s*(\d\.\d+)")
_T0 = 1_700_000_000 * 10**9


@dataclass(frozen=True)
class MastRecord:
    """One annotated run: its text and, per mode, present / absent (unlabelled modes absent)."""

    key: str
    system: str
    text: str
    labels: dict[FailureMode, bool]


def _majority(annotation: dict[str, Any]) -> bool | None:
    votes = [v for k, v in annotation.items() if k.startswith("annotator") and v is not None]
    return sum(bool(v) for v in votes) * 2 > len(votes) if votes else None


def _labels(raw: dict[str, Any]) -> dict[FailureMode, bool] | None:
    if isinstance(raw.get("mast_annotation"), dict):
        labels = {}
        for code, value in raw["mast_annotation"].items():
            mode = mode_of(str(code))
            if mode is not None and value is not None:
                labels[mode] = bool(value)
        return labels
    if isinstance(raw.get("annotations"), list):
        if not str(raw.get("round", "")).lower().startswith(("generl", "generaliz")):
            return None
        labels = {}
        for item in raw["annotations"]:
            match = _CODE.match(str(item.get("failure mode", "")))
            mode = mode_of(match.group(1)) if match else None
            vote = _majority(item)
            if mode is not None and vote is not None:
                labels[mode] = vote
        return labels
    return None


def _files(data: Path) -> list[Path]:
    if data.is_file():
        return [data]
    folder = data / "mast" if (data / "mast").is_dir() else data
    return sorted(folder.glob("*.json")) + sorted(folder.glob("*.jsonl"))


def _rows(path: Path) -> list[Any]:
    text = path.read_text(encoding="utf-8")
    try:
        value = json.loads(text)
    except ValueError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return value if isinstance(value, list) else [value]


def load_records(data: Path | None = None) -> list[MastRecord]:
    """Every usable record under ``data`` (a file or a folder; default: the bundled sample)."""
    records = []
    for path in _files(data or BUNDLED):
        for i, raw in enumerate(_rows(path)):
            labels = _labels(raw) if isinstance(raw, dict) else None
            if not labels:
                continue
            trace = raw.get("trace")
            text = trace if isinstance(trace, str) else json.dumps(trace)
            key = f"{path.stem}/{raw.get('trace_id', i)}"
            records.append(MastRecord(key, str(raw.get("mas_name", "")), text, labels))
    logger.info("%d MAST records with final-taxonomy labels", len(records))
    return records


def _trajectory(text: str) -> list[tuple[str, str]] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    steps = value.get("trajectory") if isinstance(value, dict) else None
    if not isinstance(steps, list):
        return None
    out = []
    for item in steps:
        if isinstance(item, dict):
            content = item.get("content", "")
            if isinstance(content, list):
                content = "\n".join(str(c) for c in content)
            out.append((str(item.get("name") or item.get("role") or "agent"), str(content)))
    return out or None


def split_steps(text: str) -> list[tuple[str, str]]:
    """``(agent, text)`` steps of a trace text, by the first speaker pattern that matches."""
    found = _trajectory(text)
    if found:
        return found
    for pattern in _SPEAKER_LINES:
        marks = list(pattern.finditer(text))
        if len(marks) >= 2:
            ends = [m.start() for m in marks[1:]] + [len(text)]
            return [
                (m.group("agent").strip(), text[m.end() : e].strip())
                for m, e in zip(marks, ends, strict=True)
            ]
    return [("agent", text)]


def to_trace(record: MastRecord) -> TraceData:
    """The record as a run of agent step spans with messages between speakers."""
    trace_id = TraceId(hashlib.sha256(record.key.encode()).hexdigest()[:32])
    spans: list[Span] = []
    agents: dict[str, Agent] = {}
    messages: list[AgentMessage] = []
    previous: tuple[str, str] | None = None
    for i, (agent, content) in enumerate(split_steps(record.text)):
        start = _T0 + i * 10**9
        span_id = SpanId(hashlib.sha256(f"{record.key}/{i}".encode()).hexdigest()[:16])
        spans.append(
            Span(
                trace_id=trace_id,
                span_id=span_id,
                name=agent,
                span_type=SpanType.AGENT,
                agent=agent,
                framework=record.system or None,
                start_time=start,
                end_time=start + 10**8,
                output=content,
            )
        )
        agents.setdefault(agent, Agent(trace_id=trace_id, name=agent, first_seen=start))
        if previous is not None and previous[0] != agent:
            messages.append(
                AgentMessage(
                    id=RowId(f"{trace_id}-{i}"),
                    trace_id=trace_id,
                    span_id=span_id,
                    from_agent=previous[0],
                    to_agent=agent,
                    kind=MessageKind.MESSAGE,
                    content=previous[1][:2000],
                    timestamp=start,
                    seq=i,
                )
            )
        previous = (agent, content)
    summary = TraceSummary(
        trace_id=trace_id,
        project="eval",
        name=record.key,
        framework=record.system or None,
        status=SpanStatus.UNSET,
        start_time=_T0,
        end_time=_T0 + len(spans) * 10**9,
        span_count=len(spans),
        agent_count=len(agents),
        human_verdict=HumanVerdict.FAILED if any(record.labels.values()) else None,
    )
    return TraceData(trace_id, summary, spans, list(agents.values()), messages, [], [trace_id])
