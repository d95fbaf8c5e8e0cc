"""Migration of a data folder written under schema 1.0.0 to the current schema (2.0.0).

Ids changed meaning in 2.0.0 (a document's id is a stable key, a sentence's id a hash of its
text), so records cannot be migrated one by one: a sentence's new id needs its document's new
id and its occurrence among equal texts, and an annotation's new sentence id needs the old
sentence's text. ``migrate_data`` reads the four files of a folder together, maps every old id
to its new one through the text, converts the labels (``checkworthy`` by the schema's own
table; an answer with no new equivalent is kept in the annotation's comment), and writes the
four files anew, keeping the originals in ``.schema-1.0.0/`` beside them.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import defaults
from corpus.errors import InputError
from corpus.ids import document_key, normalise_for_id, sentence_id, text_revision
from corpus.jsonl import BadLine, iter_lines, write_records
from corpus.results import Result
from corpus.schema import SCHEMA_VERSION
from corpus.schema.migrate import checkworthy_answer

FROM_VERSION = "1.0.0"
_TEXT_HASH = re.compile(r"^d[0-9a-f]{16}$")


@dataclass
class DataMigration(Result):
    """What ``migrate_data`` did."""

    folder: Path
    documents: int = 0
    sentences: int = 0
    annotations: int = 0
    merged: int = 0
    uncarried: int = 0  # checkworthy answers with no equivalent, kept in the comment
    unmapped: int = 0  # annotation or merged records whose old sentence is not in the folder (refused)
    backup: Path | None = None

    def line(self) -> str:
        return (
            f"{self.folder}: {self.documents} documents, {self.sentences} sentences, {self.annotations} annotations and "
            f"{self.merged} merged records migrated from schema {FROM_VERSION} to {SCHEMA_VERSION}; {self.uncarried} "
            f"checkworthy answers without an equivalent kept in their comment; originals in {self.backup}"
        )


def _old_records(path: Path) -> Iterator[dict[str, Any]]:
    for number, item in iter_lines(path):
        if isinstance(item, BadLine):
            raise InputError(str(item))
        if not isinstance(item, dict) or item.get("schema_version") != FROM_VERSION:
            raise InputError(f"{path}:{number}: not a schema {FROM_VERSION} record; nothing was changed")
        yield item


def _new_document(old: dict[str, Any]) -> dict[str, Any]:
    """A 1.0.0 document as 2.0.0 writes it: its own id kept, a text-hash id replaced by the stable key."""
    source = old.get("source_file") or ""
    given = None if _TEXT_HASH.match(old["id"]) and old["id"] == text_revision(old["text"]) else old["id"]
    # 1.0.0 kept the path as given; 2.0.0 keys by the path relative to the input folder, which
    # for a file given or found at the top of a folder is its name (a .jsonl line: name:line).
    path, _, line = source.rpartition(":") if re.search(r":\d+$", source) else (source, "", "")
    key = f"{Path(path).name}:{line}" if line else Path(path).name
    doc_id, id_from = document_key(old["text"], id=given, url=old.get("url"), path=key or None)
    return {
        **old,
        "schema_version": SCHEMA_VERSION,
        "id": doc_id,
        "id_from": id_from,
        "revision": text_revision(old["text"]),
    }


def _checkworthy(value: Any, record: dict[str, Any], migration: DataMigration) -> Any:
    new, note = checkworthy_answer(value, FROM_VERSION)
    if note and "comment" in record:
        record["comment"] = f"{record['comment']}\n{note}" if record.get("comment") else note
        migration.uncarried += 1
    return new


def migrate_data(data_dir: str | Path = defaults.DATA_DIR) -> DataMigration:
    """Migrate a data folder of schema 1.0.0 (split's and pull's files) to the current schema.

    Raises:
        InputError: a file is not a schema 1.0.0 file, or a line is broken (nothing is changed).
    """
    folder = Path(data_dir)
    result = DataMigration(folder)
    paths = {
        name: folder / name
        for name in (defaults.DOCUMENTS_FILE, defaults.SENTENCES_FILE, defaults.ANNOTATIONS_FILE, defaults.MERGED_FILE)
    }
    if not paths[defaults.SENTENCES_FILE].exists() or not paths[defaults.DOCUMENTS_FILE].exists():
        raise InputError(f"{folder}: no {defaults.DOCUMENTS_FILE} and {defaults.SENTENCES_FILE} to migrate")
    documents = [_new_document(d) for d in _old_records(paths[defaults.DOCUMENTS_FILE])]
    doc_ids = {
        old["id"]: new["id"] for old, new in zip(_old_records(paths[defaults.DOCUMENTS_FILE]), documents, strict=True)
    }
    sentences, old_sentences = [], {}
    occurrences: dict[tuple[str, str], int] = {}
    for old in _old_records(paths[defaults.SENTENCES_FILE]):
        doc_id = doc_ids.get(old["doc_id"], old["doc_id"])
        key = (doc_id, normalise_for_id(old["text"]))
        occurrences[key] = occurrences.get(key, -1) + 1
        new = {
            **old,
            "schema_version": SCHEMA_VERSION,
            "doc_id": doc_id,
            "id": sentence_id(doc_id, old["text"], occurrences[key]),
        }
        sentences.append(new)
        old_sentences[old["id"]] = new
    converted: dict[str, list[dict[str, Any]]] = {}
    for name in (defaults.ANNOTATIONS_FILE, defaults.MERGED_FILE):
        converted[name] = []
        if not paths[name].exists():
            continue
        for old in _old_records(paths[name]):
            record = json.loads(json.dumps(old))
            sentence = old_sentences.get(record["sentence_id"])
            if sentence is None:
                result.unmapped += 1
                continue

            record.update(schema_version=SCHEMA_VERSION, sentence_id=sentence["id"], doc_id=sentence["doc_id"],
                          sentence_text=sentence["text"], sentence_start=sentence["start"],
                          context_start=sentence["context_start"])  # fmt: skip
            record["checkworthy"] = _checkworthy(record.get("checkworthy"), record, result)
            for attribution in record.get("attributions", []):
                attribution.setdefault("zero_source", False)
            for figure in record.get("figures", []):
                figure.setdefault("upper", None)
            converted[name].append(record)
    if result.unmapped:
        raise InputError(
            f"{result.unmapped} annotation or merged records in {folder} name sentences that are not in "
            f"{paths[defaults.SENTENCES_FILE]}: their text, which maps them to 2.0.0 ids, is unknown; nothing was changed "
            f"(put the sentences.jsonl they were annotated on beside them and run again)"
        )
    backup = folder / f".schema-{FROM_VERSION}"
    backup.mkdir(exist_ok=True)
    for path in paths.values():
        if path.exists() and not (backup / path.name).exists():
            shutil.copy2(path, backup / path.name)
    result.backup = backup
    result.documents = write_records(paths[defaults.DOCUMENTS_FILE], documents)
    result.sentences = write_records(paths[defaults.SENTENCES_FILE], sentences)
    for name, records in converted.items():
        if paths[name].exists():
            count = write_records(paths[name], records)
            if name == defaults.ANNOTATIONS_FILE:
                result.annotations = count
            else:
                result.merged = count
    return result
