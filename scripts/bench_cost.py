"""What pricing LLM spans costs ingestion.

Times, in one process and one run (compare the ratios, not the absolute figures, on a shared
machine):

- ``calc_price``: genai-prices' own ``calc_price`` for one call (what a naive writer would do
  per span);
- ``price_book``: :class:`agenttrace_core.cost.PriceBook`, which looks a model up once and then
  prices a call from per-token floats (the path ingestion takes);
- ``prepare``: the writer's row building (:func:`agenttrace_ingestion.writer.prepared.prepare`)
  of a batch of LLM spans, against the same batch with the spans typed ``chain`` (no pricing):
  the difference is what pricing adds per span in the real hot path.

The last line printed is one JSON object of the figures.

    .venv/bin/python scripts/bench_cost.py [--spans 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable

from agenttrace_core.cost import PriceBook
from agenttrace_core.enums import SpanType
from agenttrace_core.models import NormalizedBatch, Span
from agenttrace_ingestion.writer.prepared import prepare
from genai_prices import Usage, calc_price

MODELS = [
    ("openai", "gpt-4o-mini"),
    ("openai", "gpt-4o"),
    ("anthropic", "claude-sonnet-4-20250514"),
    ("google", "gemini-2.5-pro"),
    (None, "acme-finetune-7"),  # unknown: cached as unknown
]
T0 = 1_800_000_000_000_000_000


PROMPT = "Plan the trip: flights from FRA to SFO, a hotel near Moscone, two nights. " * 27
ANSWER = "Booked LH454 on the 12th, Hotel Zetta for two nights, total 1,840 EUR. " * 7


def spans(n: int, span_type: SpanType) -> list[Span]:
    """``n`` model-call spans over a few models, with OTel GenAI attributes and a prompt of
    about 2,000 characters and an answer of about 500 (as a real call carries)."""
    out = []
    for i in range(n):
        provider, model = MODELS[i % len(MODELS)]
        attributes: dict[str, object] = {
            "gen_ai.operation.name": "chat",
            "gen_ai.request.model": model,
            "gen_ai.usage.input_tokens": 1000 + i,
            "gen_ai.usage.output_tokens": 200,
            "gen_ai.request.temperature": 0.2,
            "gen_ai.request.max_tokens": 1024,
            "gen_ai.response.id": f"chatcmpl-{i:012d}",
            "gen_ai.response.model": model,
            "gen_ai.response.finish_reasons": ["stop"],
            "server.address": "api.example.com",
            "gen_ai.agent.name": "planner",
        }
        if provider:
            attributes["gen_ai.system"] = provider
        out.append(
            Span(
                trace_id=f"{i // 50:032x}",
                span_id=f"{i + 1:016x}",
                name=f"chat {model}",
                span_type=span_type,
                start_time=T0 + i * 1000,
                end_time=T0 + i * 1000 + 500,
                model=model,
                input_tokens=1000 + i,
                output_tokens=200,
                input=PROMPT,
                output=ANSWER,
                attributes=attributes,
            )
        )
    return out


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """The fastest of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--spans", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    n, repeat = args.spans, args.repeat
    known = [s for s in spans(n, SpanType.LLM) if s.model != "acme-finetune-7"]

    calls = known[: max(1, n // 10)]  # calc_price is slow: a tenth of the spans

    def library() -> None:
        for s in calls:
            usage = Usage(input_tokens=s.input_tokens, output_tokens=s.output_tokens)
            calc_price(usage, s.model or "", provider_id=s.attributes.get("gen_ai.system"))

    book = PriceBook()
    llm = spans(n, SpanType.LLM)

    def priced() -> None:
        for s in llm:
            book.span_cost(s)

    calc_s = best_of(repeat, library) / len(calls)
    book_s = best_of(repeat, priced) / n
    with_cost = NormalizedBatch(spans=llm)
    without = NormalizedBatch(spans=spans(n, SpanType.CHAIN))
    prepare_llm = best_of(repeat, lambda: prepare(with_cost)) / n
    prepare_chain = best_of(repeat, lambda: prepare(without)) / n
    figures = {
        "spans": n,
        "calc_price_us_per_call": round(calc_s * 1e6, 2),
        "price_book_us_per_span": round(book_s * 1e6, 3),
        "calc_price_over_price_book": round(calc_s / book_s, 1),
        "prepare_us_per_llm_span": round(prepare_llm * 1e6, 2),
        "prepare_us_per_chain_span": round(prepare_chain * 1e6, 2),
        "pricing_share_of_prepare": round((prepare_llm - prepare_chain) / prepare_llm, 3),
    }
    print(f"genai-prices calc_price : {figures['calc_price_us_per_call']:8.2f} µs per call")
    print(f"PriceBook (cached)      : {figures['price_book_us_per_span']:8.3f} µs per span")
    print(f"  ratio                 : {figures['calc_price_over_price_book']:8.1f}x")
    print(f"prepare(), LLM spans    : {figures['prepare_us_per_llm_span']:8.2f} µs per span")
    print(f"prepare(), chain spans  : {figures['prepare_us_per_chain_span']:8.2f} µs per span")
    print(f"  pricing share         : {figures['pricing_share_of_prepare']:8.1%}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
