"""Messages between agents that no span states as such: autogen-core runtime messages, the
selector of a selector group chat, and agent runs passing their output on to the next one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from agenttrace_ingestion.normalizers import normalize_request
from inline_snapshot import snapshot
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from .builders import flow, request, span

RUNS = Path(__file__).resolve().parents[4] / "testdata" / "runs"
OP = "gen_ai.operation.name"
RUNTIME = "autogen SingleThreadedAgentRuntime"


def _agent(
    name: str, n: int, parent: int | None, start: int, end: int, said: str, heard: str
) -> object:
    return span(
        f"invoke_agent {name}",
        n,
        parent,
        start=start,
        end=end,
        attrs={
            OP: "invoke_agent",
            "gen_ai.agent.name": name,
            "gen_ai.input.messages": json.dumps(
                [{"role": "user", "parts": [{"type": "text", "content": heard}]}]
            ),
            "gen_ai.output.messages": json.dumps(
                [{"role": "assistant", "parts": [{"type": "text", "content": said}]}]
            ),
        },
    )


def test_sibling_runs_that_pass_their_output_on_are_messages() -> None:
    task = "Pick a hosting vendor with SOC 2."
    first = 'Northwind is cheaper; I propose "Northwind".'
    second = "Blocker: Northwind has no SOC 2 report.\nContoso has one."
    result = normalize_request(
        request(
            span("invoke_workflow pick", 1, end=100, attrs={OP: "invoke_workflow"}),
            _agent("lead", 2, 1, 0, 10, first, task),
            _agent("auditor", 3, 1, 11, 20, second, f"{task}\n[lead] {first}"),
            _agent("chair", 4, 1, 21, 30, "Contoso.", f"{task}\n[lead] {first}\n{second}"),
            # runs that were not given the previous output draw nothing
            _agent("scribe", 5, 1, 31, 40, "Minutes.", task),
        )
    )
    assert flow(result) == snapshot(
        [("lead", "auditor", "message"), ("auditor", "chair", "message")]
    )


def test_sibling_runs_under_an_agent_or_side_by_side_are_not_sequenced() -> None:
    said = "The invoice INV-7781 is EUR 1,240.00."
    result = normalize_request(
        request(
            span("app", 1, end=100),
            _agent("reader", 2, 1, 0, 10, said, "doc-1"),
            _agent("matcher", 3, 1, 5, 20, "no match", said),  # started before reader ended
            _agent("boss", 4, None, 0, 100, "done", "go"),
            span("chat", 7, 4, start=0, end=1, attrs={OP: "chat", "gen_ai.request.model": "m"}),
            _agent("a", 5, 4, 2, 10, said, "x"),
            _agent("b", 6, 4, 11, 20, "ok", said),  # boss works itself: it delegates
        )
    )
    assert sorted(set(flow(result))) == snapshot(
        [
            ("a", "boss", "return"),
            ("b", "boss", "return"),
            ("boss", "a", "delegation"),
            ("boss", "b", "delegation"),
        ]
    )


def test_workflow_agent_runs_its_sub_agents_in_turn() -> None:
    """A workflow agent (no model call of its own) whose sub-agents hear each other."""
    patch = "Patch: refunds now round half-up to the cent."
    verdict = "Test gate: not passed, 2 tests failed."
    result = normalize_request(
        request(
            _agent("pipeline", 1, None, 0, 100, "", "ship it"),
            _agent("author", 2, 1, 0, 10, patch, "ship it"),
            _agent("tester", 3, 1, 11, 20, verdict, f"ship it\n[author] said: {patch}"),
            _agent("releaser", 4, 1, 21, 30, "Published.", f"{patch}\n{verdict}"),
        )
    )
    assert [f for f in flow(result) if f[2] == "message"] == snapshot(
        [("author", "tester", "message"), ("tester", "releaser", "message")]
    )


def _runtime(name: str, n: int, attrs: dict[str, object], start: int) -> object:
    return span(name, n, start=start, end=start + 5, attrs=attrs)


def test_autogen_core_send_publish_and_ack() -> None:
    ctx = json.dumps({"sender": "coordinator/default", "is_rpc": True})
    pub = json.dumps({"sender": "intake/default", "is_rpc": False})
    result = normalize_request(
        request(
            _runtime(
                "autogen process researcher.(default)-A",
                1,
                {
                    "sender_agent_type": "coordinator",
                    "sender_agent_class": "Coordinator",
                    "recipient_agent_type": "researcher",
                    "recipient_agent_class": "Researcher",
                    "message_context": ctx,
                    "message": json.dumps({"text": "find evidence"}),
                    "messaging.operation": "process",
                },
                0,
            ),
            _runtime(
                "autogen ack coordinator.(default)-A",
                2,
                {
                    "sender_agent_type": "researcher",
                    "sender_agent_class": "Researcher",
                    "recipient_agent_type": "coordinator",
                    "recipient_agent_class": "Coordinator",
                    "message": json.dumps({"text": "three studies"}),
                    "messaging.operation": "receive",
                },
                10,
            ),
            _runtime(
                "autogen process screener.(default)-A",
                3,
                {
                    "sender_agent_type": "intake",
                    "sender_agent_class": "Intake",
                    "recipient_agent_type": "screener",
                    "recipient_agent_class": "Screener",
                    "message_context": pub,
                    "message": "plain text",
                    "messaging.operation": "process",
                },
                20,
            ),
            _runtime(  # a group chat's own traffic is read apart (speaker -> next speaker)
                "autogen process coder_x.(x)-A",
                4,
                {
                    "sender_agent_type": "RoundRobinGroupChatManager_x",
                    "sender_agent_class": "RoundRobinGroupChatManager",
                    "recipient_agent_type": "coder_x",
                    "recipient_agent_class": "ChatAgentContainer",
                    "messaging.operation": "process",
                },
                30,
            ),
            scope=RUNTIME,
        )
    )
    assert flow(result) == snapshot(
        [
            ("coordinator", "researcher", "delegation"),
            ("researcher", "coordinator", "return"),
            ("intake", "screener", "message"),
        ]
    )
    contents = [m.content for m in sorted(result.batch.messages, key=lambda m: m.timestamp)]
    assert contents == ["find evidence", "three studies", "plain text"]


def _run(path: Path) -> list[tuple[str | None, str | None, str]]:
    out: list[tuple[str | None, str | None, str]] = []
    for body in sorted(path.glob("*.pb")):
        req = ExportTraceServiceRequest()
        req.ParseFromString(body.read_bytes())
        out += flow(normalize_request(req))
    return out


@pytest.mark.skipif(not (RUNS / "autogen").is_dir(), reason="failure corpus not present")
def test_selector_group_chat_manager_is_an_agent() -> None:
    run = RUNS / "autogen" / "misroute_selector_parcel"
    assert _run(run) == snapshot(
        [
            ("SelectorGroupChatManager", "billing_specialist", "message"),
            ("billing_specialist", None, "broadcast"),
        ]
    )
    req = ExportTraceServiceRequest()
    req.ParseFromString((run / "001.pb").read_bytes())
    spans = normalize_request(req).batch.spans
    selector_calls = [s for s in spans if s.agent == "SelectorGroupChatManager" and s.model]
    assert len(selector_calls) == 1


@pytest.mark.skipif(not (RUNS / "autogen").is_dir(), reason="failure corpus not present")
def test_autogen_core_pipeline_run() -> None:
    assert _run(RUNS / "autogen" / "ignored_verdict_core_claims") == snapshot(
        [
            ("claims_intake", "fraud_screener", "message"),
            ("fraud_screener", "payout_agent", "message"),
        ]
    )


@pytest.mark.skipif(not (RUNS / "langgraph").is_dir(), reason="failure corpus not present")
def test_langgraph_nested_supervisors_report_back_at_each_level() -> None:
    run = RUNS / "langgraph" / "fabrication_freight_nested"
    if not run.is_dir():
        pytest.skip("run not recorded")
    assert _run(run) == snapshot(
        [
            ("ops_director", "freight_team", "handoff"),
            ("freight_team", "customs_clerk", "handoff"),
            ("customs_clerk", "freight_team", "return"),
            ("freight_team", "carrier_booker", "handoff"),
            ("carrier_booker", "freight_team", "return"),
            ("freight_team", "ops_director", "return"),
        ]
    )


@pytest.mark.skipif(not (RUNS / "crewai").is_dir(), reason="failure corpus not present")
def test_crewai_task_context_from_earlier_tasks() -> None:
    """The filing clerk's task had both the draft and the review as its context."""
    flows = _run(RUNS / "crewai" / "ignored_verdict_contract_sequential")
    assert flows == snapshot(
        [
            ("Contract Drafter", "Contract Reviewer", "message"),
            ("Contract Reviewer", "Filing Clerk", "message"),
            ("Contract Drafter", "Filing Clerk", "message"),
        ]
    )
