"""Rows to parquet: encoded by their ``Features``, streamed into one file per split."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from datasets import ClassLabel, Features, List

ROW_GROUP = 5000


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
        return lambda value: (
            None if value is None else {name: encode(value.get(name)) for name, encode in fields.items()}
        )
    return lambda value: value


class ParquetSink:
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
