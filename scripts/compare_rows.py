"""What the decode step would store: this tree against an earlier commit, on the same bodies.

Decodes the same bodies with :func:`agenttrace_ingestion.pipeline.decode` under the sources
of ``--base`` (a git ref, extracted to a temporary folder) and under this tree, each body with
and without an API key's project, and compares everything a commit stores or answers: the
rows of every table, sessions, costs, projects, claims, rejected and adjusted spans, the
errors of bodies that are refused, and what a commit of the body alone writes into the trace
and agent-run summaries (its ``traces`` rows and agent figures). The bodies: every capture of
``testdata/`` (protobuf, and OTLP/JSON under ``testdata/otlp``), requests of both benchmark
loads, and ``--fuzz`` bodies drawn from ``packages/ingestion/tests/fuzz_bodies.py``
(well-formed and damaged, protobuf and JSON). Prints how many differ (exit status 1 if any)
and the first differences.

    .venv/bin/python scripts/compare_rows.py --base main [--fuzz 400]
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

from compare_decode import ROOT, SOURCES, _extract

_DECODE = r"""
import pickle, sys
from pathlib import Path
from agenttrace_ingestion.decoding import BodyFormat, ContentEncoding
from agenttrace_ingestion.errors import MalformedRequestError
from agenttrace_ingestion.pipeline import decode
from agenttrace_ingestion.writer.prepared import combine
try:
    from agenttrace_ingestion.writer.prepared import span_summaries
except ImportError:  # before the decode step computed the summaries: the writer's loops
    from agenttrace_ingestion.writer import rows as r
    from agenttrace_ingestion.writer.store import _agent_figures
    from agenttrace_ingestion.writer.summaries import delta_for

    def span_summaries(batch, new_rows):
        deltas, costs = {}, batch.costs
        for row in new_rows:
            delta = delta_for(deltas, row[r.I_TRACE], row[r.I_PROJECT], None, None)
            key = row[: r.SPAN_KEY]
            delta.add_span(row, batch.sessions.get(key))
            if key in costs:
                delta.add_cost(costs[key])
        return deltas, _agent_figures(new_rows, costs)


def summaries(batch):
    # what the writer merges into traces and agents when a commit inserts every span
    merged = combine([batch])
    deltas, figures = span_summaries(merged, merged.span_rows)
    return merged.span_rows, [deltas[t].row(None) for t in sorted(deltas)], figures

out = {}
for path in sorted(Path(sys.argv[1]).iterdir()):
    fmt = BodyFormat.JSON if path.suffix == ".json" else BodyFormat.PROTOBUF
    body = path.read_bytes()
    for project in (None, "tenant"):
        try:
            d = decode(body, fmt, ContentEncoding.IDENTITY, limit=1 << 28, project=project)
        except MalformedRequestError as exc:
            out[(path.name, project)] = ("refused", str(exc))
            continue
        p = d.prepared
        out[(path.name, project)] = (
            d.received, p.span_rows, p.sessions, p.costs, p.agent_rows, p.message_rows,
            p.blob_rows, p.checkpoint_rows, sorted(p.projects), sorted(p.claims),
            [(x.trace_id, x.span_id, x.reason) for x in d.rejected],
            [(x.trace_id, x.span_id, x.what.value, x.detail) for x in d.adjusted],
            summaries(p),
        )
with open(sys.argv[2], "wb") as f:
    pickle.dump(out, f)
"""

_FIELDS = (
    "received", "span rows", "sessions", "costs", "agent rows", "message rows", "blob rows",
    "checkpoint rows", "projects", "claims", "rejected", "adjusted",
    "commit rows and summaries",
)  # fmt: skip


def _bodies(into: Path, fuzz: int) -> None:
    testdata = ROOT / "testdata"
    captures = [*testdata.glob("**/*.pb"), *(testdata / "otlp").glob("**/*.json")]
    for n, path in enumerate(sorted(captures)):
        (into / f"capture_{n:04d}{path.suffix}").write_bytes(path.read_bytes())
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_load import LOADS, encode, make_requests

    for load in LOADS:
        requests, _ = make_requests(load, 4, seed=11)
        for n, request in enumerate(requests):
            (into / f"{load}_{n:02d}.pb").write_bytes(encode(request, "protobuf"))
            (into / f"{load}_{n:02d}.json").write_bytes(encode(request, "json"))
    if fuzz:
        import warnings

        sys.path.insert(0, str(ROOT / "packages" / "ingestion" / "tests"))
        from fuzz_bodies import export_requests, json_bodies, protobuf_bodies

        warnings.simplefilter("ignore")  # .example() is meant for the console
        for n in range(fuzz):
            (into / f"fuzz_{n:04d}.pb").write_bytes(export_requests().example().SerializeToString())
            (into / f"damaged_{n:04d}.pb").write_bytes(protobuf_bodies().example())
            (into / f"damaged_{n:04d}.json").write_bytes(json_bodies().example())


def _decode_all(bodies: Path, out: Path, pythonpath: str | None) -> dict[object, object]:
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    else:
        env.pop("PYTHONPATH", None)
    subprocess.run([sys.executable, "-c", _DECODE, str(bodies), str(out)], env=env, check=True)
    with out.open("rb") as f:
        return dict(pickle.load(f))


def main() -> None:
    """Compare; exit status 1 when a body is stored differently."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="git ref to compare with")
    parser.add_argument("--fuzz", type=int, default=200, help="generated bodies of each kind")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "base").mkdir()
        (root / "bodies").mkdir()
        _extract(args.base, root / "base")
        _bodies(root / "bodies", args.fuzz)
        base_path = os.pathsep.join(str(root / "base" / s) for s in SOURCES)
        old = _decode_all(root / "bodies", root / "base.pickle", base_path)
        new = _decode_all(root / "bodies", root / "new.pickle", None)
    differ = [key for key in old if old[key] != new.get(key)]
    spans = sum(len(v[1]) for v in old.values() if v[0] != "refused")  # type: ignore[index,arg-type]
    print(f"{len(old)} decodes ({spans} span rows): {len(differ)} differ")
    for key in differ[:5]:
        a, b = old[key], new[key]
        fields = [name for name, x, y in zip(_FIELDS, a, b, strict=False) if x != y]  # type: ignore[call-overload]
        print(f"  {key}: {', '.join(fields) or 'outcome'}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
