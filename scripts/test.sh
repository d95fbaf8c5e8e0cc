#!/usr/bin/env bash
# Everything the test suite needs, then the suite. Used by `make test` and CI.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
$BIN/python -m pytest -p no:cacheprovider "$@"
