"""``corpus publish``: pull's records become a Hugging Face dataset folder.

The folder is a complete dataset repository: ``data/<config>/<split>-00000-of-00001.parquet``,
a dataset card (``README.md``) whose YAML declares the configs and typed features, the schema
files, ``CHANGELOG.md`` and ``release.json`` (what the next publish compares against).
Splits are by document: a document's split is a hash of the seed and its id, so it never
changes when other documents are added, and no document is in two splits.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import ClassLabel, Features, List
from syntok.tokenizer import Tokenizer

from corpus.errors import OptionError
from corpus.dataset.features import LAYERS, config_features
from corpus.jsonl import read_records
from corpus.schema import SCHEMA_VERSION, schemas_root
from corpus.defaults import ANNOTATIONS_FILE, DOCUMENTS_FILE, MERGED_FILE, SENTENCES_FILE

CONFIGS = ("sentences", "attributions", "figures", "tokens", "documents", "annotations")
ROW_GROUP = 5000
_TOKENIZER = Tokenizer(emit_hyphen_or_underscore_sep=True, replace_not_contraction=False)


def parse_ratios(text: str) -> dict[str, float]:
    """'train=0.8,validation=0.1,test=0.1' -> ratios that sum to 1."""
    ratios: dict[str, float] = {}
    for part in text.split(","):
        name, _, value = part.partition("=")
        try:
            ratios[name.strip()] = float(value)
        except ValueError:
            raise OptionError(f"bad split ratio {part!r}; expected NAME=FRACTION, e.g. train=0.8") from None
    total = sum(ratios.values())
    if not ratios or any(v < 0 for v in ratios.values()) or abs(total - 1) > 1e-6:
        raise OptionError(f"split ratios must be non-negative and sum to 1, got {text!r}")
    return ratios


def split_of(doc_id: str, seed: int, ratios: dict[str, float]) -> str:
    """Deterministic split of a document: depends only on the seed and the document id."""
    digest = hashlib.blake2b(f"{seed}:{doc_id}".encode(), digest_size=8).digest()
    point = int.from_bytes(digest, "big") / 2**64
    cumulative = 0.0
    for name, ratio in ratios.items():
        cumulative += ratio
        if point < cumulative:
            return name
    return list(ratios)[-1]


def bio_tags(token_spans: list[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> list[str]:
    """BIO tags of one layer: a token is inside a span when it overlaps it."""
    tags = ["O"] * len(token_spans)
    for start, end in sorted(spans):
        first = True
        for i, (a, b) in enumerate(token_spans):
            if a < end and start < b:
                if tags[i] == "O":
                    tags[i] = "B" if first else "I"
                first = False
    return tags


def token_row(sentence: dict[str, Any], merged: dict[str, Any]) -> dict[str, Any]:
    text = sentence["text"]
    tokens = [(t.offset, t.offset + len(t.value)) for t in _TOKENIZER.tokenize(text)]
    row: dict[str, Any] = {
        "sentence_id": sentence["id"], "doc_id": sentence["doc_id"],
        "tokens": [text[a:b] for a, b in tokens], "token_starts": [a for a, _ in tokens], "token_ends": [b for _, b in tokens],
    }
    for layer in LAYERS:
        spans = [(s["start"], s["end"]) for s in merged["spans"] if s["label"] == layer and not s["in_context"]]
        row[f"{layer.lower()}_tags"] = [t if t == "O" else f"{t}-{layer}" for t in bio_tags(tokens, spans)]
    return row


def row_encoder(feature: Any) -> Any:
    """A fast encoder of rows for a Features tree: ClassLabel names become their ids (None: -1).

    Does what ``Features.encode_example`` does for the feature types used here, without its
    per-value type inspection, which dominated the time of publish.
    """
    if isinstance(feature, ClassLabel):
        ids = {name: i for i, name in enumerate(feature.names)}
        return lambda value: -1 if value is None else ids[value]
    if isinstance(feature, List):
        inner = row_encoder(feature.feature)
        return lambda value: None if value is None else [inner(v) for v in value]
    if isinstance(feature, (dict, Features)):
        fields = {name: row_encoder(sub) for name, sub in feature.items()}
        return lambda value: None if value is None else {name: encode(value.get(name)) for name, encode in fields.items()}
    return lambda value: value


class _ParquetSink:
    """Streams rows of one config into one parquet file per split, encoded by its Features."""

    def __init__(self, folder: Path, config: str, features: Features):
        self.folder = folder / "data" / config
        self.features = features
        self.encode = row_encoder(features)
        self.schema = features.arrow_schema
        # The same metadata datasets itself writes, so that ClassLabel names survive on load.
        metadata = {"huggingface": json.dumps({"info": {"features": features.to_dict()}})}
        self.schema = self.schema.with_metadata(metadata)
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.buffers: dict[str, list[dict[str, Any]]] = {}
        self.counts: dict[str, int] = {}

    def add(self, split: str, row: dict[str, Any]) -> None:
        self.buffers.setdefault(split, []).append(self.encode(row))
        self.counts[split] = self.counts.get(split, 0) + 1
        if len(self.buffers[split]) >= ROW_GROUP:
            self._flush(split)

    def _flush(self, split: str) -> None:
        rows = self.buffers.get(split)
        if not rows:
            return
        if split not in self.writers:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.writers[split] = pq.ParquetWriter(self.folder / f"{split}-00000-of-00001.parquet", self.schema)
        self.writers[split].write_table(pa.Table.from_pylist(rows, schema=self.schema))
        self.buffers[split] = []

    def close(self, splits: list[str]) -> None:
        # Only splits with rows get a file: datasets refuses to load a split with no rows.
        for split in splits:
            self._flush(split)
        for writer in self.writers.values():
            writer.close()

    def splits(self) -> list[str]:
        return list(self.writers)


@dataclass
class BuildStats:
    rows: dict[str, dict[str, int]] = field(default_factory=dict)  # config -> split -> rows
    files: dict[str, list[str]] = field(default_factory=dict)  # config -> splits that have a file
    documents: list[dict[str, Any]] = field(default_factory=list)  # metadata only (no text)
    merged_by_split: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    annotations: list[dict[str, Any]] = field(default_factory=list)  # light copies for agreement


def _light_annotation(record: dict[str, Any]) -> dict[str, Any]:
    return {"sentence_id": record["sentence_id"], "annotator": record["annotator"], "checkworthy": record["checkworthy"],
            "spans": [(s["label"], s["in_context"], s["doc_start"], s["doc_end"]) for s in record["spans"]]}


def build_folder(data_dir: Path, folder: Path, *, seed: int, ratios: dict[str, float]) -> BuildStats:
    """Write every config's parquet files into ``folder`` from the records in ``data_dir``."""
    features = config_features()
    sinks = {config: _ParquetSink(folder, config, features[config]) for config in CONFIGS}
    stats = BuildStats()
    # The merged labels wait for their sentence as compact JSON: a third of the memory of dicts.
    merged: dict[str, str] = {}
    annotated_docs: set[str] = set()
    for record in read_records(data_dir / MERGED_FILE, record_type="merged"):
        merged[record["sentence_id"]] = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        annotated_docs.add(record["doc_id"])
    for record in read_records(data_dir / ANNOTATIONS_FILE, record_type="annotation"):
        split = split_of(record["doc_id"], seed, ratios)
        sinks["annotations"].add(split, {k: record[k] for k in features["annotations"]})
        stats.annotations.append(_light_annotation(record))
    for sentence in read_records(data_dir / SENTENCES_FILE, record_type="sentence"):
        packed = merged.pop(sentence["id"], None)
        if packed is None:
            continue
        labels = json.loads(packed)
        split = split_of(sentence["doc_id"], seed, ratios)
        sinks["sentences"].add(split, {**{k: sentence[k] for k in features["sentences"] if k in sentence}, **{k: labels[k] for k in features["sentences"] if k in labels}})
        sinks["tokens"].add(split, token_row(sentence, labels))
        for attribution in labels["attributions"]:
            sinks["attributions"].add(split, {"sentence_id": sentence["id"], "doc_id": sentence["doc_id"], **attribution})
        for figure in labels["figures"]:
            sinks["figures"].add(split, {"sentence_id": sentence["id"], "doc_id": sentence["doc_id"], **figure})
        stats.merged_by_split.setdefault(split, []).append({"spans": [s["label"] for s in labels["spans"]], "checkworthy": labels["checkworthy"]})
    for document in read_records(data_dir / DOCUMENTS_FILE, record_type="document"):
        if document["id"] not in annotated_docs:
            continue
        split = split_of(document["id"], seed, ratios)
        sinks["documents"].add(split, {k: document[k] for k in features["documents"]})
        stats.documents.append({k: document.get(k) for k in ("id", "publisher", "license", "language")} | {"split": split})
    for config, sink in sinks.items():
        sink.close(list(ratios))
        stats.rows[config] = {split: sink.counts.get(split, 0) for split in ratios}
        stats.files[config] = [s for s in ratios if s in sink.splits()]
    return stats


def copy_schemas(folder: Path) -> None:
    target = folder / "schemas" / SCHEMA_VERSION
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted((schemas_root() / SCHEMA_VERSION).glob("*.json")):
        shutil.copyfile(path, target / path.name)


def replace_folder(staging: Path, folder: Path) -> None:
    """Move a fully written staging folder into place, keeping the folder's .git if any."""
    folder.mkdir(parents=True, exist_ok=True)
    for child in folder.iterdir():
        if child.name == ".git":
            continue
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in staging.iterdir():
        shutil.move(str(child), folder / child.name)


def staging_dir(folder: Path) -> tempfile.TemporaryDirectory:
    """A temporary folder beside ``folder`` (same file system, so moving out of it is cheap)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix=f".{folder.name}.", dir=folder.parent)
