"""AgentTrace's own ``agenttrace.*`` attributes and events (docs/conventions.md).

Applied after every framework normalizer, so that what the SDK says explicitly wins.
"""

from __future__ import annotations

import logging
from typing import Any

from agenttrace_core.enums import MessageKind, SpanType

from .common import span_type_of
from .draft import MessageDraft, SpanDraft
from .values import as_int, as_str, clip

logger = logging.getLogger(__name__)

MESSAGE_EVENT = "agenttrace.message"
CHECKPOINT_EVENT = "agenttrace.checkpoint"
_MSG = "agenttrace.message."
_CKPT = "agenttrace.checkpoint."
_KINDS: dict[str, MessageKind] = {k.value: k for k in MessageKind}


def _message(values: dict[str, Any], prefix: str, timestamp: int) -> MessageDraft | None:
    sender = clip(as_str(values.get(prefix + "from")))
    receiver = clip(as_str(values.get(prefix + "to")))
    kind_text = as_str(values.get(prefix + "kind")) or "message"
    kind = _KINDS.get(kind_text.lower(), MessageKind.MESSAGE)
    if receiver == "*":
        receiver = None
    if receiver is None and kind == MessageKind.MESSAGE:
        kind = MessageKind.BROADCAST
    return MessageDraft(
        kind=kind,
        from_agent=sender,
        to_agent=receiver,
        timestamp=timestamp,
        content=as_str(values.get(prefix + "content")),
        source="agenttrace",
    )


def _checkpoint(values: dict[str, Any], prefix: str, timestamp: int) -> dict[str, Any]:
    return {
        "id": as_str(values.get(prefix + "id")),
        "name": as_str(values.get(prefix + "name")),
        "step": as_int(values.get(prefix + "step")),
        "state": values.get(prefix + "state"),
        "parent_id": as_str(values.get(prefix + "parent_id")),
        "agent": clip(as_str(values.get(prefix + "agent"))),
        "thread_id": as_str(values.get(prefix + "thread_id")),
        "checkpoint_ns": as_str(values.get(prefix + "ns")),
        "framework_checkpoint_id": as_str(values.get(prefix + "framework_id")),
        "framework": as_str(values.get(prefix + "framework")),
        "timestamp": timestamp,
    }


def apply_agenttrace(draft: SpanDraft) -> None:
    """Honour ``agenttrace.agent.*``, ``agenttrace.span.type``, messages and checkpoints."""
    a = draft.attrs
    get = a.get
    value = get("agenttrace.agent.name")  # most spans carry none of these keys
    if value is not None:
        name = clip(as_str(value))
        if name:
            draft.agent = name
    value = get("agenttrace.agent.role")
    if value is not None:
        role = as_str(value)
        if role:
            draft.agent_role = role
    value = get("agenttrace.agent.model")
    if value is not None:
        model = as_str(value)
        if model:
            draft.agent_config.setdefault("model", model)
    if "agenttrace.span.type" in a:
        explicit = span_type_of({"agenttrace.span.type": a["agenttrace.span.type"]}, draft.name)
        if explicit is not None:
            draft.span_type = explicit
            draft.is_agent_run = explicit == SpanType.AGENT and draft.agent is not None
    if _MSG + "to" in a or _MSG + "from" in a or _MSG + "content" in a or _MSG + "kind" in a:
        message = _message(a, _MSG, draft.start)
        if message is not None:
            draft.messages.append(message)
    if _CKPT + "state" in a or _CKPT + "id" in a:
        draft.checkpoints.append(_checkpoint(a, _CKPT, draft.end))
    for event in draft.events:
        if event.name == MESSAGE_EVENT:
            message = _message(event.attributes, _MSG, event.timestamp or draft.start)
            if message is not None:
                draft.messages.append(message)
        elif event.name == CHECKPOINT_EVENT:
            draft.checkpoints.append(
                _checkpoint(event.attributes, _CKPT, event.timestamp or draft.end)
            )
