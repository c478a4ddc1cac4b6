"""The normalizer interface and the priority-ordered registry that picks one per span."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .draft import SpanDraft


class Normalizer:
    """One framework's reading of spans.

    Subclasses set :attr:`name`, say which spans they understand in :meth:`matches`, fill a
    :class:`SpanDraft` in :meth:`normalize` and may add request-wide conclusions (messages
    that need several spans) in :meth:`resolve`.
    """

    name: str = "base"
    framework: str | None = None
    reads_attributes: bool = False
    """True when :meth:`matches` looks at attributes or the resource (no per-scope cache)."""

    def matches(
        self, scope: str, version: str, resource: dict[str, Any], attributes: dict[str, Any]
    ) -> bool:
        """Return True when this normalizer understands a span of ``scope``."""
        raise NotImplementedError

    def normalize(self, draft: SpanDraft) -> None:
        """Fill the meaning of one span (type, agent, input/output, tokens …)."""
        raise NotImplementedError

    def resolve(self, drafts: Sequence[SpanDraft], index: dict[tuple[str, str], SpanDraft]) -> None:
        """Add what needs the other spans of the request; ``drafts`` are this normalizer's."""
        return None


class Registry:
    """Normalizers in priority order; the last one (generic) matches everything."""

    def __init__(self, normalizers: Sequence[Normalizer]) -> None:
        """Keep ``normalizers`` in the given order (highest priority first)."""
        self.normalizers = tuple(normalizers)
        self.per_scope = not any(n.reads_attributes for n in self.normalizers)
        """True when the choice depends on the scope alone (one pick per scope of a request)."""

    def pick(
        self, scope: str, version: str, resource: dict[str, Any], attributes: dict[str, Any]
    ) -> Normalizer:
        """The first normalizer that matches a span."""
        for normalizer in self.normalizers:
            if normalizer.matches(scope, version, resource, attributes):
                return normalizer
        return self.normalizers[-1]
