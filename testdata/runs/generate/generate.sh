#!/usr/bin/env bash
# Record the failure corpus: one environment per framework, then that framework's generator.
#
#   testdata/runs/generate/generate.sh [framework ...] [-- generator arguments]
#
#   generate.sh                          every framework, every run
#   generate.sh langgraph crewai         those two frameworks
#   generate.sh langgraph -- --batch 3   only the runs of batch 3
#   generate.sh autogen -- --only ok_core_bike_rebalance_retry
#
# Frameworks are the gen_<framework>.py files here. Each gets .venv-corpus-<framework> at the
# repository root (made with uv from requirements-<framework>.txt if missing; PYTHON picks the
# interpreter, default 3.11). The generator rewrites the run folders it records under
# testdata/runs/<framework>/ and leaves the others alone.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
python="${PYTHON:-3.11}"

frameworks=()
while [[ $# -gt 0 ]]; do
  if [[ "$1" == "--" ]]; then
    shift
    break
  fi
  frameworks+=("$1")
  shift
done
if [[ ${#frameworks[@]} -eq 0 ]]; then
  for gen in "$here"/gen_*.py; do
    fw="$(basename "$gen" .py)"
    frameworks+=("${fw#gen_}")
  done
fi

for fw in "${frameworks[@]}"; do
  gen="$here/gen_$fw.py"
  reqs="$here/requirements-$fw.txt"
  if [[ ! -f "$gen" || ! -f "$reqs" ]]; then
    echo "generate.sh: no generator or requirements for '$fw'" >&2
    exit 2
  fi
  venv="$root/.venv-corpus-$fw"
  if [[ ! -x "$venv/bin/python" ]]; then
    uv venv "$venv" --python "$python"
    uv pip install -p "$venv" -r "$reqs"
  fi
  echo "== $fw"
  (cd "$here" && "$venv/bin/python" "gen_$fw.py" "$@")
done
