"""OpenAI Agents SDK: OpenInference, OTel-contrib ``-v2`` and OpenLLMetry instrumentations.

All three share one scope family; what differs from the shared conventions:

* OTel contrib v2 stamps placeholder defaults (``gen_ai.agent.name="OpenAI Agent"``,
  ``gen_ai.agent.description="OpenAI Agents instrumentation"``) on every non-agent span: the
  agent comes from the nearest ``invoke_agent`` ancestor instead.
* The workflow root (OpenInference AGENT span or GenAI ``invoke_agent`` span named after the
  ``workflow_name``) names no agent: it is a chain.
* OpenLLMetry's ``<agent> → unknown.handoff`` loses the target: :mod:`.assemble` takes the
  next agent that runs.
"""

from __future__ import annotations

from typing import Any

from agenttrace_core.enums import SpanType

from .base import Normalizer
from .common import OI_KIND, apply_common
from .draft import SpanDraft

_SCOPES = (
    "openinference.instrumentation.openai_agents",
    "opentelemetry.instrumentation.openai_agents",
)
_PLACEHOLDER_AGENT = "OpenAI Agent"
_PLACEHOLDER_ROLE = "OpenAI Agents instrumentation"


class OpenAIAgentsNormalizer(Normalizer):
    """Spans of the OpenAI Agents SDK."""

    name = "openai_agents"
    framework = "openai_agents"

    def matches(
        self, scope: str, version: str, resource: dict[str, Any], attributes: dict[str, Any]
    ) -> bool:
        """Match the three instrumentations by scope name."""
        return scope in _SCOPES

    def normalize(self, draft: SpanDraft) -> None:
        """Shared conventions, minus placeholders and the nameless workflow root."""
        a = draft.attrs
        if a.get("gen_ai.agent.name") == _PLACEHOLDER_AGENT:
            a = {k: v for k, v in a.items() if not k.startswith("gen_ai.agent.")}
            original, draft.attrs = draft.attrs, a
            apply_common(draft)
            draft.attrs = original
        else:
            apply_common(draft)
        draft.framework = self.framework
        if draft.agent_role == _PLACEHOLDER_ROLE:
            draft.agent_role = None
        named = a.get("agent.name") or a.get("gen_ai.agent.name") or a.get("graph.node.id")
        if (
            draft.is_agent_run
            and not named
            and (a.get(OI_KIND) or not draft.name.startswith("invoke_agent "))
        ):
            draft.is_agent_run, draft.agent, draft.span_type = False, None, SpanType.CHAIN
