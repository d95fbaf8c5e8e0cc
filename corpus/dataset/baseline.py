"""The rule pre-annotator as a baseline: its suggestions scored against the final labels.

The suggestions are exactly what ``push`` sends as predictions (``predictions_for``), read back
by the same conversion as an annotator's labels, so that every label the pre-annotator learns
to suggest is scored without a change here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from corpus.labels.agreement import same_value
from corpus.studio.convert import convert_annotation
from corpus.studio.tasks import predictions_for


@dataclass
class Baseline:
    """Sums over sentences: per label true positives, false positives, false negatives; values."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    suggested: set[str] = field(default_factory=set)  # labels the pre-annotator suggested at all
    values_matched: int = 0
    values_right: int = 0
    sentences: int = 0

    def add(self, sentence: dict[str, Any], merged: dict[str, Any]) -> None:
        """Score the suggestions for one sentence record against its merged record."""
        self.sentences += 1
        result = [
            r
            for p in predictions_for(sentence["text"], sentence.get("context_before", ""), sentence.get("role", "body"))
            for r in p["result"]
        ]
        data = {**sentence, "sentence_id": sentence["id"], "context_before": "", "context_start": 0}
        record, _ = convert_annotation({"id": 0, "result": result}, data, 0, 0, "baseline")
        predicted = {(s["label"], s["doc_start"], s["doc_end"]): s for s in (record or {}).get("spans", [])}
        by_region = {s["id"]: key for key, s in predicted.items()}
        values = {by_region[f["span"]]: f["value"] for f in (record or {}).get("figures", [])}
        gold = {(s["label"], s["doc_start"], s["doc_end"]) for s in merged["spans"] if not s["in_context"]}
        gold_values = {
            (f_label, f["doc_start"], f["doc_end"]): f["value"] for f in merged["figures"] for f_label in [_figure()]
        }
        self.suggested.update(label for label, _, _ in predicted)
        for key in predicted.keys() | gold:
            label = key[0]
            if key in predicted and key in gold:
                self.tp[label] += 1
            elif key in predicted:
                self.fp[label] += 1
            else:
                self.fn[label] += 1
        for key, value in values.items():
            if key in gold_values and gold_values[key] is not None:
                self.values_matched += 1
                self.values_right += value is not None and same_value(value, gold_values[key])

    def scores(self, labels: list[str]) -> list[dict[str, Any]]:
        rows = []
        for label in labels:
            tp, fp, fn = self.tp[label], self.fp[label], self.fn[label]
            precision = tp / (tp + fp) if tp + fp else None
            recall = tp / (tp + fn) if tp + fn else None
            f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
            rows.append({"label": label, "precision": precision, "recall": recall, "f1": f1, "support": tp + fn})
        return rows

    def value_accuracy(self) -> float | None:
        return self.values_right / self.values_matched if self.values_matched else None


def _figure() -> str:
    from corpus.schema import label_set

    return label_set().figure
