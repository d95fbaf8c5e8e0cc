"""Tokens with BIO tags per span layer, for the ``tokens`` config (pure functions, and the builder of its Arrow table).

The tokens are syntok's (``Tokenizer(emit_hyphen_or_underscore_sep=True,
replace_not_contraction=False)``). syntok walks a sentence token by token in Python, which was
most of the time of writing this config (docs/benchmarks.md); ``token_spans`` gives the same
tokens at the same offsets and leaves to syntok only the whitespace-separated chunks it has
rules for. The others, the plain ones, are a run of letters and digits (ASCII and Latin-1, no
lower-case letter before an upper-case one) with punctuation before or after it: syntok makes
the run one token and each mark one token, but for a "..." right after the run, which is one.
``tests/test_tokens.py`` checks the two against each other on every kind of chunk.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate
from typing import Any

import numpy as np
import pyarrow as pa
from syntok.tokenizer import Tokenizer

from corpus.dataset.features import LAYERS

_TOKENIZER = Tokenizer(emit_hyphen_or_underscore_sep=True, replace_not_contraction=False)

# What separates syntok's chunks (its pattern is [^\s\u200b]+ in the `regex` module, whose \s is
# Unicode's White_Space): written out, as `re`'s \s also takes \x1c-\x1f.
SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u200b"
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff"
_ALNUM = f"{_UPPER}{_LOWER}0-9"
# Letters and digits with no lower-case letter right before an upper-case one (syntok splits there).
_RUN = f"(?:[{_UPPER}0-9]|[{_LOWER}](?![{_UPPER}]))+"
# Marks that are neither letters, digits (str.isalnum) nor space: one token each before or after a run.
MARKS = "!-/:-@\\[-`{-~\u00a3\u00ab\u00b0\u00bb\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u20ac"
# A chunk that is not marks around one run: syntok's.
_OTHER_CHUNK = re.compile(f"(?<![^{SPACE}])(?![{MARKS}]*{_RUN}[{MARKS}]*(?![^{SPACE}]))[^{SPACE}]+")
# The tokens of plain chunks, captured, so that re.split gives tokens and what lies between them.
_PLAIN_TOKEN = re.compile(f"([{_ALNUM}]+|(?<=[{_ALNUM}])\\.\\.\\.|[{MARKS}])")
_ENDS_IN_SPACE = re.compile(f"[{SPACE}]\\Z")


def _plain(text: str, base: int, tokens: list[str], starts: list[int], ends: list[int]) -> None:
    parts = _PLAIN_TOKEN.split(text)  # [between, token, between, token, ..., between]
    if len(parts) > 1:
        at = list(accumulate(map(len, parts), initial=base))
        tokens += parts[1::2]
        starts += at[1:-1:2]
        ends += at[2::2]


def tokenize(text: str) -> tuple[list[str], list[int], list[int]]:
    """syntok's tokens of ``text``, with their start and end offsets (code points)."""
    tokens: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    done = 0
    for chunk in _OTHER_CHUNK.finditer(text):
        begin = chunk.start()
        _plain(text[done:begin], done, tokens, starts, ends)
        for value, offset in _syntok_chunk(chunk.group()):
            tokens.append(value)
            starts.append(begin + offset)
            ends.append(begin + offset + len(value))
        done = chunk.end()
    _plain(text[done:] if done else text, done, tokens, starts, ends)
    if _ENDS_IN_SPACE.search(text):  # syntok ends such a text with an empty token
        tokens.append("")
        starts.append(len(text))
        ends.append(len(text))
    return tokens, starts, ends


@lru_cache(maxsize=65536)
def _syntok_chunk(chunk: str) -> tuple[tuple[str, int], ...]:
    """syntok's tokens of one chunk with their offsets in it: the same chunks ("U.S.", "a.m.", "1,000",
    a name's possessive) come back again and again in news, and syntok walks each in Python."""
    return tuple((token.value, token.offset) for token in _TOKENIZER.tokenize(chunk))


def syntok_tokens(text: str) -> tuple[list[str], list[int], list[int]]:
    """``tokenize`` as syntok alone gives it (the reference the fast path is tested against)."""
    found = [(t.offset, t.offset + len(t.value)) for t in _TOKENIZER.tokenize(text)]
    return [text[a:b] for a, b in found], [a for a, _ in found], [b for _, b in found]


def bio_tags(token_spans: list[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> list[str]:
    """BIO tags of one layer: a token is inside a span when it overlaps it (tokens in text order)."""
    starts, ends = [a for a, _ in token_spans], [b for _, b in token_spans]
    return _tags(starts, ends, spans, "B", "I")


def _tags(starts: list[int], ends: list[int], spans: Iterable[tuple[int, int]], begin: str, inside: str) -> list[str]:
    names = ("O", begin, inside)
    return [names[tag] for tag in _tag_ids(starts, ends, spans)]


def _tag_ids(starts: list[int], ends: list[int], spans: Iterable[tuple[int, int]]) -> bytearray:
    """BIO tags as the ids of ``bio_names`` (O 0, B 1, I 2), one byte a token."""
    # Tokens in text order: those that overlap a span (start < span end, end > span start) are a run.
    tags = bytearray(len(starts))
    for start, end in sorted(spans):
        first, last = bisect_right(ends, start), bisect_left(starts, end)
        if first < last:
            if not tags[first]:
                tags[first] = 1
            for i in range(first + 1, last):
                if not tags[i]:
                    tags[i] = 2
    return tags


def _layer_spans(merged: dict[str, Any]) -> dict[str, list[tuple[int, int]]]:
    """The merged record's spans in the sentence (not its context), by label."""
    by_layer: dict[str, list[tuple[int, int]]] = {}
    for s in merged["spans"]:
        if not s["in_context"]:
            by_layer.setdefault(s["label"], []).append((s["start"], s["end"]))
    return by_layer


def token_row(sentence: dict[str, Any], merged: dict[str, Any]) -> dict[str, Any]:
    """A row of the ``tokens`` config: a sentence's tokens and, per span layer, their BIO tags."""
    tokens, starts, ends = tokenize(sentence["text"])
    row: dict[str, Any] = {
        "sentence_id": sentence["id"],
        "doc_id": sentence["doc_id"],
        "tokens": tokens,
        "token_starts": starts,
        "token_ends": ends,
    }
    by_layer = _layer_spans(merged)
    for layer in LAYERS:
        spans = by_layer.get(layer)
        row[f"{layer.lower()}_tags"] = (
            _tags(starts, ends, spans, f"B-{layer}", f"I-{layer}") if spans else ["O"] * len(tokens)
        )
    return row


class TokenColumns:
    """Rows of the ``tokens`` config gathered as columns and given as one Arrow table: what
    ``token_row`` makes, without a dict and six lists per sentence, and with the tags as their
    ClassLabel ids from the start (a hundred thousand rows: 1.6 s less than rows turned into
    Arrow, docs/benchmarks.md). ``tests/test_tokens.py`` holds the two to the same table."""

    def __init__(self) -> None:
        self.sentence_ids: list[str] = []
        self.doc_ids: list[str] = []
        self.tokens: list[str] = []
        self.starts, self.ends = array("q"), array("q")
        self.offsets = array("i", [0])
        self.tags: dict[str, bytearray] = {layer: bytearray() for layer in LAYERS}

    def __len__(self) -> int:
        return len(self.sentence_ids)

    def add(self, sentence: dict[str, Any], merged: dict[str, Any]) -> None:
        """One sentence's row (as ``token_row(sentence, merged)``)."""
        tokens, starts, ends = tokenize(sentence["text"])
        self.sentence_ids.append(sentence["id"])
        self.doc_ids.append(sentence["doc_id"])
        self.tokens += tokens
        self.starts.extend(starts)
        self.ends.extend(ends)
        self.offsets.append(len(self.tokens))
        by_layer = _layer_spans(merged)
        for layer, tags in self.tags.items():
            spans = by_layer.get(layer)
            tags += _tag_ids(starts, ends, spans) if spans else bytes(len(tokens))

    def table(self, schema: pa.Schema) -> pa.Table:
        """The rows as a table of the config's ``schema`` (its field order and types)."""
        offsets: Any = pa.array(np.frombuffer(self.offsets, dtype=np.int32), type=pa.int32())
        values: dict[str, Any] = {
            "sentence_id": pa.array(self.sentence_ids, pa.string()),
            "doc_id": pa.array(self.doc_ids, pa.string()),
            "tokens": pa.array(self.tokens, pa.string()),
            "token_starts": pa.array(np.frombuffer(self.starts, dtype=np.int64)),
            "token_ends": pa.array(np.frombuffer(self.ends, dtype=np.int64)),
        }
        for layer, tags in self.tags.items():
            values[f"{layer.lower()}_tags"] = pa.array(np.frombuffer(bytes(tags), dtype=np.uint8).astype(np.int64))
        columns = [
            values[field.name]
            if not pa.types.is_list(field.type)
            else pa.ListArray.from_arrays(offsets, values[field.name], type=field.type)
            for field in schema
        ]
        return pa.Table.from_arrays(columns, schema=schema)
