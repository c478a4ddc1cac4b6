"""Score MAST labels (detectors and/or the judge) against annotated runs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from agenttrace_analysis.eval.mast_data import MastRecord, to_trace
from agenttrace_analysis.eval.published import MAST_PUBLISHED
from agenttrace_analysis.mast.taxonomy import FailureMode, mode_of
from agenttrace_analysis.service import compute
from agenttrace_analysis.trace_data import TraceData

logger = logging.getLogger(__name__)

Labeller = Callable[[TraceData], set[FailureMode]]
"""Anything that says which modes a run shows."""


@dataclass
class Confusion:
    """Counts of one mode over the records."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, truth: bool, guess: bool) -> None:
        """Count one record."""
        if truth and guess:
            self.tp += 1
        elif guess:
            self.fp += 1
        elif truth:
            self.fn += 1
        else:
            self.tn += 1

    def as_json(self) -> dict[str, Any]:
        """Counts, precision, recall and F1 (None where undefined)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
        return {
            "support": self.tp + self.fn,
            "predicted": self.tp + self.fp,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": _round(p),
            "recall": _round(r),
            "f1": _round(f1),
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def kappa(pairs: Sequence[tuple[bool, bool]]) -> float | None:
    """Cohen's kappa of two yes/no raters; None when undefined (no pairs, or chance is 1)."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(a == b for a, b in pairs) / n
    yes_a = sum(a for a, _ in pairs) / n
    yes_b = sum(b for _, b in pairs) / n
    chance = yes_a * yes_b + (1 - yes_a) * (1 - yes_b)
    return None if chance >= 1 else round((observed - chance) / (1 - chance), 4)


def detector_labeller() -> Labeller:
    """The MAST detectors (on the run's graph, as the analysis runs them) as a labeller."""

    def label(data: TraceData) -> set[FailureMode]:
        _, _, notes = compute(data)
        return {mode for note in notes if (mode := mode_of(note.mode)) is not None}

    return label


def evaluate(
    records: Sequence[MastRecord],
    labeller: Labeller | None,
    source: str,
    tick: Callable[[], None] | None = None,
) -> dict[str, Any]:
    """Per-mode precision/recall/F1 and overall agreement (accuracy, kappa) of ``labeller``.

    Without a labeller, only the label counts of the data are reported.
    """
    per_mode = {m: Confusion() for m in FailureMode}
    pairs: list[tuple[bool, bool]] = []
    for record in records:
        guess = labeller(to_trace(record)) if labeller else set()
        for mode, truth in record.labels.items():
            per_mode[mode].add(truth, mode in guess)
            pairs.append((truth, mode in guess))
        if tick is not None:
            tick()
    modes = {m.value: {"name": m.info.name, **c.as_json()} for m, c in per_mode.items()}
    f1s = [v["f1"] for v in modes.values() if v["f1"] is not None]
    return {
        "n": len(records),
        "source": source if labeller else "none",
        "modes": modes,
        "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else None,
        "accuracy": round(sum(a == b for a, b in pairs) / len(pairs), 4) if pairs else None,
        "kappa": kappa(pairs) if labeller else None,
        "published": [
            {"who": p.who, "kappa": p.kappa, "accuracy": p.accuracy, "f1": p.f1}
            for p in MAST_PUBLISHED
        ],
    }
