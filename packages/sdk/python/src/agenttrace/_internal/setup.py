"""``init()``: one AgentTrace processor on a tracer provider, an OTLP/HTTP exporter behind it."""

from __future__ import annotations

import atexit
import logging
import os
import threading
from dataclasses import dataclass

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

from agenttrace._internal import keys
from agenttrace._internal.config import Config, resolve
from agenttrace._internal.enrich import Enricher
from agenttrace._internal.exporter import SafeExporter
from agenttrace._internal.processor import AgentTraceProcessor

logger = logging.getLogger("agenttrace")
TRACER_NAME = "agenttrace"
EXIT_FLUSH_MILLIS = 5_000


@dataclass
class State:
    """What ``init()`` set up (one per process)."""

    config: Config
    provider: TracerProvider
    processor: AgentTraceProcessor
    exporter: SafeExporter
    owns_provider: bool


_state: State | None = None
_lock = threading.Lock()
_atexit_registered = False


def current() -> State | None:
    """The active setup, or ``None`` before ``init()``."""
    return _state


def tracer() -> trace.Tracer:
    """AgentTrace's tracer; a no-op tracer before ``init()``."""
    state = _state
    if state is None:
        return trace.NoOpTracer()
    return state.provider.get_tracer(TRACER_NAME)


def _resource(config: Config) -> Resource:
    attributes: dict[str, str] = {}
    if config.project:
        attributes[keys.PROJECT] = config.project
    service = config.service_name or os.environ.get("OTEL_SERVICE_NAME") or config.project
    if service:
        attributes["service.name"] = service
    elif not config.project:
        attributes[keys.PROJECT] = "default"
    return Resource.create(attributes)


def _batch(exporter: SafeExporter) -> BatchSpanProcessor:
    return BatchSpanProcessor(exporter, schedule_delay_millis=500)


def _exporter(config: Config) -> SafeExporter:
    otlp = OTLPSpanExporter(
        endpoint=config.traces_url, headers=config.headers or None, timeout=config.timeout
    )
    return SafeExporter(otlp, endpoint=config.traces_url, enrich=Enricher())


def setup(
    *,
    endpoint: str | None,
    project: str | None,
    api_key: str | None,
    service_name: str | None,
    tracer_provider: TracerProvider | None,
    timeout: float,
) -> State:
    """Configure (or reconfigure) the SDK; see ``agenttrace.init``."""
    global _state, _atexit_registered
    config = resolve(
        endpoint=endpoint,
        project=project,
        api_key=api_key,
        service_name=service_name,
        timeout=timeout,
    )
    with _lock:
        exporter = _exporter(config)
        batch = _batch(exporter)
        previous = _state
        provider = tracer_provider or (previous.provider if previous else None)
        if previous is not None and provider is previous.provider:
            old = previous.processor.replace(batch, project=config.project)
            processor, owns = previous.processor, previous.owns_provider
            if old is not None:
                old.shutdown()
        else:
            if previous is not None:
                previous.processor.shutdown()
            provider, owns = _provider(config, provider)
            processor = AgentTraceProcessor(batch, project=config.project)
            provider.add_span_processor(processor)
        _state = State(config, provider, processor, exporter, owns)
        if not _atexit_registered:
            atexit.register(_flush_at_exit)
            _atexit_registered = True
    return _state


def _provider(config: Config, given: TracerProvider | None) -> tuple[TracerProvider, bool]:
    """The user's SDK tracer provider if there is one, else a new global one of ours."""
    if given is not None:
        return given, False
    existing = trace.get_tracer_provider()
    if isinstance(existing, TracerProvider):
        return existing, False
    provider = TracerProvider(resource=_resource(config))
    trace.set_tracer_provider(provider)
    if trace.get_tracer_provider() is not provider:  # someone else's non-SDK provider won
        logger.warning(
            "AgentTrace: a global tracer provider that cannot take span processors is set; "
            "AgentTrace traces only what it records itself"
        )
    return provider, True


def flush(timeout_millis: int) -> bool:
    """Export what is queued; ``False`` when it did not finish in time (or before init)."""
    state = _state
    return state.processor.force_flush(timeout_millis) if state is not None else False


def shutdown() -> None:
    """Flush what is queued and stop exporting; a later ``init()`` starts again."""
    state = _state
    if state is None:
        return
    with _lock:
        old = state.processor.replace(None, project=None)
    if old is not None:
        old.shutdown()


def _flush_at_exit() -> None:
    state = _state
    if state is not None:
        try:
            state.processor.force_flush(EXIT_FLUSH_MILLIS)
        except Exception as exc:  # never fail the interpreter's exit
            logger.debug("AgentTrace flush at exit failed", exc_info=exc)
