"""``corpus publish``: the dataset folder, read back with the real ``datasets`` library."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from datasets import ClassLabel, load_dataset

from corpus.cli import cli
from corpus.jsonl import write_records
from corpus.labels.merge import merge_sentence
from corpus.schema import SCHEMA_VERSION
from corpus.studio.convert import convert_task
from tests.conftest import EXAMPLES, REPO


def labels(region, text, piece, label, name="label"):
    start = text.index(piece)
    return {
        "id": region,
        "from_name": name,
        "to_name": "sentence",
        "type": "labels",
        "value": {"start": start, "end": start + len(piece), "text": piece, "labels": [label]},
    }


def annotate(sentence, user, rng):
    """What an annotator might do with one sentence, as Label Studio results."""
    text, result = sentence["text"], []
    words = text.split()
    if " said" in text:
        result.append(labels(f"cue-{user}", text, "said", "CUE"))
        content = text[: text.index(" said")].split(",")[0]
        if content and "said" not in content:
            result.append(labels(f"content-{user}", text, content, "CONTENT"))
            result.append(
                {
                    "type": "relation",
                    "from_id": f"cue-{user}",
                    "to_id": f"content-{user}",
                    "direction": "right",
                    "labels": ["indirect"],
                }
            )
    digits = next((w.strip(".,%$") for w in words if any(c.isdigit() for c in w) and w.strip(".,%$")), None)
    several = re.search(r"\d[\d.,]* million \w+", text)  # a FIGURE of several tokens: "14.5 million euro"
    if several:
        digits = several.group(0)
    if digits:
        result.append(labels(f"fig-{user}", text, digits, "FIGURE"))
        result.append(
            {
                "id": f"fig-{user}",
                "from_name": "figure_value",
                "to_name": "sentence",
                "type": "number",
                "value": {"start": 0, "end": 1, "number": 7},
            }
        )
    if user == 2 and rng.random() < 0.3 and len(words) > 3:
        result.append(labels(f"claim-{user}", text, words[0], "CLAIM"))
    choice = "CFS" if digits or (user == 1 and rng.random() < 0.3) else "NFS"
    result.append(
        {
            "id": "cw",
            "from_name": "checkworthy",
            "to_name": "sentence",
            "type": "choices",
            "value": {"choices": [choice]},
        }
    )
    return result


# Who the annotators are, as a Label Studio export with user details shows them: none of it may
# reach the dataset.
ANNOTATORS = {
    u: {
        "id": u,
        "email": f"{first.lower()}.{last.lower()}@annotators.example",
        "first_name": first,
        "last_name": last,
        "username": f"{first.lower()}{u}",
    }
    for u, (first, last) in {1: ("Quenby", "Halvorsen"), 2: ("Ysolde", "Marchetti")}.items()
}


def make_records(data: Path, annotators=(1, 2)) -> tuple[int, int]:
    """Split the examples and write pull-shaped records for every sentence, two annotators each."""
    assert CliRunner().invoke(cli, ["split", str(EXAMPLES), "-o", str(data)]).exit_code == 0
    sentences = [json.loads(line) for line in (data / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    rng = random.Random(3)
    annotations, merged = [], []
    for n, sentence in enumerate(sentences):
        task = {
            "id": n + 1,
            "data": {**sentence, "sentence_id": sentence["id"]},
            "annotations": [
                {
                    "id": 100 * n + u,
                    "completed_by": ANNOTATORS[u],
                    "created_username": f"{ANNOTATORS[u]['email']}, {u}",
                    "result": annotate(sentence, u, rng),
                    "lead_time": 3.0,
                    "created_at": "2026-11-01T10:00:00Z",
                    "updated_at": "2026-11-01T10:00:00Z",
                }
                for u in annotators
            ],
        }
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
    result = CliRunner().invoke(
        cli, ["publish", "--version", "1.0.0", "--data", str(root / "data"), "-o", str(root / "dataset"), "--json"]
    )
    assert result.exit_code == 0, result.output
    return root, json.loads(result.stdout), n_sentences, n_annotations


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
    assert features["checkworthy"].names == ["NFS", "UFS", "CFS"]
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
        for b in names[i + 1 :]:
            assert not docs_by_split[a] & docs_by_split[b]
    for name, split in documents.items():
        assert set(split["id"]) == docs_by_split[name]
    for name, split in tokens.items():
        row = split[0]
        assert len(row["tokens"]) == len(row["figure_tags"]) == len(row["claim_tags"])


HARBOUR = "The Port Alder city council on Tuesday approved a 14.5 million euro plan to repair the harbour bridge, which carries about 23,000 vehicles a day."


def test_tokens_carry_bio_tags_of_the_merged_spans(published):
    root, *_ = published
    tokens = load(root / "dataset", "tokens")
    names = tokens["train"].features["figure_tags"].feature.names
    sentences = load(root / "dataset", "sentences")
    (sentence_id,) = [row["id"] for split in sentences.values() for row in split if row["text"] == HARBOUR]
    (row,) = [row for split in tokens.values() for row in split if row["sentence_id"] == sentence_id]
    # Both annotators marked "14.5 million euro" as one FIGURE: three tokens, B I I.
    assert row["tokens"][8:13] == ["a", "14.5", "million", "euro", "plan"]
    assert [names[t] for t in row["figure_tags"]] == ["O"] * 9 + ["B-FIGURE", "I-FIGURE", "I-FIGURE"] + ["O"] * (
        len(row["tokens"]) - 12
    )
    assert [HARBOUR[a:b] for a, b in zip(row["token_starts"], row["token_ends"])] == row["tokens"]
    cue_names = tokens["train"].features["cue_tags"].feature.names
    assert all(cue_names[t] == "O" for t in row["cue_tags"])  # no "said" in this sentence
    tagged = [[names[t] for t in row["figure_tags"]] for split in tokens.values() for row in split]
    for tags in tagged:
        for i, tag in enumerate(tags):
            if tag == "I-FIGURE":
                assert i > 0 and tags[i - 1] in ("B-FIGURE", "I-FIGURE")


def test_card_states_schema_counts_and_agreement_computed_from_the_data(published):
    root, *_ = published
    card = (root / "dataset" / "README.md").read_text(encoding="utf-8")
    assert f"annotation schema **{SCHEMA_VERSION}**" in card and "dataset version **1.0.0**" in card
    merged = [json.loads(line) for line in (root / "data" / "merged.jsonl").read_text().splitlines()]
    figures = sum(1 for m in merged for s in m["spans"] if s["label"] == "FIGURE")
    row = next(
        line
        for line in card.splitlines()
        if line.startswith("| FIGURE |") and "F1" not in line and line.count("|") == 5
    )
    assert sum(int(c) for c in row.strip("|").split("|")[1:]) == figures
    # Both annotators mark the same figures and cues, and differ on CLAIMs and some choices.
    assert "| FIGURE | 1.000 |" in card and "| CUE | 1.000 |" in card
    alpha = card.split("Krippendorff's alpha for `checkworthy`: **")[1].split("**")[0]
    assert 0 < float(alpha) < 1
    assert "CC0-1.0" in card and "@misc{" in card
    assert (root / "dataset" / "schemas" / SCHEMA_VERSION / "annotation.schema.json").exists()
    assert "## 1.0.0" in (root / "dataset" / "CHANGELOG.md").read_text()


def test_no_annotator_identity_or_token_in_the_folder(published, tmp_path):
    root, *_ = published
    # The records the dataset is built from did carry who the annotators are.
    export = json.dumps(ANNOTATORS)
    identities = [v for user in ANNOTATORS.values() for k, v in user.items() if k != "id"]
    assert all(identity in export for identity in identities)
    files = [path for path in (root / "dataset").rglob("*") if path.is_file()]
    assert len(files) > 10
    for path in files:
        content = path.read_bytes()
        for identity in identities + ["@annotators.example", "completed_by", "created_username"]:
            assert identity.encode() not in content, (path, identity)
    annotators = {a for split in load(root / "dataset", "annotations").values() for a in split["annotator"]}
    assert len(annotators) == 2 and all(re.fullmatch(r"ann-[0-9a-f]{12}", a) for a in annotators)


def test_publishing_again_keeps_history_and_refuses_contradicting_versions(published, tmp_path):
    root, *_ = published
    folder = tmp_path / "dataset"
    shutil.copytree(root / "dataset", folder)
    runner = CliRunner()
    same = runner.invoke(cli, ["publish", "--version", "1.0.0", "--data", str(root / "data"), "-o", str(folder)])
    assert same.exit_code == 1 and "not newer than the published 1.0.0" in same.output
    lower = runner.invoke(cli, ["publish", "--version", "0.9.0", "--data", str(root / "data"), "-o", str(folder)])
    assert lower.exit_code == 1 and "version 0.9.0 is not newer than the published 1.0.0" in lower.output
    assert json.loads((folder / "release.json").read_text())["version"] == "1.0.0"
    ok = runner.invoke(cli, ["publish", "--version", "1.0.1", "--data", str(root / "data"), "-o", str(folder)])
    assert ok.exit_code == 0, ok.output
    changelog = (folder / "CHANGELOG.md").read_text()
    assert changelog.index("## 1.0.1") < changelog.index("## 1.0.0") and "no schema change" in changelog
    # The release it replaced is kept beside it, whole and loadable.
    kept = tmp_path / "dataset-v1.0.0"
    assert f"previous release is kept in {kept}/" in ok.output
    assert json.loads((kept / "release.json").read_text())["version"] == "1.0.0"
    assert load(kept, "sentences")["train"].num_rows == load(folder, "sentences")["train"].num_rows


def doc_splits(folder: Path) -> dict[str, str]:
    """Document id -> split, as the published folder says."""
    documents = load(folder, "documents")
    return {doc_id: name for name, split in documents.items() for doc_id in split["id"]}


def test_splits_are_deterministic_from_the_seed(published, tmp_path):
    root, *_ = published
    # Even ratios: with five documents, a split function that ignored them would show.
    common = [
        "publish",
        "--version",
        "1.0.0",
        "--data",
        str(root / "data"),
        "--splits",
        "train=0.34,validation=0.33,test=0.33",
    ]
    for name, seed in (("a", "1"), ("c", "2")):
        result = CliRunner().invoke(cli, common + ["-o", str(tmp_path / name), "--seed", seed])
        assert result.exit_code == 0, result.output
    # The same seed in another process, with another string hash salt, gives the same splits.
    env = {**os.environ, "PYTHONHASHSEED": "4242", "PYTHONPATH": str(REPO)}
    subprocess.run(
        [sys.executable, "-m", "corpus.cli", *common, "-o", str(tmp_path / "b"), "--seed", "1"],
        env=env,
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    a, b, c = doc_splits(tmp_path / "a"), doc_splits(tmp_path / "b"), doc_splits(tmp_path / "c")
    assert len(a) == len(c) == 5
    assert a == b
    assert (
        json.loads((tmp_path / "a" / "release.json").read_text())["rows"]
        == json.loads((tmp_path / "b" / "release.json").read_text())["rows"]
    )
    assert a != c  # the seed decides
    assert len(set(a.values())) > 1 and len(set(c.values())) > 1

    # A document's split depends on it alone: without two of the documents, the others stay put.
    kept = sorted(c)[2:]
    data = tmp_path / "fewer"
    data.mkdir()
    for name in ("documents.jsonl", "sentences.jsonl", "annotations.jsonl", "merged.jsonl"):
        lines = (root / "data" / name).read_text(encoding="utf-8").splitlines()
        key = "id" if name == "documents.jsonl" else "doc_id"
        (data / name).write_text(
            "".join(line + "\n" for line in lines if json.loads(line)[key] in kept), encoding="utf-8"
        )
    common[common.index("--data") + 1] = str(data)
    assert CliRunner().invoke(cli, common + ["-o", str(tmp_path / "d"), "--seed", "2"]).exit_code == 0
    assert doc_splits(tmp_path / "d") == {doc: c[doc] for doc in kept}


def test_a_bad_line_in_an_input_file_is_named_and_nothing_is_published(published, tmp_path):
    root, *_ = published
    folder = tmp_path / "dataset"
    shutil.copytree(root / "dataset", folder)
    before = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    for name, bad in (
        ("merged.jsonl", "{not json"),
        ("annotations.jsonl", '{"record": "annotation"}'),
        ("sentences.jsonl", "\udcff"),
        ("sentences.jsonl", '{"record": "sentence", "schema_version": "2.1.0", "id": "x"}'),  # JSON, not a sentence
    ):
        data = tmp_path / f"data-{name}-{len(bad)}"
        shutil.copytree(root / "data", data)
        lines = (data / name).read_text(encoding="utf-8").splitlines()
        lines.insert(2, bad)
        (data / name).write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogateescape")
        result = CliRunner().invoke(cli, ["publish", "--version", "1.0.1", "--data", str(data), "-o", str(folder)])
        assert result.exit_code == 1 and f"{data / name}:3:" in result.output and "Traceback" not in result.output, (
            result.output
        )
        assert {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
        assert not list(tmp_path.glob(".dataset.*"))  # no staging folder left behind


def test_missing_inputs_and_bad_versions_are_clear_errors(tmp_path):
    runner = CliRunner()
    (tmp_path / "data").mkdir()
    result = runner.invoke(
        cli, ["publish", "--version", "1.0.0", "--data", str(tmp_path / "data"), "-o", str(tmp_path / "ds")]
    )
    assert result.exit_code == 1 and "annotations.jsonl is missing" in result.output
    result = runner.invoke(
        cli, ["publish", "--version", "one", "--data", str(tmp_path / "data"), "-o", str(tmp_path / "ds")]
    )
    assert result.exit_code == 1 and "not X.Y.Z" in result.output


def test_ties_are_published_as_ties_with_empty_values_and_counted_in_a_warning(published):
    root, summary, _, _ = published
    from datasets import load_dataset

    rows = [row for split in load_dataset(str(root / "dataset"), "sentences").values() for row in split]
    method_names = load_dataset(str(root / "dataset"), "sentences")["train"].features["method"].names
    tied = [r for r in rows if method_names[r["method"]] == "tie"]
    assert tied, "the two stand-in annotators disagree on some sentences"
    warning = next(w for w in summary["warnings"] if "unresolved ties" in w)
    assert re.match(rf"{len(tied)} sentences? with unresolved ties", warning) and "corpus review" in warning
    cw_names = method_names  # methods.* share the method names
    for row in tied:
        layers = [layer for layer, m in row["methods"].items() if cw_names[m] == "tie"]
        assert layers
        if "checkworthy" in layers:
            assert row["checkworthy"] == -1  # empty (ClassLabel's missing value), not a picked class
    card = (root / "dataset" / "README.md").read_text(encoding="utf-8")
    assert "never a\nmajority" in card or "never a majority" in card
    assert "| tie | no value was given by more than half" in card


def test_rows_are_encoded_column_by_column_as_row_by_row(tmp_path):
    """The sink turns ClassLabel names into ids with Arrow (nested ones too); the files hold what
    encoding each row in Python gives, a missing or null name -1, an unknown name an error."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from datasets import Features, List, Value

    from corpus.dataset import parquet

    kind = ClassLabel(names=["count", "money"])
    features = Features(
        {
            "id": Value("string"),
            "kind": kind,
            "kinds": List(kind),
            "spans": List({"label": kind, "start": Value("int64"), "tied": List(kind)}),
            "ref": {"label": kind, "text": Value("string")},
            "value": Value("float64"),
        }
    )
    rows = [
        {"id": "a", "kind": "money", "kinds": ["count", None, "money"], "value": 1,
         "spans": [{"label": "count", "start": 0, "tied": ["money"]}, {"label": None, "start": 3}],
         "ref": {"label": "money", "text": "x"}},
        {"id": "b", "kind": None, "kinds": None, "spans": None, "ref": None, "extra": "left out"},
        {"id": "c", "kinds": [], "spans": [], "ref": {"text": "y"}, "value": 2.5},
    ]  # fmt: skip
    rows = [row | {"id": f"{row['id']}{n}"} for n in range(parquet.ROW_GROUP // 2) for row in rows]
    sink = parquet.ParquetSink(tmp_path, "c", features)
    for row in rows:
        sink.add("train", row)
    sink.close(["train", "test"])
    assert sink.splits() == ["train"] and sink.counts == {"train": len(rows)}
    written = tmp_path / "data" / "c" / "train-00000-of-00001.parquet"
    # The same rows encoded one by one in Python, a row group at a time: the same bytes.
    encode = parquet.row_encoder(features)
    with pq.ParquetWriter(tmp_path / "expected.parquet", sink.schema) as writer:
        for start in range(0, len(rows), parquet.ROW_GROUP):
            chunk = rows[start : start + parquet.ROW_GROUP]
            writer.write_table(pa.Table.from_pylist([encode(row) for row in chunk], schema=sink.schema))
    assert written.read_bytes() == (tmp_path / "expected.parquet").read_bytes()
    assert pq.ParquetFile(written).metadata.num_row_groups == -(-len(rows) // parquet.ROW_GROUP) > 1
    assert pq.read_table(written).slice(0, 2).to_pylist()[1]["kind"] == -1
    with pytest.raises(KeyError, match="'gold'"):
        sink.table([pa.RecordBatch.from_pylist([{"id": "d", "kinds": ["gold"]}], schema=sink.named)])


def test_merged_records_found_on_another_line_than_their_bytes_say_are_all_read_first(published, tmp_path, monkeypatch):
    """The merged records are read in the sentences' order from the lines their bytes point to; when a
    line holds another sentence's record, the build starts again from every record read in order, and
    the release is the same."""
    from corpus.dataset import build
    from corpus.jsonl import index_lines

    def misleading(path, key, values=None):
        index = index_lines(path, key, values)
        if len(index.by_value) > 1:  # (each half of the build indexes the sentences it writes)
            first, second = list(index.by_value)[:2]
            index.by_value[first], index.by_value[second] = index.by_value[second], index.by_value[first]
        return index

    monkeypatch.setattr(build, "index_lines", misleading)
    root, *_ = published
    folder = tmp_path / "dataset"
    result = CliRunner().invoke(cli, ["publish", "--version", "1.0.0", "--data", str(root / "data"), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    expected = {p.relative_to(root / "dataset"): p.read_bytes() for p in (root / "dataset").rglob("*") if p.is_file()}
    written = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert written.keys() == expected.keys()
    assert [name for name in expected if name.name != "release.json" and written[name] != expected[name]] == []


RATIOS = {"train": 0.4, "validation": 0.3, "test": 0.3}


def seed_with_every_split(data: Path, ratios: dict[str, float] = RATIOS) -> int:
    """A split seed that gives each split of ``ratios`` at least one of the data folder's documents."""
    from corpus.dataset.splits import document_split

    ids = [json.loads(line)["id"] for line in (data / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    return next(seed for seed in range(500) if {document_split(i, seed, ratios) for i in ids} == set(ratios))


def test_a_release_built_on_two_cores_is_the_one_built_on_one(published, tmp_path, monkeypatch):
    """publish shares the build with a worker process: the merged labels there, the annotations
    here, and, once a release kept the rules' predictions, the test split and the card's baselines
    here too. Either way the release is, byte for byte, the one a single process builds, with a
    sentence gone (its merged record counted once) and a test sentence whose text changed (its
    labels left out by the half that writes the test split)."""
    from corpus.dataset import build
    from corpus.dataset.splits import document_split

    root, *_ = published
    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    seed = seed_with_every_split(data)
    lines = (data / "sentences.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    split = [document_split(r["doc_id"], seed, RATIOS) for r in records]
    changed = split.index("test")
    gone = split.index("train")
    records[changed]["text"] = records[changed]["text"].swapcase()  # same length: the record stays valid
    (data / "sentences.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for n, r in enumerate(records) if n != gone), encoding="utf-8"
    )
    options = ["--data", str(data), "--seed", str(seed), "--splits", "train=0.4,validation=0.3,test=0.3", "--json"]
    labels_here = []
    monkeypatch.setattr(build._Halves, "labels", spy(build._Halves.labels, labels_here))

    def publish(folder: Path, workspace: Path) -> dict:
        result = CliRunner().invoke(
            cli, ["publish", "--version", "1.0.0", "-o", str(folder), "-w", str(workspace), *options]
        )
        assert result.exit_code == 0, result.output
        summary = json.loads(result.stdout)
        for varying in ("folder", "seconds"):
            summary.pop(varying)
        return summary

    first = publish(tmp_path / "first", tmp_path / "workspace")  # the rules run here, the labels there
    assert labels_here == []
    again = publish(tmp_path / "again", tmp_path / "workspace")  # the test split's labels here
    assert labels_here == [["test"]]
    monkeypatch.setattr(build, "safe_to_fork", lambda: False)
    alone = publish(tmp_path / "alone", tmp_path / "workspace")
    assert first == again == alone
    assert first["rows"]["sentences"]["test"] > 0 and first["rows"]["sentences"]["train"] > 0
    assert any("4 annotations of 2 sentences are orphans" in warning for warning in first["warnings"])

    def files(folder: Path) -> dict[Path, bytes]:
        return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    releases = [files(tmp_path / name) for name in ("first", "again", "alone")]
    assert releases[0].keys() == releases[1].keys() == releases[2].keys()
    for other in releases[1:]:
        assert [name for name in other if name.name != "release.json" and other[name] != releases[0][name]] == []
    card = (tmp_path / "first" / "README.md").read_text(encoding="utf-8")
    assert "rule pre-annotator" in card and "test split has no annotated sentence" not in card


def spy(method, calls: list):
    """``method``, noting the splits it is called with in this process (a worker's calls are not seen here)."""

    def noted(self, splits=None, *args, **kwargs):
        calls.append(list(splits) if splits is not None else None)
        return method(self, splits, *args, **kwargs)

    return noted


def test_attributions_and_figures_are_the_sentences_items_in_row_groups_of_their_own(published, tmp_path, monkeypatch):
    """The attributions and figures configs are made from the sentences config's batches (each row's
    items, with its sentence and document): every item once, in order, with its sentence's ids, and
    row groups of the configs' own size, however the batches of sentences fall across them."""
    import pyarrow.parquet as pq

    from corpus.dataset import parquet

    monkeypatch.setattr(parquet, "ROW_GROUP", 3)
    monkeypatch.setattr(parquet, "BATCH", 3)
    root, *_ = published
    folder = tmp_path / "dataset"
    result = CliRunner().invoke(cli, ["publish", "--version", "1.0.0", "--data", str(root / "data"), "-o", str(folder)])
    assert result.exit_code == 0, result.output
    for split in ("train", "validation"):
        sentences = pq.read_table(folder / "data" / "sentences" / f"{split}-00000-of-00001.parquet").to_pylist()
        for config in ("attributions", "figures"):
            path = folder / "data" / config / f"{split}-00000-of-00001.parquet"
            expected = [
                {"sentence_id": s["id"], "doc_id": s["doc_id"], **item} for s in sentences for item in s[config]
            ]
            assert len(expected) > 3
            assert pq.read_table(path).to_pylist() == expected
            sizes = [
                pq.ParquetFile(path).metadata.row_group(i).num_rows for i in range(pq.ParquetFile(path).num_row_groups)
            ]
            assert sizes[:-1] == [3] * (len(sizes) - 1) and 0 < sizes[-1] <= 3
