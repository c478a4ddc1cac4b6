"""One run in memory, as every analysis step reads it.

A run is usually one trace, but it may span several traces joined by span links (AutoGen's
native runtime splits a group chat into dozens of traces).
:func:`agenttrace_analysis.trace_loading.load_trace` reads it from the database, following the
links in both directions so that the graph, the detectors and the attribution see the whole run.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from agenttrace_core.enums import HumanVerdict, SpanStatus, SpanType
from agenttrace_core.models import Agent, AgentMessage, FailureAnnotation, Span, TraceSummary

_TOOL_TYPES = (SpanType.TOOL, SpanType.RETRIEVER)


@dataclass
class TraceData:
    """Spans (in start order), agents, messages (in time order) and human annotations of a run.

    A run may span several traces joined by span links; ``trace_ids`` lists them all (the
    requested trace first, then the others in start order).
    """

    trace_id: str
    summary: TraceSummary | None
    spans: list[Span] = field(default_factory=list)
    agents: list[Agent] = field(default_factory=list)
    messages: list[AgentMessage] = field(default_factory=list)
    human_annotations: list[FailureAnnotation] = field(default_factory=list)
    trace_ids: list[str] = field(default_factory=list)
    summaries: list[TraceSummary] = field(default_factory=list)

    @cached_property
    def by_id(self) -> dict[str, Span]:
        """Spans by span id."""
        return {sp.span_id: sp for sp in self.spans}

    @cached_property
    def _children(self) -> dict[str, list[Span]]:
        kids: dict[str, list[Span]] = {}
        for sp in self.spans:
            parent = self.parent(sp)
            if parent is not None:
                kids.setdefault(parent.span_id, []).append(sp)
        return kids

    def parent(self, span: Span) -> Span | None:
        """The parent span; for a span whose parent is absent, the span it links to (if any)."""
        if span.parent_span_id and span.parent_span_id in self.by_id:
            return self.by_id[span.parent_span_id]
        for link in span.links:
            target = self.by_id.get(link.span_id)
            if target is not None and target.span_id != span.span_id:
                return target
        return None

    def children(self, span: Span) -> list[Span]:
        """Direct children (in start order), including spans that link here in place of a parent."""
        return self._children.get(span.span_id, [])

    def ancestors(self, span: Span) -> Iterator[Span]:
        """Parent, grandparent, … (stops on a cycle of links)."""
        seen = {span.span_id}
        current = self.parent(span)
        while current is not None and current.span_id not in seen:
            seen.add(current.span_id)
            yield current
            current = self.parent(current)

    def subtree(self, span: Span) -> Iterator[Span]:
        """The span and every span below it."""
        stack, seen = [span], set[str]()
        while stack:
            current = stack.pop()
            if current.span_id in seen:
                continue
            seen.add(current.span_id)
            yield current
            stack.extend(self.children(current))

    @cached_property
    def owners(self) -> dict[str, str | None]:
        """The agent every span of the run belongs to, by span id (see :meth:`owner`).

        For loops over many spans: one lookup each rather than a method call.
        """
        owners: dict[str, str | None] = {}
        for sp in self.spans:
            path: list[Span] = []
            seen: set[str] = set()
            current: Span | None = sp
            while current is not None and current.span_id not in owners:
                if current.agent:
                    owners[current.span_id] = current.agent
                    break
                if current.span_id in seen:
                    current = None
                    break
                seen.add(current.span_id)
                path.append(current)
                current = self.parent(current)
            found = owners.get(current.span_id) if current is not None else None
            for step in path:
                owners[step.span_id] = found
        return owners

    def owner(self, span: Span) -> str | None:
        """The agent a span belongs to: its own agent, else its nearest ancestor's."""
        return self.owners.get(span.span_id, span.agent)

    def agent_ancestor(self, span: Span) -> Span | None:
        """The nearest ancestor that is an agent span."""
        return next((a for a in self.ancestors(span) if is_agent_span(a)), None)

    @cached_property
    def agent_spans(self) -> list[Span]:
        """Agent spans, in start order."""
        return [sp for sp in self.spans if is_agent_span(sp)]

    @cached_property
    def agent_names(self) -> list[str]:
        """Every agent of the run, in order of first appearance."""
        names: dict[str, None] = {}
        for ag in self.agents:
            names.setdefault(ag.name, None)
        for sp in self.spans:
            if sp.agent:
                names.setdefault(sp.agent, None)
        for msg in self.messages:
            for name in (msg.from_agent, msg.to_agent):
                if name and name != "*":
                    names.setdefault(name, None)
        return list(names)

    @cached_property
    def tool_calls(self) -> list[Span]:
        """Tool and retriever calls in start order, one span per call.

        A tool span inside another tool span of the same agent is the same call told twice
        (two instrumentations of one call) and is left out.
        """
        calls = []
        for sp in self.spans:
            if sp.span_type not in _TOOL_TYPES or is_agent_span(sp):
                continue
            outer = next(
                (a for a in self.ancestors(sp) if a.span_type in _TOOL_TYPES or is_agent_span(a)),
                None,
            )
            if (
                outer is not None
                and not is_agent_span(outer)
                and self.owner(outer) == self.owner(sp)
            ):
                continue
            calls.append(sp)
        return calls

    def has_error_below(self, span: Span) -> bool:
        """True when the span or any span below it has an error status."""
        return any(sp.status is SpanStatus.ERROR for sp in self.subtree(span))

    @cached_property
    def roots(self) -> list[Span]:
        """Spans without a parent (in the run), in start order."""
        return [sp for sp in self.spans if self.parent(sp) is None]

    @property
    def failed(self) -> bool:
        """An error status anywhere, or a person marked the run failed."""
        if any(sp.status is SpanStatus.ERROR for sp in self.spans):
            return True
        summaries = self.summaries or ([self.summary] if self.summary else [])
        return any(
            sm.status is SpanStatus.ERROR or sm.human_verdict is HumanVerdict.FAILED
            for sm in summaries
        )


def is_agent_span(span: Span) -> bool:
    """A span that stands for an agent at work."""
    return span.span_type is SpanType.AGENT and bool(span.agent)


def span_tokens(span: Span) -> int:
    """Tokens of one LLM call (0 for other spans, whose figures are often aggregates)."""
    if span.span_type is not SpanType.LLM:
        return 0
    if span.total_tokens is not None:
        return span.total_tokens
    return (span.input_tokens or 0) + (span.output_tokens or 0)
