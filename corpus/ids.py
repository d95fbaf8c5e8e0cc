"""Identity: how documents and sentences get ids that survive edits (the rule, written once).

* A document's id is a stable key: the input's own ``id``, else its URL, else its source path
  relative to the input folder (a ``.jsonl`` line without id or URL: ``path:line``); only when
  none is known, the hash of its text. The hash of its text is its ``revision``.
* A sentence's id is its document's id and a hash of its normalised text and of its
  occurrence number among units with the same text in the document. Nothing else goes in: a
  unit keeps its id while its own text is unchanged, whatever happens around it.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Any


def normalise_for_id(text: str) -> str:
    """The form of a text that ids are computed from: same words, same id.

    Unicode NFC, all runs of white space (CRLF, tabs, NBSP, a BOM) as one space, trimmed.
    """
    if not text.isascii():  # ASCII text is NFC already and holds no BOM
        text = unicodedata.normalize("NFC", text).replace("\ufeff", "")
    return " ".join(text.split())


def text_revision(text: str) -> str:
    """The revision of a document's text: a hash of its normalised form (the 1.0.0 document id)."""
    return "d" + hashlib.blake2b(normalise_for_id(text).encode("utf-8"), digest_size=8).hexdigest()


def document_key(text: str, *, id: Any = None, url: str | None = None, path: str | None = None) -> tuple[str, str]:
    """The stable id of a document and where it comes from ('id', 'url', 'path' or 'text')."""
    if id is not None and str(id).strip():
        return str(id), "id"
    if url:
        return url, "url"
    if path:
        return path, "path"
    return text_revision(text), "text"


def sentence_id(doc_id: str, text: str, occurrence: int = 0, *, normalised: str | None = None) -> str:
    """The id of a unit: ``<doc_id>#<hash of its normalised text and occurrence number>``.

    ``normalised``: ``normalise_for_id(text)`` when the caller has it already.
    """
    if normalised is None:
        normalised = normalise_for_id(text)
    digest = hashlib.blake2b(f"{normalised}\x00{occurrence}".encode(), digest_size=6).hexdigest()
    return f"{doc_id}#{digest}"


def same_text(a: str, b: str) -> bool:
    """Whether two texts are the same for identity (white space and Unicode form aside)."""
    return normalise_for_id(a) == normalise_for_id(b)
