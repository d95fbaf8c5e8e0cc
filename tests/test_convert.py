"""Conversion of Label Studio results and the merge, on plain data."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corpus.labels.merge import merge_sentence
from corpus.schema import record_errors
from corpus.studio.convert import convert_task, pseudonym

DATA = {
    "text": "Sales rose 5% 🚀 in May, she said.",
    "sentence_id": "d1-0003",
    "doc_id": "d1",
    "start": 100,
    "context_before": "Ms Lee 🙂 spoke. ",
    "context_start": 80,
}


def labels(region, name, text, piece, label):
    start = text.index(piece)
    return {
        "id": region,
        "from_name": name,
        "to_name": "x",
        "type": "labels",
        "value": {"start": start, "end": start + len(piece), "text": piece, "labels": [label]},
    }


def test_cancelled_annotations_and_predictions_are_not_labels():
    task = {
        "id": 7,
        "data": DATA,
        "predictions": [1, 2],
        "drafts": [{"id": 1}],
        "annotations": [{"id": 3, "completed_by": 5, "was_cancelled": True, "result": []}],
    }
    outcome = convert_task(task, 1, "key")
    assert outcome.records == [] and outcome.skipped == 1 and outcome.predictions == 2 and outcome.drafts == 1


def test_spans_after_emoji_get_code_point_offsets_and_document_offsets():
    result = [
        labels("a", "label", DATA["text"], "in May", "FIGURE"),
        labels("b", "context_label", DATA["context_before"], "Ms Lee", "SOURCE"),
    ]
    outcome = convert_task(
        {"id": 7, "data": DATA, "annotations": [{"id": 3, "completed_by": 5, "result": result}]}, 1, "key"
    )
    (record,) = outcome.records
    assert record_errors(record) == [] and outcome.problems == []
    figure, source = sorted(record["spans"], key=lambda s: s["label"])
    assert DATA["text"][figure["start"] : figure["end"]] == "in May" and figure["doc_start"] == 100 + DATA[
        "text"
    ].index("in May")
    assert (figure["start"], figure["end"]) == (16, 22)  # after 🚀: code points, counted by hand
    assert source["in_context"] and source["doc_start"] == 80


def test_pseudonyms_are_stable_per_project_and_differ_between_projects():
    assert pseudonym("k1", 5) == pseudonym("k1", 5) != pseudonym("k2", 5)
    assert pseudonym("k1", 5) != pseudonym("k1", 6)


def test_merge_of_one_annotation_is_that_annotation():
    result = [labels("a", "label", DATA["text"], "5%", "FIGURE")]
    (record,) = convert_task(
        {"id": 7, "data": DATA, "annotations": [{"id": 3, "completed_by": 5, "result": result}]}, 1, "key"
    ).records
    merged = merge_sentence([record])
    assert merged["method"] == "single" and [s["text"] for s in merged["spans"]] == ["5%"]
    assert set(merged["agreement"].values()) == {None} and record_errors(merged) == []


POSITION = st.one_of(st.integers(-3, 60), st.text(max_size=2), st.none())
VALUE = st.fixed_dictionaries(
    {},
    optional={
        "start": POSITION,
        "end": POSITION,
        "text": st.text(max_size=8),
        "labels": st.lists(st.sampled_from(["CLAIM", "SOURCE", "CUE", "CONTENT", "FIGURE", "BOGUS"]), max_size=2),
        "choices": st.lists(st.sampled_from(["CFS", "yes", "count", "exact", "direct", "bogus"]), max_size=2),
        "number": st.one_of(
            st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=3), st.none()
        ),
    },
)
ITEM = st.fixed_dictionaries(
    {
        "id": st.sampled_from(["a", "b", "c"]),
        "type": st.sampled_from(["labels", "relation", "choices", "number", "textarea", "junk"]),
        "from_name": st.sampled_from(
            [
                "label",
                "context_label",
                "figure_value",
                "figure_unit",
                "figure_kind",
                "figure_approx",
                "checkworthy",
                "comment",
                "other",
            ]
        ),
    },
    optional={
        "value": st.one_of(VALUE, st.text(max_size=3)),
        "from_id": st.sampled_from(["a", "b", "z"]),
        "to_id": st.sampled_from(["a", "b", "z"]),
        "labels": st.lists(st.sampled_from(["direct", "indirect", "weird"]), max_size=2),
    },
)


@given(st.one_of(st.lists(ITEM, max_size=8), st.text(max_size=3), st.none()))
def test_random_results_never_crash_and_never_give_invalid_records(result):
    outcome = convert_task(
        {"id": 1, "data": DATA, "annotations": [{"id": 2, "completed_by": 3, "result": result}]}, 1, "key"
    )
    for record in outcome.records:
        assert record_errors(record) == [], record


def convert_one(result, data=DATA, completed_by=5):
    return convert_task(
        {"id": 7, "data": data, "annotations": [{"id": 3, "completed_by": completed_by, "result": result}]}, 1, "key"
    )


def test_figure_fields_comment_and_checkworthy_are_read():
    figure = labels("f", "label", DATA["text"], "5%", "FIGURE")
    result = [
        figure,
        {"id": "f", "from_name": "figure_value", "to_name": "sentence", "type": "number", "value": {"number": 5.5}},
        {
            "id": "f",
            "from_name": "figure_unit",
            "to_name": "sentence",
            "type": "textarea",
            "value": {"text": ["per", "cent"]},
        },
        {
            "id": "f",
            "from_name": "figure_kind",
            "to_name": "sentence",
            "type": "choices",
            "value": {"choices": ["percent"]},
        },
        {
            "id": "f",
            "from_name": "figure_approx",
            "to_name": "sentence",
            "type": "choices",
            "value": {"choices": ["exact"]},
        },
        {"id": "n", "from_name": "comment", "to_name": "sentence", "type": "textarea", "value": {"text": "unsure"}},
        {
            "id": "c",
            "from_name": "checkworthy",
            "to_name": "sentence",
            "type": "choices",
            "value": {"choices": ["NFS"]},
        },
    ]
    outcome = convert_one(result, completed_by={"id": 5, "email": "x@example.org"})
    assert outcome.problems == []
    (record,) = outcome.records
    assert record["figures"] == [
        {
            "span": "f",
            "text": "5%",
            "value": 5.5,
            "upper": None,
            "unit": "per\ncent",
            "kind": "percent",
            "approx": "exact",
        }
    ]
    assert record["comment"] == "unsure" and record["checkworthy"] == "NFS"
    assert record["annotator"] == pseudonym("key", 5) and record_errors(record) == []


def test_document_offsets_default_to_zero_without_start():
    data = {k: v for k, v in DATA.items() if k not in ("start", "context_start")}
    result = [
        labels("a", "label", DATA["text"], "in May", "FIGURE"),
        labels("b", "context_label", DATA["context_before"], "Ms Lee", "SOURCE"),
    ]
    (record,) = convert_one(result, data=data).records
    assert sorted((s["doc_start"], s["doc_end"]) for s in record["spans"]) == [(0, 6), (16, 22)]


def test_each_broken_result_is_reported_with_task_annotation_and_region():
    text = DATA["text"]
    good = labels("ok", "label", text, "5%", "FIGURE")
    broken = [
        "not an object",
        {"id": "v", "from_name": "label", "type": "labels", "value": "not an object"},
        {"id": "n", "from_name": "label", "type": "labels", "value": {"start": 0, "end": 5, "text": "Sales"}},
        good,
        dict(good),
        {"id": "i", "from_name": "label", "type": "labels", "value": {"start": "0", "end": 5, "labels": ["CLAIM"]}},
        {"id": "b", "from_name": "label", "type": "labels", "value": {"start": True, "end": 5, "labels": ["CLAIM"]}},
        {"id": "e", "from_name": "label", "type": "labels", "value": {"start": 5, "end": 5, "labels": ["CLAIM"]}},
        {
            "id": "o",
            "from_name": "label",
            "type": "labels",
            "value": {"start": 0, "end": len(text) + 1, "labels": ["CLAIM"]},
        },
        {
            "id": "t",
            "from_name": "label",
            "type": "labels",
            "value": {"start": 0, "end": 5, "text": "Sails", "labels": ["CLAIM"]},
        },
        {
            "id": "x",
            "from_name": "context_label",
            "type": "labels",
            "value": {"start": 0, "end": 2, "labels": ["CLAIM"]},
        },
        {"id": "ok", "from_name": "figure_value", "type": "number", "value": {"number": "5"}},
        {"id": "ok", "from_name": "figure_value", "type": "number", "value": {"number": True}},
        {"id": "ok", "from_name": "figure_kind", "type": "choices", "value": {"choices": ["percent", "count"]}},
        {"id": "ok", "from_name": "figure_unit", "type": "textarea", "value": {"text": [1]}},
        {"id": "zz", "from_name": "figure_unit", "type": "textarea", "value": {"text": "EUR"}},
    ]
    outcome = convert_one(broken)
    messages = [str(p) for p in outcome.problems]
    assert all(p.task == 7 and p.annotation == 3 for p in outcome.problems)
    assert messages == [
        "task 7, annotation 3: result item is not an object",
        "task 7, annotation 3: region v: value is not an object",
        "task 7, annotation 3: region n (label): region has no label",
        "task 7, annotation 3: region ok (label): two regions share this id",
        "task 7, annotation 3: region i (label): region has no integer start/end offsets",
        "task 7, annotation 3: region b (label): region has no integer start/end offsets",
        "task 7, annotation 3: region e (label): offsets 5-5 fall outside the text or are empty",
        f"task 7, annotation 3: region o (label): offsets 0-{len(text) + 1} fall outside the text or are empty",
        "task 7, annotation 3: region t (label): span text 'Sails' does not match the text at 0-5 ('Sales')",
        "task 7, annotation 3: region x (context_label): labels ['CLAIM'] is not one of SOURCE",
        "task 7, annotation 3: region ok (figure_value): figure value '5' is not a number",
        "task 7, annotation 3: region ok (figure_value): figure value True is not a number",
        "task 7, annotation 3: region ok (figure_kind): choices ['percent', 'count'] is not one of count, percent, money, date, time, duration, measure, ordinal, range, other",
        "task 7, annotation 3: region ok (figure_unit): text [1] is not a list of strings",
        "task 7, annotation 3: figure fields for region zz, which is not a FIGURE span",
    ]
    (record,) = outcome.records
    assert [s["text"] for s in record["spans"]] == ["5%"]
    not_a_list = convert_one({"oops": 1})
    assert [str(p) for p in not_a_list.problems] == [
        "task 7, annotation 3: result is not a list"
    ] and not_a_list.records == []


def test_an_annotators_pseudonym_is_the_same_in_every_process_and_holds_no_email():
    import subprocess
    import sys

    code = "from corpus.studio.convert import pseudonym; print(pseudonym('project-key', 'ana@example.org'))"
    names = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={"PYTHONHASHSEED": seed}
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(names) == 1 and names.pop().startswith("ann-")
    from corpus.studio.convert import pseudonym

    assert "ana" not in pseudonym("project-key", "ana@example.org")
