"""Score failure attribution on Who&When: our method, measured baselines, a cross-subset check."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from agenttrace_analysis.attribution import AgentStep, Evidence, Weights, conclude, gather
from agenttrace_analysis.eval.baselines import (
    first_agent_step,
    first_step,
    majority_label,
    most_steps_agent,
    random_expectation,
)
from agenttrace_analysis.eval.published import WHOWHEN_PUBLISHED
from agenttrace_analysis.eval.scoring import Method, Prediction, Scores, score
from agenttrace_analysis.eval.whowhen import Subset, WhoWhenRecord, anonymized, to_trace
from agenttrace_analysis.service import compute
from agenttrace_analysis.trace_data import TraceData

logger = logging.getLogger(__name__)

Gathered = dict[str, tuple[list[AgentStep], list[Evidence]] | None]
"""Steps and evidence per trace id, gathered once and shared by the weightings."""


def ours(
    weights: Weights | None = None, cache: Gathered | None = None, *, full: bool = True
) -> Method:
    """Our analysis (no LLM) as a method; the evidence of a trace is gathered once.

    ``full``: with the MAST detectors' annotations and the graph facts, as the product runs
    it; otherwise the attribution's own signals alone.
    """
    cache = {} if cache is None else cache

    def predict(record: WhoWhenRecord, trace: TraceData) -> Prediction:
        if trace.trace_id not in cache:
            if full:
                _, facts, notes = compute(trace)
                cache[trace.trace_id] = gather(trace, notes, facts)
            else:
                cache[trace.trace_id] = gather(trace, [])
        found = cache[trace.trace_id]
        if found is None:
            return Prediction(None, None)
        result = conclude(*found, weights)
        return Prediction(str(result["agent"]), int(result["step"]))

    return predict


VARIANTS: tuple[Weights, ...] = tuple(
    Weights(activity=a, coordinator=c)
    for a, c in itertools.product((0.5, 1.0, 2.0), (0.25, 0.5, 1.0))
)
"""The few weightings the cross-subset check chooses among."""


def names_hidden(records: Sequence[WhoWhenRecord]) -> dict[str, Any]:
    """Our method on the records with every agent renamed (nothing rides on the names)."""
    hidden = [anonymized(r) for r in records]
    return score(hidden, ours(), [to_trace(r) for r in hidden])[0].as_json()


def cross_subset(records: Sequence[WhoWhenRecord], traces: Sequence[TraceData]) -> dict[str, Any]:
    """Choose a weighting on one subset, report it on the other (and the reverse)."""
    cache: Gathered = {}
    results = [(w, score(records, ours(w, cache), traces)[0]) for w in VARIANTS]
    out: dict[str, Any] = {
        "variants": [{"weights": asdict(w), **s.as_json()} for w, s in results],
    }
    for fit, held in itertools.permutations(list(Subset), 2):
        fitted = [(w, s) for w, s in results if fit.value in s.by_subset]
        if not fitted or not any(held.value in s.by_subset for _, s in fitted):
            continue

        def merit(item: tuple[Weights, Scores], subset: Subset = fit) -> tuple[float, bool]:
            tally = item[1].by_subset[subset.value]
            # On a tie the default weighting wins: nothing is gained by moving off it.
            return (tally.agent + tally.step) / (tally.n or 1), item[0] == Weights()

        weights, chosen = max(fitted, key=merit)
        out[f"chosen_on_{fit.value}"] = {
            "weights": asdict(weights),
            "fit": chosen.by_subset[fit.value].as_json(),
            "held_out": {"subset": held.value, **chosen.by_subset[held.value].as_json()},
        }
    return out


def evaluate(
    records: Sequence[WhoWhenRecord],
    method: Method | None = None,
    tick: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """The whole report: the method, the measured baselines, the published ones, the check."""
    traces = [to_trace(r) for r in records]
    main, rows = score(records, method or ours(), traces, tick)
    baselines: dict[str, Any] = {"random_expected": random_expectation(records).as_json()}
    for name, base in (
        ("most_steps_agent", most_steps_agent),
        ("first_step", first_step),
        ("first_agent_step", first_agent_step),
        ("majority_label_leave_one_out", majority_label(records)),
        ("attribution_signals_alone", ours(full=False)),
    ):
        baselines[name] = score(records, base, traces)[0].as_json()
    baselines["published"] = [
        {
            "method": p.method,
            "subset": p.subset.value,
            "agent_accuracy": p.agent_accuracy,
            "step_accuracy": p.step_accuracy,
        }
        for p in WHOWHEN_PUBLISHED
    ]
    return {
        **main.as_json(),
        "baselines": baselines,
        "cross_subset": cross_subset(records, traces) if method is None else {},
        "names_hidden": names_hidden(records) if method is None else {},
        "predictions": rows,
    }
