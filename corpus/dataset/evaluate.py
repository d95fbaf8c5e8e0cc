"""``corpus evaluate``, and the release's own scorer: ``evaluate.py`` and the Hub's ``eval.yaml``.

``evaluate`` scores a predictions file, a baseline (the rules, the workspace's model) or the
annotators against a split of a published release, with the code of ``corpus.dataset.scorer``.
``script_text`` is that code as one file that needs only ``datasets``: ``corpus.labels.scoring``
then ``corpus.dataset.scorer``, verbatim but for the lines that import ``corpus``; publish writes it
into every release, so the shipped scorer and ``corpus evaluate`` are the same lines.
``eval_yaml`` is the Hub's declaration of a benchmark (``eval.yaml`` at the repository root, as
https://huggingface.co/docs/hub/eval-results specifies it).
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from corpus.dataset import scorer
from corpus.dataset.scorer import Evaluation, HumanCeiling, ScoringError
from corpus.errors import InputError, OptionError
from corpus.labels import scoring
from corpus.version import __version__
from corpus.workspace import Workspace

RULES, MODEL, HUMAN = "rules", "model", "human"
DOCUMENTS = "documents"
BASELINES = (RULES, MODEL, HUMAN)
SCRIPT_FILE = "evaluate.py"
EVAL_FILE = "eval.yaml"
# The Hub's eval.yaml names the harness that scores the benchmark; this one is corpus's own scorer.
EVALUATION_FRAMEWORK = "corpus"
# The leaderboards a release declares: one per headline measure, each on the sentences config's test split.
TASKS = {
    "checkworthy": "check-worthiness macro-F1 (NFS, UFS, CFS)",
    "spans": "exact span F1 over all span labels (CLAIM, SOURCE, CUE, CONTENT, FIGURE)",
    "attributions": "(SOURCE, CONTENT) pair F1",
    "figures": "figure span F1",
}


def evaluate(
    predictions: str | Path | None = None,
    *,
    dataset: str | Path,
    split: str = "test",
    baseline: str | None = None,
    workspace: Workspace | str | Path | None = None,
    cache_dir: str | None = None,
) -> Evaluation | HumanCeiling:
    """Score predictions, a baseline or the annotators against a split of a published dataset.

    Predictions are rows of the ``sentences`` config, one JSON object per line: ``id``, ``spans``,
    ``attributions``, ``figures`` (lists, offsets in the document: ``doc_start``, ``doc_end``) and
    ``checkworthy``; a class is its name or its index. Every measure is defined in
    ``corpus.labels.scoring``; the release's ``evaluate.py`` gives the same numbers.

    Args:
        predictions: the predictions file (JSON Lines); or None with ``baseline``.
        dataset: a published dataset folder, or a Hub repository id (ORG/NAME).
        split: the split to score against.
        baseline: ``rules`` (the rule pre-annotator), ``model`` (the workspace's learned model) or
            ``human`` (each annotator against the final labels, where several labelled a sentence).
        workspace: where the learned model is (``baseline="model"``).
        cache_dir: the ``datasets`` cache to use (default: its own).

    Returns:
        An ``Evaluation`` (scores, sentences without a prediction, unknown ids), or for ``human``
        a ``HumanCeiling`` (one evaluation per annotator, and pooled).

    Raises:
        InputError: a predictions row does not fit (every one named by file and line, with the
            counts of unknown and missing ids), or the dataset or split cannot be read.
        OptionError: neither or both of predictions and baseline, an unknown baseline, no model.
    """
    if (predictions is None) == (baseline is None):
        raise OptionError("give a predictions file or --baseline (rules, model or human), not both or neither")
    if baseline is not None and baseline not in BASELINES:
        raise OptionError(f"unknown baseline {baseline!r}: one of {', '.join(BASELINES)}")
    model = None
    if baseline == MODEL:
        from corpus.model.workspace import current_model, model_path

        ws = Workspace.of(workspace)
        model = current_model(ws)
        if model is None:
            raise OptionError(f"no trained model at {model_path(ws)}: run corpus model train first")
    from corpus.dataset.baseline import score_model, score_rules  # the rules and the model load on demand

    try:
        reference = scorer.load_reference(str(dataset), split, cache_dir)
        if predictions is not None:
            return scorer.score_file(reference, str(predictions))
        if baseline == HUMAN:
            return scorer.human_ceiling(reference, scorer.load_annotations(reference, cache_dir))
        _add_titles(reference, cache_dir)
        if baseline == RULES:
            return score_rules(reference)
        assert model is not None
        return score_model(reference, model)
    except ScoringError as exc:
        raise InputError(str(exc)) from None


def _add_titles(reference: scorer.Reference, cache_dir: str | None) -> None:
    """Give each reference row its document's title from the ``documents`` config, as publish gives it
    to the rules (they read a sentence with its title, as push sends it); a release without that
    config leaves the rules without titles."""
    from corpus.studio.rule_predictions import TITLE

    try:
        documents = scorer.load_config(reference.dataset, DOCUMENTS, reference.split, cache_dir)
    except ScoringError:
        return
    titles = dict(zip(documents["id"], documents[TITLE], strict=True))
    for row in reference.rows.values():
        row[TITLE] = titles.get(row["doc_id"])


def _without_corpus_imports(source: str) -> str:
    """A module's source without ``from __future__ import annotations`` and its imports of corpus."""
    drop: set[int] = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ("corpus", "__future__"):
            drop.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return "".join(line for n, line in enumerate(source.splitlines(keepends=True), 1) if n not in drop)


def script_text() -> str:
    """The release's ``evaluate.py``: the scoring module and the runner, verbatim, as one script."""
    parts = [Path(module.__file__ or "").read_text(encoding="utf-8") for module in (scoring, scorer)]
    header = f'''#!/usr/bin/env python3
"""The scorer of this dataset: predictions against a split of its sentences config.

    pip install datasets
    python evaluate.py PREDICTIONS.jsonl [--split test] [--json] [--dataset FOLDER_OR_REPO_ID]
    python evaluate.py --human [--split test]      # each annotator against the final labels

PREDICTIONS.jsonl holds one row of the sentences config per line: id, spans, attributions, figures
(document offsets doc_start/doc_end) and checkworthy; a class is its name or its index. The dataset
is the folder this file is in unless --dataset says otherwise. The dataset card defines every
measure and describes the format.

Written by corpus {__version__} (`corpus publish`): corpus/labels/scoring.py, then
corpus/dataset/scorer.py, verbatim; `corpus evaluate` runs the same code. Do not edit.
"""

from __future__ import annotations

'''
    body = "\n\n".join(_without_corpus_imports(part).strip("\n") + "\n" for part in parts)
    return header + body + '\n\nif __name__ == "__main__":\n    script_main()\n'


def eval_yaml(name: str) -> dict[str, Any]:
    """The Hub's declaration of the release as a benchmark: its scorer and one task per leaderboard."""
    measures = "; ".join(f"{task}: {what}" for task, what in TASKS.items())
    return {
        "name": name,
        "description": (
            "News sentences annotated for claims, attributions and figures, scored by the evaluate.py "
            f"this repository ships (python evaluate.py PREDICTIONS.jsonl --split test). Tasks: {measures}. "
            "The dataset card defines every measure and the prediction format."
        ),
        "evaluation_framework": EVALUATION_FRAMEWORK,
        "tasks": [{"id": task, "config": scorer.SENTENCES, "split": "test"} for task in TASKS],
    }


def write_scorer(folder: Path, name: str) -> None:
    """Write ``evaluate.py`` and ``eval.yaml`` into a release folder."""
    import yaml

    (folder / SCRIPT_FILE).write_text(script_text(), encoding="utf-8")
    (folder / EVAL_FILE).write_text(
        yaml.safe_dump(eval_yaml(name), sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
    )
