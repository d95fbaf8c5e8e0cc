"""Predictions scored against a published release: the runner of every release's ``evaluate.py``.

This module after ``corpus.labels.scoring`` is, verbatim, the ``evaluate.py`` each release ships
(``corpus.dataset.evaluate.script_text``; the lines importing ``corpus`` left out): it needs only
``datasets``, and ``corpus evaluate`` runs the same lines, so both print the same numbers.

The reference is the ``sentences`` config of one split, read with ``datasets.load_dataset`` from a
folder or a Hub repository. Predictions are rows of that config (JSON Lines): ``id``, ``spans``,
``attributions``, ``figures``, ``checkworthy``; a class is its name or its index. A row that does
not fit stops the scoring, named by file and line; a predicted id that is not in the split is
reported and not scored; a sentence of the split with no prediction is reported and scored as an
empty prediction (nothing found), so that leaving sentences out never raises a score.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from corpus.labels.scoring import (
    FIGURE_FIELDS,
    Counts,
    Labels,
    Vocabulary,
    check_prediction,
    compare,
    labels_of_row,
    row_of_annotation,
    scores,
)

SENTENCES = "sentences"
ANNOTATIONS = "annotations"
LISTED = 5  # ids named in a message; the counts are always whole
EMPTY: dict[str, Any] = {"spans": [], "attributions": [], "figures": [], "checkworthy": None}


class ScoringError(ValueError):
    """The predictions or the reference cannot be scored (the message says which file and line)."""


def decode(feature: Any, value: Any) -> Any:
    """A value read with ``datasets`` with every ClassLabel index replaced by its name (-1: None)."""
    if value is None:
        return None
    if getattr(feature, "_type", None) == "ClassLabel":
        return feature.names[value] if value >= 0 else None
    if isinstance(feature, dict):
        return {name: decode(sub, value.get(name)) for name, sub in feature.items()}
    inner = getattr(feature, "feature", None)
    if inner is not None and isinstance(value, list):
        return [decode(inner, item) for item in value]
    return value


def vocabulary(features: Any) -> Vocabulary:
    """The class names a prediction may use, read from the ``sentences`` features."""
    figure, attribution = features["figures"].feature, features["attributions"].feature
    return Vocabulary(
        span_labels=list(features["spans"].feature["label"].names),
        attribution_types=list(attribution["type"].names),
        figure_kinds=list(figure["kind"].names),
        figure_approx=list(figure["approx"].names),
        checkworthy=list(features["checkworthy"].names),
    )


@dataclass
class Reference:
    """One split of the ``sentences`` config: its rows by id (class names decoded) and its vocabulary."""

    dataset: str
    split: str
    rows: dict[str, dict[str, Any]]
    vocabulary: Vocabulary

    @cached_property
    def gold(self) -> dict[str, Labels]:
        """The rows' labels as the scorer compares them (made once: every baseline reads them)."""
        return {sentence_id: labels_of_row(row) for sentence_id, row in self.rows.items()}


def load_config(dataset: str, config: str, split: str, cache_dir: str | None) -> Any:
    """One split of one config of a dataset folder or Hub repository id, as ``datasets`` loads it."""
    try:
        import datasets
    except ImportError:
        raise ScoringError("reading the dataset needs the datasets library: pip install datasets") from None
    if not sys.stderr.isatty():  # no progress bars in a log or a pipe
        datasets.disable_progress_bars()
    try:
        return datasets.load_dataset(dataset, config, split=split, cache_dir=cache_dir)
    except (OSError, datasets.exceptions.DatasetNotFoundError) as exc:  # no such folder, no such repo, no network
        raise ScoringError(f"{dataset}: cannot read it as a dataset folder or a Hub repository ({exc})") from None
    except ValueError as exc:
        if "split" in str(exc).lower():
            raise ScoringError(f"{dataset}: the {config} config has no split {split!r} ({exc})") from None
        raise ScoringError(f"{dataset}: cannot read the {config} config: {exc}") from None


def load_reference(dataset: str, split: str = "test", cache_dir: str | None = None) -> Reference:
    """The reference rows of ``split`` from a dataset folder or Hub repository id."""
    data = load_config(dataset, SENTENCES, split, cache_dir)
    features = data.features
    rows = {row["id"]: decode(features, row) for row in data}
    return Reference(dataset, split, rows, vocabulary(features))


def load_annotations(reference: Reference, cache_dir: str | None = None) -> list[tuple[str, str, Labels]]:
    """Each annotator's labels of the reference's sentences (sentence id, annotator, labels), from
    the ``annotations`` config of the same split; orphans (their sentence changed) left out."""
    data = load_config(reference.dataset, ANNOTATIONS, reference.split, cache_dir)
    features = data.features
    found = []
    for raw in data:
        if raw.get("orphan") or raw["sentence_id"] not in reference.rows:
            continue
        record = decode(features, raw)
        found.append((record["sentence_id"], record["annotator"], labels_of_row(row_of_annotation(record))))
    return found


@dataclass
class Predictions:
    """The rows of a predictions file by id, one ``file:line: reason`` per row that does not fit, and
    the ids those rows name (so that they are not also counted as sentences without a prediction)."""

    rows: dict[str, dict[str, Any]]
    errors: list[str]
    ids_of_bad_rows: set[str]


def read_predictions(path: str, vocab: Vocabulary) -> Predictions:
    """The prediction rows of a JSON Lines file, checked one by one."""
    rows: dict[str, dict[str, Any]] = {}
    bad: set[str] = set()
    lines: dict[str, int] = {}
    errors: list[str] = []
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below; a missing file is one message)
    except OSError as exc:
        raise ScoringError(f"{path}: cannot read the predictions: {exc.strerror}") from None
    with handle:
        for number, raw in enumerate(handle, 1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                errors.append(f"{path}:{number}: not UTF-8 text")
                continue
            if not text.strip():
                continue
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                errors.append(f"{path}:{number}: not JSON: {exc.msg} (column {exc.colno})")
                continue
            row, problems = check_prediction(value, vocab)
            if row is None:
                errors.append(f"{path}:{number}: " + "; ".join(problems))
                if isinstance(value, dict) and isinstance(value.get("id"), str):
                    bad.add(value["id"])
            elif row["id"] in lines:
                errors.append(
                    f"{path}:{number}: id {row['id']!r} is predicted twice (first on line {lines[row['id']]})"
                )
            else:
                rows[row["id"]], lines[row["id"]] = row, number
    return Predictions(rows, errors, bad)


def _ids(ids: list[str]) -> str:
    shown = ", ".join(ids[:LISTED])
    return shown + (f" and {len(ids) - LISTED} more" if len(ids) > LISTED else "")


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


@dataclass
class Evaluation:
    """The scores of one set of predictions on one split, and what could not be scored."""

    name: str  # what was scored: a predictions file, a baseline, an annotator
    dataset: str
    split: str
    scores: dict[str, Any]
    reference: int  # sentences in the split (for an annotator: those they labelled beside others)
    missing: list[str] = field(default_factory=list)  # ids of the split without a prediction
    unknown: list[str] = field(default_factory=list)  # predicted ids not in the split

    def warnings(self) -> list[str]:
        found = []
        if self.missing:
            found.append(
                f"{len(self.missing)} of the {self.reference} {self.split} sentences have no prediction and were "
                f"scored as empty predictions: {_ids(self.missing)}"
            )
        if self.unknown:
            found.append(
                f"{len(self.unknown)} predicted ids are not {self.split} sentences of {self.dataset} and were not "
                f"scored: {_ids(self.unknown)}"
            )
        return found

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "dataset": self.dataset,
            "split": self.split,
            "reference_sentences": self.reference,
            "missing": {"count": len(self.missing), "ids": self.missing},
            "unknown": {"count": len(self.unknown), "ids": self.unknown},
            "warnings": self.warnings(),
            "scores": self.scores,
        }

    def line(self) -> str:
        s = self.scores
        spans, attributions, figures, check = s["spans"], s["attributions"], s["figures"], s["checkworthy"]
        out = [
            f"{self.name} on the {self.split} split of {self.dataset}: {s['sentences']} sentences scored "
            f"({len(self.missing)} without a prediction, {len(self.unknown)} unknown ids)",
            f"  {'spans':<12} {'exact P':>8} {'R':>6} {'F1':>6} {'overlap F1':>11} {'gold':>6} {'predicted':>10}",
        ]
        for label, row in [*spans["labels"].items(), ("all", spans["all"])]:
            exact = row["exact"]
            out.append(
                f"  {label:<12} {_fmt(exact['precision']):>8} {_fmt(exact['recall']):>6} {_fmt(exact['f1']):>6} "
                f"{_fmt(row['overlap']['f1']):>11} {row['gold']:>6} {row['predicted']:>10}"
            )
        out.append(
            f"  attributions: (SOURCE, CONTENT) pair F1 {_fmt(attributions['pair']['f1'])} "
            f"({attributions['gold']} gold, {attributions['predicted']} predicted), typed-pair F1 "
            f"{_fmt(attributions['typed_pair']['f1'])}, type accuracy {_fmt(attributions['type_accuracy'])} "
            f"on {attributions['matched']} matched pairs"
        )
        fields = ", ".join(f"{name} {_fmt(figures['fields'][name]['accuracy'])}" for name in FIGURE_FIELDS)
        out.append(
            f"  figures: span F1 {_fmt(figures['span']['f1'])} ({figures['gold']} gold, {figures['predicted']} "
            f"predicted); on {figures['matched']} matched: {fields}"
        )
        classes = ", ".join(f"{name} {_fmt(c['f1'])}" for name, c in check["classes"].items())
        out.append(
            f"  checkworthy: macro-F1 {_fmt(check['macro_f1'])}, accuracy {_fmt(check['accuracy'])} on "
            f"{check['scored']} sentences ({check['no_gold_class']} without a gold class); F1 per class: {classes}"
        )
        out += [f"warning: {w}" for w in self.warnings()]
        return "\n".join(out)


def score(
    reference: Reference, predictions: dict[str, dict[str, Any]], name: str, gold: dict[str, Labels] | None = None
) -> Evaluation:
    """Every measure of ``predictions`` (rows by id) against the reference split."""
    gold = reference.gold if gold is None else gold
    counts = Counts()
    for sentence_id, labels in gold.items():
        compare(labels, labels_of_row(predictions.get(sentence_id, EMPTY)), into=counts)
    vocab = reference.vocabulary
    return Evaluation(
        name,
        reference.dataset,
        reference.split,
        scores(counts, vocab.span_labels, vocab.checkworthy),
        len(gold),
        missing=sorted(set(gold) - set(predictions)),
        unknown=sorted(set(predictions) - set(gold)),
    )


def score_file(reference: Reference, path: str) -> Evaluation:
    """The scores of a predictions file; ScoringError (every bad row, then the counts) when a row does not fit."""
    predictions = read_predictions(path, reference.vocabulary)
    result = score(reference, predictions.rows, path)
    if predictions.errors:
        result.missing = [i for i in result.missing if i not in predictions.ids_of_bad_rows]
        counts = f"{len(predictions.errors)} rows do not fit: nothing was scored"
        raise ScoringError("\n".join([*predictions.errors, *result.warnings(), counts]))
    return result


@dataclass
class HumanCeiling:
    """Each annotator against the final labels, on the sentences that several annotators labelled."""

    annotators: list[Evaluation]
    pooled: Evaluation  # reference: the sentences compared; its scores count each annotator's labels of each

    def warnings(self) -> list[str]:
        return []

    def to_dict(self) -> dict[str, Any]:
        return {"annotators": [e.to_dict() for e in self.annotators], "pooled": self.pooled.to_dict()}

    def line(self) -> str:
        if not self.pooled.reference:
            return f"no {self.pooled.split} sentence of {self.pooled.dataset} was labelled by two annotators or more"
        return "\n".join(e.line() for e in [*self.annotators, self.pooled])


def human_ceiling(reference: Reference, annotations: Iterable[tuple[str, str, Labels]]) -> HumanCeiling:
    """Each annotator's labels scored against the final labels of the sentences they labelled, where
    two annotators or more labelled the sentence (with one, the final labels are theirs); pooled: all."""
    by_sentence: dict[str, dict[str, Labels]] = defaultdict(dict)
    for sentence_id, annotator, labels in annotations:
        by_sentence[sentence_id][annotator] = labels
    return ceiling_of_groups(reference, ((s, by_sentence[s]) for s in sorted(by_sentence)))


def ceiling_of_groups(reference: Reference, groups: Iterable[tuple[str, dict[str, Labels]]]) -> HumanCeiling:
    """``human_ceiling`` of readings given a sentence at a time (its labels by annotator), so that a
    large test split's readings need not all be held at once; a sentence given twice counts twice."""
    gold = reference.gold
    vocab = reference.vocabulary
    each = defaultdict[str, Counts](Counts)
    shared = 0
    for sentence_id, by_annotator in groups:
        if len(by_annotator) < 2:
            continue
        shared += 1
        for annotator, labels in by_annotator.items():
            compare(gold[sentence_id], labels, into=each[annotator])
    pooled = Counts()
    for counts in each.values():
        pooled.add(counts)

    def evaluation(name: str, counts: Counts) -> Evaluation:
        return Evaluation(
            name,
            reference.dataset,
            reference.split,
            scores(counts, vocab.span_labels, vocab.checkworthy),
            counts.sentences,
        )

    together = evaluation(f"all annotators (pooled: {pooled.sentences} labellings of {shared} sentences)", pooled)
    together.reference = shared
    return HumanCeiling([evaluation(f"annotator {name}", each[name]) for name in sorted(each)], together)


def main(argv: list[str] | None = None, default_dataset: str | None = None) -> int:
    """``python evaluate.py PREDICTIONS.jsonl [--dataset DIR|REPO_ID] [--split test] [--json]``."""
    parser = argparse.ArgumentParser(
        description="Score predictions (rows of the sentences config, JSON Lines) against a split of this dataset.",
        epilog="Example: python evaluate.py predictions.jsonl --split test --json",
    )
    parser.add_argument("predictions", nargs="?", help="JSON Lines: one row of the sentences config per line")
    parser.add_argument("--dataset", default=default_dataset, help="dataset folder or Hub repository id")
    parser.add_argument("--split", default="test", help="split to score against (default: test)")
    parser.add_argument("--human", action="store_true", help="score each annotator against the final labels")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if not args.dataset:
        parser.error("--dataset is required")
    if bool(args.predictions) == bool(args.human):
        parser.error("give a predictions file, or --human")
    try:
        reference = load_reference(args.dataset, args.split)
        result: Evaluation | HumanCeiling = (
            human_ceiling(reference, load_annotations(reference))
            if args.human
            else score_file(reference, args.predictions)
        )
    except ScoringError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:  # the warnings are in the JSON too; said on stderr for whoever watches
        for warning in result.warnings():
            print(f"warning: {warning}", file=sys.stderr)
    print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if args.json else result.line())
    return 0


def script_main() -> None:
    """The entry point of the shipped evaluate.py: the dataset defaults to the folder it is in."""
    sys.exit(main(default_dataset=os.path.dirname(os.path.abspath(sys.argv[0]))))
