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


def test_lines_are_found_by_a_key_in_their_bytes_and_read_as_read_records_reads_them(tmp_path):
    import json

    from corpus.errors import InputError
    from corpus.jsonl import index_lines, read_records

    sentence = {
        "record": "sentence",
        "schema_version": "2.1.0",
        "doc_id": "d",
        "index": 0,
        "start": 0,
        "end": 2,
        "text": "Hi",
        "paragraph": 0,
        "role": "body",
        "context_before": "",
        "context_after": "",
        "context_start": 0,
        "context_end": 2,
    }
    lines = [
        json.dumps({**sentence, "id": "d#000000000001"}, separators=(",", ":")),
        "",  # blank: no record
        "\ufeff" + json.dumps({**sentence, "id": 'd"x#000000000002'}),  # an escape in the value, a byte-order mark
        json.dumps({**sentence, "id": "d#000000000003"}),
        "{not json",
    ]
    path = tmp_path / "sentences.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    index = index_lines(path, "id")
    assert sorted(index.by_value) == ["d#000000000001", "d#000000000003"] and [
        number for _, number in index.unread
    ] == [3, 5]
    with open(path, "rb") as handle:
        ((offset, number),) = index.by_value["d#000000000003"]
        assert index.record(handle, offset, number, "sentence")["id"] == "d#000000000003" and number == 4
        assert index.record(handle, *index.unread[0], "sentence")["id"] == 'd"x#000000000002'
        with pytest.raises(InputError) as error:
            index.record(handle, *index.unread[1], "sentence")
        with pytest.raises(InputError) as expected:
            list(read_records(path, record_type="sentence"))
        assert str(error.value) == str(expected.value) and f"{path}:5:" in str(error.value)
