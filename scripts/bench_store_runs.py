"""The runs of the span store benchmark (``scripts/bench_store.py``): real runs, cloned.

The templates are the real multi-agent runs of ``testdata/runs/`` (LangGraph, OpenAI Agents,
CrewAI, AutoGen, Google ADK, Pydantic AI, smolagents, Strands, OTel GenAI: 554 request
bodies, 837 traces of 1 to 147 spans), decoded and normalized once by the real receiver
(:func:`parse_request`, :func:`normalize_request`) into the project's models (``Span``,
``Agent``). Each generated run is a clone of one template with:

- a fresh trace id and fresh span ids (parents remapped), a project out of four, and times
  shifted so that runs start every few seconds over some weeks (many day partitions);
- its inputs and outputs rebuilt from the template's sentences with about one in four swapped
  for a sentence of another run, so no two runs carry the same text (compression and search
  see text as varied as real traffic; the vocabulary stays the corpus's);
- string attribute values cut at 512 characters (an SDK's attribute length limit; the
  corpus's LLM spans repeat their whole prompt in attributes);
- two marker words for search: :data:`RARE_WORD` in about one span in 10,000 and
  :data:`COMMON_WORD` in about one in 100, at a random place of the input.

Run sizes are the templates' (1 to 147 spans, 16 on average); one run in 50 is long: 5 to 30
templates merged under one root (about 80 to 500 spans). One run, :data:`BIG_TRACE`, has
exactly 10,000 spans, made the same way.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from agenttrace_core.models import Agent, NormalizedBatch, Span
from agenttrace_ingestion.decoding import BodyFormat, parse_request
from agenttrace_ingestion.normalizers import normalize_request

RUNS = Path(__file__).resolve().parents[1] / "testdata" / "runs"
T0 = 1_790_000_000_000_000_000  # 2026-09-21, nanoseconds
SECOND = 10**9
PROJECTS = ("support", "research", "billing", "ops")
RARE_WORD = "quokkaberry"
COMMON_WORD = "marmalade"
BIG_TRACE = "b1" * 16
BIG_SPANS = 10_000
ATTRIBUTE_LIMIT = 512
_SENTENCE = re.compile(r"(?<=[.!?\n])\s+")


@dataclass
class Template:
    """One real run: its spans (text pre-split into sentences) and agents."""

    spans: list[Span]
    agents: list[Agent]
    inputs: list[list[str] | None]
    outputs: list[list[str] | None]


def _cut(value: Any) -> Any:
    if isinstance(value, str) and len(value) > ATTRIBUTE_LIMIT:
        return value[:ATTRIBUTE_LIMIT]
    return value


def load_templates(root: Path = RUNS) -> tuple[list[Template], list[str]]:
    """The real runs of ``root`` as templates, and every sentence of their texts."""
    spans: dict[tuple[Path, str], list[Span]] = {}
    agents: dict[tuple[Path, str], list[Agent]] = {}
    for body in sorted(root.glob("*/*/*.pb")):
        batch = normalize_request(parse_request(body.read_bytes(), BodyFormat.PROTOBUF)).batch
        for span in batch.spans:
            spans.setdefault((body.parent, span.trace_id), []).append(span)
        for agent in batch.agents:
            agents.setdefault((body.parent, agent.trace_id), []).append(agent)
    pool: list[str] = []
    templates = []
    for key, members in spans.items():
        members.sort(key=lambda s: (s.start_time, s.span_id))
        cut = [
            s.model_copy(update={"attributes": {k: _cut(v) for k, v in s.attributes.items()}})
            for s in members
        ]
        inputs = [_SENTENCE.split(s.input) if s.input else None for s in cut]
        outputs = [_SENTENCE.split(s.output) if s.output else None for s in cut]
        for parts in inputs + outputs:
            if parts:
                pool.extend(parts)
        templates.append(Template(cut, agents.get(key, []), inputs, outputs))
    return templates, pool


class RunMaker:
    """Makes runs (lists of spans and agents) from the templates, deterministically."""

    def __init__(self, templates: list[Template], pool: list[str], seed: int = 7) -> None:
        """Draw from ``templates`` and the sentence ``pool`` with a seeded generator."""
        self.templates = templates
        self.pool = pool
        self.rng = random.Random(seed)

    def _text(self, parts: list[str] | None, original: str | None) -> str | None:
        if not parts:
            return original
        rng = self.rng
        out = [p if rng.random() > 0.25 else rng.choice(self.pool) for p in parts]
        roll = rng.random()
        if roll < 0.0001:
            out.insert(rng.randrange(len(out) + 1), RARE_WORD)
        elif roll < 0.0101:
            out.insert(rng.randrange(len(out) + 1), COMMON_WORD)
        return " ".join(out)

    def run(
        self, trace_id: str, start: int, project: str, parts: int = 1, limit: int | None = None
    ) -> tuple[list[Span], list[Agent]]:
        """One run of ``parts`` templates (the later ones under the first's root)."""
        rng = self.rng
        spans: list[Span] = []
        agents: dict[str, Agent] = {}
        root: str | None = None
        offset = 0
        while parts > 0 and (limit is None or len(spans) < limit):
            parts -= 1
            t = rng.choice(self.templates)
            base = t.spans[0].start_time
            at = start + offset
            ids = {s.span_id: f"{rng.getrandbits(64):016x}" for s in t.spans}
            for i, s in enumerate(t.spans):
                if s.parent_span_id is None:
                    parent = root  # a later part's root hangs under the run's root
                else:  # a parent missing from the capture stays missing
                    parent = ids.setdefault(s.parent_span_id, f"{rng.getrandbits(64):016x}")
                span = s.model_copy(
                    update={
                        "trace_id": trace_id,
                        "span_id": ids[s.span_id],
                        "parent_span_id": parent,
                        "project": project,
                        "start_time": at + s.start_time - base,
                        "end_time": at + s.end_time - base,
                        "input": self._text(t.inputs[i], s.input),
                        "output": self._text(t.outputs[i], s.output),
                    }
                )
                spans.append(span)
            if root is None:
                root = spans[0].span_id
            offset = max(s.end_time for s in spans[-len(t.spans) :]) - start + 1_000_000
            for a in t.agents:
                agents.setdefault(
                    a.name,
                    a.model_copy(
                        update={
                            "trace_id": trace_id,
                            "project": project,
                            "first_seen": at + a.first_seen - base if a.first_seen else 0,
                        }
                    ),
                )
        if limit is not None and len(spans) > limit:
            del spans[limit:]
        return spans, list(agents.values())


def batches(total: int, batch_spans: int = 5_000, seed: int = 7) -> Iterator[NormalizedBatch]:
    """The 10,000-span run, then runs up to about ``total`` spans in all, in batches of
    ``batch_spans`` (a run's spans may straddle two batches, as they straddle requests)."""
    templates, pool = load_templates()
    maker = RunMaker(templates, pool, seed)
    rng = maker.rng
    big, members = maker.run(BIG_TRACE, T0, PROJECTS[0], 10**6, BIG_SPANS)
    for i in range(0, len(big), batch_spans):
        yield NormalizedBatch(spans=big[i : i + batch_spans], agents=members if i == 0 else [])
    spans: list[Span] = []
    agents: list[Agent] = []
    made = len(big)
    index = 0
    while made < total:
        index += 1
        parts = rng.randint(5, 30) if rng.random() < 0.02 else 1
        trace_id = f"{rng.getrandbits(128):032x}"
        s, a = maker.run(trace_id, T0 + index * 3 * SECOND, PROJECTS[index % 4], parts)
        made += len(s)
        spans += s
        agents += a
        while len(spans) >= batch_spans:
            yield NormalizedBatch(spans=spans[:batch_spans], agents=agents)
            spans, agents = spans[batch_spans:], []
    if spans:
        yield NormalizedBatch(spans=spans, agents=agents)
