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


def test_lines_read_fast_hold_what_the_standard_json_reads(tmp_path):
    """orjson reads most lines; where it would give another value or refuse a line json takes
    (an integer beyond 64 bits, a lone surrogate, NaN, 1E400, a byte-order mark, other Unicode
    spaces), the line is read as jsonlines reads it with ``json.loads``, errors named by line."""
    import json

    import jsonlines

    from corpus.jsonl import BadLine, iter_lines, loads

    lines = [
        b'{"value": 123456789012345678901234, "upper": -9223372036854775809}',
        b'{"value": 18446744073709551615, "f": 1.0000000000000002, "z": -0.0}',
        b'{"text": "\\ud800 alone", "n": NaN, "big": 1E400}',
        '\ufeff{"a": 1}'.encode(),
        b'{"a": 1, "a": 2}',
        b"   ",
        "\u00a0\u2028".encode(),
        b"null",
        b'{"t": "caf\xc3\xa9 \\u00e9 \\n", "l": [1, 2.5e-7, true, false, null]}',
        b'{"bad": "\xff"}',
        b"{not json",
        b"[1, 2,]",
    ]
    path = tmp_path / "odd.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    with open(path, "rb") as handle, jsonlines.Reader(handle, loads=json.loads) as reader:
        expected = []
        for number in range(1, len(lines) + 1):
            try:
                value = reader.read(allow_none=True, skip_empty=True)
            except jsonlines.InvalidLineError:
                value = "bad"
            except EOFError:
                break
            expected.append(value)
    got = [("bad" if isinstance(value, BadLine) else value) for _, value in iter_lines(path)]
    assert json.dumps(got) == json.dumps(expected)  # NaN and -0.0 compared as written
    assert got[0] == {"value": 123456789012345678901234, "upper": -9223372036854775809}
    assert isinstance(got[0]["value"], int) and isinstance(got[1]["value"], int)
    numbers = {number: value for number, value in iter_lines(path) if isinstance(value, BadLine)}
    assert sorted(numbers) == [7, 10, 11, 12] and "not UTF-8" in str(numbers[10]) and f"{path}:11:" in str(numbers[11])
    assert loads(lines[0]) == got[0] and loads(lines[2])["text"] == "\ud800 alone"
