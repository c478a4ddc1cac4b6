# AgentTrace — `make run` starts everything, `make test` runs the whole suite.
# Both install what is missing first (uv, Python dependencies, the web UI, Chromium for tests).

SHELL := /bin/bash
.DEFAULT_GOAL := help

UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(VENV)/bin/pytest
# pytest-xdist processes for the Python suite (most tests wait on servers they start; two
# processes keep both cores busy). TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 2
WEB := web
STATIC := packages/api/src/agenttrace_api/static
HAS_WEB := $(wildcard $(WEB)/package.json)
COMPOSE := docker compose -f docker-compose.dev.yml

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "} {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}'

.PHONY: uv
uv: ## Install uv if it is missing
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv

.PHONY: install
install: uv ## Install Python dependencies (locked) and build the web UI
	$(UV) sync --locked --all-packages
	@$(MAKE) --no-print-directory web-build

.PHONY: web-build
web-build: ## Build the web UI into the API package (skipped when the build is current)
ifneq ($(HAS_WEB),)
	@if [ ! -d $(WEB)/node_modules ] || [ $(WEB)/package-lock.json -nt $(WEB)/node_modules/.package-lock.json ]; then \
		echo "npm ci (web)"; cd $(WEB) && npm ci --no-audit --no-fund; fi
	@if [ ! -f $(STATIC)/index.html ] || [ -n "$$(find $(WEB)/src $(WEB)/index.html $(WEB)/package.json -newer $(STATIC)/index.html 2>/dev/null | head -1)" ]; then \
		echo "building the web UI"; cd $(WEB) && npm run build; fi
endif

.PHONY: browser
browser: ## Install Debian's Chromium for the browser tests if it is missing
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "Chromium is missing: sudo apt-get install chromium"; exit 1; fi; }

.PHONY: dev
dev: install ## API + ingestion with the UI's Vite dev server (hot reload) on :5173
	@trap 'kill 0' EXIT; $(VENV)/bin/agenttrace serve & (cd $(WEB) && npm run dev) & wait

.PHONY: run
run: install ## Serve OTLP on :4318 and the API + UI on :8000 (embedded SQLite)
	@echo "AgentTrace is starting. Open http://127.0.0.1:8000/ ; send demo runs with:"
	@echo "    $(VENV)/bin/agenttrace demo"
	$(VENV)/bin/agenttrace serve

.PHONY: run-ingestion
run-ingestion: install ## Run the OTLP receiver alone
	$(VENV)/bin/agenttrace ingest

.PHONY: run-api
run-api: install ## Run the API and UI alone
	$(VENV)/bin/agenttrace api

.PHONY: migrate
migrate: install ## Upgrade the database (DATABASE_URL or the embedded SQLite)
	$(VENV)/bin/agenttrace migrate

.PHONY: test
test: install browser ## The whole suite: Python, web unit tests, browser end-to-end, frameworks
	$(PYTEST) -q -n $(TEST_WORKERS)
	@$(MAKE) --no-print-directory test-web
	@$(MAKE) --no-print-directory test-e2e
	@$(MAKE) --no-print-directory test-frameworks

.PHONY: test-python
test-python: install ## Python tests only
	$(PYTEST) -q -n $(TEST_WORKERS)

.PHONY: test-integration
test-integration: install ## Tests that need PostgreSQL or a live server
	$(PYTEST) -q -m "postgres or e2e"

.PHONY: test-web
test-web: ## Web component tests (Vitest)
ifneq ($(HAS_WEB),)
	cd $(WEB) && npm test
endif

.PHONY: test-e2e
test-e2e: install browser ## Browser end-to-end tests (headless Chromium)
	@if [ -x scripts/test-e2e.sh ]; then scripts/test-e2e.sh; fi

.PHONY: test-frameworks
test-frameworks: uv ## SDK integration tests with the real frameworks (one environment each)
	@if [ -x scripts/test-frameworks.sh ]; then scripts/test-frameworks.sh; fi

.PHONY: fuzz
fuzz: install ## Long fuzzing run through a live server (FUZZ_EXAMPLES bodies per database)
	AGENTTRACE_FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-20000} $(PYTEST) -q -s -m fuzz packages/ingestion/tests/test_fuzz.py

.PHONY: eval
eval: install ## Score the analysis: the corpus of real runs, Who&When, MAST (tables in docs/evaluation.md)
	$(VENV)/bin/agenttrace eval runs --markdown docs/evaluation.md
	$(VENV)/bin/agenttrace eval attribution --markdown docs/evaluation.md
	$(VENV)/bin/agenttrace eval mast --markdown docs/evaluation.md

.PHONY: bench
bench: install ## Benchmarks (prints figures; last line is JSON)
	@if [ -f scripts/bench.py ]; then $(PY) scripts/bench.py; fi

.PHONY: lint
lint: install ## Ruff (lint + format check), import layers, mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy packages/core/src packages/server/src packages/api/src packages/ingestion/src packages/analysis/src packages/replay/src packages/sdk/python/src

.PHONY: format
format: install ## Format and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

.PHONY: verify
verify: lint test ## Lint and the whole suite

.PHONY: docker-up
docker-up: ## Start TimescaleDB (needs Docker)
	$(COMPOSE) up -d

.PHONY: docker-down
docker-down: ## Stop TimescaleDB
	$(COMPOSE) down

.PHONY: docker-logs
docker-logs: ## Follow TimescaleDB's logs
	$(COMPOSE) logs -f

.PHONY: clean
clean: ## Remove build output and caches (not your data in ~/.agenttrace)
	rm -rf $(VENV) .venv-* .pytest_cache .ruff_cache .mypy_cache build $(STATIC) $(WEB)/dist $(WEB)/node_modules
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
