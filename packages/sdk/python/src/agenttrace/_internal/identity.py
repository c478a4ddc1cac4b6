"""Which agent a span belongs to, decided when the span starts.

Order: an explicit ``agenttrace.agent.name``; what the span itself says (OTel GenAI,
OpenInference and each framework's span names); a delegation the parent span describes;
the parent's agent; the agent opened with ``agenttrace.agent(...)`` around the code.
"""

from __future__ import annotations

import contextvars
from collections.abc import Mapping

from opentelemetry.util.types import AttributeValue

from agenttrace._internal import keys
from agenttrace._internal.jsonutil import loads_or_none

current_agent: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "agenttrace_current_agent", default=None
)

# Placeholder names some instrumentations put where they do not know the agent.
_PLACEHOLDERS = frozenset({"", "OpenAI Agent", "Agent", "BaseChatAgent", "agent"})

# Span-name suffixes that name the agent before the dot: AutoGen AgentChat and CrewAI
# (OpenInference wrappers).
_AGENT_SUFFIXES = (".on_messages_stream", ".on_messages", "._execute_core", ".kickoff")
_OPENAI_AGENTS_SCOPE = "openinference.instrumentation.openai_agents"
_SCOPE_SUFFIXES = {
    "openinference.instrumentation.autogen_agentchat": (".on_messages_stream", ".on_messages"),
    "openinference.instrumentation.crewai": ("._execute_core",),
}

Attributes = Mapping[str, AttributeValue]


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value not in _PLACEHOLDERS else None


def from_attributes(attributes: Attributes, *, final: bool = False) -> str | None:
    """The agent named by well-known attributes of the span itself."""
    for key in (keys.AGENT_NAME, keys.GENAI_AGENT_NAME, keys.OI_AGENT_NAME):
        if name := _text(attributes.get(key)):
            return name
    if attributes.get(keys.OI_SPAN_KIND) == "AGENT" and (
        name := _text(attributes.get(keys.OI_GRAPH_NODE_ID))
    ):
        return name
    if final:
        return from_langgraph_metadata(attributes)
    return None


def from_langgraph_metadata(attributes: Attributes) -> str | None:
    """LangGraph: the top-level graph node a span runs in (its checkpoint namespace's head)."""
    metadata = loads_or_none(attributes.get(keys.OI_METADATA))
    if not isinstance(metadata, dict):
        return None
    ns = metadata.get("langgraph_checkpoint_ns") or metadata.get("checkpoint_ns")
    node = ns.split("|", 1)[0].split(":", 1)[0] if isinstance(ns, str) and ns else None
    node = node or metadata.get("langgraph_node")
    if isinstance(node, str) and node and not node.startswith("__"):
        return node
    return None


def from_span_name(
    name: str, scope: str | None, *, parent_scope: str | None, kind: object
) -> str | None:
    """Agents that only the span name reveals when the span starts.

    OpenAI Agents (OpenInference): an AGENT span under another span of the same
    instrumentation is an agent run named after the agent; the outermost one is the
    workflow ("Agent workflow"), not an agent.
    """
    for suffix in _SCOPE_SUFFIXES.get(scope or "", ()):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    if scope == _OPENAI_AGENTS_SCOPE and parent_scope == scope and kind == "AGENT":
        return _text(name)
    return None


def delegated_to(parent_attributes: Attributes) -> str | None:
    """The coworker a delegation tool call (CrewAI) hands work to; its spans are that agent's."""
    if parent_attributes.get(keys.OI_SPAN_KIND) != "TOOL":
        return None
    args = loads_or_none(parent_attributes.get(keys.OI_INPUT_VALUE))
    if isinstance(args, dict):
        inner = args.get("kwargs") if isinstance(args.get("kwargs"), dict) else args
        coworker = inner.get("coworker") if isinstance(inner, dict) else None
        if isinstance(coworker, str) and coworker.strip():
            return coworker.strip()
    return None
