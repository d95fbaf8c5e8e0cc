"""Reading and writing JSONL files: schema-checked, streamed, written atomically."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import jsonlines
import orjson

from corpus import schema
from corpus.errors import InputError, SchemaError
from corpus.schema.migrate.records import migrate


@dataclass(frozen=True)
class BadLine:
    """A line of a JSONL file that could not be used, and why."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _bad_line(path: str | Path, number: int, error: jsonlines.InvalidLineError) -> BadLine:
    cause = error.__cause__
    if isinstance(cause, UnicodeDecodeError):
        return BadLine(str(path), number, f"not UTF-8 text (byte {cause.start + 1} of the line)")
    if isinstance(cause, json.JSONDecodeError):
        return BadLine(str(path), number, f"malformed JSON: {cause.msg} at column {cause.colno}")
    return BadLine(str(path), number, str(error).split(" (line ")[0])


def require_file(path: str | Path, made_by: str = "corpus split") -> Path:
    """``path`` if it is a readable file; else an ``InputError`` naming it (checked before any
    connection, so that a typo is not reported as a missing server)."""
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder, not a file")
    if not path.exists():
        raise InputError(f"{path}: no such file (it is written by {made_by})")
    return path


def iter_lines(path: str | Path) -> Iterator[tuple[int, Any | BadLine]]:
    """Yield (line number, parsed JSON or BadLine) for each non-blank line of a JSONL file.

    Each line is read as ``jsonlines`` reads it with the standard ``json.loads`` (a byte-order mark
    at the start of a line dropped, a blank line skipped), by orjson where that gives the same
    value (see ``loads``).
    """
    for number, _, value in _lines(path):
        yield number, value


# Every digit made a 9, so that one substring test (memchr-fast) finds a run of 19 digits or more.
_NINES = bytes.maketrans(b"0123456789", b"9" * 10)
_LONG_NUMBER = b"9" * 19
_SLOW = object()  # a line orjson could not read as json would


def _fast(raw: bytes) -> Any:
    """The line's value by orjson, or ``_SLOW`` where orjson might differ from ``json.loads``: a run of
    19 digits or more (orjson turns an integer beyond 64 bits into a float) or a line it refuses
    (a lone surrogate, NaN, 1E400, a byte-order mark, bytes that are not UTF-8 are json's to judge)."""
    if _LONG_NUMBER in raw.translate(_NINES):
        return _SLOW
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return _SLOW


def _line_value(path: str | Path, number: int, raw: bytes) -> Any:
    """The line's value as ``jsonlines`` reads it with ``json.loads`` (by orjson where that is the
    same, ``_fast``): ``_SLOW`` for a blank line, its errors as a ``BadLine`` naming the file and line."""
    value = _fast(raw)
    if value is not _SLOW:
        return value
    with jsonlines.Reader([raw], loads=json.loads) as reader:
        try:
            return reader.read(allow_none=True, skip_empty=True)
        except EOFError:
            return _SLOW
        except jsonlines.InvalidLineError as exc:
            return _bad_line(path, number, exc)


def loads(raw: bytes) -> Any:
    """One line of JSON (bytes) as ``json.loads`` reads it, by orjson where that gives the same value:
    twice as fast on the data files, and an integer beyond 64 bits stays an integer.

    Raises:
        ValueError: not JSON or not UTF-8 (``json``'s error).
    """
    value = _fast(raw)
    return json.loads(raw.decode("utf-8")) if value is _SLOW else value


def _open_binary(path: str | Path) -> BinaryIO:
    """``path`` opened for reading bytes; an ``InputError`` naming it when it cannot be. Read a
    megabyte at a time: the files are read line by line from start to end, and the default 8 KB
    buffer takes twice as long over the 234 MB of annotations of a 100,000-sentence project."""
    try:
        return open(path, "rb", buffering=1 << 20)  # the caller closes it (with ...)
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None


def _lines(path: str | Path) -> Iterator[tuple[int, int, Any | BadLine]]:
    """``iter_lines``, each line with the byte offset it starts at."""
    end = 0
    with _open_binary(path) as handle:
        for number, raw in enumerate(handle, 1):
            start, end = end, end + len(raw)
            if not raw.strip():  # blank (a line only of other Unicode spaces is left to jsonlines)
                continue
            value = _line_value(path, number, raw)
            if value is not _SLOW:
                yield number, start, value


def read_records(path: str | Path, *, record_type: str | None = None) -> Iterator[dict[str, Any]]:
    """Stream the records of a JSONL file written by corpus, migrated to the current schema.

    Raises InputError naming the file and line at the first bad record.
    """
    for _, record in read_records_at(path, record_type=record_type):
        yield record


def read_records_at(path: str | Path, *, record_type: str | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """``read_records``, each record with the byte offset of its line (for ``record_at``)."""
    for number, start, item in _lines(path):
        yield start, _checked(path, number, item, record_type)


def _checked(path: str | Path, number: int, item: Any, record_type: str | None) -> dict[str, Any]:
    """One line's value as a record: migrated and checked (InputError naming the file and line)."""
    if isinstance(item, BadLine):
        raise InputError(str(item))
    try:
        record: dict[str, Any] = migrate(item)
    except SchemaError as exc:
        raise InputError(f"{path}:{number}: {exc}") from None
    errors = schema.record_errors(record)
    if errors:
        raise InputError(f"{path}:{number}: {errors[0]}")
    if record_type and record.get("record") != record_type:
        raise InputError(f"{path}:{number}: expected a {record_type} record, got {record.get('record')!r}")
    return record


def record_at(handle: BinaryIO, offset: int) -> dict[str, Any]:
    """The record on the line at ``offset`` of a file that ``read_records_at`` read and checked: read
    again as it read it (the line's text, less a leading byte-order mark; migrated), not checked again.
    Reading a record twice costs less memory than keeping it for a later use."""
    handle.seek(offset)
    record: dict[str, Any] = migrate(_line_value(handle.name, 0, handle.readline()))
    return record


@dataclass
class LineIndex:
    """Where the lines of a JSONL file are (byte offset, line number), by the value of one string key
    of their record, read from the bytes without parsing them (see ``index_lines``)."""

    path: Path
    by_value: dict[str, list[tuple[int, int]]]
    unread: list[tuple[int, int]]  # non-blank lines on which the key was not found as corpus writes it

    @classmethod
    def of_records(cls, path: str | Path, key: str, record_type: str | None = None) -> LineIndex:
        """The lines by the value of ``key`` in their records: every record read and checked, in order."""
        by_value: dict[str, list[tuple[int, int]]] = {}
        for number, start, item in _lines(path):
            by_value.setdefault(_checked(path, number, item, record_type)[key], []).append((start, number))
        return cls(Path(path), by_value, [])

    def record(self, handle: BinaryIO, offset: int, number: int, record_type: str | None = None) -> dict[str, Any]:
        """The record on a line, read and checked as ``read_records`` reads and checks it."""
        handle.seek(offset)
        return _checked(self.path, number, _line_value(self.path, number, handle.readline()), record_type)


def index_lines(path: str | Path, key: str, values: Container[str] | None = None) -> LineIndex:
    """The lines of a JSONL file by the value of ``key`` (a string, first on the line as corpus writes
    it: a schema that forbids other properties has it once, at the top), for reading the records in
    another order than the file's, one at a time. What is found is a hint: the reader checks the
    record it reads. Lines where the key is not found so (a value with an escape) are left ``unread``.
    ``values``: only the lines of these values are kept (and the unread ones).
    """
    path = Path(path)
    pattern = re.compile(b'"' + re.escape(key.encode()) + rb'"\s*:\s*"([^"\\]*)"')
    by_value: dict[str, list[tuple[int, int]]] = {}
    unread: list[tuple[int, int]] = []
    offset = 0
    with _open_binary(path) as handle:
        for number, raw in enumerate(handle, 1):
            if raw.rstrip():  # as jsonlines, a blank line is no record
                found = pattern.search(raw)
                value = found.group(1).decode("utf-8", "replace") if found else None
                if value is None or "\ufffd" in value:
                    unread.append((offset, number))
                elif values is None or value in values:
                    by_value.setdefault(value, []).append((offset, number))
            offset += len(raw)
    return LineIndex(path, by_value, unread)


# Line separators that JSON allows raw but that many line readers (str.splitlines, JavaScript)
# take for the end of a line: escaped, so that one record is always one line for every reader.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def dumps(record: dict[str, Any]) -> str:
    """One record as one line of compact JSON (UTF-8 text kept as it is, line separators escaped)."""
    line = _ENCODER.encode(record)
    for raw, escaped in _LINE_BREAKS.items():
        if raw in line:
            line = line.replace(raw, escaped)
    return line


def compact_json(value: Any) -> bytes:
    """``value`` as compact JSON for another program or a file only corpus reads back (a request
    body, a cache): orjson, 3 ms per 1,000 tasks against 27 ms for json.dumps. What orjson refuses
    (a lone surrogate, an integer beyond 64 bits) goes through json, escaped to ASCII. Not for the
    data files, whose lines ``dumps`` writes."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return json.dumps(value, separators=(",", ":")).encode("ascii")


def _umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it: put it back at once
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(path: str | Path, mode: str = "w") -> Iterator[Any]:
    """Open a temporary file beside ``path``; rename it into place only on success.

    Killing the command never leaves a half-written file at ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file 0600; give it the mode open() would, so that a data folder
        # shared with a group stays readable (private files are narrowed by their writers).
        os.chmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


class RecordWriter:
    """Writes schema-valid records to a JSONL file atomically (use as a context manager)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.count = 0
        self._context = atomic_path(self.path)
        self._handle: Any = None

    def __enter__(self) -> RecordWriter:
        self._handle = self._context.__enter__()
        return self

    def write(self, record: dict[str, Any]) -> int:
        """Check and write one record; the bytes its line took."""
        schema.validate(record)
        line = (dumps(record) + "\n").encode("utf-8")
        self._handle.buffer.write(line)
        self.count += 1
        return len(line)

    def write_lines(self, lines: bytes, count: int) -> None:
        """Write ``count`` records already checked and serialised by ``record_lines`` (or lines
        copied from a file this writer wrote)."""
        self._handle.buffer.write(lines)
        self.count += count

    @property
    def binary(self) -> BinaryIO:
        """The file's bytes, after the lines written so far (to copy lines into)."""
        handle: BinaryIO = self._handle.buffer
        return handle

    def __exit__(self, *exc: Any) -> bool | None:
        return self._context.__exit__(*exc)


_LINE_BREAKS_UTF8 = tuple((raw.encode(), escaped.encode()) for raw, escaped in _LINE_BREAKS.items())


def record_lines(records: Iterable[dict[str, Any]], record_type: str) -> bytes:
    """Schema-valid records of one type, checked and serialised as UTF-8 JSONL lines exactly as
    ``dumps`` writes them (for ``RecordWriter.write_lines``; worker processes can do this part).

    Only for record types without numbers other than integers (documents, sentences): orjson
    writes those as ``json`` does, fifteen times faster; what orjson refuses (an integer beyond
    64 bits, a lone surrogate) goes through ``dumps``.

    Raises:
        SchemaError: a record does not match its schema.
    """
    if record_type not in ("document", "sentence"):
        raise ValueError(f"record_lines writes documents and sentences, not {record_type!r} records")
    check = schema.validator(record_type)
    lines = []
    for record in records:
        check(record)
        try:
            line = orjson.dumps(record)
        except TypeError:
            line = dumps(record).encode("utf-8", "surrogatepass")
        else:
            # Their UTF-8 forms end in these bytes (memchr-fast to look for; rarely there).
            if not line.isascii() and (b"\x85" in line or b"\xa8" in line or b"\xa9" in line):
                for raw, escaped in _LINE_BREAKS_UTF8:
                    if raw in line:
                        line = line.replace(raw, escaped)
        lines.append(line)
        lines.append(b"\n")
    return b"".join(lines)


def write_records(path: str | Path, records: Iterable[dict[str, Any]]) -> int:
    """Write schema-valid records to a JSONL file atomically; returns how many were written.

    Raises:
        SchemaError: a record does not match its schema (nothing is written then).
    """
    with RecordWriter(path) as writer:
        for record in records:
            writer.write(record)
    return writer.count
