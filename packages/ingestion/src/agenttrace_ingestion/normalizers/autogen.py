"""AutoGen: AgentChat through OpenInference, and autogen-core's native GenAI + runtime spans.

* OpenInference: ``<agent>.on_messages_stream`` AGENT spans with ``graph.node.id`` and the
  previous speaker in ``graph.node.parent_id``; the team span lists participants and their
  descriptions (the agents' roles).
* Native GenAI (scope ``autogen-core``): ``invoke_agent``/``create_agent``/``execute_tool``,
  read by the shared conventions.
* Native runtime (``autogen SingleThreadedAgentRuntime``): messaging spans. The group chat
  manager processes each speaker's response and asks the next speaker
  (``GroupChatRequestPublish``): that pair is one message speaker → next speaker; a response
  after which nobody is asked is a broadcast. A manager that calls a model to pick the next
  speaker (``SelectorGroupChatManager``) is an agent of its own: it owns that call and sends
  each speaker it picks a message. Messages between autogen-core agents (``RoutedAgent``
  send/publish) are ``autogen process`` spans naming sender and recipient: a message, or a
  delegation when it is an RPC, whose answer is the ``autogen ack`` span (a return). Span
  links are kept: they join the run's fragments across traces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from agenttrace_core.enums import MessageKind, SpanType

from .base import Normalizer
from .common import apply_common
from .draft import MessageDraft, SpanDraft
from .values import as_int, as_str, loads_or_none

_RUNTIME = "autogen SingleThreadedAgentRuntime"
_NATIVE = "autogen-core"
_OI_PREFIX = "openinference.instrumentation.autogen"
_UUID_SUFFIX = re.compile(r"_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_PARTICIPANT_CLASS = "ChatAgentContainer"
_MANAGER_SUFFIXES = ("Manager", "Orchestrator")
_TEXT_KEYS = ("text", "content", "body", "message", "task", "request", "result")


def agent_type_name(agent_type: str) -> str:
    """``coder_<team uuid>`` or ``coder_<uuid>.(<uuid>)-A`` → ``coder``."""
    base = agent_type.split(".(", 1)[0]
    return _UUID_SUFFIX.sub("", base)


def _is_team_class(agent_class: Any) -> bool:
    """A group chat's manager or participant container (their messages are read apart)."""
    return isinstance(agent_class, str) and (
        agent_class == _PARTICIPANT_CLASS or agent_class.endswith(_MANAGER_SUFFIXES)
    )


def _message_text(message: Any) -> str | None:
    """The text of a runtime message payload (``{"text": …}``-like JSON), else the payload."""
    parsed = loads_or_none(message)
    if isinstance(parsed, dict):
        for key in _TEXT_KEYS:
            value = parsed.get(key)
            if isinstance(value, str) and value:
                return value
    return as_str(message)


def _is_rpc(context: Any) -> bool:
    parsed = loads_or_none(context)
    return isinstance(parsed, dict) and parsed.get("is_rpc") is True


def _core_message(draft: SpanDraft) -> MessageDraft | None:
    """autogen-core agent → agent: ``process`` (message or RPC request) or ``ack`` (reply)."""
    a = draft.attrs
    sender, recipient = a.get("sender_agent_type"), a.get("recipient_agent_type")
    if not (isinstance(sender, str) and isinstance(recipient, str)):
        return None
    if _is_team_class(a.get("sender_agent_class")) or _is_team_class(
        a.get("recipient_agent_class")
    ):
        return None
    source, target = agent_type_name(sender), agent_type_name(recipient)
    if not source or not target or source == target:
        return None
    operation = a.get("messaging.operation")
    if operation == "receive" or draft.name.startswith("autogen ack"):
        kind = MessageKind.RETURN
    elif operation == "process":
        kind = MessageKind.DELEGATION if _is_rpc(a.get("message_context")) else MessageKind.MESSAGE
    else:
        return None
    return MessageDraft(
        kind, source, target, draft.start, _message_text(a.get("message")), "autogen"
    )


def _chat_message(message: Any) -> tuple[str | None, int | None, int | None]:
    """Content and (prompt, completion) tokens of a ``GroupChatAgentResponse`` payload."""
    parsed = loads_or_none(message)
    response = parsed.get("response") if isinstance(parsed, dict) else None
    chat = response.get("chat_message") if isinstance(response, dict) else None
    if not isinstance(chat, dict):
        return None, None, None
    usage = chat.get("models_usage")
    usage = usage if isinstance(usage, dict) else {}
    return (
        as_str(chat.get("content")),
        as_int(usage.get("prompt_tokens")),
        as_int(usage.get("completion_tokens")),
    )


class AutoGenNormalizer(Normalizer):
    """Spans of AutoGen AgentChat and autogen-core."""

    name = "autogen"
    framework = "autogen"

    def matches(
        self, scope: str, version: str, resource: dict[str, Any], attributes: dict[str, Any]
    ) -> bool:
        """Match the two native scopes and the OpenInference AgentChat scope."""
        return scope in (_RUNTIME, _NATIVE) or scope.startswith(_OI_PREFIX)

    def normalize(self, draft: SpanDraft) -> None:
        """Shared conventions, plus the runtime's messaging facts."""
        apply_common(draft)
        draft.framework = self.framework
        a = draft.attrs
        if draft.scope_name == _RUNTIME:
            draft.span_type = SpanType.MESSAGE
            sender, recipient = a.get("sender_agent_type"), a.get("recipient_agent_type")
            if isinstance(sender, str) and isinstance(recipient, str):
                draft.extra["ag_sender"] = agent_type_name(sender)
                draft.extra["ag_sender_is_agent"] = (
                    a.get("sender_agent_class") == _PARTICIPANT_CLASS
                )
                draft.extra["ag_to_manager"] = str(a.get("recipient_agent_class", "")).endswith(
                    "Manager"
                )
            recipient_class = a.get("recipient_agent_class")
            if (
                isinstance(recipient, str)
                and isinstance(recipient_class, str)
                and recipient_class.endswith(_MANAGER_SUFFIXES)
                and a.get("messaging.operation") == "process"
            ):
                draft.extra["ag_manager"] = agent_type_name(recipient)
            message = _core_message(draft)
            if message is not None:
                draft.messages.append(message)
            if a.get("messaging.message.type") == "GroupChatRequestPublish":
                destination = a.get("messaging.destination")
                if isinstance(destination, str):
                    draft.extra["ag_next"] = agent_type_name(destination)
            return
        names, descriptions = a.get("participant_names"), a.get("participant_descriptions")
        if isinstance(names, list) and isinstance(descriptions, list):
            draft.extra["ag_roles"] = dict(
                zip(map(str, names), map(str, descriptions), strict=False)
            )

    def resolve(self, drafts: Sequence[SpanDraft], index: dict[tuple[str, str], SpanDraft]) -> None:
        """Speaker → next speaker messages from the runtime; roles from the team span."""
        asked: dict[tuple[str, str], str] = {}
        picks: list[tuple[SpanDraft, str]] = []
        for d in drafts:
            nxt = d.extra.get("ag_next")
            if nxt and d.parent_id:
                asked[(d.trace_id, d.parent_id)] = nxt
                picks.append((d, nxt))
        _selector_agents(drafts, index, picks)
        native_traces: set[str] = set()
        roles: dict[str, dict[str, str]] = {}
        counted = {
            d.trace_id for d in index.values() if d.span_type == SpanType.LLM and d.total_tokens
        }
        for d in drafts:
            if "ag_roles" in d.extra:
                roles[d.trace_id] = d.extra["ag_roles"]
            if not (d.extra.get("ag_sender_is_agent") and d.extra.get("ag_to_manager")):
                continue
            content = d.attrs.get("message")
            if not (isinstance(content, str) and content.startswith('{"response"')):
                continue
            native_traces.add(d.trace_id)
            speaker = d.extra["ag_sender"]
            nxt = asked.get((d.trace_id, d.span_id))
            kind = MessageKind.MESSAGE if nxt else MessageKind.BROADCAST
            text, prompt, completion = _chat_message(content)
            d.messages.append(MessageDraft(kind, speaker, nxt, d.start, text, "autogen"))
            if d.trace_id not in counted and (prompt is not None or completion is not None):
                # native tracing has no LLM spans: the response's usage is the only count
                d.input_tokens, d.output_tokens = prompt, completion
                d.total_tokens = (prompt or 0) + (completion or 0)
        last_oi: dict[str, SpanDraft] = {}
        for d in drafts:
            if d.is_agent_run and d.scope_name.startswith(_OI_PREFIX):
                if d.trace_id in native_traces:
                    d.graph_parent = None
                elif d.trace_id not in last_oi or d.start > last_oi[d.trace_id].start:
                    last_oi[d.trace_id] = d
            if d.is_agent_run and d.agent and d.agent_role is None:
                d.agent_role = roles.get(d.trace_id, {}).get(d.agent)
        for d in last_oi.values():
            d.messages.append(
                MessageDraft(
                    MessageKind.BROADCAST, d.agent, None, d.end, content=d.output, source="autogen"
                )
            )


def _selector_agents(
    drafts: Sequence[SpanDraft],
    index: dict[tuple[str, str], SpanDraft],
    picks: Sequence[tuple[SpanDraft, str]],
) -> None:
    """A manager's turn that calls a model is the manager acting as an agent (the selector).

    It owns the model call, and each speaker it then asks gets a message from it.
    """
    for d in drafts:
        if d.span_type != SpanType.LLM or not d.parent_id:
            continue
        parent = index.get((d.trace_id, d.parent_id))
        manager = parent.extra.get("ag_manager") if parent is not None else None
        if parent is None or not manager or parent.is_agent_run:
            continue
        parent.agent, parent.agent_inherited = manager, False
        parent.is_agent_run, parent.span_type = True, SpanType.AGENT
        if d.agent_inherited or d.agent is None:
            d.agent, d.agent_inherited = manager, False
    for create, speaker in picks:
        turn = index.get((create.trace_id, create.parent_id or ""))
        if turn is None or not turn.is_agent_run or turn.agent == speaker:
            continue
        turn.messages.append(
            MessageDraft(MessageKind.MESSAGE, turn.agent, speaker, create.start, None, "autogen")
        )
