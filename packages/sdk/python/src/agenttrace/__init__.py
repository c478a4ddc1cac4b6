"""AgentTrace SDK: see who talked to whom in a multi-agent LLM system.

Two lines in agent code send OpenTelemetry traces to ``agenttrace serve``::

    import agenttrace

    agenttrace.init(project="travel-desk")  # OTLP/HTTP to http://localhost:4318
    agenttrace.instrument()                 # LangGraph, AutoGen, CrewAI, OpenAI Agents

Hand-written agents use the manual API::

    @agenttrace.agent("planner", role="breaks the task down")
    def plan(task: str) -> list[str]:
        steps = ["search flights", "book the cheapest"]
        agenttrace.handoff("planner", "booker", content=steps[1])
        return steps

Every call works before ``init()`` too: it then records nothing and never raises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from opentelemetry.sdk.trace import TracerProvider

from agenttrace._internal import clock as _clock
from agenttrace._internal import frameworks as _frameworks
from agenttrace._internal import manual as _manual
from agenttrace._internal import setup as _setup
from agenttrace._internal.guard import internal_errors as _internal_errors
from agenttrace._internal.keys import MessageKind
from agenttrace._internal.scopes import SpanScope
from agenttrace._internal.session import session_scope as _session_scope

if TYPE_CHECKING:
    from agenttrace.replay import replayable

__version__ = "0.1.0"
__all__ = [
    "MessageKind",
    "SpanScope",
    "__version__",
    "agent",
    "checkpoint",
    "flush",
    "handoff",
    "init",
    "instrument",
    "message",
    "replayable",
    "session",
    "shutdown",
    "tool",
    "use_clock",
]

_pending_instrument: list[list[str] | None] = []


def init(
    *,
    endpoint: str | None = None,
    project: str | None = None,
    api_key: str | None = None,
    service_name: str | None = None,
    tracer_provider: TracerProvider | None = None,
    timeout: float = 5.0,
) -> None:
    """Send this program's traces to AgentTrace (OTLP/HTTP, batched, flushed at exit).

    Args:
        endpoint: Base URL of the OTLP receiver; default ``$AGENTTRACE_ENDPOINT``, else
            ``http://localhost:4318`` (``/v1/traces`` is appended unless present).
        project: Project the traces belong to; default ``$AGENTTRACE_PROJECT``.
        api_key: Sent as ``Authorization: Bearer …``; default ``$AGENTTRACE_API_KEY``.
        service_name: OTel ``service.name`` of a tracer provider the SDK creates.
        tracer_provider: Add AgentTrace to this provider. By default an SDK provider already
            set globally is used (its other processors keep working), else one is created
            and set globally.
        timeout: Seconds one export may take. Exports run in a background thread; when
            the server is down the SDK warns once and the program carries on.

    Calling ``init()`` again points the SDK at the new endpoint/project.

    Example:
        >>> import agenttrace
        >>> agenttrace.init(endpoint="http://127.0.0.1:4318", project="docs")
        >>> with agenttrace.agent("researcher", role="finds sources"):
        ...     agenttrace.message("researcher", "writer", "3 sources found")
        >>> agenttrace.flush(timeout=1.0) in (True, False)
        True
    """
    with _internal_errors("init"):
        state = _setup.setup(
            endpoint=endpoint,
            project=project,
            api_key=api_key,
            service_name=service_name,
            tracer_provider=tracer_provider,
            timeout=timeout,
        )
        while _pending_instrument:
            names = _pending_instrument.pop(0)
            _frameworks.instrument(_frameworks.by_name(names), state.provider)


def instrument(*, frameworks: Iterable[str] | None = None) -> list[str]:
    """Turn on tracing for the installed agent frameworks; returns the ones turned on.

    Uses the maintained OpenInference instrumentor of each framework (install the extra:
    ``agenttrace[langgraph]``, ``[autogen]``, ``[crewai]``, ``[openai-agents]``). On top of
    what they record, AgentTrace names the agent of every span and records the messages and
    handoffs between agents as ``agenttrace.message.*``.

    Args:
        frameworks: Only these (``"langgraph"``, ``"autogen"``, ``"crewai"``,
            ``"openai-agents"``); default every installed one.

    Called before ``init()``, the request is kept and carried out by ``init()``.

    Example:
        >>> import agenttrace
        >>> agenttrace.init()
        >>> isinstance(agenttrace.instrument(frameworks=["langgraph"]), list)
        True
    """
    names = list(frameworks) if frameworks is not None else None
    chosen = _frameworks.by_name(names)  # unknown names raise ValueError: a caller's mistake
    state = _setup.current()
    if state is None:
        _pending_instrument.append(names)
        return []
    with _internal_errors("instrument"):
        return _frameworks.instrument(chosen, state.provider)
    return []


def flush(*, timeout: float = 5.0) -> bool:
    """Send every span recorded so far; ``False`` if that took longer than ``timeout`` seconds.

    Example:
        >>> import agenttrace
        >>> agenttrace.flush(timeout=0.1) in (True, False)
        True
    """
    with _internal_errors("flush"):
        return _setup.flush(int(timeout * 1000))
    return False


def shutdown() -> None:
    """Flush and stop sending spans (``init()`` starts again); also done at exit.

    Example:
        >>> import agenttrace
        >>> agenttrace.shutdown()
    """
    with _internal_errors("shutdown"):
        _setup.shutdown()


def use_clock(clock: Callable[[], int] | None) -> None:
    """Take span times from ``clock`` (ns since the epoch); ``None`` restores real time.

    For simulations (``agenttrace demo`` sends runs spread over a simulated day).

    Example:
        >>> import agenttrace
        >>> agenttrace.use_clock(lambda: 1_700_000_000_000_000_000)
        >>> agenttrace.use_clock(None)
    """
    _clock.use_clock(clock)


def agent(name: str, role: str | None = None, *, model: str | None = None) -> SpanScope:
    """A span for the work of one agent; every span inside it belongs to ``name``.

    Works as a decorator of sync and async functions and as a (async) context manager.

    Args:
        name: The agent's name (the node in the agent graph).
        role: What the agent is for.
        model: The model the agent uses.

    Example:
        >>> import agenttrace
        >>> @agenttrace.agent("reviewer", role="reviews patches")
        ... def review(patch: str) -> str:
        ...     return "LGTM"
        >>> review("fix typo")
        'LGTM'
        >>> with agenttrace.agent("coder", "writes code", model="gpt-4o"):
        ...     pass
    """
    return _manual.agent_scope(name, role, model)


def session(session_id: str | None) -> AbstractContextManager[str | None]:
    """Group runs into one session (a conversation, a thread): a context manager.

    Every span started inside the block carries ``session.id``; the runs that share it are
    one session in AgentTrace (the Sessions page, ``GET /api/v1/sessions``). Frameworks'
    spans get it too. Use one ``with`` per turn, or one around the whole conversation.

    Args:
        session_id: The session's id, e.g. your chat's conversation id (``None``: no session).

    Example:
        >>> import agenttrace
        >>> with agenttrace.session("chat-42"):
        ...     with agenttrace.agent("assistant"):
        ...         pass
    """
    return _session_scope(session_id)


def tool(name: str, *, agent: str | None = None) -> SpanScope:
    """A span for one tool call; as a decorator it also records arguments and result.

    Args:
        name: The tool's name.
        agent: The calling agent (default: the agent the call happens in).

    Example:
        >>> import agenttrace
        >>> @agenttrace.tool("search_flights")
        ... def search_flights(origin: str, dest: str) -> list[str]:
        ...     return ["LH 123"]
        >>> search_flights("FRA", "JFK")
        ['LH 123']
    """
    return _manual.tool_scope(name, agent, record_io=True)


def message(
    sender: str | None,
    receiver: str | None,
    content: object,
    *,
    kind: MessageKind = "message",
) -> None:
    """Record one message between agents (``sender=None``: the user; ``receiver=None``: all).

    Args:
        sender: The agent that sends it.
        receiver: The agent that gets it (``None`` or ``"*"`` for a broadcast).
        content: The text (anything else is sent as JSON).
        kind: ``"message"``, ``"handoff"``, ``"delegation"``, ``"broadcast"`` or ``"return"``.

    Example:
        >>> import agenttrace
        >>> agenttrace.message("planner", "coder", "Implement parse_date()", kind="delegation")
    """
    _manual.send_message(sender, receiver, content, kind)


def handoff(sender: str | None, receiver: str, *, content: object = None) -> None:
    """Record that ``sender`` passes control of the task to ``receiver``.

    Example:
        >>> import agenttrace
        >>> agenttrace.handoff("triage", "billing", content="refund for order 1234")
    """
    _manual.send_message(sender, receiver, content, "handoff")


def checkpoint(
    name: str,
    state: Any,
    *,
    agent: str | None = None,
    step: int | None = None,
    thread_id: str | None = None,
    ns: str | None = None,
    framework_id: str | None = None,
    framework: str = "manual",
) -> str:
    """Record a snapshot of the run's state to step back to (time travel, replay).

    The step index counts up from 0 per trace and each checkpoint points to the one before.

    Args:
        name: A label, such as ``"after planner"``.
        state: The state (JSON-encoded; what JSON cannot hold is kept as its ``repr``).
        agent: The agent that produced it (default: the current agent).
        step: Override the automatic step index.
        thread_id: The framework's thread id.
        ns: The framework's checkpoint namespace.
        framework_id: The framework's own checkpoint id.
        framework: Who made it (``"manual"``, ``"langgraph"`` …).

    Returns:
        The checkpoint's id (a UUID), also when nothing is recorded.

    Example:
        >>> import agenttrace
        >>> with agenttrace.agent("planner"):
        ...     cp = agenttrace.checkpoint("after planning", {"plan": ["search", "book"]})
        >>> len(cp)
        36
    """
    return _manual.record_checkpoint(
        name,
        state,
        agent=agent,
        thread_id=thread_id,
        ns=ns,
        framework_id=framework_id,
        framework=framework,
        step=step,
    )


def __getattr__(name: str) -> Any:
    if name == "replayable":
        try:
            from agenttrace.replay import replayable as found
        except ImportError as exc:
            raise AttributeError("agenttrace.replayable is not available in this version") from exc
        return found
    raise AttributeError(f"module 'agenttrace' has no attribute {name!r}")
