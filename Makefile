# The two commands a new user runs:  make demo  |  make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Main job: split the examples, start a local Label Studio, push, and say where to log in.
demo: $(STAMP)
	bash scripts/demo.sh

## Tests: install everything (Label Studio in its own venv, Chromium) and run the whole suite.
test: $(STAMP)
	bash scripts/test.sh

clean:
	rm -rf $(VENV) data dataset .corpus
