"""Reading source articles (.txt, .jsonl, .html) into document records.

Each reader yields document records or ``BadLine`` problems, so that one bad file or line
never stops the rest of a batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.ids import document_key, text_revision
from corpus.jsonl import BadLine, iter_lines
from corpus.schema import SCHEMA_VERSION

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
# Optional .jsonl fields carried through to the document record (input name -> record name).
_JSONL_FIELDS = {
    "title": "title",
    "url": "url",
    "publisher": "publisher",
    "source": "publisher",
    "published": "published",
    "date": "published",
    "language": "language",
    "license": "license",
}


def make_document(text: str, source_file: str | None, *, key: str | None = None, **metadata: Any) -> dict[str, Any]:
    """A document record for ``text`` with the given metadata (id, title, url, publisher, ...).

    ``key`` is the source path relative to the input folder, the id when the input gives
    neither an id nor a URL.
    """
    doc_id, id_from = document_key(text, id=metadata.pop("id", None), url=metadata.get("url"), path=key)
    record: dict[str, Any] = {
        "record": "document",
        "schema_version": SCHEMA_VERSION,
        "id": doc_id,
        "id_from": id_from,
        "revision": text_revision(text),
        "text": text,
        "title": None,
        "url": None,
        "publisher": None,
        "published": None,
        "language": None,
        "license": None,
        "source_file": source_file,
    }
    for key, value in metadata.items():
        if value is not None:
            record[key] = value if isinstance(value, str) else str(value)
    return record


def iter_source_files(paths: list[str | Path]) -> Iterator[SourceFile | BadLine]:
    """Expand directories (recursively, sorted) into the source files they hold."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(SUFFIXES) and not name.startswith("."):
                        yield SourceFile(Path(root) / name, (Path(root) / name).relative_to(path).as_posix())
        elif not path.exists():
            yield BadLine(str(path), 0, "no such file or directory")
        elif path.suffix.lower() not in SUFFIXES:
            yield BadLine(
                str(path), 0, f"unsupported file type {path.suffix or '(none)'}; expected {', '.join(SUFFIXES)}"
            )
        else:
            yield SourceFile(path, path.name)


@dataclass(frozen=True)
class SourceFile:
    """A source file and its key: its path relative to the input folder it was found under (the
    file name when the file itself was given), which is the document id when nothing better is known."""

    path: Path
    key: str


def _decode(path: Path, data: bytes) -> str | BadLine:
    if b"\x00" in data[:8192]:
        return BadLine(str(path), 1, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return BadLine(str(path), line, f"not UTF-8 text (undecodable byte 0x{data[exc.start]:02x})")
    if not text.strip():
        return BadLine(str(path), 1, "empty file")
    return text


def read_txt(source: SourceFile) -> Iterator[dict[str, Any] | BadLine]:
    """One article per file; the text is kept exactly as written (BOM removed)."""
    path = source.path
    text = _decode(path, path.read_bytes())
    if isinstance(text, BadLine):
        yield text
        return
    first_line = text.strip().split("\n", 1)[0].strip()
    yield make_document(text, str(path), key=source.key, title=first_line or None)


def read_jsonl(source: SourceFile) -> Iterator[dict[str, Any] | BadLine]:
    """One document per line: ``text`` required, metadata optional."""
    path = source.path
    if path.stat().st_size == 0:
        yield BadLine(str(path), 1, "empty file")
        return
    seen = 0
    for number, item in iter_lines(path):
        seen += 1
        if isinstance(item, BadLine):
            yield item
            continue
        if not isinstance(item, dict):
            yield BadLine(str(path), number, f"expected a JSON object, got {type(item).__name__}")
            continue
        text = item.get("text")
        if not isinstance(text, str):
            yield BadLine(str(path), number, "missing 'text'" if text is None else "'text' must be a string")
            continue
        if not text.strip():
            yield BadLine(str(path), number, "'text' is empty")
            continue
        metadata = {name: item[key] for key, name in _JSONL_FIELDS.items() if item.get(key) is not None}
        if item.get("id") is not None:
            metadata["id"] = item["id"]
        yield make_document(text.lstrip("\ufeff"), f"{path}:{number}", key=f"{source.key}:{number}", **metadata)
    if not seen:
        yield BadLine(str(path), 1, "empty file")


def read_html(source: SourceFile) -> Iterator[dict[str, Any] | BadLine]:
    """A saved news page: main text and metadata extracted by trafilatura."""
    path = source.path
    import trafilatura

    html = _decode(path, path.read_bytes())
    if isinstance(html, BadLine):
        yield html
        return
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is not None and not isinstance(extracted, dict):
        extracted = extracted.as_dict()
    if not extracted or not (extracted.get("text") or "").strip():
        yield BadLine(str(path), 1, "no article text found in the HTML page")
        return
    # trafilatura separates paragraphs by single newlines; the splitter expects blank lines.
    text = "\n\n".join(line.strip() for line in extracted["text"].split("\n") if line.strip())
    yield make_document(
        text,
        str(path),
        key=source.key,
        title=extracted.get("title"),
        url=extracted.get("url"),
        publisher=extracted.get("sitename") or extracted.get("hostname"),
        published=extracted.get("date"),
        language=extracted.get("language"),
        license=extracted.get("license"),
    )


READERS = {".txt": read_txt, ".jsonl": read_jsonl, ".html": read_html, ".htm": read_html}


def iter_documents(paths: list[str | Path]) -> Iterator[dict[str, Any] | BadLine]:
    """Every document of every source, or a BadLine for what could not be read."""
    for item in iter_source_files(paths):
        if isinstance(item, BadLine):
            yield item
            continue
        try:
            yield from READERS[item.path.suffix.lower()](item)
        except OSError as exc:
            yield BadLine(str(item.path), 0, f"cannot read: {exc.strerror or exc}")


def title_is_first_line(document: dict[str, Any]) -> bool:
    """Whether the first line of the text is the title.

    True for a .txt article, and for any document whose text starts with its title line (as
    trafilatura gives it for a page with a headline); .jsonl documents carry the title apart.
    """
    source = document.get("source_file") or ""
    if source.lower().endswith(".txt"):
        return True
    title = (document.get("title") or "").strip()
    return bool(title) and document["text"].lstrip().split("\n", 1)[0].strip() == title


__all__ = ["BadLine", "iter_documents", "make_document", "title_is_first_line"]
