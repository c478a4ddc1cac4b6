"""The optional LLM judge: any OpenAI-compatible chat endpoint, off unless configured.

It labels the 14 MAST modes of a run (:func:`label_mast`, annotations with source ``llm``)
and attributes a failure by the Who&When strategies (:func:`judge_attribution`).
"""

from __future__ import annotations

from agenttrace_analysis.judge.attribution import Strategy, judge_attribution
from agenttrace_analysis.judge.client import JudgeClient, JudgeError, from_settings
from agenttrace_analysis.judge.mast import label_mast

__all__ = [
    "JudgeClient",
    "JudgeError",
    "Strategy",
    "from_settings",
    "judge_attribution",
    "label_mast",
]
