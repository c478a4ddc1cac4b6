"""What every detector reads: the run, its graph facts, its turns and text helpers.

A *turn* is one thing an agent said or produced, in time order: an agent span with text (its
output, else the last LLM output inside it), or an agent message whose span is not already a
turn. The *task* is what the user / entry point asked for.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from agenttrace_core.enums import SpanStatus, SpanType
from agenttrace_core.models import Span
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from agenttrace_analysis.graph import RunGraph, analyze_graph
from agenttrace_analysis.stopwords import FUNCTION_WORDS
from agenttrace_analysis.trace_data import TraceData

MAX_TEXT = 4000
"""Texts are compared on their first this many characters."""

ABSORB_NS = 10**9
"""A message sent this soon after an agent span ends with the same text is that span's turn."""

_WORD = re.compile(r"[^\W\d_][\w'-]{3,}")
_STOP = FUNCTION_WORDS

FAILURE_WORDS = re.compile(
    r"\b(errors?|exceptions?|fail(ed|s|ure|ing)?|unable|could ?n[o']t|can ?n[o']t|no data|"
    r"not (found|available)|unavailable|timed? ?out|traceback|missing|invalid)\b",
    re.IGNORECASE,
)
"""Words with which a text reports that something went wrong."""


@dataclass
class Turn:
    """One contribution of an agent to the run."""

    index: int
    agent: str
    text: str
    time: int
    span_id: str | None
    error: bool = False
    span: Span | None = field(default=None, repr=False)


def similarity(a: str, b: str) -> float:
    """0..100: how alike two texts are (normalized Indel similarity, rapidfuzz)."""
    return float(fuzz.ratio(a[:MAX_TEXT], b[:MAX_TEXT], processor=default_process))


def content_words(text: str) -> set[str]:
    """Lower-cased words of four letters or more, without the commonest function words."""
    return {
        w for w in (m.group(0).lower() for m in _WORD.finditer(text[:MAX_TEXT])) if w not in _STOP
    }


def overlap(reference: set[str], text: str) -> float:
    """Share of ``reference`` words that ``text`` uses (0..1; 0 for an empty reference)."""
    if not reference:
        return 0.0
    return len(reference & content_words(text)) / len(reference)


_TEXT_KEYS = ("content", "text", "output", "answer", "result", "response", "message")
_SKIP_KEYS = frozenset({"id", "lc", "type", "tool_calls", "response_metadata", "usage_metadata"})


def _is_assistant(message: dict[str, Any]) -> bool:
    who = message.get("role") or message.get("type") or ""
    return str(who).lower() in {"assistant", "ai", "model"}


def _strings(value: Any) -> list[str]:
    """The human text inside a decoded JSON value (for a message list: its last message)."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, list):
        if (
            value
            and all(isinstance(v, dict) for v in value)
            and any("role" in v or "type" in v for v in value)
        ):
            # a conversation: what the assistant said last is the new part
            said = [v for v in value if _is_assistant(v)]
            value = said[-1:] or value[-1:]
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        if isinstance(value.get("kwargs"), dict):  # a serialized LangChain object
            return _strings(value["kwargs"])
        if isinstance(value.get("messages"), list):
            return _strings(value["messages"])
        found = [s for k in _TEXT_KEYS if k in value for s in _strings(value[k])]
        if found:
            return found
        nested = [
            v for k, v in value.items() if isinstance(v, (dict, list)) and k not in _SKIP_KEYS
        ]
        return [s for v in nested for s in _strings(v)]
    return []


def readable(text: str) -> str:
    """The human text of a span input/output: JSON payloads reduced to the words said in them."""
    stripped = text.strip()
    if not stripped or stripped[0] not in "[{":
        return text
    try:
        value = json.loads(stripped)
    except ValueError:
        return text
    return "\n".join(_strings(value))


def span_text(data: TraceData, span: Span) -> str:
    """What a span produced: its output, else the last LLM output below it, else its error."""
    if span.output and (text := readable(span.output)):
        return text
    llm_outputs = [sp for sp in data.subtree(span) if sp.span_type is SpanType.LLM and sp.output]
    if llm_outputs:
        return readable(max(llm_outputs, key=lambda sp: sp.end_time).output or "")
    return span.status_message or ""


class RunContext:
    """One run prepared for the detectors."""

    def __init__(self, data: TraceData, run_graph: RunGraph | None = None) -> None:
        self.data = data
        self.run_graph = run_graph or analyze_graph(data)

    @property
    def facts(self) -> dict[str, Any]:
        """The graph facts (cycles, loops, …)."""
        return self.run_graph.facts

    @cached_property
    def turns(self) -> list[Turn]:
        """Every agent turn of the run, in time order."""
        data = self.data
        found: list[Turn] = []
        used: set[str] = set()
        for sp in data.agent_spans:
            parent = data.parent(sp)
            if parent is not None and data.owner(parent) == sp.agent:
                continue  # a nested span of the same agent's turn
            text = span_text(data, sp)
            used.add(sp.span_id)
            found.append(
                Turn(
                    0, str(sp.agent), text, sp.start_time, sp.span_id, data.has_error_below(sp), sp
                )
            )
        absorbed: set[int] = set()
        for msg in data.messages:
            if not msg.content or not msg.from_agent or msg.span_id in used:
                continue
            same = next(
                (
                    i
                    for i, t in enumerate(found)
                    if i not in absorbed
                    and t.agent == msg.from_agent
                    and t.span is not None
                    and t.span.start_time <= msg.timestamp <= t.span.end_time + ABSORB_NS
                    and readable(msg.content) in t.text
                ),
                None,
            )
            if same is not None:  # the message is what that agent span produced
                absorbed.add(same)
                continue
            span = data.by_id.get(msg.span_id) if msg.span_id else None
            error = span is not None and span.status is SpanStatus.ERROR
            text = readable(msg.content)
            found.append(Turn(0, msg.from_agent, text, msg.timestamp, msg.span_id, error, span))
        found.sort(key=lambda t: (t.time, t.span_id or ""))
        for i, turn in enumerate(found):
            turn.index = i
        return found

    @cached_property
    def task(self) -> str:
        """What the run was asked to do (user message, else the root's or first agent's input)."""
        for msg in self.data.messages:
            if msg.from_agent is None and msg.content:
                return readable(msg.content)
        for sp in self.data.roots:
            if sp.input:
                return readable(sp.input)
        first = next((sp for sp in self.data.agent_spans if sp.input), None)
        return readable(first.input or "") if first else ""

    @property
    def tool_spans(self) -> list[Span]:
        """Tool and retriever calls, in start order, one span per call."""
        return self.data.tool_calls

    def turns_of(self, agent: str) -> list[Turn]:
        """The turns of one agent."""
        return [t for t in self.turns if t.agent == agent]
