"""The cost in USD of one LLM call: what the provider reported, else tokens times the model's price.

Prices come from `genai-prices <https://pypi.org/project/genai-prices/>`_ (a maintained table
of providers and models, with the date each price applies from); AgentTrace types no price
itself. A cost the span carries (``gen_ai.usage.cost``, OpenInference's ``llm.cost.total`` or
its parts) wins over the computed one. A model the table does not know gives ``None``
(unknown), never 0.

The library's own ``calc_price`` builds a usage object and walks its unit registry on every
call (about 0.1 ms). Ingestion prices every LLM span, so :class:`PriceBook` asks the library
once per (provider, model) for the model's current prices, keeps them as plain per-token
floats (:class:`Rate`), and prices each span with a few multiplications.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from genai_prices import data_snapshot
from genai_prices.types import TieredPrices

from agenttrace_core.enums import SpanType
from agenttrace_core.models import Span

COST_KEYS = ("gen_ai.usage.cost", "llm.cost.total")
"""Total cost of a call as instrumentations send it (OpenLIT and others; OpenInference)."""
COST_PART_KEYS = (
    ("llm.cost.prompt", "llm.cost.completion"),
    ("llm.cost.input", "llm.cost.output"),
    ("gen_ai.usage.input_cost", "gen_ai.usage.output_cost"),
)
"""Input and output cost pairs, summed when no total is sent."""
PROVIDER_KEYS = ("gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system")
"""Where the provider of a call is named (OTel GenAI, current and older; OpenInference)."""
CACHE_READ_KEYS = (
    "gen_ai.usage.cache_read.input_tokens",
    "gen_ai.usage.cache_read_input_tokens",
    "llm.token_count.prompt_details.cache_read",
)
"""Input tokens read from the provider's prompt cache (a part of the input tokens)."""
CACHE_WRITE_KEYS = (
    "gen_ai.usage.cache_creation.input_tokens",
    "gen_ai.usage.cache_creation_input_tokens",
    "llm.token_count.prompt_details.cache_write",
)
"""Input tokens written to the provider's prompt cache (a part of the input tokens)."""

_RARE_KEYS = frozenset(
    [key for pair in COST_PART_KEYS for key in pair] + [*CACHE_READ_KEYS, *CACHE_WRITE_KEYS]
)

PROVIDER_IDS = {
    "gcp.gemini": "google",
    "gcp.vertex_ai": "google",
    "gcp.gen_ai": "google",
    "gemini": "google",
    "vertex_ai": "google",
    "aws.bedrock": "aws",
    "bedrock": "aws",
    "azure.ai.openai": "azure",
    "azure.ai.inference": "azure",
    "az.ai.openai": "azure",
    "az.ai.inference": "azure",
    "mistral_ai": "mistral",
    "mistralai": "mistral",
    "x_ai": "x-ai",
    "xai": "x-ai",
}
"""OTel GenAI provider names that genai-prices spells otherwise (names, not prices)."""

_PER_MTOK = 1_000_000


@dataclass(frozen=True, slots=True)
class _Price:
    """USD per token; ``tiers`` (threshold, USD per token) apply to the whole call once its
    input tokens exceed the threshold (the providers' "long context" prices)."""

    base: float
    tiers: tuple[tuple[int, float], ...] = ()

    def at(self, input_tokens: int) -> float:
        for start, price in reversed(self.tiers):
            if input_tokens > start:
                return price
        return self.base


@dataclass(frozen=True, slots=True)
class Rate:
    """A model's token prices, as floats: what pricing one call needs."""

    input: _Price
    output: _Price
    cache_read: _Price
    cache_write: _Price

    def cost(
        self, input_tokens: int, output_tokens: int, cache_read: int = 0, cache_write: int = 0
    ) -> float:
        """USD for one call; ``input_tokens`` includes the cached ones."""
        if not (cache_read or cache_write or self.input.tiers):  # the usual call
            return input_tokens * self.input.base + output_tokens * self.output.base
        cache_read = min(cache_read, input_tokens)
        cache_write = min(cache_write, input_tokens - cache_read)
        fresh = input_tokens - cache_read - cache_write
        return (
            fresh * self.input.at(input_tokens)
            + cache_read * self.cache_read.at(input_tokens)
            + cache_write * self.cache_write.at(input_tokens)
            + output_tokens * self.output.at(input_tokens)
        )


def _price(value: Decimal | TieredPrices | None, default: _Price) -> _Price:
    if value is None:
        return default
    if isinstance(value, TieredPrices):
        return _Price(
            float(value.base) / _PER_MTOK,
            tuple((tier.start, float(tier.price) / _PER_MTOK) for tier in value.tiers),
        )
    return _Price(float(value) / _PER_MTOK)


class PriceBook:
    """Token prices per (provider, model), looked up in genai-prices once each.

    ``at`` pins the date of the prices (default: when first looked up). A model the table
    does not know is remembered as unknown too.
    """

    def __init__(self, *, at: datetime | None = None) -> None:
        self._at = at
        self._rates: dict[tuple[str | None, str], Rate | None] = {}

    def rate(self, provider: str | None, model: str) -> Rate | None:
        """The prices of ``model`` (served by ``provider`` if given); None: not in the table."""
        key = (provider, model)
        try:
            return self._rates[key]
        except KeyError:
            rate = self._rates[key] = self._lookup(provider, model)
            return rate

    def _lookup(self, provider: str | None, model: str) -> Rate | None:
        snapshot = data_snapshot.get_snapshot()
        provider_id = PROVIDER_IDS.get(provider.lower(), provider.lower()) if provider else None
        try:
            _prov, info = snapshot.find_provider_model(model, None, provider_id, None)
        except LookupError:
            if provider_id is None:
                return None
            try:  # a provider the table does not list (a gateway, a proxy): by model alone
                _prov, info = snapshot.find_provider_model(model, None, None, None)
            except LookupError:
                return None
        prices = info.get_prices(self._at or datetime.now(tz=UTC))
        if prices.input_mtok is None and prices.output_mtok is None:
            return None  # priced per image, second or request only: not from tokens
        input_price = _price(prices.input_mtok, _Price(0.0))
        return Rate(
            input=input_price,
            output=_price(prices.output_mtok, _Price(0.0)),
            cache_read=_price(prices.cache_read_mtok, input_price),
            cache_write=_price(prices.cache_write_mtok, input_price),
        )

    def call_cost(
        self,
        model: str | None,
        input_tokens: int | None,
        output_tokens: int | None,
        attributes: Mapping[str, Any],
    ) -> float | None:
        """USD of one LLM call: the cost its span reports, else priced from its tokens.

        None when neither is known (no reported cost, and no model, no tokens, or a model
        the price table does not know).
        """
        get = attributes.get
        for key in COST_KEYS:
            value = get(key)
            if value is not None and (usd := _usd(value)) is not None:
                return usd
        # one lookup in C for the keys most calls lack (cost parts, prompt-cache tokens)
        rare = not attributes.keys().isdisjoint(_RARE_KEYS)
        if rare and (reported := reported_cost(attributes)) is not None:
            return reported
        if not model or (input_tokens is None and output_tokens is None):
            return None
        provider = get("gen_ai.provider.name") or get("gen_ai.system")
        if not isinstance(provider, str):
            provider = _first_str(attributes, PROVIDER_KEYS)
        rate = self.rate(provider, model)
        if rate is None:
            return None
        if not rare:
            return rate.cost(max(input_tokens or 0, 0), max(output_tokens or 0, 0))
        return rate.cost(
            max(input_tokens or 0, 0),
            max(output_tokens or 0, 0),
            _first_count(attributes, CACHE_READ_KEYS),
            _first_count(attributes, CACHE_WRITE_KEYS),
        )

    def span_cost(self, span: Span) -> float | None:
        """:meth:`call_cost` of an LLM span; None for spans of other types."""
        if span.span_type is not SpanType.LLM:
            return None
        return self.call_cost(span.model, span.input_tokens, span.output_tokens, span.attributes)


def reported_cost(attributes: Mapping[str, Any]) -> float | None:
    """The cost in USD a span carries, if any (a total, else input + output parts)."""
    for key in COST_KEYS:
        value = _usd(attributes.get(key))
        if value is not None:
            return value
    for input_key, output_key in COST_PART_KEYS:
        parts = (_usd(attributes.get(input_key)), _usd(attributes.get(output_key)))
        if parts != (None, None):
            return (parts[0] or 0.0) + (parts[1] or 0.0)
    return None


def _usd(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        usd = float(value)
    except (TypeError, ValueError):
        return None
    return usd if math.isfinite(usd) and usd >= 0 else None


def _first_str(attributes: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = attributes.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def _first_count(attributes: Mapping[str, Any], keys: tuple[str, ...]) -> int:
    for key in keys:
        value = attributes.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return 0


PRICES = PriceBook()
"""The price book of this process (a cache: filled as models are met)."""
