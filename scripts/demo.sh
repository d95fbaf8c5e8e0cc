#!/usr/bin/env bash
# The main job on the embedded default, end to end:
#   example articles -> sentences -> a local Label Studio with tasks and pre-annotations
#   -> (stand-in annotators) -> pull -> a versioned Hugging Face dataset -> load_dataset.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=.venv/bin/corpus

$corpus split examples/ -o data/
$corpus studio up
$corpus push data/sentences.jsonl --project corpus-demo --overlap 2
echo
echo "== Each annotator gets an account of their own (never the admin login), for example:"
$corpus studio annotator add ana@example.org --name "Ana Example"
echo "== Annotators log in at the address above and open the project 'corpus-demo'."
echo "== The demo now lets two stand-in annotators label every task (scripts/demo_annotate.py)."
.venv/bin/python scripts/demo_annotate.py --project corpus-demo
$corpus pull --project corpus-demo -o data/annotations.jsonl
rm -rf dataset
$corpus publish --version 1.0.0 --data data/ -o dataset/
echo
echo "== The researcher's side:"
cat <<'PY' | tee /dev/stderr | HF_DATASETS_OFFLINE=1 .venv/bin/python -
from datasets import load_dataset
sentences = load_dataset("dataset", "sentences")
print(sentences, sentences["train"].features["spans"], sep="\n")
PY
echo
echo "Label Studio keeps running for annotators; stop it with: $corpus studio down"
