"""Messages between agent runs that follow one another under the same non-agent span.

Pipelines and group chats written with a framework that has no notion of a team (Pydantic AI
applications, hand-written GenAI debates) show as sibling ``invoke_agent`` spans under an
application or workflow span; workflow agents (Google ADK's sequential and loop agents) run
their sub-agents one after the other without a model call of their own. Nothing says who
talked to whom, but the next agent is given what the previous one said: when an agent run's
input contains the output of the agent run just before it, that output is a message from the
one to the other.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence

from agenttrace_core.enums import MessageKind, SpanType

from .draft import MessageDraft, SpanDraft
from .payloads import message_text
from .values import loads_or_none

Index = dict[tuple[str, str], SpanDraft]

MIN_QUOTED = 12
"""Outputs shorter than this are too common to prove that the next agent was given them."""
QUOTED_PREFIX = 400
"""Only this much of an output is looked for in the next input (enough to be unmistakable)."""


def _forms(text: str) -> tuple[str, ...]:
    """The text as it can appear in another payload: itself and JSON-escaped (both ways)."""
    escaped = json.dumps(text, ensure_ascii=False)[1:-1]
    ascii_escaped = json.dumps(text)[1:-1]
    return tuple(dict.fromkeys((text, escaped, ascii_escaped)))


def _llm_payloads(
    drafts: Iterable[SpanDraft], runs: set[tuple[str, str]]
) -> tuple[dict[str, str], dict[str, str]]:
    """For agent runs without input or output of their own: the input of their first model
    call and the output of their last one."""
    first: dict[str, tuple[int, str]] = {}
    last: dict[str, tuple[int, str]] = {}
    for d in drafts:
        if d.span_type != SpanType.LLM or not d.parent_id:
            continue
        if (d.trace_id, d.parent_id) not in runs:
            continue
        seen = first.get(d.parent_id)
        if d.input and (seen is None or d.start < seen[0]):
            first[d.parent_id] = (d.start, d.input)
        seen = last.get(d.parent_id)
        if d.output and (seen is None or d.start > seen[0]):
            last[d.parent_id] = (d.start, d.output)
    return (
        {span_id: text for span_id, (_, text) in first.items()},
        {span_id: text for span_id, (_, text) in last.items()},
    )


def _spoken(text: str | None) -> str | None:
    """The words of an output: GenAI/OpenAI messages JSON, a chat completion, or plain text."""
    if not text:
        return None
    if text.startswith("{") and '"choices"' in text[:200]:
        parsed = loads_or_none(text)
        choices = parsed.get("choices") if isinstance(parsed, dict) else None
        first = choices[0] if isinstance(choices, list) and choices else None
        message = first.get("message") if isinstance(first, dict) else None
        content = message.get("content") if isinstance(message, dict) else None
        return content if isinstance(content, str) and content else None
    return message_text(text)


def _quoted_in(text: str | None, heard: str) -> str | None:
    """``text`` when (its first :data:`QUOTED_PREFIX` characters) appear in ``heard``."""
    if not text:
        return None
    quoted = text.strip()[:QUOTED_PREFIX]
    if len(quoted) < MIN_QUOTED or not any(form in heard for form in _forms(quoted)):
        return None
    return text


def _handed_over(drafts: Sequence[SpanDraft]) -> set[tuple[str, str | None, str | None]]:
    """(trace, from, to) of what handoffs and explicit messages already say."""
    said: set[tuple[str, str | None, str | None]] = set()
    for d in drafts:
        if d.is_handoff:
            said.add((d.trace_id, d.handoff_from or d.agent, d.handoff_to))
        for m in d.messages:
            said.add((d.trace_id, m.from_agent, m.to_agent))
    return said


def sequence_messages(drafts: Sequence[SpanDraft], index: Index, *, reach: int = 1) -> None:
    """Add ``earlier agent → later agent`` messages between sibling agent runs (see module).

    ``reach`` is how many runs back a run may have been given the output of: 1 (the run just
    before) where everybody hears everything (a group chat would otherwise be drawn as
    everyone talking to everyone); more where each run is given chosen earlier outputs (the
    context of a CrewAI task).
    """
    # model calls may come from another instrumentation (another normalizer's spans)
    thinking = {
        (d.trace_id, d.parent_id)
        for d in index.values()
        if d.span_type == SpanType.LLM and d.parent_id
    }
    siblings: dict[tuple[str, str], list[SpanDraft]] = defaultdict(list)
    for d in drafts:
        if not (d.is_agent_run and d.agent and d.parent_id):
            continue
        key = (d.trace_id, d.parent_id)
        parent = index.get(key)
        if parent is None:
            continue
        if parent.is_agent_run:
            if key in thinking:  # an agent that works itself delegates to its sub-agents
                continue
        elif parent.agent is not None:
            continue
        siblings[key].append(d)
    groups = [runs for runs in siblings.values() if len(runs) > 1]
    if not groups:
        return
    keys = {(d.trace_id, d.span_id) for runs in groups for d in runs}
    llm_inputs, llm_outputs = _llm_payloads(index.values(), keys)
    said = _handed_over(drafts)
    for runs in groups:
        runs.sort(key=lambda d: (d.start, d.end))
        for i, cur in enumerate(runs):
            heard = cur.input or llm_inputs.get(cur.span_id)
            if not heard:
                continue
            for prev in reversed(runs[max(0, i - reach) : i]):
                if prev.agent == cur.agent or prev.end > cur.start:
                    continue  # the same agent again, or runs side by side rather than in turn
                if {
                    (cur.trace_id, prev.agent, cur.agent),
                    (cur.trace_id, prev.agent, None),
                } & said:
                    continue
                said_text = _quoted_in(_spoken(prev.output), heard) or _quoted_in(
                    _spoken(llm_outputs.get(prev.span_id)), heard
                )
                if said_text is None:
                    continue
                said.add((cur.trace_id, prev.agent, cur.agent))
                cur.messages.append(
                    MessageDraft(
                        MessageKind.MESSAGE,
                        prev.agent,
                        cur.agent,
                        cur.start,
                        content=said_text,
                        source="sequence",
                    )
                )
