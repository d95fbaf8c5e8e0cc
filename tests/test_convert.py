"""Conversion of Label Studio results and the merge, on plain data."""

from __future__ import annotations

from hypothesis import given, strategies as st

from corpus.studio.convert import convert_task, pseudonym
from corpus.labels.merge import merge_sentence
from corpus.schema import record_errors
from corpus.studio.utf16 import OffsetMap, to_js

DATA = {"text": "Sales rose 5% 🚀 in May, she said.", "sentence_id": "d1-0003", "doc_id": "d1", "start": 100,
        "context_before": "Ms Lee 🙂 spoke. ", "context_start": 80}


def labels(region, name, text, piece, label):
    start = text.index(piece)
    return {"id": region, "from_name": name, "to_name": "x", "type": "labels",
            "value": {"start": start, "end": start + len(piece), "text": piece, "labels": [label]}}


def test_cancelled_annotations_and_predictions_are_not_labels():
    task = {"id": 7, "data": DATA, "predictions": [1, 2], "drafts": [{"id": 1}],
            "annotations": [{"id": 3, "completed_by": 5, "was_cancelled": True, "result": []}]}
    outcome = convert_task(task, 1, "key")
    assert outcome.records == [] and outcome.skipped == 1 and outcome.predictions == 2 and outcome.drafts == 1


def test_spans_after_emoji_get_code_point_offsets_and_document_offsets():
    result = [labels("a", "label", DATA["text"], "in May", "FIGURE"), labels("b", "context_label", DATA["context_before"], "Ms Lee", "SOURCE")]
    outcome = convert_task({"id": 7, "data": DATA, "annotations": [{"id": 3, "completed_by": 5, "result": result}]}, 1, "key")
    (record,) = outcome.records
    assert record_errors(record) == [] and outcome.problems == []
    figure, source = sorted(record["spans"], key=lambda s: s["label"])
    assert DATA["text"][figure["start"]:figure["end"]] == "in May" and figure["doc_start"] == 100 + DATA["text"].index("in May")
    assert (figure["start"], figure["end"]) == (16, 22)  # after 🚀: code points, counted by hand
    assert source["in_context"] and source["doc_start"] == 80


def test_pseudonyms_are_stable_per_project_and_differ_between_projects():
    assert pseudonym("k1", 5) == pseudonym("k1", 5) != pseudonym("k2", 5)
    assert pseudonym("k1", 5) != pseudonym("k1", 6)


def test_merge_of_one_annotation_is_that_annotation():
    result = [labels("a", "label", DATA["text"], "5%", "FIGURE")]
    (record,) = convert_task({"id": 7, "data": DATA, "annotations": [{"id": 3, "completed_by": 5, "result": result}]}, 1, "key").records
    merged = merge_sentence([record])
    assert merged["method"] == "single" and [s["text"] for s in merged["spans"]] == ["5%"]
    assert merged["agreement"] == {"checkworthy": None, "spans": None} and record_errors(merged) == []


@given(st.text(alphabet=st.sampled_from(list("ab .") + ["😀", "𝔘", "é", "\n"]), max_size=60))
def test_offset_map_round_trips(text):
    offsets = OffsetMap(text)
    for i in range(len(text) + 1):
        js = offsets.to_js(i)
        assert js == to_js(text, i) and offsets.to_py(js) == i
    assert offsets.length == len(text)


def test_offset_map_by_hand():
    # "\uffff" is the last BMP character (one unit); 𐀀 (U+10000) is the first astral one (two).
    text = "a\uffff𐀀b😀"
    offsets = OffsetMap(text)
    assert [offsets.to_js(i) for i in range(6)] == [0, 1, 2, 4, 5, 7]
    assert [to_js(text, i) for i in range(6)] == [0, 1, 2, 4, 5, 7]
    assert isinstance(to_js(text, 3), int)
    assert [offsets.to_py(j) for j in range(8)] == [0, 1, 2, None, 3, 4, None, 5]


POSITION = st.one_of(st.integers(-3, 60), st.text(max_size=2), st.none())
VALUE = st.fixed_dictionaries({}, optional={
    "start": POSITION, "end": POSITION, "text": st.text(max_size=8),
    "labels": st.lists(st.sampled_from(["CLAIM", "SOURCE", "CUE", "CONTENT", "FIGURE", "BOGUS"]), max_size=2),
    "choices": st.lists(st.sampled_from(["yes", "no", "count", "exact", "direct", "bogus"]), max_size=2),
    "number": st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=3), st.none()),
})
ITEM = st.fixed_dictionaries({
    "id": st.sampled_from(["a", "b", "c"]),
    "type": st.sampled_from(["labels", "relation", "choices", "number", "textarea", "junk"]),
    "from_name": st.sampled_from(["label", "context_label", "figure_value", "figure_unit", "figure_kind", "figure_approx", "checkworthy", "comment", "other"]),
}, optional={"value": st.one_of(VALUE, st.text(max_size=3)), "from_id": st.sampled_from(["a", "b", "z"]), "to_id": st.sampled_from(["a", "b", "z"]),
             "labels": st.lists(st.sampled_from(["direct", "indirect", "weird"]), max_size=2)})


@given(st.one_of(st.lists(ITEM, max_size=8), st.text(max_size=3), st.none()))
def test_random_results_never_crash_and_never_give_invalid_records(result):
    outcome = convert_task({"id": 1, "data": DATA, "annotations": [{"id": 2, "completed_by": 3, "result": result}]}, 1, "key")
    for record in outcome.records:
        assert record_errors(record) == [], record
