"""Annotators' readings in columns, and their agreement computed from the columns (pure functions).

``corpus.labels.agreement.agreement`` takes one ``Reading`` per annotation and compares the
readings of each sentence pair by pair with the scorer's ``compare``: about 50 us a pair in
Python, which was most of the time of publishing a large release (docs/benchmarks.md).
``ReadingColumns`` holds the same readings as flat arrays (one row per reading, per span, per
attribution and per figure) and ``agreement_of`` computes the same ``AgreementSummary`` from them
with array operations: the same pairs (within a sentence, its readings in annotator order, two
readings of one annotator never compared), the same counts by the rules of ``compare`` (a
reading's spans are a set; its attributions and figures are keyed by their offsets, the last one
kept; figure numbers are equal within ``same_value``'s floating-point noise) and Krippendorff's
alpha by the formula of ``nominal_alpha``. ``tests/test_agreement.py`` holds the two to the same
results on generated readings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus.labels.agreement import AgreementSummary, Reading, alpha_of_coincidences, nominal_alpha
from corpus.labels.scoring import FIGURE_FIELDS, Counts, Labels, ratio

Ints = npt.NDArray[np.int64]  # held as int32 where the numbers fit (codes): the sums are made in int64
Bools = npt.NDArray[np.bool_]
Floats = npt.NDArray[np.float64]
NONE = -1  # the code of a missing value: no class, no type, no unit


@dataclass
class ReadingColumns:
    """Readings (one annotator's labels of one sentence) as arrays, names kept once by code.

    The readings are in the order they came in: it decides which of two items with the same
    offsets a reading keeps (the later) and the order in which the alpha adds its units.
    ``annotators`` is sorted, so that codes order annotators as their names do.
    """

    sentence_ids: list[str]
    annotators: list[str]
    checkworthy_names: list[str]
    span_labels: list[str]
    attribution_types: list[str]
    units: list[str]
    figure_kinds: list[str]
    figure_approx: list[str]
    # one row per reading
    sentence: Ints  # code into sentence_ids
    annotator: Ints  # code into annotators
    checkworthy: Ints  # code into checkworthy_names, NONE
    # one row per span: its reading, label, place and document offsets
    span_reading: Ints
    span_label: Ints
    span_in_context: Bools
    span_start: Ints
    span_end: Ints
    # one row per attribution whose content (and source, when it has one) is a span of its reading
    pair_reading: Ints
    pair_has_source: Bools
    pair_source_start: Ints
    pair_source_end: Ints
    pair_content_start: Ints
    pair_content_end: Ints
    pair_type: Ints  # code into attribution_types, NONE
    # one row per figure whose span is a span of its reading; a missing number is flagged
    figure_reading: Ints
    figure_start: Ints
    figure_end: Ints
    figure_value: Floats
    figure_value_missing: Bools
    figure_upper: Floats
    figure_upper_missing: Bools
    figure_unit: Ints  # code into units, NONE
    figure_kind: Ints  # code into figure_kinds, NONE
    figure_approximation: Ints  # code into figure_approx, NONE
    _rows: dict[str, tuple[Ints, Ints]] = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.sentence)

    def annotator_counts(self) -> Counter[str]:
        """Readings per annotator."""
        counts = np.bincount(self.annotator, minlength=len(self.annotators))
        return Counter({name: int(n) for name, n in zip(self.annotators, counts, strict=True) if n})

    def readings_per_sentence(self) -> Counter[int]:
        """How many sentences have 1, 2, ... readings."""
        per_sentence = np.bincount(np.bincount(self.sentence))
        return Counter({k: int(n) for k, n in enumerate(per_sentence) if k and n})

    def of_sentences(self, sentence_ids: Iterable[str]) -> ReadingColumns:
        """The readings of some sentences only, in their order."""
        wanted = set(sentence_ids)
        chosen = np.array([sentence_id in wanted for sentence_id in self.sentence_ids] or [False], dtype=np.bool_)
        return _subset(self, np.flatnonzero(chosen[self.sentence]) if len(self) else np.zeros(0, dtype=np.int64))

    def _rows_of(self, kind: str, index: int) -> Ints:
        """The rows of one reading's spans, pairs or figures, in the order they came."""
        if kind not in self._rows:
            owner: Ints = getattr(self, f"{kind}_reading")
            order = np.argsort(owner, kind="stable")
            self._rows[kind] = (order, np.searchsorted(owner[order], np.arange(len(self) + 1)))
        order, at = self._rows[kind]
        rows: Ints = order[at[index] : at[index + 1]]
        return rows

    def labels(self, index: int) -> Labels:
        """The reading at ``index`` as the scorer's ``Labels`` (as ``agreement.reading`` makes them)."""

        def name(names: list[str], code: Any) -> str | None:
            return None if code == NONE else names[code]

        spans = frozenset(
            (
                self.span_labels[self.span_label[i]],
                bool(self.span_in_context[i]),
                int(self.span_start[i]),
                int(self.span_end[i]),
            )
            for i in self._rows_of("span", index)
        )
        pairs: dict[tuple[tuple[int, int] | None, tuple[int, int]], str | None] = {}
        for i in self._rows_of("pair", index):
            source = (int(self.pair_source_start[i]), int(self.pair_source_end[i])) if self.pair_has_source[i] else None
            content = (int(self.pair_content_start[i]), int(self.pair_content_end[i]))
            pairs[(source, content)] = name(self.attribution_types, self.pair_type[i])
        figures: dict[tuple[int, int], tuple[Any, ...]] = {}
        for i in self._rows_of("figure", index):
            figures[(int(self.figure_start[i]), int(self.figure_end[i]))] = (
                None if self.figure_value_missing[i] else float(self.figure_value[i]),
                None if self.figure_upper_missing[i] else float(self.figure_upper[i]),
                name(self.units, self.figure_unit[i]),
                name(self.figure_kinds, self.figure_kind[i]),
                name(self.figure_approx, self.figure_approximation[i]),
            )
        return Labels(spans, pairs, figures, name(self.checkworthy_names, self.checkworthy[index]))


class _Names:
    """Codes of names in order of first sight (None: NONE)."""

    def __init__(self) -> None:
        self.codes: dict[Any, int] = {}

    def __call__(self, name: Any) -> int:
        return NONE if name is None else self.codes.setdefault(name, len(self.codes))

    def names(self) -> list[Any]:
        return list(self.codes)


def _column(rows: list[tuple[Any, ...]], i: int, dtype: Any) -> Any:
    return np.array([row[i] for row in rows], dtype=dtype)


def columns_of_readings(readings: Iterable[Reading]) -> ReadingColumns:
    """``Reading`` objects as columns (figure values and uppers must be numbers or None)."""
    readings = list(readings)
    sentences, classes, labels, types, units, kinds, approx = (_Names() for _ in range(7))
    annotators = sorted({r.annotator for r in readings})
    annotator_code = {name: n for n, name in enumerate(annotators)}
    spans: list[tuple[Any, ...]] = []
    pairs: list[tuple[Any, ...]] = []
    figures: list[tuple[Any, ...]] = []
    for n, r in enumerate(readings):
        spans += [(n, labels(label), in_context, start, end) for label, in_context, start, end in r.labels.spans]
        for (source, content), kind in r.labels.pairs.items():
            where = source or (0, 0)
            pairs.append((n, source is not None, *where, *content, types(kind)))
        for (start, end), (value, upper, unit, kind, approximation) in r.labels.figures.items():
            figures.append(
                (
                    n,
                    start,
                    end,
                    value,
                    value is None,
                    upper,
                    upper is None,
                    units(unit),
                    kinds(kind),
                    approx(approximation),
                )
            )
    numbers = [tuple(np.nan if v is None else v for v in row) for row in figures]
    sentence = np.array([sentences(r.sentence_id) for r in readings], dtype=np.int64)
    checkworthy = np.array([classes(r.checkworthy) for r in readings], dtype=np.int64)
    return ReadingColumns(
        sentence_ids=sentences.names(),
        annotators=annotators,
        checkworthy_names=classes.names(),
        span_labels=labels.names(),
        attribution_types=types.names(),
        units=units.names(),
        figure_kinds=kinds.names(),
        figure_approx=approx.names(),
        sentence=sentence,
        annotator=np.array([annotator_code[r.annotator] for r in readings], dtype=np.int64),
        checkworthy=checkworthy,
        span_reading=_column(spans, 0, np.int64),
        span_label=_column(spans, 1, np.int64),
        span_in_context=_column(spans, 2, np.bool_),
        span_start=_column(spans, 3, np.int64),
        span_end=_column(spans, 4, np.int64),
        pair_reading=_column(pairs, 0, np.int64),
        pair_has_source=_column(pairs, 1, np.bool_),
        pair_source_start=_column(pairs, 2, np.int64),
        pair_source_end=_column(pairs, 3, np.int64),
        pair_content_start=_column(pairs, 4, np.int64),
        pair_content_end=_column(pairs, 5, np.int64),
        pair_type=_column(pairs, 6, np.int64),
        figure_reading=_column(figures, 0, np.int64),
        figure_start=_column(figures, 1, np.int64),
        figure_end=_column(figures, 2, np.int64),
        figure_value=_column(numbers, 3, np.float64),
        figure_value_missing=_column(figures, 4, np.bool_),
        figure_upper=_column(numbers, 5, np.float64),
        figure_upper_missing=_column(figures, 6, np.bool_),
        figure_unit=_column(figures, 7, np.int64),
        figure_kind=_column(figures, 8, np.int64),
        figure_approximation=_column(figures, 9, np.int64),
    )


# -- agreement ---------------------------------------------------------------------------------


def _identities(*keys: Ints) -> Ints:
    """One id per distinct combination of the key columns (equal rows, equal ids)."""
    if not len(keys[0]):
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort(keys[::-1])
    change = np.zeros(len(order), dtype=np.bool_)
    change[0] = True
    for key in keys:
        ordered = key[order]
        change[1:] |= ordered[1:] != ordered[:-1]
    ids = np.empty(len(order), dtype=np.int64)
    ids[order] = np.cumsum(change) - 1
    return ids


def _expand(at: Ints, owners: Ints) -> tuple[Ints, Ints]:
    """For each entry i of ``owners``, every row of owner ``owners[i]`` (rows ``at[o]:at[o+1]``): (i, row)."""
    counts = at[owners + 1] - at[owners]
    which = np.repeat(np.arange(len(owners)), counts)
    first = np.repeat(at[owners] - (np.cumsum(counts) - counts), counts)
    return which, first + np.arange(len(which))


class _Items:
    """The distinct items of each reading (equal ``key``: the same item; the later row kept),
    sorted by reading."""

    def __init__(self, reading: Ints, key: Ints, readings: int):
        self.keys = int(key.max()) + 1 if len(key) else 1
        code = reading * self.keys + key
        order = np.lexsort((np.arange(len(code)), code))
        ordered = code[order]
        last = np.ones(len(order), dtype=np.bool_)
        last[:-1] = ordered[1:] != ordered[:-1]
        self.row: Ints = order[last]  # the kept row of each item
        self.code: Ints = ordered[last]
        self.key: Ints = self.code % self.keys
        self.at: Ints = np.searchsorted(self.code // self.keys, np.arange(readings + 1))
        self.count: Ints = np.diff(self.at)

    def matches(self, a: Ints, b: Ints) -> tuple[Ints, Ints, Ints]:
        """Every item of reading ``a[i]``, as (i, its item), and the same item of ``b[i]`` (-1: none)."""
        pair, item = _expand(self.at, a)
        wanted = b[pair] * self.keys + self.key[item]
        found = np.minimum(np.searchsorted(self.code, wanted), max(len(self.code) - 1, 0))
        other = np.where(self.code[found] == wanted, found, -1) if len(self.code) else np.full(len(wanted), -1)
        return pair, item, other


def _same_numbers(a: Floats, a_missing: Bools, b: Floats, b_missing: Bools) -> Bools:
    """``same_value`` on number fields: both missing, or both numbers that ``math.isclose`` takes as equal."""
    with np.errstate(invalid="ignore", over="ignore"):
        difference = np.abs(b - a)
        close = (a == b) | (
            ~np.isinf(a)
            & ~np.isinf(b)
            & ((difference <= np.abs(1e-9 * b)) | (difference <= np.abs(1e-9 * a)) | (difference <= 1e-12))
        )
    same: Bools = (a_missing & b_missing) | (~a_missing & ~b_missing & close)
    return same


def _first_seen(codes: Ints) -> Ints:
    """Codes renumbered in the order they are first seen."""
    unique, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
    rank = np.empty(len(unique), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(unique))
    renumbered: Ints = rank[inverse.reshape(-1)]
    return renumbered


def _pairs(group: Ints, annotator: Ints) -> tuple[Ints, Ints]:
    """Every pair of readings of a sentence, in annotator order (``a`` first), of two annotators."""
    order = np.argsort(annotator, kind="stable")
    order = order[np.argsort(group[order], kind="stable")]
    ends = np.cumsum(np.bincount(group))[group[order]]  # where each reading's sentence ends, in order
    first, second = [], []
    at = np.flatnonzero(ends - np.arange(len(order)) > 1)
    step = 1
    while len(at):
        first.append(at)
        second.append(at + step)
        step += 1
        at = at[ends[at] - at > step]
    a = order[np.concatenate(first)] if first else np.zeros(0, dtype=np.int64)
    b = order[np.concatenate(second)] if second else np.zeros(0, dtype=np.int64)
    apart = annotator[a] != annotator[b]
    return a[apart], b[apart]


def _alpha(c: ReadingColumns, group: Ints) -> float | None:
    """``nominal_alpha`` over the sentences, each with its readings' classes in the order they came."""
    order = np.argsort(group, kind="stable")
    given = c.checkworthy[order] != NONE
    present = np.bincount(group[order][given], minlength=int(group.max()) + 1 if len(group) else 0)
    if len(present) and present.max() > 2:  # a weight of 1/(m-1) that is not 1: nominal_alpha's own sums
        units: list[list[Any]] = [[] for _ in present]
        for g, code in zip(group[order].tolist(), c.checkworthy[order].tolist(), strict=True):
            units[g].append(None if code == NONE else c.checkworthy_names[code])
        return nominal_alpha(units)
    # Two values a unit at most: every coincidence weighs 1, and sums of whole numbers do not depend
    # on the order they are added in.
    paired = np.repeat(present == 2, present)
    values = c.checkworthy[order][given][paired]
    x, y = values[0::2], values[1::2]
    classes = len(c.checkworthy_names)
    counts = np.bincount(np.concatenate([x * classes + y, y * classes + x]), minlength=classes * classes)
    names = c.checkworthy_names
    coincidence = {(names[k // classes], names[k % classes]): float(n) for k, n in enumerate(counts.tolist()) if n}
    return alpha_of_coincidences(coincidence)


def _span_matches(
    spans: _Items, label: Ints, start: Ints, end: Ints, a: Ints, b: Ints, labels: int
) -> tuple[Ints, Ints, Ints, Ints]:
    """Per label: the spans of ``a`` also in ``b`` (and per pair), those of ``a`` that touch one of
    ``b``'s (same label, a character in common), and those of ``b`` that touch one of ``a``'s."""
    pair, item, other = spans.matches(a, b)
    hit = other >= 0
    exact = np.bincount(label[item[hit]], minlength=labels)
    exact_per_pair = np.bincount(pair[hit], minlength=len(a))
    # every span of a against every span of b
    which, b_item = _expand(spans.at, b[pair])
    a_item = item[which]
    touch = (label[a_item] == label[b_item]) & (start[a_item] < end[b_item]) & (start[b_item] < end[a_item])
    touched_gold = np.bincount(which[touch], minlength=len(item)) > 0
    overlap_gold = np.bincount(label[item[touched_gold]], minlength=labels)
    width = max(len(spans.code), 1)
    touched = np.unique(pair[which[touch]] * width + b_item[touch]) % width
    overlap_pred = np.bincount(label[touched], minlength=labels)
    return exact, exact_per_pair, overlap_gold, overlap_pred


CHUNK = 20_000  # readings compared at a time (whole sentences): what bounds the memory it takes


def _subset(c: ReadingColumns, readings: Ints) -> ReadingColumns:
    """The readings at ``readings`` (in that order) with their items, numbered from 0."""

    def wide(values: Any) -> Any:  # codes held as int32 are compared and summed as int64
        return values.astype(np.int64) if values.dtype == np.int32 else values

    local = np.full(len(c), -1, dtype=np.int64)
    local[readings] = np.arange(len(readings))
    chosen: dict[str, Any] = {
        name: wide(getattr(c, name)[readings]) for name in ("sentence", "annotator", "checkworthy")
    }
    for kind in ("span", "pair", "figure"):
        owner = local[getattr(c, f"{kind}_reading")]
        rows = np.flatnonzero(owner >= 0)
        for name in ReadingColumns.__dataclass_fields__:
            values = getattr(c, name)
            if name.startswith(f"{kind}_") and isinstance(values, np.ndarray):
                chosen[name] = wide(values[rows])
        chosen[f"{kind}_reading"] = owner[rows]
    return replace(c, **chosen, _rows={})


def agreement_of(c: ReadingColumns) -> AgreementSummary:
    """``corpus.labels.agreement.agreement`` over readings in columns: the same summary."""
    if not len(c):
        return AgreementSummary(Counts(), None, 0, [])
    group = _first_seen(c.sentence)
    total, per_pair, sentences = Counts(), Counter[tuple[int, int, int]](), 0
    order = np.argsort(group, kind="stable")  # by sentence, each sentence's readings in their order
    begins = np.flatnonzero(np.diff(group[order])) + 1  # where each sentence's readings begin (but the first)
    first = 0
    while first < len(order):  # whole sentences, about CHUNK readings at a time
        later = np.searchsorted(begins, first + CHUNK)
        last = int(begins[later]) if later < len(begins) else len(order)
        part = _subset(c, order[first:last])
        counts, pairs, compared = _tally(part, group[order[first:last]])
        total.add(counts)
        per_pair.update(pairs)
        sentences += compared
        first = last
    pairwise = [
        {
            "annotators": [c.annotators[a], c.annotators[b]],
            "sentences": per_pair[(a, b, 0)],
            "span_f1": ratio(per_pair[(a, b, 1)], per_pair[(a, b, 2)]),
            "checkworthy_agreement": ratio(per_pair[(a, b, 3)], per_pair[(a, b, 4)]),
        }
        for a, b in sorted({(a, b) for a, b, _ in per_pair})
    ]
    return AgreementSummary(total, _alpha(c, group), sentences, pairwise)


def _tally(c: ReadingColumns, group: Ints) -> tuple[Counts, Counter[tuple[int, int, int]], int]:
    """The counts of every pair of readings of each sentence, their sums per pair of annotators
    (annotator, annotator, what: pairs, 2 x exact spans, spans, same class, both with a class) and
    the sentences with two annotators or more."""
    a, b = _pairs(group, c.annotator)
    n_pairs = len(a)
    labels = len(c.span_labels)

    # spans: a set per reading
    spans = _Items(
        c.span_reading, _identities(c.span_label, c.span_in_context.astype(np.int64), c.span_start, c.span_end), len(c)
    )
    label, start, end = c.span_label[spans.row], c.span_start[spans.row], c.span_end[spans.row]
    per_reading = np.bincount((spans.code // spans.keys) * labels + label, minlength=len(c) * labels).reshape(
        len(c), labels
    )
    gold, predicted = per_reading[a].sum(axis=0), per_reading[b].sum(axis=0)
    exact, exact_per_pair, overlap_gold, overlap_pred = _span_matches(spans, label, start, end, a, b, labels)

    # attributions: (source, content) -> type, the later kept
    pairs = _Items(
        c.pair_reading,
        _identities(
            c.pair_has_source.astype(np.int64),
            c.pair_source_start,
            c.pair_source_end,
            c.pair_content_start,
            c.pair_content_end,
        ),
        len(c),
    )
    _, item, other = pairs.matches(a, b)
    hit = other >= 0
    pairs_matched = int(np.count_nonzero(hit))
    kinds = c.pair_type[pairs.row]
    type_same = int(np.count_nonzero(kinds[item[hit]] == kinds[other[hit]]))

    # figures: offsets -> fields, the later kept
    figures = _Items(c.figure_reading, _identities(c.figure_start, c.figure_end), len(c))
    _, item, other = figures.matches(a, b)
    hit = other >= 0
    mine, theirs = figures.row[item[hit]], figures.row[other[hit]]
    same = {
        "value": _same_numbers(
            c.figure_value[mine], c.figure_value_missing[mine], c.figure_value[theirs], c.figure_value_missing[theirs]
        ),
        "upper": _same_numbers(
            c.figure_upper[mine], c.figure_upper_missing[mine], c.figure_upper[theirs], c.figure_upper_missing[theirs]
        ),
        "unit": c.figure_unit[mine] == c.figure_unit[theirs],
        "kind": c.figure_kind[mine] == c.figure_kind[theirs],
        "approx": c.figure_approximation[mine] == c.figure_approximation[theirs],
    }
    figures_matched = int(np.count_nonzero(hit))
    figures_gold, figures_pred = int(figures.count[a].sum()), int(figures.count[b].sum())

    # checkworthy: (gold, predicted) for the pairs whose first reading has a class
    classes = c.checkworthy_names
    first, second = c.checkworthy[a], c.checkworthy[b]
    scored = first != NONE
    confusion = np.bincount(
        first[scored] * (len(classes) + 1) + second[scored] + 1, minlength=len(classes) * (len(classes) + 1)
    )
    checkworthy = Counter(
        {
            (
                classes[k // (len(classes) + 1)],
                None if k % (len(classes) + 1) == 0 else classes[k % (len(classes) + 1) - 1],
            ): n
            for k, n in enumerate(confusion.tolist())
            if n
        }
    )

    def by_label(counts: Ints) -> Counter[str]:
        return Counter({c.span_labels[k]: n for k, n in enumerate(counts.tolist()) if n})

    total = Counts(
        sentences=n_pairs,
        span_gold=by_label(gold),
        span_pred=by_label(predicted),
        span_exact=by_label(exact),
        overlap_pred=by_label(overlap_pred),
        overlap_gold=by_label(overlap_gold),
        pair_gold=int(pairs.count[a].sum()),
        pair_pred=int(pairs.count[b].sum()),
        pair_matched=pairs_matched,
        type_same=type_same,
        figure_gold=figures_gold,
        figure_pred=figures_pred,
        figure_matched=figures_matched,
        field_scored=Counter(dict.fromkeys(FIGURE_FIELDS, figures_matched)),
        field_same=Counter({name: int(np.count_nonzero(same[name])) for name in FIGURE_FIELDS}),
        field_gold=Counter(dict.fromkeys(FIGURE_FIELDS, figures_gold)),
        field_pred=Counter(dict.fromkeys(FIGURE_FIELDS, figures_pred)),
        checkworthy=checkworthy,
        checkworthy_unscored=int(n_pairs - np.count_nonzero(scored)),
    )

    # per pair of annotators: pairs, 2 x exact spans, spans, same class, both with a class
    both = scored & (second != NONE)
    sums = (
        np.ones(n_pairs, dtype=np.int64),
        2 * exact_per_pair,
        spans.count[a] + spans.count[b],
        both & (first == second),
        both,
    )
    who = c.annotator[a] * len(c.annotators) + c.annotator[b]
    keys, inverse = np.unique(who, return_inverse=True)
    per_pair = Counter[tuple[int, int, int]]()
    for what, values in enumerate(sums):
        summed = np.bincount(inverse.reshape(-1), weights=values, minlength=len(keys)).round().astype(np.int64)
        for key, n in zip(keys.tolist(), summed.tolist(), strict=True):
            per_pair[(key // len(c.annotators), key % len(c.annotators), what)] += n
    ordered = np.lexsort((c.annotator, group))
    distinct = np.ones(len(c), dtype=np.bool_)
    distinct[1:] = (group[ordered][1:] != group[ordered][:-1]) | (c.annotator[ordered][1:] != c.annotator[ordered][:-1])
    return total, per_pair, int(np.count_nonzero(np.bincount(group[ordered][distinct]) >= 2))
