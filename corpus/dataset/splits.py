"""Train/validation/test splits of the dataset, by document (pure functions).

A document's split is a hash of the seed and its id: it never changes when other documents
are added, it is the same in every process, and no document is in two splits.
"""

from __future__ import annotations

import hashlib

from corpus.errors import OptionError


def parse_ratios(text: str) -> dict[str, float]:
    """'train=0.8,validation=0.1,test=0.1' -> ratios that sum to 1."""
    ratios: dict[str, float] = {}
    for part in text.split(","):
        name, _, value = part.partition("=")
        try:
            ratios[name.strip()] = float(value)
        except ValueError:
            raise OptionError(f"bad split ratio {part!r}; expected NAME=FRACTION, e.g. train=0.8") from None
    total = sum(ratios.values())
    if not ratios or any(v < 0 for v in ratios.values()) or abs(total - 1) > 1e-6:
        raise OptionError(f"split ratios must be non-negative and sum to 1, got {text!r}")
    return ratios


def document_split(doc_id: str, seed: int, ratios: dict[str, float]) -> str:
    """Deterministic split of a document: depends only on the seed and the document id."""
    digest = hashlib.blake2b(f"{seed}:{doc_id}".encode(), digest_size=8).digest()
    point = int.from_bytes(digest, "big") / 2**64
    cumulative = 0.0
    for name, ratio in ratios.items():
        cumulative += ratio
        if point < cumulative:
            return name
    return list(ratios)[-1]
