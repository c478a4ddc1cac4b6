import pytest
from agenttrace_core.enums import ReplayStatus
from agenttrace_replay import (
    CheckpointNotFoundError,
    ForkNode,
    InvalidModificationError,
    InvalidTransitionError,
    claim_replay,
    create_replay,
    fork_tree,
    get_checkpoint,
    list_checkpoints,
    report_replay,
    resolve_checkpoint,
    state_at,
)

from .conftest import add_checkpoint, add_trace

A = "a" * 32
B = "b" * 32
C = "c" * 32


async def _run(engine):
    await add_trace(engine, A)
    await add_checkpoint(engine, A, "cp0", 0, {"q": "hi", "plan": None}, agent="user")
    await add_checkpoint(engine, A, "cp1", 1, {"q": "hi", "plan": ["x"]}, agent="planner")
    await add_checkpoint(engine, A, "cp3", 3, {"q": "hi", "plan": ["x"]}, agent="critic")


async def test_state_reconstruction(engine):
    await _run(engine)
    items = await list_checkpoints(engine, A)
    assert [(c.id, c.step, c.agent) for c in items] == [
        ("cp0", 0, "user"),
        ("cp1", 1, "planner"),
        ("cp3", 3, "critic"),
    ]
    assert items[1].state_hash == items[2].state_hash, "same state stored once"
    assert (await state_at(engine, A, 2)).id == "cp1"
    assert (await state_at(engine, A, 2)).state == {"q": "hi", "plan": ["x"]}
    assert (await get_checkpoint(engine, "cp0")).state == {"q": "hi", "plan": None}
    assert (await resolve_checkpoint(engine, A, "1")).id == "cp1"
    assert (await resolve_checkpoint(engine, A, "step 3")).id == "cp3"
    assert (await resolve_checkpoint(engine, A, "cp0")).id == "cp0"
    with pytest.raises(CheckpointNotFoundError):
        await resolve_checkpoint(engine, A, "7")
    with pytest.raises(CheckpointNotFoundError):
        await get_checkpoint(engine, "nope")


async def test_queue_lifecycle(engine):
    await _run(engine)
    with pytest.raises(CheckpointNotFoundError):
        await create_replay(engine, trace_id=A, checkpoint_id="nope")
    with pytest.raises(CheckpointNotFoundError):
        await create_replay(engine, trace_id=B, checkpoint_id="cp1")
    with pytest.raises(InvalidModificationError) as err:
        await create_replay(engine, trace_id=A, checkpoint_id="cp1", modifications={"plan[3]": 1})
    assert err.value.paths == ["plan[3]"]

    first = await create_replay(
        engine, trace_id=A, checkpoint_id="cp1", modifications={"plan[0]": "y"}, app="m:g"
    )
    second = await create_replay(engine, trace_id=A, checkpoint_id="cp0")
    assert first.status == "queued" and first.step == 1 and first.set == {"plan[0]": "y"}
    claimed = await claim_replay(engine, worker="w1", app="m:g")
    assert claimed is not None and claimed.id == first.id and claimed.status == "running"
    other = await claim_replay(engine, worker="w2", app="x:y")
    assert other is not None and other.id == second.id, "an app-less replay goes to anyone"
    assert await claim_replay(engine, worker="w3") is None
    mine = await create_replay(engine, trace_id=A, checkpoint_id="cp0", worker="cli")
    assert mine.status == "running" and mine.worker == "cli" and mine.claimed_at
    assert await claim_replay(engine, worker="w3") is None, "a replay created claimed is taken"

    running = await report_replay(engine, first.id, status=ReplayStatus.RUNNING, new_trace_id=B)
    assert running.new_trace_id == B and running.finished_at is None
    done = await report_replay(engine, first.id, status=ReplayStatus.SUCCEEDED)
    assert done.status == "succeeded" and done.new_trace_id == B and done.finished_at
    with pytest.raises(InvalidTransitionError):
        await report_replay(engine, first.id, status=ReplayStatus.FAILED)


async def test_fork_tree(engine):
    await _run(engine)
    await add_trace(engine, B)
    await add_checkpoint(engine, B, "b1", 1, {"q": "hi", "plan": ["y"]})
    r1 = await create_replay(engine, trace_id=A, checkpoint_id="cp1")
    await report_replay(engine, r1.id, status=ReplayStatus.SUCCEEDED, new_trace_id=B)
    r2 = await create_replay(engine, trace_id=B, checkpoint_id="b1")
    await report_replay(engine, r2.id, status=ReplayStatus.SUCCEEDED, new_trace_id=C)
    for start in (A, B, C):
        tree = await fork_tree(engine, start)
        assert tree.root_trace_id == A
        assert [r.id for r in tree.items] == [r1.id, r2.id]
    node = (await fork_tree(engine, C)).tree
    assert node.trace_id == A
    child = node.replays[0].child
    assert child.trace_id == B
    assert child.replays[0].child == ForkNode(trace_id=C, replays=[])
