"""The one-pass figures of a run's graph agree with walking the span tree span by span.

Subtree tokens and errors are summed once from the leaves up, and each agent's figures are
counted in one pass over its spans; both must give what the plain definitions give, also when
span links make a cycle or when traces of a run repeat a span id.
"""

from __future__ import annotations

from agenttrace_analysis.graph import analyze_graph
from agenttrace_analysis.graph.build import _union_ms
from agenttrace_analysis.graph.interactions import tree_weights
from agenttrace_analysis.trace_data import TraceData, is_agent_span, span_tokens
from agenttrace_core.cost import PRICES
from agenttrace_core.enums import SpanStatus, SpanType
from agenttrace_core.ids import SpanId, TraceId
from agenttrace_core.models import Agent, Span, SpanLink

TRACE = TraceId("0af7651916cd43dd8448eb211c80319c")
OTHER = TraceId("1bf7651916cd43dd8448eb211c80319d")
T0 = 1_700_000_000_000_000_000


def _span(
    n: int,
    parent: int | None,
    span_type: SpanType,
    agent: str | None = None,
    *,
    trace: TraceId = TRACE,
    status: SpanStatus = SpanStatus.OK,
    tokens: int = 0,
    link_to: int | None = None,
    span_id: str | None = None,
) -> Span:
    return Span(
        trace_id=trace,
        span_id=SpanId(span_id or f"{n:016x}"),
        parent_span_id=SpanId(f"{parent:016x}") if parent is not None else None,
        name=f"step {n}",
        span_type=span_type,
        agent=agent,
        start_time=T0 + n * 1_000_000,
        end_time=T0 + n * 1_000_000 + 5_000_000,
        status=status,
        model="gpt-4o" if span_type is SpanType.LLM else None,
        input_tokens=tokens // 2 if tokens else None,
        output_tokens=tokens - tokens // 2 if tokens else None,
        total_tokens=tokens or None,
        links=[SpanLink(trace_id=trace, span_id=SpanId(f"{link_to:016x}"))] if link_to else [],
    )


def _run(spans: list[Span], agents: list[str]) -> TraceData:
    return TraceData(
        TRACE,
        None,
        spans,
        [Agent(trace_id=TRACE, name=a, first_seen=T0) for a in agents],
        [],
        [],
        [TRACE, OTHER],
    )


def _nested() -> list[Span]:
    """Agents inside agents, tools and LLM calls below them, errors deep down."""
    return [
        _span(1, None, SpanType.CHAIN),
        _span(2, 1, SpanType.AGENT, "planner"),
        _span(3, 2, SpanType.LLM, tokens=30),
        _span(4, 2, SpanType.AGENT, "coder"),
        _span(5, 4, SpanType.LLM, tokens=12),
        _span(6, 4, SpanType.TOOL, status=SpanStatus.ERROR),
        _span(7, 6, SpanType.TOOL),
        _span(8, 4, SpanType.AGENT, "reviewer"),
        _span(9, 8, SpanType.LLM, tokens=7, status=SpanStatus.ERROR),
        _span(10, 1, SpanType.AGENT, "planner"),
        _span(11, 10, SpanType.LLM, tokens=5),
    ]


def _walked(data: TraceData, span: Span) -> tuple[int, bool]:
    """Tokens and error of a subtree by its definition: walk it."""
    below = list(data.subtree(span))
    return sum(span_tokens(sp) for sp in below), any(sp.status is SpanStatus.ERROR for sp in below)


def test_tree_weights_are_the_walked_subtrees() -> None:
    data = _run(_nested(), ["planner", "coder", "reviewer"])
    weights = tree_weights(data)
    assert set(weights) == set(data.by_id)
    for span in data.spans:
        assert weights[span.span_id] == _walked(data, span)
    assert weights[f"{1:016x}"] == (54, True)


def test_spans_in_a_cycle_of_links_are_left_to_the_walk() -> None:
    spans = [
        *_nested(),
        # 12 and 13 link to each other in place of parents: a cycle, below no root
        _span(12, None, SpanType.AGENT, "coder", link_to=13),
        _span(13, None, SpanType.AGENT, "reviewer", link_to=12),
        _span(14, 13, SpanType.LLM, tokens=4, status=SpanStatus.ERROR),
        _span(15, 12, SpanType.LLM, tokens=9),
    ]
    data = _run(spans, ["planner", "coder", "reviewer"])
    weights = tree_weights(data)
    assert {f"{n:016x}" for n in (12, 13, 14, 15)}.isdisjoint(weights)
    for span in data.spans:
        if span.span_id in weights:
            assert weights[span.span_id] == _walked(data, span)
    graph = analyze_graph(data)
    cycle_agent = next(it for it in graph.interactions if it.span_id == f"{12:016x}")
    assert (cycle_agent.tokens, cycle_agent.error) == (13, True)


def test_repeated_span_ids_give_no_tree_weights() -> None:
    twin = _span(5, 4, SpanType.LLM, tokens=100, trace=OTHER)
    data = _run([*_nested(), twin], ["planner", "coder", "reviewer"])
    assert tree_weights(data) == {}
    coder = next(it for it in analyze_graph(data).interactions if it.target == "coder")
    assert (coder.tokens, coder.error) == _walked(data, data.by_id[f"{4:016x}"])


def test_owners_is_owner_of_every_span() -> None:
    data = _run(_nested(), ["planner", "coder", "reviewer"])
    assert data.owners == {sp.span_id: data.owner(sp) for sp in data.spans}


def _known_sum(costs: list[float | None]) -> float | None:
    """The sum of the known costs; None when none is known (unknown is not 0)."""
    known = [c for c in costs if c is not None]
    return sum(known) if known else None


def test_agent_figures_are_counted_as_defined() -> None:
    spans = [*_nested(), _span(12, 8, SpanType.RETRIEVER), _span(13, 2, SpanType.AGENT, "coder")]
    data = _run(spans, ["planner", "coder", "reviewer"])
    nodes = {n: attrs for n, attrs in analyze_graph(data).graph.nodes(data=True)}
    for name in ("planner", "coder", "reviewer"):
        own = [sp for sp in data.spans if data.owner(sp) == name]
        llm = [sp for sp in own if sp.span_type is SpanType.LLM]
        expected = {
            "spans": len(own),
            "invocations": sum(1 for sp in own if is_agent_span(sp) and sp.agent == name),
            "llm_calls": len(llm),
            "tool_calls": sum(
                1 for sp in own if sp.span_type in (SpanType.TOOL, SpanType.RETRIEVER)
            ),
            "input_tokens": sum(sp.input_tokens or 0 for sp in llm),
            "output_tokens": sum(sp.output_tokens or 0 for sp in llm),
            "total_tokens": sum(span_tokens(sp) for sp in own),
            "cost_usd": _known_sum([PRICES.span_cost(sp) for sp in llm]),
            "unpriced_llm_spans": sum(1 for sp in llm if PRICES.span_cost(sp) is None),
            "errors": sum(1 for sp in own if sp.status is SpanStatus.ERROR),
            "active_ms": _union_ms((sp.start_time, sp.end_time) for sp in own),
        }
        assert {k: nodes[name][k] for k in expected} == expected
        keys = list(nodes[name])
        assert keys[keys.index("spans") : keys.index("first_seen")] == list(expected)
