"""Normalizers: OTLP spans → AgentTrace records (spans, agents, messages, checkpoints).

:func:`normalize_request` decodes each span's attributes once, lets the first matching
normalizer of the registry (LangGraph, AutoGen, CrewAI, OpenAI Agents, then generic) read
it, applies AgentTrace's own ``agenttrace.*`` keys, and assembles the request-wide records.
Spans with unusable ids or times are rejected with a reason; a normalizer that fails on a
span falls back to the generic one, and a span that still cannot be built is dropped,
counted and logged — the request never fails.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from agenttrace_core.models import Agent, AgentMessage, Checkpoint, NormalizedBatch
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.trace.v1.trace_pb2 import Span as OtlpSpan

from agenttrace_ingestion.rejections import Adjusted, RateLimitedLog

from .assemble import (
    build_agents,
    build_checkpoints,
    build_messages,
    derive_messages,
    inherit_agents,
)
from .autogen import AutoGenNormalizer
from .base import Normalizer, Registry
from .build import check_draft, check_ids, make_draft, to_span
from .conventions import apply_agenttrace
from .crewai import CrewAINormalizer
from .draft import SpanDraft
from .generic import GenericNormalizer
from .langgraph import LangGraphNormalizer
from .openai_agents import OpenAIAgentsNormalizer
from .values import decode_attributes

logger = logging.getLogger(__name__)
_LOG = RateLimitedLog(logger)

__all__ = [
    "REGISTRY",
    "NormalizeResult",
    "Normalized",
    "RejectedSpan",
    "normalize_drafts",
    "normalize_request",
]

REGISTRY = Registry(
    [
        LangGraphNormalizer(),
        AutoGenNormalizer(),
        CrewAINormalizer(),
        OpenAIAgentsNormalizer(),
        GenericNormalizer(),
    ]
)
"""The normalizers in priority order; generic is the fallback."""

_GENERIC = REGISTRY.normalizers[-1]


@dataclass
class RejectedSpan:
    """A span that could not be stored, and why."""

    trace_id: str
    span_id: str
    reason: str


@dataclass
class NormalizeResult:
    """What one export request yields.

    ``rejected`` lists every span not in ``batch`` (bad ids or times, or dropped because no
    normalizer could build it); ``dropped`` counts the latter. ``adjusted`` lists the spans
    stored with a value dropped or clamped.
    """

    batch: NormalizedBatch
    rejected: list[RejectedSpan] = field(default_factory=list)
    dropped: int = 0
    adjusted: list[Adjusted] = field(default_factory=list)


@dataclass
class Normalized:
    """What one export request yields, its spans still as drafts (checked, ready to store).

    The decode step builds rows straight from ``drafts`` (no span model per span);
    :func:`normalize_request` turns them into :class:`agenttrace_core.models.Span`.
    """

    drafts: list[SpanDraft]
    agents: list[Agent]
    messages: list[AgentMessage]
    checkpoints: list[Checkpoint]
    rejected: list[RejectedSpan] = field(default_factory=list)
    dropped: int = 0
    adjusted: list[Adjusted] = field(default_factory=list)


def _normalize_one(normalizer: Normalizer, sp: OtlpSpan, draft: SpanDraft) -> SpanDraft:
    try:
        normalizer.normalize(draft)
        return draft
    except Exception as exc:
        if normalizer is _GENERIC:
            raise
        _LOG.warning(
            f"fallback:{normalizer.name}",
            1,
            "normalizer %s failed on span %s/%s (%s: %s); using generic",
            normalizer.name,
            draft.trace_id,
            draft.span_id,
            type(exc).__name__,
            str(exc)[:200],
        )
    fresh = make_draft(
        sp, draft.attrs, draft.resource, draft.scope_name, draft.scope_version, draft.project
    )
    _GENERIC.normalize(fresh)
    return fresh


def normalize_request(
    request: ExportTraceServiceRequest, *, project: str | None = None
) -> NormalizeResult:
    """Normalize every span of a decoded export request.

    ``project`` (from an API key) overrides the project named by the resource
    (``agenttrace.project``, else ``service.name``, else ``default``).
    """
    done = normalize_drafts(request, project=project)
    batch = NormalizedBatch.model_construct(
        spans=[to_span(d) for d in done.drafts],
        agents=done.agents,
        messages=done.messages,
        checkpoints=done.checkpoints,
    )
    return NormalizeResult(batch, done.rejected, done.dropped, done.adjusted)


def normalize_drafts(
    request: ExportTraceServiceRequest, *, project: str | None = None, checked: bool = False
) -> Normalized:
    """Normalize every span of a decoded export request, down to checked drafts.

    ``checked``: the request went through
    :func:`agenttrace_ingestion.validation.drop_invalid_spans` already, so that the ids and
    times of its spans need no second look.
    """
    rejected: list[RejectedSpan] = []
    drafts: list[SpanDraft] = []
    owned: dict[str, list[SpanDraft]] = defaultdict(list)
    dropped = 0
    seen: set[tuple[bytes, bytes]] = set()
    hexes: dict[bytes, str] = {}  # ids in hex, one string per id (see make_draft)
    per_scope = REGISTRY.per_scope
    for rs in request.resource_spans:
        resource = decode_attributes(rs.resource.attributes)
        res_project = project or str(
            resource.get("agenttrace.project") or resource.get("service.name") or "default"
        )
        for ss in rs.scope_spans:
            scope, version = ss.scope.name, ss.scope.version
            # the normalizer of a scope, when no normalizer looks at a span's attributes
            scoped = REGISTRY.pick(scope, version, resource, {}) if per_scope else None
            for sp in ss.spans:
                if not checked:
                    reason = check_ids(sp)
                    if reason is not None:
                        rejected.append(RejectedSpan(sp.trace_id.hex(), sp.span_id.hex(), reason))
                        continue
                key = (sp.trace_id, sp.span_id)
                if key in seen:  # the same span twice in one body: stored once
                    continue
                seen.add(key)
                attrs = decode_attributes(sp.attributes)
                own = attrs.get("agenttrace.project")
                span_project = project or (own if isinstance(own, str) and own else res_project)
                draft = make_draft(sp, attrs, resource, scope, version, span_project, hexes)
                normalizer = scoped or REGISTRY.pick(scope, version, resource, attrs)
                try:
                    draft = _normalize_one(normalizer, sp, draft)
                    apply_agenttrace(draft)
                except Exception as exc:  # counted and logged by the receiver, per reason
                    dropped += 1
                    rejected.append(
                        RejectedSpan(
                            draft.trace_id, draft.span_id, f"cannot normalize: {type(exc).__name__}"
                        )
                    )
                    continue
                drafts.append(draft)
                owned[normalizer.name].append(draft)
    index = {(d.trace_id, d.span_id): d for d in drafts}
    inherit_agents(drafts, index)
    for normalizer in REGISTRY.normalizers:
        mine = owned.get(normalizer.name)
        if mine:
            try:
                normalizer.resolve(mine, index)
            except Exception as exc:
                _LOG.warning(
                    f"resolve:{normalizer.name}",
                    len(mine),
                    "normalizer %s could not resolve a request (%s: %s)",
                    normalizer.name,
                    type(exc).__name__,
                    str(exc)[:200],
                )
    inherit_agents(drafts, index)
    derive_messages(drafts, index)
    kept: list[SpanDraft] = []
    for draft in drafts:
        try:
            check_draft(draft)
            kept.append(draft)
        except Exception as exc:  # counted and logged by the receiver, per reason
            dropped += 1
            rejected.append(
                RejectedSpan(
                    draft.trace_id, draft.span_id, f"invalid normalized span: {type(exc).__name__}"
                )
            )
    messages = build_messages(kept)
    agents = build_agents(kept, messages)
    checkpoints = build_checkpoints(kept)
    adjusted = [change for d in kept if d.adjusted for change in d.adjusted]
    return Normalized(kept, agents, messages, checkpoints, rejected, dropped, adjusted)
