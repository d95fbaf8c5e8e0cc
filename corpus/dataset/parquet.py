"""Rows to parquet: encoded by their ``Features``, streamed into one file per split.

Rows are kept as they come (names, not ids) and turned into Arrow arrays a row group at a time
by pyarrow itself; the ``ClassLabel`` names then become their ids column by column
(``pyarrow.compute.index_in``), nested lists and structs included. Encoding each value in
Python first (``row_encoder``, what ``Features.encode_example`` does) took most of the time of
writing the files (docs/benchmarks.md); the files are the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

ROW_GROUP = 5000  # rows per row group (the files' layout: kept as it was)
BATCH = 500  # rows turned into Arrow at a time (divides ROW_GROUP)

# A feature is read by what it has, as ``datasets.Features`` and ``features.CompiledFeatures`` both
# have it: a ClassLabel its ``names``, a List its items' ``feature``, a struct its fields (a dict).


def _is_label(feature: Any) -> bool:
    return not isinstance(feature, dict) and hasattr(feature, "names")


def _is_list(feature: Any) -> bool:
    return not isinstance(feature, dict) and hasattr(feature, "feature")


def row_encoder(feature: Any) -> Any:
    """A fast encoder of rows for a Features tree: ClassLabel names become their ids (None: -1).

    Does what ``Features.encode_example`` does for the feature types used here, without its
    per-value type inspection. ``ParquetSink`` does the same column by column (``encode_array``).
    """
    if _is_label(feature):
        ids = {name: i for i, name in enumerate(feature.names)}
        return lambda value: -1 if value is None else ids[value]
    if _is_list(feature):
        inner = row_encoder(feature.feature)
        return lambda value: None if value is None else [inner(v) for v in value]
    if isinstance(feature, dict):
        fields = {name: row_encoder(sub) for name, sub in feature.items()}
        return lambda value: (
            None if value is None else {name: encode(value.get(name)) for name, encode in fields.items()}
        )
    return lambda value: value


def has_labels(feature: Any) -> bool:
    """Whether a feature holds a ClassLabel anywhere (else its rows need no encoding)."""
    if _is_label(feature):
        return True
    if _is_list(feature):
        return has_labels(feature.feature)
    if isinstance(feature, dict):
        return any(has_labels(sub) for sub in feature.values())
    return False


def named_type(feature: Any, encoded: Any) -> Any:
    """The Arrow type of a column before its ClassLabel names become ids: strings in their place."""
    if _is_label(feature):
        return pa.string()
    if _is_list(feature):
        return pa.list_(pa.field(encoded.value_field.name, named_type(feature.feature, encoded.value_type)))
    if isinstance(feature, dict):
        fields = [encoded.field(i) for i in range(encoded.num_fields)]
        return pa.struct([f.with_type(named_type(feature[f.name], f.type)) for f in fields])
    return encoded


def encode_array(array: Any, feature: Any, encoded: Any) -> Any:
    """``array`` (of ``named_type``) with every ClassLabel name replaced by its id (a missing one
    by -1), as ``encoded``. A name the ClassLabel does not have is an error, as in ``row_encoder``.
    """
    if not has_labels(feature):
        return array
    if _is_label(feature):
        ids = pc.index_in(array, value_set=pa.array(feature.names, pa.string()))
        unknown = pc.and_(array.is_valid(), ids.is_null())
        if pc.any(unknown).as_py():
            name = array.filter(unknown)[0].as_py()
            raise KeyError(f"{name!r} is not one of the names {feature.names}")
        return pc.fill_null(ids, -1).cast(encoded)
    if _is_list(feature):
        assert isinstance(array, pa.ListArray)
        values = encode_array(array.values, feature.feature, encoded.value_type)
        return pa.ListArray.from_arrays(array.offsets, values, type=encoded, mask=array.is_null())
    assert isinstance(array, pa.StructArray)
    fields = [encoded.field(i) for i in range(encoded.num_fields)]
    # flatten: the fields with the struct's nulls (under a null struct a field holds a filler, "" for a string)
    children = [encode_array(child, feature[f.name], f.type) for child, f in zip(array.flatten(), fields, strict=True)]
    return pa.StructArray.from_arrays(children, fields=fields, mask=array.is_null())


class ParquetSink:
    """Streams rows of one config into one parquet file per split, encoded by its Features."""

    def __init__(
        self,
        folder: Path,
        config: str,
        features: Any,  # datasets.Features or features.CompiledFeatures
        on_table: Callable[[str, pa.Table], None] | None = None,
        on_batch: Callable[[str, pa.RecordBatch], None] | None = None,
    ):
        self.folder = folder / "data" / config
        self.features = features
        self.on_table = on_table  # shown each row group as it is written (split, its Arrow table)
        self.on_batch = on_batch  # shown each batch of rows as it is made (split, its Arrow batch, names)
        # The same metadata datasets itself writes, so that ClassLabel names survive on load.
        metadata = {"huggingface": json.dumps({"info": {"features": features.to_dict()}})}
        self.schema = features.arrow_schema.with_metadata(metadata)
        self.named = pa.schema([f.with_type(named_type(features[f.name], f.type)) for f in self.schema])
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.buffers: dict[str, list[dict[str, Any]]] = {}  # rows not yet in a batch
        self.batches: dict[str, list[pa.RecordBatch]] = {}  # rows as Arrow (names), not yet written
        self.counts: dict[str, int] = {}

    def add(self, split: str, row: dict[str, Any]) -> None:
        """A row of the config's fields (names for ClassLabels; a missing field is null; other
        keys are left out). Rows become Arrow a batch at a time, a fraction of their size as
        Python objects, and are written a row group at a time."""
        buffer = self.buffers.setdefault(split, [])
        buffer.append(row)
        count = self.counts[split] = self.counts.get(split, 0) + 1
        if len(buffer) >= BATCH:
            self._batch(split)
        if count % ROW_GROUP == 0:
            self._flush(split)

    def add_batch(self, split: str, batch: pa.RecordBatch) -> None:
        """Rows already in Arrow, of the config's schema with names for ClassLabels (``named``): written
        in the row groups ``add`` would have written them in."""
        while batch.num_rows:
            room = ROW_GROUP - self.counts.get(split, 0) % ROW_GROUP
            part, batch = batch.slice(0, room), batch.slice(room)
            self.batches.setdefault(split, []).append(part)
            self.counts[split] = self.counts.get(split, 0) + part.num_rows
            if self.counts[split] % ROW_GROUP == 0:
                self._flush(split)

    def add_table(self, split: str, table: pa.Table) -> None:
        """Rows already in the config's schema (ClassLabel ids), written as one row group: for a
        config whose rows are built as columns (``tokens.TokenColumns``), ``ROW_GROUP`` at a time."""
        self._flush(split)
        self._write(split, table)
        self.counts[split] = self.counts.get(split, 0) + table.num_rows

    def _batch(self, split: str) -> None:
        rows = self.buffers.get(split)
        if rows:
            batch = pa.RecordBatch.from_pylist(rows, schema=self.named)
            self.batches.setdefault(split, []).append(batch)
            self.buffers[split] = []
            if self.on_batch is not None:
                self.on_batch(split, batch)

    def table(self, batches: list[pa.RecordBatch]) -> pa.Table:
        """Batches of rows as one Arrow table of the config's schema (ClassLabel ids)."""
        named = pa.Table.from_batches(batches, schema=self.named)
        columns = [
            encode_array(named.column(i).combine_chunks(), self.features[field.name], field.type)
            for i, field in enumerate(self.schema)
        ]
        return pa.Table.from_arrays(columns, schema=self.schema)

    def _flush(self, split: str) -> None:
        self._batch(split)
        batches = self.batches.pop(split, [])
        if batches:
            self._write(split, self.table(batches))

    def _write(self, split: str, table: pa.Table) -> None:
        if split not in self.writers:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.writers[split] = pq.ParquetWriter(self.folder / f"{split}-00000-of-00001.parquet", self.schema)
        if self.on_table is not None:
            self.on_table(split, table)
        self.writers[split].write_table(table)
        del table
        pa.default_memory_pool().release_unused()  # the row group's buffers, back to the system at once

    def close(self, splits: list[str]) -> None:
        # Only splits with rows get a file: datasets refuses to load a split with no rows.
        for split in splits:
            self._flush(split)
        for writer in self.writers.values():
            writer.close()

    def discard(self) -> None:
        """Close and delete the files written so far, and forget every row (to write them again)."""
        for split, writer in self.writers.items():
            writer.close()
            (self.folder / f"{split}-00000-of-00001.parquet").unlink()
        self.writers, self.buffers, self.batches, self.counts = {}, {}, {}, {}

    def splits(self) -> list[str]:
        return list(self.writers)
