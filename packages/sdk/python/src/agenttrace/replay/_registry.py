"""``@replayable`` workflows and ``@recorded`` calls, and finding an app by ``module:object``."""

from __future__ import annotations

import functools
import importlib
import inspect
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, ParamSpec, TypeVar, cast, overload

from opentelemetry.trace import Status, StatusCode

from agenttrace._internal import setup
from agenttrace._internal.jsonutil import dumps
from agenttrace.replay import _keys, _session

P = ParamSpec("P")
R = TypeVar("R")

_workflows: dict[str, Callable[..., Any]] = {}


def registered(name: str) -> Callable[..., Any] | None:
    """The ``@replayable`` function registered under ``name`` in this process."""
    return _workflows.get(name)


@overload
def replayable(func: Callable[P, R], /) -> Callable[P, R]: ...
@overload
def replayable(
    func: None = None, /, *, name: str | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]: ...
def replayable(
    func: Callable[P, R] | None = None, /, *, name: str | None = None
) -> Callable[P, R] | Callable[[Callable[P, R]], Callable[P, R]]:
    """Register a workflow so that a run of it can be replayed from any of its checkpoints.

    Each call is traced as one span that records the call's arguments (as JSON), so that a
    replay, in another process, calls the workflow again with the same arguments. Inside it,
    ``agenttrace.checkpoint`` marks the steps and ``@agenttrace.replay.recorded`` wraps the
    LLM and tool calls whose results a replay serves from the recording.

    Args:
        func: The workflow function (sync or async); its arguments should be JSON values.
        name: Name to register it under (default: the function's name).

    Example:
        >>> import agenttrace
        >>> @agenttrace.replayable
        ... def triage(ticket: str) -> str:
        ...     state = {"ticket": ticket, "team": "billing"}
        ...     agenttrace.checkpoint("routed", state)
        ...     return state["team"]
        >>> triage("refund please")
        'billing'
    """

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        workflow = name or fn.__name__
        app = f"{fn.__module__}:{fn.__qualname__}"

        def attributes(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, str]:
            return {
                _keys.WORKFLOW: workflow,
                _keys.WORKFLOW_APP: app,
                _keys.WORKFLOW_INPUT: dumps({"args": list(args), "kwargs": kwargs}),
                _keys.SPAN_TYPE: "chain",
                _keys.OI_SPAN_KIND: "CHAIN",
            }

        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                with setup.tracer().start_as_current_span(
                    f"workflow {workflow}", attributes=attributes(args, kwargs)
                ):
                    return await fn(*args, **kwargs)

            _workflows[workflow] = run_async
            return cast(Callable[P, R], run_async)

        @functools.wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            with setup.tracer().start_as_current_span(
                f"workflow {workflow}", attributes=attributes(args, kwargs)
            ):
                return fn(*args, **kwargs)

        _workflows[workflow] = run
        return run

    return decorate(func) if func is not None else decorate


def recorded(
    kind: Literal["llm", "tool"], *, name: str | None = None
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Record a call's result so that replays can answer it from the recording.

    Each call is traced as an ``llm`` or ``tool`` span holding its input and its result as
    JSON. In a replay, calls before the fork point return the recorded results (in call
    order, per name) without running; later calls run live, or with ``recorded_only`` return
    a recording with the same input or raise :class:`RecordingMissingError`. Results must be
    JSON values to be served back.

    Args:
        kind: ``"llm"`` or ``"tool"``.
        name: The call's name (default: the function's name).

    Example:
        >>> from agenttrace.replay import recorded
        >>> @recorded("tool")
        ... def lookup(city: str) -> dict[str, int]:
        ...     return {"population": 3}
        >>> lookup("Oslo")
        {'population': 3}
    """

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        call = name or fn.__name__
        signature = inspect.signature(fn)

        def begin(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any, str]:
            try:
                input_json = dumps(dict(signature.bind(*args, **kwargs).arguments))
            except TypeError:
                input_json = dumps({"args": list(args), "kwargs": kwargs})
            attributes = {
                _keys.SPAN_TYPE: kind,
                _keys.OI_SPAN_KIND: kind.upper(),
                _keys.CALL: call,
                _keys.OI_INPUT_VALUE: input_json,
            }
            scope = setup.tracer().start_as_current_span(
                f"{kind} {call}", attributes=attributes, record_exception=True
            )
            session = _session.current()
            answer = session.answer(call, input_json) if session is not None else None
            return scope, answer, input_json

        def finish(span: Any, result: Any, served: bool) -> None:
            output = dumps(result)
            span.set_attribute(_keys.CALL_SERVED, "recorded" if served else "live")
            span.set_attribute(_keys.CALL_OUTPUT, output)
            span.set_attribute(_keys.OI_OUTPUT_VALUE, output)
            span.set_status(Status(StatusCode.OK))

        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def run_async(*args: Any, **kwargs: Any) -> Any:
                scope, answer, _ = begin(args, kwargs)
                with scope as span:
                    if answer is not None:
                        result = json.loads(answer.output)
                    else:
                        result = await fn(*args, **kwargs)
                    finish(span, result, answer is not None)
                    return result

            return cast(Callable[P, R], run_async)

        @functools.wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> R:
            scope, answer, _ = begin(args, kwargs)
            with scope as span:
                result: R = json.loads(answer.output) if answer is not None else fn(*args, **kwargs)
                finish(span, result, answer is not None)
                return result

        return run

    return decorate


def load_app(reference: str) -> Any:
    """Import ``module:object`` (``object`` may be dotted); the current folder is importable.

    Raises:
        ValueError: the reference has no ``:``.
        ImportError, AttributeError: the module or object does not exist.
    """
    module_name, sep, attr = reference.partition(":")
    if not sep or not module_name or not attr:
        raise ValueError(f"expected module:object, got {reference!r}")
    cwd = str(Path.cwd())
    if cwd not in sys.path:
        sys.path.insert(0, cwd)
    obj: Any = importlib.import_module(module_name)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj
