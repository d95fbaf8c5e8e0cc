"""``corpus split``: source files in, document and sentence records out (streamed)."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from corpus import defaults
from corpus.defaults import DOCUMENTS_FILE, SENTENCES_FILE
from corpus.ids import normalise_for_id, sentence_id
from corpus.jsonl import BadLine, RecordWriter, record_lines
from corpus.schema import SCHEMA_VERSION
from corpus.text.segment import split_text
from corpus.text.sources import SourceWarning, iter_documents, iter_source_files, title_is_first_line

CONTEXT_BEFORE = 2  # sentences shown before the unit (a SOURCE often sits there)
CONTEXT_AFTER = 1
# Below this much input (about 6,000 sentences), worker processes cost more than they save.
PARALLEL_MIN_BYTES = 500_000
# Documents go to a worker process in batches of about this many characters (about 60 news
# articles): fewer, larger messages between processes.
BATCH_CHARS = 100_000


def sentence_records(
    document: dict[str, Any], *, strict: bool = False, first_line_title: bool | None = None
) -> list[dict[str, Any]]:
    """The sentence records of one document (pure: same document, same records)."""
    text = document["text"]
    if first_line_title is None:
        first_line_title = title_is_first_line(document)
    units = split_text(text, strict=strict, first_line_title=first_line_title)
    records = []
    occurrences: dict[str, int] = {}
    for index, unit in enumerate(units):
        unit_text = text[unit.start : unit.end]
        normalised = normalise_for_id(unit_text)
        occurrence = occurrences[normalised] = occurrences.get(normalised, -1) + 1
        context_start = units[max(0, index - CONTEXT_BEFORE)].start if index else unit.start
        context_end = units[min(len(units) - 1, index + CONTEXT_AFTER)].end
        records.append(
            {
                "record": "sentence",
                "schema_version": SCHEMA_VERSION,
                "id": sentence_id(document["id"], unit_text, occurrence, normalised=normalised),
                "doc_id": document["id"],
                "index": index,
                "start": unit.start,
                "end": unit.end,
                "text": unit_text,
                "paragraph": unit.paragraph,
                "role": unit.role,
                "context_before": text[context_start : unit.start],
                "context_after": text[unit.end : context_end],
                "context_start": context_start,
                "context_end": context_end,
            }
        )
    return records


@dataclass
class SplitSummary:
    """What ``split`` wrote, the inputs it skipped (each with its file and line), and warnings
    about what it read but did not use (an unknown key; these do not make the split fail)."""

    output: Path = Path(defaults.DATA_DIR)
    documents: int = 0
    sentences: int = 0
    problems: list[BadLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        text = f"{self.documents} documents, {self.sentences} sentences"
        if self.problems:
            files = len({p.path for p in self.problems})
            text += f", {len(self.problems)} inputs skipped in {files} files"
        if self.warnings:
            text += f", {len(self.warnings)} warning{'s' if len(self.warnings) > 1 else ''}"
        return f"{text} -> {self.output}/"

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "sentences": self.sentences,
            "output": str(self.output),
            "skipped": [{"file": p.path, "line": p.line, "reason": p.message} for p in self.problems],
            "warnings": list(self.warnings),
        }


def _split_batch(
    documents: list[dict[str, Any]], strict: bool, first_line_title: bool | None
) -> list[tuple[bytes, bytes, int]]:
    """Each document's record line and its sentence records' lines, checked and serialised,
    with the sentence count (the work a worker process does)."""
    results = []
    for document in documents:
        sentences = sentence_records(document, strict=strict, first_line_title=first_line_title)
        results.append((record_lines([document], "document"), record_lines(sentences, "sentence"), len(sentences)))
    return results


def _batches(documents: Iterator[dict[str, Any]], sent: deque[list[dict[str, Any]]]) -> Iterator[list[dict[str, Any]]]:
    """Documents in batches of about BATCH_CHARS characters of text, each also kept in ``sent``
    until its results come back (in order)."""
    batch: list[dict[str, Any]] = []
    size = 0
    for document in documents:
        batch.append(document)
        size += len(document["text"])
        if size >= BATCH_CHARS:
            sent.append(batch)
            yield batch
            batch, size = [], 0
    if batch:
        sent.append(batch)
        yield batch


def _input_bytes(paths: Iterable[str | Path]) -> int:
    return sum(f.path.stat().st_size for f in iter_source_files(list(paths)) if not isinstance(f, BadLine))


def split(
    paths: str | Path | Iterable[str | Path],
    out_dir: str | Path = defaults.DATA_DIR,
    *,
    strict: bool = False,
    first_line_title: bool | None = None,
    jobs: int | None = None,
    on_problem: Callable[[BadLine], None] | None = None,
    on_document: Callable[[dict[str, Any], int], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
) -> SplitSummary:
    """Split source articles into ``out_dir/documents.jsonl`` and ``out_dir/sentences.jsonl``.

    Args:
        paths: ``.txt``, ``.jsonl`` and ``.html`` files, or folders of them.
        out_dir: the data folder to write.
        strict: split quotations that run over several sentences at every sentence end.
        first_line_title: whether a ``.txt`` file's first line is its title (default: yes).
        jobs: worker processes (default: all cores for inputs over 500 kB, else one).
        on_problem: called with each unreadable input as it is found.
        on_document: called with each document written and its sentence count.
        on_warning: called with each warning (``file: message``) as it is found.

    Returns:
        The counts written, the inputs skipped (a missing or unreadable path among them) and
        the warnings (an unknown key in a .jsonl line or a .txt front matter); everything else
        is still written.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = list(paths)
    out = Path(out_dir)
    summary = SplitSummary(out)
    if jobs is None:
        jobs = (os.cpu_count() or 1) if _input_bytes(paths) >= PARALLEL_MIN_BYTES else 1
    record_lines([], "sentence")  # compile the validators before worker processes are forked
    record_lines([], "document")
    documents = _documents_only(iter_documents(paths), summary, on_problem, on_warning)
    sent: deque[list[dict[str, Any]]] = deque()
    work = partial(_split_batch, strict=strict, first_line_title=first_line_title)
    seen: dict[str, str] = {}  # document id and text revision -> the first document with it
    with RecordWriter(out / DOCUMENTS_FILE) as doc_writer, RecordWriter(out / SENTENCES_FILE) as sentence_writer:
        for results in _map(work, _batches(documents, sent), jobs):
            for document, (document_line, sentence_lines, count) in zip(sent.popleft(), results, strict=True):
                first = seen.get(document["id"]) or seen.get(document["revision"])
                if first is not None:
                    # The same article twice (often the same text in two files), or two inputs
                    # with one id: keep the first, say which.
                    summary.problems.append(
                        BadLine(document.get("source_file") or "?", 0, f"duplicate of document {first}, skipped")
                    )
                    if on_problem:
                        on_problem(summary.problems[-1])
                    continue
                seen[document["id"]] = seen[document["revision"]] = document["id"]
                doc_writer.write_lines(document_line, 1)
                sentence_writer.write_lines(sentence_lines, count)
                summary.documents += 1
                summary.sentences += count
                if on_document:
                    on_document(document, count)
    return summary


def _documents_only(
    items: Iterator[Any],
    summary: SplitSummary,
    on_problem: Callable[[BadLine], None] | None,
    on_warning: Callable[[str], None] | None = None,
) -> Iterator[dict[str, Any]]:
    for item in items:
        if isinstance(item, SourceWarning):
            summary.warnings.append(str(item))
            if on_warning:
                on_warning(str(item))
        elif isinstance(item, BadLine):
            summary.problems.append(item)
            if on_problem:
                on_problem(item)
        else:
            yield item


def _map(function: Callable[[Any], Any], items: Iterator[Any], jobs: int) -> Iterator[Any]:
    if jobs <= 1:
        yield from map(function, items)
        return
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(jobs) as pool:
        yield from pool.imap(function, items)
