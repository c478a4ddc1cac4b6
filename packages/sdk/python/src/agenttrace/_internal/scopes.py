"""Spans opened by the manual API: usable as decorator and as (async) context manager."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import inspect
from collections.abc import Awaitable, Callable, Mapping
from types import TracebackType
from typing import Any, ParamSpec, TypeVar, cast, overload

from opentelemetry import context as context_api
from opentelemetry import trace
from opentelemetry.trace import Span, Status, StatusCode
from opentelemetry.util.types import AttributeValue

from agenttrace._internal import clock, identity, keys, setup
from agenttrace._internal.guard import internal_errors
from agenttrace._internal.jsonutil import as_text

P = ParamSpec("P")
R = TypeVar("R")


class SpanScope:
    """A span around a block or a function call; the agent scope also sets the current agent.

    Each ``with`` (or call of a decorated function) opens its own span, so one scope object
    may be entered again, also concurrently from several tasks.
    """

    def __init__(
        self,
        name: str,
        attributes: Mapping[str, AttributeValue],
        *,
        agent: str | None = None,
        record_io: bool = False,
    ) -> None:
        self._name = name
        self._attributes = dict(attributes)
        self._agent = agent
        self._record_io = record_io
        self._open: contextvars.ContextVar[list[tuple[Span, object, object]]] = (
            contextvars.ContextVar(f"agenttrace_scope_{id(self)}")
        )

    # -- context manager -------------------------------------------------------------------
    def __enter__(self) -> Span:
        return self._start(None)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._finish(exc, None, has_output=False)

    async def __aenter__(self) -> Span:
        return self._start(None)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._finish(exc, None, has_output=False)

    # -- decorator ---------------------------------------------------------------------------
    @overload
    def __call__(self, func: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]: ...
    @overload
    def __call__(self, func: Callable[P, R]) -> Callable[P, R]: ...
    def __call__(self, func: Callable[P, Any]) -> Callable[P, Any]:
        """Trace every call of ``func`` (sync or async) as one span."""
        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def run_async(*args: P.args, **kwargs: P.kwargs) -> Any:
                self._start(_call_input(func, args, kwargs) if self._record_io else None)
                try:
                    result = await func(*args, **kwargs)
                except BaseException as exc:
                    self._finish(exc, None, has_output=False)
                    raise
                self._finish(None, result, has_output=self._record_io)
                return result

            return run_async

        @functools.wraps(func)
        def run(*args: P.args, **kwargs: P.kwargs) -> Any:
            self._start(_call_input(func, args, kwargs) if self._record_io else None)
            try:
                result = func(*args, **kwargs)
            except BaseException as exc:
                self._finish(exc, None, has_output=False)
                raise
            self._finish(None, result, has_output=self._record_io)
            return result

        return run

    # -- span handling -----------------------------------------------------------------------
    def _start(self, call_input: str | None) -> Span:
        span: Span = trace.INVALID_SPAN
        with internal_errors("opening a span"):
            attributes = dict(self._attributes)
            if call_input is not None:
                attributes[keys.OI_INPUT_VALUE] = call_input
            span = setup.tracer().start_span(
                self._name, attributes=attributes, start_time=clock.now_ns()
            )
        token = context_api.attach(trace.set_span_in_context(span))
        agent_token = identity.current_agent.set(self._agent) if self._agent else None
        stack = self._open.get(None)
        if stack is None:
            stack = []
            self._open.set(stack)
        stack.append((span, token, agent_token))
        return span

    def _finish(self, exc: BaseException | None, result: object, *, has_output: bool) -> None:
        stack = self._open.get(None)
        if not stack:
            return
        span, token, agent_token = stack.pop()
        if agent_token is not None:
            identity.current_agent.reset(cast("contextvars.Token[str | None]", agent_token))
        # Detaching in another context (e.g. a generator) fails; the span still ends.
        with contextlib.suppress(Exception):
            context_api.detach(cast("contextvars.Token[context_api.Context]", token))
        with internal_errors("closing a span"):
            if has_output and result is not None:
                span.set_attribute(keys.OI_OUTPUT_VALUE, as_text(result))
            if exc is not None and not isinstance(exc, GeneratorExit):
                span.record_exception(exc)
                span.set_status(Status(StatusCode.ERROR, f"{type(exc).__name__}: {exc}"))
            span.end(end_time=clock.now_ns())


def _call_input(func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    try:
        bound = inspect.signature(func).bind_partial(*args, **kwargs)
        values: Any = {k: v for k, v in bound.arguments.items() if k not in ("self", "cls")}
    except (TypeError, ValueError):
        values = {"args": list(args), "kwargs": kwargs}
    return as_text(values)
