"""The pull index (studio/pull_index.py): which lines of the last pull's files the next pull may
copy, and the copies themselves (no server; the pulls themselves are in test_incremental.py)."""

from __future__ import annotations

import io
import os
import random

from corpus.studio.pull_index import Copier, FileMark, Outputs, PullIndex, TaskLines


def test_copied_ranges_are_the_bytes_of_the_source_in_order(tmp_path):
    rng = random.Random(4)
    source = tmp_path / "source.jsonl"
    data = bytes(rng.randrange(256) for _ in range(50_000))
    source.write_bytes(data)
    for _ in range(50):
        target, expected = io.BytesIO(), bytearray()
        copier = Copier(source, target)
        at = 0
        for _ in range(rng.randrange(1, 30)):
            if rng.random() < 0.3:  # a line written in between: what was pending goes first
                copier.flush()
                target.write(b"new\n")
                expected += b"new\n"
            else:
                at = at if rng.random() < 0.5 else rng.randrange(len(data))  # adjacent or not
                length = rng.randrange(0, min(3000, len(data) - at) + 1)
                copier.add(at, length)
                expected += data[at : at + length]
                at += length
        copier.close()
        assert target.getvalue() == bytes(expected)


def test_a_file_rewritten_with_the_same_size_is_no_longer_the_file_marked(tmp_path):
    path = tmp_path / "annotations.jsonl"
    path.write_bytes(b'{"a":1}\n')
    mark = FileMark.of(path)
    assert mark is not None and mark.holds(path)
    stat = os.stat(path)
    replaced = tmp_path / "other"
    replaced.write_bytes(b'{"a":2}\n')
    os.utime(replaced, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time: another file
    os.replace(replaced, path)
    assert not mark.holds(path)
    assert FileMark.of(tmp_path / "missing") is None


def test_an_index_reads_back_as_written_and_a_broken_one_as_empty(tmp_path):
    for name in ("annotations.jsonl", "merged.jsonl", "cache.jsonl"):
        (tmp_path / name).write_bytes(b"{}\n")
    marks = {name: FileMark.of(tmp_path / name) for name in ("annotations.jsonl", "merged.jsonl", "cache.jsonl")}
    tasks = [
        TaskLines(3, "2026-12-06T10:00:00Z", 120, 80, 2, 1, 0, 1, 0),
        TaskLines(7, "2026-12-06T10:00:01Z", 0, 0, 0, 2, 1, 0, 0, [{"task": 7, "message": "a problem"}]),
    ]
    index = PullIndex(
        marks["cache.jsonl"],
        [(3, "2026-12-06T10:00:00Z", 500), (7, "2026-12-06T10:00:01Z", 90)],
        Outputs(marks["annotations.jsonl"], marks["merged.jsonl"], None, tasks),  # type: ignore[arg-type]
    )
    path = tmp_path / "cache.index.json"
    index.save(path)
    assert PullIndex.load(path) == index
    assert PullIndex.load(path, outputs=False).outputs is None
    assert index.outputs is not None and index.outputs.by_task()[7][1:] == (120, 80)  # where task 7's lines start
    lines = index.cached_lines(tmp_path / "cache.jsonl")
    assert lines is not None and list(lines) == [
        (3, "2026-12-06T10:00:00Z", 3, 500),
        (7, "2026-12-06T10:00:01Z", 503, 90),
    ]
    (tmp_path / "cache.jsonl").write_bytes(
        b"{}\n{}\n"
    )  # the cache changed: the index no longer says where its lines are
    assert index.cached_lines(tmp_path / "cache.jsonl") is None
    path.write_bytes(b'{"format": 1, "outputs": {"tasks": 5}}')
    assert PullIndex.load(path) == PullIndex()
