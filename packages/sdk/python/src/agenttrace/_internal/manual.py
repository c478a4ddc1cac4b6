"""The manual API behind ``agenttrace.agent/tool/message/handoff/checkpoint``."""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from typing import Any

from opentelemetry import trace
from opentelemetry.util.types import AttributeValue

from agenttrace._internal import clock, identity, keys, setup
from agenttrace._internal.guard import internal_errors
from agenttrace._internal.jsonutil import as_text, dumps
from agenttrace._internal.keys import MessageKind
from agenttrace._internal.scopes import SpanScope

_MAX_TRACES = 10_000


def agent_scope(name: str, role: str | None, model: str | None) -> SpanScope:
    """A span of type ``agent`` that makes ``name`` the current agent inside it."""
    attributes: dict[str, AttributeValue] = {keys.AGENT_NAME: name, keys.SPAN_TYPE: "agent"}
    if role:
        attributes[keys.AGENT_ROLE] = role
    if model:
        attributes[keys.AGENT_MODEL] = model
    return SpanScope(f"agent {name}", attributes, agent=name)


def tool_scope(name: str, agent: str | None, record_io: bool) -> SpanScope:
    """A span of type ``tool``; as a decorator it records the call's arguments and result."""
    attributes: dict[str, AttributeValue] = {
        keys.SPAN_TYPE: "tool",
        keys.OI_SPAN_KIND: "TOOL",
        keys.OI_TOOL_NAME: name,
    }
    if agent:
        attributes[keys.AGENT_NAME] = agent
    return SpanScope(f"tool {name}", attributes, record_io=record_io)


def send_message(
    sender: str | None,
    receiver: str | None,
    content: object,
    kind: MessageKind,
) -> None:
    """A short span that carries one message between agents (its sender is the span's agent).

    Its type is ``message`` whatever the kind (a handoff too): the kind is in
    ``agenttrace.message.kind``, and a ``handoff``-typed span would make the ingestion derive
    the same handoff a second time.
    """
    with internal_errors("recording a message"):
        attributes: dict[str, AttributeValue] = {
            keys.SPAN_TYPE: "message",
            keys.MESSAGE_KIND: kind,
        }
        if sender:
            attributes[keys.MESSAGE_FROM] = sender
            attributes[keys.AGENT_NAME] = sender
        if receiver:
            attributes[keys.MESSAGE_TO] = receiver
        if content is not None and content != "":
            attributes[keys.MESSAGE_CONTENT] = as_text(content)
        now = clock.now_ns()
        name = f"{kind} {sender or 'user'} → {receiver or '*'}"
        span = setup.tracer().start_span(name, attributes=attributes, start_time=now)
        span.end(end_time=now)


class _Steps:
    """Step index and previous checkpoint id, per trace."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._traces: OrderedDict[int, tuple[int, str]] = OrderedDict()

    def next(self, trace_id: int, checkpoint_id: str) -> tuple[int, str | None]:
        with self._lock:
            previous = self._traces.pop(trace_id, None)
            step = previous[0] + 1 if previous else 0
            self._traces[trace_id] = (step, checkpoint_id)
            while len(self._traces) > _MAX_TRACES:
                self._traces.popitem(last=False)
        return step, previous[1] if previous else None


_steps = _Steps()


def record_checkpoint(
    name: str,
    state: Any,
    *,
    agent: str | None,
    thread_id: str | None,
    ns: str | None,
    framework_id: str | None,
    framework: str,
    step: int | None,
) -> str:
    """Emit an ``agenttrace.checkpoint`` event on the current span (or a span of its own)."""
    checkpoint_id = str(uuid.uuid4())
    with internal_errors("recording a checkpoint"):
        current = trace.get_current_span()
        own_span = None
        if not current.is_recording():
            own_span = setup.tracer().start_span(
                f"checkpoint {name}",
                attributes={keys.SPAN_TYPE: "other"},
                start_time=clock.now_ns(),
            )
            current = own_span
        context = current.get_span_context()
        auto_step, parent_id = _steps.next(context.trace_id, checkpoint_id)
        attributes: dict[str, AttributeValue] = {
            keys.CHECKPOINT_ID: checkpoint_id,
            keys.CHECKPOINT_NAME: name,
            keys.CHECKPOINT_STEP: auto_step if step is None else step,
            keys.CHECKPOINT_STATE: dumps(state),
            keys.CHECKPOINT_FRAMEWORK: framework,
        }
        optional = {
            keys.CHECKPOINT_PARENT_ID: parent_id,
            keys.CHECKPOINT_AGENT: agent or identity.current_agent.get(),
            keys.CHECKPOINT_THREAD_ID: thread_id,
            keys.CHECKPOINT_NS: ns,
            keys.CHECKPOINT_FRAMEWORK_ID: framework_id,
        }
        attributes.update({k: v for k, v in optional.items() if v})
        current.add_event(keys.CHECKPOINT_EVENT, attributes, timestamp=clock.now_ns())
        if own_span is not None:
            own_span.end(end_time=clock.now_ns())
    return checkpoint_id
