# Mitsprache – the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 5000
TEST_WORKERS ?= 2

.PHONY: run test test-fast fuzz bench audit lint format translations install system-deps clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

## make run: install, create/upgrade the SQLite database, seed demo content, serve on :5000
run: $(STAMP)
	$(VENV)/bin/mitsprache init-db
	$(VENV)/bin/mitsprache demo
	@echo "  Mitsprache runs on http://$(HOST):$(PORT)/  (Ctrl+C stops it)"
	$(VENV)/bin/flask --app wsgi:app run --host $(HOST) --port $(PORT)

## make test: install what the tests need (Chromium, fonts, PostgreSQL check) and run all tests
# (every database test on SQLite AND PostgreSQL: a MITSPRACHE_TEST_ENGINES left in the caller's
# environment by test-fast habits must not drop PostgreSQL silently)
test: $(STAMP) system-deps
	$(PY) -m ruff check survey tests bench
	env -u MITSPRACHE_TEST_ENGINES $(PY) -m pytest -p no:cacheprovider -n $(TEST_WORKERS) $(PYTEST_ARGS)

## quicker loop while developing: SQLite only, no browser
test-fast: $(STAMP)
	MITSPRACHE_TEST_ENGINES=sqlite $(PY) -m pytest -p no:cacheprovider -m "not browser" -x -q $(PYTEST_ARGS)

## make fuzz: the property and fuzz tests with new random examples, 4x as many (FUZZ_FACTOR)
FUZZ_FACTOR ?= 4
fuzz: $(STAMP) system-deps
	env -u MITSPRACHE_TEST_ENGINES MITSPRACHE_FUZZ=explore MITSPRACHE_FUZZ_FACTOR=$(FUZZ_FACTOR) \
	  $(PY) -m pytest -p no:cacheprovider \
	  -n $(TEST_WORKERS) tests/security tests/results/test_suppression.py $(PYTEST_ARGS)

system-deps:
	@bash scripts/system-deps.sh

## make bench: page weight, Lighthouse and the other benchmarks (results in bench/results/)
bench: $(STAMP)
	@bash scripts/system-deps.sh bench
	$(PY) -m bench

## make audit: known vulnerabilities in the installed packages (fails loudly when offline)
audit: $(STAMP)
	@bash scripts/audit.sh $(PY)

lint: $(STAMP)
	$(PY) -m ruff check survey tests bench
	$(PY) -m ruff format --check survey tests bench

format: $(STAMP)
	$(PY) -m ruff format survey tests bench
	$(PY) -m ruff check --fix survey tests bench

translations: $(STAMP)
	$(VENV)/bin/mitsprache translate extract
	$(VENV)/bin/mitsprache translate update
	$(VENV)/bin/mitsprache translate compile

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
