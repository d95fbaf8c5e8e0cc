"""What changed in the data between two releases: read from their parquet files.

A sentence is added or removed by its id; it changed when it is in both releases with other
offsets or other merged labels; a removed sentence whose document has a new sentence alike
enough is a correction, named with both texts. Annotations are counted by their id; orphans by
their flag, and the sentences they were made on are named.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pyarrow.parquet as pq

from corpus.labels.anchor import corrections

_LABEL_COLUMNS = ("start", "end", "spans", "attributions", "figures", "checkworthy")
NAMED = 20  # corrected and orphaned sentences named in the changelog; the rest counted


@dataclass
class DataChanges:
    sentences_added: int = 0
    sentences_removed: int = 0
    sentences_changed: int = 0
    annotations_added: int = 0
    annotations_removed: int = 0
    orphans: int = 0
    corrected: list[dict[str, str]] = field(default_factory=list)  # doc_id, old_text, new_text
    orphaned: list[dict[str, Any]] = field(default_factory=list)  # doc_id, sentence_text, annotations

    def lines(self) -> list[str]:
        corrected = [f"  - in `{c['doc_id']}`: {c['old_text']!r} → {c['new_text']!r}" for c in self.corrected[:NAMED]]
        orphaned = [
            f"  - `{o['doc_id']}`: {o['sentence_text']!r} ({o['annotations']} annotations)"
            for o in self.orphaned[:NAMED]
        ]
        return [
            f"- sentences: {self.sentences_added} added, {self.sentences_removed} removed, "
            f"{self.sentences_changed} changed (offsets or merged labels)",
            *(
                [f"- corrected sentences (the old version removed, the new one added): {len(self.corrected)}"]
                if self.corrected
                else []
            ),
            *corrected,
            *(["  - ..."] if len(self.corrected) > NAMED else []),
            f"- annotations: {self.annotations_added} added, {self.annotations_removed} removed",
            f"- orphaned annotations (their sentence is gone or changed; kept in `annotations`, out of the merged configs): "
            f"{self.orphans}",
            *orphaned,
            *(["  - ..."] if len(self.orphaned) > NAMED else []),
        ]


def _rows(folder: Path, config: str, columns: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted((folder / "data" / config).glob("*.parquet")):
        names = pq.read_schema(path).names
        rows.extend(pq.read_table(path, columns=[c for c in columns if c in names]).to_pylist())
    return rows


def _fingerprints(folder: Path) -> dict[str, str]:
    rows = _rows(folder, "sentences", ["id", *_LABEL_COLUMNS])
    return {
        row["id"]: hashlib.blake2b(
            json.dumps([row.get(c) for c in _LABEL_COLUMNS], sort_keys=True, default=str).encode(), digest_size=8
        ).hexdigest()
        for row in rows
    }


def _count(folder: Path, config: str) -> int:
    return sum(pq.read_metadata(path).num_rows for path in (folder / "data" / config).glob("*.parquet"))


def _orphans(folder: Path) -> list[dict[str, Any]]:
    """The orphaned annotations' rows only (Arrow filters them: most annotations are not)."""
    rows: list[dict[str, Any]] = []
    for path in sorted((folder / "data" / "annotations").glob("*.parquet")):
        if "orphan" not in pq.read_schema(path).names:
            continue
        if not pc.any(pq.read_table(path, columns=["orphan"]).column("orphan")).as_py():
            continue  # no orphan here: the texts are not read
        table = pq.read_table(path, columns=["orphan", "doc_id", "sentence_text"])
        rows.extend(table.filter(table["orphan"]).to_pylist())  # a null orphan flag is dropped, as False
    return rows


def data_changes(previous: Path | None, current: Path) -> DataChanges:
    """Compare the dataset folder ``current`` with the previous release's folder (if any)."""
    changes = DataChanges()
    orphan_rows = _orphans(current)
    changes.orphans = len(orphan_rows)
    orphaned = Counter((row["doc_id"], row["sentence_text"]) for row in orphan_rows)
    changes.orphaned = [
        {"doc_id": doc, "sentence_text": text, "annotations": n} for (doc, text), n in sorted(orphaned.items())
    ]
    if previous is None or not (previous / "data").is_dir():
        changes.sentences_added = _count(current, "sentences")
        changes.annotations_added = _count(current, "annotations")
        return changes
    new_sentences = _fingerprints(current)
    new_annotations = _rows(current, "annotations", ["id"])
    old_sentences = _fingerprints(previous)
    changes.sentences_added = len(new_sentences.keys() - old_sentences.keys())
    changes.sentences_removed = len(old_sentences.keys() - new_sentences.keys())
    if changes.sentences_removed:
        texts = ["id", "doc_id", "text"]
        gone = [
            (r["id"], r["doc_id"], r["text"])
            for r in _rows(previous, "sentences", texts)
            if r["id"] not in new_sentences
        ]
        added = [
            (r["id"], r["doc_id"], r["text"])
            for r in _rows(current, "sentences", texts)
            if r["id"] not in old_sentences
        ]
        changes.corrected = [
            {"doc_id": c.doc_id, "old_text": c.old_text, "new_text": c.new_text} for c in corrections(gone, added)
        ]
    changes.sentences_changed = sum(
        1 for k in new_sentences.keys() & old_sentences.keys() if new_sentences[k] != old_sentences[k]
    )
    old_ids = {row["id"] for row in _rows(previous, "annotations", ["id"])}
    new_ids = {row["id"] for row in new_annotations}
    changes.annotations_added, changes.annotations_removed = len(new_ids - old_ids), len(old_ids - new_ids)
    return changes
