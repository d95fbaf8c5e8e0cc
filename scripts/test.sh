#!/usr/bin/env bash
# Everything the test suite needs, then the suite. Used by `make test` and CI.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
# Label Studio in its own virtual environment (the tests start it once per session).
$BIN/python -c "from corpus import studio; studio.install()"
$BIN/python -m pytest -p no:cacheprovider "$@"
