"""Baselines of a release, scored by the release's own scorer on its test split.

* ``rules``: the rule pre-annotator, exactly what ``push`` sends as predictions (``rule_prediction``:
  the sentence with its document's title), read back by the same conversion as an annotator's
  labels, so that every label it learns to suggest is scored without a change here;
* ``model``: the workspace's learned model (``corpus model train``) where there is one: its
  check-worthiness and CLAIM spans, with the rules' figures and attributions (which it leaves to them);
* ``human``: each annotator against the final labels, where several annotators labelled a sentence.

Predictions are made from a ``sentences`` row (text, context, role, offsets) and its document's
title, so that publish (from the data folder) and ``corpus evaluate --baseline`` (from the published
folder, joining the ``documents`` config) make the same ones.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from corpus.dataset.features import config_features
from corpus.dataset.scorer import Evaluation, HumanCeiling, Reference, ceiling_of_groups, score, vocabulary
from corpus.labels.columns import ReadingColumns
from corpus.labels.scoring import FIGURE_FIELDS, Labels
from corpus.schema import label_set
from corpus.studio.rule_predictions import rule_prediction, titled

if TYPE_CHECKING:
    from corpus.model.learn import Model


def model_prediction(row: dict[str, Any], model: Model, rules: dict[str, Any] | None = None) -> dict[str, Any]:
    """The learned model's check-worthiness and CLAIM spans of one row, beside the rules' other labels
    (``rules``: the row's rule prediction, when it is already made)."""
    labels = label_set()
    claim = labels.span_label("claim")
    judged = model.judge(row["text"], row.get("context_before") or "", row.get("role") or "body")
    prediction = dict(rules or rule_prediction(row))
    claims = [
        {
            "label": claim,
            "in_context": False,
            "start": span.start,
            "end": span.end,
            "text": span.text,
            "doc_start": row["start"] + span.start,
            "doc_end": row["start"] + span.end,
        }
        for span, _ in judged.claims
    ]
    prediction["spans"] = [s for s in prediction["spans"] if s["label"] != claim] + claims
    prediction["checkworthy"] = labels.checkworthy_label(judged.role)
    return prediction


def _scored(labels: dict[str, Any]) -> dict[str, Any]:
    """Final labels with the fields the scorer reads (``labels_of_row``), no others: what is kept of
    each test sentence until the baselines are scored (the texts and annotators of its spans are not)."""

    def ref(node: dict[str, Any] | None) -> dict[str, Any] | None:
        return None if node is None else {"doc_start": node["doc_start"], "doc_end": node["doc_end"]}

    return {
        "spans": [
            {
                "label": s["label"],
                "in_context": s.get("in_context"),
                "doc_start": s["doc_start"],
                "doc_end": s["doc_end"],
            }
            for s in labels["spans"]
        ],
        "attributions": [
            {"content": ref(a["content"]), "source": ref(a.get("source")), "type": a.get("type")}
            for a in labels["attributions"]
        ],
        "figures": [
            {
                "doc_start": f["doc_start"],
                "doc_end": f["doc_end"],
                **{name: f.get(name) for name in FIGURE_FIELDS},
                **({"tied": f["tied"]} if f.get("tied") else {}),
            }
            for f in labels["figures"]
        ],
        "checkworthy": labels.get("checkworthy"),
    }


class PackedRows(Mapping[str, dict[str, Any]]):
    """Rows by id, each kept pickled and unpickled when it is read: the rows of a large test split
    in a quarter of the memory of their dicts (they are read twice, for the rules' score and for
    the human ceiling's)."""

    def __init__(self) -> None:
        self.packed: dict[str, bytes] = {}

    def add(self, row: dict[str, Any]) -> None:
        self.packed[row["id"]] = pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL)

    def __getitem__(self, sentence_id: str) -> dict[str, Any]:
        row: dict[str, Any] = pickle.loads(self.packed[sentence_id])
        return row

    def __contains__(self, sentence_id: object) -> bool:
        return sentence_id in self.packed

    def __iter__(self) -> Iterator[str]:
        return iter(self.packed)

    def __len__(self) -> int:
        return len(self.packed)


@dataclass
class Baseline:
    """The test split's rows as publish writes them (sentence fields, and the final labels as the
    scorer reads them), kept to score the baselines on when the card is written."""

    rows: PackedRows = field(default_factory=PackedRows)
    sentences: int = 0

    def add(self, sentence: dict[str, Any], merged: dict[str, Any], document: dict[str, Any] | None = None) -> None:
        """Keep one test sentence record with its merged labels (and its ``document``'s title)."""
        self.rows.add({**titled(sentence, document), **_scored(merged)})
        self.sentences += 1

    def reference(self, dataset: str = ".", split: str = "test", features: Any = None) -> Reference:
        """The rows as the scorer's reference (``features``: the sentences config's, as the build
        has them; else made by datasets)."""
        # The scorer reads its rows as a mapping (items, lookups, length): the packed rows are one.
        rows = cast(dict[str, dict[str, Any]], self.rows)
        return Reference(dataset, split, rows, vocabulary(features or config_features()["sentences"]))


def rule_predictions_of(sentences: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The rule predictions of sentence records (as ``titled`` gives them), by id."""
    return {sentence["id"]: rule_prediction(sentence) for sentence in sentences}


def rule_predictions(reference: Reference) -> dict[str, dict[str, Any]]:
    return {sentence_id: rule_prediction(row) for sentence_id, row in reference.rows.items()}


def score_rules(reference: Reference, rules: dict[str, dict[str, Any]] | None = None) -> Evaluation:
    return score(reference, rule_predictions(reference) if rules is None else rules, "rule pre-annotator")


def score_model(reference: Reference, model: Model, rules: dict[str, dict[str, Any]] | None = None) -> Evaluation:
    rules = rule_predictions(reference) if rules is None else rules
    predictions = {i: model_prediction(row, model, rules[i]) for i, row in reference.rows.items()}
    return score(reference, predictions, f"learned model {model.version}")


@dataclass
class ReleaseBaselines:
    """The baselines of a release on its test split (model None: the workspace had none)."""

    rules: Evaluation
    model: Evaluation | None
    human: HumanCeiling


def human_readings(reference: Reference, readings: ReadingColumns) -> Iterator[tuple[str, dict[str, Labels]]]:
    """The readings of the reference's sentences, a sentence at a time in the order of their ids, as
    ``ceiling_of_groups`` takes them: each reading made into ``Labels`` only when its turn comes."""
    wanted = np.array([sentence_id in reference.rows for sentence_id in readings.sentence_ids], dtype=np.bool_)
    chosen = np.flatnonzero(wanted[readings.sentence]) if len(wanted) else np.zeros(0, dtype=np.int64)
    by_sentence: dict[int, list[int]] = {}
    for i in chosen.tolist():
        by_sentence.setdefault(int(readings.sentence[i]), []).append(i)
    for number in sorted(by_sentence, key=readings.sentence_ids.__getitem__):
        # the last reading of an annotator stands, as human_ceiling keeps it
        yield (
            readings.sentence_ids[number],
            {readings.annotators[readings.annotator[i]]: readings.labels(i) for i in by_sentence[number]},
        )


def release_baselines(
    baseline: Baseline,
    readings: ReadingColumns,
    model: Model | None,
    rules: dict[str, dict[str, Any]] | None = None,
    features: Any = None,
) -> ReleaseBaselines:
    """The three baselines on the test rows publish kept, scored as ``corpus evaluate`` scores them
    (``rules``: rule predictions made already, of some rows or all, the others made here; emptied as
    they are used, so that a large release's predictions are let go before the human ceiling;
    ``features``: the sentences config's, as ``Baseline.reference`` takes them)."""
    reference = baseline.reference(features=features)
    made = rules if rules is not None else {}
    predictions = {i: made.pop(i) if i in made else rule_prediction(row) for i, row in reference.rows.items()}
    made.clear()
    scored = score_rules(reference, predictions)
    learned = score_model(reference, model, predictions) if model is not None else None
    del predictions
    return ReleaseBaselines(scored, learned, ceiling_of_groups(reference, human_readings(reference, readings)))
