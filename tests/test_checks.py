"""Pre-annotations checked against the generated labeling config before push sends them."""

from __future__ import annotations

import copy

import pytest

from corpus import check_predictions, read_records, split, task_for
from corpus.errors import PredictionError
from corpus.studio import labelconfig
from corpus.studio.checks import PredictionChecker
from tests.conftest import EXAMPLES

CONFIG = labelconfig.generate()


@pytest.fixture(scope="module")
def tasks(tmp_path_factory):
    out = tmp_path_factory.mktemp("checks")
    split([EXAMPLES], out, jobs=1)
    return [task_for(s, None, "b") for s in read_records(out / "sentences.jsonl", record_type="sentence")]


def figure_task(tasks):
    return copy.deepcopy(
        next(t for t in tasks if any(r["from_name"] == "figure_value" for p in t["predictions"] for r in p["result"]))
    )


def first(task, **where):
    return next(r for r in task["predictions"][0]["result"] if all(r.get(k) == v for k, v in where.items()))


def refusal(task) -> str:
    with pytest.raises(PredictionError) as caught:
        check_predictions(CONFIG, task["predictions"], task["data"])
    return str(caught.value)


def test_generated_config_and_real_predictions_pass(tasks):
    assert sum(len(t["predictions"]) for t in tasks) > 10
    PredictionChecker(CONFIG).check_tasks(tasks)


def test_unknown_label_is_refused_naming_the_region(tasks):
    task = figure_task(tasks)
    first(task, from_name="label")["value"]["labels"] = ["BOGUS"]
    message = refusal(task)
    assert "region 'fig0' (label)" in message and "BOGUS" in message and task["data"]["sentence_id"] in message


def test_wrong_from_name_is_refused(tasks):
    task = figure_task(tasks)
    first(task, from_name="figure_kind")["from_name"] = "figure_kinds"
    assert "'figure_kinds' not found in configuration" in refusal(task)


def test_wrong_region_type_is_refused(tasks):
    task = figure_task(tasks)
    first(task, from_name="label")["type"] = "choices"
    assert "Type 'choices' does not match expected type 'labels'" in refusal(task)


def test_what_label_interface_misses_is_refused_too(tasks):
    task = figure_task(tasks)
    first(task, from_name="label")["value"]["labels"] = []
    assert "empty labels" in refusal(task)

    task = figure_task(tasks)
    region = first(task, from_name="label")
    length = len(task["data"]["text"])
    region["value"]["start"], region["value"]["end"] = length, length + 3
    assert "past the end of the text" in refusal(task)

    task = figure_task(tasks)
    first(task, from_name="label")["value"]["start"] += 1
    assert "do not hold" in refusal(task)
