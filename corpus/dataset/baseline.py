"""Baselines of a release, scored by the release's own scorer on its test split.

* ``rules``: the rule pre-annotator, exactly what ``push`` sends as predictions
  (``predictions_for``), read back by the same conversion as an annotator's labels, so that every
  label it learns to suggest is scored without a change here;
* ``model``: the workspace's learned model (``corpus model train``) where there is one: its
  check-worthiness and CLAIM spans, with the rules' figures and attributions (which it leaves to them);
* ``human``: each annotator against the final labels, where several annotators labelled a sentence.

Predictions are made from a ``sentences`` row (text, context, role, offsets), so that publish (from
the data folder) and ``corpus evaluate --baseline`` (from the published folder) make the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from corpus.dataset.features import config_features
from corpus.dataset.scorer import Evaluation, HumanCeiling, Reference, human_ceiling, score, vocabulary
from corpus.labels.agreement import Reading
from corpus.labels.scoring import row_of_annotation
from corpus.schema import label_set
from corpus.studio.convert import convert_annotation
from corpus.studio.tasks import predictions_for

if TYPE_CHECKING:
    from corpus.model.learn import Model

GOLD_FIELDS = ("spans", "attributions", "figures", "checkworthy")
ROW_FIELDS = ("id", "doc_id", "text", "start", "role", "context_before")


def rule_prediction(row: dict[str, Any]) -> dict[str, Any]:
    """The rule pre-annotator's labels of one ``sentences`` row, as a prediction row."""
    context = row.get("context_before") or ""
    result = [r for p in predictions_for(row["text"], context, row.get("role") or "body") for r in p["result"]]
    data = {
        "text": row["text"],
        "context_before": context,
        "start": row["start"],
        # The context shown with a sentence ends where the sentence starts (sentence.context_start).
        "context_start": row["start"] - len(context),
        "sentence_id": row["id"],
        "doc_id": row.get("doc_id"),
    }
    record, _ = convert_annotation({"id": 0, "result": result}, data, 0, 0, "baseline")
    return {"id": row["id"], **row_of_annotation(record or {"spans": [], "attributions": [], "figures": []})}


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


@dataclass
class Baseline:
    """The test split's rows as publish writes them (sentence fields and final labels), kept to score
    the baselines on when the card is written."""

    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def sentences(self) -> int:
        return len(self.rows)

    def add(self, sentence: dict[str, Any], merged: dict[str, Any]) -> None:
        """Keep one test sentence record with its merged labels."""
        self.rows.append({**{k: sentence.get(k) for k in ROW_FIELDS}, **{k: merged[k] for k in GOLD_FIELDS}})

    def reference(self, dataset: str = ".", split: str = "test") -> Reference:
        return Reference(
            dataset, split, {row["id"]: row for row in self.rows}, vocabulary(config_features()["sentences"])
        )


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


def release_baselines(baseline: Baseline, annotations: list[Reading], model: Model | None) -> ReleaseBaselines:
    """The three baselines on the test rows publish kept, scored as ``corpus evaluate`` scores them."""
    reference = baseline.reference()
    readings = [(r.sentence_id, r.annotator, r.labels) for r in annotations if r.sentence_id in reference.rows]
    rules = rule_predictions(reference)
    return ReleaseBaselines(
        score_rules(reference, rules),
        score_model(reference, model, rules) if model is not None else None,
        human_ceiling(reference, readings),
    )
