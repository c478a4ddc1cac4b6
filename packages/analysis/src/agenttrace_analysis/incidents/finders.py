"""One finder per kind of failure that real multi-agent runs show, over the run's acts.

Each finder returns :class:`Incident` items: the agent to blame, the act where it went wrong,
the evidence spans and a sentence a person can check against the trace.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from agenttrace_core.enums import MessageKind

from agenttrace_analysis.incidents import text as tx
from agenttrace_analysis.incidents.acts import (
    Act,
    ActKind,
    RunActs,
    first_user_text,
)

logger = logging.getLogger(__name__)


class IncidentKind(StrEnum):
    """The kinds of failure the finders recognise."""

    FABRICATION = "fabrication"
    IGNORED_VERDICT = "ignored_verdict"
    MISROUTE = "misroute"
    UPSTREAM_LOOP = "upstream_loop"
    PREMATURE_TERMINATION = "premature_termination"
    WRONG_FACT = "wrong_fact"


CONFIDENCE: dict[IncidentKind, float] = {
    IncidentKind.FABRICATION: 0.8,
    IncidentKind.IGNORED_VERDICT: 0.75,
    IncidentKind.MISROUTE: 0.6,
    IncidentKind.UPSTREAM_LOOP: 0.7,
    IncidentKind.PREMATURE_TERMINATION: 0.6,
    IncidentKind.WRONG_FACT: 0.45,
}


@dataclass
class Incident:
    """One failure: who, where (the decisive act), why, and the spans that show it."""

    kind: IncidentKind
    agent: str
    act: Act
    sentence: str
    evidence: list[Act] = field(default_factory=list)
    weak: bool = False
    """Read from weaker evidence (word overlap only): it names the culprit only when no
    other incident does."""

    @property
    def confidence(self) -> float:
        """How sure the finder is."""
        return CONFIDENCE[self.kind]

    @property
    def span_ids(self) -> list[str]:
        """The decisive span first, then the evidence, without repeats."""
        ids = [self.act.span.span_id, *(a.span.span_id for a in self.evidence)]
        return list(dict.fromkeys(ids))


def _short(text: str, limit: int = 90) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


_LOOP_EXITS = frozenset({"exit_loop", "finish", "task_complete", "complete_task"})
"""A framework's tools for ending a loop or a task: asking for one with words is answering."""

_ANSWER_TOOLS = frozenset({"final_answer", "final_result"})
"""A framework's way to hand in an answer: its text is the agent's answer, not a result."""


def _failed(act: Act) -> bool:
    if act.kind is not ActKind.TOOL:
        return False
    if act.tool_name in _ANSWER_TOOLS:
        return act.errored
    text = read_nested_content(act.text)
    if act.errored or tx.tool_failed(text):
        return True
    if not _is_action_tool(act.tool_name):
        return False
    # an action refused ({"status": "rejected"} or "entry rejected: …" from make_payment or
    # submit_entry; a checker's "rejected" is a verdict)
    result = _tool_result(text)
    if isinstance(result, dict):
        return (
            str(result.get("status", "")).lower() in _REFUSED
            or any(result.get(k) is False for k in _DONE_FLAGS)
            or bool(result.get("errors"))
            or bool(_ERROR_CODE.fullmatch(str(result.get("code") or result.get("error_code", ""))))
        )
    return bool(_REFUSED_TEXT.search(text[:300]))


_REFUSED = frozenset({"rejected", "refused", "declined"})

_ERROR_CODE = re.compile(r"[A-Z_]*(NOT_FOUND|INVALID|ERROR|DENIED|REJECTED|FAILED|UNKNOWN)[A-Z_]*")
"""An error code in an action's result: ``{"ok": false, "code": "ACCOUNT_NOT_FOUND"}``."""

_DONE_FLAGS = ("accepted", "succeeded", "created", "submitted", "booked", "placed")
"""An action's result that says it did not happen: ``{"accepted": false, …}``."""

_REFUSED_TEXT = re.compile(
    r"^\W*(?:[a-z]+\s+){0,2}(?:was\s+)?(rejected|refused|declined)\b\s*[:;.,-]"
    r"|\bno (entry|booking|order|payment|change|record|submission)s? (was |were )?"
    r"(made|created|placed|saved|submitted|recorded)\b",
    re.IGNORECASE,
)


# --- a failed tool, then an answer as if it had worked --------------------------------------


def fabrications(run: RunActs) -> list[Incident]:
    """An agent's tool fails and its next answer does not say so (nor retry successfully)."""
    found: list[Incident] = []
    handled: set[int] = set()
    for act in run.acts:
        if act.index in handled or not act.agent or not _failed(act):
            continue
        if act.span.span_id in run.delegations:
            continue  # the other agent's answer: judged where it was made
        failed = act
        for later in run.after(act, agent=act.agent):
            if later.kind is ActKind.TOOL:
                if later.tool_name == failed.tool_name:
                    handled.add(later.index)
                    if not _failed(later):
                        break  # a retry worked
                    failed = later
                continue
            said = _handoff_message(later) if later.kind is ActKind.LLM else ""
            if not said and (later.kind is not ActKind.LLM or later.requests or not later.text):
                continue
            said = said or later.text
            if tx.calls_in_code(later.text, failed.tool_name):
                continue  # a code step that calls the tool again: a retry, judged by its result
            if not tx.admits_failure(said):
                found.append(
                    Incident(
                        IncidentKind.FABRICATION,
                        act.agent,
                        later,
                        f"{act.agent}'s call of {failed.tool_name} failed "
                        f"({_short(failed.text, 70)}), and its next answer reports a result "
                        f'as if it had worked: "{_short(said)}"',
                        [failed],
                    )
                )
            break
    return found


_HANDOFF_TOOL = re.compile(r"handoff|hand_off|transfer", re.IGNORECASE)


def _handoff_message(act: Act) -> str:
    """What a model call tells the agent it hands the work to: the text it writes into a
    handoff request (``handoff_to_agent(message=…)``), when handing off is all it does."""
    if not act.requests or not all(_HANDOFF_TOOL.search(r.name) for r in act.requests):
        return ""
    texts: list[str] = []
    for r in act.requests:
        args = _tool_result(r.arguments)
        if isinstance(args, dict):
            texts += [v for v in args.values() if isinstance(v, str) and len(v.split()) >= 4]
    return "\n".join(texts)


# --- a negative verdict, then carrying on -------------------------------------------------


def _verdicts(run: RunActs) -> Iterable[tuple[Act, str]]:
    task = next((first_user_text(a.span) for a in run.acts if a.kind is ActKind.LLM), "")
    for act in run.acts:
        if (
            act.kind is ActKind.TOOL and (act.span.span_id in run.delegations or not _failed(act))
        ) or (
            act.kind is ActKind.LLM
            and act.text
            and all(_HANDOFF_TOOL.search(r.name) for r in act.requests)
        ):  # what a model says, alone or as it hands the work on
            words = tx.negative_verdict(act.text, task)
        else:
            continue
        if act.kind is ActKind.LLM and not any(
            a.kind is ActKind.TOOL or a.agent != act.agent for a in run.acts[: act.index]
        ):
            continue  # nothing done yet to pass a verdict on: the request told in its words
        if words and not tx.reports_handled(act.text):
            yield act, words


def _receiver_act(run: RunActs, verdict: Act) -> Act | None:
    """The act that takes up a verdict: the calling agent's next model call for a tool's
    verdict; the next model call of another agent for an agent's verdict."""
    holder = verdict.agent  # who has the verdict now: a hand-back passes it on
    for later in run.after(verdict):
        if (
            verdict.kind is ActKind.TOOL
            and later.kind is ActKind.LLM
            and later.agent == holder
            and not later.text.strip()
            and (back := _hands_back(run, later))
        ):
            holder = back
            continue
        if later.kind is ActKind.TOOL and verdict.kind is ActKind.LLM:
            if later.agent and later.agent != verdict.agent and later.agent not in run.speakers:
                return later  # an agent seen only by its tool calls acts on it
            continue
        if later.kind is not ActKind.LLM:
            continue
        if later.text.strip().strip("'\"`.") in run.agent_names and not later.requests:
            continue  # a selector naming the next speaker: it passes the verdict on
        if verdict.kind is ActKind.TOOL and later.agent == holder:
            return later
        if verdict.kind is ActKind.LLM and later.agent and later.agent != verdict.agent:
            return later
    return None


def _hands_back(run: RunActs, act: Act) -> str | None:
    """The agent that ``act`` hands the work back to: its only request is a transfer to an
    agent that handed work to this one before."""
    if len(act.requests) != 1 or not _ROUTE_PREFIX.match(act.requests[0].name):
        return None
    target = _ROUTE_PREFIX.sub("", act.requests[0].name)
    handed = {h[0] for h in _handoffs(run) if h[1] == act.agent and h[2] <= act.start}
    return target if target in handed else None


_NEEDS = re.compile(r"\b(needs?|requires?|without|first|before|has to|must get)\b", re.IGNORECASE)
"""A verdict that says what is missing (a permission, an approval) rather than no."""


def _sentences(text: str) -> list[str]:
    """The sentences of a text, or of the string values of a JSON object."""
    parsed = _tool_result(text)
    values: list[str] = []
    if isinstance(parsed, dict | list):
        stack: list[Any] = [parsed]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, str):
                values.append(item)
    else:
        values = [text]
    return [
        part.strip() for v in values for part in re.split(r"(?<=[.!?])\s+|\n", v) if part.strip()
    ]


def _calls_made(run: RunActs, reply: Act) -> list[Act]:
    """The tool calls a model call's agent ran right after it, when the call's own requests
    were not recorded (the OpenAI Agents SDK's GenAI spans)."""
    if reply.requests or reply.kind is not ActKind.LLM:
        return []
    out: list[Act] = []
    for later in run.after(reply, agent=reply.agent):
        if later.kind is not ActKind.TOOL:
            break
        out.append(later)
    return out


_HOLDING_TOOL = re.compile(
    r"(hold|pause|suspend|defer|postpone|cancel|withdraw|decline|reject|escalate|flag|"
    r"quarantine|block|halt|stop|refer|waitlist)(_|$)",
    re.IGNORECASE,
)
"""A tool named for not going ahead: ``hold_appointment``, ``escalate_to_manager``."""


def _takes_up(run: RunActs, verdict: Act, reply: Act, words: str = "") -> bool:
    """Whether ``reply`` acts on the negative ``verdict`` (fixes, retries, holds, declines)."""
    made = _calls_made(run, reply)
    said = [reply.text, *(r.arguments for r in reply.requests), *(a.arguments for a in made)]
    payload = " ".join(said)
    earlier = run.acts[: verdict.index]
    before = " ".join(a.text + " " + a.arguments for a in earlier)
    new_words = " ".join(  # the payload without what it copies from before (a draft's wording)
        part for text in said for part in _sentences(text) if part not in before
    )
    if _acts_on(run, verdict, reply, made) or tx.revises(new_words):
        return True
    if reply.requests and tx.negative_verdict(new_words):
        return True  # it passes the "no" on in what it asks for (a handoff's message)
    objected = {q for q in tx.quoted(verdict.text) if q in before.lower()}
    if objected and not any(q in payload.lower() for q in objected):
        drafts = [a.text for a in earlier if any(q in a.text.lower() for q in objected)]
        if any(_overlap(draft, payload) >= 0.3 for draft in drafts):
            return True  # a new version without what the verdict objected to
    asked = next((first_user_text(a.span) for a in earlier if a.kind is ActKind.LLM), "")
    new_numbers = tx.numbers(verdict.text) - tx.numbers(before) - tx.numbers(asked)
    if new_numbers & tx.numbers(payload):
        return True  # the correction the verdict asked for is in what the agent does next
    others = [a.text for a in earlier if a.kind is ActKind.LLM and a.agent != verdict.agent]
    for draft in others:  # a figure of a draft that the verdict names, left out of a new version
        named = (tx.numbers(draft) & tx.numbers(verdict.text)) - tx.numbers(asked)
        if (
            named - tx.numbers(payload)
            and _overlap(draft, payload) >= 0.3
            and tx.numbers(payload) - tx.numbers(draft)
        ):
            return True
    last_own = next(
        (
            a
            for a in reversed(earlier)
            if a.agent == reply.agent and a.kind is reply.kind and a.text
        ),
        None,
    )
    source = verdict.tool_name if verdict.kind is ActKind.TOOL else (verdict.agent or "")
    if last_own is not None and (
        tx.calls_in_code(last_own.text, source) or any(r.name == source for r in last_own.requests)
    ):
        last_own = None  # the step that asked for the verdict is no draft of a new version
    if last_own is not None and _overlap(last_own.text, payload) >= 0.3:
        added = tx.words(payload) - tx.words(last_own.text) - tx.words(asked)
        if added & tx.words(verdict.text):
            return True  # a new version of its own text that adds what the verdict named
        dropped = tx.words(last_own.text) - tx.words(payload)
        dropped_numbers = tx.numbers(last_own.text) - tx.numbers(payload)
        if dropped & tx.words(verdict.text) or dropped_numbers & tx.numbers(verdict.text):
            return True  # … or leaves out what the verdict objected to
    own = " ".join(a.text + " " + a.arguments for a in earlier if a.agent == reply.agent).lower()
    terms = () if verdict.text.lstrip()[:1] in "{[" else set(tx.quoted(verdict.text)) - objected
    if any(q not in own and q in payload.lower() for q in terms):
        return True  # a term the verdict asked for, new to this agent, is in its next step
    if reply.requests and _NEEDS.search(words):
        wanted = {tx.stem(w) for w in tx.content_words(words)}
        asked_for = {tx.stem(w) for r in reply.requests for w in re.split(r"[^A-Za-z]+", r.name)}
        if wanted & asked_for:
            return True  # it asks for what the verdict says is missing (a permission …)
    if reply.requests:
        used = {a.tool_name for a in run.acts[: verdict.index] if a.agent == reply.agent}
        used |= {
            r.name for a in run.acts[: verdict.index] if a.agent == reply.agent for r in a.requests
        }
        return any(r.name in used for r in reply.requests)  # back to the author: a redo
    return False


def _answer_owns_up(run: RunActs, verdict: Act, reply: Act) -> bool:
    """The receiving agent's last answer tells what the verdict flagged, by its names
    (``Bao Down``, ``Calder Crepes``), as not done: the verdict was acted on, step by step."""
    answers = [
        a
        for a in run.by_agent.get(reply.agent or "", [])
        if a.kind is ActKind.LLM and a.text and not a.requests and a.index > reply.index
    ]
    last = answers[-1].text if answers else ""
    if not (tx.negative_verdict(last) or tx.admits_failure(last)):
        return False
    flagged = set(_NAMES.findall(verdict.text)) - set(_NAMES.findall(first_user_text(reply.span)))
    return bool(flagged) and all(n in last for n in flagged)


_NAMES = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
"""Names of two or more capitalised words (``Calder Crepes``)."""


def _bare_handoff_to(run: RunActs, reply: Act) -> Act | None:
    """For a bare handoff (no words of its own), the next agent's first model call: the
    conversation, verdict included, goes to that agent, which then holds the verdict."""
    if reply.text.strip() or not reply.requests or _handoff_message(reply):
        return None
    if not all(_HANDOFF_TOOL.search(r.name) for r in reply.requests):
        return None
    return next(
        (a for a in run.after(reply, kind=ActKind.LLM) if a.agent and a.agent != reply.agent),
        None,
    )


def _acts_on(run: RunActs, verdict: Act, act: Act, made: list[Act] | None = None) -> bool:
    """Plainly acts on a verdict: says no or that it failed, holds, pauses, cancels or
    escalates rather than going ahead (by its requests or the tool calls it ran, ``made``),
    or restates the verdict (it has taken it in)."""
    made = _calls_made(run, act) if made is None else made
    tools = [r.name for r in act.requests] + [a.tool_name for a in made]
    return (
        bool(tx.negative_verdict(act.text) or tx.admits_failure(act.text))
        or any(_HOLDING_TOOL.match(t) for t in tools)
        or _overlap(verdict.text, act.text) >= 0.5
    )


_REDO = re.compile(
    r"\b(ask\w*|request\w*|send\w*|sent|pass\w*|return\w*|hand\w*) (it |this |them )?(back )?"
    r"(for|to) (a |an |the )?(revision|rework|redo|re-?draft|fix|changes|correction)"
    r"|\b(send\w*|sent|pass\w*|hand\w*) (it |this |them )?back\b"
    r"|(^|[;:.,]\s*)back to (the |our )?\w+",
    re.IGNORECASE,
)
"""A reply that sends the work back to be redone: it passes the verdict on, it is not one."""


def ignored_verdicts(run: RunActs) -> list[Incident]:
    """A checker, reviewer or tool says no, and the agent it reports to carries on."""
    found: list[Incident] = []
    taken_up: set[int] = set()
    for verdict, words in _verdicts(run):
        if verdict.index in taken_up:
            continue  # it passes an earlier verdict on to be acted on ("rejected; revise it")
        reply = _receiver_act(run, verdict)
        if reply is None or not reply.agent:
            continue
        if _takes_up(run, verdict, reply, words):
            if _REDO.search(reply.text):
                taken_up.add(reply.index)
            continue
        # the checker's own agent hands the work on without a word: the next agent holds
        # the verdict (a hand-back to the author, or the author's own handoff, does not)
        passed_to = _bare_handoff_to(run, reply) if reply.agent == verdict.agent else None
        if passed_to is not None:
            if _acts_on(run, verdict, passed_to):
                continue
            reply = passed_to  # the agent that now holds the verdict carries on
        if not reply.agent or _answer_owns_up(run, verdict, reply):
            continue
        source = verdict.tool_name if verdict.kind is ActKind.TOOL else verdict.agent
        doing = (
            "calls " + ", ".join(r.name for r in reply.requests)
            if reply.requests
            else f'answers "{_short(reply.text, 70)}"'
        )
        found.append(
            Incident(
                IncidentKind.IGNORED_VERDICT,
                reply.agent,
                reply,
                f'{source} gave a negative verdict ("{words}": {_short(verdict.text, 80)}) '
                f"and {reply.agent}'s next step {doing} without acting on it",
                [verdict],
            )
        )
    return found


# --- a task sent to an agent that is not for it ------------------------------------------


def _handoffs(run: RunActs) -> list[tuple[str, str, int]]:
    """(from agent, to agent, time) of every handoff and delegation, in time order."""
    kinds = {MessageKind.HANDOFF, MessageKind.DELEGATION}
    out = [
        (m.from_agent, m.to_agent, m.timestamp)
        for m in run.data.messages
        if m.kind in kinds
        and m.from_agent
        and m.to_agent
        and m.to_agent != "*"
        and m.from_agent != m.to_agent
    ]
    return sorted(out, key=lambda h: h[2])


def _routing_act(run: RunActs, router: str, target: str, at: int) -> Act | None:
    """The router's model call that chose ``target`` (or its last one before ``at``)."""
    before = [a for a in run.by_agent.get(router, []) if a.start <= at]
    for act in reversed(before):
        if act.kind is ActKind.LLM and any(target.lower() in r.name.lower() for r in act.requests):
            return act
    for act in reversed(before):
        if act.kind is ActKind.LLM:
            return act
    handoff = [a for a in before if a.kind in (ActKind.HANDOFF, ActKind.TOOL)]
    return handoff[-1] if handoff else None


UNRELATED_ANSWER = 0.12
"""An answer that takes up less than this share of the task's words does not address it."""

TASK_WORDS = 25
"""A request of more content words than this is a framework's prompt, not a user's request:
too long to judge an answer by the words it takes up."""


_ROUTE_PREFIX = re.compile(r"^(transfer_to_|handoff_to_|hand_off_to_|ask_|delegate_to_|route_to_)")


def _chose(run: RunActs, act: Act, target: str) -> bool:
    """The router picks ``target`` itself: a handoff or tool call of its own, or a model
    call that asks for ``target`` or names it (a fixed pipeline's next step is no choice of
    the agent's)."""
    if act.kind is not ActKind.LLM:
        return True
    name = target.lower()
    if any(name in r.name.lower() for r in act.requests):
        return True
    if name in act.text.lower() or name.replace("_", " ") in act.text.lower():
        return True
    return any(
        a.kind is ActKind.HANDOFF and a.index > act.index
        for a in run.by_agent.get(act.agent or "", [])
    )


def _candidates(run: RunActs, router: str) -> set[str]:
    """The agents a router could have sent the request to: its transfer tools' targets, its
    managed agents, and the agents its tools or instructions name (a selector's list, a
    coworker list, an enum of agent names)."""
    text = run.instructions.get(router, "") + "\n" + _tool_text(run, router)
    out = {a.name for a in run.data.agents if a.name.lower() in text.lower()}
    for span in run.agent_spans.get(router, []):
        out.update(
            str(v)
            for k, v in span.attributes.items()
            if "managed_agents" in k and k.endswith("name")
        )
    for name in run.offered_tools(router):
        if _ROUTE_PREFIX.match(name):
            out.add(_ROUTE_PREFIX.sub("", name))
    listed = re.findall(
        r"^\s*([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\s*:", run.instructions.get(router, ""), re.M
    )
    out.update(listed)  # "name: what it does" lines, a selector's list
    out.update(_described(run.instructions.get(router, "")))  # "name (what it does)"
    for match in re.finditer(r"coworkers?:\s*([^\n\\\"]+)", text):
        out.update(n.strip() for n in match.group(1).split(",") if n.strip())
    for match in re.finditer(r'"enum"\s*:\s*\[([^\]]*)\]', text):
        out.update(re.findall(r'"([^"]+)"', match.group(1)))
    return {c for c in out if c and c != router and _name_words(c) - _GENERIC_ROLE_WORDS}


def _described(text: str) -> dict[str, str]:
    """Agents a prompt describes in brackets after their name: "``utility_emergency``
    (downed power lines, gas smells)"."""
    return {
        m.group(1): m.group(2)
        for m in re.finditer(r"\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`?\s*\(([^()]{3,200})\)", text)
    }


def _tool_text(run: RunActs, agent: str) -> str:
    """The tool definitions the agent's model calls were given, as text."""
    parts: list[str] = []
    for act in run.by_agent.get(agent, []):
        if act.kind is ActKind.LLM:
            parts.extend(
                str(v) for k, v in act.span.attributes.items() if "tool" in k and "call" not in k
            )
            break
    return "\n".join(parts)


def _name_words(name: str) -> set[str]:
    return {tx.stem(w) for w in re.split(r"[^A-Za-z]+", name.lower()) if len(w) >= 3}


_GENERIC_ROLE_WORDS = {
    tx.stem(w)
    for w in (
        "agent",
        "desk",
        "team",
        "assistant",
        "specialist",
        "advisor",
        "adviser",
        "officer",
        "lead",
        "manager",
        "clerk",
        "support",
        "paralegal",
        "nurse",
        "help",
        "service",
        "coworker",
        "worker",
        "expert",
        "bot",
        "task",
        "request",
        "customer",
        "client",
        "user",
        "personal",
        "goal",
        "question",
        "route",
        "right",
    )
}


_ROUTE_KEY = re.compile(
    r"^(route_?to|next|next_agent|agent|destination|assignee|team|send_to|target)$"
)


def _routed_to(text: str) -> str:
    """The agent a structured routing answer names (``{"route_to": "roads_maintenance"}``)."""
    answer = _tool_result(text)
    if not isinstance(answer, dict):
        return ""
    for key, value in answer.items():
        if isinstance(value, str) and _ROUTE_KEY.match(key.lower()):
            return value.strip()
    return ""


def _selections(run: RunActs) -> list[tuple[str, str, int]]:
    """A selector's model call that answers with one agent's name, followed by that agent."""
    out: list[tuple[str, str, int]] = []
    for act in run.acts:
        if act.kind is not ActKind.LLM or not act.agent or act.requests:
            continue
        first_line = act.text.strip().split("\n", 1)[0]
        name = _routed_to(act.text) or first_line.strip().strip("'\"`.:")
        if not name or name == act.agent or name not in run.offered_tools(act.agent):
            continue
        nxt = next(run.after(act, kind=ActKind.LLM), None)
        if nxt is not None and nxt.agent == name:
            out.append((act.agent, name, act.start))
    return out


def misroutes(run: RunActs) -> list[Incident]:
    """A router hands the task to an agent that is not for it: the agent says so (or asks
    for something unrelated), or it works and answers about something else than the task;
    and nobody routes it on."""
    found: list[Incident] = []
    handoffs = sorted(_handoffs(run) + _selections(run), key=lambda h: h[2])
    texts = [a for a in run.acts if a.kind is ActKind.LLM and a.text and not a.requests]
    for n, (router, target, at) in enumerate(handoffs):
        if any(h[0] == target for h in handoffs[n + 1 :]):
            continue  # the target passed it on: routing went on
        if any(h[0] == router and h[2] > at for h in handoffs[n + 1 :]):
            continue  # the router sent it on to someone else as well
        if any(h[0] == target and h[1] == router for h in handoffs[:n]):
            continue  # back to the agent that handed it over: a return, not a routing
        own = [a for a in run.by_agent.get(target, []) if a.start >= at]
        replies = [a for a in own if a.kind is ActKind.LLM and a.text and not a.requests]
        router_acts = [a for a in run.by_agent.get(router, []) if a.kind is ActKind.LLM]
        if not replies or not router_acts or not texts:
            continue
        task = first_user_text(router_acts[0].span)
        words = tx.declines(replies[-1].text)
        worked = any(a.kind is ActKind.TOOL and not _failed(a) for a in own)
        weak = False
        if words and not worked:
            why = f'answered "{_short(replies[-1].text, 90)}" ("{words}")'
        elif (
            len({h[1] for h in handoffs if h[0] == router}) == 1
            and len(tx.content_words(task)) <= TASK_WORDS
            and tx.addresses(texts[-1].text + " " + replies[-1].text, task) < UNRELATED_ANSWER
        ):
            why = (
                f'answered about something else ("{_short(replies[-1].text, 80)}") than '
                f'what was asked ("{_short(task, 80)}")'
            )
            weak = True
        else:
            continue
        act = _routing_act(run, router, target, at)
        if act is None or (weak and not _chose(run, act, target)):
            continue
        found.append(
            Incident(
                IncidentKind.MISROUTE,
                router,
                act,
                f"{router} sent the request to {target}, which {why}",
                [replies[-1]],
                weak=weak,
            )
        )
    return found


# --- the same tool failing round after round, because of someone's output ---------------


def _overlap(material: str, candidate: str) -> float:
    wanted = tx.words(material) | tx.numbers(material)
    if len(wanted) < 3:
        return 0.0
    have = tx.words(candidate) | tx.numbers(candidate)
    return len(wanted & have) / len(wanted)


_VALUE = re.compile(r"""["']([^"'\n]{3,80})["']""")


def _cited_values(call: Act, material: str) -> list[str]:
    """Values of the call's input that its error message quotes back (the bad value): any
    value the error puts in quotes, or a value with digits or signs that it repeats."""
    values = set(_VALUE.findall(material))
    text = call.text.replace('\\"', '"')
    quoted = set(re.findall(r"'([^'\n]{1,80})'", text)) | set(re.findall(r'"([^"\n]{1,80})"', text))
    short = {v for v in re.findall(r"""[:\[,]\s*["']([^"'\n]{1,2})["']""", material) if v.isalnum()}

    def repeated(v: str) -> bool:
        if len(v) >= 3:
            return bool(re.search(r"[^A-Za-z_ ]", v)) and v in call.text
        return bool(re.search(r"\d", v)) and _says_word(call.text, v)

    inside = {q for q in quoted if len(q) >= 3 and re.search(r"\d", q) and q in material}
    inside |= {  # a code the error quotes that is a word of an input value ('EXT' of "EXT NQY")
        q
        for q in quoted
        if re.fullmatch(r"[A-Z0-9][A-Z0-9/-]{1,11}", q) and any(_says_word(v, q) for v in values)
    }
    inside |= {  # a bare number of the input that the error repeats (lat -5.051)
        n for n in re.findall(r":\s*(-?\d+\.\d+|-?\d{3,})\b", material) if _says_word(call.text, n)
    }
    return [v for v in values | short if v in quoted or repeated(v)] + sorted(inside - values)


def _says_word(text: str, value: str) -> bool:
    if re.fullmatch(r"-?[\d.]+", value):  # a number, also as in "E30410"
        return re.search(rf"(?<![\d.]){re.escape(value)}(?![\d])", text) is not None
    return re.search(rf"(?<![\w.]){re.escape(value)}(?![\w.])", text) is not None


def _output(act: Act) -> str:
    """What a model call wrote: its text and the arguments of its requests."""
    return act.text + " " + " ".join(r.arguments for r in act.requests)


def _says(act: Act, value: str, requests: bool = True) -> bool:
    """An agent's text (and with ``requests`` what it wrote into its requests) holds the
    value (a short one as a whole word: theatre ``9``, not the 9 of ``2029``)."""
    out = _output(act) if requests else act.text
    return value in out if len(value) >= 3 else _says_word(out, value)


def _author(run: RunActs, failing: Act) -> Act | None:
    """The earliest model call of another agent whose text the failing input comes from:
    the input's words, or a value of the input that the error quotes back."""
    material = failing.arguments
    if not material:
        request = run.request_of(failing)
        material = request.arguments if request is not None else ""
    if not material:
        return None
    task = next((first_user_text(a.span) for a in run.acts if a.kind is ActKind.LLM), "")
    cited = [v for v in _cited_values(failing, material) if v not in task]  # the task's own
    others = [
        act
        for act in run.acts[: failing.index]
        if act.kind is ActKind.LLM and act.agent is not None and act.agent != failing.agent
    ]
    # the first to state the value in its text; else the first to write it into a request
    for requests in (False, True):
        for act in others:
            if any(_says(act, v, requests) for v in cited):
                return _origin(others, act, cited, task)
    for act in run.acts[: failing.index]:
        by_other = act.agent is not None and act.agent != failing.agent
        if (
            act.kind is ActKind.LLM
            and by_other
            and act.text
            and _overlap(material, act.text) >= 0.6
        ):
            return act
    return None


def _origin(others: list[Act], author: Act, cited: list[str], task: str) -> Act:
    """The agent that set the pattern the author followed: an earlier agent whose text
    states a piece of the bad value (the ``00:00:03.200`` of a malformed timing line)."""
    pieces = {
        p
        for v in cited
        for p in re.split(r"\s+|-->|=>|->", v)
        if len(p) >= 4 and re.search(r"[^A-Za-z]", p) and p not in task and p != v
    }
    for act in others:
        if act.index >= author.index:
            break
        if act.agent != author.agent and any(_says_word(act.text, p) for p in pieces):
            return act
    return author


def _reported_failed(run: RunActs, call: Act) -> bool:
    """The calling agent's next answer says the call failed (its span may not); a
    structured (JSON) result is a result, whatever the answer says."""
    if call.text.strip()[:1] in ("{", "["):
        return False
    reply = next((a for a in run.after(call, agent=call.agent, kind=ActKind.LLM) if a.text), None)
    if reply is None or reply.requests or not tx.admits_failure(reply.text):
        return False
    if tx.reports_handled(reply.text):
        return False  # "the first attempt timed out, the retry went through"
    # the answer speaks of the last of the calls before it, not of every one
    return not any(
        a.kind is ActKind.TOOL and a.agent == call.agent and a.tool_name == call.tool_name
        for a in run.acts[call.index + 1 : reply.index]
    )


def _delegate_of(run: RunActs, call: Act) -> str | None:
    """The agent that did the work of a delegation tool call."""
    for later in run.after(call, kind=ActKind.LLM):
        if later.start > call.span.end_time:
            break
        if later.agent != call.agent and any(
            s.span_id == call.span.span_id for s in run.data.ancestors(later.span)
        ):
            return later.agent
    return None


def _turned_back(call: Act) -> bool:
    """A delegated agent's answer that says the work was refused or failed."""
    return bool(tx.negative_verdict(call.text)) or _failed(call)


_CALL_ID = re.compile(r'"(?:id|tool_call_id|call_id)"\s*:\s*"[^"]*"')


def _same_input_failing(calls: list[Act], failures: list[Act]) -> list[Act]:
    """The failed calls of the first input that was sent two or more times and failed every
    time, when the tool worked for other inputs (one bad barcode among good ones)."""
    by_input: dict[str, list[Act]] = defaultdict(list)
    for call in calls:
        if call.arguments:  # the input without the call's own id
            by_input[_CALL_ID.sub("", call.arguments)].append(call)
    for same in by_input.values():
        if len(same) >= 2 and all(c in failures for c in same):
            return same
    return []


def upstream_loops(run: RunActs) -> list[Incident]:
    """A tool fails two or more times without ever working: blame whoever wrote its input."""
    by_tool: dict[str, list[Act]] = defaultdict(list)
    for act in run.acts:
        if act.kind is not ActKind.TOOL:
            continue
        if act.span.span_id in run.delegations:
            # work handed to another agent, which reports back that it could not be done
            by_tool[f"{act.tool_name} to {_delegate_of(run, act)}"].append(act)
        else:
            by_tool[act.tool_name].append(act)
    found: list[Incident] = []
    for name, calls in by_tool.items():
        failures = [
            a
            for a in calls
            if (a.span.span_id in run.delegations and _turned_back(a))
            or (a.span.span_id not in run.delegations and (_failed(a) or _reported_failed(run, a)))
        ]
        if len(failures) >= 2 and calls[calls.index(failures[0]) :] != failures:
            failures = _same_input_failing(calls, failures)  # some inputs worked, one never did
        if len(failures) < 2:
            continue  # it worked in between: a retry that helped, not a loop
        first = failures[0]
        author = _author(run, first)
        if author is not None and author.agent:
            culprit, act = author.agent, author
            how = f"{author.agent}'s output ({author.span.name}) went into it"
        else:
            requester = run.llm_before(first, first.agent) or run.enclosing(first)
            if requester is None or not first.agent:
                continue
            answer = next(run.after(failures[-1], agent=first.agent, kind=ActKind.LLM), None)
            if (
                answer is not None
                and answer.text
                and not answer.requests
                and not tx.admits_failure(answer.text)
            ):
                continue  # it then answers as if the tool had worked: a fabrication, told there
            culprit, act = first.agent, requester
            how = f"{first.agent} kept calling it with the same kind of input"
        found.append(
            Incident(
                IncidentKind.UPSTREAM_LOOP,
                culprit,
                act,
                f"{name} failed {len(failures)} times and never worked "
                f"({_short(first.text, 70)}); {how}",
                failures,
            )
        )
    return found


# --- "done" without the action the task needs ------------------------------------------


def _assignment(act: Act) -> str:
    """The first user message of a model call: what the agent was asked."""
    return first_user_text(act.span)


_POINTER = re.compile(
    r"\b(?:call|use|run|invoke|with|via|using|through)\s+`?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`?"
    r"|[\"']?(?:next_action|next_step|action_required|required_action|todo)[\"']?\s*[:=]\s*"
    r"[\"']?([a-z][a-z0-9]*(?:_[a-z0-9]+)+)"
)


_TOOL_FOR = re.compile(r"\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`? to (?!the\b|a\b|an\b)[a-z]+")
"""A tool named for what it is to do: "``refunds_agent`` to pay back"."""


def _named_in(text: str, tool: str) -> bool:
    """A text names the tool: its identifier, or its words in order ("transfer the racks"
    for ``transfer_racks``, "post adjustments" for ``post_adjustment``)."""
    low = text.lower()
    if tool.lower() in low:
        return True
    parts = [p for p in re.split(r"[^a-z]+", tool.lower()) if p]
    if len(parts) < 2:
        return False
    pattern = r"\b" + r"\w*\W+(?:\w+\W+){0,2}".join(re.escape(tx.stem(p)) for p in parts)
    return re.search(pattern, low) is not None


def _received(run: RunActs, acts: list[Act], final: Act) -> list[Act]:
    """What came back to the agent before ``final``: its tools' results, and the answers
    of other agents that reached it since its previous model call (a managed agent's
    report)."""
    got = [a for a in acts if a.index < final.index and a.kind is ActKind.TOOL and not _failed(a)]
    previous = max(
        (a.index for a in acts if a.kind is ActKind.LLM and a.index < final.index), default=None
    )
    got += [
        a
        for a in run.acts[(previous + 1 if previous is not None else 0) : final.index]
        if a.agent != final.agent and a.kind is ActKind.LLM and a.text and not a.requests
    ]
    return got


def _pointed_to(run: RunActs, acts: list[Act], final: Act, offered: set[str]) -> set[str]:
    """Tools that a result the agent got before ``final`` says to call next: named after an
    instruction word ("call ``x``", ``next_action: x``), or one of the agent's own tools
    named in the result."""
    out: set[str] = set()
    for act in _received(run, acts, final):
        for match in _POINTER.findall(act.text):
            out.update(name for name in match if name)
        out.update(
            t
            for t in offered
            if t != act.tool_name and tx.names_action(t) and _named_in(act.text, t)
        )
    return out


_PENDING = re.compile(
    r"\b(not (yet )?(provisioned|requested|created|issued|done|set up|granted|scheduled|"
    r"booked|sent|started|configured|processed|found|posted|tested|checked|inspected|visited|"
    r"reminded|notified|contacted|signed)|still needs?\b|pending|missing|outstanding|"
    r"required|awaiting|to do|unmatched|still (\w+ )?(overdue|open|pending|missing|due|"
    r"unpaid|outstanding|required|needed)|needed (now|today|urgently|before)|"
    r"(needs?|must be|has to be|have to be) (repair|fix|replac|renew|book|rebook|reschedul)\w*|"
    r"below (the )?(minimum|threshold|reorder level|par level|safe level))\b"
    r"|[\"']\w+[\"']\s*:\s*false",
    re.IGNORECASE,
)


def _pending(acts: list[Act], final: Act) -> bool:
    """A tool result the agent got before ``final`` says something is still to be done."""
    return any(
        a.kind is ActKind.TOOL and a.index < final.index and _PENDING.search(a.text) for a in acts
    )


_ITEM = re.compile(r"\b(?:[A-Z]{1,5}-)?\d{5,}\b|\b[A-Z]{2,5}-[A-Z]{1,5}-\d{2,4}\b(?!-\d)")
"""An item's id: ``31187720``, ``BNK-88121``, an asset tag such as ``HEL-TM-04``."""


def _shape(item: str) -> str:
    """Ids of one kind share a shape: letters, digits and dashes in the same places
    (``HEL-TM-04`` and ``CAM-TM-07``)."""
    return re.sub(r"[A-Z]", "A", re.sub(r"\d", "9", item))


def _left_out(acts: list[Act], final: Act, asked: str) -> dict[str, set[str]]:
    """Tools the agent ran for some of the items it was given but not for the others: the
    items (ids such as ``31187720``, ``BNK-88121``) of the same kind that it passed to no
    tool, by the tool it ran for their siblings."""
    listed = set(_ITEM.findall(asked))
    calls = [a for a in acts if a.kind is ActKind.TOOL and a.index < final.index]
    passed: set[str] = set()
    for call in calls:
        passed |= set(_ITEM.findall(call.arguments))
    out: dict[str, set[str]] = {}
    for call in calls:
        if not (tx.names_action(call.tool_name) or _is_action_tool(call.tool_name)):
            continue
        for item in set(_ITEM.findall(call.arguments)) & listed:
            siblings = {i for i in listed if _shape(i) == _shape(item)} - passed
            if siblings:
                out.setdefault(call.tool_name, set()).update(siblings)
    return out


def _more_pages(acts: list[Act], final: Act) -> str:
    """A tool whose result before ``final`` said more pages were left (``has_more``,
    page 1 of 3, a next cursor) and that was not called again."""
    calls = [a for a in acts if a.kind is ActKind.TOOL and a.index < final.index]
    for n, call in enumerate(calls):
        if any(later.tool_name == call.tool_name for later in calls[n + 1 :]):
            continue  # called again: the next page was asked for
        result = _tool_result(read_nested_content(call.text))
        if not isinstance(result, dict):
            continue
        more = result.get("has_more") is True or bool(
            result.get("next_cursor") or result.get("next_page")
        )
        page, pages = result.get("page"), result.get("pages")
        if more or (isinstance(page, int) and isinstance(pages, int) and page < pages):
            return call.tool_name
    return ""


def _list_items(result: Any) -> list[dict[str, Any]]:
    """The longest list of two or more records in a structured tool result."""
    best: list[dict[str, Any]] = []
    values = result.values() if isinstance(result, dict) else [result]
    for value in values:
        if (
            isinstance(value, list)
            and len(best) < len(value)
            and len(value) >= 2
            and all(isinstance(v, dict) for v in value)
        ):
            best = value
    return best


def _names(item: dict[str, Any]) -> list[str]:
    return [v for v in item.values() if isinstance(v, str) and len(v) >= 3]


def _chosen_by(covered: list[dict[str, Any]], rest: list[dict[str, Any]]) -> bool:
    """Whether a field tells the items acted on from the others (a status, a level below a
    line): then leaving some out was a choice."""
    for key in covered[0]:
        a = [item.get(key) for item in covered]
        b = [item.get(key) for item in rest]
        if (
            all(isinstance(v, str) and not re.search(r"\d", v) for v in a + b)  # a status
            and not set(a) & set(b)
            and len(set(a + b)) < len(a + b)
        ):
            return True
        x = [float(v) for v in a if isinstance(v, int | float) and not isinstance(v, bool)]
        y = [float(v) for v in b if isinstance(v, int | float) and not isinstance(v, bool)]
        if len(x) == len(a) and len(y) == len(b) and (max(x) < min(y) or min(x) > max(y)):
            return True
    return False


def _left_of_list(acts: list[Act], final: Act) -> dict[str, set[str]]:
    """An action tool run for some records of a list that one of the agent's tools returned
    (speakers, routes, price changes) and not for the others, when nothing in the records
    sets the others apart."""
    calls = [a for a in acts if a.kind is ActKind.TOOL and a.index < final.index and not _failed(a)]
    for source in calls:
        items = _list_items(_tool_result(read_nested_content(source.text)))
        if not items:
            continue
        later = [c for c in calls if c.index > source.index and _is_action_tool(c.tool_name)]
        for tool in dict.fromkeys(c.tool_name for c in later):
            args = " ".join(c.arguments for c in later if c.tool_name == tool)
            done = [i for i in items if any(n in args for n in _names(i))]
            rest = [i for i in items if i not in done and _names(i)]
            if done and rest and not _chosen_by(done, rest):
                return {tool: {_names(i)[0] for i in rest}}
    return {}


_RANGE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:-|\u2013|to)\s*(-?\d+(?:\.\d+)?)\s*$")


_NEEDS_ACTION_KEY = re.compile(
    r"pending|missing|out_of_(tolerance|range|spec|date)|overdue|unresolved|action_required|"
    r"required_action|requirement|reportable|excursion|violations?|breach|waitlist\w*|"
    r"unassigned|uncovered|unfilled|unallocated|unbooked|to_(erase|remove|"
    r"fix|replace|notify|review)|^(failed|failures|undelivered|bounced|not_sent|unreached)$",
    re.IGNORECASE,
)
_NEEDS_ACTION_STATUS = frozenset(
    {
        "pending",
        "held",
        "open",
        "overdue",
        "expired",
        "out of range",
        "out of tolerance",
        "required",
        "unresolved",
        "action required",
        "not started",
    }
)


def _tool_result(text: str) -> Any:
    text = text.strip()
    if text[:1] not in ("{", "["):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _calls_for_action(result: Any, depth: int = 0) -> str:
    """What in a structured tool result says something still has to be done: a value
    outside the target range the result states (``"ph": 7.9`` beside ``"targets": {"ph":
    "7.2-7.6"}``, or a reading beside ``"range_c": [2, 8]``), a field that lists pending or
    out-of-tolerance items or a requirement, an item whose status is pending or held."""
    if depth > 3:
        return ""
    if isinstance(result, list):
        for item in result[:50]:
            found = _calls_for_action(item, depth + 1)
            if found:
                return found
        return ""
    if not isinstance(result, dict):
        return ""
    ranges: dict[str, tuple[float, float]] = {}
    for key, value in result.items():
        if isinstance(value, dict) and "target" in key.lower():
            for k, v in value.items():
                match = _RANGE.match(str(v))
                if match:
                    ranges[k] = (float(match.group(1)), float(match.group(2)))
        if (
            "range" in key.lower()
            and isinstance(value, list)
            and len(value) == 2
            and all(isinstance(v, (int, float)) for v in value)
        ):
            ranges["*"] = (float(value[0]), float(value[1]))
    for key, value in result.items():
        bounds = ranges.get(key)
        if bounds and isinstance(value, (int, float)) and not bounds[0] <= value <= bounds[1]:
            return f"{key} {value} against a target of {bounds[0]:g}-{bounds[1]:g}"
    for key, value in result.items():
        if isinstance(value, bool) or value in (None, "", 0, [], {}):
            if value is True and _NEEDS_ACTION_KEY.search(key):
                return f'"{key}": true'
            continue
        if _NEEDS_ACTION_KEY.search(key) and str(value).strip().lower() not in ("no", "none"):
            return f'"{key}": {_short(json.dumps(value), 60)}'
        if key.lower() == "status" and str(value).strip().lower() in _NEEDS_ACTION_STATUS:
            return f'"status": "{value}"'
        if "*" in ranges and isinstance(value, dict):
            low, high = ranges["*"]
            for k, v in value.items():
                if (
                    isinstance(v, (int, float))
                    and not isinstance(v, bool)
                    and (k.startswith(("max", "min", "peak")) and not low <= v <= high)
                ):
                    return f"{key} {k} {v} outside {low:g}-{high:g}"
        found = _calls_for_action(value, depth + 1) if isinstance(value, (dict, list)) else ""
        if found:
            return found
    return ""


def _is_action_tool(tool: str) -> bool:
    """A tool that does something (not a lookup, not a transfer)."""
    return "_" in tool and not _LOOKUP.search(tool) and not _ROUTE_PREFIX.match(tool)


def _unmentioned(flagged: str, answer: str) -> list[str]:
    """Names in what a tool result flagged (``"waitlisted": [{"cottage": "Wren Cottage"``)
    that the answer never mentions."""
    names = re.findall(r"""[:\[,]\s*\\?"([^"\\]{3,40})\\?"(?=\s*[,}\]])""", flagged)
    low = answer.lower()
    return [n for n in names if re.search(r"[A-Za-z]", n) and n.lower() not in low]


_LOOKUP = re.compile(
    r"^(get|list|find|search|check|lookup|look_up|read|fetch|query|view|show|locate|inspect|"
    r"assess|review|scan|calculate|estimate)_|_(log|logs|records|lookup|status|history|"
    r"assessment|report|schedule|calendar|rules|info|details)$"
)


def _off_target(acts: list[Act], final: Act, every: bool = False) -> str:
    """Evidence in the agent's last tool result before ``final`` (with ``every``, in any of
    its tool results) that something had to be done (:func:`_calls_for_action`)."""
    for act in reversed(acts[: acts.index(final)]):
        if act.kind is not ActKind.TOOL:
            continue
        found = _calls_for_action(_tool_result(read_nested_content(act.text)))
        if found or not every:
            return found
    return ""


def read_nested_content(text: str) -> str:
    """A tool message that wraps its result (LangChain's ``{"type": "tool", "data":
    {"content": "…"}}``): the result inside."""
    result = _tool_result(text)
    if isinstance(result, dict) and isinstance(result.get("data"), dict):
        inner = result["data"].get("content")
        if isinstance(inner, str):
            return inner
    return text


def _done_before(acts: list[Act], final: Act) -> set[str]:
    """Action stems that the agent's answer says had *already* been done ("the duplicate was
    already cancelled on 11 March"), where one of its tool results shows the same action."""
    said = " ".join(re.findall(r"\balready (?:been |being )?(\w+)", final.text, re.IGNORECASE))
    if not said:
        return set()
    shown = " ".join(a.text for a in acts if a.kind is ActKind.TOOL and a.index < final.index)
    return tx.action_stems(said) & tx.action_stems(shown)


def premature_terminations(run: RunActs) -> list[Incident]:
    """An agent says it is done, but a tool it had for what it was asked, or that a tool
    result told it to call next, was never called; or it ran a tool for some of the items it
    was given and not for the rest."""
    found: list[Incident] = []
    called_anywhere: set[str] = set()
    for agent in run.by_agent:
        called_anywhere |= run.called_tools(agent)
    offers = [run.offered_tools(a) for a in run.by_agent if a]
    shared = set.intersection(*offers) if len(offers) > 1 else set()  # a framework's own tools
    done_stems: set[str] = set()
    for name in called_anywhere:
        done_stems |= tx.action_stems(name)
    for agent, acts in run.by_agent.items():
        llm = [a for a in acts if a.kind is ActKind.LLM]
        finals = [
            a for a in llm if a.text and all(r.name.lower() in _LOOP_EXITS for r in a.requests)
        ]
        if not llm or not finals:
            continue
        final = finals[-1]
        words = tx.claims_done(final.text)
        if not words:
            continue
        asked = _assignment(llm[0])
        asked_stems = tx.action_stems(asked)
        if tx.admits_failure(final.text) and any(
            _HOLDING_TOOL.match(a.tool_name) and not tx.action_stems(a.tool_name) & asked_stems
            for a in acts
            if a.kind is ActKind.TOOL
        ):
            continue  # it held back what it was asked for, on purpose, and says why
        brief = f"{asked}\n{run.instructions.get(agent, '')}"
        needed = tx.action_stems(brief) - done_stems
        called = run.called_tools(agent)
        offered = run.offered_tools(agent) - {agent}
        missing = {t for t in offered - called - run.agent_names if tx.action_stems(t) & needed}
        described = run.tool_descriptions(agent)
        missing |= {  # a tool for what was asked, by what its definition says it does
            t
            for t in offered - called - shared - _ANSWER_TOOLS
            if t in described and tx.action_stems(described[t]) & needed
        }
        pointed = {name for match in _POINTER.findall(brief) for name in match if name}
        pointed |= set(_TOOL_FOR.findall(brief))
        own = offered - called - shared - run.agent_names - _ANSWER_TOOLS
        missing |= {t for t in pointed & own if _is_action_tool(t)}  # "push it with push_firmware"
        missing |= _pointed_to(run, acts, final, offered) - called
        if missing and any(h[0] == agent for h in _handoffs(run)):
            missing -= _candidates(run, agent)  # it chose whom to send the work to: a routing
        if _pending(acts, final):
            wanted = {tx.stem(w) for w in tx.content_words(brief)}
            missing |= {
                t
                for t in offered - called
                if tx.names_action(t) and wanted & {tx.stem(p) for p in t.lower().split("_")[1:]}
            }
        off_target = _off_target(acts, final)
        if not off_target:
            told = next(
                (
                    a
                    for a in _received(run, acts, final)
                    if (a.kind is ActKind.LLM or a.span.span_id in run.delegations)
                    and _PENDING.search(a.text)
                ),
                None,
            )
            if told is not None:
                match = _PENDING.search(told.text)
                off_target = f'{told.agent} reported "{match.group(0) if match else ""}"'
        actions = {t for t in own if _is_action_tool(t)}
        if not off_target and actions and (earlier := _off_target(acts, final, every=True)):
            off_target = earlier  # an earlier result listed work that its tools do
        if off_target:
            missing |= actions
            if not missing:  # a manager: the coworkers it never handed anything to
                handed = {h[1] for h in _handoffs(run) if h[0] == agent}
                missing = _candidates(run, agent) - handed - {agent}
        if missing and (done := _done_before(acts, final)):
            missing = {
                t for t in missing if not tx.action_stems(t) or not tx.action_stems(t) <= done
            }
        reason = f" after {off_target}" if off_target and missing else ""
        unsaid = _unmentioned(off_target, final.text) if off_target and not missing else []
        if unsaid:  # its own tool left something undone, and its answer does not say so
            found.append(
                Incident(
                    IncidentKind.PREMATURE_TERMINATION,
                    agent,
                    final,
                    f'{agent} says the work is done ("{words}") though its last tool result '
                    f"left {', '.join(unsaid[:3])} undone ({off_target}), which the answer "
                    "does not mention",
                    [a for a in acts if a.kind is ActKind.TOOL and a.index < final.index][-1:],
                )
            )
            continue
        paged = _more_pages(acts, final) if not missing else ""
        if paged:
            missing = {paged}
            reason = " for the pages its result said were left"
        if not missing:
            left = _left_out(acts, final, asked) or _left_of_list(acts, final)
            if not left:
                continue
            missing = set(left)
            items = sorted(set().union(*left.values()))
            reason = f" for {', '.join(items[:4])}"
        found.append(
            Incident(
                IncidentKind.PREMATURE_TERMINATION,
                agent,
                final,
                f'{agent} says the work is done ("{words}") but never called '
                + ", ".join(sorted(missing))
                + reason
                + f', which what it was asked needs: "{_short(asked, 80)}"',
                [a for a in acts if a.kind is ActKind.TOOL][-1:],
            )
        )
    return found


# --- a claim questioned and kept ---------------------------------------------------------


def wrong_facts(run: RunActs) -> list[Incident]:
    """Someone questions a figure another agent stated, and the final answer keeps it."""
    llm = [a for a in run.acts if a.kind is ActKind.LLM and a.text and a.agent]
    if not llm:
        return []
    final = llm[-1]
    found: list[Incident] = []
    for act in llm[:-1]:
        words = tx.doubts(act.text)
        if not words:
            continue
        questioned = tx.numbers(act.text) & tx.numbers(final.text)
        for earlier in llm[: llm.index(act)]:
            if earlier.agent != act.agent and questioned & tx.numbers(earlier.text):
                found.append(
                    Incident(
                        IncidentKind.WRONG_FACT,
                        str(earlier.agent),
                        earlier,
                        f'{act.agent} questioned "{_short(earlier.text, 70)}" ("{words}"), '
                        f"first stated by {earlier.agent}, and the final answer keeps it",
                        [act, final],
                    )
                )
                break
    return found[:1]


_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s?(?:%|per ?cent\b)", re.IGNORECASE)


_RATE_FIELD = re.compile(
    r"[\"']\w*(?:pct|percent|percentage|rate)\w*[\"']\s*:\s*(\d+(?:\.\d+)?)", re.IGNORECASE
)


def _rates(text: str) -> set[float]:
    """The percentages a text quotes, as numbers (``2.10%``, ``2.1 percent`` and a JSON
    field ``"value_pct": 2.1`` alike)."""
    return {float(n) for n in _PERCENT.findall(text) + _RATE_FIELD.findall(text)}


def _pcts(values: set[float]) -> str:
    return ", ".join(f"{v:g}%" for v in sorted(values)[:4])


def misreported_results(run: RunActs) -> list[Incident]:
    """An agent's answer right after its tool returned percentages quotes other percentages
    and none of the tool's: it reports something else than what it got."""
    found: list[Incident] = []
    for act in run.acts:
        if act.kind is not ActKind.TOOL or not act.agent or _failed(act):
            continue
        got = _rates(act.text)
        if not got:
            continue
        reply = next((a for a in run.after(act, agent=act.agent, kind=ActKind.LLM) if a.text), None)
        if reply is None or reply.requests:
            continue
        stated = _rates(reply.text) - _rates(act.arguments)
        rounded = {float(round(v)) for v in got} | {round(v, 1) for v in got}
        first = next((float(n) for n in _PERCENT.findall(reply.text)), None)
        if first in rounded:
            continue  # its headline figure is the tool's, rounded (10.3% told as 10%)
        if stated and not (stated & got):
            found.append(
                Incident(
                    IncidentKind.WRONG_FACT,
                    act.agent,
                    reply,
                    f"{act.tool_name} returned {_pcts(got)} but "
                    f"{act.agent} reported {_pcts(stated)}: "
                    f'"{_short(reply.text, 80)}"',
                    [act],
                )
            )
    return found


_NOT_A_LABEL = frozenset({"mins", "secs", "hours", "total", "count", "value", "amount"})
"""Parts of a field name that say its unit or kind, not what it measures."""

_TIME = re.compile(r"\d{1,2}:\d{2}")


def _labelled_figures(value: Any, label: str = "") -> list[tuple[str, str, str]]:
    """(label stem, figure, field) of a structured result's numbers and clock times at any
    depth: the ``headroom_m: 3.4`` of ``{"structure": …, "headroom_m": 3.4}`` is
    ("headro", "3.4", "headroom_m")."""
    out: list[tuple[str, str, str]] = []
    if isinstance(value, dict):
        for key, item in value.items():
            out += _labelled_figures(item, str(key))
        return out
    if isinstance(value, list):
        for item in value:
            out += _labelled_figures(item, label)
        return out
    if label.lower() != label:
        return out  # an entity's name (a ticker such as NVDA), not a measure's
    if isinstance(value, int | float) and not isinstance(value, bool):
        figure = f"{value:g}"
    elif isinstance(value, str) and _TIME.fullmatch(value.strip()):
        figure = value.strip()
    else:
        return out
    parts = [p for p in re.split(r"[^a-z]+", label) if p]
    named = [p for p in parts if len(p) >= 4 and p not in _NOT_A_LABEL]
    if named:
        out.append((tx.stem(named[-1]), figure, label))
    elif len("".join(parts)) >= 5:  # short words that name it together: cut_off
        out.append(("".join(parts), figure, label))
    return out


_FIGURE_TOKENS = re.compile(
    r"[A-Za-z]+|(?<![\w/.:-])\d{1,2}:\d{2}(?![\w/:])"
    r"|(?<![\w/.:-])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w/:])"
    r"|(?<![\w/.:-])\d+(?:\.\d+)?(?![\w/:])"
)
"""Words and figures standing on their own: not the 2 of m2 or the 01 of A-01."""


_JOINED = re.compile(r"\b([a-z]{2,3})[\s_-]([a-z]{2,3})\b", re.IGNORECASE)
"""Two short words that read as one (``cut-off``, ``cut off``: ``cutoff``)."""


def _figure(token: str) -> str:
    return token if ":" in token else f"{float(token.replace(',', '')):g}"


def _figures(text: str) -> set[str]:
    return {_figure(t) for t in _FIGURE_TOKENS.findall(text) if t[0].isdigit()}


def _stated_for(tokens: list[str], label: str) -> list[str]:
    """Figures a text (its :data:`_FIGURE_TOKENS`, short word pairs :data:`_JOINED`) states
    right next to a word of stem ``label`` (``4.3 m headroom``, ``capacity 180``, ``safe
    until 15:40``)."""
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if tok[0].isalpha() and tx.stem(tok.lower()) == label:
            out += [_figure(n) for n in tokens[max(0, i - 2) : i + 4] if n[0].isdigit()]
    return out


def _misread(stated: str, got: str) -> bool:
    """``stated`` reads like ``got`` with one digit misread: two swapped, one dropped, one
    added or one changed (``4.3`` for 3.4, ``180`` for 80, ``15:40`` for 13:40); a rounding
    is no misreading."""
    if (":" in stated) != (":" in got):
        return False
    if ":" not in got:
        value = float(got)
        places = len(stated.split(".")[1]) if "." in stated else 0
        if round(value, places) == float(stated):
            return False
    a, b = re.sub(r"[.:]", "", stated), re.sub(r"[.:]", "", got)
    if a == b or min(len(a), len(b)) < 2:
        return False  # one digit is too little to tell a misreading from another figure
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        return len(diff) == 1 or (swapped and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and any(
        long_[:i] + long_[i + 1 :] == short for i in range(len(long_))
    )


def _said_before(run: RunActs, reply: Act, figure: str) -> bool:
    """Whether the task or an act that ended before ``reply`` began states ``figure`` (not a
    report that wraps the reply, such as the delegation it answers)."""
    if figure in _figures(first_user_text(reply.span)):
        return True
    return any(
        figure in _figures(a.text + " " + a.arguments)
        for a in run.acts[: reply.index]
        if a.span.end_time <= reply.span.start_time
    )


def misquoted_values(run: RunActs) -> list[Incident]:
    """An agent's answer right after its tool returned a labelled figure (``headroom_m:
    3.4``) gives that label a misreading of it (``4.3 m headroom``) that nothing in the run
    said before: it reports something else than what it got."""
    found: list[Incident] = []
    for act in run.acts:
        if act.kind is not ActKind.TOOL or not act.agent or _failed(act):
            continue
        result = _tool_result(read_nested_content(act.text))
        labelled = _labelled_figures(result) if isinstance(result, dict | list) else []
        if not labelled:
            continue
        reply = next(
            (
                a
                for a in run.after(act, agent=act.agent, kind=ActKind.LLM)
                if a.text or _handoff_message(a)
            ),
            None,
        )
        if reply is None:
            continue
        said = _handoff_message(reply) or ("" if reply.requests else reply.text)
        if not said:
            continue
        in_reply = _figures(said)
        tokens = _FIGURE_TOKENS.findall(_JOINED.sub(lambda m: m.group(1) + m.group(2), said))
        for label, got, field_name in labelled:
            if got in in_reply:
                continue  # the right figure is in the answer too
            values = {v for lab, v, _ in labelled if lab == label}
            misread = [
                n for n in _stated_for(tokens, label) if n not in values and _misread(n, got)
            ]
            wrong = next((n for n in misread if not _said_before(run, reply, n)), None)
            if wrong is None:
                continue
            found.append(
                Incident(
                    IncidentKind.WRONG_FACT,
                    act.agent,
                    reply,
                    f"{act.tool_name} returned {field_name} {got} but {act.agent} "
                    f'told it as {wrong}: "{_short(said, 80)}"',
                    [act],
                )
            )
            break
    return found


FINDERS = (
    upstream_loops,
    fabrications,
    ignored_verdicts,
    misroutes,
    premature_terminations,
    wrong_facts,
    misreported_results,
    misquoted_values,
)
