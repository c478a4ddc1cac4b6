"""``agenttrace replay …`` (time travel and forks) and ``agenttrace diff A B`` (run comparison).

``replay show``, ``replay diff`` and ``diff`` read the database; ``replay TRACE --from …`` and
``replay worker`` run the user's workflow *here*, in the user's environment, and talk to the
server over HTTP like any SDK program (the server never runs user code).
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from agenttrace_server.commands.common import DatabaseUrl, load_settings

T = TypeVar("T")

ApiUrl = Annotated[
    str | None,
    typer.Option("--api-url", help="AgentTrace API [$AGENTTRACE_API_URL, else localhost:8000]."),
]
Endpoint = Annotated[
    str | None,
    typer.Option("--endpoint", help="OTLP endpoint for the new run [$AGENTTRACE_ENDPOINT]."),
]
AppRef = Annotated[
    str | None,
    typer.Option(
        "--app", help="module:object of the workflow (@replayable function or LangGraph graph)."
    ),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]


class _ReplayGroup(TyperGroup):
    """``agenttrace replay TRACE_ID …`` runs a fork; ``replay show|diff|worker`` are commands."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["fork", *args]
        return super().parse_args(ctx, args)


replay_app = typer.Typer(
    cls=_ReplayGroup,
    help=(
        "Time travel: checkpoints, state at a step, diffs, and forks that run again.\n\n"
        "Fork: agenttrace replay TRACE_ID --from CHECKPOINT [--set path=value …] "
        "[--app module:object] [--recorded-only] [--queue]  (see `agenttrace replay fork --help`)"
    ),
    no_args_is_help=True,
)


def _run_db(database_url: str | None, work: Callable[[Any], Awaitable[T]]) -> T:
    # imported here: the replay stack is only needed when a replay command runs
    from agenttrace_core.db import create_engine
    from agenttrace_replay import CheckpointNotFoundError, TraceNotFoundError

    settings = load_settings(database_url=database_url)

    async def main() -> T:
        engine = create_engine(settings.db_url)
        try:
            return await work(engine)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(main())
    except (CheckpointNotFoundError, TraceNotFoundError) as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from exc


def _dump(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def _short(value: Any, width: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= width else text[: width - 1] + "…"


@replay_app.command("show")
def show(
    trace_id: Annotated[str, typer.Argument(help="The run.")],
    checkpoint: Annotated[
        str | None,
        typer.Option("--at", "--step", help="Checkpoint id, step number or name: print its state."),
    ] = None,
    database_url: DatabaseUrl = None,
    as_json: AsJson = False,
) -> None:
    """List the checkpoints of a run, or print the state at one of them."""

    from agenttrace_replay import list_checkpoints, resolve_checkpoint

    async def work(engine: Any) -> Any:
        if checkpoint is None:
            return await list_checkpoints(engine, trace_id.lower())
        return await resolve_checkpoint(engine, trace_id.lower(), checkpoint)

    result = _run_db(database_url, work)
    if checkpoint is not None:
        typer.echo(_dump(result.state if not as_json else result.to_dict()))
        return
    if as_json:
        typer.echo(_dump([c.to_dict() for c in result]))
        return
    if not result:
        typer.echo(f"trace {trace_id} has no checkpoints")
        return
    typer.echo(f"{'step':>4}  {'name':<24} {'agent':<16} {'size':>7}  id")
    for c in result:
        typer.echo(
            f"{c.step:>4}  {str(c.name or '')[:24]:<24} {str(c.agent or '')[:16]:<16} "
            f"{c.size:>7}  {c.id}"
        )


@replay_app.command("diff")
def diff_command(
    trace_id: Annotated[str, typer.Argument(help="The run.")],
    a: Annotated[str, typer.Argument(help="Checkpoint id, step number or name (before).")],
    b: Annotated[str, typer.Argument(help="Checkpoint id, step number or name (after).")],
    database_url: DatabaseUrl = None,
    as_json: AsJson = False,
) -> None:
    """What changed in the state between two checkpoints of a run (paths, before, after)."""

    from agenttrace_replay import diff, resolve_checkpoint

    async def work(engine: Any) -> Any:
        first = await resolve_checkpoint(engine, trace_id.lower(), a)
        second = await resolve_checkpoint(engine, trace_id.lower(), b)
        return [c.to_dict() for c in diff(first.state, second.state)]

    changes = _run_db(database_url, work)
    if as_json:
        typer.echo(_dump({"changes": changes}))
        return
    if not changes:
        typer.echo("no differences")
    _print_changes(changes)


def _print_changes(changes: list[dict[str, Any]], indent: str = "") -> None:
    marks = {"added": "+", "removed": "-", "changed": "~"}
    for c in changes:
        if c["op"] == "changed":
            typer.echo(f"{indent}~ {c['path']}: {_short(c['before'])} → {_short(c['after'])}")
        else:
            value = c["after"] if c["op"] == "added" else c["before"]
            typer.echo(f"{indent}{marks[c['op']]} {c['path']}: {_short(value)}")


@replay_app.command("fork", hidden=True)
def fork(
    trace_id: Annotated[str, typer.Argument(help="The run to replay.")],
    from_: Annotated[
        str, typer.Option("--from", help="Checkpoint id, step number or name to fork from.")
    ],
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="path=value (JSON, else text) to change in that state."),
    ] = None,
    app: AppRef = None,
    recorded_only: Annotated[
        bool, typer.Option("--recorded-only", help="Fail instead of making any live call.")
    ] = False,
    queue: Annotated[
        bool, typer.Option("--queue", help="Only queue it for a worker (`replay worker`).")
    ] = False,
    api_url: ApiUrl = None,
    endpoint: Endpoint = None,
    as_json: AsJson = False,
) -> None:
    """Run TRACE_ID again from a checkpoint, with changes, here (or queue it for a worker)."""
    try:
        from agenttrace.replay import ApiClient, ApiError, fork, resolve_checkpoint
    except ImportError as exc:  # the SDK is what runs user code
        typer.secho("error: install the `agenttrace` SDK to run replays", err=True)
        raise typer.Exit(2) from exc
    from agenttrace_replay import parse_assignments

    try:
        changes = parse_assignments(set_ or [])
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--set") from exc
    if endpoint:
        os.environ["AGENTTRACE_ENDPOINT"] = endpoint
    try:
        if queue:
            client = ApiClient(api_url)
            replay = client.post(
                "/replays",
                {
                    "trace_id": trace_id.lower(),
                    "checkpoint_id": resolve_checkpoint(client, trace_id.lower(), from_),
                    "set": changes,
                    "recorded_only": recorded_only,
                    "app": app,
                },
            )
            typer.echo(_dump(replay) if as_json else f"replay {replay['id']}: {replay['message']}")
            return
        result = fork(
            trace_id,
            checkpoint=from_,
            changes=changes,
            app=app,
            recorded_only=recorded_only,
            api_url=api_url,
        )
    except ApiError as exc:
        typer.secho(f"error: {exc.detail}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from exc
    except (ImportError, AttributeError, ValueError) as exc:
        raise typer.BadParameter(f"cannot load {app}: {exc}", param_hint="--app") from exc
    if as_json:
        typer.echo(
            _dump(
                {
                    "replay_id": result.replay_id,
                    "new_trace_id": result.new_trace_id,
                    "status": result.status,
                    "error": result.error,
                    "served": result.served,
                    "live": result.live,
                }
            )
        )
    else:
        typer.echo(f"replay {result.replay_id}: {result.status}")
        typer.echo(f"new trace {result.new_trace_id}")
        typer.echo(f"calls served from the recording: {result.served}, live: {result.live}")
        if result.error:
            typer.secho(result.error, fg=typer.colors.RED, err=True)
    if result.status != "succeeded":
        raise typer.Exit(1)


@replay_app.command("worker")
def worker(
    app: AppRef = None,
    api_url: ApiUrl = None,
    endpoint: Endpoint = None,
    max_replays: Annotated[
        int | None, typer.Option("--max-replays", help="Stop after this many.")
    ] = None,
    idle_timeout: Annotated[
        float | None, typer.Option("--idle-timeout", help="Stop after this many idle seconds.")
    ] = None,
) -> None:
    """Claim replays queued from the UI or `replay --queue`, and run them here."""
    from agenttrace.replay import run_worker

    if endpoint:
        os.environ["AGENTTRACE_ENDPOINT"] = endpoint

    def report(result: Any) -> None:
        typer.echo(f"replay {result.replay_id}: {result.status} → trace {result.new_trace_id}")

    run_worker(
        app=app,
        api_url=api_url,
        max_replays=max_replays,
        idle_timeout=idle_timeout,
        on_result=report,
    )


def compare_command(
    a: Annotated[str, typer.Argument(help="Trace id of the first run.")],
    b: Annotated[str, typer.Argument(help="Trace id of the second run.")],
    database_url: DatabaseUrl = None,
    as_json: AsJson = False,
) -> None:
    """Compare two runs: steps aligned by agent and order, and the first divergence."""
    from agenttrace_replay import compare_runs

    result = _run_db(database_url, lambda engine: compare_runs(engine, a.lower(), b.lower()))
    if as_json:
        typer.echo(_dump(result.to_dict()))
        return
    first = result.first_divergence
    typer.echo(f"a {a}  ({result.a.name}, {result.a.status})")
    typer.echo(f"b {b}  ({result.b.name}, {result.b.status})")
    typer.echo(
        "first divergence: "
        + (
            "none"
            if first is None
            else f"step {first.index} {first.agent or ''} {first.name} "
            f"({', '.join(first.differences)})"
        )
    )
    for st in result.steps:
        mark = "=" if st.same else "≠"
        left = _short(st.a.output, 30) if st.a else "—"
        right = _short(st.b.output, 30) if st.b else "—"
        typer.echo(
            f"{mark} {st.index:>3} {st.agent or ''!s:<14} {st.name:<22} {left:<30} | {right}"
        )
    tokens = result.tokens
    typer.echo(f"tokens: {tokens.a.total} → {tokens.b.total} ({tokens.delta:+})")
    changes = [c.to_dict() for c in result.state.final]
    typer.echo(f"final state: {len(changes)} difference(s)")
    _print_changes(changes, indent="  ")


def register(app: typer.Typer) -> None:
    """Add ``replay`` (group) and ``diff`` to ``app``."""
    app.add_typer(replay_app, name="replay")
    app.command("diff")(compare_command)
