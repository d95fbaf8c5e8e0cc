"""How far the annotation is (labels/progress.py): counted per annotator, not per submission (no server)."""

from __future__ import annotations

from corpus.labels.progress import Progress
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
