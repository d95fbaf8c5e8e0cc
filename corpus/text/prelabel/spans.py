"""The spans the rules return (a CUE, a SOURCE/CUE/CONTENT attribution) and how a span is trimmed.
Pure functions of the sentence text."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN_QUOTES = "\"“‘'"
CLOSING_QUOTE = {'"': '"', "“": "”", "‘": "’", "'": "'"}
TRAILING_PUNCTUATION = " \t.,;:!?"


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    text: str


_CUE_RE = re.compile(
    r"\b(?:according to|said|says|say|told|tells|tell|wrote|writes|added|adds|stated|states|announced|"
    r"reported|claimed|claims|continued|noted|explained|argued|insisted|warned|declared|confirmed|"
    r"denied|acknowledged|estimated|reiterated|asserted|alleged|predicted|promised)\b",
    re.I,
)


def cues(text: str) -> list[Cue]:
    return [Cue(m.start(), m.end(), m.group(0)) for m in _CUE_RE.finditer(text)]


@dataclass(frozen=True)
class Span:
    """A stretch of the sentence (or, with ``in_context``, of the context before it)."""

    start: int
    end: int
    text: str
    in_context: bool = False


@dataclass(frozen=True)
class Attribution:
    """One CONTENT with its SOURCE and CUE (either may be missing) and its type."""

    source: Span | None
    cue: Span | None
    content: Span
    type: str
    zero_source: bool = False  # no source anywhere ("It is understood that ..."), not merely none found


def trim_span(text: str, start: int, end: int, *, in_context: bool = False, quotes: bool = False) -> Span | None:
    """text[start:end] trimmed of spaces and end punctuation (and of enclosing quotes with ``quotes``)."""
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in TRAILING_PUNCTUATION:
        end -= 1
    if quotes:
        if start < end and text[start] in OPEN_QUOTES:
            start += 1
        if end > start and text[end - 1] in "\"”’'":
            end -= 1
        while end > start and text[end - 1] in TRAILING_PUNCTUATION:
            end -= 1
    end = abbreviation_end(text, start, end)
    return Span(start, end, text[start:end], in_context) if end > start else None


# "until 3 a.m.", "in the U.S.": the full stop that ends the sentence is also the abbreviation's own.
_ABBREVIATION_END = re.compile(r"(?<![\w.])[A-Za-z]\.[A-Za-z]$")


def abbreviation_end(text: str, start: int, end: int) -> int:
    """``end``, or one past it where text[start:end] ends in a dotted abbreviation that lost its last dot."""
    if text[end : end + 1] == "." and _ABBREVIATION_END.search(text, max(start, end - 4), end):
        return end + 1
    return end


__all__ = [
    "CLOSING_QUOTE",
    "OPEN_QUOTES",
    "TRAILING_PUNCTUATION",
    "Attribution",
    "Cue",
    "Span",
    "abbreviation_end",
    "cues",
    "trim_span",
]
