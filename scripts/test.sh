#!/usr/bin/env bash
# Everything the test suite needs, then the suite. Used by `make test` and CI.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
# Debian's Chromium for the browser test (Playwright drives it; no browser download).
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
# Debian's PostgreSQL for the tests of the production shape (a throwaway cluster per session,
# tests/postgres_server.py); the packaged cluster service is not used.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
# Label Studio (with its uWSGI extra) in its own virtual environment (the tests start it once per session).
$BIN/python -c "from corpus.studio import server; server.install()"
$BIN/python -m pytest -p no:cacheprovider "$@"
