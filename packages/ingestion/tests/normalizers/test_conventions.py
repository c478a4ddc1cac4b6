"""AgentTrace's own agenttrace.* keys, rejected spans and dropped results."""

from __future__ import annotations

import hashlib
import json

import pytest
from agenttrace_ingestion.normalizers import normalize_request
from agenttrace_ingestion.rejections import Adjustment
from inline_snapshot import snapshot

from .builders import TRACE, flow, request, sid, span


def test_agenttrace_agent_keys_win_and_span_type_is_honoured() -> None:
    result = normalize_request(
        request(
            span(
                "step",
                1,
                attrs={
                    "agenttrace.agent.name": "planner",
                    "gen_ai.agent.name": "x",
                    "agenttrace.agent.role": "plans",
                    "agenttrace.agent.model": "m-1",
                    "agenttrace.span.type": "agent",
                },
            ),
            span(
                "think", 2, 1, attrs={"agenttrace.span.type": "llm", "gen_ai.usage.input_tokens": 3}
            ),
        )
    )
    spans = {s.name: s for s in result.batch.spans}
    assert (spans["step"].span_type.value, spans["step"].agent) == ("agent", "planner")
    assert (spans["think"].span_type.value, spans["think"].agent, spans["think"].total_tokens) == (
        "llm",
        "planner",
        3,
    )
    agent = result.batch.agents[0]
    assert (agent.name, agent.role, agent.model) == ("planner", "plans", "m-1")


def test_messages_from_attributes_and_events() -> None:
    result = normalize_request(
        request(
            span(
                "send",
                1,
                attrs={
                    "agenttrace.message.from": "a",
                    "agenttrace.message.to": "b",
                    "agenttrace.message.kind": "delegation",
                    "agenttrace.message.content": "do it",
                },
            ),
            span(
                "chat",
                2,
                events=[
                    (
                        "agenttrace.message",
                        {
                            "agenttrace.message.from": "b",
                            "agenttrace.message.to": "*",
                            "agenttrace.message.content": "all",
                        },
                    ),
                    ("agenttrace.message", {"agenttrace.message.to": "a"}),
                    (
                        "agenttrace.message",
                        {
                            "agenttrace.message.from": "b",
                            "agenttrace.message.to": "a",
                            "agenttrace.message.kind": "return",
                        },
                    ),
                ],
                start=1,
            ),
        )
    )
    assert flow(result) == snapshot(
        [
            ("a", "b", "delegation"),
            ("b", None, "broadcast"),
            (None, "a", "message"),
            ("b", "a", "return"),
        ]
    )
    assert [m.content for m in sorted(result.batch.messages, key=lambda m: m.seq)] == snapshot(
        ["do it", "all", None, None]
    )
    assert sorted(a.name for a in result.batch.agents) == ["a", "b"]


def test_checkpoints_from_attributes_and_events() -> None:
    state = {"b": [1, 2], "a": "x"}
    result = normalize_request(
        request(
            span(
                "node",
                1,
                attrs={
                    "agenttrace.agent.name": "planner",
                    "agenttrace.checkpoint.id": "ckpt-1",
                    "agenttrace.checkpoint.step": 0,
                    "agenttrace.checkpoint.name": "after planner",
                    "agenttrace.checkpoint.state": json.dumps(state),
                    "agenttrace.checkpoint.thread_id": "t-1",
                    "agenttrace.checkpoint.ns": "planner:1",
                    "agenttrace.checkpoint.framework_id": "lg-1",
                    "agenttrace.checkpoint.framework": "langgraph",
                },
            ),
            span(
                "later",
                2,
                events=[
                    (
                        "agenttrace.checkpoint",
                        {
                            "agenttrace.checkpoint.step": 1,
                            "agenttrace.checkpoint.parent_id": "ckpt-1",
                            "agenttrace.checkpoint.state": '{"a": "y"}',
                            "agenttrace.checkpoint.agent": "writer",
                        },
                    )
                ],
            ),
        )
    )
    first, second = sorted(result.batch.checkpoints, key=lambda c: c.step)
    canonical = json.dumps(state, sort_keys=True, separators=(",", ":"))
    assert first.state == state
    assert first.state_hash == hashlib.sha256(canonical.encode()).hexdigest()
    assert (
        first.id,
        first.agent,
        first.name,
        first.thread_id,
        first.checkpoint_ns,
        first.framework_checkpoint_id,
        first.framework,
    ) == snapshot(("ckpt-1", "planner", "after planner", "t-1", "planner:1", "lg-1", "langgraph"))
    assert (second.step, second.parent_id, second.agent, second.state, len(second.id)) == snapshot(
        (1, "ckpt-1", "writer", {"a": "y"}, 32)
    )
    again = normalize_request(
        request(
            span(
                "later",
                2,
                events=[
                    (
                        "agenttrace.checkpoint",
                        {
                            "agenttrace.checkpoint.step": 1,
                            "agenttrace.checkpoint.state": '{"a": "y"}',
                        },
                    )
                ],
            )
        )
    )
    assert again.batch.checkpoints[0].id == second.id  # deterministic without an explicit id


def test_bad_ids_and_times_are_rejected_and_the_rest_is_kept() -> None:
    good = span("ok", 1)
    zero_trace = span("zero-trace", 2, trace="0" * 32)
    short = span("short", 3)
    short.span_id = b"\x01\x02"
    zero_span = span("zero-span", 4)
    zero_span.span_id = bytes(8)
    backwards = span("backwards", 5, start=10, end=5)
    no_start = span("no-start", 6)
    no_start.start_time_unix_nano = 0
    bad_parent = span("bad-parent", 7)
    bad_parent.parent_span_id = b"\x01"
    result = normalize_request(
        request(good, zero_trace, short, zero_span, backwards, no_start, bad_parent)
    )
    assert [s.span_id for s in result.batch.spans] == [sid(1)]
    assert [(r.span_id, r.reason) for r in result.rejected] == snapshot(
        [
            ("0000000000000002", "invalid trace_id: must be 16 non-zero bytes (32 hex characters)"),
            ("0102", "invalid span_id: must be 8 non-zero bytes (16 hex characters)"),
            ("0000000000000000", "invalid span_id: must be 8 non-zero bytes (16 hex characters)"),
            ("0000000000000005", "end_time_unix_nano is before start_time_unix_nano"),
            ("0000000000000006", "missing start_time_unix_nano"),
            ("0000000000000007", "invalid parent_span_id: must be empty or 8 bytes"),
        ]
    )
    assert result.dropped == 0


def test_token_counts_out_of_range_are_dropped_and_said() -> None:
    result = normalize_request(
        request(
            span("fine", 1),
            span(
                "negative tokens",
                2,
                attrs={"gen_ai.operation.name": "chat", "gen_ai.usage.input_tokens": -5},
            ),
            span(
                "huge tokens",
                3,
                attrs={"llm.token_count.prompt": 7, "llm.token_count.completion": 2**62},
            ),
        )
    )
    assert [
        (s.name, s.input_tokens, s.output_tokens, s.total_tokens) for s in result.batch.spans
    ] == [
        ("fine", None, None, None),
        ("negative tokens", None, None, None),
        ("huge tokens", 7, None, None),
    ]
    assert result.batch.spans[1].attributes["gen_ai.usage.input_tokens"] == -5  # kept as sent
    assert (result.dropped, result.rejected) == (0, [])
    assert [(a.span_id, a.what, a.detail) for a in result.adjusted] == [
        (
            sid(2),
            Adjustment.TOKEN_COUNT,
            "token count out of range, not stored (input -5, total -5)",
        ),
        (
            sid(3),
            Adjustment.TOKEN_COUNT,
            "token count out of range, not stored (output 4611686018427387904, "
            "total 4611686018427387911)",
        ),
    ]


def test_span_level_project_and_ids_are_lower_hex() -> None:
    result = normalize_request(
        request(
            span("x", 0xABC, attrs={"agenttrace.project": "p1"}),
            resource={"agenttrace.project": "p0", "service.name": "s"},
        )
    )
    s = result.batch.spans[0]
    assert (s.project, s.span_id, s.trace_id) == ("p1", "0000000000000abc", TRACE)
    assert normalize_request(request(span("x", 1), resource={})).batch.spans[0].project == "default"


def test_a_span_repeated_in_one_body_is_kept_once() -> None:
    result = normalize_request(
        request(
            span("invoke_agent a", 1, attrs={"gen_ai.agent.name": "a"}),
            span("invoke_agent b", 2, 1, attrs={"gen_ai.agent.name": "b"}),
            span("invoke_agent b", 2, 1, attrs={"gen_ai.agent.name": "b"}),
        )
    )
    assert [s.span_id for s in result.batch.spans] == [sid(1), sid(2)]
    assert flow(result) == [("a", "b", "delegation"), ("b", "a", "return")]
    assert len({m.id for m in result.batch.messages}) == 2


@pytest.mark.parametrize(
    "scope",
    [
        "openinference.instrumentation.langchain",
        "autogen-core",
        "openinference.instrumentation.crewai",
        "opentelemetry.instrumentation.openai_agents",
        "anything.else",
    ],
)
def test_every_normalizer_honours_agenttrace_keys(scope: str) -> None:
    result = normalize_request(
        request(
            span(
                "step",
                1,
                attrs={
                    "agenttrace.agent.name": "planner",
                    "agenttrace.span.type": "agent",
                    "agenttrace.checkpoint.state": '{"k": 1}',
                },
                events=[("agenttrace.message", {"agenttrace.message.to": "coder"})],
            ),
            scope=scope,
        )
    )
    s = result.batch.spans[0]
    assert (s.agent, s.span_type.value) == ("planner", "agent")
    assert flow(result) == [(None, "coder", "message")]
    assert [c.state for c in result.batch.checkpoints] == [{"k": 1}]
