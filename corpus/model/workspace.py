"""The workspace's model: trained from a data folder's pulled labels, kept in ``.corpus/model/``."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus import defaults
from corpus.jsonl import read_records, require_file
from corpus.model.learn import Model, TrainingUnit, load, save, train
from corpus.results import Result
from corpus.schema import label_set
from corpus.workspace import Workspace

MODEL_FILE = "model.pkl"


def model_path(workspace: Workspace) -> Path:
    """Where the workspace keeps its current model."""
    return workspace.path("model", MODEL_FILE)


def current_model(workspace: Workspace | str | Path | None = None) -> Model | None:
    """The workspace's trained model, or None (never trained, or unreadable: the rules answer)."""
    return load(model_path(Workspace.of(workspace)))


def units_from_data(data_dir: str | Path = defaults.DATA_DIR) -> list[TrainingUnit]:
    """The labelled units of a data folder: each merged sentence whose check-worthiness was decided
    (not a tie), with its CLAIM spans, joined to its sentence record for the context and role."""
    folder = Path(data_dir)
    sentences_path = require_file(folder / defaults.SENTENCES_FILE)
    merged_path = require_file(folder / defaults.MERGED_FILE, made_by="corpus pull")
    labels = label_set()
    role_of = {label.name: label.role for label in labels.checkworthy}
    claim = labels.span_label("claim")
    decided: dict[str, dict[str, Any]] = {}
    for record in read_records(merged_path, record_type="merged"):
        if record.get("checkworthy") in role_of:
            decided[record["sentence_id"]] = record
    units = []
    for sentence in read_records(sentences_path, record_type="sentence"):
        found = decided.get(sentence["id"])
        if found is None or found["sentence_text"] != sentence["text"]:
            continue  # not labelled yet, or its text changed since (an orphan)
        claims = [(s["start"], s["end"]) for s in found["spans"] if s["label"] == claim and not s["in_context"]]
        units.append(
            TrainingUnit(
                sentence["text"], sentence["context_before"], sentence["role"], role_of[found["checkworthy"]], claims
            )
        )
    return units


@dataclass
class TrainResult(Result):
    """What ``train_model`` did: the model's version, the units it learned from, where it is."""

    path: Path
    version: str | None
    units: int
    by_answer: dict[str, int] = field(default_factory=dict)  # units per check-worthiness label (CFS, NFS, UFS)
    seconds: float = 0.0

    def line(self) -> str:
        if self.version is None:
            return (
                f"{self.units} labelled units: too few to learn from (the rules keep answering); "
                f"pull more annotations and train again"
            )
        answers = ", ".join(f"{n} {role}" for role, n in sorted(self.by_answer.items()))
        return f"model {self.version} trained on {self.units} units ({answers}) in {self.seconds:.1f} s -> {self.path}"


def train_model(
    data_dir: str | Path = defaults.DATA_DIR, *, workspace: Workspace | str | Path | None = None
) -> TrainResult:
    """Train the check-worthiness and CLAIM model on the pulled labels of ``data_dir``.

    The model replaces the workspace's previous one only once trained; with too few labelled
    units (or a single answer among them) nothing is written and the rules keep answering.

    Raises:
        InputError: sentences.jsonl or merged.jsonl is missing or has a bad line (named).
    """
    started = time.perf_counter()
    ws = Workspace.of(workspace)
    units = units_from_data(data_dir)
    model = train(units)
    path = model_path(ws)
    name_of = {label.role: label.name for label in label_set().checkworthy}  # what annotators pressed: CFS ...
    by_answer = dict(Counter(name_of.get(u.checkworthy, u.checkworthy) for u in units if u.checkworthy))
    if model is None:
        return TrainResult(path, None, len(units), by_answer, time.perf_counter() - started)
    save(model, path)
    return TrainResult(path, model.version, model.units, by_answer, time.perf_counter() - started)
