"""Batches prepared for push: the worker process sends what this process would, refuses what
does not fit the labeling config, and says so when it dies."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from corpus import read_records, split
from corpus.errors import CorpusError, PredictionError
from corpus.studio import labelconfig, prepare
from corpus.studio.prepare import LocalPreparer, WorkerPreparer
from corpus.studio.tasks import BATCH_FIELD
from tests.conftest import EXAMPLES

CONFIG = labelconfig.generate()
ROLES = {"title", "body", "caption_title", "caption"}


@pytest.fixture(scope="module")
def sentences(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("prepare")
    split([EXAMPLES], out, jobs=1)
    return out / "sentences.jsonl"


def pushed(path: Path) -> list[dict]:
    return [s for s in read_records(path, record_type="sentence") if s["role"] in ROLES]


def in_worker(sentences: Path, asked: list[tuple[str, list[dict]]], ahead=None) -> list[prepare.PreparedBatch]:
    worker = WorkerPreparer(CONFIG, sentences, ahead=ahead)
    try:
        return [worker.prepare(batch, chosen) for batch, chosen in asked]
    finally:
        worker.close()


def test_worker_prepares_the_same_requests_as_this_process(sentences):
    chosen = pushed(sentences)
    asked = [("first", chosen[:6]), ("second", chosen[6:9])]
    here = LocalPreparer(CONFIG, sentences)
    expected = [here.prepare(batch, s) for batch, s in asked]
    assert in_worker(sentences, asked) == expected
    # Prepared before it was asked for (a new project): the same, also when what is asked
    # differs from what was guessed (a sentence already in the project is left out).
    assert in_worker(sentences, asked, ahead=(ROLES, 6)) == expected
    shifted = [("first", chosen[1:7])]
    assert in_worker(sentences, shifted, ahead=(ROLES, 6)) == [here.prepare("first", chosen[1:7])]
    tasks = json.loads(expected[0].body)
    assert [t["data"]["sentence_id"] for t in tasks] == [s["id"] for s in chosen[:6]] == expected[0].sentence_ids
    assert {t["data"][BATCH_FIELD] for t in tasks} == {"first"}
    assert any(t["predictions"] for t in tasks)  # the rules' pre-annotations go with them


def break_pre_annotations(monkeypatch, from_name: str, field: str) -> None:
    """Push's rules then give every region of ``from_name`` the value BOGUS in ``field``; set
    before a worker is forked, the worker has it too."""
    rules = prepare.task_for

    def broken(sentence, document, batch, *order):
        task = rules(sentence, document, batch, *order)
        for prediction in task["predictions"]:
            for region in prediction["result"]:
                if region.get("from_name") == from_name:
                    region["value"][field] = ["BOGUS"]
        return task

    monkeypatch.setattr(prepare, "task_for", broken)


def test_a_pre_annotation_that_does_not_fit_is_refused_in_either_process(sentences, monkeypatch):
    chosen = pushed(sentences)
    rules = prepare.task_for
    break_pre_annotations(monkeypatch, "label", "labels")
    victim = next(
        s
        for s in chosen
        if any(r["from_name"] == "label" for p in rules(s, None, "")["predictions"] for r in p["result"])
    )
    asked = [("b", chosen[: chosen.index(victim) + 1])]
    for attempt in (lambda: [LocalPreparer(CONFIG, sentences).prepare(*asked[0])], lambda: in_worker(sentences, asked)):
        with pytest.raises(PredictionError) as caught:
            attempt()
        assert victim["id"] in str(caught.value) and "BOGUS" in str(caught.value)


def test_a_worker_that_dies_is_an_error_not_a_hang(sentences):
    worker = WorkerPreparer(CONFIG, sentences)
    try:
        (child,) = [p for p in multiprocessing.active_children() if p.name == "corpus-push-prepare"]
        os.kill(child.pid, signal.SIGKILL)
        with pytest.raises(CorpusError, match="ended unexpectedly.*run the push again"):
            worker.prepare("b", pushed(sentences)[:2])
    finally:
        worker.close()
