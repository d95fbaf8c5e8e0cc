"""The current annotations' labels as ``ReadingColumns``, taken from the Arrow tables of the
``annotations`` config as the parquet sink writes them.

Each annotation becomes a row of that config, and the sink turns rows into Arrow a row group at a
time (``ParquetSink(on_table=...)``); the labels the card's agreement and human ceiling compare
are read from those tables, column by column, instead of being converted again record by record
(``corpus.labels.agreement.reading``). A reading's attributions and figures name their spans by
region id; they are resolved here as ``corpus.labels.scoring.row_of_annotation`` resolves them:
the last span with the id, and an attribution kept only when its content and its source (if it
names one) are spans of the reading. The columns grow in place (``array``), so that the readings
of a large release are held once.
"""

from __future__ import annotations

from array import array
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from corpus.labels.columns import NONE, ReadingColumns

# The per-item columns, with their array type codes: int64 offsets, int32 numbers of readings and
# classes, bool as a byte, float64.
ITEMS = {
    "span_reading": "i",
    "span_label": "i",
    "span_in_context": "b",
    "span_start": "q",
    "span_end": "q",
    "pair_reading": "i",
    "pair_has_source": "b",
    "pair_source_start": "q",
    "pair_source_end": "q",
    "pair_content_start": "q",
    "pair_content_end": "q",
    "pair_type": "i",
    "figure_reading": "i",
    "figure_start": "q",
    "figure_end": "q",
    "figure_value": "d",
    "figure_value_missing": "b",
    "figure_upper": "d",
    "figure_upper_missing": "b",
    "figure_unit": "i",
    "figure_kind": "i",
    "figure_approximation": "i",
}
_DTYPES = {"q": np.int64, "i": np.int32, "b": np.bool_, "d": np.float64}


def _numbers(values: Any) -> Any:
    return values.fill_null(NONE).to_numpy(zero_copy_only=False).astype(np.int64)


def _flags(values: Any) -> Any:
    return values.fill_null(False).to_numpy(zero_copy_only=False).astype(np.bool_)


def _list(table: pa.Table, name: str) -> tuple[Any, Any]:
    """A list column's items: the row of each, and the items (a struct array)."""
    column = table.column(name).combine_chunks()
    return pc.list_parent_indices(column).to_numpy().astype(np.int64), pc.list_flatten(column)


class _Regions:
    """The spans of each row by region id: the last span with an id stands for it."""

    def __init__(self, rows: Any, ids: Any, others: list[Any]):
        strings = [ids.cast(pa.string()), *(other.cast(pa.string()) for other in others)]
        encoded = pc.dictionary_encode(pa.concat_arrays(strings))
        self.width = max(len(encoded.dictionary), 1)
        self.codes = np.split(_numbers(encoded.indices), np.cumsum([len(s) for s in strings])[:-1])
        key = rows * self.width + self.codes[0]
        order = np.lexsort((np.arange(len(key)), key))
        ordered = key[order]
        last = np.ones(len(order), dtype=np.bool_)
        last[:-1] = ordered[1:] != ordered[:-1]
        self.keys, self.spans = ordered[last], order[last]

    def span(self, rows: Any, codes: Any) -> Any:
        """The span of each (row, region id code), -1 where the row has no span with that id."""
        wanted = rows * self.width + codes
        if not len(self.keys):
            return np.full(len(wanted), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.keys, wanted), len(self.keys) - 1)
        return np.where((codes != NONE) & (self.keys[at] == wanted), self.spans[at], -1)


class ReadingCollector:
    """Collects the readings of the current (not orphaned) annotations: ``add_row`` for each row as
    it is given to the sink, in the order of the file; ``add`` for each table the sink writes."""

    def __init__(self, features: Any, sentence_ids: list[str]):  # the annotations config's features
        spans, attributions, figures = (features[name].feature for name in ("spans", "attributions", "figures"))
        self.names = {
            "checkworthy_names": list(features["checkworthy"].names),
            "span_labels": list(spans["label"].names),
            "attribution_types": list(attributions["type"].names),
            "figure_kinds": list(figures["kind"].names),
            "figure_approx": list(figures["approx"].names),
        }
        self.classes = {name: n for n, name in enumerate(self.names["checkworthy_names"])}
        self.sentence_ids = sentence_ids
        self.annotators: dict[str, int] = {}
        self.sentence, self.annotator, self.checkworthy = array("i"), array("i"), array("i")
        self.rows: dict[str, array[int]] = {}  # split -> the reading of each of its rows (-1: an orphan)
        self.taken: dict[str, int] = {}
        self.units: dict[str, int] = {}
        self.items = {name: array(code) for name, code in ITEMS.items()}

    def add_row(self, split: str, record: dict[str, Any], sentence: int | None) -> None:
        """The next row of ``split``: ``record``, a current annotation of the sentence numbered
        ``sentence`` in ``sentence_ids`` (None: an orphan, no reading)."""
        rows = self.rows.setdefault(split, array("q"))
        if sentence is None:
            rows.append(-1)
            return
        rows.append(len(self.sentence))
        self.sentence.append(sentence)
        self.annotator.append(self.annotators.setdefault(record["annotator"], len(self.annotators)))
        given = record.get("checkworthy")
        self.checkworthy.append(NONE if given is None else self.classes[given])

    def add(self, split: str, table: pa.Table) -> None:
        """One row group of the annotations config (its rows are the next ones added to ``split``)."""
        first = self.taken.get(split, 0)
        self.taken[split] = first + table.num_rows
        reading = np.array(self.rows[split][first : first + table.num_rows], dtype=np.int64)
        span_row, spans = _list(table, "spans")
        pair_row, attributions = _list(table, "attributions")
        figure_row, figures = _list(table, "figures")
        regions = _Regions(
            span_row,
            spans.field("id"),
            [attributions.field("content"), attributions.field("source"), figures.field("span")],
        )
        _, content_code, source_code, figure_code = regions.codes
        span_start, span_end = _numbers(spans.field("doc_start")), _numbers(spans.field("doc_end"))

        def at(values: Any, span: Any) -> Any:  # each span's value (0 where there is none)
            return values[span.clip(0)] if len(values) else np.zeros(len(span), dtype=np.int64)

        keep = reading[span_row] >= 0
        found: dict[str, Any] = {
            "span_reading": reading[span_row],
            "span_label": _numbers(spans.field("label")),
            "span_in_context": _flags(spans.field("in_context")),
            "span_start": span_start,
            "span_end": span_end,
        }
        self._extend(found, keep)
        content, source = regions.span(pair_row, content_code), regions.span(pair_row, source_code)
        has_source = source >= 0
        keep = (reading[pair_row] >= 0) & (content >= 0) & ((source_code == NONE) | has_source)
        found = {
            "pair_reading": reading[pair_row],
            "pair_has_source": has_source,
            "pair_source_start": np.where(has_source, at(span_start, source), 0),
            "pair_source_end": np.where(has_source, at(span_end, source), 0),
            "pair_content_start": at(span_start, content),
            "pair_content_end": at(span_end, content),
            "pair_type": _numbers(attributions.field("type")),
        }
        self._extend(found, keep)
        span = regions.span(figure_row, figure_code)
        keep = (reading[figure_row] >= 0) & (span >= 0)
        value, upper = figures.field("value"), figures.field("upper")
        units = pc.dictionary_encode(figures.field("unit"))
        unit_codes = np.array(
            [self.units.setdefault(u, len(self.units)) for u in units.dictionary.to_pylist()] + [NONE], dtype=np.int64
        )
        found = {
            "figure_reading": reading[figure_row],
            "figure_start": at(span_start, span),
            "figure_end": at(span_end, span),
            "figure_value": value.to_numpy(zero_copy_only=False).astype(np.float64),
            "figure_value_missing": _flags(value.is_null()),
            "figure_upper": upper.to_numpy(zero_copy_only=False).astype(np.float64),
            "figure_upper_missing": _flags(upper.is_null()),
            "figure_unit": unit_codes[_numbers(units.indices)],  # NONE indexes the appended NONE
            "figure_kind": _numbers(figures.field("kind")),
            "figure_approximation": _numbers(figures.field("approx")),
        }
        self._extend(found, keep)

    def _extend(self, found: dict[str, Any], keep: Any) -> None:
        for name, values in found.items():
            self.items[name].frombytes(np.ascontiguousarray(values[keep], dtype=_DTYPES[ITEMS[name]]).tobytes())

    def columns(self) -> ReadingColumns:
        """The readings, in the order of the file (each reading's items in their order)."""
        names = sorted(self.annotators)
        recode = np.array([names.index(name) for name in self.annotators] + [0], dtype=np.int32)
        columns: dict[str, Any] = {
            "sentence_ids": self.sentence_ids,
            "annotators": names,
            "units": list(self.units),
            "sentence": np.frombuffer(self.sentence, dtype=np.int32),
            "annotator": recode[np.frombuffer(self.annotator, dtype=np.int32)],
            "checkworthy": np.frombuffer(self.checkworthy, dtype=np.int32),
            **self.names,
            **{name: np.frombuffer(values, dtype=_DTYPES[ITEMS[name]]) for name, values in self.items.items()},
        }
        return ReadingColumns(**columns)
