"""The readings the card compares, taken from the annotations config's row groups as the sink writes
them: the same as ``corpus.labels.agreement.reading`` makes record by record."""

from __future__ import annotations

import random

from corpus.dataset import parquet
from corpus.dataset.features import config_features
from corpus.dataset.readings import ReadingCollector
from corpus.labels.agreement import agreement, reading
from corpus.labels.columns import agreement_of
from tests.test_agreement import comparable, generated_records, same_summary


def test_readings_from_the_row_groups_are_the_readings_of_the_records(tmp_path, monkeypatch):
    monkeypatch.setattr(parquet, "ROW_GROUP", 20)  # several row groups a split
    monkeypatch.setattr(parquet, "BATCH", 5)
    rng = random.Random(7)
    features = config_features()["annotations"]
    sentence_ids = [f"s{n}" for n in range(12)]
    records = generated_records(rng, 12, 300)
    collector = ReadingCollector(features, sentence_ids)
    sink = parquet.ParquetSink(tmp_path, "annotations", features, on_table=collector.add)
    current = []
    for n, record in enumerate(records):
        record |= {"id": f"a{n}", "doc_id": "d", "orphan": rng.random() < 0.2}
        split = rng.choice(["train", "test"])
        collector.add_row(split, record, None if record["orphan"] else sentence_ids.index(record["sentence_id"]))
        sink.add(split, record)
        if not record["orphan"]:
            current.append(reading(record))
    sink.close(["train", "test"])
    columns = collector.columns()
    assert len(columns) == len(current)
    assert [comparable(columns.labels(i)) for i in range(len(columns))] == [comparable(r.labels) for r in current]
    assert [columns.sentence_ids[s] for s in columns.sentence] == [r.sentence_id for r in current]
    assert [columns.annotators[a] for a in columns.annotator] == [r.annotator for r in current]
    assert same_summary(agreement_of(columns), agreement(current))
    test = columns.of_sentences({"s1", "s3"})
    assert [comparable(test.labels(i)) for i in range(len(test))] == [
        comparable(r.labels) for r in current if r.sentence_id in {"s1", "s3"}
    ]
