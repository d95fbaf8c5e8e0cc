# The two commands a new user runs:  make demo  |  make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint install clean mutation docs

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
	$(BIN)/ruff check corpus scripts tests docs/_hooks
	$(BIN)/ruff format --check corpus scripts tests docs/_hooks
	$(BIN)/mypy

## Tests: install everything (Label Studio in its own venv, Chromium) and run the whole suite.
test: $(STAMP)
	bash scripts/test.sh

## Mutation testing of the pure modules (segment, prelabel, convert, merge, agreement,
## schema diff) against their fast tests; configured under [tool.mutmut] in pyproject.toml.
## Not part of `make test`: a full run takes tens of minutes. MUTATE=corpus/labels/merge.py
## limits it to one module; results stay in mutants/ (`.venv/bin/mutmut results`).
mutation: $(STAMP)
	$(BIN)/pip install --quiet 'mutmut>=3,<4'
	$(BIN)/mutmut run $(if $(MUTATE),"$(subst /,.,$(basename $(MUTATE))).*")
	$(BIN)/python scripts/mutation_scores.py

clean:
	rm -rf $(VENV) data dataset .corpus mutants site

## Fast lane: the server-free tests (no Label Studio, no PostgreSQL, no browser), in seconds.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider -q -m "not studio and not browser and not install"

## Documentation: the docs extra (MkDocs, mkdocstrings) into .venv, then the site into site/.
## Strict: a broken link or anchor, or an API name that does not resolve, fails the build.
DOCS_STAMP := $(VENV)/.docs-installed
$(DOCS_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e '.[docs]'
	touch $(DOCS_STAMP)

docs: $(DOCS_STAMP)
	$(BIN)/mkdocs build --strict -d site
