# The two commands of the README: `make run` and `make test`. Both work on a fresh machine.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STORE ?= interlink.db
export INTERLINK_STORE := $(STORE)

.PHONY: run test install dev lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

dev: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'

# Initialise the embedded SQLite store, load the demo case, print a summary.
run: install
	$(BIN)/interlink init
	$(BIN)/interlink demo --truth demo-truth
	$(BIN)/interlink stats
	$(BIN)/interlink audit verify

# The whole suite, on SQLite and on PostgreSQL (INTERLINK_TEST_PG, default the local server).
test: dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/pytest -q

lint: dev
	$(BIN)/ruff check src tests benchmarks

bench: dev
	$(BIN)/python benchmarks/ingest.py

clean:
	rm -rf $(VENV) $(STORE) $(STORE)-wal $(STORE)-shm demo-truth
