"""Sentence segmentation of news text, with exact character offsets.

Pure functions only. The maintained rule-based segmenter ``syntok`` finds sentence
boundaries inside a paragraph; on top of it this module adds what news needs:

* paragraphs (blank lines) and their roles: the title line, photo caption blocks with their
  caption title and trailing credit ("... 2023. Reuters"), body text;
* a repair of boundaries after abbreviations that precede a lower-case word or a digit;
* by default, a quotation that runs over several sentences is kept in one unit together with
  its attribution clause ('"A. B. C," he said.'), so that an attribution's source and content
  land in the same task. ``strict=True`` splits such quotations at every sentence end.

Every offset is a Python ``str`` index into the text given, so ``text[start:end]`` is the unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from syntok import segmenter as _syntok

from corpus.schema import sentence_roles

ROLES = sentence_roles()

# Every Unicode white space character lies below U+3001; BOM and zero-width space count too.
_WHITESPACE = frozenset(chr(c) for c in range(0x3001) if chr(c).isspace()) | {"\ufeff", "\u200b"}

_AGENCY = (
    r"Reuters|REUTERS|AP|AP Photo|AFP|AFP/Getty Images|Getty Images|EPA|EPA-EFE|Bloomberg|"
    r"Xinhua|TASS|Sputnik|Anadolu(?: Agency)?|dpa|PA|PA Wire|Shutterstock"
)
# A credit closes a caption: an agency name (optionally "/Photographer"), or "Photo: ..." and
# the like, after the caption's last sentence or alone on its line.
_CREDIT = re.compile(
    rf"(?:(?<=[.!?\"”’)])|^)[^\S\n]*(?P<credit>(?:{_AGENCY})(?:/[\w .'’-]{{1,60}})?"
    r"|(?:Photo|Photograph|Picture|Image|Credit)s?(?::| by)[^\S\n]+[^.!?\n]{1,60}\.?)[^\S\n]*$"
)
# In a caption-shaped paragraph (a caption title line first), a short capitalised tail without
# final punctuation after the last sentence is a credit too, whatever the agency's name.
_SHORT_CREDIT = re.compile(
    r"(?<=[.!?\"”’)])[^\S\n]+(?P<credit>(?:[A-Z][\w&'’./-]*)(?:[^\S\n]+(?:[A-Z][\w&'’./-]*|of|and|for|the)){0,5})[^\S\n]*$"
)
_TERMINAL = re.compile(r"[.!?…:;][\"”’)\]]*$")

# Abbreviations after which a boundary followed by a lower-case word or a digit is wrong.
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Capt|"
    r"Sgt|Sen|Rep|Gov|St|No|Nos|vs|approx|est|Inc|Corp|Ltd|Co)\.|N°\.|\b(?:[A-Za-z]\.){2,})$"
)
_CONTINUES_SENTENCE = re.compile(r"[\"“'‘(\[]?[a-z0-9]")
# A title before a capitalised name never ends a sentence: "Gov. Kathy Hochul", "Lt. Gov. Dan Patrick".
_TITLE_END = re.compile(
    r"(?:^|(?<=\s)|(?<=\())(?:Gov|Lt|Rev|Sgt|Maj|Rep|Reps|Col|Gen|Sen|Capt|Cpl|Pvt|Adm|Supt|Insp|Det|Cmdr|Msgr|Dr|Mr|Mrs|Ms|Prof|Hon|Fr|Gov-elect)\.$"
)
_NAME_START = re.compile(r"[A-Z][a-z]*\.?(?:\s|$)")


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
    match = _CREDIT.search(text, start, end)
    if match is None and len(lines) > 1 and not _TERMINAL.search(text, lines[0][0], lines[0][1]):
        match = _SHORT_CREDIT.search(text, start, end)
    if match is None:
        return None
    return match.start("credit")


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence boundaries of text[start:end] found by syntok, with the repairs news needs."""
    chunk = text[start:end]
    found = [sentence[0].offset for para in _syntok.analyze(chunk) for sentence in para if sentence]
    cuts = repair_cuts(chunk, sorted(set(found) - {found[0]}) if found else [])
    spans = []
    for a, b in zip([0, *cuts], [*cuts, len(chunk)], strict=True):
        a, b = _trim(text, start + a, start + b)
        if a < b:
            spans.append((a, b))
    return spans


# A URL or an e-mail address that ends a sentence: syntok keeps it with the next sentence.
_ADDRESS_END = re.compile(r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+?|www\.\S+?)\.(?=\s+[\"“‘(]?[A-Z])")
# The pronoun "I" ending a sentence, taken by syntok for an initial ("you and I. Did you...").
_PRONOUN_I_END = re.compile(
    r"(?<=\s)I\.(?=\s+(?:Did|Do|Does|Is|Are|Was|Were|What|Why|How|When|Where|Who|The|It|He|She|We|They|You|This|That|"
    r"But|And|So|My|His|Her|Our|Their|There|Then)\b)"
)
# Enumerations at the start of a paragraph: "1.) a 2.) b", "1) a 2) b", "a. x b. y", "• 9. x • 10. y".
_LIST_MARKER = re.compile(r"(?:(?<=\s)|^)(?:[•⁃]\s?)?(?P<item>\d{1,2}|[a-z])(?:\.\)|\)|\.)(?=\s)")
_ONLY_PUNCTUATION = re.compile(r"[\W_]*$")
_SPACED_ELLIPSIS_END = re.compile(r"(?<!\.)\s\.\s\.\s\.$")
_ATTACHED_FOUR_DOTS = re.compile(r"\w(\.)\s\.\s\.\s\.$")


def _list_markers(chunk: str) -> list[re.Match[str]]:
    """Markers of an enumeration that opens the chunk, numbered in sequence; else none."""
    markers = list(_LIST_MARKER.finditer(chunk))
    if len(markers) < 2 or chunk[: markers[0].start()].strip():
        return []

    def value(marker: re.Match[str]) -> int:
        return int(marker["item"]) if marker["item"].isdigit() else ord(marker["item"])

    run = [markers[0]]
    for marker in markers[1:]:
        if value(marker) == value(run[-1]) + 1:
            run.append(marker)
    return run if len(run) >= 2 else []


def repair_cuts(chunk: str, cuts: list[int]) -> list[int]:
    """Sentence starts in a paragraph, syntok's repaired where news and the Golden Rules need it."""
    markers = _list_markers(chunk)
    marker_ends = {m.end() for m in markers}
    kept: list[int] = []
    for i, cut in enumerate(cuts):
        previous = chunk[kept[-1] if kept else 0 : cut].rstrip()
        next_cut = cuts[i + 1] if i + 1 < len(cuts) else len(chunk)
        if (
            (_ABBREVIATION_END.search(previous) and _CONTINUES_SENTENCE.match(chunk, cut))
            or (_TITLE_END.search(previous) and _NAME_START.match(chunk, cut))
            or _ONLY_PUNCTUATION.match(chunk, cut, next_cut)  # '.”' alone is no sentence
            or _SPACED_ELLIPSIS_END.search(previous)
            or (kept[-1] if kept else 0) + len(previous) in marker_ends  # right after "2.)"
        ):
            continue
        four_dots = _ATTACHED_FOUR_DOTS.search(previous)
        if four_dots:  # "compounds. . . . The practice": the ellipsis opens the next sentence
            cut = (kept[-1] if kept else 0) + four_dots.end(1)
        kept.append(cut)
    extra = {m.end() for m in _ADDRESS_END.finditer(chunk)} | {m.end() for m in _PRONOUN_I_END.finditer(chunk)}
    extra |= {m.start() for m in markers[1:]}
    return sorted(set(kept) | {c for c in extra if 0 < c < len(chunk.rstrip())})


def _merge_quotations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join sentences while a quotation opened in them is still open."""
    merged: list[tuple[int, int]] = []
    depth = 0
    straight_open = False
    for a, b in spans:
        piece = text[a:b]
        if merged and (depth > 0 or straight_open):
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
        depth = max(0, depth + piece.count("“") - piece.count("”"))
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
                spans = _sentence_spans(text, r_start, r_end)
                if not strict:
                    spans = _merge_quotations(text, spans)
            units.extend(Unit(a, b, p_index, role) for a, b in spans)
    return units


def iter_sentences(text: str) -> Iterator[str]:
    """Plain sentences of a text, strict mode, for quick use and benchmarks."""
    for unit in split_text(text, strict=True, first_line_title=False):
        yield text[unit.start : unit.end]
