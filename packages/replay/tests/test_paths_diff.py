import pytest
from agenttrace_replay.diff import Change, diff
from agenttrace_replay.paths import (
    PathError,
    PathNotFoundError,
    format_path,
    get_path,
    missing_paths,
    parse_assignments,
    parse_path,
    set_paths,
)


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("", []),
        ("a", ["a"]),
        ("plan.steps[2].title", ["plan", "steps", 2, "title"]),
        ("steps.2", ["steps", "2"]),
        ('meta["a.b"].x', ["meta", "a.b", "x"]),
        ("[0][1]", [0, 1]),
    ],
)
def test_parse_path(text, segments):
    assert parse_path(text) == segments


@pytest.mark.parametrize("text", [".a", "a..b", "a[", "a]b", "a b"])
def test_parse_path_rejects(text):
    with pytest.raises(PathError):
        parse_path(text)


def test_format_round_trips():
    for segs in (["a", 0, "b c", "d"], [3], ["x-y", "z"]):
        assert parse_path(format_path(segs)) == segs


def test_get_and_set_paths():
    state = {"plan": {"steps": [{"title": "a"}, {"title": "b"}]}, "n": 1}
    assert get_path(state, "plan.steps[1].title") == "b"
    assert get_path(state, "plan.steps.1.title") == "b"
    changed = set_paths(state, {"plan.steps[0].title": "z", "n": 2})
    assert changed == {"plan": {"steps": [{"title": "z"}, {"title": "b"}]}, "n": 2}
    assert state["n"] == 1, "a copy unless in_place"
    set_paths(state, {"n": 5}, in_place=True)
    assert state["n"] == 5
    with pytest.raises(PathNotFoundError) as err:
        set_paths(state, {"plan.nope": 1})
    assert err.value.path == "plan.nope"
    assert missing_paths(state, ["n", "plan.steps[7]", "x.y", "", "a["]) == [
        "plan.steps[7]",
        "x.y",
        "",
        "a[",
    ]


def test_parse_assignments():
    assert parse_assignments(["a.b=1", 'c="2"', "d=hello world", 'e={"k": [1]}']) == {
        "a.b": 1,
        "c": "2",
        "d": "hello world",
        "e": {"k": [1]},
    }
    with pytest.raises(ValueError, match="path=value"):
        parse_assignments(["novalue"])


def test_diff_whole_structure():
    before = {
        "messages": [{"role": "user", "content": "hi"}],
        "plan": {"steps": ["a", "b"], "owner": "planner"},
        "draft": None,
        "n": 1,
    }
    after = {
        "messages": [{"role": "user", "content": "hi"}, {"role": "ai", "content": "yo"}],
        "plan": {"steps": ["a"], "owner": "critic"},
        "n": 1.0,
        "done": True,
    }
    assert diff(before, after) == [
        Change("added", "messages[1]", None, {"role": "ai", "content": "yo"}),
        Change("removed", "plan.steps[1]", "b", None),
        Change("changed", "plan.owner", "planner", "critic"),
        Change("removed", "draft", None, None),
        Change("changed", "n", 1, 1.0),
        Change("added", "done", None, True),
    ]
    assert diff(after, after) == []
    assert diff(1, "1") == [Change("changed", "", 1, "1")]
    assert diff({"a.b": 1}, {"a.b": 2})[0].path == '["a.b"]'
