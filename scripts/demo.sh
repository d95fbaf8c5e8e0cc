#!/usr/bin/env bash
# The main job on the embedded default: example articles -> sentences -> a local Label Studio
# with the tasks and their pre-annotations, ready for annotators.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=.venv/bin/corpus

$corpus split examples/ -o data/
$corpus studio up
$corpus push data/sentences.jsonl --project corpus-demo
echo
echo "Annotators: open the URL above, log in with the credentials printed by 'corpus studio up'"
echo "and start labelling the project 'corpus-demo'. Stop the server with: .venv/bin/corpus studio down"
