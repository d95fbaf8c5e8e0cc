"""Inter-annotator agreement and disagreement (pure functions over annotation records).

Every measure compares two annotators of the same sentence and is micro-averaged over every such
pair of every sentence:

* spans, per label: exact-match F1 = 2·matches / (spans of one + spans of the other);
* attributions: F1 of (source span, content span) pairs, and on the pairs both marked, the share
  with the same attribution type;
* figures: on the figure spans both marked, the share with the same value, unit, kind, approx;
* the sentence label (checkworthy): Krippendorff's alpha, nominal.

A sentence's *disagreements* are named by the same measures (``span:<LABEL>``,
``attribution:pair``, ``attribution:type``, ``figure:<field>``, ``checkworthy``), so that the
status, the review queue and the report agree on what a disagreement is.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from corpus.schema import label_set

SpanKey = tuple[str, bool, int, int]  # label, in_context, doc_start, doc_end
FIGURE_FIELDS = ("value", "unit", "kind", "approx")
ATTRIBUTIONS = "attributions"  # the aspect names that --labels accepts besides span labels
FIGURES = "figures"
CHECKWORTHY = "checkworthy"


@dataclass(frozen=True)
class Reading:
    """What one annotator said about one sentence, in comparable form (offsets in the document)."""

    sentence_id: str
    annotator: str
    spans: frozenset[SpanKey]
    pairs: dict[tuple[SpanKey, SpanKey], str | None]  # (source, content) -> attribution type
    figures: dict[SpanKey, tuple[Any, ...]]  # figure span -> (value, unit, kind, approx)
    checkworthy: str | None
    lead_time: float | None = None


def span_key(span: dict[str, Any]) -> SpanKey:
    return (span["label"], bool(span["in_context"]), int(span["doc_start"]), int(span["doc_end"]))


def reading(record: dict[str, Any]) -> Reading:
    """The comparable reading of one annotation record."""
    by_id = {s["id"]: span_key(s) for s in record["spans"]}
    pairs: dict[tuple[SpanKey, SpanKey], str | None] = {}
    for a in record["attributions"]:
        if a.get("source") in by_id and a.get("content") in by_id:
            pairs[(by_id[a["source"]], by_id[a["content"]])] = a.get("type")
    figures = {
        by_id[f["span"]]: tuple(f.get(name) for name in FIGURE_FIELDS) for f in record["figures"] if f["span"] in by_id
    }
    return Reading(
        sentence_id=record["sentence_id"],
        annotator=record["annotator"],
        spans=frozenset(by_id.values()),
        pairs=pairs,
        figures=figures,
        checkworthy=record.get("checkworthy"),
        lead_time=record.get("lead_time"),
    )


def same_value(a: Any, b: Any) -> bool:
    """Whether two label values agree: numbers within floating-point noise, anything else equal."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return bool(a == b)


@dataclass
class PairCounts:
    """Sums over annotator pairs; the measures are ratios of these sums (micro-average)."""

    span_matches: Counter[str] = field(default_factory=Counter)  # label -> 2·matches
    span_total: Counter[str] = field(default_factory=Counter)  # label -> spans of both
    pair_matches: int = 0  # 2·matched (source, content) pairs
    pair_total: int = 0
    type_same: int = 0
    type_matched: int = 0  # matched pairs
    figure_matched: int = 0
    figure_same: Counter[str] = field(default_factory=Counter)
    annotator_pairs: int = 0

    def add(self, other: PairCounts) -> None:
        self.span_matches.update(other.span_matches)
        self.span_total.update(other.span_total)
        self.pair_matches += other.pair_matches
        self.pair_total += other.pair_total
        self.type_same += other.type_same
        self.type_matched += other.type_matched
        self.figure_matched += other.figure_matched
        self.figure_same.update(other.figure_same)
        self.annotator_pairs += other.annotator_pairs


def compare(a: Reading, b: Reading) -> tuple[PairCounts, list[str]]:
    """Counts for one pair of annotators of one sentence, and the names of what they disagree on."""
    counts = PairCounts(annotator_pairs=1)
    reasons: list[str] = []
    labels = {k[0] for k in a.spans | b.spans}
    for label in sorted(labels):
        sa = {k for k in a.spans if k[0] == label}
        sb = {k for k in b.spans if k[0] == label}
        counts.span_matches[label] += 2 * len(sa & sb)
        counts.span_total[label] += len(sa) + len(sb)
        if sa != sb:
            reasons.append(f"span:{label}")
    shared = a.pairs.keys() & b.pairs.keys()
    counts.pair_matches += 2 * len(shared)
    counts.pair_total += len(a.pairs) + len(b.pairs)
    if a.pairs.keys() != b.pairs.keys():
        reasons.append("attribution:pair")
    counts.type_matched += len(shared)
    same_type = sum(1 for p in shared if a.pairs[p] == b.pairs[p])
    counts.type_same += same_type
    if same_type < len(shared):
        reasons.append("attribution:type")
    both = a.figures.keys() & b.figures.keys()
    counts.figure_matched += len(both)
    for i, name in enumerate(FIGURE_FIELDS):
        same = sum(1 for k in both if same_value(a.figures[k][i], b.figures[k][i]))
        counts.figure_same[name] += same
        if same < len(both):
            reasons.append(f"figure:{name}")
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


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


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

    counts: PairCounts
    checkworthy_alpha: float | None
    sentences: int  # sentences with two or more annotators
    pairwise: list[dict[str, Any]]  # per pair of annotators

    def span_f1(self, label: str) -> float | None:
        return _ratio(self.counts.span_matches[label], self.counts.span_total[label])

    def to_dict(self) -> dict[str, Any]:
        c = self.counts
        labels = label_set().span_names
        return {
            "sentences_compared": self.sentences,
            "annotator_pairs": c.annotator_pairs,
            "spans": {label: {"f1": self.span_f1(label), "spans": c.span_total[label]} for label in labels},
            "spans_all": {"f1": _ratio(sum(c.span_matches.values()), sum(c.span_total.values()))},
            "attributions": {
                "pair_f1": _ratio(c.pair_matches, c.pair_total),
                "pairs": c.pair_total,
                "type_agreement": _ratio(c.type_same, c.type_matched),
                "matched_pairs": c.type_matched,
            },
            "figures": {
                "matched": c.figure_matched,
                **{name: _ratio(c.figure_same[name], c.figure_matched) for name in FIGURE_FIELDS},
            },
            "checkworthy_alpha": self.checkworthy_alpha,
            "pairwise": self.pairwise,
        }


def agreement(readings: Iterable[Reading]) -> AgreementSummary:
    """Every agreement measure over annotations of many sentences (pairs within a sentence)."""
    by_sentence: dict[str, list[Reading]] = defaultdict(list)
    for r in readings:
        by_sentence[r.sentence_id].append(r)
    total = PairCounts()
    per_pair: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    sentences = 0
    for group in by_sentence.values():
        if len({r.annotator for r in group}) >= 2:
            sentences += 1
        for a, b in combinations(sorted(group, key=lambda r: r.annotator), 2):
            if a.annotator == b.annotator:
                continue
            counts, _ = compare(a, b)
            total.add(counts)
            entry = per_pair[(a.annotator, b.annotator)]
            entry[0] += 1
            entry[1] += sum(counts.span_matches.values())
            entry[2] += sum(counts.span_total.values())
            if a.checkworthy is not None and b.checkworthy is not None:
                entry[3] += a.checkworthy == b.checkworthy
                entry[4] += 1
    alpha = nominal_alpha([r.checkworthy for r in group] for group in by_sentence.values())
    pairwise = [
        {
            "annotators": [a, b],
            "sentences": n,
            "span_f1": _ratio(matches, spans),
            "checkworthy_agreement": _ratio(same, both),
        }
        for (a, b), (n, matches, spans, same, both) in sorted(per_pair.items())
    ]
    return AgreementSummary(total, alpha, sentences, pairwise)
