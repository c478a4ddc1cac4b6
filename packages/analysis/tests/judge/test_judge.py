"""The judge against a local fake OpenAI-compatible server (never a real provider)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from agenttrace_analysis.eval.whowhen import load_records, to_trace
from agenttrace_analysis.judge import (
    JudgeClient,
    JudgeError,
    Strategy,
    from_settings,
    judge_attribution,
    label_mast,
)
from agenttrace_analysis.judge.parsing import extract_json
from agenttrace_core.enums import AnnotationSource
from agenttrace_core.settings import Settings

from .conftest import FakeOpenAI


@pytest.fixture
def trace() -> Any:
    record = next(r for r in load_records() if r.key == "Algorithm-Generated/2")
    return to_trace(record)


def _client(fake: FakeOpenAI, **kw: Any) -> JudgeClient:
    return JudgeClient(fake.base_url, "fake-model", api_key="sk-test", **kw)


def test_off_by_default(tmp_path: Any) -> None:
    assert from_settings(Settings(home=tmp_path)) is None
    on = from_settings(Settings(home=tmp_path, llm_base_url="http://127.0.0.1:9/v1"))
    assert on is not None and on.model == Settings(home=tmp_path).llm_model


def test_mast_labels_from_a_fenced_reply(fake_openai: FakeOpenAI, trace: Any) -> None:
    fake_openai.replies = [
        "Here you go:\n```json\n"
        + json.dumps(
            {
                "modes": {
                    "FM-1.1": {"present": False},
                    "1.3": {
                        "present": "yes",
                        "agent": "Statistics_Expert",
                        "step": "4",
                        "evidence": "repeats the computation",
                    },
                    "FM-3.2": True,
                    "FM-9.9": True,
                }
            }
        )
        + "\n```"
    ]
    notes = label_mast(_client(fake_openai), trace)
    assert [(n.mode, n.category, n.agent, n.source) for n in notes] == [
        ("FM-1.3", "specification", "Statistics_Expert", AnnotationSource.LLM),
        ("FM-3.2", "task_verification", None, AnnotationSource.LLM),
    ]
    assert notes[0].span_id == trace.spans[4].span_id
    assert notes[0].explanation == "repeats the computation"
    request = fake_openai.requests[0]
    assert request["model"] == "fake-model" and request["temperature"] == 0
    assert all(f"FM-{c}" in request["messages"][1]["content"] for c in ("1.1", "2.6", "3.3"))
    assert fake_openai.headers[0]["Authorization"] == "Bearer sk-test"


def test_a_malformed_reply_gives_no_labels(fake_openai: FakeOpenAI, trace: Any) -> None:
    fake_openai.replies = ["I think FM-1.3 applies, {not json"]
    assert label_mast(_client(fake_openai), trace) == []


def test_server_errors_are_retried_then_given_up(fake_openai: FakeOpenAI, trace: Any) -> None:
    fake_openai.replies = [(500, "boom"), '{"modes": {"FM-2.3": 1}}']
    assert [n.mode for n in label_mast(_client(fake_openai), trace)] == ["FM-2.3"]
    fake_openai.replies = [(503, "down")]
    with pytest.raises(JudgeError):
        _client(fake_openai, retries=1).chat([{"role": "user", "content": "hi"}])


def test_a_slow_endpoint_times_out(fake_openai: FakeOpenAI, trace: Any) -> None:
    fake_openai.delay = 0.5
    fake_openai.replies = ['{"modes": {"FM-2.3": true}}']
    assert label_mast(_client(fake_openai, timeout=0.1, retries=0), trace) == []


def test_all_at_once(fake_openai: FakeOpenAI, trace: Any) -> None:
    fake_openai.replies = [
        '{"agent": "Verification_Expert", "step": 2, "reason": "simulated data",}'
    ]
    result = judge_attribution(_client(fake_openai), trace, Strategy.ALL_AT_ONCE)
    assert result is not None
    assert (result["agent"], result["step"], result["span_id"]) == (
        "Verification_Expert",
        2,
        trace.spans[2].span_id,
    )
    assert result["reasons"] == ["LLM judge (all-at-once): simulated data"]


def test_step_by_step_stops_at_the_first_yes(fake_openai: FakeOpenAI, trace: Any) -> None:
    def reply(body: dict[str, Any]) -> str:
        asked = re.search(r"Is step (\d+)", body["messages"][1]["content"])
        return json.dumps({"mistake": asked is not None and asked.group(1) == "3"})

    fake_openai.replies = [reply]
    result = judge_attribution(_client(fake_openai), trace, Strategy.STEP_BY_STEP)
    assert result is not None and result["step"] == 3
    assert len(fake_openai.requests) == 4


def test_binary_search_narrows_to_one_step(fake_openai: FakeOpenAI, trace: Any) -> None:
    def reply(body: dict[str, Any]) -> str:
        found = re.search(r"steps (\d+)-(\d+) \(lower\)", body["messages"][1]["content"])
        assert found is not None
        lo, mid = map(int, found.groups())
        return json.dumps({"half": "lower" if lo <= 5 <= mid else "upper"})

    fake_openai.replies = [reply]
    result = judge_attribution(_client(fake_openai), trace, Strategy.BINARY_SEARCH)
    assert result is not None and result["step"] == 5
    assert result["agent"] == trace.spans[5].agent


def test_binary_search_gives_up_on_nonsense(fake_openai: FakeOpenAI, trace: Any) -> None:
    fake_openai.replies = ["sorry, I cannot help with that"]
    assert judge_attribution(_client(fake_openai), trace, Strategy.BINARY_SEARCH) is None


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ('{"a": 1}', {"a": 1}),
        ('Sure! {"a": [1, 2,],} Hope it helps', {"a": [1, 2]}),
        ('```\n{"a": true}\n```', {"a": True}),
        ("[1, 2]", None),
        ("no json at all", None),
    ],
)
def test_extract_json(reply: str, expected: Any) -> None:
    assert extract_json(reply) == expected


def test_the_transcript_fits_and_carries_the_task(fake_openai: FakeOpenAI, trace: Any) -> None:
    fake_openai.replies = ['{"agent": "x", "step": 0}']
    judge_attribution(_client(fake_openai), trace, Strategy.ALL_AT_ONCE)
    content = fake_openai.requests[0]["messages"][1]["content"]
    assert content.startswith("The run failed.\n\nTask: What country had the least number")
    assert "Step 6 - DataAnalysis_Expert: TERMINATE" in content


def test_a_long_run_is_cut_in_the_middle() -> None:
    from agenttrace_analysis.attribution.steps import extract_steps
    from agenttrace_analysis.judge.transcript import TOTAL_CHARS, render

    record = next(r for r in load_records() if r.key == "Hand-Crafted/11")  # 130 long steps
    text = render(extract_steps(to_trace(record)))
    assert len(text) <= TOTAL_CHARS + 200
    assert text.startswith("Step 0 - human:")
    assert "steps elided ...]" in text
    assert "Step 129 - Orchestrator:" in text
