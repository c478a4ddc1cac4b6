"""The replay session's rules, without a server: which calls are served, where the fork is."""

from __future__ import annotations

import pytest
from agenttrace.replay import RecordingMissingError
from agenttrace.replay._paths import StatePathError, set_in_place
from agenttrace.replay._session import (
    Recording,
    ReplaySession,
    recordings_from_spans,
    workflow_call,
)


def _session(**kw) -> ReplaySession:
    recordings = {"llm": [Recording('{"q": 1}', '"first"'), Recording('{"q": 2}', '"second"')]}
    return ReplaySession("r", "t" * 32, "c", fork_step=1, recordings=recordings, **kw)


def test_calls_before_the_fork_are_served_in_order_then_live():
    session = _session(changes={"plan[0]": "b"})
    assert session.answer("llm", "anything").output == '"first"'
    state = {"plan": ["a"]}
    assert session.on_checkpoint(state) is state and not session.forked  # step 0
    assert session.answer("llm", None).output == '"second"'
    session.on_checkpoint(state)  # step 1: the fork
    assert session.forked and state == {"plan": ["b"]}
    assert session.answer("llm", '{"q": 1}') is None, "after the fork: live"
    assert session.answer("tool", None) is None, "nothing recorded: live"
    assert (session.served, session.live) == (2, 2)


def test_recorded_only():
    session = _session(recorded_only=True)
    session.on_checkpoint({})
    session.on_checkpoint({})
    assert session.answer("llm", '{"q": 2}').output == '"second"', "matched on input"
    with pytest.raises(RecordingMissingError, match="no recording of call 'llm'"):
        session.answer("llm", '{"q": 3}')
    early = _session(recorded_only=True)
    with pytest.raises(RecordingMissingError):
        early.answer("tool", None)


def test_set_in_place():
    state = {"a": {"b": [1, 2]}, "x.y": 0}
    set_in_place(state, {"a.b[1]": 5, '["x.y"]': 1, "a.b.0": 7})
    assert state == {"a": {"b": [7, 5]}, "x.y": 1}
    for bad in ("a.c", "a.b[2]", "a.b[0].z", ""):
        with pytest.raises(StatePathError):
            set_in_place(state, {bad: 1})


def test_reading_a_recorded_trace():
    spans = [
        {
            "span_id": "2",
            "start_time": 20,
            "attributes": {
                "agenttrace.replay.call": "llm",
                "agenttrace.replay.output": '"b"',
                "input.value": "{}",
            },
        },
        {
            "span_id": "1",
            "start_time": 10,
            "attributes": {"agenttrace.replay.call": "llm", "agenttrace.replay.output": '"a"'},
        },
        {
            "span_id": "0",
            "start_time": 5,
            "attributes": {
                "agenttrace.replay.workflow": "research",
                "agenttrace.replay.app": "m:research",
                "agenttrace.replay.input": '{"args": ["q"], "kwargs": {}}',
            },
        },
    ]
    assert recordings_from_spans(spans) == {"llm": [Recording(None, '"a"'), Recording("{}", '"b"')]}
    assert workflow_call(spans) == ("research", "m:research", {"args": ["q"], "kwargs": {}})
