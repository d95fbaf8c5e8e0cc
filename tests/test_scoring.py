"""The scorer's measures, checked against numbers worked out by hand on small cases."""

from __future__ import annotations

import pytest

from corpus.labels.agreement import compare as agree
from corpus.labels.agreement import reading
from corpus.labels.scoring import (
    Counts,
    Vocabulary,
    check_prediction,
    compare,
    labels_of_row,
    row_of_annotation,
    scores,
)
from corpus.schema import label_set

L = label_set()
CFS, NFS = L.checkworthy_label("checkworthy"), L.checkworthy_label("non_factual")
DIRECT, INDIRECT = L.attribution_types[0].name, L.attribution_types[1].name
VOCABULARY = Vocabulary(
    L.span_names, [t.name for t in L.attribution_types], L.figure_kinds, L.figure_approx, L.checkworthy_names
)


def span(label: str, start: int, end: int, in_context: bool = False) -> dict:
    return {"label": label, "in_context": in_context, "doc_start": start, "doc_end": end}


def ref(start: int, end: int) -> dict:
    return {"doc_start": start, "doc_end": end, "text": "x"}


def fig(start: int, end: int, value=None, unit=None, kind=None, approx="exact", upper=None, tied=None) -> dict:
    found = {
        "doc_start": start,
        "doc_end": end,
        "value": value,
        "upper": upper,
        "unit": unit,
        "kind": kind,
        "approx": approx,
    }
    return {**found, "tied": tied} if tied else found


def row(spans=(), attributions=(), figures=(), checkworthy=None) -> dict:
    return {
        "spans": list(spans),
        "attributions": list(attributions),
        "figures": list(figures),
        "checkworthy": checkworthy,
    }


def total(*pairs: tuple[dict, dict]) -> dict:
    counts = Counts()
    for gold, predicted in pairs:
        counts.add(compare(labels_of_row(gold), labels_of_row(predicted)))
    return scores(counts, L.span_names, L.checkworthy_names)


def test_spans_exact_and_overlap_match_a_hand_computation():
    gold = row([span(L.span_label("claim"), 0, 10), span(L.figure, 20, 25)])
    predicted = row([span(L.span_label("claim"), 0, 8), span(L.figure, 20, 25), span(L.cue, 30, 34)])
    s = total((gold, predicted))["spans"]
    claim = s["labels"][L.span_label("claim")]
    assert claim["exact"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}  # 0-8 is not 0-10
    assert claim["overlap"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}  # ... but it overlaps it
    assert s["labels"][L.figure]["exact"]["f1"] == 1.0
    assert s["labels"][L.cue]["exact"] == {"precision": 0.0, "recall": None, "f1": 0.0}  # no gold CUE
    assert s["labels"][L.source] == {
        "exact": {"precision": None, "recall": None, "f1": None},
        "overlap": {"precision": None, "recall": None, "f1": None},
        "gold": 0,
        "predicted": 0,
    }
    # All labels: 1 exact match of 3 predicted and 2 gold: P 1/3, R 1/2, F1 2·1/5.
    assert s["all"]["exact"] == pytest.approx({"precision": 1 / 3, "recall": 0.5, "f1": 0.4})
    # Overlap: 2 of 3 predicted touch a gold span of their label, both gold ones are touched.
    assert s["all"]["overlap"] == pytest.approx({"precision": 2 / 3, "recall": 1.0, "f1": 0.8})
    # A span of another label at the same place does not count as an overlap.
    other = total((row([span(L.source, 0, 5)]), row([span(L.content, 0, 5)])))["spans"]["all"]
    assert other["overlap"]["f1"] == 0.0 and other["exact"]["f1"] == 0.0


def test_attribution_pairs_types_and_no_source():
    gold = row(
        attributions=[
            {"content": ref(10, 20), "source": ref(0, 5), "type": DIRECT},
            {"content": ref(30, 40), "source": None, "type": INDIRECT},  # no source linked: still a pair
        ]
    )
    predicted = row(
        attributions=[
            {"content": ref(10, 20), "source": ref(0, 5), "type": DIRECT},
            {"content": ref(30, 40), "source": None, "type": DIRECT},
            {"content": ref(10, 20), "source": ref(1, 5), "type": None},
        ]
    )
    a = total((gold, predicted))["attributions"]
    # 2 matched pairs of 3 predicted and 2 gold: F1 = 2·2/5; one of the two has its type right.
    assert a["pair"]["f1"] == pytest.approx(0.8) and a["matched"] == 2
    assert a["type_accuracy"] == 0.5 and a["typed_pair"]["f1"] == pytest.approx(0.4)


def test_figures_fields_on_matched_spans_and_ties_are_not_scored():
    gold = row(
        figures=[
            fig(20, 25, value=5, unit="EUR", kind="money"),
            fig(40, 42, value=3, kind=None, tied=["kind"]),  # the annotators tied on the kind
        ]
    )
    predicted = row(
        figures=[
            fig(20, 25, value=5.0, unit="euro", kind="money"),
            fig(40, 42, value=3, kind="count"),
            fig(50, 52, value=1, kind="count"),
        ]
    )
    f = total((gold, predicted))["figures"]
    assert f["span"]["f1"] == pytest.approx(0.8) and f["matched"] == 2
    assert f["fields"]["value"] == {"accuracy": 1.0, "scored": 2, "f1": pytest.approx(0.8)}  # 5 == 5.0
    assert f["fields"]["unit"]["accuracy"] == 0.5
    # kind: the tied figure is not scored, whatever was predicted there.
    assert f["fields"]["kind"]["accuracy"] == 1.0 and f["fields"]["kind"]["scored"] == 1
    # end to end: 1 right of 2 predicted (3 less the one on a tied kind) and 1 gold to score.
    assert f["fields"]["kind"]["f1"] == pytest.approx(2 / 3)


def test_checkworthy_per_class_macro_f1_and_sentences_without_a_gold_class():
    result = total(
        (row(checkworthy=CFS), row(checkworthy=CFS)),
        (row(checkworthy=CFS), row(checkworthy=NFS)),
        (row(checkworthy=NFS), row(checkworthy=None)),  # nothing predicted: a miss
        (row(checkworthy=None), row(checkworthy=CFS)),  # a tie: not scored
    )["checkworthy"]
    assert result["scored"] == 3 and result["no_gold_class"] == 1
    assert result["classes"][CFS] == pytest.approx({"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "support": 2})
    assert result["classes"][NFS] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    unimportant = L.checkworthy_label("not_checkworthy")
    assert result["classes"][unimportant]["f1"] is None  # in neither: left out of the macro average
    assert result["macro_f1"] == pytest.approx((2 / 3 + 0) / 2) and result["accuracy"] == pytest.approx(1 / 3)


def test_agreement_is_the_scorer_with_one_annotator_as_gold():
    def record(annotator, spans, attributions, figures, checkworthy):
        return {
            "sentence_id": "s",
            "annotator": annotator,
            "spans": spans,
            "attributions": attributions,
            "figures": figures,
            "checkworthy": checkworthy,
        }

    def s(region, label, start, end):
        return {
            "id": region,
            "label": label,
            "in_context": False,
            "start": start,
            "end": end,
            "text": "x",
            "doc_start": start,
            "doc_end": end,
        }

    a = record(
        "ann-aaaaaaaa",
        [s("c", L.content, 10, 20), s("q", L.cue, 21, 25), s("f", L.figure, 30, 32)],
        [{"content": "c", "source": None, "cue": "q", "type": INDIRECT, "zero_source": False}],
        [{"span": "f", "text": "x", "value": 7, "upper": None, "unit": None, "kind": "count", "approx": "exact"}],
        CFS,
    )
    b = record(
        "ann-bbbbbbbb",
        [s("c", L.content, 10, 20), s("f", L.figure, 30, 32)],
        [{"content": "c", "source": None, "cue": None, "type": INDIRECT, "zero_source": False}],
        [{"span": "f", "text": "x", "value": 8, "upper": None, "unit": None, "kind": "count", "approx": "exact"}],
        CFS,
    )
    counts, reasons = agree(reading(a), reading(b))
    assert counts == compare(labels_of_row(row_of_annotation(a)), labels_of_row(row_of_annotation(b)))
    # The source-less attribution is one pair on both sides (the cue is not part of a pair).
    assert counts.pair_matched == 1 and counts.type_same == 1
    assert reasons == [f"span:{L.cue}", "figure:value"]


def test_a_prediction_row_is_checked_and_normalised():
    good, problems = check_prediction(
        {
            "id": "d#1",
            "spans": [{"label": 4, "doc_start": 3, "doc_end": 5, "text": "ignored"}],  # 4: FIGURE's index
            "attributions": [{"content": {"doc_start": 0, "doc_end": 2}, "source": None, "type": DIRECT}],
            "figures": [
                {"doc_start": 3, "doc_end": 5, "value": 12, "upper": None, "unit": "m", "kind": -1, "approx": None}
            ],
            "checkworthy": CFS,
            "role": "body",  # other keys of a sentences row are ignored
        },
        VOCABULARY,
    )
    assert problems == []
    assert good["spans"] == [{"label": L.span_names[4], "in_context": False, "doc_start": 3, "doc_end": 5}]
    assert good["figures"][0]["kind"] is None and good["checkworthy"] == CFS
    bad, problems = check_prediction(
        {"id": "d#1", "spans": [{"label": "CLAM", "doc_start": 5, "doc_end": 3}], "figures": "none", "checkworthy": 9},
        VOCABULARY,
    )
    assert bad is None
    assert problems[0].startswith("missing attributions")
    assert any("doc_end 3 is before doc_start 5" in p for p in problems)
    assert any(p.startswith("figures: expected a list") for p in problems)
    assert any(p.startswith("checkworthy: 9 is not one of") for p in problems)
    assert check_prediction([1], VOCABULARY) == (None, ["expected a JSON object, got list"])
    _, problems = check_prediction(
        {"spans": [{"label": "CLAIM"}], "attributions": [], "figures": [], "checkworthy": None}, VOCABULARY
    )
    assert problems[0].startswith("id:") and "doc_start and doc_end must be integers" in problems[1]
