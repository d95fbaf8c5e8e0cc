"""What changed in the data between two releases: read from their parquet files.

A sentence is added or removed by its id; it changed when it is in both releases with other
offsets or other merged labels. Annotations are counted by their id; orphans by their flag.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

_LABEL_COLUMNS = ("start", "end", "spans", "attributions", "figures", "checkworthy")


@dataclass
class DataChanges:
    sentences_added: int = 0
    sentences_removed: int = 0
    sentences_changed: int = 0
    annotations_added: int = 0
    annotations_removed: int = 0
    orphans: int = 0

    def lines(self) -> list[str]:
        return [
            f"- sentences: {self.sentences_added} added, {self.sentences_removed} removed, "
            f"{self.sentences_changed} changed (offsets or merged labels)",
            f"- annotations: {self.annotations_added} added, {self.annotations_removed} removed",
            f"- orphaned annotations (their sentence is gone or changed; kept in `annotations`, out of the merged configs): "
            f"{self.orphans}",
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


def data_changes(previous: Path | None, current: Path) -> DataChanges:
    """Compare the dataset folder ``current`` with the previous release's folder (if any)."""
    changes = DataChanges()
    new_annotations = _rows(current, "annotations", ["id", "orphan"])
    changes.orphans = sum(1 for row in new_annotations if row.get("orphan"))
    new_sentences = _fingerprints(current)
    if previous is None or not (previous / "data").is_dir():
        changes.sentences_added, changes.annotations_added = len(new_sentences), len(new_annotations)
        return changes
    old_sentences = _fingerprints(previous)
    changes.sentences_added = len(new_sentences.keys() - old_sentences.keys())
    changes.sentences_removed = len(old_sentences.keys() - new_sentences.keys())
    changes.sentences_changed = sum(
        1 for k in new_sentences.keys() & old_sentences.keys() if new_sentences[k] != old_sentences[k]
    )
    old_ids = {row["id"] for row in _rows(previous, "annotations", ["id"])}
    new_ids = {row["id"] for row in new_annotations}
    changes.annotations_added, changes.annotations_removed = len(new_ids - old_ids), len(old_ids - new_ids)
    return changes
