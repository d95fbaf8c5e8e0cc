"""The build loop of ``corpus publish``: the data folder's records become one parquet file per
config and split (``data/<config>/<split>-00000-of-00001.parquet``), streamed, in two halves
that run on both cores (see ``build_folder``).
"""

from __future__ import annotations

import json
import pickle
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import orjson

from corpus.dataset.baseline import Baseline
from corpus.dataset.features import CONFIGS, config_features
from corpus.dataset.parquet import ParquetSink
from corpus.dataset.splits import document_split
from corpus.dataset.tokens import token_row
from corpus.defaults import ANNOTATIONS_FILE, DOCUMENTS_FILE, MERGED_FILE, SENTENCES_FILE
from corpus.errors import CorpusError
from corpus.jsonl import read_records
from corpus.labels.agreement import Reading, reading
from corpus.labels.anchor import reanchor_annotation, reanchor_merged, same_sentence
from corpus.labels.merge import LAYERS, unresolved_layers
from corpus.studio.fork import Worker, safe_to_fork

BASELINE_SPLIT = "test"


@dataclass
class BuildStats:
    rows: dict[str, dict[str, int]] = field(default_factory=dict)  # config -> split -> rows
    files: dict[str, list[str]] = field(default_factory=dict)  # config -> splits that have a file
    documents: list[dict[str, Any]] = field(default_factory=list)  # metadata only (no text)
    merged_by_split: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    annotations: list[Reading] = field(default_factory=list)  # comparable readings, for agreement
    methods: Counter[str] = field(default_factory=Counter)  # how each sentence's final labels were decided
    layer_methods: dict[str, Counter[str]] = field(default_factory=dict)  # label layer -> method -> sentences
    unresolved: list[str] = field(default_factory=list)  # sentence ids with a tie nobody adjudicated
    baseline: Baseline = field(default_factory=Baseline)  # the pre-annotator on the test split
    merged_records: int = 0  # merged records read (anchored or not)
    orphan_annotations: int = 0  # annotations whose sentence is gone or changed
    orphan_sentences: int = 0  # merged records left out for the same reason
    orphan_tasks: list[int] = field(default_factory=list)  # Label Studio task ids of the orphans
    moved: int = 0  # annotations placed at other offsets than they were annotated at
    unplaced_spans: int = 0  # context spans no longer found in their sentence's context


def _inside(ref: dict[str, Any] | None, start: int, end: int) -> bool:
    return ref is None or (start <= ref["doc_start"] and ref["doc_end"] <= end)


def _stays(record: dict[str, Any], sentence: dict[str, Any], refs: Iterable[dict[str, Any] | None]) -> bool:
    start = record["sentence_start"]
    if start != sentence["start"] or record["context_start"] != sentence["context_start"]:
        return False
    end = start + len(record["sentence_text"])
    return all(_inside(ref, start, end) for ref in refs)


def annotation_stays(record: dict[str, Any], sentence: dict[str, Any]) -> bool:
    """Whether ``reanchor_annotation`` would give the record back as it is (so the copy it makes
    can be skipped): the sentence stands where it was annotated and no span lies in its context
    (those are looked up again)."""
    return _stays(record, sentence, record["spans"])


def merged_stays(record: dict[str, Any], sentence: dict[str, Any]) -> bool:
    """``annotation_stays`` for a merged record: its spans, attributions and figures."""
    refs = [*record["spans"], *record["figures"]]
    refs += [a[role] for a in record["attributions"] for role in ("content", "source", "cue")]
    return _stays(record, sentence, refs)


def _pack(record: dict[str, Any]) -> bytes:
    try:
        return orjson.dumps(record)
    except TypeError:  # what orjson refuses (an integer beyond 64 bits)
        return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()


def _unpack(packed: bytes) -> dict[str, Any]:
    try:
        labels: dict[str, Any] = orjson.loads(packed)
    except orjson.JSONDecodeError:
        labels = json.loads(packed)
    return labels


def build_folder(data_dir: Path, folder: Path, *, seed: int, ratios: dict[str, float]) -> BuildStats:
    """Write every config's parquet files into ``folder`` from the records in ``data_dir``.

    Two halves that share only where the current sentences stand: the raw annotations (the
    ``annotations`` config and the readings the card's agreement needs) here, and the merged
    labels (the other configs) in a worker process where this one may fork, on the other core.
    """
    # Where each current sentence stands: what re-anchors the labels annotated on it.
    anchors = {
        s["id"]: {k: s[k] for k in ("text", "start", "context_before", "context_start")}
        for s in read_records(data_dir / SENTENCES_FILE, record_type="sentence")
    }
    halves = _Halves(data_dir, folder, seed, ratios, anchors)
    if not safe_to_fork():
        labels = halves.labels()
        return _joined(labels, halves.annotations(), ratios)
    worker = Worker(_labels_in_worker, halves, name="corpus-publish-labels")
    try:
        annotations = halves.annotations()
        try:
            answer = worker.connection.recv()
        except EOFError:
            raise worker.ended("writing the merged labels", "nothing was published, run the command again") from None
    finally:
        worker.close()
    if isinstance(answer, BaseException):
        raise answer
    return _joined(answer, annotations, ratios)


def _labels_in_worker(connection: Connection, halves: _Halves) -> None:
    try:
        answer: BuildStats | BaseException = halves.labels()
    except BaseException as error:  # raised in the parent, as if built there
        answer = error
    try:
        connection.send(answer)
    except (TypeError, AttributeError, pickle.PicklingError):  # an error that does not pickle: its text
        connection.send(CorpusError(f"{type(answer).__name__}: {answer}"))
    except OSError:
        return  # the parent stopped listening


def _joined(labels: BuildStats, annotations: BuildStats, ratios: dict[str, float]) -> BuildStats:
    """The two halves' counts as one, configs in their published order."""
    labels.annotations = annotations.annotations
    labels.orphan_annotations, labels.orphan_tasks = annotations.orphan_annotations, annotations.orphan_tasks
    labels.moved, labels.unplaced_spans = annotations.moved, annotations.unplaced_spans
    rows, files = {**labels.rows, **annotations.rows}, {**labels.files, **annotations.files}
    labels.rows = {config: rows[config] for config in CONFIGS}
    labels.files = {config: files[config] for config in CONFIGS}
    return labels


class _Halves:
    """The two halves of the build (see ``build_folder``), each with its own parquet sinks."""

    def __init__(
        self, data_dir: Path, folder: Path, seed: int, ratios: dict[str, float], anchors: dict[str, dict[str, Any]]
    ):
        self.data_dir, self.folder, self.seed, self.ratios, self.anchors = data_dir, folder, seed, ratios, anchors
        self.features = config_features()
        self._splits: dict[str, str] = {}

    def split_of(self, doc_id: str) -> str:  # a hash per document, not per row
        split = self._splits.get(doc_id)
        if split is None:
            split = self._splits[doc_id] = document_split(doc_id, self.seed, self.ratios)
        return split

    def _close(self, sinks: dict[str, ParquetSink], stats: BuildStats) -> BuildStats:
        for config, sink in sinks.items():
            sink.close(list(self.ratios))
            stats.rows[config] = {split: sink.counts.get(split, 0) for split in self.ratios}
            stats.files[config] = [s for s in self.ratios if s in sink.splits()]
        return stats

    def annotations(self) -> BuildStats:
        """The ``annotations`` config, re-anchored, and the readings of the current ones."""
        stats = BuildStats()
        sink = ParquetSink(self.folder, "annotations", self.features["annotations"])
        for record in read_records(self.data_dir / ANNOTATIONS_FILE, record_type="annotation"):
            split = self.split_of(record["doc_id"])
            sentence = self.anchors.get(record["sentence_id"])
            orphan = not same_sentence(record, sentence)
            if orphan:
                stats.orphan_annotations += 1
                stats.orphan_tasks.append(record["label_studio"]["task"])
            else:
                assert sentence is not None
                stats.moved += record["sentence_start"] != sentence["start"]
                if not annotation_stays(record, sentence):
                    record = reanchor_annotation(record, sentence)
                    stats.unplaced_spans += record.pop("unplaced")
                stats.annotations.append(reading(record))
            record["orphan"] = orphan
            sink.add(split, record)  # the sink takes the config's fields
        return self._close({"annotations": sink}, stats)

    def labels(self) -> BuildStats:
        """The merged labels' configs (sentences, tokens, attributions, figures) and documents."""
        stats = BuildStats()
        sinks = {
            config: ParquetSink(self.folder, config, self.features[config])
            for config in CONFIGS
            if config != "annotations"
        }
        # The merged labels wait for their sentence as compact JSON: a third of the memory of dicts.
        merged: dict[str, bytes] = {}
        annotated_docs: set[str] = set()
        for record in read_records(self.data_dir / MERGED_FILE, record_type="merged"):
            stats.merged_records += 1
            sentence = self.anchors.get(record["sentence_id"])
            if not same_sentence(record, sentence):
                stats.orphan_sentences += 1
                continue
            assert sentence is not None
            if not merged_stays(record, sentence):
                record = reanchor_merged(record, sentence)
                record.pop("unplaced")
            merged[record["sentence_id"]] = _pack(record)
            annotated_docs.add(record["doc_id"])
        for sentence in read_records(self.data_dir / SENTENCES_FILE, record_type="sentence"):
            packed = merged.pop(sentence["id"], None)
            if packed is None:
                continue
            labels = _unpack(packed)
            split = self.split_of(sentence["doc_id"])
            sinks["sentences"].add(split, {**sentence, **labels})  # the labels' fields win, as the sink takes them
            sinks["tokens"].add(split, token_row(sentence, labels))
            for attribution in labels["attributions"]:
                sinks["attributions"].add(
                    split, {"sentence_id": sentence["id"], "doc_id": sentence["doc_id"], **attribution}
                )
            for figure in labels["figures"]:
                sinks["figures"].add(split, {"sentence_id": sentence["id"], "doc_id": sentence["doc_id"], **figure})
            stats.methods[labels["method"]] += 1
            for layer, method in (labels.get("methods") or dict.fromkeys(LAYERS, labels["method"])).items():
                stats.layer_methods.setdefault(layer, Counter())[method] += 1
            if unresolved_layers(labels):
                stats.unresolved.append(sentence["id"])
            if split == BASELINE_SPLIT:
                stats.baseline.add(sentence, labels)
            stats.merged_by_split.setdefault(split, []).append(
                {"spans": [s["label"] for s in labels["spans"]], "checkworthy": labels["checkworthy"]}
            )
        for document in read_records(self.data_dir / DOCUMENTS_FILE, record_type="document"):
            if document["id"] not in annotated_docs:
                continue
            split = self.split_of(document["id"])
            sinks["documents"].add(split, document)
            stats.documents.append(
                {k: document.get(k) for k in ("id", "publisher", "license", "language")} | {"split": split}
            )
        return self._close(sinks, stats)
