"""Where each task's lines stand in the files a pull writes (``.corpus/pull/<key>.index.json``).

A pull writes three files in the order of task ids: the pull cache (one line per task), the
annotation records (one line per annotation) and the merged records (one line per annotated
task). The index keeps, per task, the version (``updated_at``) its lines were written from and
their lengths in bytes, with the counts the pull reports (annotations, skipped, drafts, orphans,
ties, problems). The next pull copies the lines of every task that did not change, byte for byte,
instead of reading, converting, checking and writing them again, and writes nothing at all when
nothing changed: its cost follows the change, not the project (docs/benchmarks.md).

Each part is trusted only while the files it describes are the ones it was written with (path,
size, modification time and inode): a file edited, replaced or restored from elsewhere sends the
pull back to reading the cache, which gives the same bytes, only slower.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from corpus.jsonl import atomic_path, compact_json, loads

FORMAT = 1  # of the index file; another format is not read
_COPY_CHUNK = 8 << 20  # bytes read at a time when lines are copied


@dataclass(frozen=True)
class FileMark:
    """A file as it was when it was written: a change to it (or another file in its place) shows."""

    path: str
    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, path: Path) -> FileMark | None:
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            return None
        return cls(str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns, stat.st_ino)

    def holds(self, path: Path) -> bool:
        """Whether ``path`` is still this file, unchanged."""
        return FileMark.of(path) == self


def _mark(data: Any) -> FileMark | None:
    return FileMark(**data) if isinstance(data, dict) else None


@dataclass
class TaskLines:
    """One task's lines in the annotation and merged files, and what the pull counted of it."""

    task: int
    version: str  # the task's updated_at these lines were written from
    annotation_bytes: int = 0
    merged_bytes: int = 0
    annotations: int = 0
    skipped: int = 0
    drafts: int = 0
    orphans: int = 0  # annotations whose sentence is gone or changed (against ``Outputs.sentences``)
    unresolved: int = 0  # 1: its merged record holds a tie nobody adjudicated
    problems: list[dict[str, Any]] = field(default_factory=list)

    def row(self) -> list[Any]:
        row: list[Any] = [
            self.task,
            self.version,
            self.annotation_bytes,
            self.merged_bytes,
            self.annotations,
            self.skipped,
            self.drafts,
            self.orphans,
            self.unresolved,
        ]
        return [*row, self.problems] if self.problems else row

    @classmethod
    def of_row(cls, row: list[Any]) -> TaskLines:
        task, version, annotation_bytes, merged_bytes, annotations, skipped, drafts, orphans, unresolved = row[:9]
        problems = row[9] if len(row) > 9 else []
        return cls(
            task, version, annotation_bytes, merged_bytes, annotations, skipped, drafts, orphans, unresolved, problems
        )


@dataclass
class Outputs:
    """The annotation and merged files of the last pull, task by task (in the files' order), and
    what their counts depended on: the sentences file orphans were counted against."""

    annotations: FileMark
    merged: FileMark
    sentences: FileMark | None
    tasks: list[TaskLines]

    def usable(self, annotations: Path, merged: Path, sentences: str | Path | None) -> bool:
        """Whether these are the files at these paths, and the orphans were counted against
        the sentences file as it is now."""
        now = FileMark.of(Path(sentences)) if sentences is not None else None
        return self.annotations.holds(annotations) and self.merged.holds(merged) and self.sentences == now

    def by_task(self) -> dict[int, tuple[TaskLines, int, int]]:
        """Each task's lines with where they start in the annotation and merged files."""
        found: dict[int, tuple[TaskLines, int, int]] = {}
        at_annotations = at_merged = 0
        for lines in self.tasks:
            found[lines.task] = (lines, at_annotations, at_merged)
            at_annotations += lines.annotation_bytes
            at_merged += lines.merged_bytes
        return found


@dataclass
class PullIndex:
    """The cache's lines (task, version, length in bytes) and the outputs of the last pull."""

    cache: FileMark | None = None
    cache_lines: list[tuple[int, str, int]] = field(default_factory=list)
    outputs: Outputs | None = None

    @classmethod
    def load(cls, path: Path, outputs: bool = True) -> PullIndex:
        """The index at ``path`` (without ``outputs``, its cache part only); an empty one when
        there is none or it cannot be read."""
        try:
            data = loads(path.read_bytes())
            if data.get("format") != FORMAT:
                return cls()
            written = data.get("outputs") if outputs else None
            return cls(
                _mark(data.get("cache")),
                [(int(t), str(v), int(n)) for t, v, n in data.get("cache_lines") or []],
                Outputs(
                    FileMark(**written["annotations"]),
                    FileMark(**written["merged"]),
                    _mark(written.get("sentences")),
                    [TaskLines.of_row(row) for row in written["tasks"]],
                )
                if written
                else None,
            )
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return cls()

    def save(self, path: Path) -> None:
        data: dict[str, Any] = {
            "format": FORMAT,
            "cache": vars(self.cache) if self.cache else None,
            "cache_lines": self.cache_lines,
            "outputs": {
                "annotations": vars(self.outputs.annotations),
                "merged": vars(self.outputs.merged),
                "sentences": vars(self.outputs.sentences) if self.outputs.sentences else None,
                "tasks": [lines.row() for lines in self.outputs.tasks],
            }
            if self.outputs
            else None,
        }
        with atomic_path(path, "wb") as handle:
            handle.write(compact_json(data))

    def cached_lines(self, cache_path: Path) -> Iterator[tuple[int, str, int, int]] | None:
        """(task, version, offset, length) of each line of the cache, in the file's order, when
        this index describes the cache file as it is (else None: the file must be read)."""
        if self.cache is None or not self.cache.holds(cache_path):
            return None

        def lines() -> Iterator[tuple[int, str, int, int]]:
            with open(cache_path, "rb") as handle:
                offset = len(handle.readline())  # the header
            for task, version, length in self.cache_lines:
                yield task, version, offset, length
                offset += length

        return lines()


class Copier:
    """Writes ranges of ``source`` into ``target`` (a binary file), the adjacent ones as one copy."""

    def __init__(self, source: Path, target: BinaryIO):
        self.source, self.target = source, target
        self.handle: BinaryIO | None = None
        self.start = self.end = 0

    def add(self, offset: int, length: int) -> None:
        """Copy ``length`` bytes from ``offset`` of the source, after what was added before."""
        if length == 0:
            return
        if offset != self.end:
            self.flush()
            self.start = offset
        self.end = offset + length

    def flush(self) -> None:
        """Copy what is pending (before anything else is written to the target)."""
        if self.end == self.start:
            return
        if self.handle is None:
            self.handle = open(self.source, "rb")  # noqa: SIM115 - closed by close()
        self.handle.seek(self.start)
        left = self.end - self.start
        while left:
            chunk = self.handle.read(min(left, _COPY_CHUNK))
            if not chunk:
                raise OSError(f"{self.source} ended {left} bytes early (changed while it was read)")
            self.target.write(chunk)
            left -= len(chunk)
        self.start = self.end

    def close(self) -> None:
        self.flush()
        if self.handle is not None:
            self.handle.close()
