"""Tokens with BIO tags per span layer, for the ``tokens`` config (pure functions)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from syntok.tokenizer import Tokenizer

from corpus.dataset.features import LAYERS

_TOKENIZER = Tokenizer(emit_hyphen_or_underscore_sep=True, replace_not_contraction=False)


def bio_tags(token_spans: list[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> list[str]:
    """BIO tags of one layer: a token is inside a span when it overlaps it."""
    tags = ["O"] * len(token_spans)
    for start, end in sorted(spans):
        first = True
        for i, (a, b) in enumerate(token_spans):
            if a < end and start < b:
                if tags[i] == "O":
                    tags[i] = "B" if first else "I"
                first = False
    return tags


def token_row(sentence: dict[str, Any], merged: dict[str, Any]) -> dict[str, Any]:
    text = sentence["text"]
    tokens = [(t.offset, t.offset + len(t.value)) for t in _TOKENIZER.tokenize(text)]
    row: dict[str, Any] = {
        "sentence_id": sentence["id"],
        "doc_id": sentence["doc_id"],
        "tokens": [text[a:b] for a, b in tokens],
        "token_starts": [a for a, _ in tokens],
        "token_ends": [b for _, b in tokens],
    }
    for layer in LAYERS:
        spans = [(s["start"], s["end"]) for s in merged["spans"] if s["label"] == layer and not s["in_context"]]
        row[f"{layer.lower()}_tags"] = [t if t == "O" else f"{t}-{layer}" for t in bio_tags(tokens, spans)]
    return row
