"""Attributions: SOURCE, CUE and CONTENT of the common news patterns (guidelines section 1), and
the reporting cues alone. Pure functions of the sentence text and the context shown above it."""

from __future__ import annotations

import re

from corpus.text.prelabel.according import according as _according
from corpus.text.prelabel.patterns import (
    AND_REPORT,
    CALLED_FOR,
    CONNECTIVE,
    COORDINATED_REPORT,
    DATELINE,
    DENIED_REPORT,
    DESCRIBED_EVENT,
    DOCUMENT_ASKING,
    EXPECT_FIGURE,
    HEARD_AT_END,
    HEARING,
    INTEND,
    INTERRUPTED,
    IT_PASSIVE,
    LEAD_IN,
    LEADING_CLAUSE,
    NAMING,
    NEWS_AFTER,
    NOUN_CUE,
    PARTICIPLE_REPORT,
    POLL_LEAD,
    POLL_PUT,
    PUT_AT,
    RELATIVE_PASSIVE,
    STANCE_ADJUNCT,
    SUBJECT_PASSIVE,
    TIMESTAMP,
    TOLD_PASSIVE,
    WANT_OBJECT,
    WHEN_HOW,
    WITH_SAYING,
    WROTE_TO,
)
from corpus.text.prelabel.phrases import closing as _closing
from corpus.text.prelabel.phrases import is_clause as _is_clause
from corpus.text.prelabel.phrases import kind_of as _kind_of
from corpus.text.prelabel.phrases import modified_np as _modified_np
from corpus.text.prelabel.phrases import np_ok as _np_ok
from corpus.text.prelabel.phrases import present_verb as _present_verb
from corpus.text.prelabel.phrases import subject as _subject
from corpus.text.prelabel.spans import OPEN_QUOTES as _OPEN
from corpus.text.prelabel.spans import TRAILING_PUNCTUATION as _TRAIL
from corpus.text.prelabel.spans import Attribution, Span
from corpus.text.prelabel.spans import trim_span as _span
from corpus.text.prelabel.words import AUXILIARIES as _AUXILIARIES
from corpus.text.prelabel.words import DETERMINERS as _DETERMINERS
from corpus.text.prelabel.words import (
    DOCUMENT_NOUN_WORDS,
    NP_BAD_WORDS,
    PERSON_NOUN_WORDS,
    STANCE_ALWAYS_WORDS,
    STANCE_WITH_REPORT_WORDS,
    TELL_NEEDS_HEARER_WORDS,
    TELL_WORDS,
)
from corpus.text.prelabel.words import FINITE as _FINITE
from corpus.text.prelabel.words import PREPOSITIONS as _PREPOSITIONS
from corpus.text.prelabel.words import PRONOUNS as _PRONOUNS
from corpus.text.prelabel.words import REPORTING_VERBS as _SAY

# ----------------------------------------------------------------------------- attributions
_STANCE_ALWAYS = frozenset(STANCE_ALWAYS_WORDS.split())
_STANCE_WITH_REPORT = frozenset(STANCE_WITH_REPORT_WORDS.split())
_NEEDS_THAT = frozenset(["projects", "projected", "recommended", "recommends"])  # also nouns or deeds
# "show" reports what a document or data says; a person "showed no emotion" reports nothing.
_SHOW = frozenset(["show", "shows", "showed", "reveal", "reveals", "revealed", "indicate", "indicates", "indicated"])
_DOCUMENTS = frozenset(DOCUMENT_NOUN_WORDS.split())
# "found" reports a finding only from a study or those who made it ("the police found a body" is a deed).
_FIND = frozenset(["found", "finds", "find"])
_FINDERS = frozenset(["authors", "researchers", "inspectors", "investigators", "auditors", "scientists", "surveyors"])
_TELL = frozenset(TELL_WORDS.split())
_TELL_NEEDS_HEARER = frozenset(TELL_NEEDS_HEARER_WORDS.split())
_CUE_VERB = rf"(?:(?:has|have|had|did|does|do|would|could|will)\s+(?:not\s+)?)?(?:{'|'.join(_SAY.split())})"
_CUE_AT = re.compile(rf"(?<!-)\b(?P<cue>{_CUE_VERB})\b")
_REFUSE = re.compile(r"\b(?P<cue>(?:has\s+|have\s+|had\s+)?(?:declined|refused))\s+(?P<content>to\s.+?)[.!?]?$")
_NP_BAD = frozenset(NP_BAD_WORDS.split())
_SUBJECT_PRONOUNS = _PRONOUNS - {"you"}
_PERSON_NOUNS = frozenset(PERSON_NOUN_WORDS.split())


def _direct(text: str, base: int, context: str) -> list[Attribution]:
    """'"...," X said.' / '"...," said X, ...' / a quotation alone, its speaker in the context."""
    body = text[base:]
    if not body or body[0] not in _OPEN:
        return []
    close = _closing(body, body[0])
    if close == -1:  # the quotation goes on into the next unit: its speaker is in the context
        content = _span(text, base, len(text), quotes=True)
        return _from_context(content, context) if content and context else []
    content = _span(text, base, base + close + 1, quotes=True)
    if content is None:
        return []
    return _quoted(text, content, base + close + 1, context)


def _closing_only(text: str, base: int, context: str) -> list[Attribution]:
    """'... the doors.' / '... foreseen,' X told a press conference.': a quotation opened in an
    earlier unit and closed in this one."""
    body = text[base:]
    for close in re.finditer(r"(?<=[,.!?])[\"”’']", body):
        if not any(o in body[: close.start()] for o in '"“‘'):
            content = _span(text, base, base + close.end(), quotes=True)
            return _quoted(text, content, base + close.end(), context) if content else []
    return []


def _quoted(text: str, content: Span, rest_start: int, context: str) -> list[Attribution]:
    """The attribution of a quotation ``content`` that ends at ``rest_start``: what follows names the
    speaker ('," X said.' / '," said X, ...'), or nothing follows and the speaker is in the context."""
    rest = text[rest_start:]
    if not rest.strip(_TRAIL):
        return _from_context(content, context)
    cue = _CUE_AT.search(text, rest_start)
    if cue is None:
        return []
    source: Span | None
    lead = text[rest_start : cue.start()].strip(" ,")
    if not lead:  # '"...," said X, a resident' / 'said X.'
        after = text[cue.end() :]
        stop = re.search(r",|[.!?](?=\s*[\"“])|[.!?]?$", after)  # 'said X. "..."': a second quotation
        end = cue.end() + (stop.start() if stop else len(after))
        where = re.search(
            r"\s+(?:at|in|on|during|after|before|outside|from)\s+(?:a|an|the|his|her|their)\b", text[cue.end() : end]
        )
        if where:  # 'asked Venn at a meeting in the town square': the meeting is no part of the SOURCE
            end = cue.end() + where.start()
        if not _np_ok(text[cue.end() : end]):
            return []
        source = _span(text, cue.end(), end)
        tail_start = end
    else:
        lead_start = text.index(lead, rest_start)
        source = _subject(text, lead_start, cue.start())
        tail_start = cue.end()
    if source is None:
        return []
    cue_span = Span(cue.start(), cue.end(), cue.group(0))
    found = [Attribution(source, cue_span, content, "direct")]
    more = re.search(r"[\"“](?P<q>[^\"“”]+)[\"”][.!?]?\s*$", text[tail_start:])
    if more:
        second = _span(text, tail_start + more.start(), tail_start + more.end(), quotes=True)
        if second is not None:
            found.append(Attribution(source, cue_span, second, "direct"))
    elif adding := _ADDING.search(text, tail_start):  # '"...," said X, the chief executive, adding that ...'
        added = _span(text, adding.end(), len(text))
        if added is not None and _is_clause(added.text):
            adding_cue = Span(adding.start("cue"), adding.end("cue"), "adding")
            found.append(Attribution(source, adding_cue, added, _kind_of(added.text)))
    return found


_ADDING = re.compile(r",\s+(?P<cue>adding)\s+that\s+")


# The verb after the subject of a context sentence: a reporting verb, a regular past tense, or a
# common irregular one ("Striking nurse Aisha Bello stood outside ...").
_IRREGULAR_PAST_WORDS = (
    "spoke was is has had met went came took gave made stood sat lay knelt held led wore sang ran drove rode flew "
    "fled fought sought brought bought thought taught caught kept slept felt left sent spent built lost shot struck "
    "hung won began became saw got put set let shook broke chose rose woke drew grew knew threw heard sent stands "
    "sits lives works runs owns heads leads chairs"
)
_CONTEXT_VERB = re.compile(rf"\s(?:{_CUE_VERB}|{'|'.join(_IRREGULAR_PAST_WORDS.split())}|[a-z]+ed)\b")


def _from_context(content: Span, context: str) -> list[Attribution]:
    """A quotation alone in its unit: the speaker is the subject of the context's last sentence, or
    the speaker of the quotation this one goes on from (a quotation over several units)."""
    if any(q in content.text for q in '"“”'):
        return []
    stripped = context.rstrip()
    if stripped[-1:] not in "\"”’'":  # the context ends inside an open quotation, or with a said-line
        carried = _last_quoted_speaker(content, stripped)
        if carried:
            return carried
    start = _last_sentence_start(stripped)
    if start is None:
        return []
    if stripped[start : start + 1] in _OPEN:
        return _quote_goes_on(content, stripped, start) or _last_quoted_speaker(content, stripped)
    source = _context_subject(stripped, start)
    if source is None:
        return []
    words = source.text.split()
    if not (any(w[0].isupper() for w in words[1:]) or words[-1].lower() in _PERSON_NOUNS):
        return []
    return [Attribution(source, None, content, "direct")]


def _last_sentence_start(context: str) -> int | None:
    # a decimal point ("1.7 trillion") ends no sentence
    sentences = list(re.finditer(r"(?:[^.!?]|(?<=\d)\.(?=\d))+(?:[.!?]+[\"”]?|$)", context))
    if not sentences:
        return None
    last = sentences[-1]
    return last.start() + len(last.group(0)) - len(last.group(0).lstrip())


def _context_subject(context: str, start: int) -> Span | None:
    """The subject of the context's sentence at ``start`` (a SOURCE marked in the context)."""
    end = context.find(".", start)
    verb = _CONTEXT_VERB.search(context, start, len(context) if end == -1 else end + 1)
    source = _subject(context, start, verb.start()) if verb else None
    return None if source is None else Span(source.start, source.end, source.text, True)


def _passive(text: str, start: int, end: int, context: str) -> list[Attribution]:
    """A report with no speaker in its own clause; none when the clause is not one of those shapes."""
    clause = text[start:end]
    it = IT_PASSIVE.match(clause)
    if it:
        content = _span(text, start + it.start("content"), start + it.end("content"))
        cue = Span(start + it.start("cue"), start + it.end("cue"), it.group("cue"))
        return [Attribution(None, cue, content, "indirect", zero_source=True)] if content else []
    told = TOLD_PASSIVE.match(clause)
    if told:
        content = _span(text, start + told.start("content"), start + told.end("content"))
        if content is None or not (told.group("that") or _is_clause(content.text)):
            return []
        cue = Span(start + told.start("cue"), start + told.end("cue"), told.group("cue"))
        teller = None
        if told.group("cue").endswith("told") and told.group("hearer").lower() in _SUBJECT_PRONOUNS:
            # "They were told": by the subject of the sentence before ("Brenlow Water wrote to 900 homes.")
            sentence = _last_sentence_start(context.rstrip())
            teller = None if sentence is None else _context_subject(context.rstrip(), sentence)
            if teller is not None and teller.text.lower() in _PRONOUNS:
                teller = None
        elif told.group("cue").endswith("told") and HEARING.fullmatch(told.group("hearer")):
            # "The jury was told ..." after "Prosecutor Ana Vell told the jury ...": she told it (1.9, 2026-12-05)
            sentence = _last_sentence_start(context.rstrip())
            if sentence is not None and re.search(
                r"\btold\s+" + re.escape(told.group("hearer").lower()), context[sentence:].lower()
            ):
                teller = _context_subject(context.rstrip(), sentence)
        return [Attribution(teller, cue, content, _kind_of(content.text), zero_source=teller is None)]
    subject = SUBJECT_PASSIVE.match(clause) or RELATIVE_PASSIVE.search(clause)
    # the head before a parenthetical ("The cap, which would take effect in 2027, is estimated to ...")
    head = subject.group("subject").split(",")[0] if subject else ""
    if subject and not any(w.lower() in _FINITE for w in head.split()):
        if head not in ("which", "who") and (not _np_ok(head) or head.lower() == "it"):
            return []
        cue = Span(start + subject.start("cue"), start + subject.end("cue"), subject.group("cue"))
        first = _span(text, start + subject.start("subject"), start + subject.end("subject"))
        second = _span(text, start + subject.start("content"), start + subject.end("content"))
        if first is None or second is None:
            return []
        return [
            Attribution(None, cue, first, "indirect", zero_source=True),
            Attribution(None, cue, second, "indirect", zero_source=True),
        ]
    return []


_QUOTE_START = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))[\"“‘']")


def _last_quoted_speaker(content: Span, context: str) -> list[Attribution]:
    """The speaker of the last quotation in the context that names one ('"...," said X.'), within
    the last few sentences: a continuation quote with its speaker further back."""
    for opening in reversed(list(_QUOTE_START.finditer(context, max(0, len(context) - 600)))):
        found = _quote_goes_on(content, context, opening.start())
        if found:
            return found
    # A quotation opened before the context and closed in it ("... go?' said Lucia Andrade."): its speaker.
    return _same_speaker(content, _closing_only(context, 0, ""))


def _quote_goes_on(content: Span, context: str, start: int) -> list[Attribution]:
    """A quotation that goes on from the context's last sentence, '"...," Fell said.': the same speaker."""
    return _same_speaker(content, _direct(context, start, ""))


def _same_speaker(content: Span, before: list[Attribution]) -> list[Attribution]:
    """``content`` attributed to the one speaker of the quotations ``before`` (in the context)."""
    if not before or before[0].source is None or any(a.source != before[0].source for a in before):
        return []  # no speaker, or two: '"...," X said. "..."' has one speaker for both quotes
    source = before[0].source  # a pronoun or a title is marked as it is written there (1.9, 2026-12-04)
    return [Attribution(Span(source.start, source.end, source.text, True), None, content, "direct")]


def _reported(text: str, start: int, end: int) -> list[Attribution]:
    """'X said (that) ...', 'X told reporters ...', 'X declined to comment', '..., X warned on Thursday.'"""
    clause = text[start:end]
    refusal = _REFUSE.search(clause)
    cue = _CUE_AT.search(clause)
    if refusal and (cue is None or refusal.start() < cue.start()):
        source = _subject(text, start, start + refusal.start())
        content_end = start + refusal.end("content")
        when = re.search(r",?\s+when\s+(?:contacted|asked|approached|reached)\b", text[:content_end])
        if when and when.start() > start + refusal.start("content"):
            content_end = when.start()  # "declined to comment when contacted on Friday" -> "to comment"
        citing = PARTICIPLE_REPORT.search(text, start + refusal.start("content"), content_end)
        second = None
        if citing:  # "declined to comment, citing a clause in its contract": a second report
            reason = _span(text, citing.end(), content_end)
            cited = Span(citing.start("cue"), citing.end("cue"), citing.group("cue"))
            second = Attribution(source, cited, reason, "indirect") if source and reason else None
            content_end = citing.start()
        content = _span(text, start + refusal.start("content"), content_end)
        if source and content:
            cue_span = Span(start + refusal.start(), start + refusal.end("cue"), refusal.group("cue"))
            return [Attribution(source, cue_span, content, "indirect"), *([second] if second else [])]
        return []
    naming = NAMING.search(clause) if any(w in clause for w in _NAMING_VERBS) else None
    if naming and (cue is None or naming.start() <= cue.start()):
        return _naming(text, start, end, naming)
    account = DESCRIBED_EVENT.search(clause) if any(w in clause for w in _ACCOUNT_VERBS) else None
    if account and (cue is None or account.start() < cue.start()):
        source = _subject(text, start, start + account.start("cue"))
        return _cued(
            start,
            account,
            source,
            _span(text, start + account.start("content"), start + account.end("content")),
            "indirect",
        )
    blame = _BLAME.search(clause) if "blamed" in clause or "credited" in clause or "attributed" in clause else None
    if blame and (cue is None or blame.start() < cue.start()):
        return _blame(text, start, blame)
    called = CALLED_FOR.search(clause) if "call" in clause else None
    if called and (cue is None or called.start() < cue.start()):
        return _called_for(text, start, end, called)
    poll = POLL_PUT.match(clause) if "poll" in clause or "survey" in clause else None
    if poll and (cue is None or poll.start("cue") < cue.start()):
        return _poll_put(text, start, poll)
    if cue is None:
        return _intention(text, start, end) or _deed_then_saying(text, start, end) or _document_asking(text, start, end)
    for tried, later in enumerate(_CUE_AT.finditer(clause)):
        found = _said(text, start, end, later)
        if found or tried == 2:
            return found  # "The show said ...": a cue-looking noun first, the verb after it
    return _intention(text, start, end)


def _document_asking(text: str, start: int, end: int) -> list[Attribution]:
    """ "... on a petition asking the council to ...": the document is the SOURCE of its request."""
    match = DOCUMENT_ASKING.search(text, start, end) if "ing " in text[start:end] else None
    if match is None:
        return []
    source = _span(text, match.start("src"), match.end("src"))
    return _cued(0, match, source, _span(text, match.start("content"), match.end("content")), "indirect")


def _deed_then_saying(text: str, start: int, end: int) -> list[Attribution]:
    """ "Split doubles tourist tax, saying visitors must ...": what the subject did, then a report of
    its own (1.9): SOURCE the subject, CUE the participle, CONTENT what follows it."""
    report = _participle_report(text, start, end)
    if report is None:
        return []
    words = list(re.finditer(r"[A-Za-z'’-]+", text[start : report[0].start]))
    verb = next(
        (w for w in words[1:] if w[0].islower() and (w[0] in _FINITE or w[0].endswith("ed") or _present_verb(w[0]))),
        None,
    )
    source = _subject(text, start, start + verb.start()) if verb else None
    content = _span(text, report[1], end)
    if source is None or content is None:
        return []
    return [Attribution(source, report[0], content, _kind_of(content.text))]


# What the naming needs after it: "accused X of "..." of housing" (guidelines 1.9, decided in heldout3).
_NAMING_NEEDS = {"accused": "of", "described": "as"}
_NOT_IN_OBJECT = frozenset(["after", "before", "over", "when", "because", "as", "during", "until", "and", "or"])
_NAMING_REST = re.compile(r"(?:,\s+and|,|\s+and)\s+(?P<cue>said|warned|insisted|saying)\s+(?:that\s+)?")
# "... and ordered Patel to repay": a second action of the same subject, no attribution of its own.
_NAMING_ACTION = re.compile(r"\s+and\s+(?P<verb>[a-z]+ed)\s+\w")


_NAMING_VERBS = ("called", "accused", "branded", "described")
_ACCOUNT_VERBS = ("described", "recounted", "recalled")


def _naming(text: str, start: int, end: int, match: re.Match[str]) -> list[Attribution]:
    verb = match.group("cue").split()[-1]
    if _NAMING_NEEDS.get(verb) != match.group("of"):
        return []
    obj = match.group("obj").lower().split()
    inner = ("in", "of", "for", "on")  # 'called the delay in informing users "unacceptable"'
    # "the plan to build 5,000 homes": an infinitive on the noun, not a preposition
    to_verb = {
        i for i, w in enumerate(obj[:-1]) if w == "to" and obj[i + 1] not in _DETERMINERS and obj[i + 1].isalpha()
    }
    if len(obj) > 6 or any(
        (w in _PREPOSITIONS and w not in inner and i not in to_verb) or w in _NOT_IN_OBJECT for i, w in enumerate(obj)
    ):
        return []  # 'called the police after "a loud bang"': not a naming
    source = _subject(text, start, start + match.start("cue"))
    rest = match.group("rest")
    more = _NAMING_REST.match(rest)
    action = _NAMING_ACTION.match(rest) if more is None else None
    if action and _CUE_AT.fullmatch(action.group("verb")):
        action = None  # "and added ...": a cue, not an action
    if source is None or not (more or action or not rest.strip(_TRAIL)):
        return []
    content_end = start + match.start("rest")
    content = _span(text, start + match.end("cue"), content_end)
    if content is None or len(content.text.split()) < 2:
        return []
    cue = Span(start + match.start("cue"), start + match.end("cue"), match.group("cue"))
    found = [Attribution(source, cue, content, "mixed")]
    if more:
        said_at = content_end + more.start("cue")
        said = _span(text, content_end + more.end(), end)
        if said is None or not _is_clause(said.text):
            return []
        found.append(
            Attribution(
                source, Span(said_at, said_at + len(more.group("cue")), more.group("cue")), said, _kind_of(said.text)
            )
        )
    return found


# "The airline blamed the cancellations on a shortage of ..." (a stance, like "called", 1.1): CONTENT "X on Y";
# "The coach credited the win to the fans" is read the same way (1.9, 2026-12-05): CONTENT "X to Y".
_BLAME = re.compile(
    r"(?<!\bwas\s)(?<!\bwere\s)(?<!\bbe\s)(?<!\bbeen\s)(?<!\bis\s)(?<!\bare\s)"
    r"(?P<cue>(?:has\s+|have\s+|had\s+)?(?:blamed|(?P<credit>credited|attributed)))\s+(?P<obj>[^,;:\"“”]{1,40}?)"
    r"\s+(?(credit)to|on)\s+[^;\"“”]+?[.!?]?$"
)


def _cued(start: int, match: re.Match[str], source: Span | None, content: Span | None, kind: str) -> list[Attribution]:
    """One attribution whose CUE is the match's ``cue`` group, if it has a SOURCE and a CONTENT."""
    if source is None or content is None:
        return []
    cue = Span(start + match.start("cue"), start + match.end("cue"), match.group("cue"))
    return [Attribution(source, cue, content, kind)]


def _blame(text: str, start: int, match: re.Match[str]) -> list[Attribution]:
    obj = match.group("obj").lower().split()
    if len(obj) > 5 or any(w in _PREPOSITIONS or w in _NOT_IN_OBJECT or w in _FINITE for w in obj):
        return []
    source = _subject(text, start, start + match.start("cue"))
    end = start + match.end()
    while end > start and text[end - 1] in ".!?":
        end -= 1
    content = _span(text, start + match.start("obj"), end)
    return _cued(start, match, source, content, "indirect")


def _called_for(text: str, start: int, end: int, match: re.Match[str]) -> list[Attribution]:
    """ "X called for an inquiry", "X called on the board to resign, saying ...": a demand and its report."""
    if match.group("prep") == "on" and not re.search(r"\sto\s+[a-z]", match.group("content")):
        return []  # "called on residents in Leeds": a visit, not a demand
    source = _subject(text, start, start + match.start())
    content_start, content_end = start + match.start("content"), start + match.end("content")
    report = _participle_report(text, content_start, content_end)
    found = _cued(
        start, match, source, _span(text, content_start, report[0].start if report else content_end), "indirect"
    )
    if found and report:
        said = _span(text, report[1], content_end)
        if said is not None:
            found.append(Attribution(source, report[0], said, _kind_of(said.text)))
    return found


def _poll_put(text: str, start: int, match: re.Match[str]) -> list[Attribution]:
    source = _subject(text, start, start + match.end("src"))
    content_end = start + match.end("content")
    lead = POLL_LEAD.match(text, content_end)
    content = _span(text, start + match.start("content"), lead.end() if lead else content_end)
    return _cued(start, match, source, content, "indirect")


def _said(text: str, start: int, end: int, cue: re.Match[str]) -> list[Attribution]:
    """The attribution around a reporting verb found at ``cue`` (offsets into text[start:end])."""
    source = _subject(text, start, start + cue.start())
    if NOUN_CUE.search(text, start, start + cue.end()) or WROTE_TO.match(text, start + cue.start(), end):
        return []  # "Brazil's soy forecast to ...", "wrote to members on Friday": a noun, a deed
    if source is None:  # (its callers tried `_trailing` first: "X expects ..., the ministry said")
        return []
    pos = start + cue.end()
    verb = cue.group("cue").split()[-1]
    hearer = _hearer(text, pos, end, bare=verb in ("told", "tells", "tell")) if verb in _TELL else None
    if hearer is not None:
        pos = hearer
    elif verb in _TELL_NEEDS_HEARER:
        return []
    if verb in ("wrote", "writes") and (letter := re.match(r"\s+to\s+[^,.;\"“]{1,40}?(?=\s+that\s)", text[pos:end])):
        pos += letter.end()  # "wrote to members that ...": the addressee is no part of the CONTENT
    that = re.match(r"(?:\s+(?:on|in|at|last|earlier|late)\b[^,\"“]{0,40}?)?\s+that\s", text[pos:end])
    head = source.text.split()[-1].lower()
    document = (verb in _SHOW and head in _DOCUMENTS) or (verb in _FIND and head in _DOCUMENTS | _FINDERS)
    if not that and (verb in _NEEDS_THAT or (verb in _SHOW and not document)):
        return []
    if that and (verb in _STANCE_WITH_REPORT or verb in _STANCE_ALWAYS):
        report = PARTICIPLE_REPORT.search(text, pos + that.end(), end)
        if report and not any(w in _FINITE for w in text[pos + that.end() : report.start()].split()):
            that = None  # "rejected that argument, saying ...": a demonstrative, not a clause
    if that:
        pos += that.end()
    elif re.match(r"\s*:\s*[\"“‘']", text[pos:end]):
        pos = text.index(":", pos) + 1
    elif when := WHEN_HOW.match(text, pos, end):
        pos = when.end()  # "said on Monday it ...": time and manner belong to neither CUE nor CONTENT
    elif not re.match(r"\s+[\"“A-Za-z0-9]", text[pos:end]):
        return []
    cue_span = Span(start + cue.start(), start + cue.end(), cue.group(0))
    also = _AND_ALSO.search(text, pos, end)
    second: list[Attribution] | None = None
    if also:
        second = _second_attribution(text, source, also, end)
        if second is None:
            return []  # the content runs on into a second attribution that cannot be read: no guess
        end = also.start()
    figure_report = verb in ("reported", "reports") and not that and second is None
    if figure_report:  # "reported a 38% fall in profit to £41.6m on Thursday, as sales ... dropped" (1.9)
        news = next((m for m in re.finditer(r",\s+", text[pos:end]) if NEWS_AFTER.match(text, pos + m.end())), None)
        end = pos + news.start() if news else end
        figure_report = bool(re.search(r"\d", text[pos:end])) and not _is_clause(text[pos:end])
    pieces = [(pos, end, cue_span)]
    adding = _participle_report(text, pos, end)
    if adding is not None:
        second_cue, second_start = adding
        pieces = [(pos, second_cue.start, cue_span), (second_start, end, second_cue)]
    elif (
        verb in _STANCE_WITH_REPORT
        and second is None
        and not that
        and not DENIED_REPORT.match(text, pos, end)
        and not re.match(r"\s+(?:how|whether|what|when|why|if)\s", text[pos:end])  # "would not confirm how many ..."
    ):
        return []  # "defended the title": a deed unless a report follows ("..., saying", "and called on")
    if verb in ("accused", "accuses") and (" of " not in text[pos:end] or any(q in text[pos:end] for q in '"“”')):
        return []  # "accused the council of ...": whom, and of what (1.9); a quoted naming is _naming's
    verbless = document or figure_report or verb in _STANCE_ALWAYS or verb in _STANCE_WITH_REPORT  # "complained about"
    verbless = verbless or (verb in ("warn", "warns", "warned") and text.startswith(" of ", pos))  # "warn of X"
    # "had admitted breaching the law": what is admitted or denied, a gerund phrase (1.9)
    verbless = verbless or (verb in ("admitted", "admits", "denied", "denies") and bool(_GERUND.match(text, pos)))
    found = []
    for n, (a, b, c) in enumerate(pieces):
        stance = verbless and not document and n == 0
        if stance and (adjunct := STANCE_ADJUNCT.search(text, a, b)):
            b = adjunct.start()  # "complained about mould at a meeting on Monday": where, when (1.9)
        if stance and verb not in ("blamed", "blames") and (relative := re.search(r",\s+(?:which|who)\s", text[a:b])):
            b = a + relative.start()  # "criticised the timing, which came nine days before ...": the reporter's (1.9)
        raw = text[a:b].strip()
        inner = raw.rstrip(_TRAIL)
        whole_quote = (
            inner[:1] in _OPEN and inner[-1:] in '"”' and not any(q in inner[1:-1] for q in '"“”') and len(inner) > 2
        )
        # "said: 'Half of our members ...": a quotation that goes on into the next unit, all of it quoted
        opened = n == 0 and text[pos - 1 : pos] == ":" and inner[:1] in _OPEN and _closing(inner, inner[0]) == -1
        whole_quote = whole_quote or opened
        content = _span(text, a, b, quotes=whole_quote)
        bare_ok = that if n == 0 else a != b
        if content is None or (
            not whole_quote and not bare_ok and not (verbless and n == 0) and not _is_clause(content.text)
        ):
            return []
        found.append(Attribution(source, c, content, "direct" if whole_quote else _kind_of(content.text)))
    return found + (second or [])


def _participle_report(text: str, pos: int, end: int) -> tuple[Span, int] | None:
    """ ", adding that ...", ", saying ...", ", telling members that ...": the second CUE and where its
    CONTENT starts, when the rest reads as a report (a that-clause, or a clause after a hearer)."""
    match = PARTICIPLE_REPORT.search(text, pos, end)
    if match is None:
        return None
    cue = Span(match.start("cue"), match.end("cue"), match.group("cue"))
    after = match.end()
    if match.group("cue") == "telling":
        hearer = _hearer(text, match.end("cue"), end, bare=True)
        if hearer is None:
            return None
        after = hearer
    if match.group("cue") == "calling":  # ", calling the trial "a witch-hunt"": a naming, like "called" (1.9)
        words = text[after:end].split()
        return (cue, after) if len(words) >= 2 and not any(w in _FINITE for w in words) else None
    that = re.match(r"\s*(?:only\s+)?that\s+", text[after:end])  # "saying only that ...": "only" out (1.4)
    if that:
        return cue, after + that.end()
    if match.group("cue") == "adding" or not _is_clause(text[after:end]):
        return None  # "adding that" only; a bare "saying" needs a clause ("saying the referee had added")
    return cue, after


# Verbs of speaking, whose report holds a trailing "according to ..." (not "reported" a figure, "expects").
_SPEECH = frozenset(["said", "says", "told", "tells", "added", "adds", "stated", "argued", "insisted",
                     "warned", "claimed", "noted", "explained"])  # fmt: skip
_GERUND = re.compile(r"\s+(?:not\s+)?[a-z]{2,}ing\s+\w")


# "X said A and called B a fantasy", "X said A but declined to say B": a second cue with the same SOURCE.
_AND_ALSO = re.compile(
    r",?\s+(?:and|but)\s+(?P<cue>said|declined|refused|called(?:\s+on(?=\s+\S+(?:\s+\S+){0,5}\s+to\s)|\s+for)?|warned|insisted"
    r"|accused|praised|criticised|criticized|welcomed|condemned|complained|blamed|argued|added|admitted|denied"
    r"|claimed|promised|pledged|vowed|stressed|noted|acknowledged|conceded|confirmed|announced|urged"
    r"|(?:would|could|did)\s+not\s+say)\s+"
    r"(?P<that>that\s+)?"
)
# "..., and praised the crew's response": a stance spoken aloud, its object the CONTENT (1.9, 2026-12-04).
_STANCE_OBJECT = frozenset(["praised", "criticised", "criticized", "welcomed", "condemned", "complained", "blamed"])


def _second_attribution(text: str, source: Span, also: re.Match[str], end: int) -> list[Attribution] | None:
    """The attribution after "and said ...", "but argued that ...": with a third when a participle
    report follows it ("and denied that ..., insisting ..."); None when it cannot be read."""
    third = _participle_report(text, also.end(), end)
    if third is not None:
        then = _span(text, third[1], end)
        found = _second_attribution(text, source, also, third[0].start)
        if found is None or then is None:
            return None
        return [*found, Attribution(source, third[0], then, _kind_of(then.text))]
    cue = Span(also.start("cue"), also.end("cue"), also.group("cue"))
    relative = (
        re.search(r",\s+which\s", text[also.end() : end]) if also.group("cue") in ("urged", "called for") else None
    )
    if relative:
        end = also.end() + relative.start()  # "urged the council to pay for training, which costs $350": the reporter's
    content = _span(text, also.end(), end)
    if content is None:
        return None
    verb = also.group("cue")
    if verb in ("declined", "refused"):
        ok = content.text.startswith("to ")
    elif verb.endswith("not say"):  # "but would not say when a decision would be made"
        ok = bool(re.match(r"(?:when|whether|how|why|what|who|which|if)\b", content.text))
    elif verb == "accused":
        ok = " of " in content.text  # "accused the authority of ...": whom, and of what (1.9)
    elif verb in _STANCE_OBJECT:
        ok = len(content.text.split()) >= 2
    elif verb == "called for":
        ok = len(content.text.split()) >= 2  # "and called for an inquiry": a demand (1.9)
    elif verb.startswith("called on") or verb == "urged":
        ok = " to " in content.text  # "called on the department to review ...": the addressee in (1.9)
    elif verb == "called":
        words = content.text.split()
        ok = len(words) >= 2 and not any(w in _FINITE for w in words)  # "called it a fantasy"
    else:
        ok = bool(also.group("that")) or _is_clause(content.text)
    return [Attribution(source, cue, content, _kind_of(content.text))] if ok else None


_HEARER_THAT = re.compile(r"\s+(?P<hearer>[^,;:\"“”]{1,60}?)(?=\s+that\s|\s*:\s*[\"“])")
_HEARER_BARE = re.compile(
    r"\s+(?:(?:the|a|an)\s+(?:[a-z]+\s+(?=[a-z]+\s+that\b))?[A-Za-z]+|[A-Z][A-Za-z]+|him|her|them|us|me"
    r"|[a-z]+[^s\W]s)(?=\s)"  # "told investors it would ...": a plural hearer
)


def _hearer(text: str, pos: int, end: int, *, bare: bool) -> int | None:
    """Where the hearer after "told"/"informed"/"warned" ends: "told members that", "told Reuters the ...".

    With ``bare``, a short hearer may come without "that" ("told reporters the talks had collapsed").
    """
    match = _HEARER_THAT.match(text, pos, end)
    if match:
        words = [w.strip("'’") for w in match.group("hearer").split()]
        if len(words) <= 6 and not any(
            w.lower() in _NP_BAD or w.lower() in _FINITE or _CUE_AT.fullmatch(w) for w in words
        ):
            return match.end()
    plain = _HEARER_BARE.match(text, pos, end) if bare else None
    return plain.end() if plain else None


# The subject's own next step in the reporter's words, with an amount or a date, is the reporter's CLAIM
# (guidelines 2.1, row of 2026-12-05 on the reporter's `plans to`), not an attribution.
_OWN_STEP = frozenset(["plans", "planned", "plan", "intends", "intended", "intend", "expects", "expected", "expect"])


def _intention(text: str, start: int, end: int) -> list[Attribution]:
    """'X plans to ...', 'X wants Y to ...', 'Economists expect growth of 1.2%': an intention or a forecast."""
    clause = text[start:end]
    match = INTEND.search(clause)
    if match and match.group("object"):
        words = match.group("object").split()
        if (
            not match.group("cue").split()[-1].startswith(WANT_OBJECT)
            or len(words) > 4
            or any(w.lower() in _NP_BAD or w.lower() in _FINITE for w in words)
        ):
            match = None
    if match is None:
        match = EXPECT_FIGURE.search(clause) or PUT_AT.search(clause)
        if match is None or NOUN_CUE.search(clause, 0, match.end("cue")):
            return []
    if any(w.lower().strip(".,") in _AUXILIARIES for w in match.group("content").split()):
        return []  # "Government plans to cut jobs were leaked": a noun, not a verb
    own_step = match.group("cue").split()[-1] in _OWN_STEP and match.re is INTEND and not match.group("object")
    if own_step and re.search(r"\d", match.group("content")):
        return []  # "The airline plans to add 2 daily flights in May": the reporter's CLAIM, no attribution (2.1)
    content_start = match.start("content")
    if match.group("cue").split()[-1].startswith("urg"):
        if not match.group("object"):
            return []  # "urge" needs its addressee: "urged parents to ..."
        content_start = match.start("object")  # the addressee is who is to act: in the CONTENT (1.9)
    source = _subject(text, start, start + match.start())
    content = _span(text, start + content_start, start + match.end("content"))
    return _cued(start, match, source, content, _kind_of(content.text) if content else "indirect")


# "..., said Dr Lesedi Phiri, who runs a surgery ...": the cue before the SOURCE at the end (1.3)
_TRAILING_INVERTED = re.compile(
    r",\s+(?P<cue>said|says|added|adds)\s+(?P<src>(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’.-]*)"
    r"(?:,\s+(?:who|whose|a|an|the|its|his|her)\b[^\"“”]*)?[.!?]?$"
)
_TRAILING = re.compile(
    rf",\s+(?P<src>[^,\"“”]{{2,60}}?)(?P<apposition>,\s+[A-Z][^,\"“”]{{1,40}},)?\s+(?P<cue>{_CUE_VERB})\b"
    rf"(?P<tail>[^,\"“”]{{0,40}}?)(?P<news>\s+as\s+(?:he|she|they|it|we)\s[^\"“”]+?)?[.!?]?$"
)


def _trailing(text: str, start: int, end: int) -> list[Attribution]:
    """'CONTENT, the central bank warned on Thursday.'"""
    heard = HEARD_AT_END.search(text, start, end) if "heard" in text or " told" in text else None
    if heard:
        content = _span(text, start, heard.start())
        cue = Span(heard.start("cue"), heard.end("cue"), heard.group("cue"))
        return [Attribution(None, cue, content, _kind_of(content.text), zero_source=True)] if content else []
    inverted = _TRAILING_INVERTED.search(text, start, end) if ", said " in text or ", says " in text else None
    if inverted and not any(q in text[start : inverted.start()] for q in '"“”'):
        content = _span(text, start, inverted.start())
        source = _span(text, inverted.start("src"), inverted.end("src"))
        if content is not None and source is not None and len(content.text.split()) >= 3:
            return _cued(0, inverted, source, content, _kind_of(content.text))
    match = _TRAILING.search(text[start:end]) if "," in text[start:end] else None
    if match is None or len(text[start : start + match.start()].split()) < 3:
        return []
    src_words = match.group("src").lower().split()
    if not (
        _np_ok(match.group("src"))
        or match.group("src").lower() in _SUBJECT_PRONOUNS
        or _modified_np(match.group("src"))
    ):
        return []  # ", it said.": a pronoun is a SOURCE, and "it" here is never the expletive
    if "than" in src_words or (len(src_words) > 1 and src_words[-1] in _PRONOUNS):
        return []  # ", fewer than she had feared": a comparison, not a source
    if any(w.lower() in _FINITE for w in match.group("tail").split()):
        return []
    source = _span(text, start + match.start("src"), start + match.end("src"))
    content = _span(text, start, start + match.start())
    if content is not None and any(q in content.text for q in '"“”'):
        return []
    return _cued(start, match, source, content, "indirect")


_COLON_QUOTE = re.compile(r"(?P<lead>[^:\"“”]{3,160}?)\s*(?P<cue>:)\s*[\"“](?P<quote>[^\"“”]+)[\"”][.!?]?$")


_COLON_VERB = re.compile(rf"\s(?:{'|'.join(_FINITE)}|[a-z]+ed)\b")


def _colon(text: str, base: int, match: re.Match[str]) -> list[Attribution]:
    """'The mayor was blunt: "The pier is finished."': the colon is the CUE when no reporting verb comes first."""
    lead = match.group("lead")
    if _CUE_AT.search(lead):
        # "She told the board: ..." is the verb's; the outermost attribution first, as everywhere
        return _trailing(text, base, len(text)) or _reported(text, base, len(text))
    apposition = re.match(r"[^,]+,[^,]+,", lead)  # "Eberly, one of the two who voted against, had ..."
    verb = _COLON_VERB.search(lead, apposition.end() if apposition else 0)
    if verb is None:
        return []
    source = _subject(text, base, base + verb.start())
    if source is None:
        return []
    words = source.text.split()
    name = len(words) == 1 and not words[0].lower().endswith(("thing", "one", "body", "where"))
    if not (any(w[0].isupper() for w in words[1:]) or words[-1].lower() in _PERSON_NOUNS or name):
        return []  # "The message was clear: ...", "Everything changed: ...": no speaker
    content = _span(text, base + match.start("quote"), base + match.end("quote"))
    if content is None:
        return []
    cue = Span(base + match.start("cue"), base + match.end("cue"), ":")
    return [Attribution(source, cue, content, "direct")]


def _interrupted(text: str, match: re.Match[str]) -> list[Attribution]:
    if not (_np_ok(match.group("src")) or match.group("src") in _SUBJECT_PRONOUNS):
        return []
    source = _span(text, match.start("src"), match.end("src"))
    first = _span(text, match.start("c1"), match.end("c1"))
    second = _span(text, match.start("c2"), match.end("c2"))
    if source is None or first is None or second is None or not _is_clause(first.text):
        return []
    cue = Span(match.start("cue"), match.end("cue"), match.group("cue"))
    found = [Attribution(source, cue, first, "indirect")]
    if NEWS_AFTER.match(second.text):
        return found  # "..., the club said, as it unveiled a stand": news of its own, not the CONTENT (2.1)
    if match.group("adding"):
        adding = Span(match.start("adding"), match.end("adding"), "adding")
        found.append(Attribution(source, adding, second, "indirect"))
    else:
        found.append(Attribution(source, cue, second, "indirect"))
    return found


def attributions(text: str, context_before: str = "") -> list[Attribution]:
    """SOURCE, CUE and CONTENT of the common news patterns; precision over recall."""
    base = 0
    dateline = DATELINE.match(text) or TIMESTAMP.match(text)
    if dateline:
        base = dateline.end()
    lead_in = LEAD_IN.match(text, base)
    if lead_in:
        base = lead_in.end()
    connective = CONNECTIVE.match(text, base)
    if connective:
        base = connective.end()  # "But the council found that ...": the connective is no part of the SOURCE
    if text[base : base + 1] in _OPEN:
        return _direct(text, base, context_before)
    if text.rstrip()[-1:] in "\"”’'" or re.search(r"[,.!?][\"”’']\s", text):
        ended = _closing_only(text, base, context_before)
        if ended:
            return ended
    interrupted = INTERRUPTED.match(text, base) if "," in text else None
    if interrupted:
        split_content = _interrupted(text, interrupted)
        if split_content:
            return split_content
    colon = _COLON_QUOTE.match(text, base) if ":" in text else None
    if colon:
        return _colon(text, base, colon)
    according = re.search(r",\s+according to\s", text)
    if according and not text.startswith(("According to", "according to"), base):
        said = _reported(text, base, len(text))
        speech = said[0].cue.text.split()[-1] if said and said[0].cue is not None else ""
        if speech in _SPEECH and said[0].cue is not None and said[0].cue.end <= according.start():
            return said  # "X said ..., according to an audit": the trailing source is inside the report (1.4)
    if text.startswith(("According to", "according to"), base) or according:
        return _according(text, base)
    with_saying = WITH_SAYING.search(text, base) if ", with " in text else None
    if with_saying and _np_ok(with_saying.group("src")):
        source = _span(text, with_saying.start("src"), with_saying.end("src"))
        content = _span(text, with_saying.start("content"), with_saying.end("content"))
        before = attributions(text[: with_saying.start()], context_before)
        return before + _cued(0, with_saying, source, content, "indirect")
    leading = LEADING_CLAUSE.match(text, base)
    if leading:  # "When the owners announced in January that they were retiring, the village ...": the report
        found = _reported(text, leading.start("clause"), leading.end("clause"))
        if found:
            return found
    found = []
    start = base
    for part in [*_coordinated_reports(text, base), None]:
        end = part[0] if part else len(text)
        outer = _trailing(text, start, end)  # "..., the analysis found.": the outermost attribution only
        found.extend(outer or _passive(text, start, end, context_before) or _reported(text, start, end))
        if part:
            start = part[1]
    return found


def _coordinated_reports(text: str, base: int) -> list[tuple[int, int]]:
    """Where a unit's reports side by side meet (start and end of what joins them): ``COORDINATED_REPORT``'s
    places, and an ``and`` with no comma before a second SOURCE and cue once a first cue came before it."""
    places = [(base + m.start(), base + m.end()) for m in COORDINATED_REPORT.finditer(text[base:])]
    for match in AND_REPORT.finditer(text, base):
        before = max([b for a, b in places if b <= match.start()], default=base)
        if _CUE_AT.search(text, before, match.start()) and not any(a <= match.start() < b for a, b in places):
            places.append((match.start(), match.end()))
    return sorted(places)
