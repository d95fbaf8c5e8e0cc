# The two commands a new user runs:  make demo  |  make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Main job: split the examples, start a local Label Studio, push, and say where to log in.
demo: $(STAMP)
	bash scripts/demo.sh

## Lint and types: ruff (lint + format check) on the package, scripts and tests; mypy strict on the package.
lint: $(STAMP)
	$(BIN)/ruff check corpus scripts tests
	$(BIN)/ruff format --check corpus scripts tests
	$(BIN)/mypy

## Tests: install everything (Label Studio in its own venv, Chromium) and run the whole suite.
test: $(STAMP)
	bash scripts/test.sh

clean:
	rm -rf $(VENV) data dataset .corpus
