"""A figure the rules found, and the candidates the figure finders propose (the longest wins where
they overlap; ``figures.figures`` chooses): the shared pieces of the finders. Pure functions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from corpus.text.prelabel.numbers import RANGE_FROM, clean_value, parse_number, scaled_value
from corpus.text.prelabel.numbers import preceded_by as _preceded_by


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
class Candidate:
    figure: Figure
    priority: int


# "edged up to 4.1 per cent", "climbed up to 52": "up" goes with the verb, so "to" gives a level, not a
# bound. Only finite forms: after a modal ("could rise up to 10%") it is a bound.
_MOVED_UP_TO = re.compile(r"up\s+to\s+", re.I)
_MOVED_BEFORE = re.compile(
    r"\b(?:rose|rises|edged|edges|climbed|climbs|jumped|jumps|went|goes|moved|moves|crept|creeps|inched|inches"
    r"|ticked|ticks|shot|soared|soars|surged|surges)\s+$",
    re.I,
)


# "perhaps a tenth" is a hedged fraction; "perhaps one of them" no amount at all.
_LOOSE_HEDGE = re.compile(r"(?i:maybe|perhaps)\s+(?!\d|an?\s+(?:half|third|quarter|fifth|tenth)\b)")


def add(found: list[Candidate], text: str, start: int, end: int, priority: int, **fields: Any) -> None:
    while end > start and text[end - 1] in " -,":
        end -= 1
    hedge = re.match(r"(?:more|less|fewer) than\s+", text[start:end]) if text[start : start + 1] in "mlf" else None
    if hedge and re.search(
        r"(?:\d|\b(?:dozen|hundred|thousand|million|billion))\s+$", text[max(0, start - 12) : start]
    ):
        start, fields["approx"] = start + hedge.end(), "exact"  # "6,000 more than four years ago"
    if fields.get("approx") == "at_most" and text[start : start + 2].lower() == "up":
        moved = _MOVED_UP_TO.match(text, start)
        if moved and _MOVED_BEFORE.search(text, max(0, start - 12), start):
            start, fields["approx"] = moved.end(), "exact"  # "edged up to 4.1 per cent": a level, no hedge
    if fields.get("approx") == "approximate" and text[start : start + 1] in "mMpP":
        loose = _LOOSE_HEDGE.match(text, start)
        if loose:
            return  # "Maybe one day", "perhaps one of them": a hedge only before digits
    fields.setdefault("approx", "exact")
    fields.setdefault("unit", None)
    value, upper = fields.pop("value", None), fields.pop("upper", None)
    found.append(
        Candidate(Figure(start, end, text[start:end], clean_value(value), upper=clean_value(upper), **fields), priority)
    )


def range_ends(match: re.Match[str]) -> tuple[float | None, float | None]:
    """Both ends of a range; a scale written only after the second end applies to both ("3-5 million")."""
    value, upper = scaled_value(match), scaled_value(match, "num2", "scale2")
    if value is not None and upper is not None and match.group("scale2") and not match.group("scale"):
        lower, higher = parse_number(match.group("num")), parse_number(match.group("num2"))
        if lower is not None and higher is not None and lower < higher:
            value = upper * lower / higher
    return value, upper


def range_words_fit(text: str, match: re.Match[str]) -> bool:
    """Whether the words around a range fit: "between" takes "and"; "from ... to" only after a verb of range."""
    sep = match.group("sep").strip()
    opener = (match.group("between") or "").strip().lower()
    if (opener == "between") != (sep == "and"):
        return False
    if opener == "from":
        return sep == "to" and _preceded_by(text, match.start(), RANGE_FROM)
    return not _preceded_by(text, match.start(), r"\bfrom")


def range_start(match: re.Match[str]) -> int:
    """Where a range's span starts: "between" is in it, "from" is not ("ranged from 28 to 41 inches"
    → "28 to 41 inches", as for clock times: guidelines 3.2)."""
    between = match.group("between")
    return match.end("between") if between and between.lower().startswith("from") else match.start()
