"""The merged view and the agreement figures, on small cases worked out by hand."""

from __future__ import annotations

import pytest

from corpus.labels.agreement import nominal_alpha
from corpus.labels.merge import merge_sentence, unresolved_layers
from corpus.schema import record_errors
from corpus.studio.convert import convert_task
from tests.test_convert import DATA, labels

TEXT = DATA["text"]  # "Sales rose 5% 🚀 in May, she said."


def figure_value(region, number):
    return {
        "id": region,
        "from_name": "figure_value",
        "to_name": "sentence",
        "type": "number",
        "value": {"number": number},
    }


def checkworthy(choice):
    return {
        "id": "cw",
        "from_name": "checkworthy",
        "to_name": "sentence",
        "type": "choices",
        "value": {"choices": [choice]},
    }


def annotations(*results, truth=()):
    """One annotation record per result list, each by another annotator."""
    task = {
        "id": 7,
        "data": DATA,
        "annotations": [
            {
                "id": n + 1,
                "completed_by": n + 1,
                "result": result,
                "ground_truth": n in truth,
                "updated_at": f"2026-01-0{n + 1}T00:00:00Z",
            }
            for n, result in enumerate(results)
        ],
    }
    outcome = convert_task(task, 1, "key")
    assert outcome.problems == []
    return outcome.records


def texts(merged):
    return [(s["label"], s["text"]) for s in merged["spans"]]


def test_two_of_three_is_a_majority_and_one_of_three_is_not():
    a = [
        labels("f", "label", TEXT, "5%", "FIGURE"),
        figure_value("f", 5),
        labels("q", "label", TEXT, "said", "CUE"),
        checkworthy("CFS"),
    ]
    b = [
        labels("f", "label", TEXT, "5%", "FIGURE"),
        figure_value("f", 5),
        labels("q", "label", TEXT, "said", "CUE"),
        labels("c", "label", TEXT, "Sales rose", "CLAIM"),
        checkworthy("CFS"),
    ]
    c = [labels("f", "label", TEXT, "in May", "FIGURE"), figure_value("f", 7), checkworthy("NFS")]
    merged = merge_sentence(annotations(a, b, c))
    assert record_errors(merged) == []
    assert merged["method"] == "majority" and len(merged["annotators"]) == 3
    assert texts(merged) == [("FIGURE", "5%"), ("CUE", "said")]
    assert [len(s["annotators"]) for s in merged["spans"]] == [2, 2]
    assert [(f["text"], f["value"]) for f in merged["figures"]] == [("5%", 5)]
    assert merged["checkworthy"] == "CFS"
    assert merged["agreement"] == {"checkworthy": False, "spans": False, "attributions": True, "figures": False}
    # 2 of 3 on every kept label, the third outvoted: a majority, not a tie.
    assert merged["methods"] == dict.fromkeys(["spans", "attributions", "figures", "checkworthy"], "majority") | {
        "attributions": "unanimous"
    }


def test_a_tie_keeps_nothing_and_chooses_nothing():
    a = [labels("f", "label", TEXT, "5%", "FIGURE"), labels("q", "label", TEXT, "said", "CUE"), checkworthy("CFS")]
    b = [labels("f", "label", TEXT, "5%", "FIGURE"), checkworthy("NFS")]
    merged = merge_sentence(annotations(a, b))
    assert texts(merged) == [("FIGURE", "5%")]  # 2 of 2 kept, 1 of 2 is not more than half
    assert merged["checkworthy"] is None
    # Two against two: still a tie.
    assert merged["method"] == "tie" and unresolved_layers(merged) == ["spans", "checkworthy"]
    merged = merge_sentence(annotations(a, a, b, b))
    assert merged["checkworthy"] is None and texts(merged) == [("FIGURE", "5%")]
    assert merged["method"] == "tie"


def test_the_figure_reading_of_the_majority_wins():
    readings = [[labels("f", "label", TEXT, "5%", "FIGURE"), figure_value("f", value)] for value in (5, 7, 5)]
    (figure,) = merge_sentence(annotations(*readings))["figures"]
    assert (figure["text"], figure["value"]) == ("5%", 5)


def test_an_attribution_is_kept_when_a_majority_links_the_same_spans():
    def attributed(kind):
        return [
            labels("q", "label", TEXT, "said", "CUE"),
            labels("c", "label", TEXT, "Sales rose 5%", "CONTENT"),
            {"type": "relation", "from_id": "q", "to_id": "c", "direction": "right", "labels": [kind]},
        ]

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


def test_two_annotators_who_agree_and_two_who_do_not():
    a = [labels("f", "label", TEXT, "5%", "FIGURE"), checkworthy("CFS")]
    same = merge_sentence(annotations(a, a))
    assert same["agreement"] == {"checkworthy": True, "spans": True, "attributions": True, "figures": True}
    assert same["method"] == "unanimous" and set(same["methods"].values()) == {"unanimous"}
    b = [labels("f", "label", TEXT, "in May", "FIGURE"), checkworthy("CFS")]
    assert merge_sentence(annotations(a, b))["agreement"] == {
        "checkworthy": True,
        "spans": False,
        "attributions": True,
        "figures": False,
    }


def test_merged_spans_figures_and_attributions_carry_document_offsets_in_order():
    result = [
        labels("c", "label", TEXT, "Sales rose 5%", "CONTENT"),
        labels("k", "label", TEXT, "Sales rose 5%", "CLAIM"),
        labels("f", "label", TEXT, "5%", "FIGURE"),
        figure_value("f", 5),
        labels("s", "label", TEXT, "she", "SOURCE"),
        labels("q", "label", TEXT, "said", "CUE"),
        {"type": "relation", "from_id": "s", "to_id": "c", "direction": "right", "labels": ["indirect"]},
        {"type": "relation", "from_id": "q", "to_id": "c", "direction": "right", "labels": []},
    ]
    merged = merge_sentence(annotations(result, result, [checkworthy("NFS")]))
    # DATA's sentence starts at document offset 100.
    assert [(s["label"], s["doc_start"], s["doc_end"]) for s in merged["spans"]] == [
        ("CLAIM", 100, 113),
        ("CONTENT", 100, 113),
        ("FIGURE", 111, 113),
        ("SOURCE", 124, 127),
        ("CUE", 128, 132),
    ]
    assert [(f["doc_start"], f["doc_end"], f["value"]) for f in merged["figures"]] == [(111, 113, 5)]
    (attribution,) = merged["attributions"]
    assert attribution == {
        "content": {"doc_start": 100, "doc_end": 113, "text": "Sales rose 5%"},
        "source": {"doc_start": 124, "doc_end": 127, "text": "she"},
        "cue": {"doc_start": 128, "doc_end": 132, "text": "said"},
        "type": "indirect",
        "zero_source": False,
    }


def test_an_attribution_of_one_annotator_in_two_is_not_kept():
    linked = [
        labels("q", "label", TEXT, "said", "CUE"),
        labels("c", "label", TEXT, "Sales rose 5%", "CONTENT"),
        {"type": "relation", "from_id": "q", "to_id": "c", "direction": "right", "labels": ["direct"]},
    ]
    unlinked = linked[:2]
    merged = merge_sentence(annotations(linked, unlinked))
    assert merged["attributions"] == [] and texts(merged) == [("CONTENT", "Sales rose 5%"), ("CUE", "said")]


def test_a_ground_truth_without_a_date_loses_to_a_dated_one():
    dated, undated = [checkworthy("CFS")], [checkworthy("NFS")]
    records = annotations(dated, undated, truth={0, 1})
    records[1]["updated_at"] = None  # the later annotation (higher id) has no date
    assert merge_sentence(records)["checkworthy"] == "CFS"


def test_krippendorff_alpha_of_three_values_is_the_nominal_one():
    # Units a/a, a/b, b/c, c/c. n=8, n_a=3, n_b=2, n_c=3; 4 of 8 pairable values disagree.
    # D_o = 4/8, D_e = (64 - 9 - 4 - 9) / (8 * 7) = 42/56, alpha = 1 - D_o/D_e = 1/3
    # (an interval metric on the codes 0, 1, 2 would give 17/24).
    assert nominal_alpha([list("aa"), list("ab"), list("bc"), list("cc")]) == pytest.approx(1 / 3)


def test_two_annotators_who_tie_get_an_empty_label_called_a_tie_never_a_majority():
    a = [labels("f", "label", TEXT, "5%", "FIGURE"), figure_value("f", 2028), checkworthy("CFS")]
    b = [labels("f", "label", TEXT, "5%", "FIGURE"), figure_value("f", 2029), checkworthy("UFS")]
    merged = merge_sentence(annotations(a, b))
    assert record_errors(merged) == []
    assert merged["checkworthy"] is None and merged["methods"]["checkworthy"] == "tie"
    [figure] = merged["figures"]
    assert figure["value"] is None and figure["tied"] == ["value"]
    assert merged["methods"]["figures"] == "tie" and merged["methods"]["spans"] == "unanimous"
    assert merged["method"] == "tie"
    assert unresolved_layers(merged) == ["figures", "checkworthy"]


def test_an_adjudicated_tie_is_adjudicated_on_every_layer():
    a = [labels("f", "label", TEXT, "5%", "FIGURE"), figure_value("f", 2028), checkworthy("CFS")]
    b = [labels("f", "label", TEXT, "5%", "FIGURE"), figure_value("f", 2029), checkworthy("UFS")]
    records = annotations(a, b)
    decision = annotations(a)[0]
    merged = merge_sentence(records, adjudicated=decision)
    assert merged["method"] == "adjudicated" and unresolved_layers(merged) == []
    assert merged["checkworthy"] == "CFS" and merged["figures"][0]["value"] == 2028


def test_three_different_answers_are_a_tie_and_two_of_four_is_not_a_majority():
    three = annotations([checkworthy("CFS")], [checkworthy("UFS")], [checkworthy("NFS")])
    assert merge_sentence(three)["checkworthy"] is None and merge_sentence(three)["method"] == "tie"
    four = annotations([checkworthy("CFS")], [checkworthy("CFS")], [checkworthy("UFS")], [checkworthy("NFS")])
    assert merge_sentence(four)["checkworthy"] is None  # 2 of 4 is not more than half


def test_an_account_that_submitted_twice_votes_once_with_its_latest_annotation():
    """Two annotations of one account (a re-run script, a second submit) are not two annotators:
    1 vs 1 is a tie however many times one of them submitted."""
    a = [labels("f", "label", TEXT, "5%", "FIGURE"), figure_value("f", 2028), checkworthy("CFS")]
    b = [labels("f", "label", TEXT, "5%", "FIGURE"), figure_value("f", 2029), checkworthy("UFS")]
    records = annotations(a, a, b)
    records[1]["annotator"] = records[0]["annotator"]  # the first account submitted again
    merged = merge_sentence(records)
    assert merged["checkworthy"] is None and merged["methods"]["checkworthy"] == "tie"
    # Its latest annotation is its vote: changed to agree with the other, the sentence is unanimous.
    records[1]["checkworthy"] = "UFS"
    assert merge_sentence(records)["methods"]["checkworthy"] == "unanimous"
    # Alone on a sentence, twice: a single annotator, not a majority of two.
    assert merge_sentence(records[:2])["method"] == "single"
