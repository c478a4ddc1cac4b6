"""The span processor ``init()`` adds: agent identity at start, then a batch processor."""

from __future__ import annotations

import threading

from opentelemetry import context as context_api
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, Span, SpanProcessor

from agenttrace._internal import identity, keys
from agenttrace._internal.guard import internal_errors
from agenttrace._internal.session import current_session

_MAX_TRACKED = 100_000


class AgentTraceProcessor(SpanProcessor):
    """Names the agent of every span when it starts, and hands spans to a swappable exporter.

    The inner processor (a ``BatchSpanProcessor``) is replaced when ``init()`` is called
    again, so a tracer provider keeps one AgentTrace processor for its whole life.
    """

    def __init__(self, inner: SpanProcessor, *, project: str | None) -> None:
        self._inner: SpanProcessor | None = inner
        self._project = project
        self._agents: dict[int, str] = {}
        self._lock = threading.Lock()

    def replace(self, inner: SpanProcessor | None, *, project: str | None) -> SpanProcessor | None:
        """Send spans to ``inner`` from now on; returns the previous inner processor."""
        with self._lock:
            previous, self._inner, self._project = self._inner, inner, project
        return previous

    def on_start(self, span: Span, parent_context: context_api.Context | None = None) -> None:
        """Set ``agenttrace.agent.name``, the project and the session on a span that starts."""
        inner = self._inner
        if inner is None:
            return
        with internal_errors("span start"):
            self._name_agent(span, parent_context)
        inner.on_start(span, parent_context=parent_context)

    def _name_agent(self, span: Span, parent_context: context_api.Context | None) -> None:
        attributes = span.attributes or {}
        if self._project and keys.PROJECT not in attributes:
            span.set_attribute(keys.PROJECT, self._project)
        session = current_session.get()
        if session is not None and keys.SESSION_ID not in attributes:
            span.set_attribute(keys.SESSION_ID, session)
        parent = trace.get_current_span(parent_context)
        parent_ctx = parent.get_span_context()
        has_parent = parent_ctx.is_valid
        scope = span.instrumentation_scope.name if span.instrumentation_scope else None
        parent_scope = getattr(getattr(parent, "instrumentation_scope", None), "name", None)
        agent = identity.from_attributes(attributes) or identity.from_span_name(
            span.name, scope, parent_scope=parent_scope, kind=attributes.get(keys.OI_SPAN_KIND)
        )
        if agent is None and has_parent:
            parent_attributes = getattr(parent, "attributes", None) or {}
            agent = identity.delegated_to(parent_attributes) or self._agents.get(parent_ctx.span_id)
        if agent is None:
            agent = identity.current_agent.get()
        if agent is None:
            return
        if keys.AGENT_NAME not in attributes:
            span.set_attribute(keys.AGENT_NAME, agent)
        if len(self._agents) > _MAX_TRACKED:
            self._agents.clear()
        self._agents[span.get_span_context().span_id] = agent

    def on_end(self, span: ReadableSpan) -> None:
        """Forget the span's agent and pass it on to the exporter."""
        if span.context is not None:
            self._agents.pop(span.context.span_id, None)
        inner = self._inner
        if inner is not None:
            inner.on_end(span)

    def _on_ending(self, span: Span) -> None:
        on_ending = getattr(self._inner, "_on_ending", None)
        if on_ending is not None:
            on_ending(span)

    def shutdown(self) -> None:
        """Flush and stop the inner processor."""
        inner = self.replace(None, project=self._project)
        if inner is not None:
            inner.shutdown()

    def force_flush(self, timeout_millis: int = 30_000) -> bool:
        """Export everything queued so far."""
        inner = self._inner
        return inner.force_flush(timeout_millis) if inner is not None else True
