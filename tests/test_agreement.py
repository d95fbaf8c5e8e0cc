"""Agreement measures, checked against numbers worked out by hand on small cases."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

import krippendorff
import numpy as np
import pytest

from corpus.labels.agreement import agreement, nominal_alpha, reading, sentence_disagreement
from corpus.schema import label_set

L = label_set()
YES, NO = L.checkworthy_names[0], L.checkworthy_names[1]


def span(region: str, label: str, start: int, end: int, in_context: bool = False) -> dict:
    return {
        "id": region,
        "label": label,
        "in_context": in_context,
        "start": start,
        "end": end,
        "text": "x" * (end - start),
        "doc_start": start,
        "doc_end": end,
    }


def record(sentence: str, annotator: str, spans=(), attributions=(), figures=(), checkworthy=None) -> dict:
    return {
        "sentence_id": sentence,
        "annotator": annotator,
        "spans": list(spans),
        "attributions": list(attributions),
        "figures": list(figures),
        "checkworthy": checkworthy,
        "lead_time": 1.0,
    }


def attribution(source: str, content: str, kind: str | None) -> dict:
    return {"content": content, "source": source, "cue": None, "type": kind}


def figure(region: str, value, unit="EUR", kind=None, approx=None) -> dict:
    return {"span": region, "text": "x", "value": value, "unit": unit, "kind": kind, "approx": approx}


def test_span_attribution_and_figure_agreement_match_a_hand_computation():
    direct, indirect = L.attribution_types[0].name, L.attribution_types[1].name
    kind = L.figure_kinds[0]
    # Sentence s1: A marks SOURCE 0-5, CONTENT 10-20, FIGURE 30-35 (value 5); B marks the same
    # CONTENT and FIGURE (value 6), and another SOURCE 0-3.
    a = record(
        "s1",
        "ann-aaaaaaaa",
        [span("s", L.source, 0, 5), span("c", L.content, 10, 20), span("f", L.figure, 30, 35)],
        [attribution("s", "c", direct)],
        [figure("f", 5, kind=kind)],
        YES,
    )
    b = record(
        "s1",
        "ann-bbbbbbbb",
        [span("s", L.source, 0, 3), span("c", L.content, 10, 20), span("f", L.figure, 30, 35)],
        [attribution("s", "c", direct)],
        [figure("f", 6, kind=kind)],
        NO,
    )
    # Sentence s2: both mark the same SOURCE -> CONTENT pair, with different types; both say YES.
    c = record(
        "s2",
        "ann-aaaaaaaa",
        [span("s", L.source, 40, 45), span("c", L.content, 50, 60)],
        [attribution("s", "c", direct)],
        checkworthy=YES,
    )
    d = record(
        "s2",
        "ann-bbbbbbbb",
        [span("s", L.source, 40, 45), span("c", L.content, 50, 60)],
        [attribution("s", "c", indirect)],
        checkworthy=YES,
    )
    summary = agreement(reading(r) for r in (a, b, c, d)).to_dict()
    # SOURCE: s1 0 of 2 spans match, s2 1 pair of 2: F1 = 2*1 / (2 + 2) = 0.5
    assert summary["spans"][L.source] == {"f1": 0.5, "spans": 4}
    assert summary["spans"][L.content]["f1"] == 1.0
    assert summary["spans"][L.figure]["f1"] == 1.0
    assert summary["spans"][L.cue] == {"f1": None, "spans": 0}
    # Pairs: s1 differs (different source), s2 the same: F1 = 2*1 / 4; type: 0 of 1 matched pair.
    assert summary["attributions"] == {"pair_f1": 0.5, "pairs": 4, "type_agreement": 0.0, "matched_pairs": 1}
    # One matched figure; value differs, upper (none given), unit and kind agree.
    assert summary["figures"] == {"matched": 1, "value": 0.0, "upper": 1.0, "unit": 1.0, "kind": 1.0, "approx": 1.0}
    # Checkworthy: units (YES, NO) and (YES, YES). Coincidences: o(Y,N)=o(N,Y)=1, o(Y,Y)=2;
    # n_Y=3, n_N=1, n=4: alpha = 1 - (n-1) * D_o / sum n_c n_k = 1 - 3 * 2 / (2 * 3 * 1) = 0.
    assert summary["checkworthy_alpha"] == pytest.approx(0.0)
    (pair,) = summary["pairwise"]
    # All spans: s1 2 of 6 match twice (CONTENT, FIGURE) -> 4, s2 2 pairs -> 4; total spans 6 + 4.
    assert pair["span_f1"] == pytest.approx(8 / 10) and pair["checkworthy_agreement"] == 0.5

    s1 = sentence_disagreement([reading(a), reading(b)])
    assert s1.reasons == ["attribution:pair", "checkworthy", "figure:value", f"span:{L.source}"]
    assert sentence_disagreement([reading(c), reading(d)]).reasons == ["attribution:type"]
    assert sentence_disagreement([reading(a), reading(b)], only=["figures"]).reasons == ["figure:value"]
    assert sentence_disagreement([reading(c), reading(d)], only=[L.source, "checkworthy"]) is None
    assert sentence_disagreement([reading(c), reading(c)]) is None


def test_nominal_alpha_is_krippendorffs():
    rng = random.Random(7)
    values = [YES, NO, None]
    for _ in range(20):
        units = [[rng.choice(values) for _ in range(3)] for _ in range(12)]
        data = np.array([[np.nan if u[i] is None else values.index(u[i]) for u in units] for i in range(3)])
        paired = (~np.isnan(data)).sum(axis=0) >= 2
        if len(np.unique(data[:, paired][~np.isnan(data[:, paired])])) < 2:
            continue
        expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
        assert nominal_alpha(units) == pytest.approx(expected)
    assert nominal_alpha([[YES], [NO, None]]) is None
    assert nominal_alpha([[YES, YES], [NO, NO]]) == 1.0


def test_two_annotations_by_one_annotator_are_not_a_pair():
    # An annotator who submitted a task twice does not agree or disagree with themselves.
    same = agreement([reading(record("s1", "ann-1", checkworthy=YES)), reading(record("s1", "ann-1", checkworthy=NO))])
    assert same.to_dict()["annotator_pairs"] == 0 and same.to_dict()["sentences_compared"] == 0
    assert (
        sentence_disagreement(
            [reading(record("s1", "ann-1", checkworthy=YES)), reading(record("s1", "ann-1", checkworthy=NO))]
        )
        is None
    )


def test_a_sentence_with_exactly_two_annotators_is_compared():
    summary = agreement(
        [reading(record("s1", "ann-1", checkworthy=YES)), reading(record("s1", "ann-2", checkworthy=YES))]
    )
    assert summary.to_dict()["sentences_compared"] == 1 and summary.to_dict()["annotator_pairs"] == 1


def test_checkworthy_pair_agreement_counts_only_pairs_where_both_answered():
    readings = [
        reading(record("s1", "ann-1", checkworthy=YES)),
        reading(record("s1", "ann-2", checkworthy=None)),  # no answer: not a disagreement
        reading(record("s2", "ann-1", checkworthy=YES)),
        reading(record("s2", "ann-2", checkworthy=YES)),
    ]
    (pair,) = agreement(readings).to_dict()["pairwise"]
    assert pair["sentences"] == 2 and pair["checkworthy_agreement"] == 1.0


# -- the same agreement from columns (corpus.labels.columns) -----------------------------------


def generated_records(rng: random.Random, sentences: int, n: int) -> list[dict]:
    """Annotations with every case the measures tell apart: spans in and out of context, one region id
    given to two spans, attributions naming missing spans, two attributions or figures on the same
    offsets, figure values equal within noise or not (infinities, NaN, missing), a class or none, and
    one annotator twice on a sentence."""
    types = [t.name for t in L.attribution_types]
    records = []
    for _ in range(n):
        spans = []
        for _ in range(rng.randrange(5)):
            start = rng.randrange(10)
            spans.append(
                span(
                    f"r{rng.randrange(5)}",
                    rng.choice(L.span_names),
                    start,
                    start + rng.randrange(1, 5),
                    rng.random() < 0.2,
                )
            )
        attributions = [
            attribution(
                rng.choice([None, "r0", "r1", "r7"]),
                rng.choice(["r0", "r1", "r2", "r9", None]),
                rng.choice([None, *types]),
            )
            for _ in range(rng.randrange(3))
        ]
        values = [None, 5, 5.0, 5.0000000001, 6, 1e-13, 0, float("inf"), float("nan")]
        figures = [
            figure(
                f"r{rng.randrange(6)}",
                rng.choice(values),
                rng.choice([None, "EUR", "USD"]),
                rng.choice([None, *L.figure_kinds]),
                rng.choice([None, *L.figure_approx]),
            )
            | {"upper": rng.choice([None, 1, 2.0])}
            for _ in range(rng.randrange(3))
        ]
        records.append(
            record(
                f"s{rng.randrange(sentences)}",
                f"ann-{rng.choice('abcd')}",
                spans,
                attributions,
                figures,
                rng.choice([None, *L.checkworthy_names]),
            )
        )
    return records


def comparable(labels):
    """Labels with NaN as a string (two NaNs are not equal)."""
    nan = lambda v: "nan" if isinstance(v, float) and v != v else v
    return replace(labels, figures={ref: tuple(map(nan, values)) for ref, values in labels.figures.items()})


def same_summary(a, b) -> bool:
    alpha = a.checkworthy_alpha == b.checkworthy_alpha or (a.checkworthy_alpha is None and b.checkworthy_alpha is None)
    return a.counts == b.counts and a.sentences == b.sentences and a.pairwise == b.pairwise and alpha


@pytest.mark.parametrize("sentences", [2, 6, 40])  # many readings a sentence (alpha's own sums) to two at most
def test_agreement_from_columns_is_agreement_from_readings(sentences, monkeypatch):
    from corpus.labels import columns

    rng = random.Random(sentences)
    for trial in range(400):
        readings = [reading(r) for r in generated_records(rng, sentences, rng.randrange(0, 25))]
        table = columns.columns_of_readings(readings)
        if trial % 2:
            monkeypatch.setattr(columns, "CHUNK", 3)  # whole sentences a few readings at a time
        assert same_summary(columns.agreement_of(table), agreement(readings)), trial
        monkeypatch.undo()
        assert [comparable(table.labels(i)) for i in range(len(readings))] == [comparable(r.labels) for r in readings]
        assert table.annotator_counts() == Counter(r.annotator for r in readings)
        assert table.readings_per_sentence() == Counter(Counter(r.sentence_id for r in readings).values())


def test_agreement_from_columns_of_no_reading():
    from corpus.labels.columns import agreement_of, columns_of_readings

    assert same_summary(agreement_of(columns_of_readings([])), agreement([]))
