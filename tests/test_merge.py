"""The merged view and the agreement figures, on small cases worked out by hand."""

from __future__ import annotations

import pytest

from corpus.labels.agreement import nominal_alpha
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
    a = [labels("f", "label", TEXT, "5%", "FIGURE"), figure_value("f", 5), labels("q", "label", TEXT, "said", "CUE"), checkworthy("CFS")]
    b = [labels("f", "label", TEXT, "5%", "FIGURE"), figure_value("f", 5), labels("q", "label", TEXT, "said", "CUE"),
         labels("c", "label", TEXT, "Sales rose", "CLAIM"), checkworthy("CFS")]
    c = [labels("f", "label", TEXT, "in May", "FIGURE"), figure_value("f", 7), checkworthy("NFS")]
    merged = merge_sentence(annotations(a, b, c))
    assert record_errors(merged) == []
    assert merged["method"] == "majority" and len(merged["annotators"]) == 3
    assert texts(merged) == [("FIGURE", "5%"), ("CUE", "said")]
    assert [len(s["annotators"]) for s in merged["spans"]] == [2, 2]
    assert [(f["text"], f["value"]) for f in merged["figures"]] == [("5%", 5)]
    assert merged["checkworthy"] == "CFS"
    assert merged["agreement"] == {"checkworthy": False, "spans": False}


def test_a_tie_keeps_nothing_and_chooses_nothing():
    a = [labels("f", "label", TEXT, "5%", "FIGURE"), labels("q", "label", TEXT, "said", "CUE"), checkworthy("CFS")]
    b = [labels("f", "label", TEXT, "5%", "FIGURE"), checkworthy("NFS")]
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
    majority = [labels("q", "label", TEXT, "said", "CUE"), checkworthy("CFS")]
    truth_old = [checkworthy("NFS")]
    truth_new = [labels("c", "label", TEXT, "Sales rose", "CLAIM"), checkworthy("NFS")]
    merged = merge_sentence(annotations(majority, majority, majority, truth_old, truth_new, truth={3, 4}))
    assert merged["method"] == "ground_truth" and len(merged["annotators"]) == 5
    assert texts(merged) == [("CLAIM", "Sales rose")] and merged["checkworthy"] == "NFS"


def light(sentence, annotator, spans, choice=None):
    return {"sentence_id": sentence, "annotator": annotator, "checkworthy": choice, "spans": spans}


def test_krippendorff_alpha_matches_a_hand_computation():
    # Two coders, four units: yes/yes, yes/no, no/no, no/no. Coincidences: o(yes,yes)=2,
    # o(yes,no)=o(no,yes)=1, o(no,no)=4; n=8, n_yes=3, n_no=5.
    # alpha = 1 - (n-1) * (o(yes,no)+o(no,yes)) / (2 * n_yes * n_no) = 1 - 7 * 2 / 30 = 8/15.
    units = [["CFS" if c == "y" else "NFS" for c in choices] for choices in ("yy", "yn", "nn", "nn")]
    # A unit coded once, or with one value missing, does not count.
    units += [["CFS"], ["CFS", None]]
    assert nominal_alpha(units) == pytest.approx(8 / 15)


def test_krippendorff_alpha_without_overlap_or_variation():
    assert nominal_alpha([["CFS"], ["NFS"]]) is None  # no unit coded twice
    assert nominal_alpha([]) is None
    assert nominal_alpha([["NFS", "NFS"], ["NFS", "NFS"]]) == 1.0
