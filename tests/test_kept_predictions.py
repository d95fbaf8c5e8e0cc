"""The rule pre-annotator's predictions of the test split, kept in the workspace between releases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus.cli import cli
from corpus.dataset import kept_predictions
from tests.test_publish import make_records, seed_with_every_split


@pytest.fixture
def data(tmp_path: Path) -> Path:
    make_records(tmp_path / "data")
    return tmp_path / "data"


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the sentences the rules are run on (each call of ``rule_prediction``)."""
    calls: list[str] = []
    real = kept_predictions.rule_prediction

    def counted(row):
        calls.append(row["id"])
        return real(row)

    monkeypatch.setattr(kept_predictions, "rule_prediction", counted)
    return calls


def publish(data: Path, folder: Path, workspace: Path) -> str:
    """The card of a release of ``data`` (its test split about a third of the documents)."""
    seed = seed_with_every_split(data)
    result = CliRunner().invoke(
        cli,
        ["publish", "--version", "1.0.0", "--data", str(data), "-o", str(folder), "-w", str(workspace)]
        + ["--seed", str(seed), "--splits", "train=0.4,validation=0.3,test=0.3"],
    )
    assert result.exit_code == 0, result.output
    return (folder / "README.md").read_text(encoding="utf-8")


def test_a_second_release_runs_the_rules_only_on_what_changed(data, made, tmp_path):
    workspace = tmp_path / "workspace"
    first = publish(data, tmp_path / "first", workspace)
    tested = set(made)
    assert tested and "rule pre-annotator" in first
    assert [p.name for p in (workspace / ".corpus" / "rules").iterdir()] == [f"{kept_predictions.code_digest()}.pickle"]

    made.clear()
    assert publish(data, tmp_path / "second", workspace) == first
    assert made == []

    # What the rules read of a sentence changed (its role): that sentence, and only it, is predicted
    # again, and the card is the one a workspace with nothing kept gives.
    sentences = [json.loads(line) for line in (data / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    changed = next(s for s in sentences if s["id"] in tested and s["role"] == "body")
    changed["role"] = "title"
    (data / "sentences.jsonl").write_text("".join(json.dumps(s) + "\n" for s in sentences), encoding="utf-8")
    made.clear()
    third = publish(data, tmp_path / "third", workspace)
    assert made == [changed["id"]]
    made.clear()
    assert publish(data, tmp_path / "fresh", tmp_path / "nothing-kept") == third
    assert sorted(made) == sorted(tested)


def test_other_code_or_an_unreadable_file_makes_every_prediction_again(data, made, tmp_path, monkeypatch):
    workspace = tmp_path / "workspace"
    card = publish(data, tmp_path / "first", workspace)
    tested = sorted(made)
    kept = workspace / ".corpus" / "rules" / f"{kept_predictions.code_digest()}.pickle"

    kept.write_bytes(b"not a pickle")
    made.clear()
    assert publish(data, tmp_path / "second", workspace) == card
    assert sorted(made) == tested

    monkeypatch.setattr(kept_predictions, "code_digest", lambda: "0" * 32)  # another version of corpus
    made.clear()
    assert publish(data, tmp_path / "third", workspace) == card
    assert sorted(made) == tested
    assert [p.name for p in kept.parent.iterdir()] == ["0" * 32 + ".pickle"]  # the other code's file is gone
