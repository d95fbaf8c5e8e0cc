"""Re-anchoring labels to the current text of their document (pure functions).

An annotation belongs to its sentence id, and carries the sentence's text and where the
sentence and its context started when it was annotated. When the document has changed since
(a correction elsewhere, a paragraph inserted before it, segmentation changed around it), the
sentence may stand at other offsets: its labels move with it. When its own text changed, or it
is gone, the annotation is an orphan: kept with its own text, left out of the merged view.

A span in the sentence moves by the sentence's shift. A span in the context (a SOURCE named in
the sentence before) is looked up again in the sentence's current context; when it is no longer
there, it cannot be placed and is reported.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from corpus.ids import same_text


@dataclass
class Anchoring:
    """What re-anchoring did to a set of records."""

    anchored: int = 0
    moved: int = 0  # anchored at offsets other than those it was annotated at
    orphans: list[dict[str, Any]] = field(default_factory=list)  # the records whose sentence is gone or changed
    unplaced_spans: int = 0  # context spans no longer found in the sentence's context


def same_sentence(record: dict[str, Any], sentence: dict[str, Any] | None) -> bool:
    """Whether the labels of ``record`` still apply to ``sentence`` (same id, same text)."""
    if sentence is None:
        return False
    return bool(sentence["text"] == record["sentence_text"]) or same_text(sentence["text"], record["sentence_text"])


class _Mover:
    """Maps document offsets of one annotated sentence to the current document."""

    def __init__(self, record: dict[str, Any], sentence: dict[str, Any]):
        self.old_start = record["sentence_start"]
        self.old_end = self.old_start + len(record["sentence_text"])
        self.old_context_start = record["context_start"]
        self.shift = sentence["start"] - self.old_start
        self.context = sentence["context_before"]
        self.context_start = sentence["context_start"]
        self.unplaced = 0

    def place(self, doc_start: int, doc_end: int, text: str) -> tuple[int, int] | None:
        if self.old_start <= doc_start and doc_end <= self.old_end:
            return doc_start + self.shift, doc_end + self.shift
        # In the context: the same words, as near as possible to where they were before the sentence.
        distance = self.old_start - doc_start
        found, at = None, self.context.find(text)
        while at >= 0:
            if found is None or abs((len(self.context) - at) - distance) < abs((len(self.context) - found) - distance):
                found = at
            at = self.context.find(text, at + 1)
        if found is None or not text:
            self.unplaced += 1
            return None
        return self.context_start + found, self.context_start + found + len(text)


def reanchor_annotation(record: dict[str, Any], sentence: dict[str, Any]) -> dict[str, Any]:
    """A copy of an annotation record placed on the current ``sentence`` (same id and text).

    Context spans that can no longer be found are dropped from the copy, with the attributions
    that need them; ``record["unplaced"]`` (not a schema field; popped by callers) counts them.
    """
    mover = _Mover(record, sentence)
    moved = copy.deepcopy(record)
    kept, gone = [], set()
    for span in moved["spans"]:
        placed = mover.place(span["doc_start"], span["doc_end"], span["text"])
        if placed is None:
            gone.add(span["id"])
            continue
        span["doc_start"], span["doc_end"] = placed
        kept.append(span)
    moved["spans"] = kept
    moved["attributions"] = [a for a in moved["attributions"] if not {a["content"], a["source"], a["cue"]} & gone]
    moved["figures"] = [f for f in moved["figures"] if f["span"] not in gone]
    moved["sentence_start"], moved["context_start"] = sentence["start"], sentence["context_start"]
    moved["unplaced"] = mover.unplaced
    return moved


def reanchor_merged(record: dict[str, Any], sentence: dict[str, Any]) -> dict[str, Any]:
    """A copy of a merged record placed on the current ``sentence`` (same id and text).

    Spans, attributions and figures whose context span can no longer be found are dropped;
    ``record["unplaced"]`` counts the spans (not a schema field; popped by callers).
    """
    mover = _Mover(record, sentence)
    moved = copy.deepcopy(record)

    def place(ref: dict[str, Any] | None) -> bool:
        if ref is None:
            return True
        placed = mover.place(ref["doc_start"], ref["doc_end"], ref["text"])
        if placed is None:
            return False
        ref["doc_start"], ref["doc_end"] = placed
        return True

    moved["spans"] = [s for s in moved["spans"] if place(s)]
    unplaced = mover.unplaced
    moved["attributions"] = [
        a for a in moved["attributions"] if all([place(a["content"]), place(a["source"]), place(a["cue"])])
    ]
    moved["figures"] = [f for f in moved["figures"] if place(f)]
    moved["sentence_start"], moved["context_start"] = sentence["start"], sentence["context_start"]
    moved["unplaced"] = unplaced
    return moved


@dataclass(frozen=True)
class Correction:
    """A sentence whose text was corrected: the old version (gone) and the new one (its successor)."""

    doc_id: str
    old_id: str
    old_text: str
    new_id: str
    new_text: str


# How alike an old and a new sentence must be to call the new one a correction of the old: a
# ratio of matching characters (difflib), high enough that a rewritten sentence is not taken
# for a corrected one ("rose 5%" -> "rose 6%" is 0.9+; two different sentences are ~0.3).
CORRECTION_SIMILARITY = 0.6


def corrections(
    gone: list[tuple[str, str, str]], current: list[tuple[str, str, str]], similarity: float = CORRECTION_SIMILARITY
) -> list[Correction]:
    """Pair sentences that are gone with their corrected versions (pure).

    ``gone`` and ``current`` are (sentence id, document id, text). A gone sentence is corrected
    when a sentence of the same document is at least ``similarity`` alike; each current sentence
    is the successor of at most one gone sentence (the most alike pairs first). A gone sentence
    with no such successor was removed, not corrected.
    """
    import difflib

    by_doc: dict[str, list[tuple[str, str]]] = {}
    for sentence_id, doc_id, text in current:
        by_doc.setdefault(doc_id, []).append((sentence_id, text))
    candidates = []
    for old_id, doc_id, old_text in gone:
        for new_id, new_text in by_doc.get(doc_id, []):
            matcher = difflib.SequenceMatcher(None, old_text, new_text, autojunk=False)
            if matcher.real_quick_ratio() >= similarity and matcher.quick_ratio() >= similarity:
                ratio = matcher.ratio()
                if ratio >= similarity:
                    candidates.append((ratio, old_id, doc_id, old_text, new_id, new_text))
    paired: list[Correction] = []
    used_old, used_new = set(), set()
    for _, old_id, doc_id, old_text, new_id, new_text in sorted(candidates, key=lambda c: (-c[0], c[1], c[4])):
        if old_id not in used_old and new_id not in used_new:
            used_old.add(old_id)
            used_new.add(new_id)
            paired.append(Correction(doc_id, old_id, old_text, new_id, new_text))
    return sorted(paired, key=lambda c: (c.doc_id, c.old_id))
