"""One definition of every metric: a model against the final labels, or one annotator against another.

Pure functions on the standard library alone: this module is copied verbatim into every release's
``evaluate.py`` (see ``corpus.dataset.evaluate``), so ``corpus evaluate``, the shipped scorer, the
card's baselines and the card's inter-annotator agreement are computed by the same lines.

A sentence's labels are compared in document character offsets (``doc_start``, ``doc_end``), the
offsets every published row carries. Every measure is micro-averaged: counts are summed over the
sentences, then divided. With the reference as "gold" and the other side as "predicted":

* spans, per label: exact F1 = 2·(spans with the same label, place and offsets) / (gold + predicted);
  overlap F1 = the harmonic mean of overlap precision (predicted spans that share a character with a
  gold span of their label) and overlap recall (gold spans that share one with a predicted span);
* attributions: pair F1 over (SOURCE, CONTENT) pairs, a pair being the source's and the content's
  offsets (no source linked: None); type accuracy on the matched pairs; typed-pair F1 counts a pair
  only with its type right;
* figures: span F1 over figure offsets; on the matched figures, the accuracy of each field (value,
  upper, unit, kind, approx; numbers equal within floating-point noise); per field an end-to-end F1
  that counts a figure only with that field right. A field the gold left empty by a tie is not scored;
* checkworthy: per class precision, recall and F1, their macro average over the classes present in
  gold or predictions, and accuracy; a sentence whose gold class is empty (a tie) is not scored.

With no predicted and no gold item a measure is None (undefined), never 0 or 1.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

FIGURE_FIELDS = ("value", "upper", "unit", "kind", "approx")
NUMBER_FIELDS = ("value", "upper")

SpanKey = tuple[str, bool, int, int]  # label, in_context, doc_start, doc_end
Ref = tuple[int, int]  # doc_start, doc_end of a span an attribution or a figure points to


@dataclass(frozen=True)
class Labels:
    """One sentence's labels in comparable form (document offsets)."""

    spans: frozenset[SpanKey]
    pairs: dict[tuple[Ref | None, Ref], str | None]  # (source, content) -> attribution type
    figures: dict[Ref, tuple[Any, ...]]  # figure offsets -> FIGURE_FIELDS values
    checkworthy: str | None
    tied: dict[Ref, frozenset[str]] = field(default_factory=dict)  # figure fields a tie left empty


def _ref(node: Any) -> Ref | None:
    return None if node is None else (int(node["doc_start"]), int(node["doc_end"]))


def labels_of_row(row: dict[str, Any]) -> Labels:
    """The labels of a row of the ``sentences`` config (class names as strings)."""
    spans = frozenset(
        (str(s["label"]), bool(s.get("in_context")), int(s["doc_start"]), int(s["doc_end"])) for s in row["spans"]
    )
    pairs: dict[tuple[Ref | None, Ref], str | None] = {}
    for a in row["attributions"]:
        content = _ref(a["content"])
        if content is not None:
            pairs[(_ref(a.get("source")), content)] = a.get("type")
    figures: dict[Ref, tuple[Any, ...]] = {}
    tied: dict[Ref, frozenset[str]] = {}
    for f in row["figures"]:
        ref = (int(f["doc_start"]), int(f["doc_end"]))
        figures[ref] = tuple(f.get(name) for name in FIGURE_FIELDS)
        if f.get("tied"):
            tied[ref] = frozenset(f["tied"])
    return Labels(spans, pairs, figures, row.get("checkworthy"), tied)


def row_of_annotation(record: dict[str, Any]) -> dict[str, Any]:
    """One annotator's labels (an annotation record, or a row of the ``annotations`` config, whose
    attributions and figures name span region ids) as the labels of a ``sentences`` row."""
    by_id = {s["id"]: s for s in record["spans"]}

    def ref(region: Any) -> dict[str, Any] | None:
        span = by_id.get(region)
        return None if span is None else {k: span[k] for k in ("doc_start", "doc_end", "text")}

    attributions = []
    for a in record["attributions"]:
        source = a.get("source")
        if a.get("content") in by_id and (source is None or source in by_id):
            attributions.append(
                {"content": ref(a["content"]), "source": ref(source), "cue": ref(a.get("cue")), "type": a.get("type")}
            )
    figures = [
        {**(ref(f["span"]) or {}), **{name: f.get(name) for name in FIGURE_FIELDS}}
        for f in record["figures"]
        if f.get("span") in by_id
    ]
    spans = [
        {k: s[k] for k in ("label", "in_context", "start", "end", "text", "doc_start", "doc_end")}
        for s in record["spans"]
    ]
    return {"spans": spans, "attributions": attributions, "figures": figures, "checkworthy": record.get("checkworthy")}


def same_value(a: Any, b: Any) -> bool:
    """Whether two label values agree: numbers within floating-point noise, anything else equal."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return bool(a == b)


@dataclass
class Counts:
    """Sums over sentences (or annotator pairs); every measure is a ratio of these sums."""

    sentences: int = 0
    span_gold: Counter[str] = field(default_factory=Counter)
    span_pred: Counter[str] = field(default_factory=Counter)
    span_exact: Counter[str] = field(default_factory=Counter)  # spans in both, by label
    overlap_pred: Counter[str] = field(default_factory=Counter)  # predicted spans touching a gold one
    overlap_gold: Counter[str] = field(default_factory=Counter)  # gold spans touched by a predicted one
    pair_gold: int = 0
    pair_pred: int = 0
    pair_matched: int = 0
    type_same: int = 0
    figure_gold: int = 0
    figure_pred: int = 0
    figure_matched: int = 0
    field_scored: Counter[str] = field(default_factory=Counter)  # matched figures whose field is scored
    field_same: Counter[str] = field(default_factory=Counter)
    field_gold: Counter[str] = field(default_factory=Counter)  # gold figures whose field is scored
    field_pred: Counter[str] = field(default_factory=Counter)  # predicted figures, less those on a tied field
    checkworthy: Counter[tuple[str, str | None]] = field(default_factory=Counter)  # (gold, predicted)
    checkworthy_unscored: int = 0  # sentences whose gold class is empty

    def add(self, other: Counts) -> None:
        for name, value in vars(other).items():
            if isinstance(value, Counter):
                if value:  # (Counter.update, written out: most of a sentence's counters are empty)
                    mine = getattr(self, name)
                    for key, n in value.items():
                        mine[key] += n
            else:
                setattr(self, name, getattr(self, name) + value)

    def to_flat(self) -> dict[str, int]:
        """The sums that are not zero as one flat mapping of plain JSON values (a Counter's entry
        under ``<field>\t<its key as JSON>``): sums of many are one ``Counter.update`` each, and
        ``of_flat`` makes them Counts again."""
        flat: dict[str, int] = {}
        for name, value in vars(self).items():
            if isinstance(value, Counter):
                for key, n in value.items():
                    if n:
                        flat[f"{name}\t{json.dumps(key)}"] = n
            elif value:
                flat[name] = value
        return flat

    @classmethod
    def of_flat(cls, flat: Mapping[str, int]) -> Counts:
        """The Counts whose ``to_flat`` (or the sum of several) is ``flat``."""
        counts = cls()
        for name, n in flat.items():
            field_name, tab, key = name.partition("\t")
            if tab:
                value = json.loads(key)
                getattr(counts, field_name)[tuple(value) if isinstance(value, list) else value] += n
            else:
                setattr(counts, field_name, getattr(counts, field_name) + n)
        return counts


def _touches(a: SpanKey, b: SpanKey) -> bool:
    return a[0] == b[0] and a[2] < b[3] and b[2] < a[3]


def compare(gold: Labels, predicted: Labels, into: Counts | None = None) -> Counts:
    """The counts of one sentence: ``predicted`` against ``gold`` (for agreement, either annotator),
    added to ``into`` when given (a sum over many sentences, without a Counts for each)."""
    counts = Counts() if into is None else into
    counts.sentences += 1
    for span in gold.spans:
        counts.span_gold[span[0]] += 1
        counts.span_exact[span[0]] += span in predicted.spans
        counts.overlap_gold[span[0]] += any(_touches(span, p) for p in predicted.spans)
    for span in predicted.spans:
        counts.span_pred[span[0]] += 1
        counts.overlap_pred[span[0]] += any(_touches(span, g) for g in gold.spans)
    matched_pairs = gold.pairs.keys() & predicted.pairs.keys()
    counts.pair_gold += len(gold.pairs)
    counts.pair_pred += len(predicted.pairs)
    counts.pair_matched += len(matched_pairs)
    counts.type_same += sum(1 for p in matched_pairs if gold.pairs[p] == predicted.pairs[p])
    matched = gold.figures.keys() & predicted.figures.keys()
    counts.figure_gold += len(gold.figures)
    counts.figure_pred += len(predicted.figures)
    counts.figure_matched += len(matched)
    for i, name in enumerate(FIGURE_FIELDS):
        counts.field_gold[name] += sum(1 for ref in gold.figures if name not in gold.tied.get(ref, ()))
        counts.field_pred[name] += sum(
            1 for ref in predicted.figures if not (ref in matched and name in gold.tied.get(ref, ()))
        )
        scored = [ref for ref in matched if name not in gold.tied.get(ref, ())]
        counts.field_scored[name] += len(scored)
        counts.field_same[name] += sum(
            1 for ref in scored if same_value(gold.figures[ref][i], predicted.figures[ref][i])
        )
    if gold.checkworthy is None:
        counts.checkworthy_unscored += 1
    else:
        counts.checkworthy[(gold.checkworthy, predicted.checkworthy)] += 1
    return counts


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def prf(matched: float, predicted: float, gold: float) -> dict[str, float | None]:
    """Precision, recall and F1 of ``matched`` items among ``predicted`` and ``gold`` ones."""
    return {
        "precision": ratio(matched, predicted),
        "recall": ratio(matched, gold),
        "f1": ratio(2 * matched, predicted + gold),
    }


def overlap_prf(touching_pred: float, predicted: float, touching_gold: float, gold: float) -> dict[str, float | None]:
    precision, recall = ratio(touching_pred, predicted), ratio(touching_gold, gold)
    if precision is None and recall is None:
        f1 = None
    elif not precision or not recall:
        f1 = 0.0
    else:
        f1 = 2 * precision * recall / (precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1}


def span_scores(counts: Counts, labels: list[str]) -> dict[str, Any]:
    """Exact and overlap precision, recall and F1 per span label, and over all labels (micro)."""

    def one(gold: int, pred: int, exact: int, touching_pred: int, touching_gold: int) -> dict[str, Any]:
        return {
            "exact": prf(exact, pred, gold),
            "overlap": overlap_prf(touching_pred, pred, touching_gold, gold),
            "gold": gold,
            "predicted": pred,
        }

    c = counts
    per_label = {
        label: one(
            c.span_gold[label], c.span_pred[label], c.span_exact[label], c.overlap_pred[label], c.overlap_gold[label]
        )
        for label in labels
    }
    every = one(
        *(
            sum(counter[label] for label in labels)
            for counter in (c.span_gold, c.span_pred, c.span_exact, c.overlap_pred, c.overlap_gold)
        )
    )
    return {"labels": per_label, "all": every}


def attribution_scores(counts: Counts) -> dict[str, Any]:
    c = counts
    return {
        "pair": prf(c.pair_matched, c.pair_pred, c.pair_gold),
        "typed_pair": prf(c.type_same, c.pair_pred, c.pair_gold),
        "type_accuracy": ratio(c.type_same, c.pair_matched),
        "gold": c.pair_gold,
        "predicted": c.pair_pred,
        "matched": c.pair_matched,
    }


def figure_scores(counts: Counts) -> dict[str, Any]:
    c = counts
    return {
        "span": prf(c.figure_matched, c.figure_pred, c.figure_gold),
        "gold": c.figure_gold,
        "predicted": c.figure_pred,
        "matched": c.figure_matched,
        "fields": {
            name: {
                "accuracy": ratio(c.field_same[name], c.field_scored[name]),
                "scored": c.field_scored[name],
                "f1": ratio(2 * c.field_same[name], c.field_pred[name] + c.field_gold[name]),
            }
            for name in FIGURE_FIELDS
        },
    }


def checkworthy_scores(counts: Counts, classes: list[str]) -> dict[str, Any]:
    """Per class precision, recall, F1 and support; macro-F1 over the classes present; accuracy."""
    confusion = counts.checkworthy
    scored = sum(confusion.values())
    per_class = {}
    for name in classes:
        tp = confusion[(name, name)]
        gold = sum(n for (g, _), n in confusion.items() if g == name)
        pred = sum(n for (_, p), n in confusion.items() if p == name)
        per_class[name] = {**prf(tp, pred, gold), "support": gold}
    f1s = [c["f1"] for c in per_class.values() if c["f1"] is not None]
    return {
        "macro_f1": sum(f1s) / len(f1s) if f1s else None,
        "accuracy": ratio(sum(n for (g, p), n in confusion.items() if g == p), scored),
        "classes": per_class,
        "scored": scored,
        "no_gold_class": counts.checkworthy_unscored,
    }


def scores(counts: Counts, span_labels: list[str], checkworthy_classes: list[str]) -> dict[str, Any]:
    """Every measure from summed counts: spans, attributions, figures, checkworthy."""
    return {
        "sentences": counts.sentences,
        "spans": span_scores(counts, span_labels),
        "attributions": attribution_scores(counts),
        "figures": figure_scores(counts),
        "checkworthy": checkworthy_scores(counts, checkworthy_classes),
    }


# What a prediction row may say: the class names of the published features (ClassLabel fields).
@dataclass(frozen=True)
class Vocabulary:
    span_labels: list[str]
    attribution_types: list[str]
    figure_kinds: list[str]
    figure_approx: list[str]
    checkworthy: list[str]


LAYER_KEYS = ("spans", "attributions", "figures", "checkworthy")


def _class(value: Any, names: list[str], where: str, errors: list[str], nullable: bool = True) -> str | None:
    """A ClassLabel value given as its name or its index (-1 and null: empty) -> the name."""
    if value is None or (value == -1 and not isinstance(value, bool)):
        if not nullable:
            errors.append(f"{where}: must be one of {', '.join(names)}")
        return None
    if isinstance(value, str) and value in names:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(names):
        return names[value]
    errors.append(f"{where}: {value!r} is not one of {', '.join(names)} (or their indices)")
    return None


def _offset(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _offsets(node: Any, where: str, errors: list[str]) -> dict[str, Any] | None:
    if not isinstance(node, dict):
        errors.append(f"{where}: expected an object with doc_start and doc_end")
        return None
    start: Any = node.get("doc_start")
    end: Any = node.get("doc_end")
    if not (_offset(start) and _offset(end)):
        errors.append(f"{where}: doc_start and doc_end must be integers >= 0 (document offsets)")
        return None
    if int(end) < int(start):
        errors.append(f"{where}: doc_end {end} is before doc_start {start}")
        return None
    return {"doc_start": int(start), "doc_end": int(end)}


def _number(value: Any, where: str, errors: list[str]) -> Any:
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)):
        return value
    errors.append(f"{where}: {value!r} is not a number or null")
    return None


def _items(row: dict[str, Any], key: str, errors: list[str]) -> list[Any]:
    value = row.get(key)
    if not isinstance(value, list):
        errors.append(f"{key}: expected a list, got {type(value).__name__ if key in row else 'nothing'}")
        return []
    return value


def check_prediction(row: Any, vocabulary: Vocabulary) -> tuple[dict[str, Any] | None, list[str]]:
    """A prediction row in normal form (class names as strings), or the reasons it does not fit.

    A row is a row of the ``sentences`` config: ``id``, and ``spans``, ``attributions``,
    ``figures`` (lists, possibly empty) and ``checkworthy`` (a class or null), all four required
    so that a layer left out is never scored as empty by accident. Other keys are ignored.
    """
    if not isinstance(row, dict):
        return None, [f"expected a JSON object, got {type(row).__name__}"]
    errors: list[str] = []
    if not isinstance(row.get("id"), str) or not row["id"]:
        errors.append("id: expected the sentence id (a non-empty string)")
    missing = [key for key in LAYER_KEYS if key not in row]
    if missing:
        errors.append(f"missing {', '.join(missing)} (give an empty list or null for what is not predicted)")
    spans = []
    for n, span in enumerate(_items(row, "spans", errors) if "spans" in row else []):
        where = f"spans[{n}]"
        place = _offsets(span, where, errors)
        if place is None:
            continue
        label = _class(span.get("label"), vocabulary.span_labels, f"{where}.label", errors, nullable=False)
        in_context = span.get("in_context", False)
        if not isinstance(in_context, bool):
            errors.append(f"{where}.in_context: expected true or false")
        if label is not None:
            spans.append({"label": label, "in_context": in_context is True, **place})
    attributions = []
    for n, a in enumerate(_items(row, "attributions", errors) if "attributions" in row else []):
        where = f"attributions[{n}]"
        if not isinstance(a, dict):
            errors.append(f"{where}: expected an object with content, source and type")
            continue
        content = _offsets(a.get("content"), f"{where}.content", errors)
        source = None if a.get("source") is None else _offsets(a["source"], f"{where}.source", errors)
        kind = _class(a.get("type"), vocabulary.attribution_types, f"{where}.type", errors)
        if content is not None:
            attributions.append({"content": content, "source": source, "type": kind})
    figures = []
    for n, f in enumerate(_items(row, "figures", errors) if "figures" in row else []):
        where = f"figures[{n}]"
        place = _offsets(f, where, errors)
        if place is None:
            continue
        unit = f.get("unit")
        if unit is not None and not isinstance(unit, str):
            errors.append(f"{where}.unit: {unit!r} is not a string or null")
        figures.append(
            {
                **place,
                **{name: _number(f.get(name), f"{where}.{name}", errors) for name in NUMBER_FIELDS},
                "unit": unit if isinstance(unit, str) else None,
                "kind": _class(f.get("kind"), vocabulary.figure_kinds, f"{where}.kind", errors),
                "approx": _class(f.get("approx"), vocabulary.figure_approx, f"{where}.approx", errors),
            }
        )
    checkworthy = _class(row.get("checkworthy"), vocabulary.checkworthy, "checkworthy", errors)
    if errors:
        return None, errors
    return {
        "id": row["id"],
        "spans": spans,
        "attributions": attributions,
        "figures": figures,
        "checkworthy": checkworthy,
    }, []
