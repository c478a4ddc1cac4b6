"""Records of the bundled datasets become runs of agent steps."""

from __future__ import annotations

from agenttrace_analysis.attribution.steps import StepRole, extract_steps
from agenttrace_analysis.eval.mast_data import load_records as load_mast
from agenttrace_analysis.eval.mast_data import split_steps
from agenttrace_analysis.eval.whowhen import Subset, load_records, to_trace
from agenttrace_core.enums import HumanVerdict, MessageKind

RECORDS = {r.key: r for r in load_records()}


def test_the_bundled_split() -> None:
    assert len(RECORDS) == 47
    assert sum(r.subset is Subset.HAND_CRAFTED for r in RECORDS.values()) == 15
    assert all(0 <= r.mistake_step < len(r.history) for r in RECORDS.values())


def test_hand_crafted_merges_the_orchestrator_and_sees_its_delegations() -> None:
    record = RECORDS["Hand-Crafted/6"]
    data = to_trace(record)
    assert [s.agent for s in data.spans] == [
        "human", "Orchestrator", "Orchestrator", "Orchestrator",
        "WebSurfer", "Orchestrator", "Orchestrator", "Orchestrator",
    ]  # fmt: skip
    assert data.spans[0].input == record.question
    assert data.summary is not None and data.summary.human_verdict is HumanVerdict.FAILED
    assert [(m.from_agent, m.to_agent, m.kind) for m in data.messages] == [
        ("human", "Orchestrator", MessageKind.MESSAGE),
        ("Orchestrator", "WebSurfer", MessageKind.DELEGATION),
        ("WebSurfer", "Orchestrator", MessageKind.MESSAGE),
    ]
    roles = {s.agent: s.role for s in extract_steps(data)}
    assert roles == {
        "human": StepRole.USER,
        "Orchestrator": StepRole.COORDINATOR,
        "WebSurfer": StepRole.WORKER,
    }


def test_algorithm_generated_uses_names_and_spots_the_executor() -> None:
    data = to_trace(RECORDS["Algorithm-Generated/1"])
    roles = {s.agent: s.role for s in extract_steps(data)}
    assert roles == {
        "Excel_Expert": StepRole.WORKER,
        "Computer_terminal": StepRole.EXECUTOR,
        "BusinessLogic_Expert": StepRole.WORKER,
        "DataVerification_Expert": StepRole.WORKER,
    }


def test_mast_text_is_cut_at_its_speakers() -> None:
    text = (
        "user_proxy (to assistant):\n\nSolve 2+2\n\n"
        "assistant (to user_proxy):\n\n4\n\n"
        "user_proxy (to assistant):\n\nTERMINATE\n"
    )
    assert split_steps(text) == [
        ("user_proxy", "Solve 2+2"),
        ("assistant", "4"),
        ("user_proxy", "TERMINATE"),
    ]
    assert split_steps("no speakers here") == [("agent", "no speakers here")]


def test_the_bundled_mast_sample() -> None:
    (record,) = load_mast()  # only one record uses the final 14 modes
    assert {m.value for m, present in record.labels.items() if present} == {
        "FM-1.1", "FM-3.2", "FM-3.3",
    }  # fmt: skip
    assert len(record.labels) == 14


def test_names_can_be_hidden() -> None:
    from agenttrace_analysis.eval.whowhen import anonymized

    record = anonymized(RECORDS["Hand-Crafted/6"])
    assert [e["role"] for e in record.history][:5] == [
        "human",
        "agent_1 (thought)",
        "agent_1 (thought)",
        "agent_1 (-> agent_2)",
        "agent_2",
    ]
    assert record.mistake_agent == "agent_1"  # the Orchestrator
    assert [s.agent for s in to_trace(record).spans][:5] == [
        "human", "agent_1", "agent_1", "agent_1", "agent_2",
    ]  # fmt: skip
