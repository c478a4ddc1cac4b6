"""Who&When records (failure attribution) read from disk and turned into traces.

Each history entry becomes one agent step span holding the entry's content; the speaker is the
agent (Hand-Crafted: ``role``, the Orchestrator's variants merged; Algorithm-Generated:
``name``); consecutive speakers become messages, and a role that names its addressee
(``Orchestrator (-> WebSurfer)``) becomes a delegation.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from agenttrace_core.enums import HumanVerdict, MessageKind, SpanStatus, SpanType
from agenttrace_core.ids import RowId, SpanId, TraceId
from agenttrace_core.models import Agent, AgentMessage, Span, TraceSummary

from agenttrace_analysis.trace_data import TraceData

logger = logging.getLogger(__name__)

BUNDLED = Path(__file__).parent / "datasets"
"""The bundled development split."""

_SUFFIX = re.compile(r"\s*\((.*)\)\s*$")
_ADDRESSEE = re.compile(r"^->\s*(.+)$")
_T0 = 1_700_000_000 * 10**9
_SECOND = 10**9


class Subset(StrEnum):
    """The two parts of Who&When."""

    HAND_CRAFTED = "Hand-Crafted"
    ALGORITHM_GENERATED = "Algorithm-Generated"


@dataclass(frozen=True)
class WhoWhenRecord:
    """One annotated failed run."""

    subset: Subset
    name: str
    question: str
    history: list[dict[str, Any]]
    mistake_agent: str
    mistake_step: int

    @property
    def key(self) -> str:
        """``Subset/name``, unique within a data folder."""
        return f"{self.subset.value}/{self.name}"


def speaker(record_subset: Subset, entry: dict[str, Any]) -> tuple[str, str | None]:
    """The agent of a history entry and, when the role names one, its addressee."""
    raw = str(entry.get("role") if record_subset is Subset.HAND_CRAFTED else entry.get("name"))
    match = _SUFFIX.search(raw)
    if not match:
        return raw, None
    agent = raw[: match.start()].strip()
    to = _ADDRESSEE.match(match.group(1).strip())
    return agent, to.group(1).strip() if to else None


def _folder(data: Path) -> Path:
    if (data / "whowhen").is_dir():
        return data / "whowhen"
    return data


def _number(path: Path) -> tuple[int, str]:
    return (int(path.stem), "") if path.stem.isdigit() else (10**9, path.stem)


def load_records(data: Path | None = None) -> list[WhoWhenRecord]:
    """Every record under ``data`` (default: the bundled split), Hand-Crafted first."""
    root = _folder(data or BUNDLED)
    records = []
    for subset in Subset:
        for path in sorted((root / subset.value).glob("*.json"), key=_number):
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                logger.warning("%s: skipped, not a readable JSON record (%s)", path, exc)
                continue
            if not isinstance(raw, dict):
                logger.warning("%s: skipped, not a Who&When record", path)
                continue
            try:
                step = int(str(raw.get("mistake_step", "")).strip())
            except ValueError:
                logger.warning("%s: mistake_step %r is not an index", path, raw.get("mistake_step"))
                step = -1
            records.append(
                WhoWhenRecord(
                    subset,
                    path.stem,
                    str(raw.get("question", "")),
                    [e if isinstance(e, dict) else {"content": e} for e in raw.get("history", [])],
                    str(raw.get("mistake_agent", "")),
                    step,
                )
            )
    logger.info("%d Who&When records under %s", len(records), root)
    return records


_KEEP = frozenset({"human", "user"})
"""Names that say who the entry point is; kept when names are hidden."""


def anonymized(record: WhoWhenRecord) -> WhoWhenRecord:
    """The record with every agent renamed ``agent_1``, ``agent_2``… (label too).

    Scoring this shows that a method does not rely on what agents are called.
    """
    names: dict[str, str] = {}

    def rename(name: str) -> str:
        if name.lower() in _KEEP:
            return name
        return names.setdefault(name.lower(), f"agent_{len(names) + 1}")

    field_name = "role" if record.subset is Subset.HAND_CRAFTED else "name"
    history = []
    for entry in record.history:
        agent, addressee = speaker(record.subset, entry)
        raw = str(entry.get(field_name))
        match = _SUFFIX.search(raw)
        if addressee is not None:
            new = f"{rename(agent)} (-> {rename(addressee)})"
        elif match:
            new = f"{rename(agent)} ({match.group(1)})"
        else:
            new = rename(agent)
        history.append({**entry, field_name: new})
    return WhoWhenRecord(
        record.subset,
        record.name,
        record.question,
        history,
        rename(record.mistake_agent),
        record.mistake_step,
    )


def _hex(text: str, size: int) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:size]


def to_trace(record: WhoWhenRecord) -> TraceData:
    """The record as a run: one agent span per history entry, messages between speakers."""
    trace_id = TraceId(_hex(record.key, 32))
    spans: list[Span] = []
    agents: dict[str, Agent] = {}
    messages: list[AgentMessage] = []
    previous: tuple[str, str | None, str] | None = None
    received = record.question
    for i, entry in enumerate(record.history):
        agent, addressee = speaker(record.subset, entry)
        content = str(entry.get("content", ""))
        start = _T0 + i * _SECOND
        span = Span(
            trace_id=trace_id,
            span_id=SpanId(_hex(f"{record.key}/{i}", 16)),
            name=agent,
            span_type=SpanType.AGENT,
            agent=agent,
            framework="whowhen",
            start_time=start,
            end_time=start + _SECOND // 2,
            input=received,
            output=content,
            attributes={"agenttrace.step.index": i, "agenttrace.step.role": entry.get("role")},
        )
        spans.append(span)
        if agent not in agents:
            role = "user" if str(entry.get("role", "")).lower() == "human" else None
            agents[agent] = Agent(
                trace_id=trace_id, name=agent, role=role, framework="whowhen", first_seen=start
            )
        if previous is not None and previous[0] != agent:
            kind = MessageKind.DELEGATION if previous[1] == agent else MessageKind.MESSAGE
            messages.append(
                AgentMessage(
                    id=RowId(f"{trace_id}-{i}"),
                    trace_id=trace_id,
                    span_id=span.span_id,
                    from_agent=previous[0],
                    to_agent=agent,
                    kind=kind,
                    content=previous[2],
                    timestamp=start,
                    seq=i,
                )
            )
        previous = (agent, addressee, content)
        received = content
    end = _T0 + len(record.history) * _SECOND
    summary = TraceSummary(
        trace_id=trace_id,
        project="eval",
        name=record.key,
        framework="whowhen",
        status=SpanStatus.UNSET,
        start_time=_T0,
        end_time=end,
        span_count=len(spans),
        agent_count=len(agents),
        human_verdict=HumanVerdict.FAILED,
    )
    return TraceData(trace_id, summary, spans, list(agents.values()), messages, [], [trace_id])
