"""Payloads of a span: input/output text, model and token counts, in every convention.

OpenInference (``input.value``, flattened ``llm.*_messages``, ``llm.token_count.*``), OTel
GenAI (``gen_ai.*`` attributes and the older message *events*), OpenLLMetry
(``traceloop.entity.*``) and a few framework keys (Google ADK, Pydantic AI).
"""

from __future__ import annotations

import json
from typing import Any

from agenttrace_core.enums import SpanType

from .draft import SpanDraft
from .values import as_int, as_str, loads_or_none


def extract_tokens(draft: SpanDraft) -> None:
    """Input/output/total tokens from OpenInference, GenAI or OpenLLMetry keys."""
    a = draft.attrs
    get = a.get
    inp = get("llm.token_count.prompt")
    out = get("llm.token_count.completion")
    total = get("llm.token_count.total")
    if inp is None and out is None:
        inp = get("gen_ai.usage.input_tokens")
        out = get("gen_ai.usage.output_tokens")
        if inp is None and out is None:
            inp = get("gen_ai.usage.prompt_tokens")
            out = get("gen_ai.usage.completion_tokens")
    if total is None:
        total = get("gen_ai.usage.total_tokens") or get("llm.usage.total_tokens")
    if inp is None and out is None and total is None:
        return
    inp, out, total = as_int(inp), as_int(out), as_int(total)
    if total is None and (inp is not None or out is not None):
        total = (inp or 0) + (out or 0)
    draft.input_tokens, draft.output_tokens, draft.total_tokens = inp, out, total


def extract_model(attrs: dict[str, Any]) -> str | None:
    """The model a span used (response model first, then the requested one)."""
    for key in (
        "llm.model_name",
        "gen_ai.response.model",
        "gen_ai.request.model",
        "agenttrace.agent.model",
    ):
        value = attrs.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def oi_messages(attrs: dict[str, Any], prefix: str) -> str | None:
    """Rebuild ``llm.input_messages``/``llm.output_messages`` as a JSON list (role/content/name).

    Used only when ``input.value``/``output.value`` are absent (e.g. dropped by the SDK's
    attribute-count limit), so the one scan over the keys is rare.
    """
    head = prefix + "."
    found: dict[int, dict[str, Any]] = {}
    for key, value in attrs.items():
        if not key.startswith(head):
            continue
        index, _, rest = key[len(head) :].partition(".")
        if not index.isdigit() or rest not in ("message.role", "message.content", "message.name"):
            continue
        found.setdefault(int(index), {})[rest[8:]] = value
    if not found:
        return None
    return json.dumps([found[i] for i in sorted(found)], ensure_ascii=False)


def extract_io(draft: SpanDraft) -> None:
    """Input and output text from whichever convention the span uses."""
    a = draft.attrs
    draft.input = as_str(
        a.get("input.value")
        or a.get("gen_ai.input.messages")
        or a.get("gen_ai.tool.call.arguments")
        or a.get("traceloop.entity.input")
        or a.get("gen_ai.prompt")
        or a.get("gcp.vertex.agent.tool_call_args")
        or a.get("gcp.vertex.agent.llm_request")
    )
    draft.output = as_str(
        a.get("output.value")
        or a.get("gen_ai.output.messages")
        or a.get("gen_ai.tool.call.result")
        or a.get("traceloop.entity.output")
        or a.get("gen_ai.completion")
        or a.get("gcp.vertex.agent.tool_response")
        or a.get("gcp.vertex.agent.llm_response")
        or a.get("final_result")
    )
    if draft.input is None and draft.span_type == SpanType.LLM:
        draft.input = oi_messages(a, "llm.input_messages")
    if draft.output is None and draft.span_type == SpanType.LLM:
        draft.output = oi_messages(a, "llm.output_messages")
    if (draft.input is None or draft.output is None) and draft.events:
        _io_from_events(draft)


_INPUT_EVENTS = ("gen_ai.user.message", "gen_ai.tool.message")


def _io_from_events(draft: SpanDraft) -> None:
    """GenAI *event* flavour (Strands, older semconv): message events and the choice."""
    first_input: str | None = None
    last_choice: str | None = None
    for event in draft.events:
        name = event.name
        if first_input is None and name in _INPUT_EVENTS:
            first_input = as_str(event.attributes.get("content"))
        elif name == "gen_ai.choice":
            last_choice = as_str(event.attributes.get("message")) or last_choice
    if draft.input is None:
        draft.input = first_input
    if draft.output is None:
        draft.output = last_choice


_MAX_MESSAGE_JSON = 65_536


def message_text(value: str | None) -> str | None:
    """The text of the last message in a GenAI/OpenAI messages JSON payload, else ``value``.

    ``[{"role": "user", "parts": [{"type": "text", "content": "hi"}]}]`` → ``"hi"``. Payloads
    over 64 kB are returned unparsed.
    """
    if not value or len(value) > _MAX_MESSAGE_JSON or not value.startswith("[{"):
        return value
    parsed = loads_or_none(value)
    if not isinstance(parsed, list) or not parsed or not isinstance(parsed[-1], dict):
        return value
    last = parsed[-1]
    parts = last.get("parts")
    if isinstance(parts, list):
        texts = [
            str(p["content"])
            for p in parts
            if isinstance(p, dict) and p.get("type") == "text" and isinstance(p.get("content"), str)
        ]
        if texts:
            return "\n".join(texts)
    content = last.get("content")
    if isinstance(content, str) and content:
        return content
    blocks = [
        str(b["text"]) for b in parsed if isinstance(b, dict) and isinstance(b.get("text"), str)
    ]
    return "\n".join(blocks) if blocks else value
