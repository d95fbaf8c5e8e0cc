"""``corpus split``: source files in, document and sentence records out (streamed)."""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from corpus.jsonl import BadLine, RecordWriter
from corpus.schema import SCHEMA_VERSION
from corpus.text.segment import split_text
from corpus.text.sources import iter_documents, iter_source_files, title_is_first_line

CONTEXT_BEFORE = 2  # sentences shown before the unit (a SOURCE often sits there)
CONTEXT_AFTER = 1
DOCUMENTS_FILE = "documents.jsonl"
SENTENCES_FILE = "sentences.jsonl"
# Below this much input (about 6,000 sentences), worker processes cost more than they save.
PARALLEL_MIN_BYTES = 500_000


def sentence_records(document: dict[str, Any], *, strict: bool = False, first_line_title: bool | None = None) -> list[dict[str, Any]]:
    """The sentence records of one document (pure: same document, same records)."""
    text = document["text"]
    if first_line_title is None:
        first_line_title = title_is_first_line(document)
    units = split_text(text, strict=strict, first_line_title=first_line_title)
    records = []
    for index, unit in enumerate(units):
        context_start = units[max(0, index - CONTEXT_BEFORE)].start if index else unit.start
        context_end = units[min(len(units) - 1, index + CONTEXT_AFTER)].end
        records.append({
            "record": "sentence",
            "schema_version": SCHEMA_VERSION,
            "id": f"{document['id']}-{index:04d}",
            "doc_id": document["id"],
            "index": index,
            "start": unit.start,
            "end": unit.end,
            "text": text[unit.start:unit.end],
            "paragraph": unit.paragraph,
            "role": unit.role,
            "context_before": text[context_start:unit.start],
            "context_after": text[unit.end:context_end],
            "context_start": context_start,
            "context_end": context_end,
        })
    return records


@dataclass
class SplitSummary:
    documents: int = 0
    sentences: int = 0
    problems: list[BadLine] = field(default_factory=list)

    def line(self) -> str:
        text = f"{self.documents} documents, {self.sentences} sentences"
        if self.problems:
            files = len({p.path for p in self.problems})
            text += f", {len(self.problems)} inputs skipped in {files} files"
        return text


def _split_one(document: dict[str, Any], strict: bool, first_line_title: bool | None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    return document, sentence_records(document, strict=strict, first_line_title=first_line_title)


def _input_bytes(paths: Iterable[str | Path]) -> int:
    return sum(p.stat().st_size for p in iter_source_files(list(paths)) if isinstance(p, Path))


def split_sources(
    paths: list[str | Path],
    out_dir: str | Path,
    *,
    strict: bool = False,
    first_line_title: bool | None = None,
    jobs: int | None = None,
    on_problem: Callable[[BadLine], None] | None = None,
    on_document: Callable[[dict[str, Any], int], None] | None = None,
) -> SplitSummary:
    """Split every source into ``out_dir/documents.jsonl`` and ``out_dir/sentences.jsonl``.

    Both files are written atomically. Unreadable inputs are reported through ``on_problem``
    and listed in the summary; the rest is still written. ``jobs``: worker processes (default:
    all cores for inputs over 500 kB, else one).
    """
    out = Path(out_dir)
    summary = SplitSummary()
    if jobs is None:
        jobs = (os.cpu_count() or 1) if _input_bytes(paths) >= PARALLEL_MIN_BYTES else 1
    documents = _documents_only(iter_documents(paths), summary, on_problem)
    work = partial(_split_one, strict=strict, first_line_title=first_line_title)
    seen: set[str] = set()
    with RecordWriter(out / DOCUMENTS_FILE) as doc_writer, RecordWriter(out / SENTENCES_FILE) as sentence_writer:
        for document, sentences in _map(work, documents, jobs):
            if document["id"] in seen:
                # The same article twice (often the same text in two files): keep the first.
                summary.problems.append(BadLine(document.get("source_file") or "?", 0, f"duplicate of document {document['id']}, skipped"))
                if on_problem:
                    on_problem(summary.problems[-1])
                continue
            seen.add(document["id"])
            doc_writer.write(document)
            for sentence in sentences:
                sentence_writer.write(sentence)
            summary.documents += 1
            summary.sentences += len(sentences)
            if on_document:
                on_document(document, len(sentences))
    return summary


def _documents_only(items: Iterator[Any], summary: SplitSummary, on_problem: Callable[[BadLine], None] | None) -> Iterator[dict[str, Any]]:
    for item in items:
        if isinstance(item, BadLine):
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
        yield from pool.imap(function, items, chunksize=8)
