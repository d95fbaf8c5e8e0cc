"""Sentence segmentation of news text, with exact character offsets.

Pure functions only. Inside a paragraph, one regular expression finds the possible sentence
ends (terminal punctuation, closing quotes, space, next word) and a few word lists decide
them: a title ("Gov.") never ends a sentence before a name; an abbreviation, an initial or a
dotted acronym ("Inc.", "K.", "U.S.") ends one only before a word that usually starts a
sentence; nothing ends before a lower-case word. (syntok did this part until 2026-11; the
regex is eleven times faster and more accurate on news, see the README.) Around it:

* paragraphs (blank lines) and their roles: the title line, photo caption blocks with their
  caption title and trailing credit ("... 2023. Reuters", "Image: ..."), body text, and a
  dateline ("CITY, Country -") split off the first paragraph of sentences;
* repairs for enumerations ("1.) a 2.) b") and spaced ellipses (". . .");
* by default, a quotation that runs over several sentences is kept in one unit together with
  its attribution clause ('"A. B. C," he said.'), so that an attribution's source and content
  land in the same task. ``strict=True`` splits such quotations at every sentence end.

Every offset is a Python ``str`` index into the text given, so ``text[start:end]`` is the unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from corpus.schema import sentence_roles

ROLES = sentence_roles()

# Every Unicode white space character lies below U+3001; BOM and zero-width space count too.
_WHITESPACE = frozenset(chr(c) for c in range(0x3001) if chr(c).isspace()) | {"\ufeff", "\u200b"}
_SPACES = frozenset(c for c in _WHITESPACE if c.isspace() and c != "\n")  # [^\S\n]

_AGENCY = (
    r"Reuters|REUTERS|AP|AP Photo|AFP|AFP/Getty Images|Getty Images|EPA|EPA-EFE|Bloomberg|"
    r"Xinhua|TASS|Sputnik|Anadolu(?: Agency)?|dpa|PA|PA Wire|Shutterstock"
)
# A credit closes a caption: an agency name (optionally "/Photographer"), or "Photo: ..." and
# the like, after the caption's last sentence (or at the very start of the text); "Image: ..."
# and the like, which name themselves a credit, also after a caption without a full stop.
# The pattern starts with the credit itself, so that a search skips fast to its first letter;
# what must stand before it is checked apart (_credit_start).
_CREDIT = re.compile(
    rf"(?=[A-Zd])(?:(?:{_AGENCY})(?:/[\w .'’-]{{1,60}})?$"
    r"|(?:Photo|Photograph|Picture|Image|Video|Credit)s?(?P<colon>:| by)[^\S\n]+[^.!?\n]{1,60}\.?$)"
)
_BEFORE_CREDIT = frozenset('.!?"”’)')
# In a caption-shaped paragraph (a caption title line first), a short capitalised tail without
# final punctuation after the last sentence is a credit too, whatever the agency's name.
_SHORT_CREDIT = re.compile(
    r"(?<=[.!?\"”’)])[^\S\n]+(?P<credit>(?:[A-Z][\w&'’./-]*)(?:[^\S\n]+(?:[A-Z][\w&'’./-]*|of|and|for|the)){0,5})[^\S\n]*$"
)
# A credit is short (80 characters at most): it is looked for at the end of a paragraph only.
_CREDIT_WINDOW = 100
_TERMINAL = re.compile(r"[.!?…:;][\"”’)\]]*$")


@dataclass(frozen=True)
class Unit:
    """One annotation unit of a text: ``text[start:end]``, its paragraph and role."""

    start: int
    end: int
    paragraph: int
    role: str


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Non-blank lines of text[start:end], each trimmed of surrounding white space."""
    lines = []
    pos = start
    while pos < end:
        newline = text.find("\n", pos, end)
        line_end = end if newline == -1 else newline
        a, b = _trim(text, pos, line_end)
        if a < b:
            lines.append((a, b))
        pos = line_end + 1
    return lines


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _WHITESPACE:
        start += 1
    while end > start and text[end - 1] in _WHITESPACE:
        end -= 1
    return start, end


def paragraphs(text: str) -> list[list[tuple[int, int]]]:
    """Paragraphs of text as lists of (start, end) lines; blank lines separate paragraphs."""
    result: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for a, b in _lines(text, 0, len(text)) if text else []:
        # A blank line between the previous line and this one closes the paragraph.
        if current and _has_blank_line(text, current[-1][1], a):
            result.append(current)
            current = []
        current.append((a, b))
    if current:
        result.append(current)
    return result


def _has_blank_line(text: str, start: int, end: int) -> bool:
    gap = text[start:end]
    first = gap.find("\n")
    return first != -1 and gap.find("\n", first + 1) != -1


def _credit_start(text: str, lines: list[tuple[int, int]]) -> int | None:
    """Offset where a trailing photo credit begins in a paragraph, if it is a caption block."""
    start, end = lines[-1]
    start = pos = max(start, end - _CREDIT_WINDOW)
    while (match := _CREDIT.search(text, pos, end)) is not None:
        at = before = match.start()
        while before and text[before - 1] in _SPACES:
            before -= 1
        previous = text[before - 1] if before else ""
        if not before or previous in _BEFORE_CREDIT:
            return at
        if match["colon"] == ":" and before < at and previous not in _WHITESPACE:
            return at  # "... in the bay Image: Harbour Office."
        pos = at + 1
    if len(lines) > 1 and not _TERMINAL.search(text, lines[0][0], lines[0][1]):
        short = _SHORT_CREDIT.search(text, start, end)
        if short is not None:
            return short.start("credit")
    return None


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence boundaries of text[start:end], with the repairs news needs."""
    chunk = text[start:end]
    cuts = repair_cuts(chunk, candidate_cuts(chunk))
    spans = []
    a = start
    for cut in [*cuts, end - start]:
        trimmed = _trim(text, a, start + cut)
        if trimmed[0] < trimmed[1]:
            spans.append(trimmed)
        a = start + cut
    return spans


# A possible sentence end: terminal punctuation (or a "[...]" omission), closing quotes or
# brackets, white space, then the next sentence's first visible character after any opening
# quotes or brackets (a lone "." there is part of a spaced ellipsis, not a sentence start).
_CANDIDATE = re.compile(
    r"(?P<term>[.!?…]+|\[(?:\.\.\.|…)\])(?P<close>[\"'”’»)\]“]*)\s+(?P<open>[\"'“‘«(\[]*)(?=[^\s.])(?P<word>\w*)"
)
_CITATION = re.compile(r"\([^().!?]*\)[.!?,;:]")
# The word before a full stop, looked for in a short window (openers excluded).
_WORD_BEFORE = re.compile(r"[^\s\"'“‘«(\[]+\Z")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles before a name: never the end of a sentence before a capital or a digit ("Gov. Kathy Hochul").
_TITLES = _words(
    "Mr Mrs Ms Mx Dr Prof Gov Lt Rev Sgt Maj Rep Reps Col Gen Sen Capt Cpl Pvt Adm Supt Insp Det Cmdr "
    "Msgr Hon Fr Pres Mt Ft Gov-elect"
)
# Other abbreviations (compared in lower case): the end of a sentence only before a word that
# usually starts one ("... and co. They should know."), as are initials and dotted acronyms.
_ABBREVIATIONS = _words(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vs approx est inc corp ltd co jr sr st ave "
    "blvd rd etc dept fig figs vol ed eds p pp ch cf al n°"
)
_STARTERS = _words(
    "A An And As At After Also Although Are Being But By Can Did Do Does During For From He Her His How "
    "However I If In Is It Its Many Meanwhile Millions More Most My Not On Our She Since So Some Still That "
    "The Their Then There These They This Those To Was We Were What When Where Which While Who Why Will "
    "With Yet You Your"
)


def _word_before(chunk: str, at: int) -> str:
    """The word that ends at ``at`` (opening quotes and brackets excluded); "" if it is long."""
    window = at - 24 if at > 24 else 0
    before = _WORD_BEFORE.search(chunk, window, at)
    if before is None or (window and before.start() == window):
        return ""
    return before[0]


def candidate_cuts(chunk: str) -> list[int]:
    """Offsets in a paragraph where a sentence starts (the first sentence's start excluded)."""
    cuts = []
    for match in _CANDIDATE.finditer(chunk):
        term, close, opening, word = match.groups()
        cut = match.start(3)
        first = chunk[cut + len(opening)]
        if first.islower() or (term[0] == "[" and (close or not first.isupper())):
            continue
        if opening and opening[0] == "(" and _CITATION.match(chunk, cut):
            continue  # '... stairways." (Smith 55).': a citation closes the sentence before it
        if term == "." and not close:
            previous = _word_before(chunk, match.start())
            if previous in _TITLES:
                continue  # "Gov. Ada Lin": a title never ends a sentence before a name
            if word not in _STARTERS and (
                previous.lower() in _ABBREVIATIONS
                or ((len(previous) == 1 or "." in previous) and _INITIALS.fullmatch(previous))
            ):
                continue  # "Brill Inc. Chief Executive", "Jo K. Bell", "the U.S. Senate"
        cuts.append(cut)
    return cuts


# Enumerations at the start of a paragraph: "1.) a 2.) b", "1) a 2) b", "a. x b. y", "• 9. x • 10. y".
_LIST_MARKER = re.compile(r"(?:(?<=\s)|^)(?:[•⁃]\s?)?(?P<item>\d{1,2}|[a-z])(?:\.\)|\)|\.)(?=\s)")
_ONLY_PUNCTUATION = re.compile(r"[\W_]*$")
# A spaced ellipsis inside a sentence (". . . I didn't"), unless a full stop comes before it.
_SPACED_ELLIPSIS_END = re.compile(r"(?<!\.)\s\.\s\.\s\.\Z")
# "compounds. . . . The practice": the sentence ends at the first dot; the ellipsis opens the next.
_ATTACHED_FOUR_DOTS = re.compile(r"\w(\.)\s\.\s\.\s\.\Z")


def _list_markers(chunk: str) -> list[re.Match[str]]:
    """Markers of an enumeration that opens the chunk, numbered in sequence; else none. One alone
    counts: a list whose items are paragraphs has one marker per chunk, and "1." is no sentence."""
    if not _LIST_MARKER.match(chunk):
        return []
    markers = list(_LIST_MARKER.finditer(chunk))

    def value(marker: re.Match[str]) -> int:
        return int(marker["item"]) if marker["item"].isdigit() else ord(marker["item"])

    run = [markers[0]]
    for marker in markers[1:]:
        if value(marker) == value(run[-1]) + 1:
            run.append(marker)
    return run


def repair_cuts(chunk: str, cuts: list[int]) -> list[int]:
    """The sentence starts kept of the candidates, and those of an enumeration."""
    markers = _list_markers(chunk)
    marker_ends = {m.end() for m in markers}
    kept: list[int] = []
    for i, cut in enumerate(cuts):
        end = cut
        while end and chunk[end - 1] in _WHITESPACE:
            end -= 1
        next_cut = cuts[i + 1] if i + 1 < len(cuts) else len(chunk)
        if end in marker_ends or _ONLY_PUNCTUATION.match(chunk, cut, next_cut):  # after "2.)"; '.”' alone
            continue
        if chunk[end - 1] == "." and chunk[end - 2 : end - 1].isspace():
            tail = max(kept[-1] if kept else 0, end - 8)
            if _SPACED_ELLIPSIS_END.search(chunk, tail, end):
                continue
            four_dots = _ATTACHED_FOUR_DOTS.search(chunk, max(kept[-1] if kept else 0, end - 9), end)
            if four_dots:
                cut = four_dots.end(1)
        kept.append(cut)
    if len(markers) > 1:
        return sorted(set(kept) | {m.start() for m in markers[1:]})
    return kept


_MISUSED_OPENING = re.compile(r"(?<=[\w.,!?])“(?=\s|$)")
# A dateline opening the article's first body paragraph, ended by a dash: "CITY, Country -",
# "Friday, July 21, 2017 -", "LONDON (Reuters) -". It needs a comma, a word in capitals or a
# bracketed agency, so that an ordinary "Name - The ..." is left alone.
_DATELINE_WORD = r"(?:[A-Z][\w.'’&-]*|\d{1,4}(?:st|nd|rd|th)?|of|de|upon|\([^()\n]{1,30}\))"
_DATELINE = re.compile(
    rf"(?P<dateline>{_DATELINE_WORD}(?:,?[^\S\n]+{_DATELINE_WORD}){{0,9}},?"
    r"(?:[^\S\n]+(?:--?|–|—)|[^\S\n]*—))[^\S\n]*(?=[\"“‘']?[A-Z0-9])"
)
_SENTENCE_END = re.compile(r"[.!?]")
_DATELINE_SIGN = re.compile(r",|\(|\b[A-Z]{2,}\b")


def _dateline_end(text: str, start: int, end: int) -> int | None:
    match = _DATELINE.match(text, start, end)
    if match is None or match.end() >= end or not _DATELINE_SIGN.search(match["dateline"]):
        return None
    return match.end("dateline")


def is_dateline(text: str) -> bool:
    """Whether a unit is a dateline alone, as ``split_text`` splits it off ("LIMA, Peru, April 23 -")."""
    # The pattern looks ahead to the sentence after the dash; a unit that is only the dateline gets one.
    end = _dateline_end(text + " A", 0, len(text) + 2)
    return end is not None and end >= len(text.rstrip())


def _merge_quotations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join sentences while a quotation opened in them is still open."""
    if len(spans) < 2:
        return spans
    region = text[spans[0][0] : spans[-1][1]]
    if '"' not in region and "“" not in region and "”" not in region:
        return spans
    merged: list[tuple[int, int]] = []
    depth = 0
    straight_open = False
    for a, b in spans:
        piece = text[a:b]
        if merged and (depth > 0 or straight_open):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
        if "“" in piece:
            # A “ typed for a closing ” (right after the words, before a space) closes.
            misused = len(_MISUSED_OPENING.findall(piece))
            depth = max(0, depth + piece.count("“") - misused - piece.count("”") - misused)
        else:
            depth = max(0, depth - piece.count("”"))
        if piece.count('"') % 2:
            straight_open = not straight_open
    return merged


def split_text(text: str, *, strict: bool = False, first_line_title: bool = True) -> list[Unit]:
    """Split a document text into annotation units with roles.

    ``first_line_title``: the first line is the title (as in a pasted .txt article), unless
    the first paragraph is a photo caption block.
    ``strict``: split quotations that run over several sentences at every sentence end.
    """
    units: list[Unit] = []
    first_body = True
    for p_index, lines in enumerate(paragraphs(text)):
        p_start, p_end = lines[0][0], lines[-1][1]
        credit = _credit_start(text, lines)
        regions: list[tuple[int, int, str]] = []
        if credit is not None:
            # A photo caption block: optional caption title line, caption, credit.
            body_start = p_start
            if len(lines) > 1 and not _TERMINAL.search(text, lines[0][0], lines[0][1]):
                regions.append((lines[0][0], lines[0][1], "caption_title"))
                body_start = lines[1][0]
            caption_end = _trim(text, body_start, credit)[1]
            if body_start < caption_end:
                regions.append((body_start, caption_end, "caption"))
            regions.append((credit, _trim(text, credit, p_end)[1], "credit"))
        elif p_index == 0 and first_line_title:
            regions.append((lines[0][0], lines[0][1], "title"))
            if len(lines) > 1:
                regions.append((lines[1][0], p_end, "body"))
        else:
            regions.append((p_start, p_end, "body"))
        for r_start, r_end, role in regions:
            if role in ("title", "caption_title", "credit"):
                spans = [(r_start, r_end)]
            else:
                dateline = None
                if role == "body" and first_body:
                    # Before the first paragraph of sentences only lines such as a date stand.
                    first_body = _SENTENCE_END.search(text, r_start, r_end) is None
                    dateline = _dateline_end(text, r_start, r_end)
                if dateline is not None:
                    units.append(Unit(r_start, dateline, p_index, role))
                    r_start = _trim(text, dateline, r_end)[0]
                spans = _sentence_spans(text, r_start, r_end)
                if not strict:
                    spans = _merge_quotations(text, spans)
            units.extend(Unit(a, b, p_index, role) for a, b in spans)
    return units


def iter_sentences(text: str) -> Iterator[str]:
    """Plain sentences of a text, strict mode, for quick use and benchmarks."""
    for unit in split_text(text, strict=True, first_line_title=False):
        yield text[unit.start : unit.end]
