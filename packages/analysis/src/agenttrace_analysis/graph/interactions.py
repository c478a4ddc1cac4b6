"""Who talked to whom, and when: the interactions a run shows, in time order.

Explicit ones come from the agent messages the normalizers found (handoff, message,
delegation, broadcast, return). Implied ones come from the span tree of the whole stored run,
for what the normalizers could not see because the spans came in separate requests: an agent
span inside another agent's work was delegated by it and reports back to it when it ends; an
agent whose turn follows, under the same parent, the turn of an agent it handed work to got
a report back from that agent. Agent spans that nothing set off were invoked from the entry
point. Tools and the user / entry point make the second layer of the graph.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from enum import StrEnum

from agenttrace_core.enums import MessageKind, SpanStatus
from agenttrace_core.models import Span

from agenttrace_analysis.trace_data import TraceData, span_tokens

USER_NODE = "__user__"
"""Node id of the user / entry point (agent names never start with two underscores here)."""

TOOL_PREFIX = "tool:"
"""Node ids of tools are the tool name behind this prefix."""


class Layer(StrEnum):
    """The layers of the communication graph."""

    AGENT = "agent"
    TOOL = "tool"
    USER = "user"


class EdgeKind(StrEnum):
    """Kinds of edges: the message kinds, plus those implied by the span tree."""

    HANDOFF = "handoff"
    MESSAGE = "message"
    DELEGATION = "delegation"
    BROADCAST = "broadcast"
    RETURN = "return"
    INVOCATION = "invocation"
    TOOL_CALL = "tool_call"


@dataclass(frozen=True)
class Interaction:
    """One interaction between two nodes."""

    time: int
    source: str
    target: str
    kind: EdgeKind
    span_id: str | None
    tokens: int = 0
    error: bool = False
    in_graph: bool = True
    """False for the implied return of an invocation: it orders turns but draws no edge."""


def tool_name(span: Span) -> str:
    """The name of the tool a tool span calls."""
    for key in ("tool.name", "gen_ai.tool.name"):
        value = span.attributes.get(key)
        if isinstance(value, str) and value:
            return value
    name = span.name
    for prefix in ("execute_tool ",):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def node_id_of(agent: str | None) -> str:
    """The node of an agent, or the user node when there is none."""
    return agent if agent else USER_NODE


def tree_weights(data: TraceData) -> dict[str, tuple[int, bool]]:
    """Tokens and whether there was an error, in the subtree of every span below a root.

    One pass from the leaves up, where walking each asked-for subtree would visit a span once
    per agent or tool span above it. Only where the spans make plain trees: spans caught in
    a cycle of links are not below a root, and when span ids repeat (traces of a run may share
    one) nothing is given, as a walk counts such spans differently; callers walk those.
    """
    if len(data.by_id) != len(data.spans):
        return {}
    order: list[tuple[Span, list[Span]]] = []
    stack = list(data.roots)
    while stack:
        span = stack.pop()
        kids = data.children(span)
        order.append((span, kids))
        stack.extend(kids)
    weights: dict[str, tuple[int, bool]] = {}
    for span, kids in reversed(order):  # every child comes before its parent
        tokens, error = span_tokens(span), span.status is SpanStatus.ERROR
        for kid in kids:
            kid_tokens, kid_error = weights[kid.span_id]
            tokens += kid_tokens
            error = error or kid_error
        weights[span.span_id] = (tokens, error)
    return weights


class _Collector:
    def __init__(self, data: TraceData) -> None:
        self.data = data
        self.items: list[Interaction] = []
        self._subtree_cache: dict[str, tuple[int, bool]] | None = None

    def weight(self, span_id: str | None) -> tuple[int, bool]:
        """Tokens and whether there was an error, in the subtree of a span."""
        if span_id is None or span_id not in self.data.by_id:
            return 0, False
        if self._subtree_cache is None:
            self._subtree_cache = tree_weights(self.data)
        if span_id not in self._subtree_cache:
            tokens, error = 0, False
            for sp in self.data.subtree(self.data.by_id[span_id]):
                tokens += span_tokens(sp)
                error = error or sp.status is SpanStatus.ERROR
            self._subtree_cache[span_id] = (tokens, error)
        return self._subtree_cache[span_id]

    def add(
        self,
        time: int,
        source: str,
        target: str,
        kind: EdgeKind,
        span_id: str | None,
        *,
        in_graph: bool = True,
    ) -> None:
        tokens, error = self.weight(span_id)
        self.items.append(Interaction(time, source, target, kind, span_id, tokens, error, in_graph))


def _prompted(span: Span, told: list[tuple[int, bool]], entered_before: bool) -> bool:
    """Whether a top-level agent span was set off by another agent's message.

    A message (not a return) that reaches the agent before the span ends did; so did a return
    that reached it before the span started, when the agent had already been entered once.
    """
    return any(
        (not is_return and t <= span.end_time)
        or (is_return and entered_before and t <= span.start_time)
        for t, is_return in told
    )


def collect(data: TraceData) -> list[Interaction]:
    """Every interaction of the run, in time order."""
    col = _Collector(data)
    names = data.agent_names
    explicit: set[tuple[str, str]] = set()
    for msg in data.messages:
        source = node_id_of(msg.from_agent)
        kind = EdgeKind(msg.kind.value)
        if msg.to_agent and msg.to_agent != "*":
            targets = [msg.to_agent]
        else:
            targets = [n for n in names if n != msg.from_agent]
            kind = EdgeKind.BROADCAST if msg.kind is MessageKind.MESSAGE else kind
        for target in targets:
            if target != source:
                explicit.add((source, target))
                col.add(msg.timestamp, source, target, kind, msg.span_id)
    told: dict[str, list[tuple[int, bool]]] = {}
    for msg in data.messages:
        if msg.from_agent and msg.to_agent:
            told.setdefault(msg.to_agent, []).append(
                (msg.timestamp, msg.kind is MessageKind.RETURN)
            )
    entered: set[str] = set()
    for sp in data.agent_spans:
        assert sp.agent is not None
        parent = data.parent(sp)
        source = node_id_of(data.owner(parent) if parent else None)
        if source == sp.agent or (source, sp.agent) in explicit:
            continue
        if source == USER_NODE and _prompted(sp, told.get(sp.agent, []), sp.agent in entered):
            continue  # an agent's message, not the entry point, got this agent going
        entered.add(sp.agent)
        if source == USER_NODE:
            col.add(sp.start_time, source, sp.agent, EdgeKind.INVOCATION, sp.span_id)
            continue
        # nested in another agent's work: what the normalizer makes of it within one request
        col.add(sp.start_time, source, sp.agent, EdgeKind.DELEGATION, sp.span_id)
        col.add(sp.end_time, sp.agent, source, EdgeKind.RETURN, sp.span_id)
    _reports_back(data, col, explicit)
    for sp in data.tool_calls:
        source = node_id_of(data.owner(sp))
        col.add(sp.start_time, source, TOOL_PREFIX + tool_name(sp), EdgeKind.TOOL_CALL, sp.span_id)
    col.items.sort(key=lambda it: (it.time, it.kind is EdgeKind.RETURN, it.source, it.target))
    return col.items


def _reports_back(data: TraceData, col: _Collector, explicit: set[tuple[str, str]]) -> None:
    """Turns under one parent: ``… a → b`` where ``b`` had handed work to ``a`` before.

    A supervisor's worker ends its turn and the supervisor takes over again (LangGraph nodes
    under the graph's run): the worker reported back. Drawn only when no message says so.
    """
    turns: dict[str, list[Span]] = {}
    for sp in data.agent_spans:
        parent = data.parent(sp)
        if parent is not None and data.owner(parent) is None:
            turns.setdefault(parent.span_id, []).append(sp)
    for spans in turns.values():
        for prev, cur in itertools.pairwise(spans):
            worker, boss = prev.agent, cur.agent
            if worker is None or boss is None or worker == boss:
                continue
            if (boss, worker) in explicit and (worker, boss) not in explicit:
                explicit.add((worker, boss))
                col.add(prev.end_time, worker, boss, EdgeKind.RETURN, prev.span_id)


def agent_sequence(items: list[Interaction]) -> list[tuple[str, Interaction]]:
    """The order in which agents held the floor: ``(agent, interaction that gave it)``.

    Tool calls and the user node are left out; consecutive repeats collapse into one.
    """
    seq: list[tuple[str, Interaction]] = []
    for it in items:
        if it.kind is EdgeKind.TOOL_CALL:
            continue
        for node in (it.source, it.target):
            if node == USER_NODE or (seq and seq[-1][0] == node):
                continue
            if it.kind is EdgeKind.BROADCAST and node == it.target:
                continue
            seq.append((node, it))
    return seq
