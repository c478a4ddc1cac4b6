"""CrewAI through OpenInference, in wrapper mode and in event-listener mode.

Agents are identified by their role (``graph.node.id``, span-name prefix, ``tool.agent_role``);
``graph.node.parent_id`` is the previous agent of a sequential crew. Delegation goes through
the ``Ask question to coworker`` / ``Delegate work to coworker`` tools: with an agent span
nested in the tool (event-listener mode) the shared nesting rule makes the delegation; without
one (wrapper mode) this module makes it from the tool's ``coworker`` argument and gives the
nested work to the coworker. A task given the output of earlier tasks as its context got a
message from each of their agents (:mod:`.sequence`). The event-listener ``kickoff`` carries
the crew's token total, which is not a call of its own and is cleared.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from agenttrace_core.enums import MessageKind, SpanType

from .base import Normalizer
from .common import apply_common, tool_arguments, tool_name
from .draft import MessageDraft, SpanDraft
from .sequence import sequence_messages
from .values import as_str, clip

_PREFIX = "openinference.instrumentation.crewai"
_DELEGATION_TOOLS = {
    "ask question to coworker": "question",
    "delegate work to coworker": "task",
    "ask_question_to_coworker": "question",
    "delegate_work_to_coworker": "task",
}
_CONFIG_KEYS = {
    "agent.goal": "goal",
    "agent.backstory": "backstory",
    "agent.tools": "tools",
    "agent_id": "id",
    "agent_key": "key",
}
CONTEXT_REACH = 8
"""How many earlier tasks of a crew a task's context is looked for in."""


class CrewAINormalizer(Normalizer):
    """Spans of CrewAI crews."""

    name = "crewai"
    framework = "crewai"

    def matches(
        self, scope: str, version: str, resource: dict[str, Any], attributes: dict[str, Any]
    ) -> bool:
        """Match both OpenInference CrewAI scopes."""
        return scope.startswith(_PREFIX)

    def normalize(self, draft: SpanDraft) -> None:
        """Shared conventions, the role as agent, delegation tools and the crew total."""
        apply_common(draft)
        draft.framework = self.framework
        a = draft.attrs
        if draft.agent is None:
            draft.agent = clip(as_str(a.get("tool.agent_role")))
        if draft.is_agent_run:
            draft.agent_role = draft.agent
            for key, name in _CONFIG_KEYS.items():
                if key in a:
                    draft.agent_config[name] = a[key]
        if draft.span_type == SpanType.CHAIN and draft.name.endswith(".kickoff"):
            draft.input_tokens = draft.output_tokens = draft.total_tokens = None
        if draft.span_type == SpanType.TOOL:
            tool = (tool_name(draft) or "").lower()
            if tool in _DELEGATION_TOOLS:
                args = tool_arguments(draft)
                coworker = clip(as_str(args.get("coworker")))
                if coworker:
                    draft.extra["crew_coworker"] = coworker
                    draft.extra["crew_request"] = as_str(args.get(_DELEGATION_TOOLS[tool]))

    def resolve(self, drafts: Sequence[SpanDraft], index: dict[tuple[str, str], SpanDraft]) -> None:
        """Delegations through coworker tools that have no nested agent span; task context."""
        sequence_messages(drafts, index, reach=CONTEXT_REACH)
        tools = {(d.trace_id, d.span_id): d for d in drafts if "crew_coworker" in d.extra}
        if not tools:
            return
        owner: dict[tuple[str, str], SpanDraft] = {}
        for d in index.values():
            node = index.get((d.trace_id, d.parent_id)) if d.parent_id else None
            depth = 0
            while node is not None and depth < 64:
                key = (node.trace_id, node.span_id)
                if key in tools:
                    owner[(d.trace_id, d.span_id)] = node
                    break
                if node.is_agent_run:
                    break
                node = index.get((node.trace_id, node.parent_id)) if node.parent_id else None
                depth += 1
        nested_run = {(t.trace_id, t.span_id) for k, t in owner.items() if index[k].is_agent_run}
        for key, tool in tools.items():
            if key in nested_run:
                continue
            coworker = tool.extra["crew_coworker"]
            delegator = tool.agent
            tool.messages.append(
                MessageDraft(
                    MessageKind.DELEGATION,
                    delegator,
                    coworker,
                    tool.start,
                    content=tool.extra.get("crew_request"),
                    source="crewai",
                )
            )
            tool.messages.append(
                MessageDraft(
                    MessageKind.RETURN,
                    coworker,
                    delegator,
                    tool.end,
                    content=tool.output,
                    source="crewai",
                )
            )
        for key, tool in owner.items():
            d = index[key]
            if (tool.trace_id, tool.span_id) not in nested_run and (
                d.agent_inherited or d.agent is None
            ):
                d.agent, d.agent_inherited = tool.extra["crew_coworker"], False
