#!/usr/bin/env bash
# Browser end-to-end tests of the dashboard: a real `agenttrace serve` on free ports with a
# throwaway AGENTTRACE_HOME, real OTLP captures sent to it, the specs in web/e2e/ driving
# Debian's headless Chromium through playwright-core. Screenshots: build/screenshots/.
# Exits non-zero when a spec fails; the server is always stopped.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
AGENTTRACE="$ROOT/.venv/bin/agenttrace"
STATIC="$ROOT/packages/api/src/agenttrace_api/static"
SHOTS="$ROOT/build/screenshots"

[ -x "$AGENTTRACE" ] || { echo "test-e2e: $AGENTTRACE is missing (run make install)" >&2; exit 1; }
command -v "${CHROMIUM_PATH:-/usr/bin/chromium}" >/dev/null || { echo "test-e2e: Chromium is missing (make browser)" >&2; exit 1; }
if [ ! -d web/node_modules ]; then (cd web && npm ci --no-audit --no-fund); fi
if [ ! -f "$STATIC/index.html" ]; then (cd web && npm run build); fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
OTLP_PORT="$(free_port)"
API_PORT="$(free_port)"
while [ "$API_PORT" = "$OTLP_PORT" ]; do API_PORT="$(free_port)"; done

HOME_DIR="$(mktemp -d "${TMPDIR:-/tmp}/agenttrace-e2e.XXXXXX")"
LOG="$HOME_DIR/server.log"
SERVER_PID=""
cleanup() {
  local code=$?
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [ "$code" -ne 0 ] && [ -f "$LOG" ]; then echo "--- server log (last 40 lines) ---" >&2; tail -n 40 "$LOG" >&2; fi
  rm -rf "$HOME_DIR"
  exit "$code"
}
trap cleanup EXIT INT TERM

echo "test-e2e: agenttrace serve on OTLP :$OTLP_PORT, API + UI :$API_PORT"
AGENTTRACE_HOME="$HOME_DIR" AGENTTRACE_ANALYSIS_IDLE_SECONDS=1 \
  "$AGENTTRACE" serve --host 127.0.0.1 --otlp-port "$OTLP_PORT" --port "$API_PORT" --grpc-port 0 >"$LOG" 2>&1 &
SERVER_PID=$!

for _ in $(seq 360); do
  if curl -sf "http://127.0.0.1:$API_PORT/ready" >/dev/null && curl -sf "http://127.0.0.1:$OTLP_PORT/health" >/dev/null; then break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { echo "test-e2e: the server exited" >&2; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$API_PORT/ready" >/dev/null || { echo "test-e2e: the server did not become ready" >&2; exit 1; }

# Realistic demo runs too, once `agenttrace demo` exists (its own failure is reported, not fatal).
if "$AGENTTRACE" demo --help >/dev/null 2>&1; then
  echo "test-e2e: sending agenttrace demo runs"
  timeout 180 "$AGENTTRACE" demo --endpoint "http://127.0.0.1:$OTLP_PORT" >"$HOME_DIR/demo.log" 2>&1 \
    || { echo "test-e2e: warning: agenttrace demo failed:" >&2; tail -n 20 "$HOME_DIR/demo.log" >&2; }
fi

rm -rf "$SHOTS"
mkdir -p "$SHOTS"
cd web
AGENTTRACE_E2E_API="http://127.0.0.1:$API_PORT" \
AGENTTRACE_E2E_OTLP="http://127.0.0.1:$OTLP_PORT" \
AGENTTRACE_E2E_SCREENSHOTS="$SHOTS" \
  node --test --test-concurrency=1 --test-reporter=spec e2e/
echo "test-e2e: screenshots in ${SHOTS#"$ROOT"/}/"
