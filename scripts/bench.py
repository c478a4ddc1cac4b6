"""``make bench``: every benchmark of the project, one after the other.

Runs ``scripts/bench_ingest.py``, ``scripts/bench_api.py``, ``scripts/bench_analysis.py`` and
``scripts/bench_store.py`` (the span stores side by side, at its small default size), prints
what they print, and ends with one JSON object holding every figure per database, e.g.
``{"ingest": {"sqlite": {...}, "postgresql": {...}}, "api": {...}, "store": {...}}``.
Arguments are passed to the ingestion benchmark (``--databases``, ``--quick``).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

SCRIPTS = Path(__file__).resolve().parent


def run(script: Path, args: list[str]) -> dict[str, Any]:
    """Run one benchmark script, echo its output, and return its last-line JSON object."""
    print(f"== {script.name}", flush=True)
    process = subprocess.Popen(
        [sys.executable, str(script), *args], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    last = ""
    for line in process.stdout:
        if line.strip():
            last = line
        if not line.lstrip().startswith("{"):
            print(line, end="", flush=True)
    code = process.wait()
    try:
        figures = json.loads(last)
    except json.JSONDecodeError:
        return {"error": f"{script.name} exited with {code} without figures"}
    return figures if isinstance(figures, dict) else {"value": figures}


def main() -> None:
    """Run the benchmarks; the last line printed is the JSON of every figure."""
    figures: dict[str, Any] = {}
    figures.update(run(SCRIPTS / "bench_ingest.py", sys.argv[1:]))
    api = SCRIPTS / "bench_api.py"
    if api.exists():
        result = run(api, [])
        figures["api"] = result.get("api", result)
    analysis = run(SCRIPTS / "bench_analysis.py", [])
    figures["analysis"] = analysis.get("analysis", analysis)
    store = run(SCRIPTS / "bench_store.py", [])
    figures["store"] = store.get("store", store)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
