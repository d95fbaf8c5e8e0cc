"""FIGUREs: numbers and quantity expressions with their normalised value, unit, kind and approx
(guidelines section 3). Pure functions of the sentence text."""

from __future__ import annotations

import re
from dataclasses import replace

from corpus.text.prelabel.candidates import Candidate as _Candidate
from corpus.text.prelabel.candidates import Figure
from corpus.text.prelabel.candidates import add as _add
from corpus.text.prelabel.candidates import range_ends as _range_ends
from corpus.text.prelabel.candidates import range_start as _range_start
from corpus.text.prelabel.candidates import range_words_fit as _range_words_fit
from corpus.text.prelabel.money import money as _money
from corpus.text.prelabel.money import pula as _pula
from corpus.text.prelabel.neighbours import settle_by_neighbours
from corpus.text.prelabel.numbers import (
    AGE,
    AGE_APPOSITION,
    AGE_APPOSITION_HINT,
    AGE_OF_PERSON,
    AGE_WORD,
    BOTSWANA,
    CONVERSION,
    CURRENCY_WORD,
    DATE_RANGE,
    DAYS_OF_A_MONTH,
    DIGITS,
    DURATION_ADJ,
    DURATION_RE,
    DURATION_WORDS,
    FRACTIONS,
    HEDGE,
    MEASURE_RE,
    MEASURE_WORDS,
    MONEY_AFTER_UNITS,
    MONTH_RE,
    MONTHS,
    N_OR_NEXT,
    NAME_WORDS,
    NOUN_HEDGE,
    NUM,
    ONE_OF_COUNTED,
    ORDINALS,
    OVER_ABOUT,
    PULA_HINT,
    QUEUE_PLACE,
    SCALE,
    SCALE_WORD,
    TENS,
    TIME_UNITS,
    UNITS,
    VAGUE,
    WITHIN,
    WORD,
    alternation,
    approx_of,
    country_currency,
    head_noun,
    parse_number,
    scaled_value,
    small_number,
    trie,
)
from corpus.text.prelabel.numbers import (
    preceded_by as _preceded_by,
)
from corpus.text.prelabel.words import FINITE as _FINITE
from corpus.text.prelabel.words import MONTH_NAMES as _MONTH_FULL

# ----------------------------------------------------------------------------- numbers
_RANGE = re.compile(
    rf"\b{HEDGE}(?P<between>(?i:between|from)\s+)?(?P<num>{DIGITS}|(?i:{WORD})\b)(?P<scale>{SCALE_WORD})?"
    rf"(?P<sep>\s+(?:and|to)\s+|\s?[-–]\s?)(?P<num2>{DIGITS}|(?i:{WORD})\b)(?P<scale2>{SCALE_WORD})?"
    rf"(?:\s?(?P<pct>%|percent\b|per cent\b)|\s+{DURATION_ADJ}(?P<dur>{DURATION_RE})\b|\s+(?P<meas>{MEASURE_RE})(?![\w/])"
    rf"|\s+{MONEY_AFTER_UNITS})?"
)


# The unit written after both ends: "3%-4%", "between 20C and 25C", "5 km to 10 km".
_RANGE_BOTH = re.compile(
    rf"\b{HEDGE}(?P<between>(?i:between|from)\s+)?(?P<num>{DIGITS})"
    rf"(?P<u>\s?%|\s?°[CF]|(?<=\d)[CF]\b|\s+(?:{MEASURE_RE}|{DURATION_RE})(?![\w/]))"
    rf"(?P<sep>\s+(?:and|to)\s+|\s?[-–]\s?)(?P<num2>{DIGITS})(?P=u)"
)


_RANGE_BOTH_HINT = re.compile(r"\d[^\d]{0,25}?(?:[-–]|\b(?:and|to)\b)\s?\d")


def _ranges_unit_twice(text: str, found: list[_Candidate]) -> None:
    for m in _RANGE_BOTH.finditer(text) if _RANGE_BOTH_HINT.search(text) else ():
        value, upper = parse_number(m.group("num")), parse_number(m.group("num2"))
        if not _range_words_fit(text, m) or value is None or upper is None or upper <= value:
            continue
        written = m.group("u").strip()
        unit = "%" if written == "%" else f"°{written[-1]}" if written[-1] in "CF" and len(written) <= 2 else written
        approx = approx_of(m.group("approx"))
        _add(found, text, _range_start(m), m.end(), 9, value=value, upper=upper, unit=unit, kind="range", approx=approx)


def _ranges(text: str, found: list[_Candidate]) -> None:
    for m in _RANGE.finditer(text):
        sep = m.group("sep").strip()
        between = bool(m.group("between"))
        if not _range_words_fit(text, m):
            continue
        unit_group = next((g for g in ("pct", "dur", "meas", "cur") if m.group(g)), None)
        aged = _preceded_by(text, m.start(), r"\baged|\bages")
        if not (between or unit_group or aged) or _preceded_by(text, m.start(), r"\bscore|\bvoted|\bwon|\blost"):
            continue
        if sep in "-–" and not m.group("num")[0].isdigit():
            continue
        value, upper = _range_ends(m)
        if value is None or upper is None or upper <= value:
            continue
        unit: str | None
        if unit_group == "pct":
            unit = "%"
        elif unit_group == "cur":
            code, minor = CURRENCY_WORD.get(m.group("cur").lower(), (m.group("cur"), 1))
            unit, value, upper = code, value * minor, upper * minor
        elif unit_group:
            unit = m.group(unit_group)
        else:
            unit = head_noun(text, m.end()) or ("years" if aged else None)
        _add(
            found,
            text,
            _range_start(m),
            m.end(),
            9,
            value=value,
            upper=upper,
            unit=unit,
            kind="range",
            approx=approx_of(m.group("approx")),
        )


_LIST = re.compile(
    rf"\b(?P<nums>(?:{DIGITS})(?:,\s(?:{DIGITS}))+,?\s(?:and|or)\s(?:{DIGITS}))\s(?:{MONEY_AFTER_UNITS}|(?P<pct>percent|per cent)\b)"
)


def _lists(text: str, found: list[_Candidate]) -> None:
    for m in _LIST.finditer(text):
        if m.group("pct"):
            _add(found, text, m.start(), m.end(), 9, unit="%", kind="percent")
        else:
            code, _minor = CURRENCY_WORD.get(m.group("cur").lower(), (m.group("cur"), 1))
            _add(found, text, m.start(), m.end(), 9, unit=code, kind="money")


_DATE = re.compile(
    rf"\b(?:(?P<md>(?:{MONTH_RE})\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<dm>\d{{1,2}}\s+(?:{MONTH_RE}))(?:,?\s+(?P<y2>\d{{4}}))?"
    rf"|(?P<my>(?:{MONTH_RE}))\s+(?P<y3>\d{{4}})"
    rf"|(?P<decade>(?:the\s+)?(?:(?:19|20)\d0s\b|'\d0s\b))"
    rf"|(?P<month>{_MONTH_FULL}|(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.))(?![\w-])"
)
_MONTH_CONTEXT = r"\b(?:in|since|until|till|by|from|of|through|to|late|early|mid|last|next|this|before|after|during|and|or|between|end of|start of)"


def _dates(text: str, found: list[_Candidate]) -> None:
    for m in _DATE.finditer(text):
        year = m.group("y1") or m.group("y2") or m.group("y3")
        if m.group("decade"):
            digits = re.sub(r"\D", "", m.group("decade"))
            value: float | None = float(digits) if len(digits) == 4 else None
        elif year:
            value = float(year)
        elif m.group("month"):
            word = m.group("month")
            if word == "May" and not _preceded_by(text, m.start(), _MONTH_CONTEXT):
                continue
            if m.start() == 0 and not word.endswith("."):
                continue  # "March on the capital ..." at a sentence start: not worth the risk
            value = float(MONTHS[word[:3].lower()])
        else:
            value = None
        _add(found, text, m.start(), m.end(), 7, value=value, kind="date")
    for m in re.finditer(r"\b(?P<year>1[89]\d\d|20\d\d)(?!\d|[,.]\d|\s*(?:%|percent|per cent))", text):
        after = head_noun(text, m.end())
        if after is not None:
            continue  # "1500 nurses": a count
        if re.match(r"\s+(?:" + MEASURE_RE + "|" + DURATION_RE + r")\b", text[m.end() :]):
            continue
        _add(found, text, m.start(), m.end(), 5, value=float(m.group("year")), kind="date")


_TIME = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{4}\s+(?:GMT|UTC)\b|\b\d{1,2}:\d{2}\b")
_TIME_RANGE = re.compile(rf"\b(?i:between)\s+(?:{_TIME.pattern})\s+and\s+(?:{_TIME.pattern})")
# A 24-hour clock time written with its leading zero ("at 0900", "the 0712 service"), or after "at"
# ("at 1430"); "from 0600 to 2300" is one time FIGURE (a range of clock times, guidelines 3.3).
_CLOCK = r"(?:[01]\d|2[0-3])[0-5]\d"
_TIME_24 = re.compile(rf"(?<![\d,.])(?:0\d[0-5]\d|(?<=\bat\s){_CLOCK})(?![\d,.]\d|\s*(?:GMT|UTC)|\d)")
_TIME_24_RANGE = re.compile(rf"(?<=\bfrom\s)(?P<a>{_CLOCK})\s+to\s+(?P<b>{_CLOCK})\b(?!\s*(?:GMT|UTC))")
_YEAR_LIST = re.compile(r"\b(?:19|20)\d\d(?:,\s(?:19|20)\d\d)*,?\s(?:and|or)\s(?:19|20)\d\d\b(?![,.]?\d)")
_ORDINAL = re.compile(rf"\b(?P<num>\d+)(?:st|nd|rd|th)\b|\b(?P<word>{'|'.join(ORDINALS)})\b(?![-])", re.I)
# "the second-largest carrier": the span is the ordinal alone (guidelines 3.5, 2026-12-04).
_ORDINAL_SUPERLATIVE = re.compile(rf"\b(?P<word>(?i:{'|'.join(ORDINALS)}))-[a-z]+est\b")
_FRACTION = re.compile(
    rf"\b{HEDGE}(?P<frac>(?P<num>one|two|three|four|a|an)[- ](?P<den>halves|half|thirds?|quarters?(?!\s+past\b)|fifths?|tenths?)"
    rf"|(?P<half>half))\b(?!-)",
    re.I,
)
# "one in five", "seven out of ten" (not "1,310 in 2019", "2 in 10 minutes").
_N_IN_M = re.compile(
    rf"\b{HEDGE}(?<![\d,.])(?P<one>\d{{1,3}}|{'|'.join(UNITS)})\s+(?:in|out\s+of)\s+"
    rf"(?!(?:1[89]|20)\d\d\b)(?P<den2>{DIGITS}|{WORD})\b(?!-)(?!\s+(?:{DURATION_RE}|{MEASURE_RE})\b)",
    re.I,
)
_N_IN_M_HINT = re.compile(
    rf"(?:\d|{'|'.join(UNITS)})\s+(?:in|out\s+of)\s+(?:\d|{'|'.join(UNITS)}|{'|'.join(TENS)})", re.I
)
_VAGUE_STEMS = ("hundreds", "thousands", "millions", "billions", "dozens", "scores")
_VAGUE_RE = re.compile(
    rf"\b{HEDGE}(?P<vague>{alternation(list(VAGUE))}|scores(?=\s+of\s+(?:the\s+)?(?:[a-z]+(?:s|men)|people|children)\b))\b(?:\s+of\s+(?P<cur>pounds|dollars|euros)\b|\s+of\s+(?P<meas>{MEASURE_RE})\b)?",
    re.I,
)
# A measure written as an adjective, in the singular: "a 1.5-litre engine", "a 10-mile stretch".
_HYPHEN_MEASURE_RE = alternation([w for w in MEASURE_WORDS if w[0].islower() and " " not in w and not w.endswith("s")])
_QUANTITY = re.compile(
    rf"\b{HEDGE}{NUM}(?:(?P<hyphen>-)(?P<hdur>{DURATION_RE})\b(?!-old)|-(?P<hmeas>{_HYPHEN_MEASURE_RE})\b|\s*(?P<meas>°C|°F)|\s+{DURATION_ADJ}(?P<dur>{DURATION_RE})\b"
    rf"|\s+(?P<meas2>{MEASURE_RE})(?![\w/])|(?<=\d)(?P<meas3>km/h|km|cm|mm|kg|mph|MW|GW|kW|C\b|F\b)(?![\w/])"
    rf"|(?P<pct>\s?%|\s(?:percent|per cent)\b)|\s+(?P<times>times)\b)?"
)


# After "N times" or "twice": what makes it a multiplier rather than how often (guidelines 3.5).
_MULTIPLIED = re.compile(
    r"\s+(?:the|as|that|more|less|higher|lower|larger|bigger|faster|greater|its|their|his|her|what|over)\b"
    r"|\s+an?\s+(?!(?:week|year|day|month|fortnight|decade|season|term|night|hour|minute|quarter)\b)"
)  # "twice an earlier estimate" multiplies; "twice a week" says how often
_TWICE = re.compile(rf"\b{HEDGE}(?P<word>[Tt]wice|[Oo]nce)\b")
_ONCE_HOW_OFTEN = re.compile(r"\s+(?:a|an|every|each|per|in|this|last|more|again)\b|[,.;]")

_LOWER_NAME_WORDS_WORDS = "platform gate route flight room ward bay pier terminal stand track lane channel"
_LOWER_NAME_WORDS = frozenset(_LOWER_NAME_WORDS_WORDS.split())


def _quantities(text: str, found: list[_Candidate]) -> None:
    for m in _QUANTITY.finditer(text):
        num = m.group("num")
        value = scaled_value(m)
        if value is None:
            continue
        start, end = m.start(), m.end()
        approx = approx_of(m.group("approx"))
        before = text[max(0, m.start("num") - 12) : m.start("num")].split()
        if before and before[-1].rstrip(".") in NAME_WORDS | {w.rstrip(".") for w in NAME_WORDS}:
            continue  # "Route 9"
        if before and before[-1] in _LOWER_NAME_WORDS:
            continue  # "platform 2", "gate 14": a place's number, not a count
        before_num = text[max(0, m.start("num") - 2) : m.start("num")]
        if before_num[-1:].isalpha() or (before_num[-1:] == "-" and before_num[:1].isalpha()):
            continue  # "A40", "Covid-19": part of a name
        if before_num[-1:] in ".," and before_num[:1].isdigit():
            continue  # "6 billion" inside "Sh8.6 billion": the tail of a number an unknown prefix hid
        dur = m.group("dur") or m.group("hdur")
        meas = m.group("meas") or m.group("meas2") or m.group("meas3") or m.group("hmeas")
        if dur:
            within = approx == "less_than" and WITHIN.search(text, max(0, start - 10), start)  # "in under four hours"
            if approx in ("more_than", "less_than") and m.group("approx").lower() in ("over", "under") and not within:
                start, approx = m.start("minus") if m.group("minus") else m.start("num"), "exact"
            _add(found, text, start, end, 6, value=value, unit=dur.lower(), kind="duration", approx=approx)
        elif meas:
            unit = meas if meas not in ("C", "F") else f"°{meas}"
            kind = "measure"
            _add(found, text, start, end, 6, value=value, unit=unit, kind=kind, approx=approx)
        elif m.group("pct"):
            if re.match(r"\s+points?\b", text[end:]):
                continue
            _add(found, text, start, end, 6, value=value, unit="%", kind="percent", approx=approx)
        elif m.group("times"):
            if _MULTIPLIED.match(text, end):  # "three times the rate", "four times as many": a multiplier
                _add(found, text, start, end, 6, value=value, unit="times", kind="other", approx=approx)
            else:  # "four times a year": how often, a count whose span is the number (guidelines 3.5)
                _add(
                    found, text, start, m.start("times") - 1, 6, value=value, unit="times", kind="count", approx=approx
                )
        else:
            if text[m.end("num") : m.end("num") + 1] == "-" and not num[0].isdigit():
                continue  # "one-off", "two-thirds" (fractions are found elsewhere)
            if num.lower() == "one" and not (
                m.group("approx")
                or _preceded_by(text, m.start(), r"\b(?:only|just|exactly)")
                or ONE_OF_COUNTED.match(text, end)
            ):
                continue  # "one of the drivers", "one tenant": not the point
            if text[end : end + 1].isalpha():
                continue  # "in his 40s", "5G": not a count
            unit = head_noun(text, end, one=value == 1)
            if unit is None and re.fullmatch(r"m|mn", m.group("scale") or ""):
                continue  # "the 100m final": metres or millions, no guess
            _add(found, text, start, end, 4, value=value, unit=unit, kind="count", approx=approx)


# Words after "a third" that keep it a fraction ("cut by a third last year", "a third of ...").
_FRACTION_NEXT_WORDS = (
    "of in on at since last this from to than and or over per compared more less higher lower fewer by were was are "
    "is had have has will would could may might said say says as after while because but"
)
_FRACTION_NEXT = frozenset(_FRACTION_NEXT_WORDS.split())


# After an ordinal word: a past participle ("first introduced"), or a fixed compound ("second homes").
_ORDINAL_NOT_RANK = re.compile(
    r"\s+(?:[a-z]+ed\b|(?:elected|built|seen|held|made|shown|written|known|heard|sold)\b|homes?\b)"
)
# An ordinal word right before a number ("the first 50 callers"): not a rank (guidelines 3.5, 2026-12-05).
# Not a number fused to its noun ("a second six-year term" ranks the term).
_BEFORE_A_NUMBER = re.compile(
    rf"\s+(?:\d[\d,.]*|(?i:{'|'.join(k for k in UNITS if k != 'one')}|{'|'.join(TENS)}))\b(?!-)"
)
# After an ordinal word: the most important ones, or the name of a tier (guidelines 3.5, 2026-12-05).
_NOT_RANKED_AFTER = re.compile(r"\s+(?:priorities|division|tier)\b")
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|my|your|this|that|every|each)\s+$", re.I)


def _ordinal_after_a(text: str, end: int) -> bool:
    """'a third term', 'a fifth successive year': "a" + ordinal + a noun or adjective is an ordinal."""
    following = re.match(r"\s+([a-z]+)", text[end : end + 30])
    if following is None:
        return False
    word = following.group(1)
    return word not in _FRACTION_NEXT and not word.endswith("ed") and word not in _FINITE


# "a quarter of a million pounds", "half a million people": one figure, the fraction of the scale.
_FRACTION_OF_SCALE = re.compile(
    rf"\b{HEDGE}(?P<frac>(?i:an?|one)\s+(?P<den>quarter|third)\s+of\s+an?|(?i:half)\s+an?)\s+(?P<scale>million|billion)\b"
    rf"(?:\s+(?P<cur>{alternation([w for w in CURRENCY_WORD if w not in ('p', 'pence', 'cents', 'cent', 'euro cents')])})\b)?"
)


def _fractions_of_scale(text: str, found: list[_Candidate]) -> None:
    for m in _FRACTION_OF_SCALE.finditer(text) if "illion" in text else ():
        share = 1 / FRACTIONS[m.group("den").lower()] if m.group("den") else 0.5
        value = round(share * SCALE[m.group("scale")])
        approx = approx_of(m.group("approx"))
        if m.group("cur"):
            code = CURRENCY_WORD[m.group("cur").lower()][0]
            _add(found, text, m.start(), m.end(), 9, value=value, unit=code, kind="money", approx=approx)
        else:
            unit = head_noun(text, m.end())
            _add(found, text, m.start(), m.end(), 9, value=value, unit=unit, kind="count", approx=approx)


# "..., roughly double the number in 2021": a hedged multiplier in an apposition (not the verb "double").
_MULTIPLIER_NOUN = re.compile(
    r"(?<=,\s)(?P<approx>roughly|about|nearly|almost|around|more\s+than|less\s+than)\s+(?P<mult>double|triple|treble)"
    r"(?=\s+(?:the|that|its|their|his|her|what)\b)"
)


def _others(text: str, found: list[_Candidate]) -> None:
    for m in _TIME.finditer(text):
        _add(found, text, m.start(), m.end(), 7, kind="time")
    for m in _TIME_RANGE.finditer(text) if "between" in text.lower() else ():
        _add(found, text, m.start(), m.end(), 9, kind="time")  # guidelines 3.3: one FIGURE, no value
    for m in _TIME_24.finditer(text):
        _add(found, text, m.start(), m.end(), 7, kind="time")
    for m in _TIME_24_RANGE.finditer(text) if " to " in text else ():
        if m.group("a").startswith("0") or m.group("b").startswith("0"):
            _add(found, text, m.start(), m.end(), 9, kind="time")
    for m in _YEAR_LIST.finditer(text):
        if _preceded_by(text, m.start(), r"\bbetween|\bfrom") or head_noun(text, m.end()) is not None:
            continue
        _add(found, text, m.start(), m.end(), 9, kind="date")  # a list: value and upper empty
    for m in _ORDINAL.finditer(text):
        value = int(m.group("num")) if m.group("num") else ORDINALS[m.group("word").lower()]
        if (
            m.group("word")
            and m.group("word").lower() in FRACTIONS
            and re.search(r"\b(?:a|one)\s+$", text[max(0, m.start() - 5) : m.start()], re.I)
            and not _ordinal_after_a(text, m.end())
        ):
            continue  # "a third": a fraction; but "a second strike", "a third term" are ordinals
        if m.group("word") and m.group("word")[0].isupper() and re.match(r"\s+[A-Z]", text[m.end() :]):
            continue  # "First Minister", "the Second World War": part of a name
        if m.group("word") and not text[: m.start()].strip() and text[m.end() : m.end() + 1] == ",":
            continue  # "First, the council must vote.": a discourse marker
        if (
            m.group("word")
            and _ORDINAL_NOT_RANK.match(text, m.end())
            and not _DETERMINER_BEFORE.search(text, 0, m.start())
        ):
            continue  # "first introduced in March" (= originally), "second homes": not a rank
        if m.group("word") and _NOT_RANKED_AFTER.match(text, m.end()):
            continue  # "our first priorities", "the second division": no rank (3.5, 2026-12-05)
        if m.group("word") and _BEFORE_A_NUMBER.match(text, m.end()):
            continue  # "the first 50 callers", "the first six kilolitres": the number is the FIGURE (3.5)
        _add(found, text, m.start(), m.end(), 3, value=value, kind="ordinal")
    for m in _ORDINAL_SUPERLATIVE.finditer(text) if "est" in text else ():
        _add(found, text, m.start(), m.end("word"), 3, value=ORDINALS[m.group("word").lower()], kind="ordinal")
    fractions = list(_FRACTION.finditer(text))
    if _N_IN_M_HINT.search(text):
        fractions += _N_IN_M.finditer(text)
    for m in fractions:
        groups = m.groupdict()
        if groups.get("half"):
            if re.search(
                r"\b(?:the|first|second|a|an)\s+$", text[max(0, m.start() - 8) : m.start()], re.I
            ) and not m.group("approx"):
                continue  # "the second half"
            share = 50.0
        elif groups.get("den2"):
            numerator, denominator = parse_number(m.group("one")), parse_number(m.group("den2"))
            if not numerator or not denominator or numerator >= denominator:
                continue
            share = 100 * numerator / denominator  # "one in five", "seven out of ten"
        else:
            if m.group("num").lower() in ("a", "an") and _ordinal_after_a(text, m.end()):
                continue  # "seeking a third term": an ordinal
            numerator = 1.0 if m.group("num").lower() in ("a", "an", "one") else UNITS[m.group("num").lower()]
            share = 100 * numerator / FRACTIONS[m.group("den").lower()]
        _add(
            found,
            text,
            m.start(),
            m.end(),
            8,
            value=round(share, 1),
            unit="%",
            kind="percent",
            approx=approx_of(m.group("approx")),
        )
    for m in _TWICE.finditer(text) if "wice" in text or "once" in text.lower() else ():
        multiplier = _MULTIPLIED.match(text, m.end()) is not None
        if m.group("word").lower() == "once" and (
            multiplier or m.group("approx") or not _ONCE_HOW_OFTEN.match(text, m.end())
        ):
            continue  # "once the work is done", "once a leader": only "once a week/in May/..." says how often
        value = 2 if m.group("word").lower() == "twice" else 1
        kind = "other" if multiplier else "count"  # "twice the rate" multiplies; "failed twice" counts
        _add(
            found,
            text,
            m.start(),
            m.end(),
            6,
            value=value,
            unit="times",
            kind=kind,
            approx=approx_of(m.group("approx")),
        )
    for m in _MULTIPLIER_NOUN.finditer(text) if "ble " in text or "triple " in text else ():
        value = 2 if m.group("mult") == "double" else 3
        _add(
            found,
            text,
            m.start(),
            m.end(),
            6,
            value=value,
            unit="times",
            kind="other",
            approx=approx_of(m.group("approx")),
        )
    lower = text.lower()
    for m in _VAGUE_RE.finditer(text) if any(w in lower for w in _VAGUE_STEMS) else ():
        if m.group("cur"):
            code = CURRENCY_WORD[m.group("cur").lower()][0]
            _add(found, text, m.start(), m.end(), 7, unit=code, kind="money", approx="vague")
        elif m.group("meas"):
            _add(found, text, m.start(), m.end(), 7, unit=m.group("meas"), kind="measure", approx="vague")
        else:
            _add(
                found,
                text,
                m.start(),
                m.end("vague"),
                5,
                unit=head_noun(text, m.end("vague")),
                kind="count",
                approx="vague",
            )


# "four years and six months", "2 hours 30 minutes": one duration, in the larger unit.
_SMALLER_UNIT = {
    "year": ("month", 12),
    "week": ("day", 7),
    "day": ("hour", 24),
    "hour": ("minute", 60),
    "minute": ("second", 60),
}
_COMPOUND_DURATION = re.compile(
    rf"\b{HEDGE}(?P<num>{DIGITS}|(?i:{WORD})\b|an?)\s+(?P<unit>years?|weeks?|days?|hours?|minutes?)"
    rf"(?:,?\s+and\s+|\s+)(?P<num2>{DIGITS}|(?i:{WORD})\b)\s+(?P<unit2>months?|days?|hours?|minutes?|seconds?)\b"
)
# "two and a half years", "a year and a half", "an hour and a half".
_AND_A_HALF = re.compile(
    rf"\b{HEDGE}(?:(?P<num>{DIGITS}|(?i:{WORD})\b)\s+and\s+a\s+half\s+(?P<unit>{DURATION_RE}|{MEASURE_RE})"
    rf"|(?P<a>an?)\s+(?P<unit1>{DURATION_RE}|{MEASURE_RE})\s+and\s+a\s+half)(?![\w/])"
)
_DURATION_SET = frozenset(w.lower() for w in DURATION_WORDS)
_WEEKDAYS_WORDS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
_NOT_NAMES = frozenset([*_MONTH_FULL.split("|"), *_WEEKDAYS_WORDS.split()])


# A cardinal fused to a noun by a hyphen, used as an adjective: "a two-bedroom flat", "a 10-point plan".
_HYPHEN_COUNT = re.compile(
    rf"(?<![\w-])(?P<num>\d{{1,3}}|(?i:{trie([k for k in UNITS if k != 'one'] + list(TENS))}))-(?P<noun>[a-z]+)\b(?![-'’])(?=\s+[A-Za-z])"
)
_HYPHEN_NOT_COUNT_WORDS = (
    "way fold time times off thirds third quarters quarter halves half fifths fifth old odd on up nil all strong "
    "something somethings plus ish stroke phase wheel dimensional"  # the last: names of a kind (3.5, 2026-12-05)
)
_HYPHEN_NOT_COUNT = frozenset(_HYPHEN_NOT_COUNT_WORDS.split())


def _hyphen_counts(text: str, found: list[_Candidate]) -> None:
    for m in _HYPHEN_COUNT.finditer(text) if "-" in text else ():
        noun = m.group("noun")
        if noun in _HYPHEN_NOT_COUNT or noun in _DURATION_SET or re.fullmatch(_HYPHEN_MEASURE_RE, noun):
            continue  # "two-thirds", "one-off", "two-year" and "10-mile" are found elsewhere
        value = parse_number(m.group("num"))
        if value is not None:
            _add(found, text, m.start(), m.end(), 2, value=value, unit=noun, kind="count")


def _durations_and_ages(text: str, found: list[_Candidate]) -> None:
    lower = text.lower()
    for m in AGE_WORD.finditer(text) if "-year-old" in text or "under-" in lower else ():
        if m.group("under"):
            limit = float(m.group("lim"))
            _add(found, text, m.start(), m.end(), 8, value=limit, unit="years", kind="measure", approx="less_than")
        elif (age := parse_number(m.group("num"))) is not None:
            _add(found, text, m.start(), m.end(), 8, value=age, unit="year", kind="measure")
    for m in AGE_APPOSITION.finditer(text) if AGE_APPOSITION_HINT.search(text) else ():
        name_end = m.start("num") - 2
        if text[:name_end].split()[-1] in _NOT_NAMES:
            continue  # "on Tuesday, 12 people": not a name
        _add(found, text, m.start("num"), m.end("num"), 8, value=float(m.group("num")), unit="years", kind="measure")
    for m in AGE_OF_PERSON.finditer(text) if " at " in text or "he " in lower else ():
        _add(found, text, m.start("num"), m.end("num"), 8, value=float(m.group("num")), unit="years", kind="measure")
    pair = any(big in lower and small in lower for big, (small, _) in _SMALLER_UNIT.items())
    for m in _COMPOUND_DURATION.finditer(text) if pair else ():
        unit, unit2 = m.group("unit"), m.group("unit2").lower()
        smaller, factor = _SMALLER_UNIT[unit.lower().rstrip("s")]
        first = 1.0 if m.group("num").lower() in ("a", "an") else parse_number(m.group("num"))
        second = parse_number(m.group("num2"))
        if unit2.rstrip("s") != smaller or first is None or second is None or second >= factor:
            continue
        value = round(first + second / factor, 2)
        _add(
            found,
            text,
            m.start(),
            m.end(),
            7,
            value=value,
            unit=unit,
            kind="duration",
            approx=approx_of(m.group("approx")),
        )
    for m in _AND_A_HALF.finditer(text) if "and a half" in lower else ():
        whole = 1.0 if m.group("a") else parse_number(m.group("num"))
        if whole is None:
            continue
        unit = m.group("unit") or m.group("unit1")
        kind = "duration" if unit.lower() in _DURATION_SET else "measure"
        _add(
            found,
            text,
            m.start(),
            m.end(),
            7,
            value=whole + 0.5,
            unit=unit,
            kind=kind,
            approx=approx_of(m.group("approx")),
        )
    age_hint = "aged" in lower or "under " in lower or "over " in lower
    for m in AGE.finditer(text) if age_hint else ():
        age = parse_number(m.group("num"))
        if age is None or head_noun(text, m.end()) is not None:
            continue  # "aged 34 years", "workers over 50 hours", "under 25 drivers"
        start = m.start("limit") if m.group("limit") else m.start("approx") if m.group("approx") else m.start("num")
        approx = "at_least" if m.group("over") else approx_of(m.group("limit") or m.group("approx"))
        _add(found, text, start, m.end(), 7, value=age, unit="years", kind="measure", approx=approx)


# "magnitude 6.1", "a 6.1-magnitude quake": the unit is the scale's name.
_MAGNITUDE = re.compile(
    r"(?<!\bof\s)\b(?i:magnitude)[- ](?P<num>\d{1,2}(?:\.\d+)?)\b(?![.,]\d)|\b(?P<num2>\d{1,2}(?:\.\d+)?)-magnitude\b"
)
# "half a cent", "a quarter of a percentage point": one FIGURE in the unit, minor units as hundredths.
_PART_OF_UNIT = re.compile(
    r"\b(?P<frac>(?i:half|a\s+quarter|three\s+quarters))\s+(?:of\s+)?an?\s+"
    r"(?P<unit>cent|penny|percentage\s+point|point)\b(?![-\w])"
)
_PART = {"half": 0.5, "a quarter": 0.25, "three quarters": 0.75}
_PART_UNIT = {
    "cent": (0.01, "USD", "money"),
    "penny": (0.01, "GBP", "money"),
    "percentage point": (1, "percentage points", "measure"),
    "point": (1, "points", "measure"),
}
# A financial year or season "2027-28", "2027/28": one period written as two years, one date
# valued by its first year (guidelines 3.5).
_YEAR_SPAN = re.compile(r"(?<![\w/.,-])(?P<year>(?:19|20)\d\d)[-/–](?P<next>\d\d)\b(?![-/–.,]?\d)")


def _scales_and_parts(text: str, found: list[_Candidate]) -> None:
    for m in _MAGNITUDE.finditer(text) if "agnitude" in text else ():
        value = float(m.group("num") or m.group("num2"))
        _add(found, text, m.start(), m.end(), 9, value=value, unit="magnitude", kind="measure")
    lower = text.lower()
    for m in _PART_OF_UNIT.finditer(text) if "half" in lower or "quarter" in lower else ():
        factor, unit, kind = _PART_UNIT[" ".join(m.group("unit").split())]
        value = _PART[" ".join(m.group("frac").lower().split())] * factor
        _add(found, text, m.start(), m.end(), 9, value=value, unit=unit, kind=kind)
    for m in _YEAR_SPAN.finditer(text):
        year = int(m.group("year"))
        if int(m.group("next")) == (year + 1) % 100:
            _add(found, text, m.start(), m.end(), 9, value=year, kind="date")


# "a day or two": one FIGURE, 1 to 2 (`a` pairs with the number word); "in their eighties": a decade
# of age, 80 to 89 years (guidelines 3.5, 2026-12-05).


_A_OR_TWO = re.compile(r"\b[Aa]n?\s+(?P<unit>day|week|month|year|hour|minute)\s+or\s+two\b")
_DECADE_OF_AGE = re.compile(
    r"\b(?:their|his|her|its)\s+(?:(?:early|mid|late)[- ])?"
    r"(?P<decade>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"
)
_DECADES = {
    w: 10 * (i + 2)
    for i, w in enumerate(
        ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"]
    )
}


# "the 16th century", "a 16th-century church": a date with no value (guidelines 3.5, 2026-12-05).
_CENTURY = re.compile(rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)|(?i:{'|'.join(ORDINALS)}))[- ]century\b")


def _words_and_centuries(text: str, found: list[_Candidate]) -> None:
    """Centuries, `a day or two`, `two or three days` and decades of age: amounts the number finders do not read."""
    for m in _CENTURY.finditer(text) if "century" in text else ():
        _add(found, text, m.start(), m.end(), 9, kind="date")
    for m in _A_OR_TWO.finditer(text) if " or two" in text else ():
        _add(found, text, m.start(), m.end(), 9, value=1, upper=2, unit=m.group("unit") + "s", kind="range",
             approx="approximate")  # fmt: skip
    for m in N_OR_NEXT.finditer(text) if " or " in text else ():
        low, high = (small_number(m.group(g)) for g in ("low", "high"))
        if low is not None and high == low + 1:  # "two or three days": a rough number (3.5, 2026-12-06)
            end = m.end() if m.group("unit") in TIME_UNITS else m.end("high")  # a counted noun stays out
            _add(found, text, m.start(), end, 9, value=low, upper=high, unit=m.group("unit"), kind="range",
                 approx="approximate")  # fmt: skip
    for m in DATE_RANGE.finditer(text) if "from " in text or "between " in text else ():
        years = [re.search(r"(?:19|20)\d\d", m.group(g)) for g in ("d1", "d2")]
        value, upper = (float(y.group(0)) if y else None for y in years)
        _add(found, text, m.start(), m.end(), 9, value=value, upper=upper, kind="range")
    for m in DAYS_OF_A_MONTH.finditer(text) if " to " in text or "-" in text or "–" in text else ():
        _add(found, text, m.start(), m.end(), 9, kind="range")  # "March 4 to 13": days of one month (3.3)
    for m in _DECADE_OF_AGE.finditer(text) if "ies" in text else ():
        low = _DECADES[m.group("decade")]
        _add(found, text, m.start("decade"), m.end(), 9, value=low, upper=low + 9, unit="years", kind="range")


# A price floor ("start at", "starting from"): at_least; how often fused ("twice-weekly") is one word
# (guidelines 3.5, 2026-12-05).
_PRICE_FLOOR = re.compile(r"\b(?:start|starts|starting|started)\s+(?:at|from)\s+$")
_HOW_OFTEN_FUSED = re.compile(r"-(?:daily|weekly|monthly|yearly|annual)\b")


def figures(text: str, context_before: str = "") -> list[Figure]:
    """Every figure the rules find in text: the longest candidate wins where they overlap.

    ``context_before`` (the article before the sentence) names the country of a shared currency.
    """
    found: list[_Candidate] = []
    if PULA_HINT.search(text) and BOTSWANA.search(f"{context_before} {text}"):
        _pula(text, found)
    finders = (_money, _ranges, _ranges_unit_twice, _lists, _dates, _quantities, _durations_and_ages, _others)
    for finder in (*finders, _fractions_of_scale, _hyphen_counts, _scales_and_parts, _words_and_centuries):
        finder(text, found)
    chosen: list[Figure] = []
    for candidate in sorted(found, key=lambda c: (-(c.figure.end - c.figure.start), -c.priority, c.figure.start)):
        figure = candidate.figure
        if figure.end > figure.start and not any(f.start < figure.end and figure.start < f.end for f in chosen):
            chosen.append(figure)
    chosen = settle_by_neighbours(text, sorted(chosen, key=lambda f: f.start))
    for i, figure in enumerate(chosen):
        if figure.kind == "money" and figure.approx == "exact" and _PRICE_FLOOR.search(text, 0, figure.start):
            chosen[i] = figure = replace(figure, approx="at_least")  # "fares start at 690 kronor" (3.5)
        if figure.approx == "exact" and NOUN_HEDGE.search(text, 0, figure.start):
            chosen[i] = figure = replace(figure, approx="approximate")  # "an estimated cost of 3.4 billion" (3.5)
        if figure.kind == "count" and QUEUE_PLACE.search(text, 0, figure.start):
            chosen[i] = figure = replace(figure, kind="ordinal", unit=None)  # "I was number 41" (3.5, 2026-12-06)
        if figure.approx == "more_than" and figure.text[:5].lower() == "over " and OVER_ABOUT.match(text, figure.end):
            start = figure.start + 5  # "jailed over ₦2.3bn fraud": "over" is "about", not a hedge (3.5)
            chosen[i] = figure = replace(figure, start=start, text=text[start : figure.end], approx="exact")
        fused = _HOW_OFTEN_FUSED.match(text, figure.end) if figure.unit == "times" else None
        if fused:
            chosen[i] = figure = replace(figure, end=fused.end(), text=text[figure.start : fused.end()])
        if figure.kind in ("money", "range") and figure.unit:
            code = country_currency(figure.unit, figure.text, f"{context_before}\n{text[: figure.start]}")
            if figure.text.startswith("$") and i and CONVERSION.fullmatch(text, chosen[i - 1].end, figure.start):
                code = "USD"  # "C$48 million ($35 million)": a conversion for readers abroad (3.5, 2026-12-06)
            chosen[i] = replace(figure, unit=code)
    return chosen
