"""Word lists both rule sets read: kept here once so that neither imports the other's internals."""

from __future__ import annotations

# Finite verb forms: a phrase holding one is a clause, not a name or a noun phrase.
FINITE_WORDS = (
    "is are was were has have had will would can could may might must should did does do shall knew got "
    "went came took made gave saw left fell rose cut won lost ran"
)
FINITE = frozenset(FINITE_WORDS.split())
MONTH_NAMES = r"January|February|March|April|May|June|July|August|September|October|November|December"
