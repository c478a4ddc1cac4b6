"""Framework integrations: which frameworks are installed, and their OpenInference instrumentors.

What AgentTrace adds on top (agent identity, messages, handoffs) does not depend on the
framework being listed here: the processor and the export-time enricher read the spans.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from opentelemetry.sdk.trace import TracerProvider

from agenttrace._internal.guard import internal_errors, warn_once

logger = logging.getLogger("agenttrace")


@dataclass(frozen=True)
class Framework:
    """One supported framework: how to recognise it and which instrumentors turn it on."""

    name: str
    extra: str
    modules: tuple[str, ...]
    instrumentors: tuple[tuple[str, str], ...]
    configure: Callable[[], None] | None = None

    def installed(self) -> bool:
        """Whether the framework itself can be imported here."""
        return all(importlib.util.find_spec(m) is not None for m in self.modules)


def _quiet_openai_agents_export() -> None:
    """The OpenAI Agents SDK also sends traces to OpenAI; without a key it only complains."""
    import os

    if os.environ.get("OPENAI_API_KEY"):
        return
    agents = importlib.import_module("agents")
    set_processors = getattr(agents, "set_trace_processors", None)
    if callable(set_processors):
        set_processors([])


FRAMEWORKS: tuple[Framework, ...] = (
    Framework(
        "langgraph",
        "langgraph",
        ("langchain_core",),
        (("openinference.instrumentation.langchain", "LangChainInstrumentor"),),
    ),
    Framework(
        "autogen",
        "autogen",
        ("autogen_agentchat",),
        (
            (
                "openinference.instrumentation.autogen_agentchat",
                "AutogenAgentChatInstrumentor",
            ),
        ),
    ),
    Framework(
        "crewai",
        "crewai",
        ("crewai",),
        (
            ("openinference.instrumentation.crewai", "CrewAIInstrumentor"),
            ("openinference.instrumentation.openai", "OpenAIInstrumentor"),
        ),
    ),
    Framework(
        "openai-agents",
        "openai-agents",
        ("agents",),
        (("openinference.instrumentation.openai_agents", "OpenAIAgentsInstrumentor"),),
        configure=_quiet_openai_agents_export,
    ),
)

_done: set[str] = set()


def by_name(names: Iterable[str] | None) -> list[Framework]:
    """The frameworks asked for (all of them when ``names`` is ``None``)."""
    if names is None:
        return list(FRAMEWORKS)
    wanted = {n.replace("_", "-").lower() for n in names}
    unknown = wanted - {f.name for f in FRAMEWORKS}
    if unknown:
        raise ValueError(
            f"unknown framework(s) {sorted(unknown)}; known: {[f.name for f in FRAMEWORKS]}"
        )
    return [f for f in FRAMEWORKS if f.name in wanted]


def instrument(frameworks: Iterable[Framework], provider: TracerProvider) -> list[str]:
    """Turn on the instrumentors of the installed ``frameworks``; returns the names done."""
    done: list[str] = []
    for framework in frameworks:
        if framework.name in _done:
            done.append(framework.name)
            continue
        if not framework.installed():
            continue
        with internal_errors(f"instrumenting {framework.name}"):
            if _instrument_one(framework, provider):
                _done.add(framework.name)
                done.append(framework.name)
    return done


def _instrument_one(framework: Framework, provider: TracerProvider) -> bool:
    for module_name, _ in framework.instrumentors:
        if importlib.util.find_spec(module_name.rsplit(".", 1)[0]) is None or (
            importlib.util.find_spec(module_name) is None
        ):
            warn_once(
                f"missing-{framework.name}",
                "AgentTrace: %s is installed but its instrumentation is not; "
                "install `agenttrace[%s]` to trace it",
                framework.name,
                framework.extra,
            )
            return False
    if framework.configure is not None:
        framework.configure()
    for module_name, class_name in framework.instrumentors:
        instrumentor = getattr(importlib.import_module(module_name), class_name)()
        if not instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.instrument(tracer_provider=provider)
    logger.debug("AgentTrace: instrumented %s", framework.name)
    return True
