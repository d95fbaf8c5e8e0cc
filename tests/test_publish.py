"""``corpus publish``: the dataset folder, read back with the real ``datasets`` library."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasets import ClassLabel, load_dataset

from corpus.cli import cli
from corpus.studio.convert import convert_task
from corpus.jsonl import write_records
from corpus.labels.merge import merge_sentence
from corpus.studio.utf16 import to_js
from tests.conftest import EXAMPLES


def labels(region, text, piece, label, name="label"):
    start = text.index(piece)
    return {"id": region, "from_name": name, "to_name": "sentence", "type": "labels",
            "value": {"start": to_js(text, start), "end": to_js(text, start + len(piece)), "text": piece, "labels": [label]}}


def annotate(sentence, user, rng):
    """What an annotator might do with one sentence, as Label Studio results."""
    text, result = sentence["text"], []
    words = text.split()
    if " said" in text:
        result.append(labels(f"cue-{user}", text, "said", "CUE"))
        content = text[: text.index(" said")].split(",")[0]
        if content and "said" not in content:
            result.append(labels(f"content-{user}", text, content, "CONTENT"))
            result.append({"type": "relation", "from_id": f"cue-{user}", "to_id": f"content-{user}", "direction": "right", "labels": ["indirect"]})
    digits = next((w.strip(".,%$") for w in words if any(c.isdigit() for c in w) and w.strip(".,%$")), None)
    if digits:
        result.append(labels(f"fig-{user}", text, digits, "FIGURE"))
        result.append({"id": f"fig-{user}", "from_name": "figure_value", "to_name": "sentence", "type": "number",
                       "value": {"start": 0, "end": 1, "number": 7}})
    if user == 2 and rng.random() < 0.3 and len(words) > 3:
        result.append(labels(f"claim-{user}", text, words[0], "CLAIM"))
    choice = "yes" if digits or (user == 1 and rng.random() < 0.3) else "no"
    result.append({"id": "cw", "from_name": "checkworthy", "to_name": "sentence", "type": "choices", "value": {"choices": [choice]}})
    return result


def make_records(data: Path, annotators=(1, 2)) -> tuple[int, int]:
    """Split the examples and write pull-shaped records for every sentence, two annotators each."""
    assert CliRunner().invoke(cli, ["split", str(EXAMPLES), "-o", str(data)]).exit_code == 0
    sentences = [json.loads(line) for line in (data / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    rng = random.Random(3)
    annotations, merged = [], []
    for n, sentence in enumerate(sentences):
        task = {"id": n + 1, "data": {**sentence, "sentence_id": sentence["id"]},
                "annotations": [{"id": 100 * n + u, "completed_by": u, "result": annotate(sentence, u, rng), "lead_time": 3.0,
                                 "created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z"} for u in annotators]}
        outcome = convert_task(task, 9, "project-key")
        assert not outcome.problems, outcome.problems
        annotations += outcome.records
        merged.append(merge_sentence(outcome.records))
    write_records(data / "annotations.jsonl", annotations)
    write_records(data / "merged.jsonl", merged)
    return len(sentences), len(annotations)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    root = tmp_path_factory.mktemp("publish")
    n_sentences, n_annotations = make_records(root / "data")
    result = CliRunner().invoke(cli, ["publish", "--version", "1.0.0", "--data", str(root / "data"), "-o", str(root / "dataset"), "--json"])
    assert result.exit_code == 0, result.output
    return root, json.loads(result.output), n_sentences, n_annotations


def load(folder: Path, config: str):
    return load_dataset(str(folder), config, cache_dir=str(folder.parent / "hf-cache"))


def test_every_config_loads_with_declared_types_row_counts_and_document_splits(published):
    root, summary, n_sentences, n_annotations = published
    folder = root / "dataset"
    sentences = load(folder, "sentences")
    assert sum(len(s) for s in sentences.values()) == n_sentences == sum(summary["rows"]["sentences"].values())
    assert set(sentences) <= {"train", "validation", "test"} and "train" in sentences
    features = sentences["train"].features
    assert features["role"] == ClassLabel(names=["title", "body", "caption_title", "caption", "credit"])
    assert features["spans"].feature["label"].names == ["CLAIM", "SOURCE", "CUE", "CONTENT", "FIGURE"]
    assert features["checkworthy"].names == ["yes", "no"]
    annotations = load(folder, "annotations")
    assert sum(len(s) for s in annotations.values()) == n_annotations
    tokens = load(folder, "tokens")
    assert tokens["train"].features["figure_tags"].feature.names == ["O", "B-FIGURE", "I-FIGURE"]
    figures = load(folder, "figures")
    assert figures["train"].features["kind"].names[0] == "count"
    assert all(v == 7 for split in figures.values() for v in split["value"])
    documents = load(folder, "documents")
    assert sum(len(s) for s in documents.values()) == 5
    attributions = load(folder, "attributions")
    assert attributions["train"].features["type"].names == ["direct", "indirect", "mixed"]
    rows = [row for split in attributions.values() for row in split]
    assert rows and all(row["cue"]["text"] == "said" and row["source"] is None for row in rows)

    docs_by_split = {name: set(split["doc_id"]) for name, split in sentences.items()}
    names = list(docs_by_split)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert not docs_by_split[a] & docs_by_split[b]
    for name, split in documents.items():
        assert set(split["id"]) == docs_by_split[name]
    for name, split in tokens.items():
        row = split[0]
        assert len(row["tokens"]) == len(row["figure_tags"]) == len(row["claim_tags"])


def test_tokens_carry_bio_tags_of_the_merged_spans(published):
    root, *_ = published
    tokens = load(root / "dataset", "tokens")
    names = tokens["train"].features["figure_tags"].feature.names
    tagged = [(row["tokens"], [names[t] for t in row["figure_tags"]]) for split in tokens.values() for row in split]
    assert any("B-FIGURE" in tags for _, tags in tagged)
    for words, tags in tagged:
        for i, tag in enumerate(tags):
            if tag == "I-FIGURE":
                assert tags[i - 1] in ("B-FIGURE", "I-FIGURE")


def test_card_states_schema_counts_and_agreement_computed_from_the_data(published):
    root, *_ = published
    card = (root / "dataset" / "README.md").read_text(encoding="utf-8")
    assert "annotation schema **1.0.0**" in card and "dataset version **1.0.0**" in card
    merged = [json.loads(line) for line in (root / "data" / "merged.jsonl").read_text().splitlines()]
    figures = sum(1 for m in merged for s in m["spans"] if s["label"] == "FIGURE")
    row = next(line for line in card.splitlines() if line.startswith("| FIGURE |") and "F1" not in line and line.count("|") == 5)
    assert sum(int(c) for c in row.strip("|").split("|")[1:]) == figures
    # Both annotators mark the same figures and cues, and differ on CLAIMs and some choices.
    assert "| FIGURE | 1.000 |" in card and "| CUE | 1.000 |" in card
    alpha = card.split("Krippendorff's alpha for `checkworthy`: **")[1].split("**")[0]
    assert 0 < float(alpha) < 1
    assert "CC0-1.0" in card and "@misc{" in card
    assert (root / "dataset" / "schemas" / "1.0.0" / "annotation.schema.json").exists()
    assert "## 1.0.0" in (root / "dataset" / "CHANGELOG.md").read_text()


def test_no_annotator_identity_or_token_in_the_folder(published, tmp_path):
    root, *_ = published
    for path in (root / "dataset").rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert b"@annotators.example" not in content and b"completed_by" not in content
    annotators = {a for split in load(root / "dataset", "annotations").values() for a in split["annotator"]}
    assert annotators and all(a.startswith("ann-") for a in annotators)


def test_publishing_again_keeps_history_and_refuses_contradicting_versions(published, tmp_path):
    root, *_ = published
    folder = tmp_path / "dataset"
    shutil.copytree(root / "dataset", folder)
    runner = CliRunner()
    same = runner.invoke(cli, ["publish", "--version", "1.0.0", "--data", str(root / "data"), "-o", str(folder)])
    assert same.exit_code == 1 and "not newer than the published 1.0.0" in same.output
    ok = runner.invoke(cli, ["publish", "--version", "1.0.1", "--data", str(root / "data"), "-o", str(folder)])
    assert ok.exit_code == 0, ok.output
    changelog = (folder / "CHANGELOG.md").read_text()
    assert changelog.index("## 1.0.1") < changelog.index("## 1.0.0") and "no schema change" in changelog


def test_splits_are_deterministic_from_the_seed(published, tmp_path):
    root, *_ = published
    runner = CliRunner()
    for name, seed in (("a", "1"), ("b", "1"), ("c", "2")):
        assert runner.invoke(cli, ["publish", "--version", "1.0.0", "--data", str(root / "data"), "-o", str(tmp_path / name), "--seed", seed]).exit_code == 0
    release = lambda name: json.loads((tmp_path / name / "release.json").read_text())["rows"]
    assert release("a") == release("b")
    doc_splits = lambda name: {s: sorted(load(tmp_path / name, "documents")[s]["id"]) for s in load(tmp_path / name, "documents")}
    assert doc_splits("a") == doc_splits("b")


def test_missing_inputs_and_bad_versions_are_clear_errors(tmp_path):
    runner = CliRunner()
    (tmp_path / "data").mkdir()
    result = runner.invoke(cli, ["publish", "--version", "1.0.0", "--data", str(tmp_path / "data"), "-o", str(tmp_path / "ds")])
    assert result.exit_code == 1 and "annotations.jsonl is missing" in result.output
    result = runner.invoke(cli, ["publish", "--version", "one", "--data", str(tmp_path / "data"), "-o", str(tmp_path / "ds")])
    assert result.exit_code == 1 and "not X.Y.Z" in result.output
