"""Figures settled by their neighbours: a bound written after the number, months that make one list or
range, and the unit of a bare number whose noun was named elsewhere in the sentence (guidelines 3.5
and 6). Pure functions of the sentence text and the figures found in it."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from corpus.text.prelabel.numbers import NP_STOP, head_noun
from corpus.text.prelabel.numbers import preceded_by as _preceded_by
from corpus.text.prelabel.words import MONTH_NAMES as _MONTH_FULL

if TYPE_CHECKING:
    from corpus.text.prelabel.candidates import Figure


def settle_by_neighbours(text: str, chosen: list[Figure]) -> list[Figure]:
    """The figures of ``text`` (in order) with what their neighbours say about their span and unit."""
    return _elided_units(text, _days_listed(text, _month_span(text, _months_listed(text, _or_more(text, chosen)))))


# "during the June-to-September monsoon": a range of month numbers written as one word (3.3).
_MONTH_HYPHEN_RANGE = re.compile(rf"\b(?P<a>{_MONTH_FULL})-to-(?P<b>{_MONTH_FULL})\b")
# "for December 11, 18 and 23 and January 2 and 5": days under one preposition, one list span (3.5).
_DAY_DATE = re.compile(rf"(?:{_MONTH_FULL})\s+\d{{1,2}}")
_DAY_GAP = re.compile(r",\s+|,?\s+and\s+")


def _month_span(text: str, chosen: list[Figure]) -> list[Figure]:
    for m in _MONTH_HYPHEN_RANGE.finditer(text):
        months = _MONTH_FULL.split("|")
        start, end = m.start(), m.end()
        inside = [f for f in chosen if start <= f.start < end]
        if not inside or any(f.kind != "date" for f in inside):
            continue
        ranged = replace(
            inside[0],
            start=start,
            end=end,
            text=m.group(0),
            value=months.index(m.group("a")) + 1,
            upper=months.index(m.group("b")) + 1,
            kind="range",
            unit=None,
        )
        chosen = sorted([*(f for f in chosen if f not in inside), ranged], key=lambda f: f.start)
    return chosen


def _days_listed(text: str, chosen: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    run: list[Figure] = []

    def close() -> None:
        if len(run) > 1:
            out.append(replace(run[0], end=run[-1].end, text=text[run[0].start : run[-1].end], value=None))
        else:
            out.extend(run)
        run.clear()

    for figure in chosen:
        day = figure.kind == "count" and figure.unit is None and figure.text.isdigit() and 1 <= int(figure.text) <= 31
        dated = figure.kind == "date" and _DAY_DATE.fullmatch(figure.text) is not None
        if run and (day or dated) and _DAY_GAP.fullmatch(text, run[-1].end, figure.start):
            run.append(figure)
            continue
        close()
        if dated:
            run.append(figure)
        else:
            out.append(figure)
    close()
    return out


# "30 or more pupils": a floor written after the number (guidelines 3.5, by meaning); "or fewer" a ceiling.
_OR_MORE = re.compile(r"\s+or\s+(?:(?P<more>more|over|above)|(?P<less>fewer|less|under|below))\b")
# "in September and October": two months under one preposition are one list span (3.5, 2026-12-05).
_MONTH_AND = re.compile(r"\s+and\s+$")
_MONTHS = frozenset(_MONTH_FULL.split("|"))
_MONTH_BETWEEN = re.compile(r"\b([Bb]etween|[Ff]rom)\s+$")
_MONTH_TO = re.compile(r"\s+(?:and|to)\s+")


def _or_more(text: str, chosen: list[Figure]) -> list[Figure]:
    out = []
    for figure in chosen:
        m = _OR_MORE.match(text, figure.end)
        if m and figure.kind == "count" and figure.approx == "exact" and figure.upper is None:
            unit = figure.unit or head_noun(text, m.end())
            approx = "at_least" if m.group("more") else "at_most"
            figure = replace(figure, end=m.end(), text=text[figure.start : m.end()], unit=unit, approx=approx)
        out.append(figure)
    return out


def _months_listed(text: str, chosen: list[Figure]) -> list[Figure]:
    out: list[Figure] = []
    for figure in chosen:
        prev = out[-1] if out else None
        between = _MONTH_BETWEEN.search(text, max(0, prev.start - 9), prev.start) if prev else None
        if (
            prev is not None
            and between
            and prev.kind == figure.kind == "date"
            and prev.text in _MONTHS
            and figure.text in _MONTHS
            and _MONTH_TO.fullmatch(text, prev.end, figure.start)
            and (between.group(1).lower() == "between") == ("and" in text[prev.end : figure.start])
        ):  # "between January and September": a range of month numbers (3.3)
            start = between.start(1)
            out[-1] = replace(
                prev, start=start, end=figure.end, text=text[start : figure.end], kind="range", upper=figure.value
            )
            continue
        if (
            prev is not None
            and prev.kind == figure.kind == "date"
            and prev.text in _MONTHS
            and figure.text in _MONTHS
            and _MONTH_AND.fullmatch(text, prev.end, figure.start)
        ):
            out[-1] = replace(prev, end=figure.end, text=text[prev.start : figure.end], value=None)
            continue
        out.append(figure)
    return out


_TALLY_GAP = re.compile(r"(?:\s+(?P<noun>[a-z]+))?\s+to\s+")
_UP_FROM = re.compile(r"\b(?:up|down)\s+from\s+$")
# "The number of measles cases rose to 1,603": the counted noun is the one "the number of" names.
_NUMBER_OF = re.compile(
    r"\b(?i:the)\s+number\s+of\s+(?:[a-z-]+\s+){0,3}?(?P<noun>[a-z]+s)\s+(?:has\s+|had\s+)?"
    r"(?:rose|risen|fell|fallen|reached|climbed|dropped|jumped|increased|decreased|grew|grown|doubled|stood)"
    r"\s+(?:to\s+|at\s+)?$"
)
# "Homicides fell to 31 from 44", "Break-ins rose 18% to 6,240": a plural subject is what the bare number counts.
_SUBJECT_ROSE = re.compile(
    r"(?:^|[;:]\s+|,\s+(?:and|while|but)\s+)(?:(?i:the)\s+)?(?P<noun>[A-Za-z][a-z]+(?:-[a-z]+)?s)\s+(?:have\s+|had\s+)?"
    r"(?:rose|risen|fell|fallen|reached|climbed|dropped|jumped|increased|decreased|grew|grown|doubled|stood|totalled)"
    r"(?:\s+(?:by\s+)?[\d.]+%)?\s+(?:to|at|from)\s+(?:[\d,.]+\s+from\s+)?$"
)
# "1,150 groups, from 640 in 2024", "61 pupils ..., against a national average of 38", "2,400 homes
# ... and that a further 5,000": the number compared with a counted one counts the same thing.
_COMPARED = re.compile(
    r"(?:,\s+(?:up |down )?from|\bagainst(?:\s+(?:a|an|the)\s+[a-z ]{0,30}?\s+of)?|\ba\s+further)\s+$"
)
# A bare number that is the subject of a verb or a partitive: the noun it counts was named before it.
_BARE_SUBJECT = re.compile(r"\s+(?:of\s+them\b(?!\s+[a-z]+s\b)|(?:had|have|has|were|are|said|say|voted|wanted)\b)")
_FROM_TO = re.compile(r"\s+to\s+")
_AGE_HEDGE = re.compile(r"(?i:as\s+(?:young|old)\s+as)\s")
_FEWER_AFTER = re.compile(r"\s+(?:fewer|more)\s+than\b")
_COMMA_BEFORE = re.compile(r",\s+$")


def _elided_units(text: str, chosen: list[Figure]) -> list[Figure]:
    """A bare number whose noun is left out takes the unit of the figure it stands beside (guidelines 6):
    "from 52 weeks to 31", "by 58 votes to 41", "4,500 parcels, up from 3,100"."""
    for i, figure in enumerate(chosen):
        if figure.kind == "count" and figure.unit is None and _AGE_HEDGE.match(figure.text):
            chosen[i] = replace(figure, unit="years", kind="measure")  # "kids as young as 12": an age (3.5)
            continue
        if i and figure.kind == "count" and figure.unit is None and _FEWER_AFTER.match(text, figure.end):
            units = {f.unit for f in chosen[:i] if f.kind == "count"}
            if len(units) == 1 and None not in units and _COMMA_BEFORE.search(text, 0, figure.start):
                chosen[i] = replace(figure, unit=units.pop())  # "65,000 people ..., about 5,000 fewer than"
            continue
        if figure.kind == "count" and figure.unit is None and "number of" in text and figure.text[:1].isdigit():
            named = _NUMBER_OF.search(text, max(0, figure.start - 80), figure.start)
            if named and named.group("noun") not in NP_STOP:
                chosen[i] = replace(figure, unit=named.group("noun"))
                continue
        if figure.kind == "count" and figure.unit is None and figure.text[:1].isdigit():
            subject = _SUBJECT_ROSE.search(text, 0, figure.start)
            if subject and subject.group("noun").lower() not in NP_STOP:
                chosen[i] = replace(figure, unit=subject.group("noun").lower())
                continue
        if i and figure.kind == "count" and figure.unit is None and _BARE_SUBJECT.match(text, figure.end):
            counted = [f for f in chosen[:i] if f.kind == "count" and f.unit]
            if counted:  # "22 analysts ... found that 13 had expected", "87 nests, 31 of them in ..."
                chosen[i] = replace(figure, unit=counted[-1].unit)
            continue
        if i == 0 or figure.kind != "count" or figure.unit is not None or not figure.text[:1].isdigit():
            continue
        if text.startswith(("-", "%"), figure.end):
            continue
        prev = chosen[i - 1]
        gap = _TALLY_GAP.fullmatch(text, prev.end, figure.start)
        if gap and prev.unit and prev.kind in ("count", "duration", "measure", "percent"):
            if prev.kind == "percent" and not _preceded_by(text, prev.start, r"\bfrom"):
                continue  # "rose 3% to 1,250": a level after a change, not a percentage
            if gap.group("noun") is None or gap.group("noun") == prev.unit:
                chosen[i] = replace(figure, unit=prev.unit, kind=prev.kind)
            continue
        if _UP_FROM.search(text, max(0, figure.start - 12), figure.start) or _COMPARED.search(
            text, max(0, figure.start - 30), figure.start
        ):
            units = {f.unit for f in chosen[:i] if f.kind == "count"}
            if len(units) == 1 and None not in units:  # only one counted noun before it
                chosen[i] = replace(figure, unit=units.pop())
            continue
    for i in range(len(chosen) - 2, -1, -1):
        figure, after = chosen[i], chosen[i + 1]
        if (
            figure.unit is None
            and figure.kind == "count"
            and after.unit
            and after.kind in ("count", "measure")
            and _FROM_TO.fullmatch(text, figure.end, after.start)
            and _preceded_by(text, figure.start, r"\bfrom")
        ):
            chosen[i] = replace(figure, unit=after.unit, kind=after.kind)  # "from 1.6 million to 2.8 million TEU"
    return chosen
