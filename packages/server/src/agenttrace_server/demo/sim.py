"""A simulated clock and span helpers for demo runs: minutes of agent work sent in a moment.

Spans get explicit start and end times from the clock (the SDK's manual API reads the same
clock), so a run has realistic durations without sleeping.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import agenttrace
from opentelemetry import trace
from opentelemetry.trace import Span, Status, StatusCode

TRACER = "agenttrace.demo"
PRICE_PER_1K = {"gpt-4o": (0.0025, 0.01), "gpt-4o-mini": (0.00015, 0.0006)}


class Sim:
    """One demo run's clock and the spans it records (LLM calls, agent turns, tools)."""

    def __init__(self, start_ns: int) -> None:
        self.now = start_ns
        self.tracer = trace.get_tracer(TRACER)
        self.trace_id: str | None = None

    def wait(self, seconds: float) -> None:
        """Let ``seconds`` of simulated time pass."""
        self.now += int(seconds * 1e9)

    def clock(self) -> int:
        """The simulated time, in ns since the epoch (the SDK's clock while a run is sent)."""
        return self.now

    @contextmanager
    def run(self, name: str, task: str) -> Iterator[Span]:
        """The root span of a run, with the user's task as its input."""
        agenttrace.use_clock(self.clock)
        try:
            with self.tracer.start_as_current_span(
                name,
                start_time=self.now,
                end_on_exit=False,
                attributes={"agenttrace.span.type": "chain", "input.value": task},
            ) as root:
                self.trace_id = format(root.get_span_context().trace_id, "032x")
                yield root
                self.wait(0.05)
                root.end(end_time=self.now)
        finally:
            agenttrace.use_clock(None)

    def llm(
        self,
        agent: str,
        *,
        model: str,
        messages: list[tuple[str, str]],
        reply: str,
        seconds: float,
        tool_call: tuple[str, dict[str, Any]] | None = None,
    ) -> str:
        """One model call of ``agent``: the prompt messages, the reply, tokens, duration."""
        prompt_tokens = sum(len(text) for _, text in messages) // 4 + 40
        completion_tokens = len(reply) // 4 + 8
        attributes: dict[str, Any] = {
            "agenttrace.span.type": "llm",
            "agenttrace.agent.name": agent,
            "openinference.span.kind": "LLM",
            "llm.model_name": model,
            "llm.system": "openai",
            "llm.token_count.prompt": prompt_tokens,
            "llm.token_count.completion": completion_tokens,
            "llm.token_count.total": prompt_tokens + completion_tokens,
            "input.value": json.dumps(
                {"messages": [{"role": r, "content": t} for r, t in messages]}
            ),
            "input.mime_type": "application/json",
            "output.value": reply,
        }
        for i, (role, text) in enumerate(messages):
            attributes[f"llm.input_messages.{i}.message.role"] = role
            attributes[f"llm.input_messages.{i}.message.content"] = text
        attributes["llm.output_messages.0.message.role"] = "assistant"
        attributes["llm.output_messages.0.message.content"] = reply
        if tool_call is not None:
            prefix = "llm.output_messages.0.message.tool_calls.0.tool_call"
            attributes[f"{prefix}.function.name"] = tool_call[0]
            attributes[f"{prefix}.function.arguments"] = json.dumps(tool_call[1])
        span = self.tracer.start_span(
            f"ChatCompletion {model}", start_time=self.now, attributes=attributes
        )
        self.wait(seconds)
        span.end(end_time=self.now)
        return reply

    @contextmanager
    def turn(self, agent: str, role: str, *, model: str, task: str | None = None) -> Iterator[Span]:
        """One turn of an agent (an ``agenttrace.agent`` span); set its output with ``said``."""
        with agenttrace.agent(agent, role, model=model) as span:
            if task is not None:
                span.set_attribute("input.value", task)
            self.wait(0.05)
            yield span
            self.wait(0.05)

    def tool(
        self,
        name: str,
        arguments: dict[str, Any],
        *,
        seconds: float,
        result: str | None = None,
        error: Exception | None = None,
    ) -> str | None:
        """A tool call with its arguments and result; ``error`` makes it fail (and is kept)."""
        try:
            with agenttrace.tool(name) as span:
                span.set_attribute("input.value", json.dumps(arguments))
                self.wait(seconds)
                if error is not None:
                    raise error
                span.set_attribute("output.value", result or "")
        except Exception:  # the tool's failure is recorded on its span; the agent goes on
            return None
        return result


def said(span: Span, text: str) -> str:
    """Record ``text`` as what an agent turn produced."""
    span.set_attribute("output.value", text)
    return text


def fail(span: Span, message: str) -> None:
    """Mark a run (or turn) as failed."""
    span.set_status(Status(StatusCode.ERROR, message))
