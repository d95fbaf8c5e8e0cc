"""The rules' predictions as push, publish and ``corpus evaluate`` make them (with the document's
title), and those push made, kept in the workspace for the card's baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus import read_records, write_records
from corpus.cli import cli
from corpus.labels.merge import merge_sentence
from corpus.studio import labelconfig
from corpus.studio.convert import convert_task
from corpus.studio.prepare import WorkerPreparer
from corpus.studio.rule_predictions import PushedPredictions, rule_prediction, titled
from corpus.studio.tasks import article_before, document_metadata, predictions_for, task_for
from corpus.workspace import Workspace, code_digest
from tests.test_evaluate import at, card_rows, evaluate_json, headline

# Written for this test (CC0). Its "$" is three paragraphs from the title, out of the context shown
# with the sentence: only the title tells the rules whose dollar it is.
ARTICLE = """Australia raises spending on rural schools

The federal government will pay for new classrooms in rural schools, the education minister said on Monday.

Teachers welcomed the decision. They said many schools had waited years for repairs.

The plan will cost $5 million a year, according to the ministry.
"""
UNIT = ("figures", "fields", "unit", "accuracy")


def sentences_and_documents(data: Path) -> tuple[list[dict], dict[str, dict]]:
    return list(read_records(data / "sentences.jsonl", record_type="sentence")), document_metadata(
        data / "sentences.jsonl"
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The article split, and two annotators who accepted every pre-annotation push sent them."""
    (tmp_path / "rural-schools.txt").write_text(ARTICLE, encoding="utf-8")
    data = tmp_path / "data"
    split = CliRunner().invoke(cli, ["split", str(tmp_path / "rural-schools.txt"), "-o", str(data)])
    assert split.exit_code == 0, split.output
    sentences, documents = sentences_and_documents(data)
    annotations, merged = [], []
    for n, sentence in enumerate(sentences):
        task = task_for(sentence, documents[sentence["doc_id"]], "")
        task["id"], task["data"]["sentence_id"] = n + 1, sentence["id"]
        result = task["predictions"][0]["result"]
        task["annotations"] = [{"id": 10 * n + u, "completed_by": u, "result": result} for u in (1, 2)]
        records = convert_task(task, 1, "rural").records
        annotations += records
        merged.append(merge_sentence(records))
    write_records(data / "annotations.jsonl", annotations)
    write_records(data / "merged.jsonl", merged)
    return data


def publish(data: Path, folder: Path, workspace: Path) -> str:
    """The card of a release whose split is all test."""
    result = CliRunner().invoke(
        cli,
        ["publish", "--version", "1.0.0", "--data", str(data), "-o", str(folder), "-w", str(workspace)]
        + ["--splits", "test=1"],
    )
    assert result.exit_code == 0, result.output
    return (folder / "README.md").read_text(encoding="utf-8")


def test_the_rules_baseline_reads_a_sentence_with_its_title_as_push_sent_it(data, tmp_path):
    sentences, documents = sentences_and_documents(data)
    dollar = next(s for s in sentences if "$" in s["text"])
    assert "Australia" not in dollar["context_before"]
    with_title = rule_prediction(titled(dollar, documents[dollar["doc_id"]]))
    assert [f["unit"] for f in with_title["figures"]] == ["AUD"]
    assert [f["unit"] for f in rule_prediction(titled(dollar, None))["figures"]] == ["USD"]

    # The annotators kept push's AUD: the card and `corpus evaluate`, who both read the title (the
    # latter from the release's documents config), score the rules' unit right.
    card = publish(data, tmp_path / "dataset", tmp_path / "workspace")
    scored = evaluate_json("--baseline", "rules", "--dataset", str(tmp_path / "dataset"))
    assert at(scored["scores"], UNIT) == 1.0
    assert card_rows(card)["rule pre-annotator"] == headline(scored)


def test_push_keeps_its_predictions_and_the_first_release_reads_them(data, tmp_path, monkeypatch):
    """What push's worker prepares is kept (``WorkerPreparer`` with a workspace, as push starts it;
    a push to a real Label Studio keeps them in tests/test_push.py); the release after it runs no
    rule, and its card is the one a workspace with nothing kept gives."""
    from corpus.dataset import kept_predictions

    sentences, documents = sentences_and_documents(data)
    workspace = tmp_path / "workspace"
    worker = WorkerPreparer(labelconfig.generate(), data / "sentences.jsonl", workspace=Workspace(workspace))
    try:
        worker.prepare("only", sentences)
    finally:
        worker.close()
    pushed = PushedPredictions(workspace)
    for sentence in sentences:
        row = titled(sentence, documents[sentence["doc_id"]])
        assert pushed.get(row) == rule_prediction(row)
    pushed.close()

    made: list[str] = []
    real = kept_predictions.rule_prediction
    monkeypatch.setattr(kept_predictions, "rule_prediction", lambda row: made.append(row["id"]) or real(row))
    card = publish(data, tmp_path / "after-push", workspace)
    assert made == []
    assert publish(data, tmp_path / "nothing-kept", tmp_path / "elsewhere") == card
    assert len(made) == len(sentences)

    # A new title is new input to the rules: every sentence of its document is predicted again.
    document = json.loads((data / "documents.jsonl").read_text(encoding="utf-8"))
    document["title"] = "Rural schools get new classrooms"
    (data / "documents.jsonl").write_text(json.dumps(document) + "\n", encoding="utf-8")
    made.clear()
    publish(data, tmp_path / "retitled", workspace)
    assert len(made) == len(sentences)


def test_a_workspace_keeps_this_codes_predictions_only_and_an_unreadable_file_is_none(tmp_path):
    sentence = {
        "id": "s1",
        "doc_id": "d1",
        "text": "It cost $5 million.",
        "start": 0,
        "role": "body",
        "context_before": "",
    }
    document = {"title": "Australia spends more"}
    row = titled(sentence, document)
    folder = Workspace(tmp_path).path("rules")
    folder.mkdir(parents=True)
    (folder / "0ther-code.sqlite").write_bytes(b"another version's")
    kept = PushedPredictions(tmp_path)
    sent = predictions_for(sentence["text"], "", "body", article_before=article_before(sentence, document))
    kept.keep([(sentence, document, sent)])
    kept.close()
    assert sorted(p.name for p in folder.iterdir()) == [f"{code_digest()}.sqlite"]
    assert PushedPredictions(tmp_path).get(row) == rule_prediction(row)
    assert PushedPredictions(tmp_path).get({**row, "title": "Canada spends more"}) is None

    (folder / f"{code_digest()}.sqlite").write_bytes(b"not a database")
    assert PushedPredictions(tmp_path).get(row) is None
