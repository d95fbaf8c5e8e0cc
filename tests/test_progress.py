"""How far the annotation is (labels/progress.py): counted per annotator, not per submission (no server)."""

from __future__ import annotations

import pickle
import random

import orjson
import pytest

from corpus.labels.agreement import agreement, reading
from corpus.labels.progress import Progress, TaskTally, tally
from tests.test_agreement import generated_records, same_summary
from tests.test_convert import labels
from tests.test_merge import TEXT, annotations, checkworthy


def test_a_task_with_two_submissions_of_one_account_is_not_done_at_overlap_two():
    a = [labels("f", "label", TEXT, "5%", "FIGURE"), checkworthy("CFS")]
    twice = annotations(a, a)
    twice[1]["annotator"] = twice[0]["annotator"]
    progress = Progress(total_tasks=2, overlap=2)
    progress.add(1, TEXT, twice)
    progress.add(2, TEXT, annotations(a, a))  # two people
    tasks = progress.summary()["tasks"]
    assert (tasks["done"], tasks["remaining"], tasks["repeated"]) == (1, 1, 1)


@pytest.mark.parametrize("sentences", [2, 6, 40])
def test_progress_from_tallies_kept_as_json_gives_the_figures_of_every_reading(sentences):
    """A status keeps each task's tally as JSON and adds the kept ones to the changed ones: the
    summary is the one of the records themselves, and its agreement that of every reading (each
    sentence a task); the sums it keeps give that summary back."""
    rng = random.Random(sentences)
    for trial in range(150):
        by_sentence: dict[str, list[dict]] = {}
        for record in generated_records(rng, sentences, rng.randrange(0, 25)):
            by_sentence.setdefault(record["sentence_id"], []).append(record)
        live = Progress(total_tasks=len(by_sentence) + 1, overlap=2, task_link="t/{task}")
        kept = Progress(total_tasks=len(by_sentence) + 1, overlap=2, task_link="t/{task}")
        for task, records in enumerate(by_sentence.values()):
            live.add(task, f"text {task}", records, skipped=task % 2)
            stored = orjson.loads(orjson.dumps(tally(task, f"text {task}", records, skipped=task % 2).to_json()))
            kept.add_tally(TaskTally.of_json(stored))
        readings = [reading(r) for records in by_sentence.values() for r in records]
        assert same_summary(live.agreement(), agreement(readings)), trial
        assert kept.summary(None) == live.summary(None), trial
        # The sums a look keeps for the next one (when nothing changed) say the same again.
        again = Progress(total_tasks=len(by_sentence) + 1, overlap=2, task_link="t/{task}")
        again.add_sums(pickle.loads(pickle.dumps(kept.sums())))
        assert again.summary(None) == live.summary(None), trial
