"""A project filled under schema 1.0.0 (corpus 1.0's own output, tests/data/v1) upgraded in place
by the current release on the real Label Studio: no task twice, annotations converted, nothing
an annotator said dropped, and a 2.0.0 dataset whose changelog names the breaking change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus.cli import cli
from corpus.schema import SCHEMA_VERSION, schemas_root
from corpus.workspace import Workspace
from tests.conftest import EXAMPLES, REPO
from tests.test_push import all_tasks

V1 = REPO / "tests" / "data" / "v1"


def run_json(*args: str) -> dict:
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def v1_workspace(ls_env, root: Path, name: str) -> int:
    """The Label Studio project and workspace state that corpus 1.0 left behind, annotated."""
    tasks = json.loads((V1 / "tasks.json").read_text(encoding="utf-8"))
    key = "0123456789abcdef"
    with ls_env.client() as client:
        project = client.create_project(
            title=name, label_config=(V1 / "label_config.xml").read_text(encoding="utf-8"),
            description=f"Sentences to annotate for claims, attributions and figures (schema 1.0.0). corpus-key:{key}",
        )  # fmt: skip
        client.import_tasks(project["id"], tasks)
        imported = all_tasks(client, project["id"])
        for n, task in enumerate(sorted(imported, key=lambda t: t["data"]["index"])):
            text = task["data"]["text"]
            result = [{"id": "cw", "from_name": "checkworthy", "to_name": "sentence", "type": "choices",
                       "value": {"choices": ["yes" if n % 2 else "no"]}}]  # fmt: skip
            if "9 to 4" in text:
                start = text.index("9 to 4")
                result.append({"id": "f1", "from_name": "label", "to_name": "sentence", "type": "labels",
                               "value": {"start": start, "end": start + 6, "text": "9 to 4", "labels": ["FIGURE"]}})  # fmt: skip
            client.request("POST", f"/api/tasks/{task['id']}/annotations/", json={"result": result, "lead_time": 1.0})
    workspace = Workspace(root)
    workspace.save_state({"projects": {name: {"id": project["id"], "key": key, "url": ls_env.url}}})
    journal = workspace.path("push", f"{key}.jsonl")
    journal.parent.mkdir(parents=True, exist_ok=True)
    ids = [t["data"]["sentence_id"] for t in tasks]
    journal.write_text(json.dumps({"batch": "b1", "state": "pending", "sentences": ids}) + "\n"
                       + json.dumps({"batch": "b1", "state": "done"}) + "\n", encoding="utf-8")  # fmt: skip
    # The 1.0.0 release the project published before.
    dataset = root / "dataset"
    shutil.copytree(schemas_root() / "1.0.0", dataset / "schemas" / "1.0.0")
    (dataset / "release.json").write_text(json.dumps({"version": "1.0.0", "schema_version": "1.0.0", "totals": {}}))
    (dataset / "CHANGELOG.md").write_text("# Changelog\n\n## 1.0.0\n\n- first release\n")
    return project["id"]


@pytest.mark.studio
def test_a_project_of_schema_1_is_upgraded_in_place(ls_env, tmp_path):
    project_id = v1_workspace(ls_env, tmp_path, "upgrade-v1")
    v1_tasks = len(json.loads((V1 / "tasks.json").read_text(encoding="utf-8")))
    source = tmp_path / "src" / "harbour-bridge.txt"
    source.parent.mkdir()
    shutil.copy(EXAMPLES / "harbour-bridge.txt", source)
    data = tmp_path / "data"
    run_json("split", str(source), "-o", str(data))
    pushed = run_json("push", str(data / "sentences.jsonl"), "--project", "upgrade-v1", "-w", str(tmp_path))
    upgrade = pushed["upgrade"]
    assert upgrade["from_version"] == "1.0.0" and upgrade["renamed"] == v1_tasks and upgrade["unmatched_tasks"] == []
    assert pushed["imported"] == 0 and pushed["stale"] == []  # no annotated sentence imported twice
    assert upgrade["annotations_converted"] == v1_tasks and upgrade["uncarried_answers"] == (v1_tasks + 1) // 2

    sentences = {
        json.loads(line)["id"]: json.loads(line) for line in (data / "sentences.jsonl").read_text().splitlines()
    }
    with ls_env.client() as client:
        tasks = all_tasks(client, project_id)
        project = client.project(project_id)
    assert len(tasks) == v1_tasks and {t["data"]["sentence_id"] for t in tasks} <= sentences.keys()
    assert 'value="CFS"' in project["label_config"] and f"(schema {SCHEMA_VERSION})" in project["description"]
    for task in tasks:
        assert task["data"]["text"] == sentences[task["data"]["sentence_id"]]["text"]

    pulled = run_json("pull", "--project", "upgrade-v1", "-w", str(tmp_path), "-o", str(data / "annotations.jsonl"))
    assert pulled["annotations"] == v1_tasks and pulled["problems"] == [] and pulled["orphans"] == 0
    records = [json.loads(line) for line in (data / "annotations.jsonl").read_text().splitlines()]
    # yes -> CFS; no had no 2.0.0 equivalent (it merged NFS and UFS): null, the answer kept in the comment.
    assert sorted(str(r["checkworthy"]) for r in records).count("CFS") == v1_tasks // 2
    kept = [r for r in records if r["checkworthy"] is None]
    assert len(kept) == (v1_tasks + 1) // 2 and all(
        "[schema 1.0.0 checkworthy: no]" in (r["comment"] or "") for r in kept
    )
    (figure,) = [f for r in records for f in r["figures"]]
    assert figure["text"] == "9 to 4"

    # Running push again changes nothing.
    again = run_json("push", str(data / "sentences.jsonl"), "--project", "upgrade-v1", "-w", str(tmp_path))
    assert again["upgrade"] is None and again["imported"] == 0 and again["updated"] == 0

    refused = CliRunner().invoke(
        cli, ["publish", "--version", "1.1.0", "--data", str(data), "-o", str(tmp_path / "dataset")]
    )
    assert refused.exit_code == 1 and "publish it as 2.0.0" in refused.output
    published = run_json("publish", "--version", "2.0.0", "--data", str(data), "-o", str(tmp_path / "dataset"))
    assert published["version"] == "2.0.0"
    changelog = (tmp_path / "dataset" / "CHANGELOG.md").read_text()
    assert (
        "## 2.0.0" in changelog and "BREAKING: annotation.$defs.checkworthy: values removed: ['yes', 'no']" in changelog
    )


def test_a_data_folder_of_schema_1_is_migrated_through_the_text(tmp_path):
    """corpus 1.0's split output plus pull-shaped 1.0.0 annotations: every old id maps to the id
    the current split gives the same sentence; labels are converted, nothing is dropped."""
    data = tmp_path / "data"
    data.mkdir()
    for name in ("documents.jsonl", "sentences.jsonl"):
        shutil.copy(V1 / name, data / name)
    old_sentences = [json.loads(line) for line in (V1 / "sentences.jsonl").read_text().splitlines()]
    said = next(s for s in old_sentences if "9 to 4" in s["text"])
    start = said["text"].index("9 to 4")
    old_annotation = {
        "record": "annotation", "schema_version": "1.0.0", "id": "ls-1-7", "sentence_id": said["id"], "doc_id": said["doc_id"],
        "annotator": "ann-0123456789ab", "ground_truth": False, "created_at": None, "updated_at": None, "lead_time": 2.0,
        "spans": [{"id": "f1", "label": "FIGURE", "in_context": False, "start": start, "end": start + 6, "text": "9 to 4",
                   "doc_start": said["start"] + start, "doc_end": said["start"] + start + 6}],
        "attributions": [], "checkworthy": "no", "comment": None,
        "figures": [{"span": "f1", "text": "9 to 4", "value": None, "unit": None, "kind": "other", "approx": "exact"}],
        "label_studio": {"project": 1, "task": 3, "annotation": 7},
    }  # fmt: skip
    (data / "annotations.jsonl").write_text(json.dumps(old_annotation) + "\n")
    refused = CliRunner().invoke(cli, ["validate", str(data / "annotations.jsonl")])
    assert refused.exit_code == 1 and "run `corpus migrate`" in refused.output

    migrated = run_json("migrate", str(data))
    assert (migrated["documents"], migrated["annotations"], migrated["uncarried"]) == (1, 1, 1)
    assert (data / ".schema-1.0.0" / "annotations.jsonl").read_text() == json.dumps(old_annotation) + "\n"
    assert CliRunner().invoke(cli, ["validate", *map(str, data.glob("*.jsonl"))]).exit_code == 0
    # The ids are the ones the current release gives the same article.
    run_json("split", str(EXAMPLES / "harbour-bridge.txt"), "-o", str(tmp_path / "fresh"))
    fresh = {
        json.loads(line)["text"]: json.loads(line)["id"]
        for line in (tmp_path / "fresh" / "sentences.jsonl").read_text().splitlines()
    }
    migrated_sentences = [json.loads(line) for line in (data / "sentences.jsonl").read_text().splitlines()]
    assert {s["text"]: s["id"] for s in migrated_sentences} == fresh
    (record,) = [json.loads(line) for line in (data / "annotations.jsonl").read_text().splitlines()]
    assert record["sentence_id"] == fresh[said["text"]] and record["sentence_text"] == said["text"]
    assert record["checkworthy"] is None and record["comment"] == "[schema 1.0.0 checkworthy: no]"
    assert record["figures"][0]["upper"] is None and record["spans"][0]["text"] == "9 to 4"
