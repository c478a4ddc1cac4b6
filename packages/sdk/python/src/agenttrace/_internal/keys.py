"""Attribute keys: AgentTrace's own (docs/conventions.md) and the ones we read from others."""

from __future__ import annotations

from typing import Final, Literal

AGENT_NAME: Final = "agenttrace.agent.name"
AGENT_ROLE: Final = "agenttrace.agent.role"
AGENT_MODEL: Final = "agenttrace.agent.model"
SPAN_TYPE: Final = "agenttrace.span.type"
PROJECT: Final = "agenttrace.project"
SESSION_ID: Final = "session.id"
"""The run's session (OpenInference's key; the server also reads ``gen_ai.conversation.id``)."""

MESSAGE_EVENT: Final = "agenttrace.message"
MESSAGE_FROM: Final = "agenttrace.message.from"
MESSAGE_TO: Final = "agenttrace.message.to"
MESSAGE_KIND: Final = "agenttrace.message.kind"
MESSAGE_CONTENT: Final = "agenttrace.message.content"

CHECKPOINT_EVENT: Final = "agenttrace.checkpoint"
CHECKPOINT_ID: Final = "agenttrace.checkpoint.id"
CHECKPOINT_NAME: Final = "agenttrace.checkpoint.name"
CHECKPOINT_STEP: Final = "agenttrace.checkpoint.step"
CHECKPOINT_STATE: Final = "agenttrace.checkpoint.state"
CHECKPOINT_PARENT_ID: Final = "agenttrace.checkpoint.parent_id"
CHECKPOINT_AGENT: Final = "agenttrace.checkpoint.agent"
CHECKPOINT_THREAD_ID: Final = "agenttrace.checkpoint.thread_id"
CHECKPOINT_NS: Final = "agenttrace.checkpoint.ns"
CHECKPOINT_FRAMEWORK_ID: Final = "agenttrace.checkpoint.framework_id"
CHECKPOINT_FRAMEWORK: Final = "agenttrace.checkpoint.framework"

# OpenInference and OTel GenAI keys the SDK reads (and sets on manual tool spans).
OI_SPAN_KIND: Final = "openinference.span.kind"
OI_AGENT_NAME: Final = "agent.name"
OI_GRAPH_NODE_ID: Final = "graph.node.id"
OI_GRAPH_NODE_PARENT_ID: Final = "graph.node.parent_id"
OI_INPUT_VALUE: Final = "input.value"
OI_OUTPUT_VALUE: Final = "output.value"
OI_TOOL_NAME: Final = "tool.name"
OI_METADATA: Final = "metadata"
GENAI_AGENT_NAME: Final = "gen_ai.agent.name"

MessageKind = Literal["handoff", "message", "delegation", "broadcast", "return"]
SpanType = Literal["agent", "llm", "tool", "handoff", "message", "chain", "retriever", "other"]
