"""Reading source articles (.txt, .jsonl, .html) into document records.

Each reader yields document records, ``BadLine`` problems (an input skipped) and
``SourceWarning`` notes (something read but not used, such as an unknown key), so that one bad
file or line never stops the rest of a batch and nothing is dropped without a word.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

from corpus.ids import document_key, text_revision
from corpus.jsonl import BadLine, iter_lines
from corpus.schema import SCHEMA_VERSION

SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
# The metadata an input may give, as .jsonl keys or .txt front matter (input key -> document
# record field). Two keys for one field (licence and license) must agree.
METADATA_KEYS = {
    "id": "id",
    "title": "title",
    "url": "url",
    "publisher": "publisher",
    "source": "publisher",
    "published": "published",
    "date": "published",
    "language": "language",
    "lang": "language",
    "license": "license",
    "licence": "license",
}


@dataclass(frozen=True)
class SourceWarning:
    """Something in an input that was read but not used (an unknown key): the document is still
    written, the user is told."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


SourceItem: TypeAlias = dict[str, Any] | BadLine | SourceWarning


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


def read_txt(source: SourceFile) -> Iterator[SourceItem]:
    """One article per file; the text is kept exactly as written (BOM removed), after its
    front matter if it has one (see ``front_matter``)."""
    path = source.path
    text = _decode(path, path.read_bytes())
    if isinstance(text, BadLine):
        yield text
        return
    front = front_matter(text, str(path))
    if isinstance(front, BadLine):
        yield front
        return
    text = text[front.start :]
    metadata = dict(front.metadata)
    title = metadata.pop("title", None) or text.strip().split("\n", 1)[0].strip() or None
    yield make_document(text, str(path), key=source.key, title=title, **metadata)
    if front.unknown:
        yield _unknown_keys_warning(str(path), front.unknown)
    if front.warning:
        yield SourceWarning(str(path), front.warning)


@dataclass(frozen=True)
class FrontMatter:
    """What the top of a .txt article gives: its metadata (by record field), where the article
    text starts, the unknown keys met (key -> line numbers), and a warning if any."""

    metadata: dict[str, str] = field(default_factory=dict)
    start: int = 0
    unknown: dict[str, list[int]] = field(default_factory=dict)
    warning: str | None = None


def front_matter(text: str, path: str) -> FrontMatter | BadLine:
    """The front matter of a .txt article, or its first bad line.

    Front matter is ``key: value`` lines at the very top of the file, ended by a blank line,
    before the title; the article text starts after it (at the title). It is recognised only
    when the first line starts with a known key in lower case and a colon
    (``license: CC0-1.0``), so a title such as "Budget: what changes" stays the title. Inside
    the block keys are matched case-insensitively and an empty value gives nothing. Without
    front matter: no metadata, and the text starts at 0.
    """
    first_line = text.split("\n", 1)[0]
    first_key, colon, _ = first_line.partition(":")
    if not colon or _key_value(first_line.rstrip("\r"))[0] is None:
        return FrontMatter()  # the common case: a title without a colon
    lines = text.split("\n")
    if first_key not in METADATA_KEYS:
        return FrontMatter(warning=_unread_front_matter(lines))
    metadata: dict[str, str] = {}
    given_by: dict[str, str] = {}
    unknown: dict[str, list[int]] = {}
    offset = 0
    end = len(lines)
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            end = number - 1
            break
        offset += len(raw) + 1
        key, value = _key_value(line)
        if key is None:
            return BadLine(
                path,
                number,
                f"front matter: expected 'key: value', got {line.strip()[:60]!r} "
                "(end the front matter with a blank line before the title)",
            )
        if key not in METADATA_KEYS:
            unknown.setdefault(key, []).append(number)
        elif value:
            conflict = _conflict(metadata, given_by, key, value)
            if conflict:
                return BadLine(path, number, f"front matter: {conflict}")
    # The text starts at the first line after the blank line(s) that end the block.
    for raw in lines[end:]:
        if raw.strip():
            break
        offset += len(raw) + 1
    if offset >= len(text) or not text[offset:].strip():
        return BadLine(path, end, "no article text after the front matter (a blank line, then the title)")
    return FrontMatter(metadata, offset, unknown)


def _key_value(line: str) -> tuple[str | None, str]:
    """The key (in lower case) and value of a ``key: value`` line; no key if it is not one."""
    key, colon, value = line.partition(":")
    key = key.strip().lower()
    if not colon or not key or not all(c.isalnum() or c in "_-" for c in key):
        return None, ""
    return key, value.strip()


def _unread_front_matter(lines: list[str]) -> str | None:
    """A warning when the first paragraph looks like front matter that was not read as such
    (its first key unknown or capitalised): it became the title and the first paragraph."""
    block = []
    for raw in lines:
        if not raw.strip():
            break
        block.append(_key_value(raw.rstrip("\r"))[0])
    if len(block) < 2 or None in block or not METADATA_KEYS.keys() & set(block):
        return None
    return (
        f"line 1 {lines[0].strip()[:60]!r} is read as the title, not as front matter: front matter "
        f"starts with a known key in lower case ({', '.join(METADATA_KEYS)})"
    )


def _conflict(metadata: dict[str, Any], given_by: dict[str, str], key: str, value: Any) -> str | None:
    """Record ``key: value`` in ``metadata`` under its field; say so if the field already has
    another value (from the same key, or another key for it such as licence and license)."""
    name = METADATA_KEYS[key]
    if name in metadata and str(metadata[name]) != str(value):
        other = given_by[name]
        if other == key:
            return f"{key!r} is given twice, with different values ({metadata[name]!r}, {value!r})"
        return f"{other!r} and {key!r} differ ({metadata[name]!r}, {value!r}); give one"
    metadata.setdefault(name, value)
    given_by.setdefault(name, key)
    return None


def _unknown_keys_warning(path: str, unknown: dict[str, list[int]]) -> SourceWarning:
    """One warning for a file: each unknown key with its line (or its number of lines), and the
    known key it may be a typo of."""
    parts = []
    for key, numbers in unknown.items():
        where = f"line {numbers[0]}" if len(numbers) == 1 else f"{len(numbers)} lines"
        close = difflib.get_close_matches(key.lower(), [*METADATA_KEYS, "text"], n=1, cutoff=0.75)
        hint = f"; did you mean {close[0]!r}?" if close and close[0] != key else ""
        parts.append(f"{key!r} ({where}{hint})")
    return SourceWarning(path, "unknown keys ignored: " + ", ".join(parts))


def read_jsonl(source: SourceFile) -> Iterator[SourceItem]:
    """One document per line: ``text`` required, metadata optional (``METADATA_KEYS``); any
    other key is named in one warning for the file."""
    path = source.path
    if path.stat().st_size == 0:
        yield BadLine(str(path), 1, "empty file")
        return
    seen = 0
    unknown: dict[str, list[int]] = {}
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
        metadata = _jsonl_metadata(item, str(path), number, unknown)
        if isinstance(metadata, BadLine):
            yield metadata
            continue
        yield make_document(text.lstrip("\ufeff"), f"{path}:{number}", key=f"{source.key}:{number}", **metadata)
    if not seen:
        yield BadLine(str(path), 1, "empty file")
    if unknown:
        yield _unknown_keys_warning(str(path), unknown)


# JSON values a metadata field cannot take (numbers are written as text).
_JSON_TYPES = {dict: "an object", list: "an array", bool: "true or false"}


def _jsonl_metadata(
    item: dict[str, Any], path: str, number: int, unknown: dict[str, list[int]]
) -> dict[str, Any] | BadLine:
    """The metadata of one .jsonl line by record field; its unknown keys added to ``unknown``."""
    metadata: dict[str, Any] = {}
    given_by: dict[str, str] = {}
    for key, value in item.items():
        if key == "text":
            continue
        if key not in METADATA_KEYS:
            unknown.setdefault(key, []).append(number)
            continue
        if value is None:
            continue
        kind = _JSON_TYPES.get(type(value))
        if kind:
            return BadLine(path, number, f"{key!r} must be a string, not {kind}")
        conflict = _conflict(metadata, given_by, key, value)
        if conflict:
            return BadLine(path, number, conflict)
    return metadata


def read_html(source: SourceFile) -> Iterator[SourceItem]:
    """A saved news page: main text and metadata extracted by trafilatura; the language, when
    trafilatura gives none (it only guesses one when asked for a target language), from the
    page's own ``<html lang>``."""
    path = source.path
    import trafilatura

    html = _decode(path, path.read_bytes())
    if isinstance(html, BadLine):
        yield html
        return
    tree = trafilatura.load_html(html)  # parsed once, by lxml, for the extractor and for lang
    page_language = _html_lang(tree) if tree is not None else None
    extracted = (
        trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False) if tree is not None else None
    )
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
        language=extracted.get("language") or page_language,
        license=extracted.get("license"),
    )


def _html_lang(tree: Any) -> str | None:
    """The ``lang`` (or ``xml:lang``) attribute of the page's ``<html>`` element, if any."""
    root = tree.getroottree().getroot()  # the <html> element, whichever element lxml returned
    if not isinstance(root.tag, str) or root.tag.lower() != "html":
        return None
    value = (root.get("lang") or root.get("xml:lang") or "").strip()
    return value or None


READERS = {".txt": read_txt, ".jsonl": read_jsonl, ".html": read_html, ".htm": read_html}


def iter_documents(paths: list[str | Path]) -> Iterator[SourceItem]:
    """Every document of every source, a BadLine for what could not be read, and a
    SourceWarning for what was read but not used."""
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


__all__ = [
    "METADATA_KEYS",
    "BadLine",
    "FrontMatter",
    "SourceWarning",
    "front_matter",
    "iter_documents",
    "make_document",
    "title_is_first_line",
]
