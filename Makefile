# The two commands of the README: `make run` and `make test`. Both work on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STORE ?= interlink.db
export INTERLINK_STORE := $(STORE)
HOST ?= 127.0.0.1
PORT ?= 8000
# The web interface's front-end packages (package.json, pinned in package-lock.json), served
# from node_modules: `npm ci` installs exactly the locked versions.
NPM_CI = if [ -f package.json ]; then npm ci --no-audit --no-fund --silent; fi

.PHONY: run test install dev lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .
	$(NPM_CI)

dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	$(NPM_CI)

# Initialise the embedded SQLite store, load the demo case with its agencies and a demo login
# per agency and role, find the candidate matches, then serve the web interface on it.
run: install
	$(BIN)/interlink init
	$(BIN)/interlink demo --truth demo-truth --users --sharing --activity
	$(BIN)/interlink resolve --store
	$(BIN)/interlink audit verify
	@echo
	@echo "Interlink serves the demo case at http://$(HOST):$(PORT)/"
	@echo "Sign in with a login above (e.g. analyst@ma-dgsn / demo-analyst-ma-dgsn); Ctrl-C stops."
	$(BIN)/interlink serve --host $(HOST) --port $(PORT)

# The whole suite, on SQLite and on PostgreSQL (INTERLINK_TEST_PG, default the local server),
# after the linter and the type checker (pyproject.toml's [tool.mypy]: strict on audit,
# identity, policy and access).
test: dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -q -n auto

lint: dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: dev
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) $(STORE) $(STORE)-wal $(STORE)-shm demo-truth
	rm -f $(STORE).audit-key $(STORE).audit-key.pub $(STORE).audit-key.anchors
