"""Noun phrases, clauses and quotation marks: the pieces the attribution rules are built from (who
can be a SOURCE, what reads as a clause, where a quotation closes). Pure functions of the text."""

from __future__ import annotations

import re

from corpus.text.prelabel.numbers import TENS, UNITS
from corpus.text.prelabel.patterns import PARTICIPLE_MODIFIER
from corpus.text.prelabel.spans import CLOSING_QUOTE as _CLOSE
from corpus.text.prelabel.spans import Span
from corpus.text.prelabel.spans import trim_span as _span
from corpus.text.prelabel.words import DETERMINERS as _DETERMINERS
from corpus.text.prelabel.words import DOCUMENT_NOUN_WORDS, NP_BAD_WORDS
from corpus.text.prelabel.words import FINITE as _FINITE
from corpus.text.prelabel.words import PREPOSITIONS as _PREPOSITIONS
from corpus.text.prelabel.words import PRONOUNS as _PRONOUNS

_NP_BAD = frozenset(NP_BAD_WORDS.split())
_SUBJECT_PRONOUNS = _PRONOUNS - {"you"}
_DOCUMENTS = frozenset(DOCUMENT_NOUN_WORDS.split())
_APOSTROPHES = "’'"


def closing(body: str, opener: str) -> int:
    """Where the quotation opened at body[0] closes, or -1. A single quote closes only where it is
    not an apostrophe: not between two letters ("don’t") nor after a letter before one ("Kenya's")."""
    close = _CLOSE[opener]
    at = body.find(close, 1)
    while at != -1 and close in _APOSTROPHES:
        before, after = body[at - 1 : at], body[at + 1 : at + 2]
        if not (after.isalnum() or (before.isalnum() and after == "s")):
            break
        at = body.find(close, at + 1)
    return at


_NAME_LINKS = frozenset(["of", "the", "for", "and"])


def np_ok(phrase: str) -> bool:
    words = phrase.split()
    if len(words) > 8 and len(words) <= 12 and all(w[0].isupper() or w in _NAME_LINKS for w in words):
        words = [w for w in words if w not in _NAME_LINKS]  # "Professor X of the Institute of Public Health"
    longest = 10 if sum(w[0].isupper() for w in words) * 2 >= len(words) else 8  # "Energy analyst X Y of the Z W"
    if not 1 <= len(words) <= longest or any(
        w.lower().strip(",") in _NP_BAD and not and_in_name(words, i) for i, w in enumerate(words)
    ):
        return False
    if words[-1].lower() in _DETERMINERS or words[-1].lower() in _PREPOSITIONS:
        return False  # "An estimated 2.3 million ...", "put the number of confirmed ...": no noun before the verb
    first = words[0]
    return first[0].isupper() or first[0].isalpha()


def long_document(phrase: str) -> bool:
    """ "A poll of 22 analysts by the business daily Rynek Dziś": a document named with who made it."""
    words = phrase.split()
    return (
        len(words) <= 14
        and any(w.lower() in _DOCUMENTS for w in words[:3])
        and not any(w.lower().strip(",") in _NP_BAD for w in words)
    )


def and_in_name(words: list[str], i: int) -> bool:
    """ "and" between two capitalised words (one name or two speakers, "Maritime and Harbour Workers' Union"), or
    before a second speaker's noun phrase with no verb before it ("Fell and two other councillors", 1.3)."""
    if words[i] != "and" or not 0 < i < len(words) - 1:
        return False
    after = words[i + 1]
    if words[i - 1][0].isupper() and after[0].isupper():
        return True
    second = after.lower() in _DETERMINERS or after.lower() in UNITS or after.lower() in TENS or after[0].isdigit()
    return second and not any(w in _FINITE or (w.islower() and w.endswith("ed")) for w in words[:i])


def is_clause(phrase: str) -> bool:
    words = [w.strip(',.;:"“”') for w in phrase.split()]
    if len(words) > 1 and words[0].lower() in _SUBJECT_PRONOUNS and words[1].islower():
        return True  # "it expects sales of ...": a pronoun subject and its verb
    if len(words) > 3 and words[0].lower() in _DETERMINERS and present_verb(words[2]):
        return True  # "the examination rewards memorising ...": a noun and its verb in the present
    return any(
        (w in _FINITE or (not i and w.lower() in _FINITE)) or (i and w.islower() and w.endswith("ed"))
        for i, w in enumerate(words)
    )  # a capital mid-clause is a name or a month ("in May"), not a verb


def present_verb(word: str) -> bool:
    """A third-person present verb by its form ("rewards", "charges"), not a plural in -ss/-us/-is."""
    return len(word) > 3 and word.islower() and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))


# A quotation in single marks ('the fruit of hard work'), told from an apostrophe ("the council's plan").
_SINGLE_QUOTED = re.compile(r"(?<!\w)['‘][^'‘’\"“”]+['’](?!\w)")


def kind_of(content: str) -> str:
    return "mixed" if any(q in content for q in '"“”') or _SINGLE_QUOTED.search(content) else "indirect"


_CLAUSE_COMMA = re.compile(r"(?<!\d),|,(?!\d{3}\b)")


# A person named by what they did or were, in a relative clause with no comma: the SOURCE is all of it.
_WHO_WAS = re.compile(
    r"(?:A|An|One|Another)\s+(?:[a-z][\w'’-]*\s+){1,2}who\s+(?:was|were|had|has|is|lives|lived|works|worked)\s+\S+(?:\s+\S+){1,10}\s*$"
)


def subject(text: str, start: int, cue_start: int) -> Span | None:
    """The SOURCE before a cue: the noun phrase up to its first comma ("Fell, who chairs ..., said")."""
    phrase = text[start:cue_start]
    age = re.match(r"[^,]+(?=,\s+\d{1,3},\s+(?:who|whose)\s[^,]+,\s*$)", phrase)
    if age and np_ok(age.group(0)):  # "Ana Ribas, 29, who takes the bus ..., said": the name alone
        return _span(text, start, start + age.end())
    if "," not in phrase and _WHO_WAS.match(phrase):  # "A woman who was on a stalled train said": the whole (1.3)
        return _span(text, start, start + len(phrase))
    comma = phrase.find(",")
    if comma != -1 and phrase[comma + 1 : comma + 2].isdigit():
        first = _CLAUSE_COMMA.search(phrase)  # not the comma of "2,400 teachers"
        comma = first.start() if first else -1
    if comma != -1:
        rest = phrase[comma + 1 :].rstrip()
        if not rest.endswith(",") or ("," in rest[:-1] and _CLAUSE_COMMA.search(rest[:-1])):
            return None  # only one parenthetical, closed before the cue
        phrase = phrase[:comma]
    aside = re.search(r",\s+(?:however|though|meanwhile|too|in turn|for their part|for its part),\s*$", phrase)
    if aside:
        phrase = phrase[: aside.start()]  # "Residents, however, accused ...": the aside is no part of the SOURCE
    adverb = re.search(r"\s+(?:also|previously|later|again|now|still|then|repeatedly|already|further|once)\s*$", phrase)
    if adverb:
        phrase = phrase[: adverb.start()]  # "The report also says": the adverb is no part of the SOURCE
    if phrase.strip() in ("It", "it"):
        return _span(text, start, start + len(phrase))  # "It (also) says ...": a pronoun, not the expletive
    if not (np_ok(phrase) or long_document(phrase)) or phrase.rstrip().endswith(("'s", "’s", "s'", "s’")):
        return None  # "The firm's plans to ...", "Residents' fears that ...": the cue is a noun
    return _span(text, start, start + len(phrase))


def modified_np(phrase: str) -> bool:
    """ "a statement released after the meeting", "figures published on Thursday by the agency": a
    document and the participle phrase that says where it came from (1.9, modifiers in the SOURCE)."""
    modified = PARTICIPLE_MODIFIER.match(phrase)
    return modified is not None and len(phrase.split()) <= 14 and np_ok(modified.group("head"))
