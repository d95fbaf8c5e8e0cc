#!/usr/bin/env bash
# The main job on the embedded default: examples -> sentences -> local Label Studio.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
$BIN/corpus split examples/ -o data/
