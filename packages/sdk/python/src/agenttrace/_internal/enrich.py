"""Export-time additions: what a span only reveals once it has ended.

Runs in the exporter's thread, on the batch about to be sent. Today that is the agent of spans
that name it only in their final attributes (LangGraph's ``metadata``, OpenAI Agents'
``agent.name``). Messages between agents are not derived here: the ingestion derives them
from each framework's own spans (LangGraph node transitions, AutoGen turns, CrewAI
delegations, OpenAI Agents handoffs) and does not yet merge them with explicit
``agenttrace.message.*``, so adding them here would show each one twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from opentelemetry.sdk.trace import ReadableSpan

from agenttrace._internal import identity, keys


class Enricher:
    """Adds ``agenttrace.agent.name`` to ended spans that only now reveal their agent."""

    def __call__(self, spans: Sequence[ReadableSpan]) -> list[ReadableSpan]:
        """The batch, with agent names added where they were missing."""
        return [self._one(span) for span in spans]

    def _one(self, span: ReadableSpan) -> ReadableSpan:
        attributes = span.attributes or {}
        if isinstance(attributes.get(keys.AGENT_NAME), str):
            return span
        agent = identity.from_attributes(attributes, final=True)
        if agent is None:
            return span
        return ReadableSpan(
            name=span.name,
            context=span.context,
            parent=span.parent,
            resource=span.resource,
            attributes={**attributes, keys.AGENT_NAME: agent},
            events=span.events,
            links=span.links,
            kind=span.kind,
            status=span.status,
            start_time=span.start_time,
            end_time=span.end_time,
            instrumentation_scope=span.instrumentation_scope,
        )
