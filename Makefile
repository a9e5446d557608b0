# chronique: `make demo` sets everything up and runs the examples; `make test` sets up and tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DB ?= chronique.duckdb

.PHONY: demo test setup browser clean model

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/chronique extract examples --meta examples/docs.jsonl --db $(DB)
	$(VENV)/bin/chronique events --db $(DB)

# The learned type decision: trains on ../shared/train and data/corpus/, writes src/chronique/events/model/.
model: $(STAMP)
	$(VENV)/bin/chronique train

# Browser tests drive Debian's Chromium (no browser download at run time).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser
	$(PY) -m mypy --strict src/chronique/__init__.py src/chronique/api
	$(PY) -m pytest

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
