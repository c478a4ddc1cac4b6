"""The fallback: OpenInference, OTel GenAI (``gen_ai.*``), OpenLLMetry and plain spans.

Frameworks without a module of their own (Pydantic AI, Google ADK, Strands, smolagents,
LlamaIndex, Agno, Semantic Kernel …) come out through here: their agent names are read from
``gen_ai.agent.name`` / ``agent.name`` / ``agent_name`` / ``graph.node.id``, ``invoke_agent
<name>`` span names and OpenInference AGENT spans; handoff tools and nested agent runs become
messages in :mod:`.assemble`, agent runs that pass their output on to the next one in
:mod:`.sequence`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from agenttrace_core.enums import SpanType

from .base import Normalizer
from .common import OI_KIND, apply_common
from .draft import SpanDraft
from .sequence import sequence_messages
from .values import clip

# LlamaIndex AgentWorkflow names the acting agent only inside its event reprs
_CURRENT_AGENT = re.compile(r"current_agent_name='([^']{1,255})'")

_PREFIXES = ("openinference.instrumentation.", "opentelemetry.instrumentation.")
_KNOWN_SCOPES = {
    "gcp.vertex.agent": "google_adk",
    "pydantic-ai": "pydantic_ai",
    "strands.telemetry.tracer": "strands",
    "agno": "agno",
}


def _framework(draft: SpanDraft) -> str | None:
    """The instrumented library, from the scope name (else the convention used)."""
    scope = draft.scope_name
    known = _KNOWN_SCOPES.get(scope)
    if known is not None:
        return known
    if scope.startswith(("semantic_kernel", "Microsoft.SemanticKernel")):
        return "semantic_kernel"
    for prefix in _PREFIXES:
        if scope.startswith(prefix):
            return scope[len(prefix) :].split(".", 1)[0] or None
    if scope:
        return scope
    a = draft.attrs
    if "traceloop.span.kind" in a:
        return "openllmetry"
    if OI_KIND in a:
        return "openinference"
    if "gen_ai.operation.name" in a:
        return "otel-genai"
    return None


class GenericNormalizer(Normalizer):
    """Everything that speaks one of the shared conventions, and plain spans."""

    name = "generic"

    def matches(
        self, scope: str, version: str, resource: dict[str, Any], attributes: dict[str, Any]
    ) -> bool:
        """Match every span (the registry's fallback)."""
        return True

    def normalize(self, draft: SpanDraft) -> None:
        """Apply the shared conventions."""
        apply_common(draft)
        draft.framework = _framework(draft)
        if draft.agent is None and draft.span_type == SpanType.CHAIN:
            _workflow_agent(draft)

    def resolve(self, drafts: Sequence[SpanDraft], index: dict[tuple[str, str], SpanDraft]) -> None:
        """Messages between agent runs that hand their output to the next one."""
        sequence_messages(drafts, index)


def _workflow_agent(draft: SpanDraft) -> None:
    """``AgentWorkflow.setup_agent`` starts an agent's turn; its steps name the agent too."""
    for text in (draft.input, draft.output):
        if text and "current_agent_name=" in text:
            found = _CURRENT_AGENT.search(text)
            if found:
                draft.agent = clip(found.group(1))
                if draft.name.endswith(".setup_agent"):
                    draft.is_agent_run, draft.span_type = True, SpanType.AGENT
                return
