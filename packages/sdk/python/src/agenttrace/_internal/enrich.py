"""Export-time additions: what a span only reveals once it has ended.

Runs in the exporter's thread, on the batch about to be sent: the agent of spans that only
name it in their final attributes (LangGraph's ``metadata``, OpenAI Agents' ``agent.name``),
and the messages of CrewAI delegations, with their text.

Messages that the ingestion already derives from the framework's own spans (LangGraph node
transitions, AutoGen turns, OpenAI Agents ``handoff`` spans) are not repeated here: the
ingestion does not merge them with explicit ``agenttrace.message.*`` yet, and a run would
show each one twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from opentelemetry.sdk.trace import Event, ReadableSpan
from opentelemetry.util.types import AttributeValue

from agenttrace._internal import identity, keys
from agenttrace._internal.jsonutil import as_text, loads_or_none

_CONTENT_LIMIT = 4_000
_DELEGATION_TOOLS = ("delegate work to coworker", "ask question to coworker")


@dataclass
class _Message:
    sender: str | None
    receiver: str | None
    kind: str
    content: str | None
    time_ns: int | None = None


class Enricher:
    """Adds agent names and inter-agent messages to ended spans."""

    def __call__(self, spans: Sequence[ReadableSpan]) -> list[ReadableSpan]:
        """The batch with AgentTrace attributes and events added where they were missing."""
        return [self._one(span) for span in spans]

    def _one(self, span: ReadableSpan) -> ReadableSpan:
        attributes = span.attributes or {}
        extra: dict[str, AttributeValue] = {}
        agent = attributes.get(keys.AGENT_NAME)
        if not isinstance(agent, str):
            agent = identity.from_attributes(attributes, final=True)
            if agent:
                extra[keys.AGENT_NAME] = agent
        messages = [] if _has_message(span) else self._messages(span, attributes, agent)
        if not extra and not messages:
            return span
        events = list(span.events)
        if messages:
            first, *rest = messages
            extra.update(_message_attributes(first))
            events.extend(
                Event(keys.MESSAGE_EVENT, _message_attributes(m), timestamp=m.time_ns) for m in rest
            )
        return ReadableSpan(
            name=span.name,
            context=span.context,
            parent=span.parent,
            resource=span.resource,
            attributes={**attributes, **extra},
            events=events,
            links=span.links,
            kind=span.kind,
            status=span.status,
            start_time=span.start_time,
            end_time=span.end_time,
            instrumentation_scope=span.instrumentation_scope,
        )

    def _messages(self, span: ReadableSpan, attributes: Any, agent: str | None) -> list[_Message]:
        name = span.name
        kind = attributes.get(keys.OI_SPAN_KIND)
        if kind == "TOOL" and name.lower().startswith(_DELEGATION_TOOLS):
            return _delegation(span, attributes, agent)
        return []


def _has_message(span: ReadableSpan) -> bool:
    attributes = span.attributes or {}
    return keys.MESSAGE_TO in attributes or any(e.name == keys.MESSAGE_EVENT for e in span.events)


def _message_attributes(message: _Message) -> dict[str, AttributeValue]:
    out: dict[str, AttributeValue] = {keys.MESSAGE_KIND: message.kind}
    if message.sender:
        out[keys.MESSAGE_FROM] = message.sender
    if message.receiver:
        out[keys.MESSAGE_TO] = message.receiver
    if message.content:
        out[keys.MESSAGE_CONTENT] = message.content
    return out


def _delegation(span: ReadableSpan, attributes: Any, agent: str | None) -> list[_Message]:
    args = loads_or_none(attributes.get(keys.OI_INPUT_VALUE))
    inner = args.get("kwargs") if isinstance(args, dict) and "kwargs" in args else args
    if not isinstance(inner, dict) or not isinstance(inner.get("coworker"), str):
        return []
    coworker = inner["coworker"].strip()
    request = inner.get("task") or inner.get("question")
    out = [_Message(agent, coworker, "delegation", _content(request), span.start_time)]
    answer = attributes.get(keys.OI_OUTPUT_VALUE)
    if isinstance(answer, str) and answer:
        out.append(_Message(coworker, agent, "return", _content(answer), span.end_time))
    return out


def _content(value: object) -> str | None:
    if value is None or value == "":
        return None
    return as_text(value, _CONTENT_LIMIT)
