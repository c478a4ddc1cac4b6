"""Cost of one LLM call: reported cost first, else tokens times the genai-prices price."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from agenttrace_core.cost import PriceBook, reported_cost
from agenttrace_core.enums import SpanType
from agenttrace_core.models import Span
from genai_prices import Usage, calc_price

AT = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("provider", "model", "input_tokens", "output_tokens", "cache_read"),
    [
        ("openai", "gpt-4o-mini", 1_000, 200, 0),
        ("openai", "gpt-4o-mini", 1_000, 200, 400),
        (None, "gpt-4o", 12_345, 678, 0),
        ("anthropic", "claude-sonnet-4-20250514", 5_000, 1_000, 2_000),
        ("google", "gemini-2.5-pro", 150_000, 2_000, 0),
        ("google", "gemini-2.5-pro", 250_000, 2_000, 0),  # past the long-context tier
    ],
)
def test_priced_from_tokens_as_genai_prices_prices_them(
    provider: str | None, model: str, input_tokens: int, output_tokens: int, cache_read: int
) -> None:
    book = PriceBook(at=AT)
    attributes = {"gen_ai.usage.cache_read_input_tokens": cache_read} if cache_read else {}
    if provider:
        attributes["gen_ai.system"] = provider
    cost = book.call_cost(model, input_tokens, output_tokens, attributes)
    usage = Usage(
        input_tokens=input_tokens, output_tokens=output_tokens, cache_read_tokens=cache_read
    )
    expected = calc_price(usage, model, provider_id=provider, genai_request_timestamp=AT)
    assert cost == pytest.approx(float(expected.total_price), rel=1e-9)
    assert cost > 0


def test_a_reported_cost_wins_over_the_computed_one() -> None:
    book = PriceBook(at=AT)
    for attributes, expected in [
        ({"gen_ai.usage.cost": 0.5}, 0.5),
        ({"llm.cost.total": "0.25"}, 0.25),
        ({"llm.cost.prompt": 0.1, "llm.cost.completion": 0.2}, 0.1 + 0.2),
        ({"gen_ai.usage.input_cost": 0.3}, 0.3),
    ]:
        assert book.call_cost("gpt-4o-mini", 1_000, 100, attributes) == expected
        assert book.call_cost("no-such-model-xyz", None, None, attributes) == expected


def test_unknown_model_or_missing_tokens_give_none_never_zero() -> None:
    book = PriceBook(at=AT)
    assert book.call_cost("my-local-finetune-42", 1_000, 100, {}) is None
    assert book.call_cost("my-local-finetune-42", 1_000, 100, {"gen_ai.system": "vllm"}) is None
    assert book.call_cost(None, 1_000, 100, {}) is None
    assert book.call_cost("gpt-4o-mini", None, None, {}) is None
    assert book.call_cost("gpt-4o-mini", 0, 0, {}) == 0.0


def test_otel_provider_names_and_unlisted_providers_find_the_model() -> None:
    book = PriceBook(at=AT)
    direct = book.call_cost("gemini-2.5-flash", 1_000, 100, {"gen_ai.system": "google"})
    assert direct is not None
    semconv = {"gen_ai.provider.name": "gcp.gemini"}
    assert book.call_cost("gemini-2.5-flash", 1_000, 100, semconv) == direct
    gateway = {"gen_ai.provider.name": "my-gateway"}
    assert book.call_cost("gpt-4o-mini", 1_000, 100, gateway) == book.call_cost(
        "gpt-4o-mini", 1_000, 100, {}
    )


def test_bad_reported_costs_are_ignored() -> None:
    for value in (-1, float("nan"), float("inf"), "abc", True, None):
        assert reported_cost({"gen_ai.usage.cost": value}) is None


def test_lookups_are_cached_per_provider_and_model() -> None:
    book = PriceBook(at=AT)
    first = book.rate("openai", "gpt-4o-mini")
    assert first is not None
    assert book.rate("openai", "gpt-4o-mini") is first
    assert book.rate(None, "no-such-model-xyz") is None
    assert (None, "no-such-model-xyz") in book._rates


def test_only_llm_spans_have_a_cost() -> None:
    book = PriceBook(at=AT)
    span = Span(
        trace_id="t" * 32,
        span_id="s" * 16,
        name="chat",
        start_time=0,
        end_time=1,
        span_type=SpanType.LLM,
        model="gpt-4o-mini",
        input_tokens=1_000,
        output_tokens=100,
    )
    assert book.span_cost(span) == book.call_cost("gpt-4o-mini", 1_000, 100, {})
    assert book.span_cost(span.model_copy(update={"span_type": SpanType.AGENT})) is None


def test_an_unreadable_reported_part_falls_back_to_the_price() -> None:
    book = PriceBook(at=AT)
    priced = book.call_cost("gpt-4o-mini", 1_000, 100, {})
    assert book.call_cost("gpt-4o-mini", 1_000, 100, {"llm.cost.prompt": "n/a"}) == priced
    assert book.call_cost("gpt-4o-mini", 1_000, 100, {"gen_ai.usage.cost": -3}) == priced
