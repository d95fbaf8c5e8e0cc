"""A living corpus on the real Label Studio: an annotated article is corrected, extended and cut,
re-split and re-pushed; pull and publish carry every label that still applies, and say which
ones no longer do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasets import load_dataset

import corpus
from corpus.cli import cli
from tests.conftest import EXAMPLES
from tests.test_push import all_tasks, project_id

pytestmark = pytest.mark.studio

ARTICLE = (EXAMPLES / "harbour-bridge.txt").read_text(encoding="utf-8")
CHANGED = ("The vote was 9 to 4.", "The vote was 10 to 3.")
INSERTED = "A paragraph added after publication. It has two sentences."


def run_json(*args: str, expect: int = 0) -> dict:
    result = CliRunner().invoke(cli, [*args, "--json"])
    assert result.exit_code == expect, result.output
    return json.loads(result.stdout) if expect == 0 else {"output": result.output}


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def edit_three_ways(text: str) -> tuple[str, str]:
    """One sentence changed, a paragraph inserted near the top, the last paragraph deleted."""
    paragraphs = text.split("\n\n")
    deleted = paragraphs[-1]
    edited = "\n\n".join([paragraphs[0], INSERTED, *paragraphs[1:-1]]) + "\n"
    return edited.replace(*CHANGED), deleted


def annotate_all(ls_env, workspace: Path, project: str) -> dict[str, dict]:
    """Every task gets one annotation: a FIGURE on its first number, else a CLAIM on its first word."""
    worthy = corpus.label_set().checkworthy_label("checkworthy")
    annotated = {}
    with ls_env.client() as client:
        for task in all_tasks(client, project_id(workspace, project)):
            text = task["data"]["text"]
            digit = next((i for i, c in enumerate(text) if c.isdigit()), None)
            if digit is not None:
                end = digit
                while end < len(text) and (text[end].isdigit() or text[end] == ","):
                    end += 1
                start, label = digit, corpus.label_set().figure
            else:
                start, end, label = 0, text.index(" ") if " " in text else len(text), corpus.label_set().span_names[0]
            result = [
                {"id": "r1", "from_name": "label", "to_name": "sentence", "type": "labels",
                 "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}},
                {"id": "cw", "from_name": "checkworthy", "to_name": "sentence", "type": "choices", "value": {"choices": [worthy]}},
            ]  # fmt: skip
            client.request("POST", f"/api/tasks/{task['id']}/annotations/", json={"result": result, "lead_time": 2.0})
            annotated[task["data"]["sentence_id"]] = {"text": text, "span": text[start:end]}
    return annotated


def test_an_edited_article_keeps_every_label_that_still_applies(ls_env, tmp_path):
    source = tmp_path / "src" / "harbour-bridge.txt"
    source.parent.mkdir()
    source.write_text(ARTICLE, encoding="utf-8")
    data = tmp_path / "data"
    run_json("split", str(source), "-o", str(data))
    first = run_json("push", str(data / "sentences.jsonl"), "--project", "living", "-w", str(tmp_path))
    annotated = annotate_all(ls_env, tmp_path, "living")
    assert len(annotated) == first["imported"]

    edited, deleted = edit_three_ways(ARTICLE)
    source.write_text(edited, encoding="utf-8")
    run_json("split", str(source), "-o", str(data))
    sentences = read(data / "sentences.jsonl")
    current = {s["id"]: s for s in sentences}
    pushed = [s for s in sentences if s["role"] != "credit"]
    new_ids = {s["id"] for s in pushed} - annotated.keys()
    # Exactly the changed sentence and the two inserted ones are new.
    assert sorted(current[i]["text"] for i in new_ids) == sorted(
        [CHANGED[1], *INSERTED.split(" It ")[:1], "It has two sentences."]
    )
    stale = set(annotated) - set(current)
    assert {annotated[i]["text"] for i in stale} == {CHANGED[0]} | {
        t for t in (a["text"] for a in annotated.values()) if t in deleted
    }

    again = run_json("push", str(data / "sentences.jsonl"), "--project", "living", "-w", str(tmp_path))
    assert again["imported"] == len(new_ids) == 3
    assert sorted(again["stale"]) == sorted(stale)
    # Every stale task carries its annotation; the corrected one is named as a change, old and new text.
    assert {s["sentence_id"]: s["annotations"] for s in again["stale_annotated"]} == dict.fromkeys(stale, 1)
    (change,) = again["changed"]
    assert (change["old_text"], change["new_text"], change["annotations"]) == (*CHANGED, 1)
    assert change["doc_id"] == "harbour-bridge.txt" and change["new_id"] in new_ids
    # Both tasks are named: the old one with its annotations, the new one that asks for the corrected text.
    assert change["new_task"] != change["task"]
    with ls_env.client() as client:
        assert client.request("GET", f"/api/tasks/{change['new_task']}/")["data"]["text"] == CHANGED[1]
    assert (
        "corrected in harbour-bridge.txt: 'The vote was 9 to 4.' -> 'The vote was 10 to 3.'"
        in CliRunner()
        .invoke(cli, ["push", str(data / "sentences.jsonl"), "--project", "living", "-w", str(tmp_path)])
        .output
    )
    # Sentences after the inserted paragraph moved: their task data follows, annotations stay.
    assert again["updated"] > 0
    with ls_env.client() as client:
        tasks = {t["data"]["sentence_id"]: t for t in all_tasks(client, project_id(tmp_path, "living"))}
    for sentence_id, task in tasks.items():
        if sentence_id in current:
            assert (task["data"]["start"], task["data"]["text"]) == (
                current[sentence_id]["start"],
                current[sentence_id]["text"],
            )
    assert all(tasks[i]["total_annotations"] == 1 for i in annotated)

    # --prune never deletes a task that somebody annotated.
    pruned = run_json("push", str(data / "sentences.jsonl"), "--project", "living", "--prune", "-w", str(tmp_path))
    assert pruned["imported"] == 0 and pruned["pruned"] == []
    assert sorted(s["sentence_id"] for s in pruned["stale_annotated"]) == sorted(stale)

    # The lead acknowledges them once; later pushes count them instead of listing them again.
    acked = run_json("push", str(data / "sentences.jsonl"), "--project", "living", "--ack-stale", "-w", str(tmp_path))
    assert acked["stale"] == [] and acked["acknowledged"] == len(stale) == acked["acknowledged_now"]
    later = run_json("push", str(data / "sentences.jsonl"), "--project", "living", "-w", str(tmp_path))
    assert later["stale"] == [] and later["stale_annotated"] == [] and later["acknowledged"] == len(stale)

    pulled = run_json("pull", "--project", "living", "-w", str(tmp_path), "-o", str(data / "annotations.jsonl"))
    assert pulled["orphans"] == len(stale) and len(pulled["orphan_tasks"]) == len(stale)

    published = run_json("publish", "--version", "1.0.0", "--data", str(data), "-o", str(tmp_path / "dataset"))
    (orphan_warning,) = [w for w in published["warnings"] if "orphans" in w]
    assert f"{len(stale)} annotations" in orphan_warning
    rows = load_dataset(str(tmp_path / "dataset"), "sentences")
    published_rows = {row["id"]: row for split in rows.values() for row in split}
    document = edited
    carried = {i for i in annotated if i in current}
    assert published_rows.keys() == carried
    for sentence_id, row in published_rows.items():
        (span,) = row["spans"]
        # Offsets index the NEW document text.
        assert document[span["doc_start"] : span["doc_end"]] == annotated[sentence_id]["span"]
    annotations = load_dataset(str(tmp_path / "dataset"), "annotations")
    orphans = [row for split in annotations.values() for row in split if row["orphan"]]
    assert sorted(row["sentence_text"] for row in orphans) == sorted(annotated[i]["text"] for i in stale)
    assert CHANGED[0] in {row["sentence_text"] for row in orphans}
    changelog = (tmp_path / "dataset" / "CHANGELOG.md").read_text()
    assert (
        f"orphaned annotations (their sentence is gone or changed; kept in `annotations`, out of the merged configs): {len(stale)}"
        in changelog
    )
    # ... and names the sentences they were made on, with their document.
    assert f"  - `harbour-bridge.txt`: {CHANGED[0]!r} (1 annotations)" in changelog


def test_prune_deletes_stale_tasks_that_nobody_annotated(ls_env, tmp_path):
    source = tmp_path / "harbour-bridge.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    run_json("split", str(source), "-o", str(tmp_path / "data"))
    run_json("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", "living-prune", "-w", str(tmp_path))
    edited, _ = edit_three_ways(ARTICLE)
    source.write_text(edited, encoding="utf-8")
    run_json("split", str(source), "-o", str(tmp_path / "data"))
    report = run_json(
        "push", str(tmp_path / "data" / "sentences.jsonl"), "--project", "living-prune", "-w", str(tmp_path)
    )
    assert report["stale"] and report["pruned"] == []
    pruned = run_json(
        "push", str(tmp_path / "data" / "sentences.jsonl"), "--project", "living-prune", "--prune", "-w", str(tmp_path)
    )
    assert sorted(pruned["pruned"]) == sorted(report["stale"]) and pruned["stale_annotated"] == []
    with ls_env.client() as client:
        left = {t["data"]["sentence_id"] for t in all_tasks(client, project_id(tmp_path, "living-prune"))}
    assert not left & set(report["stale"])
    assert (
        run_json("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", "living-prune", "-w", str(tmp_path))[
            "stale"
        ]
        == []
    )


def test_publish_refuses_when_every_annotation_is_an_orphan(ls_env, tmp_path):
    source = tmp_path / "harbour-bridge.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    run_json("split", str(source), "-o", str(tmp_path / "data"))
    run_json("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", "living-orphans", "-w", str(tmp_path))
    annotate_all(ls_env, tmp_path, "living-orphans")
    run_json(
        "pull", "--project", "living-orphans", "-w", str(tmp_path), "-o", str(tmp_path / "data" / "annotations.jsonl")
    )
    # A different article under the same file name: none of the annotated sentences is left.
    source.write_text((EXAMPLES / "river-survey.txt").read_text(encoding="utf-8"), encoding="utf-8")
    run_json("split", str(source), "-o", str(tmp_path / "data"))
    refused = run_json(
        "publish", "--version", "1.0.0", "--data", str(tmp_path / "data"), "-o", str(tmp_path / "dataset"), expect=1
    )
    assert "none of the" in refused["output"] and "annotations are orphans" in refused["output"]
    assert not (tmp_path / "dataset").exists()


def test_resplitting_strictly_after_annotation_keeps_unchanged_units(ls_env, tmp_path):
    source = tmp_path / "harbour-bridge.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    run_json("split", str(source), "-o", str(tmp_path / "data"))
    run_json("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", "living-strict", "-w", str(tmp_path))
    annotated = annotate_all(ls_env, tmp_path, "living-strict")
    run_json("split", str(source), "-o", str(tmp_path / "data"), "--strict-sentences")
    strict_sentences = read(tmp_path / "data" / "sentences.jsonl")
    pieces = [s for s in strict_sentences if s["id"] not in annotated and s["role"] != "credit"]
    again = run_json(
        "push", str(tmp_path / "data" / "sentences.jsonl"), "--project", "living-strict", "-w", str(tmp_path)
    )
    assert again["imported"] == len(pieces) >= 2 and len(again["stale"]) == 1
    with ls_env.client() as client:
        ids = [t["data"]["sentence_id"] for t in all_tasks(client, project_id(tmp_path, "living-strict"))]
    assert len(ids) == len(set(ids))  # nothing unchanged is duplicated
