"""Rule-based pre-annotations: FIGUREs with normalised values, and reporting CUEs.

``suggest(text)`` is the one entry point: a better model can replace the rules later behind
the same function, and ``MODEL_VERSION`` names what produced the suggestions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MODEL_VERSION = "corpus-rules-1.0.0"

_SCALE = {"thousand": 1e3, "million": 1e6, "m": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
    "a dozen": 12,
}
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_VAGUE = (
    "hundreds",
    "thousands",
    "millions",
    "billions",
    "dozens",
    "scores",
    "tens of thousands",
    "hundreds of thousands",
)
_APPROX = [
    (r"more than|over|upwards of", "more_than"),
    (r"less than|fewer than|under", "less_than"),
    (r"at least|no fewer than|no less than", "at_least"),
    (r"at most|up to|no more than", "at_most"),
    (r"about|around|roughly|approximately|some|nearly|almost|an estimated|close to", "approximate"),
]
_CURRENCY_SYMBOL = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORD = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "gbp": "GBP",
    "rouble": "RUB",
    "roubles": "RUB",
    "hryvnias": "UAH",
}
_DURATION = r"seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?"
_MEASURE = (
    r"degrees?|km|kilometres?|kilometers?|miles?|metres?|meters?|kg|kilograms?|tonnes?|tons?|litres?|liters?|hectares?"
    r"|square kilometres?|percentage points?"
)
_MONTH = (
    r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?"
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD_NUMBER = "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True))
_APPROX_RE = "|".join(p for p, _ in _APPROX)
_STOP_UNIT = {
    "the",
    "a",
    "an",
    "of",
    "and",
    "or",
    "to",
    "in",
    "on",
    "at",
    "for",
    "by",
    "with",
    "from",
    "that",
    "this",
    "was",
    "were",
    "is",
    "are",
    "had",
    "have",
    "has",
    "per",
    "as",
    "than",
}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            rf"\b(?:(?:{_MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}})?|\d{{1,2}}\s+(?:{_MONTH})(?:\s+\d{{4}})?|(?:{_MONTH})\s+\d{{4}})(?!\w)"
        ),
    ),
    (
        "time",
        re.compile(r"\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{4}\s+(?:GMT|UTC)\b|\b\d{1,2}:\d{2}\b"),
    ),
    (
        "money",
        re.compile(
            rf"(?:(?P<approx1>{_APPROX_RE})\s+)?(?P<symbol>[$€£¥])\s?(?P<num1>{_NUMBER})(?:\s?(?P<scale1>thousand|million|billion|trillion|bn|m)\b)?"
        ),
    ),
    (
        "money",
        re.compile(
            rf"\b(?:(?P<approx1>{_APPROX_RE})\s+)?(?P<num1>{_NUMBER}|{_WORD_NUMBER})(?:\s(?P<scale1>thousand|million|billion|trillion))?\s(?P<currency>dollars?|euros?|pounds?|roubles|hryvnias|USD|EUR|GBP)\b",
            re.I,
        ),
    ),
    (
        "percent",
        re.compile(
            rf"\b(?:(?P<approx1>{_APPROX_RE})\s+)?(?P<num1>{_NUMBER})\s?(?:%|percent\b|per cent\b)(?!\s+points?)", re.I
        ),
    ),
    (
        "ordinal",
        re.compile(
            r"\b(?P<num1>\d+)(?:st|nd|rd|th)\b|\b(?P<word>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b(?!-)",
            re.I,
        ),
    ),
    (
        "vague",
        re.compile(
            rf"\b(?P<vague>{'|'.join(sorted(_VAGUE, key=len, reverse=True))})\b(?:\s+of\s+(?P<unit>[a-z]+))?", re.I
        ),
    ),
    (
        "quantity",
        re.compile(
            rf"\b(?:(?P<approx1>{_APPROX_RE})\s+)?(?P<num1>{_NUMBER}|{_WORD_NUMBER})(?:\s(?P<scale1>thousand|million|billion|trillion)\b)?"
            rf"(?:(?:-|\s)(?:(?P<duration>{_DURATION})|(?P<measure>{_MEASURE}))\b)?(?!\w|,\d)",
            re.I,
        ),
    ),
]
_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    value: float | None
    unit: str | None
    kind: str
    approx: str
    upper: float | None = None  # the upper end of a range (schema 2.0.0)


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


def _number(raw: str | None) -> float | None:
    if raw is None:
        return None
    key = raw.lower()
    if key in _WORDS:
        return float(_WORDS[key])
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return None


def _approx(raw: str | None) -> str:
    if not raw:
        return "exact"
    for pattern, name in _APPROX:
        if re.fullmatch(pattern, raw, re.I):
            return name
    return "exact"


def _next_word_unit(text: str, end: int) -> str | None:
    match = re.match(r"\s+(?:[A-Z][\w-]*\s+)?([a-z][a-z-]+)", text[end : end + 60])
    if match and match.group(1) not in _STOP_UNIT and match.group(1) not in _WORDS:
        return match.group(1)
    return None


def _clean_value(value: float | None) -> float | int | None:
    if value is not None and value.is_integer():
        return int(value)
    return value


def figures(text: str) -> list[Figure]:
    """Every figure the rules find in text, leftmost-longest, without overlaps."""
    found: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            while end > start and text[end - 1] in " -":
                end -= 1
            if end <= start or any(a < end and start < b for a, b in taken):
                continue
            figure = _figure(kind, match, text, start, end)
            if figure is None:
                continue
            found.append(figure)
            taken.append((start, end))
    return sorted(found, key=lambda f: f.start)


def _figure(kind: str, match: re.Match[str], text: str, start: int, end: int) -> Figure | None:
    groups = match.groupdict()
    piece = text[start:end]
    approx = _approx(groups.get("approx1"))
    scale = _SCALE.get((groups.get("scale1") or "").lower(), 1)
    if kind == "date":
        return Figure(start, end, piece, None, None, "date", "exact")
    if kind == "time":
        return Figure(start, end, piece, None, None, "time", "exact")
    if kind == "money":
        value = _number(groups.get("num1"))
        unit = _CURRENCY_SYMBOL.get(groups.get("symbol") or "") or _CURRENCY_WORD.get(
            (groups.get("currency") or "").lower()
        )
        return Figure(
            start, end, piece, _clean_value(value * scale) if value is not None else None, unit, "money", approx
        )
    if kind == "percent":
        return Figure(start, end, piece, _clean_value(_number(groups["num1"])), "%", "percent", approx)
    if kind == "ordinal":
        value = int(groups["num1"]) if groups.get("num1") else _ORDINALS[groups["word"].lower()]
        return Figure(start, end, piece, value, None, "ordinal", "exact")
    if kind == "vague":
        unit = groups.get("unit") or _next_word_unit(text, end)
        return Figure(start, end, piece, None, unit, "count", "vague")
    value = _number(groups.get("num1"))
    if value is None:
        return None
    value *= scale
    if groups.get("duration"):
        return Figure(start, end, piece, _clean_value(value), groups["duration"].lower(), "duration", approx)
    if groups.get("measure"):
        return Figure(start, end, piece, _clean_value(value), groups["measure"].lower(), "measure", approx)
    if (
        _YEAR.match(groups["num1"])
        and approx == "exact"
        and re.search(r"\b(?:in|since|until|by|of|from)\s+$", text[max(0, start - 7) : start])
    ):
        return Figure(start, end, piece, int(value), None, "date", "exact")
    return Figure(start, end, piece, _clean_value(value), _next_word_unit(text, end), "count", approx)


def cues(text: str) -> list[Cue]:
    return [Cue(m.start(), m.end(), m.group(0)) for m in _CUE_RE.finditer(text)]


def suggest(text: str) -> tuple[list[Figure], list[Cue]]:
    """All pre-annotations for one sentence."""
    return figures(text), cues(text)


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


@dataclass(frozen=True)
class Suggestions:
    figures: list[Figure]
    cues: list[Cue]
    attributions: list[Attribution]


def suggest_all(text: str, context_before: str = "") -> Suggestions:
    """All pre-annotations for one sentence, with attributions (SOURCE may be in the context)."""
    found_figures, found_cues = suggest(text)
    return Suggestions(found_figures, found_cues, [])
