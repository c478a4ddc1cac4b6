"""Shared extraction for every convention: OpenInference, OTel GenAI, OpenLLMetry.

Framework modules call :func:`apply_common` first and then only correct what differs.
Everything here reads the already-decoded attribute dict; nothing is parsed twice and big
payloads (``input.value`` …) are never JSON-decoded.
"""

from __future__ import annotations

from typing import Any

from agenttrace_core.enums import SpanType

from .draft import SpanDraft
from .payloads import extract_io, extract_model, extract_tokens
from .values import as_str, clip, loads_or_none

OI_KIND = "openinference.span.kind"

_OI_TYPES: dict[str, SpanType] = {
    "LLM": SpanType.LLM,
    "TOOL": SpanType.TOOL,
    "AGENT": SpanType.AGENT,
    "CHAIN": SpanType.CHAIN,
    "RETRIEVER": SpanType.RETRIEVER,
    "RERANKER": SpanType.RETRIEVER,
    "EMBEDDING": SpanType.OTHER,
    "GUARDRAIL": SpanType.OTHER,
    "EVALUATOR": SpanType.OTHER,
    "PROMPT": SpanType.CHAIN,
}
_GENAI_OPS: dict[str, SpanType] = {
    "chat": SpanType.LLM,
    "text_completion": SpanType.LLM,
    "generate_content": SpanType.LLM,
    "completion": SpanType.LLM,
    "responses": SpanType.LLM,
    "execute_tool": SpanType.TOOL,
    "invoke_agent": SpanType.AGENT,
    "agent_handoff": SpanType.HANDOFF,
    "handoff": SpanType.HANDOFF,
    "invoke_workflow": SpanType.CHAIN,
    "create_agent": SpanType.OTHER,
    "embeddings": SpanType.OTHER,
    "retrieval": SpanType.RETRIEVER,
}
_TRACELOOP_TYPES: dict[str, SpanType] = {
    "workflow": SpanType.CHAIN,
    "task": SpanType.CHAIN,
    "agent": SpanType.AGENT,
    "tool": SpanType.TOOL,
    "llm": SpanType.LLM,
    "handoff": SpanType.HANDOFF,
}
_EXPLICIT_TYPES: dict[str, SpanType] = {t.value: t for t in SpanType}

_AGGREGATE_TYPES = (SpanType.AGENT, SpanType.CHAIN)

AGENT_NAME_KEYS = ("gen_ai.agent.name", "agent.name", "agent_name")
"""Attribute keys that name the agent of a span, in priority order (after ``agenttrace.*``)."""
_EXPLICIT_AGENT_KEYS = ("agenttrace.agent.name", *AGENT_NAME_KEYS)

_AGENT_METHOD_SUFFIXES = (
    ".run",
    ".arun",
    ".run_stream",
    ".on_messages_stream",
    ".invoke",
    ".ainvoke",
    "._execute_core",
    ".execute",
    ".agent",
    ".__call__",
)
_HANDOFF_TOOLS = {
    "transfer_to_agent": "agent_name",
    "handoff_to_agent": "agent_name",
    "handoff": "to_agent",
}
_HANDOFF_TOOL_PREFIXES = ("transfer_to_", "handoff_to_")


def _op_type(op: str) -> SpanType:
    known = _GENAI_OPS.get(op)
    if known is not None:
        return known
    if "chat" in op or "completion" in op or "generate" in op:
        return SpanType.LLM
    if "tool" in op:
        return SpanType.TOOL
    if "handoff" in op:
        return SpanType.HANDOFF
    if op.startswith("invoke_agent"):
        return SpanType.AGENT
    if "embed" in op or op.startswith("create_"):
        return SpanType.OTHER
    return SpanType.CHAIN


def span_type_of(attrs: dict[str, Any], name: str) -> SpanType | None:
    """Classify a span by the conventions it carries; None when nothing says."""
    explicit = attrs.get("agenttrace.span.type")
    if isinstance(explicit, str) and explicit.lower() in _EXPLICIT_TYPES:
        return _EXPLICIT_TYPES[explicit.lower()]
    oi = attrs.get(OI_KIND)
    if isinstance(oi, str):
        return _OI_TYPES.get(oi.upper(), SpanType.OTHER)
    op = attrs.get("gen_ai.operation.name")
    if isinstance(op, str) and op:
        return _op_type(op)
    tl = attrs.get("traceloop.span.kind")
    if isinstance(tl, str) and tl in _TRACELOOP_TYPES:
        return _TRACELOOP_TYPES[tl]
    if name.startswith("invoke_agent ") or name == "agent run":
        return SpanType.AGENT
    if name.startswith("execute_tool "):
        return SpanType.TOOL
    if "tool.name" in attrs or "gen_ai.tool.name" in attrs:
        return SpanType.TOOL
    if (
        "gen_ai.usage.input_tokens" in attrs
        or "gen_ai.usage.output_tokens" in attrs
        or "gen_ai.response.model" in attrs
        or "llm.request.type" in attrs
    ):
        return SpanType.LLM
    for key in AGENT_NAME_KEYS:
        if key in attrs:
            return SpanType.AGENT
    if "gen_ai.request.model" in attrs or "gen_ai.system" in attrs:
        return SpanType.LLM
    return None


def agent_from_span_name(name: str) -> str | None:
    """Agent name from ``invoke_agent <name>``, ``<name>.run``-style span names."""
    if name.startswith("invoke_agent "):
        return clip(name[13:])
    for suffix in _AGENT_METHOD_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return clip(name[: -len(suffix)].split(".", 1)[0])
    return clip(name.split(".", 1)[0] if "." in name[1:] else name)


def explicit_agent(attrs: dict[str, Any]) -> str | None:
    """The agent named by the span's own attributes (``agenttrace.*`` first)."""
    for key in _EXPLICIT_AGENT_KEYS:
        value = attrs.get(key)
        if isinstance(value, str) and value:
            return clip(value)
    return None


def tool_name(draft: SpanDraft) -> str | None:
    """The tool a tool span runs."""
    a = draft.attrs
    value = a.get("tool.name") or a.get("gen_ai.tool.name")
    if isinstance(value, str) and value:
        return value
    if draft.name.startswith("execute_tool "):
        return draft.name[13:]
    return None


def tool_arguments(draft: SpanDraft) -> dict[str, Any]:
    """The (small) JSON arguments of a tool call, parsed; {} when absent or not JSON."""
    a = draft.attrs
    parsed = loads_or_none(
        a.get("gen_ai.tool.call.arguments")
        or a.get("input.value")
        or a.get("gcp.vertex.agent.tool_call_args")
        or a.get("tool.parameters")
        or draft.input  # e.g. from a gen_ai.tool.message event
    )
    if isinstance(parsed, dict) and isinstance(parsed.get("kwargs"), dict):
        parsed = parsed["kwargs"]  # OpenInference LlamaIndex: {"kwargs": {...}}
    return parsed if isinstance(parsed, dict) else {}


def extract_handoff(draft: SpanDraft) -> None:
    """Mark handoff spans and their source/target agents when the span says so."""
    a = draft.attrs
    src, dst = a.get("gen_ai.handoff.from_agent"), a.get("gen_ai.handoff.to_agent")
    if src or dst or draft.span_type == SpanType.HANDOFF:
        _mark_handoff(draft)
        draft.handoff_from = clip(as_str(src))
        draft.handoff_to = clip(as_str(dst))
        return
    if draft.name.startswith("handoff to "):
        _mark_handoff(draft)
        draft.handoff_to = clip(draft.name[11:])
        src_value = a.get("input.value")
        if isinstance(src_value, str) and 0 < len(src_value) <= 255 and "\n" not in src_value:
            draft.handoff_from = src_value
        return
    if draft.span_type not in (SpanType.TOOL, SpanType.AGENT):
        return
    tool = tool_name(draft)
    if not tool:
        return
    target: str | None = None
    if tool in _HANDOFF_TOOLS:
        args = tool_arguments(draft)
        value = args.get(_HANDOFF_TOOLS[tool])
        note = args.get("message") or args.get("reason")
        if isinstance(note, str):
            draft.extra["handoff_content"] = note
        _mark_handoff(draft)  # without captured arguments the next agent that runs is the target
        draft.handoff_to = clip(value) if isinstance(value, str) else None
        return
    else:
        for prefix in _HANDOFF_TOOL_PREFIXES:
            if tool.startswith(prefix) and len(tool) > len(prefix):
                target = tool[len(prefix) :]
    if target:
        _mark_handoff(draft)
        draft.handoff_to = clip(target)


def _mark_handoff(draft: SpanDraft) -> None:
    if draft.is_agent_run:  # a handoff tool that an instrumentation tagged AGENT
        draft.is_agent_run = False
        draft.agent = explicit_agent(draft.attrs)
    draft.is_handoff, draft.span_type = True, SpanType.HANDOFF


def apply_common(draft: SpanDraft) -> None:
    """Fill type, agent, input/output, model, tokens and handoffs from the conventions."""
    a = draft.attrs
    span_type = span_type_of(a, draft.name)
    agent = explicit_agent(a)
    draft.span_type = span_type or SpanType.OTHER
    if agent is None and draft.span_type == SpanType.AGENT:
        agent = clip(as_str(a.get("graph.node.name") or a.get("graph.node.id")))
        if agent is None and "traceloop.entity.name" in a:
            agent = clip(as_str(a.get("traceloop.entity.name")))
        if agent is None and (
            a.get(OI_KIND)
            or draft.name.startswith("invoke_agent ")
            or a.get("traceloop.span.kind") == "agent"
        ):
            agent = agent_from_span_name(draft.name)
    draft.agent = agent
    if draft.span_type == SpanType.AGENT:
        draft.is_agent_run = agent is not None
        if agent is None:
            draft.span_type = SpanType.CHAIN
    parent = a.get("graph.node.parent_id")
    if isinstance(parent, str) and parent:
        draft.graph_parent = parent
    role = a.get("gen_ai.agent.description") or a.get("agent.role")
    if isinstance(role, str) and role:
        draft.agent_role = role
    agent_id = a.get("gen_ai.agent.id")
    if draft.is_agent_run and isinstance(agent_id, str):
        draft.agent_config["id"] = agent_id
    extract_io(draft)
    draft.model = extract_model(a)
    if draft.span_type not in _AGGREGATE_TYPES:  # agent/chain totals repeat their LLM calls
        extract_tokens(draft)
    extract_handoff(draft)
