"""``corpus push`` against the real Label Studio of the test session."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import corpus
from corpus.cli import cli
from corpus.errors import PredictionError
from corpus.studio.client import Client, Connection
from corpus.studio.prepare import batches, first_batch_size, prepared_ahead
from corpus.studio.project import ensure_project
from corpus.studio.push import journal_for, push_sentences
from corpus.studio.rule_predictions import PushedPredictions, rule_prediction, titled
from corpus.studio.tasks import document_metadata
from corpus.workspace import Workspace
from tests.conftest import EXAMPLES
from tests.faulty_proxy import FaultyProxy
from tests.test_prepare import break_pre_annotations


def run(*args: str, expect: int = 0) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == expect, result.output
    return result.output


def split(tmp_path: Path, *sources: Path, name: str = "data") -> Path:
    run("split", *map(str, sources), "-o", str(tmp_path / name))
    return tmp_path / name / "sentences.jsonl"


def all_tasks(client: Client, project_id: int) -> list[dict]:
    tasks, page = [], 1
    while True:
        data = client.request(
            "GET", "/api/tasks/", params={"project": project_id, "page": page, "page_size": 500, "fields": "all"}
        )
        tasks.extend(data["tasks"])
        if len(tasks) >= data["total"] or not data["tasks"]:
            return tasks
        page += 1


def project_id(workspace: Path, name: str) -> int:
    return Workspace(workspace).state["projects"][name]["id"]


def sentence_ids(path: Path, roles=("title", "body", "caption_title", "caption")) -> list[str]:
    return [r["id"] for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r["role"] in roles]


def batch_sizes(total: int, batch_size: int) -> list[int]:
    """The sizes of the import requests a push of ``total`` new sentences makes (the first is smaller)."""
    return [len(b) for b in batches(range(total), batch_size, first=first_batch_size(batch_size))]


def write_articles(folder: Path, count: int) -> Path:
    """count distinct news-like articles, each with quotes, figures and a caption."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"article-{n:04d}.txt").write_text(
            f"Council {n} approves plan number {n}\n\n"
            f"Workers repair road {n}\nWorkers repair road {n} in Town {n}, May {1 + n % 28}, 2025. Photo: Example Desk\n\n"
            f"The council of Town {n} approved {n + 3} new bridges on Tuesday, its mayor said. "
            f"The plan costs about {n + 1}.5 million euros.\n\n"
            f'"We need this. We waited {n % 9 + 2} years," Mayor Lee {n} told reporters. More than {n * 10 + 100} people attended.\n',
            encoding="utf-8",
        )
    return folder


@pytest.mark.studio
def test_push_creates_one_task_per_sentence_with_predictions_and_is_idempotent(ls_env, tmp_path):
    sentences = split(tmp_path, EXAMPLES)
    ws = str(tmp_path)
    out = json.loads(run("push", str(sentences), "--project", "push-examples", "-w", ws, "--json"))
    expected = sentence_ids(sentences)
    assert out["created"] and out["imported"] == len(expected) and out["left_out_by_role"] == 2
    with ls_env.client() as client:
        pid = project_id(tmp_path, "push-examples")
        tasks = all_tasks(client, pid)
        assert sorted(t["data"]["sentence_id"] for t in tasks) == sorted(expected)
        by_text = {t["data"]["text"]: t for t in tasks}
        bridge = by_text["The vote was 9 to 4."]
        assert bridge["data"]["title"] == "City council approves repairs to the old harbour bridge"
        assert bridge["data"]["context_before"].strip().endswith("23,000 vehicles a day.")
        project = client.project(pid)
        assert project["total_predictions_number"] >= 20
        assert "CLAIM" in project["label_config"] and "Annotation guidelines" in project["expert_instruction"]
        prediction = client.request("GET", f"/api/tasks/{bridge['id']}/")["predictions"][0]
        figures = [
            r["value"]["text"]
            for r in prediction["result"]
            if r["from_name"] == "label" and r["value"]["labels"] == ["FIGURE"]
        ]
        assert figures == ["9", "4"] and prediction["model_version"].startswith("corpus-rules")
        values = {
            r["value"]["text"]: r["value"]["number"] for r in prediction["result"] if r["from_name"] == "figure_value"
        }
        assert values == {"9": 9, "4": 4}
    # What push sent is kept for the card's baseline: the release after it runs no rule on these.
    pushed = PushedPredictions(ws)
    documents = document_metadata(sentences)
    for sentence in corpus.read_records(sentences, record_type="sentence"):
        row = titled(sentence, documents[sentence["doc_id"]])
        assert pushed.get(row) == (rule_prediction(row) if sentence["id"] in expected else None)
    pushed.close()

    again = json.loads(run("push", str(sentences), "--project", "push-examples", "-w", ws, "--json"))
    assert not again["created"] and again["imported"] == 0 and again["already_there"] == len(expected)
    with ls_env.client() as client:
        assert client.count_tasks(pid) == len(expected)

    # A longer file: only the new sentences are sent.
    more = write_articles(tmp_path / "more", 2)
    longer = split(tmp_path, EXAMPLES, more, name="longer")
    third = json.loads(run("push", str(longer), "--project", "push-examples", "-w", ws, "--json"))
    assert third["imported"] == len(sentence_ids(longer)) - len(expected)
    with ls_env.client() as client:
        ids = [t["data"]["sentence_id"] for t in all_tasks(client, pid)]
    assert sorted(ids) == sorted(sentence_ids(longer))


@pytest.mark.studio
def test_a_re_push_restores_settings_changed_in_label_studio_and_applies_a_new_overlap(ls_env, tmp_path):
    sentences = split(tmp_path, EXAMPLES / "wire-briefs.jsonl")
    ws = str(tmp_path)
    run("push", str(sentences), "--project", "push-settings", "-w", ws)
    pid = project_id(tmp_path, "push-settings")
    with ls_env.client() as client:
        client.update_project(pid, show_skip_button=False, expert_instruction="<p>edited</p>")
    run("push", str(sentences), "--project", "push-settings", "-w", ws, "--overlap", "2")
    with ls_env.client() as client:
        project = client.project(pid)
    assert project["maximum_annotations"] == 2 and project["show_skip_button"] is True
    assert "Annotation guidelines" in project["expert_instruction"]
    # A later push without --overlap (the README's "run it again after any change") keeps it.
    run("push", str(sentences), "--project", "push-settings", "-w", ws, "--queue", "checkworthy")
    with ls_env.client() as client:
        assert client.project(pid)["maximum_annotations"] == 2


@pytest.mark.studio
def test_a_re_push_of_an_unchanged_file_reports_what_a_full_reconciliation_reports(ls_env, tmp_path):
    sentences = split(tmp_path, EXAMPLES / "wire-briefs.jsonl")
    ws = str(tmp_path)
    lines = sentences.read_text(encoding="utf-8").splitlines()
    run("push", str(sentences), "--project", "push-unchanged", "-w", ws)
    sentences.write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")  # the first sentence is gone
    reconciled = json.loads(run("push", str(sentences), "--project", "push-unchanged", "-w", ws, "--json"))
    assert len(reconciled["stale"]) == 1
    again = json.loads(run("push", str(sentences), "--project", "push-unchanged", "-w", ws, "--json"))
    assert again == reconciled
    # Without the record of the last push, the file is read and compared again: the same answer.
    for last in (tmp_path / ".corpus" / "push").glob("*.last.json"):
        last.unlink()
    assert json.loads(run("push", str(sentences), "--project", "push-unchanged", "-w", ws, "--json")) == reconciled
    # Pruning changes the journal: the next push no longer reports the pruned sentence.
    pruned = json.loads(run("push", str(sentences), "--project", "push-unchanged", "-w", ws, "--prune", "--json"))
    assert len(pruned["pruned"]) == 1
    after = json.loads(run("push", str(sentences), "--project", "push-unchanged", "-w", ws, "--json"))
    assert after["stale"] == [] and after["already_there"] == reconciled["already_there"]
    # An edit of the file is seen, whatever the last push recorded.
    sentences.write_text("\n".join(lines) + "\n", encoding="utf-8")
    back = json.loads(run("push", str(sentences), "--project", "push-unchanged", "-w", ws, "--json"))
    assert back["imported"] == 1 and back["stale"] == []


def test_prepared_batches_arrive_in_order_and_an_error_after_the_batches_before_it():
    def produce():
        yield 1
        yield 2
        raise ValueError("line 5 is bad")

    received = []
    with pytest.raises(ValueError, match="line 5"):
        for item in prepared_ahead(produce()):
            received.append(item)
    assert received == [1, 2]

    produced = []

    def many():
        for n in range(100):
            produced.append(n)
            yield n

    for item in prepared_ahead(many()):
        if item == 3:
            break
    # The producer stops soon after the consumer does: at most the queue's depth and the item in hand.
    assert len(produced) <= 6


@pytest.mark.studio
def test_roles_option_pushes_credits_too(ls_env, tmp_path):
    sentences = split(tmp_path, EXAMPLES / "harbour-bridge.txt")
    out = json.loads(
        run(
            "push",
            str(sentences),
            "--project",
            "push-roles",
            "-w",
            str(tmp_path),
            "--roles",
            "title,body,caption_title,caption,credit",
            "--json",
        )
    )
    assert out["imported"] == len(
        sentence_ids(sentences, roles=("title", "body", "caption_title", "caption", "credit"))
    )
    assert out["left_out_by_role"] == 0


class LostAnswerClient(Client):
    """The real client, whose process 'dies' right after Label Studio has taken a batch: the
    request is carried out but the answer never reaches the journal."""

    def __init__(self, *args, die_after: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.die_after = die_after

    def import_body(self, project_id, body, *, retry=False):
        ids = super().import_body(project_id, body, retry=retry)
        self.die_after -= 1
        if self.die_after == 0:
            raise KeyboardInterrupt("connection lost after the import")
        return ids


@pytest.mark.studio
def test_batch_whose_answer_was_lost_is_not_sent_twice(label_studio, tmp_path):
    sentences = split(tmp_path, write_articles(tmp_path / "articles", 20))
    expected = sentence_ids(sentences)
    ws = Workspace(tmp_path)
    connection = Connection(label_studio.url, label_studio.api_key)
    with LostAnswerClient(connection, die_after=2) as client:
        project, created = ensure_project(ws, client, "push-lost-answer")
        with pytest.raises(KeyboardInterrupt):
            push_sentences(client, ws, project, created, sentences, batch_size=25)
    assert len(journal_for(ws, project).pending) == 1
    with Client(connection) as client:
        project, created = ensure_project(ws, client, "push-lost-answer")
        result = push_sentences(client, ws, project, created, sentences, batch_size=25)
        assert result.recovered_batches == 1
        ids = [t["data"]["sentence_id"] for t in all_tasks(client, project.id)]
    assert len(ids) == len(set(ids)) == len(expected)


@pytest.fixture(scope="module")
def personal_access_token(label_studio) -> str:
    """Label Studio gives a user one personal access token: the tests of this module share it."""
    with label_studio.client() as client:
        return client.request("POST", "/api/token/", json={})["token"]


@pytest.mark.studio
def test_personal_access_token_works(label_studio, personal_access_token, tmp_path, monkeypatch):
    token = personal_access_token
    monkeypatch.setenv("LABEL_STUDIO_URL", label_studio.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", token)
    sentences = split(tmp_path, EXAMPLES / "wire-briefs.jsonl")
    out = json.loads(run("push", str(sentences), "--project", "push-pat", "-w", str(tmp_path), "--json"))
    assert out["imported"] == 6
    assert token not in json.dumps(Workspace(tmp_path).state)


@pytest.mark.studio
def test_access_token_refused_before_its_expiry_is_exchanged_again(label_studio, personal_access_token):
    """Clock skew or a rotated server secret: the server refuses an access token that still
    looks valid; the client exchanges the personal access token once more and carries on."""
    import jwt

    with Client(Connection(label_studio.url, personal_access_token)) as client:
        projects = len(list(client.projects()))
        tokens = client.sdk._client_wrapper._tokens_client
        claims = jwt.decode(tokens._access_token, options={"verify_signature": False})
        tokens._access_token = jwt.encode({**claims, "exp": int(time.time()) + 3600}, "x" * 32, algorithm="HS256")
        assert len(list(client.projects())) == projects


@pytest.mark.studio
def test_wrong_token_and_wrong_url_get_one_line_explanations(label_studio, tmp_path, monkeypatch):
    sentences = split(tmp_path, EXAMPLES / "wire-briefs.jsonl")
    monkeypatch.setenv("LABEL_STUDIO_URL", label_studio.url)
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "not-a-valid-token")
    output = run("push", str(sentences), "--project", "push-wrong", "-w", str(tmp_path), expect=1)
    assert "rejected the API key" in output and "Traceback" not in output and "not-a-valid-token" not in output
    monkeypatch.setenv("LABEL_STUDIO_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", label_studio.api_key)
    monkeypatch.setenv("CORPUS_MAX_RETRY_SECONDS", "2")
    output = run("push", str(sentences), "--project", "push-wrong", "-w", str(tmp_path), expect=1)
    assert "cannot reach Label Studio at http://127.0.0.1:9" in output and len(output.strip().splitlines()) == 1


@pytest.mark.studio
def test_deleted_project_and_hand_edited_config_are_explained(ls_env, tmp_path):
    sentences = split(tmp_path, EXAMPLES / "wire-briefs.jsonl")
    ws = str(tmp_path)
    run("push", str(sentences), "--project", "push-deleted", "-w", ws)
    pid = project_id(tmp_path, "push-deleted")
    with ls_env.client() as client:
        task = all_tasks(client, pid)[0]
        client.request("POST", f"/api/tasks/{task['id']}/annotations/", json={"result": [], "lead_time": 1})
        client.update_project(
            pid,
            label_config='<View><Text name="text" value="$text"/><Choices name="c" toName="text"><Choice value="x"/></Choices></View>',
        )
    output = run("push", str(sentences), "--project", "push-deleted", "-w", ws, expect=1)
    assert "was changed in Label Studio" in output and "--update-config" in output
    run("push", str(sentences), "--project", "push-deleted", "-w", ws, "--update-config")
    with ls_env.client() as client:
        assert "FIGURE" in client.project(pid)["label_config"]
        client.delete_project(pid)
    output = run("push", str(sentences), "--project", "push-deleted", "-w", ws, expect=1)
    assert "was deleted in Label Studio" in output and "--recreate" in output
    out = json.loads(run("push", str(sentences), "--project", "push-deleted", "-w", ws, "--recreate", "--json"))
    assert out["created"] and out["imported"] == 6


@pytest.mark.studio
def test_two_pushes_at_once_cannot_share_the_workspace(ls_env, tmp_path):
    sentences = split(tmp_path, EXAMPLES / "wire-briefs.jsonl")
    with Workspace(tmp_path).lock("test"):
        output = run("push", str(sentences), "--project", "push-locked", "-w", str(tmp_path), expect=1)
    assert "another corpus command is already running" in output


@pytest.mark.studio
def test_predictions_after_astral_characters_carry_code_point_offsets(ls_env, tmp_path):
    text = "Fans 🎉🎉 cheered as 𝔘nited won 3 games, officials said."
    source = tmp_path / "docs.jsonl"
    source.write_text(json.dumps({"id": "doc-emoji", "title": "Match", "text": text}) + "\n", encoding="utf-8")
    run("split", str(source), "-o", str(tmp_path / "data"))
    run("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", "push-astral", "-w", str(tmp_path))
    with ls_env.client() as client:
        (task,) = [t for t in all_tasks(client, project_id(tmp_path, "push-astral")) if t["data"]["text"] == text]
        (prediction,) = client.request("GET", f"/api/tasks/{task['id']}/")["predictions"]
    spans = {
        (r["from_name"], r["value"]["text"]): (r["value"]["start"], r["value"]["end"])
        for r in prediction["result"]
        if r.get("from_name") in ("label", "figure_value")
    }
    # Counted by hand in code points, which is what Label Studio's Text tag counts (test_browser
    # shows it in the real browser): in UTF-16 units "3" would be at 33 and "said" at 52.
    assert spans[("label", "3")] == (30, 31) and spans[("figure_value", "3")] == (30, 31)
    assert spans[("label", "said")] == (49, 53)


@pytest.mark.studio
def test_a_bad_line_in_the_sentences_file_is_named_and_the_fixed_file_completes_the_push(ls_env, tmp_path):
    sentences = split(tmp_path, EXAMPLES / "wire-briefs.jsonl")
    good = sentences.read_text(encoding="utf-8").splitlines()
    assert len(good) == 6
    sentences.write_text(
        "\n".join(good[:3] + ['{"record": "sentence", "text": "cut sh'] + good[3:]) + "\n", encoding="utf-8"
    )
    output = run(
        "push", str(sentences), "--project", "push-bad-line", "-w", str(tmp_path), "--batch-size", "2", expect=1
    )
    assert f"{sentences}:4: malformed JSON" in output and "Traceback" not in output
    with ls_env.client() as client:
        pid = project_id(tmp_path, "push-bad-line")
        before = [t["data"]["sentence_id"] for t in all_tasks(client, pid)]
    assert set(before) <= {json.loads(line)["id"] for line in good[:3]} and len(before) == len(set(before))
    sentences.write_text("\n".join(good) + "\n", encoding="utf-8")
    out = json.loads(
        run("push", str(sentences), "--project", "push-bad-line", "-w", str(tmp_path), "--batch-size", "2", "--json")
    )
    assert out["already_there"] == len(before) and out["imported"] == 6 - len(before)
    with ls_env.client() as client:
        ids = [t["data"]["sentence_id"] for t in all_tasks(client, pid)]
    assert len(ids) == len(set(ids)) and sorted(ids) == sorted(sentence_ids(sentences))


@pytest.mark.studio
def test_a_pre_annotation_that_does_not_fit_the_config_stops_the_push_before_anything_is_sent(
    ls_env, tmp_path, monkeypatch
):
    sentences = split(tmp_path, write_articles(tmp_path / "articles", 30))
    break_pre_annotations(monkeypatch, "figure_kind", "choices")
    with pytest.raises(PredictionError, match="BOGUS.*this is a bug in corpus"):
        corpus.push(sentences, project="push-bad-prediction", workspace=tmp_path, batch_size=40)
    with ls_env.client() as client:
        assert client.count_tasks(project_id(tmp_path, "push-bad-prediction")) == 0
    assert not list(tmp_path.glob(".corpus/push/*.jsonl"))  # no batch was begun, so none can be pending


@pytest.mark.studio
def test_a_re_push_of_an_unchanged_file_sends_nothing_to_label_studio(label_studio, tmp_path, monkeypatch):
    """The project is read with only the fields push compares: one missing from what the server
    sends would look changed and be sent again at every push."""
    sentences = split(tmp_path, EXAMPLES / "wire-briefs.jsonl")
    with FaultyProxy(label_studio.url) as proxy:
        monkeypatch.setenv("LABEL_STUDIO_URL", proxy.url)
        monkeypatch.setenv("LABEL_STUDIO_API_KEY", label_studio.api_key)
        run("push", str(sentences), "--project", "push-quiet", "-w", str(tmp_path))
        proxy.forwarded.clear()
        out = json.loads(run("push", str(sentences), "--project", "push-quiet", "-w", str(tmp_path), "--json"))
    assert out["imported"] == 0 and out["already_there"] == len(sentence_ids(sentences))
    assert [f for f in proxy.forwarded if not f.startswith("GET ")] == []


def test_a_missing_sentences_file_is_named_before_any_server_is_looked_for(tmp_path, monkeypatch):
    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    result = CliRunner().invoke(cli, ["push", str(tmp_path / "sentencs.jsonl"), "-w", str(tmp_path)])
    assert result.exit_code == 1
    assert "sentencs.jsonl: no such file" in result.output and "Label Studio" not in result.output
