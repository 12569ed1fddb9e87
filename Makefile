# Every target bootstraps itself: a fresh clone needs only Python 3.11+ and a C compiler.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 3002

.PHONY: install oracle run test lint typecheck pytest bench assets clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install when the build inputs change (the C extension is compiled here).
$(STAMP): $(BIN)/python pyproject.toml setup.py $(wildcard src/flowgate/codeblock/engine/*.[ch]) $(wildcard vendor/quickjs-ng/*.c)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# The Node 20 oracle of the differential tests requires the same npm packages the
# sandbox bundles (pinned in tests/node/package-lock.json).
ORACLE_STAMP := tests/node/node_modules/.installed
$(ORACLE_STAMP): tests/node/package.json tests/node/package-lock.json
	cd tests/node && npm ci --no-audit --no-fund --loglevel=error
	@touch $(ORACLE_STAMP)

oracle: $(ORACLE_STAMP)

run: install
	$(BIN)/flowgate serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install
	$(BIN)/mypy

pytest: install $(ORACLE_STAMP)
	$(BIN)/pytest -n 2 --dist loadgroup

test: lint typecheck pytest

bench: install
	$(BIN)/python benchmarks/run.py --only all

assets:
	cd assets && npm ci --no-audit --no-fund && node build.mjs

clean:
	rm -rf $(VENV) build src/*.egg-info src/flowgate/codeblock/engine/*.so
