"""Predictions follow the pre-annotator: a push after a rules change refreshes the tasks nobody
annotated and keeps the predictions of annotated ones (real Label Studio)."""

from __future__ import annotations

import pytest

import corpus
from corpus import defaults
from corpus.studio import tasks as studio_tasks
from corpus.studio.rule_predictions import PushedPredictions, rule_prediction, titled
from corpus.studio.tasks import document_metadata
from tests.conftest import EXAMPLES
from tests.test_push import all_tasks, project_id, split

pytestmark = pytest.mark.studio


def test_a_push_after_a_rules_change_refreshes_unannotated_tasks_only(ls_env, tmp_path, monkeypatch):
    shipped = defaults.MODEL_VERSION
    sentences = split(tmp_path, EXAMPLES / "harbour-bridge.txt")
    first = corpus.push(sentences, project="predict-refresh", workspace=tmp_path)
    assert first.predictions is None  # a new project: its tasks came with the current version
    with ls_env.client() as client:
        tasks = all_tasks(client, project_id(tmp_path, "predict-refresh"))
        annotated = tasks[0]
        result = [{"id": "cw", "from_name": "checkworthy", "to_name": "sentence", "type": "choices",
                   "value": {"choices": [corpus.label_set().checkworthy_names[0]]}}]  # fmt: skip
        client.request("POST", f"/api/tasks/{annotated['id']}/annotations/", json={"result": result})

    # The rules improve: a new version, whose predictions differ (one extra region, to be seen).
    new_version = "corpus-rules-test-next"
    real = studio_tasks.predictions_for

    def improved(text, context_before="", role="body", *order):
        found = real(text, context_before, role, *order)
        for prediction in found:
            prediction["model_version"] = new_version
        return found

    monkeypatch.setattr(defaults, "MODEL_VERSION", new_version)
    monkeypatch.setattr(studio_tasks, "MODEL_VERSION", new_version)
    monkeypatch.setattr(studio_tasks, "predictions_for", improved)
    monkeypatch.setattr("corpus.studio.predict.predictions_for", improved)
    PushedPredictions(tmp_path).path.unlink()  # (what the first push kept: the refresh keeps its own)
    again = corpus.push(sentences, project="predict-refresh", workspace=tmp_path)
    assert again.imported == 0 and again.predictions is not None
    assert (again.predictions.refreshed, again.predictions.kept) == (len(tasks) - 1, 1)
    assert again.predictions.old_version == shipped

    with ls_env.client() as client:
        pid = project_id(tmp_path, "predict-refresh")
        versions: dict[int, set[str]] = {}
        for prediction in client.predictions(pid):
            versions.setdefault(prediction["task"], set()).add(prediction["model_version"])
        assert client.project(pid, ["model_version"])["model_version"] == new_version
    assert versions[annotated["id"]] == {shipped}  # the annotated task keeps what it had
    assert all(versions[t["id"]] == {new_version} for t in tasks if t["id"] != annotated["id"])
    # The refreshed predictions are kept for the card's baseline, as push keeps those it sends.
    kept, documents = PushedPredictions(tmp_path), document_metadata(sentences)
    records = {s["id"]: s for s in corpus.read_records(sentences, record_type="sentence")}
    for task in tasks:
        sentence = records[task["data"]["sentence_id"]]
        row = titled(sentence, documents[sentence["doc_id"]])
        assert kept.get(row) == (None if task is annotated else rule_prediction(row))
    kept.close()
    # Nothing more to do: the next push refreshes nothing.
    assert corpus.push(sentences, project="predict-refresh", workspace=tmp_path).predictions is None


def test_a_queue_ordered_by_checkworthiness_serves_the_likeliest_check_worthy_unit_first(ls_env, tmp_path):
    sentences = split(tmp_path, EXAMPLES / "harbour-bridge.txt", EXAMPLES / "river-survey.txt")
    pushed = corpus.push(sentences, project="queue-order", queue="checkworthy", workspace=tmp_path)
    with ls_env.client() as client:
        pid = project_id(tmp_path, "queue-order")
        assert client.project(pid, ["sampling"])["sampling"] == "Uncertainty sampling"
        scores = {p["task"]: p["score"] for p in client.predictions(pid)}
        first = client.request("GET", f"/api/projects/{pid}/next/")
    # Label Studio serves the lowest score first: one minus the chance of being check-worthy.
    assert scores[first["id"]] == min(scores.values()) < 0.5
    judged = corpus.label_set().checkworthy_label("checkworthy")
    assert next(r for r in first["predictions"][0]["result"] if r["from_name"] == "checkworthy")["value"] == {
        "choices": [judged]
    }
    # Back to document order: the scores follow, the unannotated tasks are re-scored, not re-imported.
    again = corpus.push(sentences, project="queue-order", queue="document", workspace=tmp_path)
    assert again.imported == 0 and again.predictions.refreshed == pushed.imported
    with ls_env.client() as client:
        assert client.project(pid, ["sampling"])["sampling"] == "Sequential sampling"
