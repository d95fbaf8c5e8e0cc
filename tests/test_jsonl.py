"""Files written whole or not at all."""

from __future__ import annotations

import pytest

from corpus.jsonl import atomic_path, write_records


def test_a_write_that_fails_leaves_the_old_file_and_no_temp_file(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(path) as handle:
        handle.write("half of the new")
        raise RuntimeError("interrupted")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_a_record_that_does_not_fit_its_schema_writes_nothing(tmp_path):
    path = tmp_path / "sentences.jsonl"
    with pytest.raises(Exception, match="required property"):
        write_records(path, [{"record": "sentence", "schema_version": "2.1.0", "id": "x"}])
    assert not path.exists() and list(tmp_path.iterdir()) == []
