"""The merged view and the agreement figures, on small cases worked out by hand."""

from __future__ import annotations

import pytest

from corpus.labels.agreement import krippendorff_alpha, span_f1_by_label
from corpus.labels.merge import merge_sentence
from corpus.schema import record_errors
from corpus.studio.convert import convert_task
from tests.test_convert import DATA, labels

TEXT = DATA["text"]  # "Sales rose 5% 🚀 in May, she said."


def figure_value(region, number):
    return {"id": region, "from_name": "figure_value", "to_name": "sentence", "type": "number", "value": {"number": number}}


def checkworthy(choice):
    return {"id": "cw", "from_name": "checkworthy", "to_name": "sentence", "type": "choices", "value": {"choices": [choice]}}


def annotations(*results, truth=()):
    """One annotation record per result list, each by another annotator."""
    task = {"id": 7, "data": DATA, "annotations": [
        {"id": n + 1, "completed_by": n + 1, "result": result, "ground_truth": n in truth, "updated_at": f"2026-01-0{n + 1}T00:00:00Z"}
        for n, result in enumerate(results)]}
    outcome = convert_task(task, 1, "key")
    assert outcome.problems == []
    return outcome.records


def texts(merged):
    return [(s["label"], s["text"]) for s in merged["spans"]]


def test_two_of_three_is_a_majority_and_one_of_three_is_not():
    a = [labels("f", "label", TEXT, "5%", "FIGURE"), figure_value("f", 5), labels("q", "label", TEXT, "said", "CUE"), checkworthy("yes")]
    b = [labels("f", "label", TEXT, "5%", "FIGURE"), figure_value("f", 5), labels("q", "label", TEXT, "said", "CUE"),
         labels("c", "label", TEXT, "Sales rose", "CLAIM"), checkworthy("yes")]
    c = [labels("f", "label", TEXT, "in May", "FIGURE"), figure_value("f", 7), checkworthy("no")]
    merged = merge_sentence(annotations(a, b, c))
    assert record_errors(merged) == []
    assert merged["method"] == "majority" and len(merged["annotators"]) == 3
    assert texts(merged) == [("FIGURE", "5%"), ("CUE", "said")]
    assert [len(s["annotators"]) for s in merged["spans"]] == [2, 2]
    assert [(f["text"], f["value"]) for f in merged["figures"]] == [("5%", 5)]
    assert merged["checkworthy"] == "yes"
    assert merged["agreement"] == {"checkworthy": False, "spans": False}


def test_a_tie_keeps_nothing_and_chooses_nothing():
    a = [labels("f", "label", TEXT, "5%", "FIGURE"), labels("q", "label", TEXT, "said", "CUE"), checkworthy("yes")]
    b = [labels("f", "label", TEXT, "5%", "FIGURE"), checkworthy("no")]
    merged = merge_sentence(annotations(a, b))
    assert texts(merged) == [("FIGURE", "5%")]  # 2 of 2 kept, 1 of 2 is not more than half
    assert merged["checkworthy"] is None
    # Two against two: still a tie.
    merged = merge_sentence(annotations(a, a, b, b))
    assert merged["checkworthy"] is None and texts(merged) == [("FIGURE", "5%")]


def test_the_figure_reading_of_the_majority_wins():
    readings = [[labels("f", "label", TEXT, "5%", "FIGURE"), figure_value("f", value)] for value in (5, 7, 5)]
    (figure,) = merge_sentence(annotations(*readings))["figures"]
    assert (figure["text"], figure["value"]) == ("5%", 5)


def test_an_attribution_is_kept_when_a_majority_links_the_same_spans():
    def attributed(kind):
        return [labels("q", "label", TEXT, "said", "CUE"), labels("c", "label", TEXT, "Sales rose 5%", "CONTENT"),
                {"type": "relation", "from_id": "q", "to_id": "c", "direction": "right", "labels": [kind]}]
    merged = merge_sentence(annotations(attributed("indirect"), attributed("indirect"), attributed("direct")))
    (attribution,) = merged["attributions"]
    assert attribution["type"] == "indirect" and attribution["cue"]["text"] == "said"
    assert attribution["content"]["text"] == "Sales rose 5%" and attribution["source"] is None


def test_the_latest_ground_truth_wins_over_any_majority():
    majority = [labels("q", "label", TEXT, "said", "CUE"), checkworthy("yes")]
    truth_old = [checkworthy("no")]
    truth_new = [labels("c", "label", TEXT, "Sales rose", "CLAIM"), checkworthy("no")]
    merged = merge_sentence(annotations(majority, majority, majority, truth_old, truth_new, truth={3, 4}))
    assert merged["method"] == "ground_truth" and len(merged["annotators"]) == 5
    assert texts(merged) == [("CLAIM", "Sales rose")] and merged["checkworthy"] == "no"


def light(sentence, annotator, spans, choice=None):
    return {"sentence_id": sentence, "annotator": annotator, "checkworthy": choice, "spans": spans}


def test_span_f1_matches_a_hand_computation():
    rows = [
        light("s1", "a", [("FIGURE", False, 0, 2), ("FIGURE", False, 5, 7), ("CUE", False, 10, 14)]),
        light("s1", "b", [("FIGURE", False, 0, 2), ("CUE", False, 10, 14), ("FIGURE", True, 0, 2)]),
        light("s2", "a", [("FIGURE", False, 1, 3)]),
        light("s2", "b", []),
        light("s2", "c", [("FIGURE", False, 1, 3)]),
        # The same annotator twice on one sentence is not a pair.
        light("s3", "a", [("CUE", False, 0, 4)]),
        light("s3", "a", []),
    ]
    f1 = span_f1_by_label(rows, ["FIGURE", "CUE", "CLAIM"])
    # FIGURE: s1 (a,b) 1 match of 2+2 spans (the context span differs); s2 (a,b) 0 of 1, (a,c) 1 of 2, (b,c) 0 of 1.
    assert f1["FIGURE"] == {"f1": pytest.approx(2 * 2 / 8), "pairs": 4}
    assert f1["CUE"] == {"f1": 1.0, "pairs": 4}
    assert f1["CLAIM"] == {"f1": None, "pairs": 4}


def test_krippendorff_alpha_matches_a_hand_computation():
    # Two coders, four units: yes/yes, yes/no, no/no, no/no. Coincidences: o(yes,yes)=2,
    # o(yes,no)=o(no,yes)=1, o(no,no)=4; n=8, n_yes=3, n_no=5.
    # alpha = 1 - (n-1) * (o(yes,no)+o(no,yes)) / (2 * n_yes * n_no) = 1 - 7 * 2 / 30 = 8/15.
    rows = [light(s, coder, [], choice) for s, choices in (("u1", "yy"), ("u2", "yn"), ("u3", "nn"), ("u4", "nn"))
            for coder, choice in zip("ab", ("yes" if c == "y" else "no" for c in choices))]
    # A unit coded once, and a value outside the list, do not count.
    rows += [light("u5", "a", [], "yes"), light("u6", "a", [], "maybe"), light("u6", "b", [], "yes")]
    assert krippendorff_alpha(rows, "checkworthy", ["yes", "no"]) == pytest.approx(8 / 15)


def test_krippendorff_alpha_without_overlap_or_variation():
    assert krippendorff_alpha([light("u1", "a", [], "yes"), light("u2", "a", [], "no")], "checkworthy", ["yes", "no"]) is None
    assert krippendorff_alpha([light("u1", "a", [], "yes"), light("u2", "b", [], "no")], "checkworthy", ["yes", "no"]) is None
    assert krippendorff_alpha([], "checkworthy", ["yes", "no"]) is None
    same = [light(u, c, [], "no") for u in ("u1", "u2") for c in "ab"]
    assert krippendorff_alpha(same, "checkworthy", ["yes", "no"]) == 1.0


def test_two_annotators_who_agree_and_two_who_do_not():
    a = [labels("f", "label", TEXT, "5%", "FIGURE"), checkworthy("yes")]
    assert merge_sentence(annotations(a, a))["agreement"] == {"checkworthy": True, "spans": True}
    b = [labels("f", "label", TEXT, "in May", "FIGURE"), checkworthy("yes")]
    assert merge_sentence(annotations(a, b))["agreement"] == {"checkworthy": True, "spans": False}


def test_merged_spans_figures_and_attributions_carry_document_offsets_in_order():
    result = [labels("c", "label", TEXT, "Sales rose 5%", "CONTENT"), labels("k", "label", TEXT, "Sales rose 5%", "CLAIM"),
              labels("f", "label", TEXT, "5%", "FIGURE"), figure_value("f", 5), labels("s", "label", TEXT, "she", "SOURCE"),
              labels("q", "label", TEXT, "said", "CUE"),
              {"type": "relation", "from_id": "s", "to_id": "c", "direction": "right", "labels": ["indirect"]},
              {"type": "relation", "from_id": "q", "to_id": "c", "direction": "right", "labels": []}]
    merged = merge_sentence(annotations(result, result, [checkworthy("no")]))
    # DATA's sentence starts at document offset 100.
    assert [(s["label"], s["doc_start"], s["doc_end"]) for s in merged["spans"]] == [
        ("CLAIM", 100, 113), ("CONTENT", 100, 113), ("FIGURE", 111, 113), ("SOURCE", 124, 127), ("CUE", 128, 132)]
    assert [(f["doc_start"], f["doc_end"], f["value"]) for f in merged["figures"]] == [(111, 113, 5)]
    (attribution,) = merged["attributions"]
    assert attribution == {"content": {"doc_start": 100, "doc_end": 113, "text": "Sales rose 5%"},
                           "source": {"doc_start": 124, "doc_end": 127, "text": "she"},
                           "cue": {"doc_start": 128, "doc_end": 132, "text": "said"}, "type": "indirect"}


def test_an_attribution_of_one_annotator_in_two_is_not_kept():
    linked = [labels("q", "label", TEXT, "said", "CUE"), labels("c", "label", TEXT, "Sales rose 5%", "CONTENT"),
              {"type": "relation", "from_id": "q", "to_id": "c", "direction": "right", "labels": ["direct"]}]
    unlinked = linked[:2]
    merged = merge_sentence(annotations(linked, unlinked))
    assert merged["attributions"] == [] and texts(merged) == [("CONTENT", "Sales rose 5%"), ("CUE", "said")]


def test_a_ground_truth_without_a_date_loses_to_a_dated_one():
    dated, undated = [checkworthy("yes")], [checkworthy("no")]
    records = annotations(dated, undated, truth={0, 1})
    records[1]["updated_at"] = None  # the later annotation (higher id) has no date
    assert merge_sentence(records)["checkworthy"] == "yes"


def test_krippendorff_alpha_of_three_values_is_the_nominal_one():
    # Units a/a, a/b, b/c, c/c. n=8, n_a=3, n_b=2, n_c=3; 4 of 8 pairable values disagree.
    # D_o = 4/8, D_e = (64 - 9 - 4 - 9) / (8 * 7) = 42/56, alpha = 1 - D_o/D_e = 1/3
    # (an interval metric on the codes 0, 1, 2 would give 17/24).
    rows = [light(u, coder, [], value) for u, pair in (("u1", "aa"), ("u2", "ab"), ("u3", "bc"), ("u4", "cc")) for coder, value in zip("xy", pair)]
    assert krippendorff_alpha(rows, "kind", ["a", "b", "c"]) is None  # "kind" is not set on these rows
    rows = [dict(r, kind=r["checkworthy"]) for r in rows]
    assert krippendorff_alpha(rows, "kind", ["a", "b", "c"]) == pytest.approx(1 / 3)


def test_span_f1_skips_pairs_of_one_annotator_but_not_the_pairs_after_them():
    rows = [light("s4", "a", [("CUE", False, 0, 4)]), light("s4", "a", []), light("s4", "b", [("CUE", False, 0, 4)])]
    # (a, a) is skipped; (a, b) matches 1 of 1 + 1; (a', b) 0 of 0 + 1.
    assert span_f1_by_label(rows, ["CUE"]) == {"CUE": {"f1": pytest.approx(2 / 3), "pairs": 2}}
