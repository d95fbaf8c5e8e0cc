"""`According to`: the one cue whose SOURCE comes after it, at the front ("According to X, ..."),
at the end ("..., according to X") or between two parts of its CONTENT (guidelines 1.3, 1.4).
Pure functions of the sentence text."""

from __future__ import annotations

import re

from corpus.text.prelabel.phrases import kind_of as _kind_of
from corpus.text.prelabel.phrases import long_document as _long_document
from corpus.text.prelabel.phrases import modified_np as _modified_np
from corpus.text.prelabel.phrases import np_ok as _np_ok
from corpus.text.prelabel.spans import Attribution, Span
from corpus.text.prelabel.spans import trim_span as _span


def according(text: str, base: int) -> list[Attribution]:
    """The attribution of an `according to` in text[base:], its SOURCE a noun phrase or a document."""
    front = re.match(r"(?P<cue>According to)\s+(?P<src>[^,]{2,60}),\s+(?P<content>.+)$", text[base:])
    if front:
        a = base + front.start("src")
        source = _span(text, a, base + front.end("src"))
        content = _span(text, base + front.start("content"), len(text))
        cue = Span(base, base + front.end("cue"), front.group("cue"))
    else:
        back = re.search(r",\s+(?P<cue>according to)\s+(?P<src>(?:[^,]|,(?=\d{3}))*?)[.!?]?$", text[base:])
        if back and not 2 <= len(back.group("src")) <= 80:
            back = None
        if not back:
            return according_between(text, base)
        source = _span(text, base + back.start("src"), base + back.end("src"))
        content = _span(text, base, base + back.start())
        cue = Span(base + back.start("cue"), base + back.end("cue"), back.group("cue"))
    if (
        source is None
        or content is None
        or not (_np_ok(source.text) or _modified_np(source.text) or _long_document(source.text))
    ):
        return []
    return [Attribution(source, cue, content, _kind_of(content.text))]


def according_between(text: str, base: int) -> list[Attribution]:
    """ "Occupancy reached 94%, according to the association, against 81% a year earlier": the CONTENT
    on both sides of the CUE, two regions with one SOURCE (1.4, a CONTENT split around its cue)."""
    middle = re.search(r",\s+(?P<cue>according to)\s+(?P<src>[^,]{2,80}),\s+(?P<rest>[^;]+?)[.!?]?$", text[base:])
    if middle is None or not (_np_ok(middle.group("src")) or _long_document(middle.group("src"))):
        return []
    source = _span(text, base + middle.start("src"), base + middle.end("src"))
    first = _span(text, base, base + middle.start())
    second = _span(text, base + middle.start("rest"), base + middle.end("rest"))
    if source is None or first is None or second is None:
        return []
    cue = Span(base + middle.start("cue"), base + middle.end("cue"), middle.group("cue"))
    return [Attribution(source, cue, part, _kind_of(part.text)) for part in (first, second)]
