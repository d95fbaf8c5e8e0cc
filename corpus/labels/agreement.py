"""Inter-annotator agreement and disagreement (pure functions over annotation records).

Every measure compares two annotators of the same sentence with the scorer's own code
(``corpus.labels.scoring.compare``, one annotator in the place of the gold labels) and is
micro-averaged over every such pair of every sentence, so that agreement and a model's score are
on one scale:

* spans, per label: exact-match F1 = 2·matches / (spans of one + spans of the other);
* attributions: F1 of (source span, content span) pairs (no source linked: None), and on the pairs
  both marked, the share with the same attribution type;
* figures: on the figure spans both marked, the share with the same value, upper, unit, kind, approx;
* the sentence label (checkworthy): Krippendorff's alpha, nominal.

A sentence's *disagreements* are named by the same measures (``span:<LABEL>``,
``attribution:pair``, ``attribution:type``, ``figure:<field>``, ``checkworthy``), so that the
status, the review queue and the report agree on what a disagreement is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from corpus.labels.scoring import FIGURE_FIELDS, Counts, Labels, labels_of_row, ratio, row_of_annotation
from corpus.labels.scoring import compare as compare_labels
from corpus.schema import label_set

ATTRIBUTIONS = "attributions"  # the aspect names that --labels accepts besides span labels
FIGURES = "figures"
CHECKWORTHY = "checkworthy"


@dataclass(frozen=True)
class Reading:
    """What one annotator said about one sentence, in comparable form (offsets in the document)."""

    sentence_id: str
    annotator: str
    labels: Labels
    lead_time: float | None = None

    @property
    def checkworthy(self) -> str | None:
        return self.labels.checkworthy


def reading(record: dict[str, Any]) -> Reading:
    """The comparable reading of one annotation record."""
    return Reading(
        sentence_id=record["sentence_id"],
        annotator=record["annotator"],
        labels=labels_of_row(row_of_annotation(record)),
        lead_time=record.get("lead_time"),
    )


def compare(a: Reading, b: Reading) -> tuple[Counts, list[str]]:
    """Counts for one pair of annotators of one sentence, and the names of what they disagree on."""
    counts = compare_labels(a.labels, b.labels)
    reasons = [
        f"span:{label}"
        for label in sorted(counts.span_gold | counts.span_pred)
        if not counts.span_exact[label] == counts.span_gold[label] == counts.span_pred[label]
    ]
    if not counts.pair_matched == counts.pair_gold == counts.pair_pred:
        reasons.append("attribution:pair")
    if counts.type_same < counts.pair_matched:
        reasons.append("attribution:type")
    reasons += [f"figure:{name}" for name in FIGURE_FIELDS if counts.field_same[name] < counts.field_scored[name]]
    if a.checkworthy != b.checkworthy:
        reasons.append(CHECKWORTHY)
    return counts, reasons


def aspect(reason: str) -> str:
    """The --labels name a disagreement belongs to: a span label, attributions, figures, checkworthy."""
    kind, _, detail = reason.partition(":")
    return {"span": detail, "attribution": ATTRIBUTIONS, "figure": FIGURES}.get(kind, reason)


def aspects() -> list[str]:
    """Every name --labels accepts: the schema's span labels, then attributions, figures, checkworthy."""
    return [*label_set().span_names, ATTRIBUTIONS, FIGURES, CHECKWORTHY]


@dataclass(frozen=True)
class Disagreement:
    """One sentence on which its annotators disagree: what on, and how much (for ranking)."""

    sentence_id: str
    reasons: list[str]
    score: float  # disagreeing items per annotator pair
    annotators: list[str]


def sentence_disagreement(readings: list[Reading], only: Iterable[str] | None = None) -> Disagreement | None:
    """What the annotators of one sentence disagree on (restricted to the aspects ``only``), or None."""
    wanted = set(only) if only is not None else None
    reasons: set[str] = set()
    score = 0.0
    pairs = [(a, b) for a, b in combinations(readings, 2) if a.annotator != b.annotator]
    for a, b in pairs:
        _, found = compare(a, b)
        found = [r for r in found if wanted is None or aspect(r) in wanted]
        reasons.update(found)
        score += len(found)
    if not reasons:
        return None
    return Disagreement(
        readings[0].sentence_id, sorted(reasons), score / len(pairs), sorted({r.annotator for r in readings})
    )


def nominal_alpha(units: Iterable[list[Any]]) -> float | None:
    """Krippendorff's alpha (nominal) from the values each unit received (None values are missing).

    Units with fewer than two values do not count. None when no unit is paired; 1.0 when every
    paired value is the same (alpha is undefined there, and the agreement is total).
    """
    coincidence: defaultdict[tuple[Any, Any], float] = defaultdict(float)
    for values in units:
        present = [v for v in values if v is not None]
        m = len(present)
        if m < 2:
            continue
        for i, j in ((i, j) for i in range(m) for j in range(m) if i != j):
            coincidence[(present[i], present[j])] += 1 / (m - 1)
    return alpha_of_coincidences(coincidence)


def alpha_of_coincidences(coincidence: Mapping[tuple[Any, Any], float]) -> float | None:
    """Krippendorff's alpha (nominal) from the coincidence of values, (c, k) -> weight (``nominal_alpha``)."""
    if not coincidence:
        return None
    totals: defaultdict[Any, float] = defaultdict(float)
    for (c, _), weight in coincidence.items():
        totals[c] += weight
    n = sum(totals.values())
    observed = sum(w for (c, k), w in coincidence.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if expected == 0:
        return 1.0
    return 1.0 - (n - 1) * observed / expected


@dataclass
class AgreementSummary:
    """Agreement over a set of annotations, every measure with how many comparisons it rests on."""

    counts: Counts  # summed over annotator pairs of a sentence (``counts.sentences``: the pairs)
    checkworthy_alpha: float | None
    sentences: int  # sentences with two or more annotators
    pairwise: list[dict[str, Any]]  # per pair of annotators

    def span_f1(self, label: str) -> float | None:
        c = self.counts
        return ratio(2 * c.span_exact[label], c.span_gold[label] + c.span_pred[label])

    def spans_compared(self, label: str) -> int:
        return self.counts.span_gold[label] + self.counts.span_pred[label]

    def to_dict(self) -> dict[str, Any]:
        c = self.counts
        labels = label_set().span_names
        return {
            "sentences_compared": self.sentences,
            "annotator_pairs": c.sentences,
            "spans": {label: {"f1": self.span_f1(label), "spans": self.spans_compared(label)} for label in labels},
            "spans_all": {
                "f1": ratio(2 * sum(c.span_exact.values()), sum(c.span_gold.values()) + sum(c.span_pred.values()))
            },
            "attributions": {
                "pair_f1": ratio(2 * c.pair_matched, c.pair_gold + c.pair_pred),
                "pairs": c.pair_gold + c.pair_pred,
                "type_agreement": ratio(c.type_same, c.pair_matched),
                "matched_pairs": c.pair_matched,
            },
            "figures": {
                "matched": c.figure_matched,
                **{name: ratio(c.field_same[name], c.field_scored[name]) for name in FIGURE_FIELDS},
            },
            "checkworthy_alpha": self.checkworthy_alpha,
            "pairwise": self.pairwise,
        }


def add_pairs(group: list[Reading], total: Counts, per_pair: dict[tuple[str, str], list[int]]) -> None:
    """Add the comparisons of every pair of annotators of one sentence (in the order of their
    pseudonyms) to ``total``, and to ``per_pair``: by pair, the sentences, twice the exact span
    matches, the spans, the sentences given the same class and those both gave a class."""
    for a, b in combinations(sorted(group, key=lambda r: r.annotator), 2):
        if a.annotator == b.annotator:
            continue
        counts, _ = compare(a, b)
        total.add(counts)
        entry = per_pair.setdefault((a.annotator, b.annotator), [0, 0, 0, 0, 0])
        entry[0] += 1
        entry[1] += 2 * sum(counts.span_exact.values())
        entry[2] += sum(counts.span_gold.values()) + sum(counts.span_pred.values())
        if a.checkworthy is not None and b.checkworthy is not None:
            entry[3] += a.checkworthy == b.checkworthy
            entry[4] += 1


def pairwise_rows(per_pair: Mapping[tuple[str, str], list[int]]) -> list[dict[str, Any]]:
    """The per-pair sums of ``add_pairs`` as the summary's rows, in the order of the pairs."""
    return [
        {
            "annotators": [a, b],
            "sentences": n,
            "span_f1": ratio(matches, spans),
            "checkworthy_agreement": ratio(same, both),
        }
        for (a, b), (n, matches, spans, same, both) in sorted(per_pair.items())
    ]


def agreement(readings: Iterable[Reading]) -> AgreementSummary:
    """Every agreement measure over annotations of many sentences (pairs within a sentence)."""
    by_sentence: dict[str, list[Reading]] = defaultdict(list)
    for r in readings:
        by_sentence[r.sentence_id].append(r)
    total = Counts()
    per_pair: dict[tuple[str, str], list[int]] = {}
    sentences = 0
    for group in by_sentence.values():
        if len({r.annotator for r in group}) >= 2:
            sentences += 1
        add_pairs(group, total, per_pair)
    alpha = nominal_alpha([r.checkworthy for r in group] for group in by_sentence.values())
    pairwise = pairwise_rows(per_pair)
    return AgreementSummary(total, alpha, sentences, pairwise)
