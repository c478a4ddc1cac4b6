#!/usr/bin/env bash
# The SDK's integration tests with the real agent frameworks, one environment per framework.
#
# The frameworks cannot share an environment (CrewAI needs openai 2, the OpenAI Agents SDK
# openai 3, AutoGen protobuf 5), so each gets .venv-<framework>: the locked workspace plus
# the SDK's extra of that name (`uv sync --extra <framework>`), then its tests run there
# against a live `agenttrace serve` started from the same environment.
#
#   scripts/test-frameworks.sh                    # all of them
#   scripts/test-frameworks.sh langgraph crewai   # some
#
# Exits non-zero when an install or a test run fails. uv caches the downloads, so after the
# first run a sync takes seconds.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if command -v uv >/dev/null 2>&1; then UV=(uv); else UV=(python3 -m uv); fi
ALL=(langgraph autogen crewai openai-agents)
if [ "$#" -gt 0 ]; then FRAMEWORKS=("$@"); else FRAMEWORKS=("${ALL[@]}"); fi
TESTS=packages/sdk/python/tests

failed=()
passed=()
for fw in "${FRAMEWORKS[@]}"; do
  env_dir="$ROOT/.venv-$fw"
  echo "=== $fw: environment $env_dir"
  started=$SECONDS
  if ! UV_PROJECT_ENVIRONMENT="$env_dir" "${UV[@]}" sync --locked --all-packages \
      --extra "$fw" --quiet; then
    echo "=== $fw: install FAILED" >&2
    failed+=("$fw (install)")
    continue
  fi
  paths=("$TESTS/frameworks/${fw//-/_}")
  # The LangGraph replay tests need the LangGraph environment...
  if [ "$fw" = langgraph ] && [ -d "$TESTS/replay" ]; then paths+=("$TESTS/replay"); fi
  # ...and the AutoGen replay test the AutoGen one.
  if [ "$fw" = autogen ] && [ -f "$TESTS/replay/test_autogen.py" ]; then
    paths+=("$TESTS/replay/test_autogen.py")
  fi
  echo "=== $fw: pytest ${paths[*]}"
  # AGENTTRACE_REQUIRE_FRAMEWORK turns "framework not installed" from a skip into an error.
  if AGENTTRACE_REQUIRE_FRAMEWORK="$fw" "$env_dir/bin/python" -m pytest -q \
      -p no:cacheprovider "${paths[@]}"; then
    passed+=("$fw ($((SECONDS - started))s)")
  else
    failed+=("$fw")
  fi
done

echo "=== frameworks passed: ${passed[*]:-none}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "=== frameworks FAILED: ${failed[*]}" >&2
  exit 1
fi
