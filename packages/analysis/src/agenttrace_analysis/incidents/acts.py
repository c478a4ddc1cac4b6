"""A run read as its agents' acts: every model call and tool call, in time order.

Frameworks store a model call's output in many shapes (OpenInference message lists, AutoGen's
``{"content": [...function calls]}``, LangChain generations, GenAI ``parts``, plain text);
:func:`read_llm_output` turns each into the assistant's text and the tools it asked for, so
that the incident finders read one shape.
"""

from __future__ import annotations

import ast
import bisect
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from itertools import pairwise
from typing import Any

from agenttrace_core.enums import SpanStatus, SpanType
from agenttrace_core.models import AgentMessage, Span

from agenttrace_analysis.incidents import text as tx
from agenttrace_analysis.trace_data import TraceData, is_agent_span

_TEXT_KEYS = ("content", "text", "output", "final_output", "result", "answer")
_SKIP_KEYS = frozenset(
    {
        "id",
        "role",
        "usage",
        "finish_reason",
        "refusal",
        "annotations",
        "audio",
        "type",
        "logprobs",
        "cached",
        "thought",
        "model",
        "created",
        "object",
        "index",
        "metadata",
    }
)
_IDENT = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
_TOOL_NAME = re.compile(r'"name"\s*:\s*"([A-Za-z0-9_.-]+)"')


def _collect_descriptions(value: Any, out: dict[str, str], depth: int = 0) -> None:
    if depth > 6:
        return
    if isinstance(value, dict):
        name, text = value.get("name"), value.get("description")
        if isinstance(name, str) and isinstance(text, str):
            out.setdefault(name, text)
        for inner in value.values():
            if isinstance(inner, dict | list):
                _collect_descriptions(inner, out, depth + 1)
    elif isinstance(value, list):
        for inner in value:
            _collect_descriptions(inner, out, depth + 1)


def _lists_tools(key: str) -> bool:
    """An attribute that lists the tools a model call or an agent was given."""
    key = key.lower()
    if "tool_call" in key or "tool.call" in key or "tool_calls" in key:
        return False
    return (
        "tools" in key
        or "tool.definitions" in key
        or "tool_definitions" in key
        or "functions" in key
        or key == "model_request_parameters"
    )


class ActKind(StrEnum):
    """What an act is."""

    LLM = "llm"
    TOOL = "tool"
    HANDOFF = "handoff"


@dataclass(frozen=True)
class ToolRequest:
    """A tool the model asked to call, with its arguments as text."""

    name: str
    arguments: str


@dataclass
class Act:
    """One model call, tool call or handoff of one agent."""

    index: int
    kind: ActKind
    span: Span
    agent: str | None
    text: str
    """A model call: the assistant's text; a tool call: its result (and error message)."""
    requests: list[ToolRequest] = field(default_factory=list)
    """A model call: the tools it asked for (a handoff is one too)."""
    arguments: str = ""
    """A tool call: its input."""

    @property
    def tool_name(self) -> str:
        """A tool call's tool: its name attribute, else the span name without the
        ``agent.`` prefix or ``execute_tool`` verb some frameworks add."""
        for key in ("tool.name", "gen_ai.tool.name", "tool_name"):
            value = self.span.attributes.get(key)
            if isinstance(value, str) and value:
                return value
        name = self.span.name.removesuffix(".tool").strip()
        name = name.removeprefix("execute_tool ").removeprefix("running tool: ")
        return name.rsplit(".", 1)[-1].strip()

    @property
    def errored(self) -> bool:
        """The span itself has an error status."""
        return self.span.status is SpanStatus.ERROR

    @property
    def start(self) -> int:
        """Start time (ns)."""
        return self.span.start_time


def _loads(text: str) -> Any:
    stripped = text.strip()
    if not stripped or stripped[0] not in "[{":
        return None
    try:
        return json.loads(stripped)
    except ValueError:
        return None


def _request(item: dict[str, Any]) -> ToolRequest | None:
    function = item.get("function")
    if isinstance(function, dict) and function.get("name"):
        return ToolRequest(str(function["name"]), _as_text(function.get("arguments")))
    name = item.get("name") or item.get("tool_name")
    if not isinstance(name, str) or not name:
        return None
    if "arguments" in item or "args" in item or item.get("type") in ("tool_call", "function_call"):
        return ToolRequest(name, _as_text(item.get("arguments", item.get("args"))))
    return None


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, default=str)


def _walk(value: Any, texts: list[str], requests: list[ToolRequest], depth: int = 0) -> None:
    if depth > 12:
        return
    if isinstance(value, list):
        for item in value:
            _walk(item, texts, requests, depth + 1)
        return
    if not isinstance(value, dict):
        return
    if value.get("role") in ("system", "developer", "user", "tool"):
        return
    calls = value.get("tool_calls")
    if isinstance(calls, list):
        for item in calls:
            if isinstance(item, dict) and (req := _request(item)) is not None:
                requests.append(req)
    if (req := _request(value)) is not None and "content" not in value:
        requests.append(req)
        return
    for key, item in value.items():
        if key in _SKIP_KEYS or key == "tool_calls":
            continue
        if key in _TEXT_KEYS and isinstance(item, str):
            if item.strip():
                texts.append(item.strip())
        elif isinstance(item, dict | list):
            _walk(item, texts, requests, depth + 1)


def _python_literal(text: str) -> Any:
    stripped = text.strip()
    if len(stripped) > 20_000 or not stripped.startswith(("{'", "[{'")):
        return None
    try:
        return ast.literal_eval(stripped)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None


def read_llm_output(output: str | None) -> tuple[str, list[ToolRequest]]:
    """The assistant's text and tool requests of a model call's stored output."""
    if not output:
        return "", []
    parsed = _loads(output)
    if parsed is None:
        return output.strip(), []
    texts: list[str] = []
    requests: list[ToolRequest] = []
    _walk(parsed, texts, requests)
    for n, piece in enumerate(texts):
        inner = _python_literal(piece)
        if inner is not None:  # a message dict printed with repr() (some instrumentations)
            more: list[str] = []
            _walk(inner, more, requests)
            texts[n] = "\n".join(more)
    unique = [t for t in dict.fromkeys(texts) if t]
    return "\n".join(unique), list(dict.fromkeys(requests))


_FUNCTION_RESULT = re.compile(r"input_messages\.\d+\.(?:function\.\d+|message\.content)$")


def _result_seen_by(span: Span, tool: str) -> str:
    """A tool's result as a later model call got it in its input (AutoGen core records the
    tool span bare: the result is only in the next call's messages)."""
    for key, value in span.attributes.items():
        if not isinstance(value, str) or not _FUNCTION_RESULT.search(key):
            continue
        parsed = _loads(value)
        if isinstance(parsed, dict) and parsed.get("name") == tool and "content" in parsed:
            return _as_text(parsed["content"])
    for message in _messages(span):
        is_result = isinstance(message, dict) and message.get("role") in ("tool", "function")
        if is_result and message.get("name") == tool:
            return message_text({**message, "role": "assistant"})
    return ""


def _fill_bare_tools(acts: list[Act]) -> None:
    """Give a tool act recorded without input or output (a bare span) the arguments its
    model call asked for and the result the agent's next model call was given."""
    bare = [
        n for n, a in enumerate(acts) if a.kind is ActKind.TOOL and not a.text and not a.arguments
    ]
    if not bare:
        return
    last_llm: dict[str | None, Act] = {}
    before: dict[int, Act] = {}
    wanted = set(bare)
    for n, act in enumerate(acts):
        if act.kind is ActKind.LLM:
            last_llm[act.agent] = act
        elif n in wanted and act.agent in last_llm:
            before[n] = last_llm[act.agent]
    next_llm: dict[str | None, Act] = {}
    after: dict[int, Act] = {}
    for n in range(len(acts) - 1, -1, -1):
        act = acts[n]
        if act.kind is ActKind.LLM:
            next_llm[act.agent] = act
        elif n in wanted and act.agent in next_llm:
            after[n] = next_llm[act.agent]
    for n in bare:
        act, name = acts[n], acts[n].tool_name
        if n in before:
            request = next((r for r in before[n].requests if r.name == name), None)
            if request is not None:
                act.arguments = request.arguments
        if n in after:
            act.text = _result_seen_by(after[n].span, name)


def _messages(span: Span) -> list[Any]:
    parsed = _loads(span.input or "")
    if isinstance(parsed, dict):
        parsed = parsed.get("messages") or parsed.get("input") or []
    return parsed if isinstance(parsed, list) else []


def message_text(message: dict[str, Any]) -> str:
    """The text of one chat message (``content`` as text or parts, GenAI ``parts``)."""
    content = message.get("content", message.get("parts"))
    if isinstance(content, str):
        parsed = _loads(content)
        if parsed is None:
            return content
        content = parsed
    texts: list[str] = []
    _walk({"content": content} if not isinstance(content, list) else content, texts, [])
    return "\n".join(texts)


def _role_text(span: Span, roles: tuple[str, ...]) -> str:
    for message in _messages(span):
        if isinstance(message, dict) and message.get("role") in roles:
            found = message_text({**message, "role": "assistant"})
            if found:
                return found
    for key, value in span.attributes.items():
        if key.endswith("message.role") and value in roles:
            prefix = key.removesuffix("role")
            for suffix in ("content", "contents.0.message_content.text"):
                content = span.attributes.get(prefix + suffix)
                if isinstance(content, str):
                    return content
    return ""


_EXAMPLES = re.compile(
    r"Here are a few examples using notional tools:.*?"
    r"Above examples? were using notional tools that might not exist for you\.",
    re.DOTALL,
)
"""A framework's worked examples in its system prompt (smolagents'): tools and tasks that
are not the agent's own."""


def instructions_of(span: Span) -> str:
    """The system (or developer) prompt of a model call, when its input shows it, without
    a framework's worked examples."""
    found = _role_text(span, ("system", "developer"))
    if not found:
        system = span.attributes.get("gen_ai.system_instructions")
        found = _as_text(system) if system else ""
    return _EXAMPLES.sub("", found)


_CURRENT_TASK = re.compile(
    r"Current Task:\s*(.+?)(?:\n\s*\n|\nThis is the expected criteria|$)", re.DOTALL
)


def first_user_text(span: Span) -> str:
    """The first user message of a model call: what the agent was asked.

    CrewAI wraps the task in a prompt of its own; the task is the ``Current Task:`` part.
    """
    text = _role_text(span, ("user", "human"))
    match = _CURRENT_TASK.search(text)
    return match.group(1).strip() if match else text


_FINAL_TOOLS = frozenset({"final_answer", "finalanswer", "final_result", "finish", "submit_answer"})


def _final_answer(text: str, requests: list[ToolRequest]) -> tuple[str, list[ToolRequest]]:
    """A model call that answers through a final-answer tool (smolagents' ``final_answer``,
    Pydantic AI's ``final_result``) gives that answer as its text."""
    finals = [r for r in requests if r.name.lower() in _FINAL_TOOLS]
    if not finals:
        return text, requests
    answer = finals[0].arguments
    parsed = _loads(answer)
    if isinstance(parsed, dict):
        answer = "\n".join(str(v) for v in parsed.values())
    rest = [r for r in requests if r not in finals]
    return "\n".join(p for p in (text, answer) if p), rest


def _agents_with_model_calls(data: TraceData) -> set[str]:
    """Agent spans with a model call of their own agent somewhere below them."""
    out: set[str] = set()
    for span in data.spans:
        if span.span_type is not SpanType.LLM:
            continue
        for above in data.ancestors(span):
            if is_agent_span(above):
                if above.span_id in out:
                    break
                out.add(above.span_id)
                if above.agent != data.owner(span):
                    break
    return out


def read_tool_output(output: str | None) -> str:
    """A tool's result as text: as stored, or the texts of a stored tool message
    (GenAI ``tool_call_response`` parts, a list of ``{"text": …}`` items)."""
    if not output:
        return ""
    parsed = _loads(output)
    if not isinstance(parsed, list) or not any(
        isinstance(m, dict) and (m.get("role") == "tool" or "text" in m) for m in parsed
    ):
        return output
    texts: list[str] = []
    _collect(parsed, texts)
    return "\n".join(dict.fromkeys(texts)) or output


def _collect(value: Any, texts: list[str], depth: int = 0) -> None:
    if depth > 12:
        return
    if isinstance(value, list):
        for item in value:
            _collect(item, texts, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in ("text", "content", "result", "output") and isinstance(item, str):
                texts.append(item)
            elif key not in ("id", "type", "role", "name", "arguments"):
                _collect(item, texts, depth + 1)


_ENUM = re.compile(r'\\?"enum\\?"\s*:\s*\[([^\]]*)\]')
_AGENT_NAME_LINE = re.compile(r"(?:^|\n|\\n)\s*Agent name:\s*([A-Za-z_][\w-]*)", re.IGNORECASE)
_LINE_BREAK = re.compile(r"\n|\\n")


def agent_blocks(text: str, names: set[str]) -> tuple[dict[str, str], str]:
    """A prompt's passages about single agents, and the rest.

    A line that names one of ``names`` (and no other) starts that agent's passage; the lines
    after it that name no agent belong to it, up to a blank line. A line naming several
    agents belongs to none and ends the passage.
    """
    lowered = {n: n.lower() for n in names}
    blocks: dict[str, list[str]] = {}
    rest: list[str] = []
    current: str | None = None
    for line in _LINE_BREAK.split(text):
        if not line.strip():
            current = None
            rest.append(line)
            continue
        low = line.lower()
        named = [n for n, ln in lowered.items() if ln in low]
        named = [n for n in named if not any(n != o and lowered[n] in lowered[o] for o in named)]
        if len(named) == 1:
            current = named[0]
        elif named:
            current = None
        if current is None:
            rest.append(line)
        else:
            blocks.setdefault(current, []).append(line)
    return {n: "\n".join(lines) for n, lines in blocks.items()}, "\n".join(rest)


def _messages_sent(data: TraceData) -> dict[str, list[AgentMessage]]:
    """The messages each agent sent to another agent, in time order."""
    out: dict[str, list[AgentMessage]] = {}
    for msg in sorted(data.messages, key=lambda m: m.timestamp):
        if msg.from_agent and msg.content and msg.to_agent != msg.from_agent:
            out.setdefault(msg.from_agent, []).append(msg)
    return out


def _sent_during(sent: list[AgentMessage], span: Span, next_start: int | None) -> str:
    """What an agent sent while its span ran (a message is stamped when it is taken up, so
    up to a second after the span ends, but not once the agent's next span has started)."""
    end = span.end_time + 1_000_000_000
    if next_start is not None:
        end = min(end, next_start - 1)
    return "\n".join(m.content or "" for m in sent if span.start_time <= m.timestamp <= end)


def _next_starts(data: TraceData) -> dict[str, int]:
    """For each agent span, when the same agent's next agent span starts."""
    by_agent: dict[str, list[Span]] = {}
    for span in data.spans:
        if is_agent_span(span) and span.agent:
            by_agent.setdefault(span.agent, []).append(span)
    out: dict[str, int] = {}
    for spans in by_agent.values():
        spans.sort(key=lambda sp: sp.start_time)
        for one, after in pairwise(spans):
            if after.start_time > one.start_time:
                out[one.span_id] = after.start_time
    return out


def _nested_same_kind(data: TraceData, span: Span) -> bool:
    """A span inside another span of the same type and agent: one call told twice."""
    parent = data.parent(span)
    return (
        parent is not None
        and parent.span_type is span.span_type
        and data.owner(parent) == data.owner(span)
    )


class RunActs:
    """The acts of a run in start order, with per-agent views."""

    def __init__(self, data: TraceData) -> None:
        self.data = data
        self.acts: list[Act] = list(self._read(data))
        self._offered: dict[str, set[str]] = {}

    @staticmethod
    def _read(data: TraceData) -> Iterator[Act]:
        speaking = _agents_with_model_calls(data)
        said = _messages_sent(data)
        next_start = _next_starts(data)
        found: list[tuple[int, Act]] = []
        for span in data.spans:
            kind: ActKind | None = None
            at = span.start_time
            if span.span_type is SpanType.LLM:
                kind = ActKind.LLM
            elif span.span_type in (SpanType.TOOL, SpanType.RETRIEVER) and not is_agent_span(span):
                kind = ActKind.TOOL
            elif span.span_type is SpanType.HANDOFF:
                kind = ActKind.HANDOFF
            elif is_agent_span(span) and span.span_id not in speaking:
                # an agent seen only from outside (no model call inside, e.g. AutoGen's
                # native spans): its output is what it said, when it finished; without
                # one, the messages it sent while it ran
                sent = _sent_during(
                    said.get(span.agent or "", []), span, next_start.get(span.span_id)
                )
                if span.output or sent:
                    kind, at = ActKind.LLM, span.end_time
            if kind is None or _nested_same_kind(data, span):
                continue
            owner = data.owner(span)
            if kind is ActKind.LLM:
                output = span.output
                if not output and is_agent_span(span):
                    output = _sent_during(
                        said.get(span.agent or "", []), span, next_start.get(span.span_id)
                    )
                text, requests = read_llm_output(output)
                text, requests = _final_answer(text, requests)
                act = Act(0, kind, span, owner, text, requests)
            elif kind is ActKind.TOOL:
                parts = [read_tool_output(span.output), span.status_message or ""]
                act = Act(
                    0,
                    kind,
                    span,
                    owner,
                    "\n".join(p for p in parts if p),
                    arguments=span.input or "",
                )
            else:
                act = Act(0, kind, span, owner, span.output or "", arguments=span.input or "")
            found.append((at, act))
        found.sort(key=lambda item: (item[0], item[1].span.span_id))
        _fill_bare_tools([act for _, act in found])
        for index, (_, act) in enumerate(found):
            act.index = index
            yield act

    @cached_property
    def by_agent(self) -> dict[str, list[Act]]:
        """Each agent's acts in order."""
        out: dict[str, list[Act]] = {}
        for act in self.acts:
            if act.agent:
                out.setdefault(act.agent, []).append(act)
        return out

    @cached_property
    def speakers(self) -> set[str]:
        """The agents with a model call (or a say of their own) among the acts."""
        return {a.agent for a in self.acts if a.agent and a.kind is ActKind.LLM}

    @cached_property
    def _positions(self) -> dict[str, list[int]]:
        return {agent: [a.index for a in acts] for agent, acts in self.by_agent.items()}

    def after(
        self, act: Act, agent: str | None = None, kind: ActKind | None = None
    ) -> Iterator[Act]:
        """Acts after ``act`` in order, of ``agent`` and of ``kind`` when given (lazily: the
        finders mostly want the first one)."""
        if agent is not None:
            own = self.by_agent.get(agent, [])
            start = bisect.bisect_right(self._positions.get(agent, []), act.index)
            candidates: Iterable[Act] = own[start:]
        else:
            candidates = self.acts[act.index + 1 :]
        for a in candidates:
            if kind is None or a.kind is kind:
                yield a

    def enclosing(self, act: Act) -> Act | None:
        """The act of the agent span around ``act`` (an agent seen only from outside)."""
        above = self.data.agent_ancestor(act.span)
        if above is None:
            return None
        return next((a for a in self.acts if a.span.span_id == above.span_id), None)

    def llm_before(self, act: Act, agent: str | None) -> Act | None:
        """The last model call of ``agent`` before ``act``."""
        for a in reversed(self.acts[: act.index]):
            if a.kind is ActKind.LLM and a.agent == agent:
                return a
        return None

    @cached_property
    def instructions(self) -> dict[str, str]:
        """Each agent's system prompt (from its first model call that shows one)."""
        out: dict[str, str] = {}
        for act in self.acts:
            if act.kind is ActKind.LLM and act.agent and act.agent not in out:
                found = instructions_of(act.span)
                if found:
                    out[act.agent] = found
        return out

    @cached_property
    def delegations(self) -> set[str]:
        """Span ids of the tool calls that hand work to another agent (a coworker or an
        agent used as a tool): their result is that agent's answer, not a tool's."""
        tools = {a.span.span_id: a for a in self.acts if a.kind is ActKind.TOOL}
        out: set[str] = set()
        for act in self.acts:
            if act.kind is not ActKind.LLM or act.agent is None:
                continue
            for above in self.data.ancestors(act.span):
                tool = tools.get(above.span_id)
                if tool is not None and tool.agent != act.agent:
                    out.add(above.span_id)
                    break
        return out

    def request_of(self, call: Act) -> ToolRequest | None:
        """The request of the model call (of the same agent, before ``call``) that asked
        for this tool call."""
        before = self.llm_before(call, call.agent)
        if before is None:
            return None
        name = call.tool_name.lower()
        return next((r for r in before.requests if r.name.lower() == name), None)

    @cached_property
    def instruction_stems(self) -> dict[str, set[str]]:
        """The content-word stems of each agent's instructions, without the passages that
        describe the other agents (a transfer list that every agent's prompt repeats)."""
        out: dict[str, set[str]] = {}
        for agent, text in self.instructions.items():
            blocks, rest = agent_blocks(text, self.agent_names)
            own = rest + "\n" + blocks.get(agent, "")
            out[agent] = {tx.stem(w) for w in tx.content_words(own)}
        return out

    @cached_property
    def agent_names(self) -> set[str]:
        """The run's agents, and the agents its prompts offer to transfer to (an enum of
        names, an "Agent name:" list) though they never ran."""
        names = {a.name for a in self.data.agents if a.name}
        seen: set[str | None] = set()
        for act in self.acts:
            if act.kind is not ActKind.LLM or act.agent in seen:
                continue  # each agent's first model call lists what its prompt offers
            seen.add(act.agent)
            for key, value in act.span.attributes.items():
                if isinstance(value, str) and (
                    "tool" in key or "instruction" in key or "system" in key or "input" in key
                ):
                    for match in _ENUM.finditer(value):
                        names.update(re.findall(r'\\?"([^"\\]+)\\?"', match.group(1)))
                    names.update(_AGENT_NAME_LINE.findall(value))
        return {n for n in names if len(n) >= 3}

    @cached_property
    def boilerplate(self) -> set[str]:
        """Stems that two or more agents' instructions share: the framework's own prompt
        ("your personal goal is", "you are an expert assistant"), not what an agent is for."""
        seen: dict[str, int] = {}
        for stems in self.instruction_stems.values():
            for word in stems:
                seen[word] = seen.get(word, 0) + 1
        return {w for w, n in seen.items() if n >= 2}

    def offered_tools(self, agent: str) -> set[str]:
        """Tools the agent could call: named in its instructions, in its model calls' tool
        lists (OpenInference ``llm.tools``, GenAI ``gen_ai.tool.definitions``, Pydantic AI's
        ``model_request_parameters``) or on its agent span (``gen_ai.agent.tools``)."""
        cached = self._offered.get(agent)
        if cached is not None:
            return cached
        names = set(_IDENT.findall(self.instructions.get(agent, "")))
        spans = [a.span for a in self.by_agent.get(agent, []) if a.kind is ActKind.LLM]
        spans += self.agent_spans.get(agent, [])
        for span in spans:
            for key, value in span.attributes.items():
                if not _lists_tools(key):
                    continue
                if isinstance(value, str):
                    names.update(_TOOL_NAME.findall(value))
                    if value.startswith("[") and '"name"' not in value:
                        listed = _loads(value)
                        if isinstance(listed, list):
                            names.update(v for v in listed if isinstance(v, str))
                elif key.endswith(("tool.name", "function.name")):
                    names.add(str(value))
                elif isinstance(value, list | tuple):
                    names.update(v for v in value if isinstance(v, str))
        self._offered[agent] = names
        return names

    def tool_descriptions(self, agent: str) -> dict[str, str]:
        """What the tool definitions the agent's model calls were given say of each tool:
        ``{"name": …, "description": …}`` at any depth (OpenAI's ``function`` objects,
        GenAI ``gen_ai.tool.definitions``, OpenInference ``llm.tools.N.tool.json_schema``)."""
        out: dict[str, str] = {}
        for act in self.by_agent.get(agent, []):
            if act.kind is not ActKind.LLM:
                continue
            for key, value in act.span.attributes.items():
                if _lists_tools(key) and isinstance(value, str) and '"description"' in value:
                    _collect_descriptions(_loads(value), out)
        return out

    @cached_property
    def agent_spans(self) -> dict[str | None, list[Span]]:
        """Each agent's own agent spans (its runs)."""
        out: dict[str | None, list[Span]] = {}
        for span in self.data.spans:
            if is_agent_span(span):
                out.setdefault(span.agent, []).append(span)
        return out

    def called_tools(self, agent: str) -> set[str]:
        """Tools the agent called (as tool spans or as requests of its model calls)."""
        names = {a.tool_name for a in self.by_agent.get(agent, []) if a.kind is ActKind.TOOL}
        for act in self.by_agent.get(agent, []):
            names.update(r.name for r in act.requests)
        return names
