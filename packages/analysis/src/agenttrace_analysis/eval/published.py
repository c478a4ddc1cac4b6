"""Published results the measured figures are printed next to (facts, with their source)."""

from __future__ import annotations

from dataclasses import dataclass

from agenttrace_analysis.eval.whowhen import Subset

WHOWHEN_SOURCE = (
    "Zhang, Yin et al., 'Which Agent Causes Task Failures and When?', ICML 2025, "
    "arXiv:2505.00212, GPT-4o with ground truth given; the paper counted substring matches "
    "for steps"
)
MAST_SOURCE = "Cemri et al., 'Why Do Multi-Agent LLM Systems Fail?', arXiv:2503.13657"


@dataclass(frozen=True)
class PublishedAttribution:
    """One method's published accuracy on one Who&When subset, as fractions."""

    method: str
    subset: Subset
    agent_accuracy: float
    step_accuracy: float
    source: str = WHOWHEN_SOURCE


WHOWHEN_PUBLISHED: tuple[PublishedAttribution, ...] = (
    PublishedAttribution("random", Subset.ALGORITHM_GENERATED, 0.2910, 0.1906),
    PublishedAttribution("random", Subset.HAND_CRAFTED, 0.1200, 0.0416),
    PublishedAttribution("all-at-once", Subset.ALGORITHM_GENERATED, 0.5433, 0.1250),
    PublishedAttribution("all-at-once", Subset.HAND_CRAFTED, 0.5517, 0.0526),
    PublishedAttribution("step-by-step", Subset.ALGORITHM_GENERATED, 0.3520, 0.2551),
    PublishedAttribution("step-by-step", Subset.HAND_CRAFTED, 0.3448, 0.0702),
    PublishedAttribution("binary search", Subset.ALGORITHM_GENERATED, 0.4413, 0.2398),
    PublishedAttribution("binary search", Subset.HAND_CRAFTED, 0.5172, 0.0690),
)
"""Who&When Table (GPT-4o, with ground truth), Algorithm-Generated and Hand-Crafted."""


@dataclass(frozen=True)
class PublishedAgreement:
    """Published agreement of MAST labels."""

    who: str
    kappa: float
    accuracy: float | None = None
    f1: float | None = None
    source: str = MAST_SOURCE


MAST_PUBLISHED: tuple[PublishedAgreement, ...] = (
    PublishedAgreement("human annotators (inter-annotator)", 0.88),
    PublishedAgreement("o1 judge with few-shot examples vs humans", 0.77, 0.94, 0.80),
    PublishedAgreement("o1 judge without examples vs humans", 0.58),
)
