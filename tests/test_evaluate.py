"""The dataset as a benchmark: `corpus evaluate`, the release's own evaluate.py, eval.yaml, the baselines
and the datasheet in the card, on a release published from the examples (real `datasets`)."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from datasets import load_dataset
from huggingface_hub import DatasetCard, DatasetCardData

from corpus.cli import cli
from corpus.dataset.evaluate import script_text
from corpus.dataset.scorer import decode
from corpus.labels import scoring
from tests.test_publish import make_records

# Five documents: this seed and these ratios give 12 sentences to each split.
SPLITS = ["--splits", "train=0.34,validation=0.33,test=0.33", "--seed", "7"]
HEADLINE_SPANS = ("spans", "all", "exact", "f1")


def publish(data: Path, folder: Path, workspace: Path) -> None:
    # The learned model baseline comes from the workspace publish runs in.
    result = CliRunner(env={"CORPUS_WORKSPACE": str(workspace)}).invoke(
        cli, ["publish", "--version", "1.0.0", "--data", str(data), "-o", str(folder), *SPLITS]
    )
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    """A release (no learned model), its test rows as predictions in two forms, and an empty prediction."""
    root = tmp_path_factory.mktemp("benchmark")
    make_records(root / "data")
    folder = root / "dataset"
    publish(root / "data", folder, root / "no-model")
    test = load_dataset(str(folder), "sentences", split="test")
    assert len(test) == 12
    files = {
        "indices": [dict(row) for row in test],  # as datasets gives them: ClassLabel indices
        "names": [decode(test.features, row) for row in test],  # the same with class names
        "empty": [
            {"id": row["id"], "spans": [], "attributions": [], "figures": [], "checkworthy": None} for row in test
        ],
    }
    for name, rows in files.items():
        (root / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return root, folder, files


def evaluate(*args: str, workspace: Path | None = None) -> tuple[int, str]:
    """`corpus evaluate ARGS`: its exit code and what it printed (stdout and stderr)."""
    result = CliRunner().invoke(cli, ["evaluate", *args] + (["-w", str(workspace)] if workspace else []))
    return result.exit_code, result.output


def evaluate_json(*args: str, workspace: Path | None = None) -> dict:
    result = CliRunner().invoke(cli, ["evaluate", *args, "--json"] + (["-w", str(workspace)] if workspace else []))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def shipped(
    folder: Path, *args: str, python: str = sys.executable, env: dict | None = None
) -> subprocess.CompletedProcess:
    """The release's evaluate.py, run as a researcher runs it (from another folder)."""
    return subprocess.run(
        [python, str(folder / "evaluate.py"), *args],
        cwd=folder.parent,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def measures(tree: dict, path: tuple = ()) -> list[tuple[tuple, float | None]]:
    """Every ratio in a scores tree, by its path."""
    found = []
    for key, value in tree.items():
        if isinstance(value, dict):
            found += measures(value, (*path, key))
        elif key in ("precision", "recall", "f1", "accuracy", "macro_f1", "type_accuracy"):
            found.append(((*path, key), value))
    return found


def at(tree: dict, path: tuple):
    for key in path:
        tree = tree[key]
    return tree


MEASURED = [  # measures the test split has something to count for
    HEADLINE_SPANS,
    ("spans", "all", "overlap", "f1"),
    ("attributions", "pair", "f1"),
    ("attributions", "type_accuracy"),
    ("figures", "span", "f1"),
    ("figures", "fields", "value", "accuracy"),
    ("figures", "fields", "unit", "accuracy"),
    ("checkworthy", "macro_f1"),
    ("checkworthy", "accuracy"),
]


def test_the_test_splits_own_rows_score_one_on_every_measure_and_empty_predictions_zero(release):
    root, folder, _ = release
    perfect = evaluate_json(str(root / "indices.jsonl"), "--dataset", str(folder), "--split", "test")
    assert perfect["reference_sentences"] == 12 and perfect["missing"]["count"] == perfect["unknown"]["count"] == 0
    scores = perfect["scores"]
    assert all(at(scores, path) is not None for path in MEASURED)
    assert {value for _, value in measures(scores) if value is not None} == {1.0}
    # Class names instead of indices: the same scores.
    named = evaluate_json(str(root / "names.jsonl"), "--dataset", str(folder))
    assert named["scores"] == scores

    empty = evaluate_json(str(root / "empty.jsonl"), "--dataset", str(folder))["scores"]
    for path in MEASURED:
        if path[-1] in ("f1", "macro_f1") or path[0] == "checkworthy":
            assert at(empty, path) == 0.0, path
        else:  # on matched items, and nothing matched: undefined, never 0 or 1
            assert at(empty, path) is None, path
    assert all(value in (0.0, None) for path, value in measures(empty) if path[-1] != "precision")
    assert empty["figures"]["matched"] == empty["attributions"]["matched"] == 0


def test_the_shipped_evaluate_py_prints_what_corpus_evaluate_prints(release):
    root, folder, _ = release
    for name in ("indices", "empty"):
        predictions = str(root / f"{name}.jsonl")
        run = shipped(folder, predictions, "--split", "test", "--json")
        assert run.returncode == 0, run.stderr
        # The shipped scorer's dataset is the folder it is in.
        assert json.loads(run.stdout) == evaluate_json(predictions, "--dataset", str(folder))
        text = shipped(folder, predictions, "--split", "test")
        assert text.stdout.strip() == evaluate(predictions, "--dataset", str(folder))[1].strip()
    human = shipped(folder, "--human", "--json")
    assert json.loads(human.stdout) == evaluate_json("--baseline", "human", "--dataset", str(folder))


def test_the_shipped_evaluate_py_is_the_scoring_module_and_the_runner_verbatim(release):
    _, folder, _ = release
    text = (folder / "evaluate.py").read_text(encoding="utf-8")
    assert text == script_text()
    source = Path(scoring.__file__).read_text(encoding="utf-8").replace("from __future__ import annotations\n", "")
    assert source.strip() in text  # one source of the metric code
    tree = ast.parse(text)
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in imported if m and m.split(".")[0] == "corpus"]
    assert set(m.split(".")[0] for m in imported if m) <= {
        "__future__",
        "argparse",
        "collections",
        "dataclasses",
        "functools",
        "json",
        "math",
        "os",
        "sys",
        "typing",
        "datasets",
    }


@pytest.mark.install
def test_the_shipped_evaluate_py_needs_nothing_but_datasets(release, tmp_path):
    root, folder, _ = release
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")} | {
        "HF_HOME": str(tmp_path / "hf")
    }
    subprocess.run([python, "-m", "pip", "install", "--quiet", "datasets"], check=True, env=env, timeout=1800)
    # corpus is not there (from another folder than the checkout, which would put it on the path)
    assert subprocess.run([python, "-c", "import corpus"], env=env, cwd=tmp_path, capture_output=True).returncode != 0
    for name, expected in (("indices", 1.0), ("empty", 0.0)):
        predictions = str(root / f"{name}.jsonl")
        run = shipped(folder, predictions, "--split", "test", "--json", python=python, env=env)
        assert run.returncode == 0, run.stderr
        result = json.loads(run.stdout)
        assert at(result["scores"], HEADLINE_SPANS) == expected
        assert result == evaluate_json(predictions, "--dataset", str(folder))


def test_a_bad_row_an_unknown_id_and_a_missing_id(release):
    root, folder, files = release
    rows = [dict(r) for r in files["names"]]
    missing = rows.pop(5)["id"]
    unknown = {**rows[0], "id": "no-such-document#000000000000"}
    bad = {**rows[1], "spans": [{"label": "CLAM", "doc_start": 0, "doc_end": 4}]}
    lines = [json.dumps(r) for r in [rows[0], *rows[2:]]] + [json.dumps(unknown)]
    path = root / "mixed.jsonl"
    path.write_text("\n".join([lines[0], json.dumps(bad), "{not json", *lines[1:]]) + "\n", encoding="utf-8")

    code, output = evaluate(str(path), "--dataset", str(folder))
    assert code == 1 and "Traceback" not in output and "internal error" not in output
    assert f"{path}:2: spans[0].label: 'CLAM' is not one of CLAIM, SOURCE" in output
    assert f"{path}:3: not JSON" in output
    # The row that does not fit names a sentence: it is not also counted as missing.
    assert f"1 of the 12 test sentences have no prediction and were scored as empty predictions: {missing}" in output
    assert "1 predicted ids are not test sentences" in output and "no-such-document#000000000000" in output
    assert "2 rows do not fit: nothing was scored" in output
    assert all(len(line) < 400 for line in output.splitlines())
    run = shipped(folder, str(path))
    assert run.returncode == 1 and f"{path}:2: spans[0].label" in run.stderr and "Traceback" not in run.stderr

    # Without the bad rows: scored, with the counts and the ids, the missing sentence as empty.
    path.write_text("\n".join([*lines, json.dumps(rows[1])]) + "\n", encoding="utf-8")
    result = evaluate_json(str(path), "--dataset", str(folder))
    assert result["missing"] == {"count": 1, "ids": [missing]}
    assert result["unknown"] == {"count": 1, "ids": ["no-such-document#000000000000"]}
    assert result["scores"]["sentences"] == 12 and len(result["warnings"]) == 2
    assert json.loads(shipped(folder, str(path), "--json").stdout) == result
    assert "warning: 1 of the 12 test sentences" in shipped(folder, str(path), "--json").stderr
    code, output = evaluate(str(path), "--dataset", str(folder))
    assert code == 0 and "warning: 1 of the 12 test sentences have no prediction" in output


def test_clear_errors_for_what_cannot_be_scored(release, tmp_path):
    root, folder, _ = release
    for args, message in (
        ([str(root / "empty.jsonl"), "--dataset", str(tmp_path / "nothing")], "cannot read it as a dataset folder"),
        ([str(root / "empty.jsonl"), "--dataset", str(folder), "--split", "dev"], "has no split 'dev'"),
        ([str(tmp_path / "none.jsonl"), "--dataset", str(folder)], "cannot read the predictions"),
        (["--dataset", str(folder)], "give a predictions file or --baseline"),
        (["--baseline", "model", "--dataset", str(folder)], "no trained model"),
    ):
        code, output = evaluate(*args, workspace=tmp_path)
        assert code == 1 and message in output and "Traceback" not in output, output


def card_rows(card: str) -> dict[str, list[str]]:
    """The baseline table of the card: baseline name -> its cells."""
    section = card.split("### Baselines", 1)[1].split("Exact span F1 per label", 1)[0]
    rows = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("| ")]
    return {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows[1:]}


def headline(result: dict) -> list[str]:
    """What the card shows of a result, formatted from the scorer's JSON."""
    s = result["scores"]
    fmt = lambda v: "n/a" if v is None else f"{v:.3f}"
    return [
        str(result["reference_sentences"]),
        *(
            fmt(at(s, path))
            for path in (
                HEADLINE_SPANS,
                ("spans", "all", "overlap", "f1"),
                ("attributions", "pair", "f1"),
                ("attributions", "type_accuracy"),
                ("figures", "span", "f1"),
                ("figures", "fields", "value", "accuracy"),
                ("checkworthy", "macro_f1"),
            )
        ),
    ]


def test_the_cards_baselines_are_what_the_scorer_prints(release, tmp_path):
    root, folder, _ = release
    card = (folder / "README.md").read_text(encoding="utf-8")
    rows = card_rows(card)
    assert rows["rule pre-annotator"] == headline(evaluate_json("--baseline", "rules", "--dataset", str(folder)))
    human = evaluate_json("--baseline", "human", "--dataset", str(folder))
    assert len(human["annotators"]) == 2
    for result in [*human["annotators"], human["pooled"]]:
        assert rows[result["name"]] == headline(result)
    assert human["pooled"]["reference_sentences"] == 12 and human["pooled"]["scores"]["sentences"] == 24
    assert "No learned model: the workspace that published this release had none" in card
    assert "`corpus evaluate --baseline rules --dataset PATH_OR_REPO_ID`" in card
    assert "`python evaluate.py --human --split test`" in card

    # With a learned model in the workspace, the card scores it too, as `corpus evaluate` does.
    workspace = tmp_path / "workspace"
    trained = CliRunner().invoke(cli, ["model", "train", str(root / "data"), "-w", str(workspace)])
    assert trained.exit_code == 0, trained.output
    with_model = tmp_path / "dataset"
    publish(root / "data", with_model, workspace)
    rows = card_rows((with_model / "README.md").read_text(encoding="utf-8"))
    model = evaluate_json("--baseline", "model", "--dataset", str(with_model), workspace=workspace)
    assert model["name"].startswith("learned model corpus-model-") and rows[model["name"]] == headline(model)
    assert rows["rule pre-annotator"] == headline(evaluate_json("--baseline", "rules", "--dataset", str(with_model)))


def test_the_cards_yaml_is_a_valid_dataset_card_and_eval_yaml_declares_the_benchmark(release):
    _, folder, _ = release
    text = (folder / "README.md").read_text(encoding="utf-8")
    header = yaml.safe_load(text.split("---\n", 2)[1])
    card = DatasetCard.load(folder / "README.md")
    assert isinstance(card.data, DatasetCardData)
    assert card.data.to_dict() == header
    assert DatasetCardData(**header).to_dict() == header  # no field huggingface_hub does not take as it is
    # A Hub licence id (the examples carry several licences: other) and a size category the Hub knows.
    assert header["license"] == "other" and header["size_categories"] == ["n<1K"]
    assert header["source_datasets"] == ["original"] and header["multilinguality"] == "monolingual"
    assert "train-eval-index" not in header  # the Hub's 2022 evaluation metadata, removed from its docs
    from datasets.utils.metadata import MetadataConfigs

    configs = MetadataConfigs.from_dataset_card_data(card.data)  # what load_dataset reads
    assert configs["sentences"]["default"] is True
    for config in header["configs"]:
        for files in config["data_files"]:
            assert list(folder.glob(files["path"])), files

    # eval.yaml as https://huggingface.co/docs/hub/eval-results specifies it: name, description,
    # evaluation_framework, tasks with id (and config, split), on a config and split the card declares.
    declared = yaml.safe_load((folder / "eval.yaml").read_text(encoding="utf-8"))
    assert set(declared) == {"name", "description", "evaluation_framework", "tasks"}
    assert declared["evaluation_framework"] == "corpus" and "evaluate.py" in declared["description"]
    splits = {c["config_name"]: {f["split"] for f in c["data_files"]} for c in header["configs"]}
    assert [t["id"] for t in declared["tasks"]] == ["checkworthy", "spans", "attributions", "figures"]
    for task in declared["tasks"]:
        assert set(task) == {"id", "config", "split"} and task["split"] in splits[task["config"]]


def test_the_card_is_a_datasheet_filled_from_the_data(release):
    root, folder, _ = release
    card = (folder / "README.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", card, re.M)
    sections = ["Motivation", "Composition", "Collection and segmentation", "Annotation", "Evaluation", "Uses"]
    sections += ["Distribution and licence", "Maintenance", "Citation"]
    assert [h for h in headings if h in sections] == sections
    body = card.split("---\n", 2)[2].split("```bibtex")[0]
    for placeholder in ("TODO", "More Information Needed", "None ", "{len", "lorem", "XXX"):
        assert placeholder not in body, placeholder
    # Composition, annotation and distribution from the data: counts, overlap, languages, the guidelines shipped.
    documents = [json.loads(line) for line in (root / "data" / "documents.jsonl").read_text().splitlines()]
    assert f"{len(documents)} documents (train 1, validation 1, test 3)" in card
    assert "36 annotated sentences, 72 annotations" in card
    assert "2 pseudonymous annotators, 72 annotations; overlap: 36 sentences by 2 annotators." in card
    stated = sum(1 for d in documents if d.get("language"))
    assert f"en ({stated} documents), not stated ({len(documents) - stated} documents)" in card
    guidelines = (folder / "GUIDELINES.md").read_bytes()
    assert guidelines.startswith(b"# Annotation guidelines")
    assert f"SHA-256 `{hashlib.sha256(guidelines).hexdigest()[:16]}`" in card
    assert "Out of\nscope" in card and "never whether it is true" in card
    assert "To report an error: on the Hugging Face Hub" in card and "this one `v1.0.0`" in card
    assert "sentences have a tie nobody adjudicated" in card
