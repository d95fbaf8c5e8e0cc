"""Money figures: amounts with a currency symbol, code or word, ranges of them, pence and minor
units, and the pula where the article is about Botswana (guidelines 3.3, 3.5). Pure functions."""

from __future__ import annotations

import itertools
import re

from corpus.text.prelabel.candidates import Candidate as _Candidate
from corpus.text.prelabel.candidates import add as _add
from corpus.text.prelabel.candidates import range_ends as _range_ends
from corpus.text.prelabel.candidates import range_start as _range_start
from corpus.text.prelabel.candidates import range_words_fit as _range_words_fit
from corpus.text.prelabel.numbers import (
    CURRENCY_WORD,
    ISO,
    MONEY_AFTER,
    MONEY_BEFORE,
    MONEY_RANGE,
    PENCE,
    PULA,
    RAND,
    SYMBOL,
    approx_of,
    head_noun,
    parse_number,
    scaled_value,
)

# Cheap tests that skip a pattern where it cannot match: most sentences have no currency at all.
_SYMBOL_CHARS = "".join({c for code in SYMBOL for c in code if not c.isalpha() and c not in ". "})
_CURRENCY_STEM_WORDS = (
    "dollar euro pound franc yen yuan rupee rouble ruble hryvnia pence cent reais peso zlot złot naira shilling "
    "rand ringgit baht rupiah lira dirham riyal shekel cedi kronor renminbi forint korun lei taka kwacha birr kr "
    "kron sen pula thebe"
)
_CURRENCY_STEMS = tuple(_CURRENCY_STEM_WORDS.split())
_PENCE_HINT = re.compile(r"\dp\b")


_RAND_HINT = re.compile(r"(?<![\w.,])R\d")
_RAND_AMOUNT = re.compile(r"\d[.,]\d|\d(?:bn|m|mn)\b|\d\s(?:million|billion|thousand)")


def _has_symbol(text: str) -> bool:
    return (
        any(c in text for c in _SYMBOL_CHARS)
        or "Rs" in text
        or "Ksh" in text
        or "Sh" in text  # also "KSh"
        or "RM" in text
        or bool(_RAND_HINT.search(text))
        or any(code in text for code in ISO)
    )


def _rand_road(match: re.Match[str]) -> bool:
    """'R40' alone is a road or a grade as often as money: the rand needs decimals, thousands or a scale."""
    return match.group("cur").strip() == RAND and not _RAND_AMOUNT.search(match.group(0))


def money(text: str, found: list[_Candidate]) -> None:
    symbol = _has_symbol(text)
    for m in MONEY_BEFORE.finditer(text) if symbol else ():
        if _rand_road(m):
            continue
        cur = m.group("cur").strip()
        end = m.end("scale") if m.group("scale") else m.end("num")
        _add(
            found,
            text,
            m.start(),
            end,
            8,
            value=scaled_value(m),
            unit=SYMBOL.get(cur, cur),
            kind="money",
            approx=approx_of(m.group("approx")),
        )
    for m in MONEY_RANGE.finditer(text) if symbol else ():
        if _rand_road(m):
            continue
        cur = m.group("cur").strip()
        value, upper = _range_ends(m)
        if not _range_words_fit(text, m) or value is None or upper is None or upper <= value:
            continue  # "cut from $5,000 to $2,500": a change, two figures
        if not m.group("cur2") and head_noun(text, m.end()) is not None:
            continue  # "$5 to 10 charities"
        _add(
            found,
            text,
            _range_start(m),
            m.end(),
            9,
            value=value,
            upper=upper,
            unit=SYMBOL.get(cur, cur),
            kind="range",
            approx=approx_of(m.group("approx")),
        )
    for m in PENCE.finditer(text) if _PENCE_HINT.search(text) else ():
        value = parse_number(m.group("num"))
        if value is not None:
            approx = approx_of(m.group("approx"))
            _add(found, text, m.start(), m.end(), 8, value=value / 100, unit="GBP", kind="money", approx=approx)
    lower = text.lower()
    words = any(stem in lower for stem in _CURRENCY_STEMS) or any(code in text for code in ISO)
    for m in MONEY_AFTER.finditer(text) if words else ():
        cur = m.group("cur")
        code, minor = CURRENCY_WORD.get(cur.lower(), (cur, 1))
        value = scaled_value(m)
        _add(
            found,
            text,
            m.start(),
            m.end(),
            8,
            value=None if value is None else value * minor,
            unit=code,
            kind="money",
            approx=approx_of(m.group("approx")),
        )


def pula(text: str, found: list[_Candidate]) -> None:
    amounts = [(m, scaled_value(m)) for m in PULA.finditer(text)]
    for m, value in amounts:
        if value is not None:
            approx = approx_of(m.group("approx"))
            _add(found, text, m.start(), m.end(), 8, value=value, unit="BWP", kind="money", approx=approx)
    for (low, value), (high, upper) in itertools.pairwise(amounts):
        between = re.search(r"\b(?:between|from)\s+$", text[: low.start()])
        if (
            between
            and value is not None
            and upper is not None
            and re.fullmatch(r"\s*(?:and|to|-|–)\s*", text[low.end() : high.start()])
        ):
            _add(found, text, between.start(), high.end(), 9, value=value, upper=upper, unit="BWP", kind="range")
