"""Check-worthiness and CLAIM spans by the guidelines' staged questions (sections 2, 4 and 4.1).

Pure functions of the unit's text, its role, and what the other rules found in it (figures and
attributions). The answer is a role of the schema's check-worthiness choices, never a label
spelled here: ``non_factual`` (Q1: nothing verifiable), ``not_checkworthy`` (Q2/Q3: factual but
not of public interest, or not what a fact-checker would check) or ``checkworthy``; with a score
(how sure the rules are) and the CLAIM spans, which agree with it as 4.1 says: no CLAIM for a
non-factual unit, at least one for a factual one, and a CLAIM inside an attribution lies inside
its CONTENT.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.text.prelabel.candidates import Figure
from corpus.text.prelabel.patterns import CONSEQUENCE, LEADING_CLAUSE, TIMESTAMP
from corpus.text.prelabel.spans import Attribution, Span, abbreviation_end
from corpus.text.prelabel.words import FINITE, STANCE_ALWAYS_WORDS, STANCE_PHRASES, STANCE_WITH_REPORT_WORDS
from corpus.text.segment import is_dateline

NON_FACTUAL = "non_factual"
NOT_CHECKWORTHY = "not_checkworthy"
CHECKWORTHY = "checkworthy"


@dataclass(frozen=True)
class Checkworthiness:
    """The rules' answer for one unit: a check-worthiness role, how sure they are, the CLAIMs, and why."""

    role: str
    score: float
    claims: list[Span]
    reason: str


# -- Q1: is anything verifiable asserted? ---------------------------------------------------------
# The bare act of (not) saying: refusals, no answer, no comment (guidelines 4, "Refusals").
_REFUSAL = re.compile(
    r"\b(?:declined|refused|did not|didn't|would not|wouldn't|could not|couldn't|was not|were not)\s+"
    r"(?:to\s+)?(?:comment|say|respond|answer|reply|disclose|confirm|be reached|available|blame|speculate|discuss"
    r"|elaborate|name|identify|specify|predict)\b",
    re.I,
)
# Promises, pledges and intentions are judged by their CONTENT, a future act (guidelines 4).
# A pledge or promise *of an amount* is a recorded act, a CLAIM (1.9, 2026-12-04): only a pledge to do.
_PROMISE = re.compile(
    r"\b(?:promised|promises|vowed|vows|vow)\b(?!\s+(?:[£$€¥₹]|[A-Z]{3}\s|\d|an?\s+(?:extra|further|additional)\b))"
    r"|\b(?:pledged|pledges|pledge)\s+(?:to|that)\b|\b(?:threatened|threatens|threaten)\s+to\b",
    re.I,
)
# A plan (question 1 of 2): no CLAIM, unless the reporter states a body's own step with an amount or
# a date ("The airline plans to add 2 flights in May", guidelines 2.1, 2026-12-05; see ``_plan``).
# A body's offer or proposal of its own step ("offered to buy the mill", "proposed to merge the schools")
# is judged as a plan (2.1, 2026-12-05): a CLAIM only with an amount or a date.
_PLAN = re.compile(r"\b(?:intends|intend|plans|plan|offered|offers|proposed|proposes)\s+to\b", re.I)
# An aim or a wish to act (question 1 of 2), even with an amount and in the reporter's words (2.1, 2026-12-06);
# a purpose phrase standing alone ("in an effort to fund new buses") is one too.
_AIM = re.compile(r"\b(?:seeks|seek|seeking|aims|aim|aiming|hopes|hoping|wants|wanting)\s+to\b", re.I)
_PURPOSE = re.compile(r"(?:in\s+an?\s+(?:effort|bid|attempt)\s+to|in\s+order\s+to|so\s+as\s+to)\s+[a-z]", re.I)
# A possibility: with only a date or a time it states no forecast (2.1, 2026-12-05): "could start in 2027".
_POSSIBLE = re.compile(r"\b(?:[Cc]ould|[Mm]ight|may)\b(?!\s+not\b|\s+have\s+been\b)")
# Someone affected complaining in absolute words about being told or consulted ("Nobody asked us before they
# decided this"): rhetoric, no CLAIM over any part unless an amount or a date is stated (2.1, 2026-12-05/06).
_ABSOLUTE_NEGATIVE = re.compile(
    r"(?:^|[\"“])\s*(?:Nobody|No one|No-one)\s+(?:(?:has|had|ever|even|really|actually|bothered\s+to)\s+)*[a-z]+\s+(?:us|me)\b"
)
# A demand with a bare object and no figure ("Some doctors urged caution"): nothing verifiable (2, "Out").
# (An order given, "Clinics were told to open on Saturdays", is a recorded act: a CLAIM, 1.9.)
_DEMAND = re.compile(r"^[^,\d]{1,60}\s(?:urged|urges|demanded|demands)\s+[a-z][a-z ]{0,40}[.!]?$")
# Opinions, value judgements, wishes and commands (guidelines 2, "Out").
_OPINION_WORDS = (
    "disgrace scandal scandalous shameful shame outrage outrageous disaster disastrous miserable wonderful "
    "terrible awful brilliant excellent fantastic great best worst deserve deserves deserved unacceptable "
    "ridiculous absurd nonsense hope hopes hoped wish wishes fear fears must should ought "
    "betrayal betrayed insult insulting honest dishonest proud delighted disappointed thrilled sad happy "
    "worried concerned grateful pleased shocked appalled angry helped helps struggled struggles "
    # an effect judged by degree or worth (2.1, 2026-12-05): "made the plant unviable"
    "unviable uneconomic uneconomical mistake mistaken barely hardly lasting"
)
# (and a quantifier of degree with no amount, 2.1, 2026-12-06: "had few alternatives", "almost nothing left")
_OPINION_PHRASES = ["fed up", "too little, too late", "worth the", "few alternatives", "few options", "almost nothing"]
_OPINION = re.compile(
    r"\b(?:" + "|".join(sorted({*_OPINION_WORDS.split(), *_OPINION_PHRASES}, key=len, reverse=True)) + r")\b", re.I
)
# Naming, calling, accusing, urging: what is attributed is a judgement or a demand (guidelines 1.9).
_NAMING = re.compile(
    r"\b(?:called|calls|branded|brands|described|describes|dubbed|labelled|labeled|accused|accuses|urged|urges|"
    r"demanded|demands|calling|asked|asks|asking|urging|recommended|recommends)\b",
    re.I,
)
# Who says it tells an opinion: critics and opponents judge.
_OPINION_SOURCE = re.compile(r"^(?:critics|opponents|supporters|fans|campaigners|sceptics|skeptics)\b", re.I)
# A report of a fact with nobody named ("is reported to have", "are understood to"): a CLAIM of public interest.
_REPORTED = re.compile(r"\b(?:is|are|was|were)\s+(?:reported|said|understood|believed|thought|alleged)\s+to\b", re.I)
# The future with no present data under it (guidelines 2, "The future").
_FUTURE = re.compile(
    r"\b(?:will|would|could|may|might|shall|is going to|are going to|expected to|likely to|set to|"
    r"is expected|are expected|expect|expects|predict|predicts|predicted)\b",
    re.I,
)
# What makes a future statement checkable now: a budget, a contract, a timetable, a forecast.
_PRESENT_BASIS = re.compile(
    r"\b(?:budget(?:ed)?|contract|timetable|schedule[ds]?|due to|approved|agreed|signed|allocated|"
    r"set aside|forecast|estimate[sd]?|projected|plans? (?:show|published))\b",
    re.I,
)

# -- Q2/Q3: public interest, and would a fact-checker check it? --------------------------------
_PUBLIC = re.compile(
    r"\b(?:government|ministry|minister|ministers|council|councillors?|mayor|parliament|president|"
    r"police|court|tribunal|ombudsman|ruled|judge|jury|prosecutors?|sentenced|jailed|convicted|charged|fraud|hospital|patients?|"
    r"health|vaccin\w*|disease|cases|deaths?|died|killed|injured|casualties|budget|tax\w*|fees?|prices?|"
    r"inflation|rates?|wages?|salar\w*|jobs?|unemployment|workers|staff|strike|shares|profits?|revenue|"
    r"sales|loss(?:es)?|deal|takeover|bank|economy|election|vote[sd]?|voters?|turnout|poll|schools?|"
    r"pupils|students|exam\w*|housing|homes|rents?|refugees|aid|troops|ceasefire|emissions|pollution|"
    r"flood\w*|drought|fire|rail|trains?|passengers|delays?|project|cost|costs|funding|state|public|"
    r"national|federal|regulator|commission|agency|authority|union|company|firm|group|record)\b",
    re.I,
)
_WEAK_FIGURE_KINDS = frozenset({"date", "time", "ordinal"})
# A schedule, a forecast date or a decision with no amount (4.2, 2026-12-04/05): UFS when it only dates,
# adds, asks, reviews or publishes something; CFS when it takes away jobs, a service or public money.
_SCHEDULE = re.compile(
    r"\b(?:will|would|(?:is|are|was|were)\s+(?:due|expected|set|scheduled|to)\b|takes?\s+effect|"
    r"(?:plans?|intends?)\s+to)\b",
    re.I,
)
_TAKES_AWAY = re.compile(
    r"\b(?:clos\w*|shut\w*|cut|cuts|cutting|ban\w*|lay[- ]?offs?|laid off|lay off|scrap\w*|ax(?:e|ed|es)|end|ends|"
    r"withdraw\w*|suspend\w*|halt\w*|cancel\w*|delay\w*|(?:years?|months?|weeks?)\s+late|later\s+than|jobs?|redundan\w*|fines?|jail\w*|sentenc\w*|"
    r"lose|loses|losing|lost)\b",
    re.I,
)
# Someone's account of being refused or turned away by a public service: a harm to its users (4.2, 2026-12-06).
_REFUSED_SERVICE = re.compile(
    r"\b(?:sent|turned)\s+(?:me|us|her|him|them)\s+(?:away|home|back)\b|\btold\s+(?:me|us)\s+to\s+come\s+back\b"
    r"|\brefused\s+(?:me|us)\b",
    re.I,
)
# A small firm owner's share lost, given as evidence of a harm ("Half of my bookings were cancelled", 4.2, 2026-12-06).
_SHARE_LOST = re.compile(
    r"\b(?:half|a\s+third|a\s+quarter|two\s+thirds|most|\d+\s?%)\s+of\s+(?:my|our)\s+[a-z]+\s+"
    r"(?:(?:were|was|have|has|had)\s+)?(?:been\s+)?(?:cancell?ed|lost|gone|cut)\b",
    re.I,
)
# One person's own experience ("I sold two goats", "We pay R$ 2,900"): factual, of no public interest.
# (First person singular only: "we" in news is mostly an organisation speaking, a stakeholder.)
_PERSONAL = re.compile(r"(?:^|[\s\"“'‘])(?:I|I'm|I've|I'd|My|my|me)\b")
# Facts of a game or of one life (guidelines 4 Q2: scene-setting, personal details): of no public
# interest unless money or a public matter is in them ("a transfer fee of CHF 2m" stays CFS).
_GAME = re.compile(
    r"\b(?:\d+-\d+\s+(?:draw|win|defeat|victory|loss|lead)|half-time|goals?|league|striker|midfielder|goalkeeper"
    r"|stoppage time|substitute|kick-off|fans|(?:matches|games|rounds) (?:left|to play)|points (?:behind|clear))\b",
    re.I,
)
_LIFE = re.compile(
    r"\b(?:dies at \d+|died (?:on|in|at|after|aged)|(?:she|he) was (?:born|\d+\b)|born in \d{4}|survived by"
    r"|(?:his|her) (?:wife|husband|son|daughter|mother|father|family)|granddaughters?|grandsons?|grandchildren)\b",
    re.I,
)
# How many attended a meeting or an event, a shop's sale (guidelines 4.2, 2026-12-05): UFS; not a
# protest's or a strike's size, which is the news.
_DAY_OF = r"(?:the|a|an|[A-Z][a-z]+day's|last\s+\w+'s)"
_ATTENDANCE = re.compile(
    rf"\b(?:attended|turned out for|packed|filled)\s+{_DAY_OF}\s+(?:\w+\s+){{0,2}}"
    r"(?:meeting|hearing|event|session|ceremony|service|open day|concert|festival)\b",
    re.I,
)
_PROMOTION = re.compile(
    r"\b\d+(?:\.\d+)?\s?(?:%|per\s?cent|percent)\s+off\b|\b(?:closing-down|clearance|opening)\s+(?:sale|offers?|discounts?)\b",
    re.I,
)
_PLACE = re.compile(r"\b(?:lies|lie|sits|is located|stands)\b[^.]*\b(?:of|on|between|border|coast|river)\b", re.I)

# -- CLAIM spans ---------------------------------------------------------------------------------
# A new clause with its own subject starts a new CLAIM (guidelines 2, "One clause, one CLAIM").
_SUBJECT = r"(?:he|she|they|we|it|I|the|its|his|her|their|our|this|that|these|those|some|most|many|no|[A-Z][\w'’-]*|\d)"
# "before he can apply for parole": a permission or a prediction, no fact of its own (guidelines 2).
_MODALS = frozenset(["will", "would", "can", "could", "may", "might", "must", "should", "shall"])
_NAME_WORDS = r"(?:[A-Z][\w'’-]*\s+)"
_ADVERBIAL_SUBJECT = (
    r"(?:(?:he|she|they|we|it|I|there)\s+|(?:the|a|an|its|his|her|their|our)\s+(?:(?!that|which|who)[a-z]+\s+){0,2}"
    + _NAME_WORDS
    + r"{0,3}"
    r"|[a-z]+\s+"
    + _NAME_WORDS
    + r"{0,3}|(?!(?:a|an|the|well|soon|much|part|result|many)\b)[a-z]+\s+[a-z]+\s+|"
    + _NAME_WORDS
    + r"{1,3})"
    r"(?:" + "|".join(sorted(FINITE - _MODALS)) + r"|(?!that\b)[a-z]+ed)\b"
)
# One to three words of subject, then a finite verb or a modal ("departing staff will receive").
_COORDINATED_SUBJECT = (
    r"(?!(?:that|which|who|said|says|told|added)\b)(?:(?!(?:and|but|or)\b)[\w'’-]+\s+){1,9}?(?:"
    + "|".join(sorted(FINITE))
    + r"|(?!that\b)[a-z]+ed)\b"
)
_CLAUSE_BREAK = re.compile(
    # the end of a sentence inside a unit (a quotation of several sentences): each its own CLAIM (2)
    r"(?<=[a-z]{3}[.!?])\s+(?=[A-Z])|"
    r";\s+|,\s+(?:while|whereas|although)\s+|,\s+(?:though|after|as)\s+(?=" + _SUBJECT + r"\b)"
    r"|,?\s+but\s+(?!that\s+(?!(?:is|was|has|had|will|would|are|were|can|could)\b))(?="
    + _SUBJECT
    + r"\b)|,?\s+and\s+(?:that\s+)?(?=(?:he|she|they|we|it|I|there)\b|(?:the|its|his|her|their|our|no)\s+"
    + _COORDINATED_SUBJECT
    + r"|patients\b)"
    r"|\s+as\s+(?=(?:[\w'’-]+\s+){1,3}(?:pass|passes|rise|rises|fall|falls|double|doubles|grows|hits|tops|nears"
    r"|halves|halve|slumps|jumps|soars|drops|surges|climbs|clash|clashes|heads|faces|looms|ends|begins)\b)"
    # A coordinated clause with a subject of its own (guidelines 2: one clause, one CLAIM): ", and a
    # warning system was not working", ", but average yields fell", "and all 240 drivers had been".
    r"|,\s+(?:and|but)\s+(?=" + _COORDINATED_SUBJECT + r")"
    r"|\s+and\s+(?=(?:all|every|a|an|only|just|some|most|few|another)\s+" + _COORDINATED_SUBJECT + r")"
    # "... was under water and 11 animals, including a rhino calf, had drowned": a counted subject's clause
    r"|(?<![\d%])(?<!million)(?<!billion)(?<!thousand)(?<!trillion)(?<!cent)\s+and\s+"
    r"(?=\d[\d,.]*\s+(?:(?!(?:since|after|before|when|until|as|because|while)\b)[\w'’-]+,?\s+){1,8}?(?:"
    + "|".join(sorted(FINITE))
    + r"|[a-z]+ed)\b)"
    # A result with its own subject (2.1, 2026-12-05): "The hall holds 300, so tickets sold out" (not "so that").
    r"|,\s+so\s+(?=" + _COORDINATED_SUBJECT + r")"
    # A reporting verb as the subject's second predicate (2.1, 2026-12-05): "The firm cut 40 jobs and said ...".
    r"|,?\s+and\s+(?=(?:said|says|told|added|warned|insisted|promised|pledged|vowed)\s)"
    # A list of reported clauses, each its own CLAIM (2): "said X, that Y and that Z"; the demonstrative
    # "and that has not changed" keeps its subject.
    r"|,?\s+(?:and|but)\s+that\s+(?!(?:"
    + "|".join(sorted(FINITE))
    + r")\b)(?=[\w\"“'‘])|,\s+that\s+(?="
    + _ADVERBIAL_SUBJECT
    + r")"
    r"|,\s+and\s+(?=that\s+(?:" + "|".join(sorted(FINITE)) + r")\b)"
    # An adverbial clause with its own subject and verb, no comma needed (guidelines 2.1, 2026-12-04):
    # "... in the 71st minute when defender Reto Amsler turned in a corner", "... until she was 31".
    # Not "after a debate that ran ...": a noun with its relative clause is no clause of its own.
    r"|(?<!such)(?<!well)(?<!much)(?<!many)(?<!soon)(?<!long)(?<!same)(?<!just)"
    r"\s+(?P<adverbial>when|before|after|until|while|whereas|although|as)\s+(?=" + _ADVERBIAL_SUBJECT + r")"
    # "... in 12 years while the cost of collecting rubbish had doubled": a contrast with a longer subject.
    r"|\s+(?:while|whereas)\s+(?=(?:the|a|an|its|their|his|her)\s+" + _COORDINATED_SUBJECT + r")"
    # A gapped clause, its verb left out (2.1, 2026-12-05/06): "A fare costs €2, and a monthly pass €45",
    # "Waits reached 40 days for hips and for knees 55 days"; kept only after a clause with an amount.
    r"|(?P<gapped>,?\s+and\s+(?=(?:(?:a|an|the|its|their|his|her|our|each|every)\s+"
    r"(?!(?:further|additional|extra|total|other|more|few|rest)\b)|(?:for|in|at|on)\s+)"
    r"(?:(?!(?:of|to|from|with|by|worth|at|for|under|over|than|aged|up)\b)[A-Za-z][\w'’-]*\s+){0,3}"
    r"(?:[$€£¥]\s?)?\d[\d.,]*(?:\s?(?:%|per\s?cent|[a-z]+))?[.!?]?$))"
)
# Who reported it, where the attribution rules found no attribution: not part of the CLAIM.
_TRAILING_SOURCE = re.compile(
    r",\s+(?:according to\s.+|[^,]{2,80}?\s+(?:said|says|show|shows|showed|reported|added)(?:\s[^,]{0,40})?)$"
)
_LEADING_REPORT = re.compile(
    r"^(?:it is (?:understood|believed|thought|reported) that|[\w'’ ]{2,40}?\s+(?:heard|was told|were told|learned|found) that)\s+",
    re.I,
)
_LEAD_CONNECTIVE = re.compile(
    r"^(?:But|And|However|Meanwhile|Still|Yet|Also|Instead|Separately|In addition)\b,?\s+|^,\s+as\s+(?=\w+\s+[a-z]+ed\b)"
)
_TRAIL = " \t.,;:!?\"'“”‘’"
_QUOTE_SENTENCE = re.compile(r"[^.!?]+[.!?]?")


_TRAILING_CONJUNCTION = re.compile(r"[\s,;]+(?:but|and|while|whereas|as|after)$")


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in _TRAIL:
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    conjunction = _TRAILING_CONJUNCTION.search(text, start, end)
    if conjunction:  # "X, but" before the next clause's speaker: the conjunction is no part of X
        end = conjunction.start()
    end = abbreviation_end(text, start, end)  # "until 3 a.m." keeps its dot
    inside = text[start:end]
    if text[end : end + 1] in '"”' and (inside.count('"') % 2 == 1 or inside.count("“") > inside.count("”")):
        end += 1  # 'the lid "flew off like a cork"': the quotation the CLAIM opened closes in it
    return Span(start, end, text[start:end]) if end - start >= 3 else None


def _opinion_sentence(text: str, start: int, end: int) -> bool:
    """A quoted sentence that is a judgement as a whole: none of its clauses is a CLAIM."""
    return _opinion(text[start:end]) and not _STRONG_NUMBER.search(text[start:end])


def _opinion(text: str) -> bool:
    return bool(_OPINION.search(text) or _VERDICT.match(text) or _ATTENTION.search(text)) or _legal_view(text)


# An official's stock phrase of attention ("We are monitoring the strike closely", "watching the situation
# daily"): it names no act a record could show (2.1, 2026-12-06); "is hiring 40 nurses" is an act.
_ATTENTION = re.compile(
    r"\b(?:monitoring|watching|following|reviewing)\s+(?:the\s+|this\s+|developments\b|events\b|it\b)"
    r"(?:(?:situation|dispute|strike|matter|case|developments|events|talks)\b|[^,.;]{0,40}\bclosely\b)"
    r"|\b(?:monitoring|watching|following)\s+(?:developments|events|it)\b|\bin\s+close\s+contact\s+with\b",
    re.I,
)


# A stakeholder's view of how the law applies ("the delays were not force majeure", "the dismissals
# were unlawful") is an opinion; a ruling or finding by a court or a regulator is a CLAIM (2.1, 2026-12-05).
_LEGAL_VIEW = re.compile(
    r"\b(?:is|are|was|were|be|been)\s+(?:not\s+|clearly\s+|plainly\s+)?(?:unlawful|illegal|lawful|legal|"
    r"unconstitutional|discriminatory|force\s+majeure|(?:an?\s+)?extraordinary\s+circumstances?|in\s+breach\s+of)\b",
    re.I,
)
_RULING = re.compile(r"\b(?:court|tribunal|judge|regulator|ombudsman|ruled|ruling|found|finds|declared)\b", re.I)


def _legal_view(text: str) -> bool:
    return bool(_LEGAL_VIEW.search(text)) and not _RULING.search(text)


# "This is a real step", "It was greed", "That is expensive for the currency", "It still feels like a
# dream": a demonstrative's verdict with no figure (guidelines 2.1, evaluative verdicts: no CLAIM).
_VERDICT = re.compile(
    r"^(?:But\s+|And\s+|So\s+)?(?:This|That|It|this|that|it)(?:\s+[a-z]+)?\s+(?:is|was|feels|felt|seems|seemed|looks|remains)"
    r"\s+(?:not\s+|still\s+|just\s+|also\s+)*(?!(?:the\s+(?:first|last|only|second|third|largest|biggest|highest|lowest))\b)"
    r"(?:a|an|the|about|what|all|no|not|very|too|so|[a-z]+(?:ful|ous|ive|ible|able|ing|ed|less)|enough|precious|greed|clear|good|bad)\b"
)


# An announced schedule or decision ("it would close its plant", "will reopen"): checkable now, as
# a decision taken (guidelines 2.1, decided 2026-12-04); a bare possibility ("could burst") is not.
_DECIDED = re.compile(
    r"\b(?:will|would)\s+(?:(?:now|also|then|permanently|temporarily)\s+)?(?:close|open|reopen|cut|shed|axe|end|stop|"
    r"start|begin|launch|build|sell|buy|raise|lower|freeze|hire|move|shut|merge|introduce|scrap|resume|suspend|"
    r"pay|spend|invest|expand|relocate|replace|withdraw|cancel|run|seek)\b",
    re.I,
)


# A relative date a calendar can place is a date for question 3 (2.1, 2026-12-06): "into next year".
_RELATIVE_DATE = re.compile(
    r"\b(?:next|this)\s+(?:year|month|spring|summer|autumn|fall|winter)\b"
    r"|\bby\s+the\s+end\s+of\s+(?:the\s+)?(?:year|month|[A-Z][a-z]+)\b"
)


def _unchecked_future(text: str, figures: list[Figure]) -> bool:
    """A prediction or promise with nothing checkable now under it."""
    if not _FUTURE.search(text) or (_RELATIVE_DATE.search(text) and not _POSSIBLE.search(text)):
        return False
    return not (_PRESENT_BASIS.search(text) or _DECIDED.search(text))


_STRONG_NUMBER = re.compile(
    r"\d|\b(?:half|third|quarter|double|doubled|twice|lakh|crore|million|billion|per cent|percent)\b", re.I
)


def _factual(text: str, figures: list[Figure]) -> bool:
    """Q1 on a stretch of text: does it assert something that could be verified now?

    A specific number makes even a forecast, an estimate or a ruling checkable (guidelines 2, 4:
    a published forecast, a cost estimate by someone with a stake); without one, the future,
    modals and opinion words make it a prediction or a judgement.
    """
    if text.rstrip().endswith("?") or _REFUSAL.search(text) or _PROMISE.search(text) or _PURPOSE.match(text):
        return False
    if _AIM.search(text):
        return False  # an aim, even with an amount (2.1, 2026-12-06): "seeks to save £2m"
    stated = [f for f in figures if f.text in text]
    if _PLAN.search(text) and not stated:
        return False
    if _POSSIBLE.search(text) and stated and all(f.kind in ("date", "time") for f in stated):
        return bool(_PRESENT_BASIS.search(text))
    if _STRONG_NUMBER.search(text) or stated:
        return True  # an amount or a date in words ("up to nine months") is as checkable as in digits
    if _unchecked_future(text, figures):
        return False
    return not _opinion(text)


# "On the first Sunday after we reopened": the clause names a time (a noun's complement), it does
# not stand beside the main clause; "walked out on Tuesday after the producers raised ..." does.
_NAMED_TIME = re.compile(
    r"\b(?:the|a|every|each|first|last|next)\s+(?:\w+\s+)?(?:(?:day|week|month|year|time|night)s?|[A-Z][a-z]+day)$"
)


# A participle clause at the end, after an adverbial clause: a CLAIM of its own (guidelines 2.1, 2026-12-05).
_TRAILING_PARTICIPLE = re.compile(
    r",\s+(?!(?:depending|including|excluding|according|following|regarding|concerning|starting|beginning|ranging"
    r"|compared|notwithstanding|pending|barring|during|nothing|something|anything|everything)\b)"
    r"(?=[a-z]{2,}ing\s+(?!(?:to|that|as|the\s+same)\b))"
)
# A headline's "X as Y", "X after Y", "X, but Y": two clauses whatever the verb's form ("as clinics close").
_TITLE_BREAK = re.compile(r"\s+(?:as|after|while|when)\s+(?=[\w'‘\"“])|,?\s+but\s+")


# "Talks between the company and the municipality are planned": the `and` of `between X and Y`.
_BETWEEN = re.compile(r"\bbetween\s+(?:[\w'’-]+\s+){0,4}[\w'’-]+$")


def _clauses(text: str, start: int, end: int, *, title: bool = False) -> list[Span]:
    """The clauses of text[start:end] that each may hold a CLAIM, trimmed (``title``: a headline's)."""
    lead = _LEAD_CONNECTIVE.match(text[start:end]) or TIMESTAMP.match(text[start:end])
    if lead:
        start += lead.end()
    report = _LEADING_REPORT.match(text[start:end])
    if report:
        start += report.end()
    trailing = _TRAILING_SOURCE.search(text[start:end].rstrip(_TRAIL))
    if trailing:
        end = start + trailing.start()
    spans = []
    breaks = [
        b
        for b in _CLAUSE_BREAK.finditer(text, start, end)
        if not (b["adverbial"] and _NAMED_TIME.search(text, 0, b.start()))
        and not (b["gapped"] and not any(c.isdigit() for c in text[start : b.start()]))
        and not (b.group(0).strip().startswith("and") and _BETWEEN.search(text, start, b.start()))
    ]
    adverbial = next((b for b in breaks if b["adverbial"]), None)
    if adverbial is not None:  # "The river rose after rain fell, cutting off two villages": three CLAIMs (2.1)
        breaks = sorted([*breaks, *_TRAILING_PARTICIPLE.finditer(text, adverbial.end(), end)], key=lambda b: b.start())
    if title:
        breaks = sorted([*breaks, *_TITLE_BREAK.finditer(text, start, end)], key=lambda b: b.start())
        breaks = [b for i, b in enumerate(breaks) if not i or b.start() >= breaks[i - 1].end()]
    for piece in [*breaks, None]:
        stop = piece.start() if piece else end
        span = _trimmed(text, start, stop)
        if span:
            spans.append(span)
        if piece:
            start = piece.end()
    return spans


_WITH_BEFORE = re.compile(r",\s+with\s+$")


# "..., the dairy said, ending a run of gains": a participle of consequence, the reporter's (1.9, 2026-12-06).
_CONSEQUENCE = re.compile(r",\s+" + CONSEQUENCE)


def _outside(attributions: list[Attribution], text: str) -> list[tuple[int, int]]:
    """The stretches of the unit outside every attribution's SOURCE, CUE and CONTENT: the reporter's own words."""
    taken = sorted(
        (s.start, s.end)
        for a in attributions
        for s in (_deed_source(a, text), a.cue, a.content)
        if s is not None and not s.in_context
    )
    if not taken:
        return [(0, len(text))]
    lo, hi = min(a for a, _ in taken), max(b for _, b in taken)
    with_before = _WITH_BEFORE.search(text, 0, lo)  # "..., with engineers saying ...": not the reporter's words
    if with_before:
        lo = with_before.start()
    after = text[hi:]
    # After the attribution: its hearer or its circumstances ("told analysts on a call") unless a
    # clause of its own follows ("..., who has chaired the committee since 2019").
    main_after = after.startswith(",") and bool(LEADING_CLAUSE.match(text))  # "When X said ..., the village ..."
    if not (
        re.search(r"\b(?:who|which|whose|where)\b|,\s+(?:and|but|as)\s|\sas\s+(?:he|she|they|it|we)\s", after)
        or _CONSEQUENCE.match(after)
        or main_after
    ):
        return [(0, lo)]
    return [(0, lo), (hi, len(text))]


def _deed_source(attribution: Attribution, text: str) -> Span | None:
    """The SOURCE as taken from the reporter's words: none when it is the subject of a deed the
    reporter tells before a participle report ("Split doubles tourist tax, saying ...": a CLAIM)."""
    source, cue = attribution.source, attribution.cue
    if source is None or cue is None or not cue.text.split()[0].endswith("ing") or source.in_context:
        return source
    told_deed = source.end < cue.start and len(text[source.end : cue.start].split()) >= 2
    # "... signatures on a petition asking ...": the document named inside the reporter's own clause
    inside = (
        source.start > 0 and source.end <= cue.start and re.search(r"\b(?:on|in|of|signed)\s+$", text[: source.start])
    )
    return None if told_deed or inside else source


@dataclass(frozen=True)
class ClaimCandidate:
    """A stretch that could be a CLAIM, with what the rules know of it (a learned model's input)."""

    span: Span
    in_content: bool  # inside an attribution's CONTENT
    factual: bool  # the rules' Q1 on it
    chosen: bool  # the rules would mark it


def claim_candidates(
    text: str, attributions: list[Attribution], figures: list[Figure], role: str = "body"
) -> list[ClaimCandidate]:
    """Every stretch the CLAIM rules consider (chosen or not), plus the whole unit and each CONTENT
    whole: what a model trained on the team's CLAIMs chooses among."""
    chosen = {(c.start, c.end) for c in _claims(text, attributions, figures, role)}
    found: dict[tuple[int, int], ClaimCandidate] = {}

    def add(span: Span | None, in_content: bool) -> None:
        if span and (span.start, span.end) not in found:
            key = (span.start, span.end)
            found[key] = ClaimCandidate(span, in_content, _factual(span.text, figures), key in chosen)

    add(_trimmed(text, 0, len(text)), False)
    for attribution in attributions:
        content = attribution.content
        if content.in_context:
            continue
        add(_trimmed(text, content.start, content.end), True)
        for m in _QUOTE_SENTENCE.finditer(text, content.start, content.end):
            add(_trimmed(text, m.start(), m.end()), True)
        for span in _clauses(text, content.start, content.end):
            add(span, True)
    for start, end in _outside(attributions, text) if attributions else [(0, len(text))]:
        for span in _clauses(text, start, end):
            add(span, False)
    for attribution in attributions:
        add(_about_the_source(text, attribution), False)
    for start, end in chosen:
        add(Span(start, end, text[start:end]), False)
    return [found[k] for k in sorted(found)]


def _claims(text: str, attributions: list[Attribution], figures: list[Figure], role: str = "body") -> list[Span]:
    claims: list[Span] = []
    split = _split_contents(attributions)
    for start, end in split:
        span = _trimmed(text, start, end)
        if span and _factual(span.text, figures):
            claims.append(span)  # a CONTENT split around its cue: one CLAIM, SOURCE and CUE in (2.1)
    for attribution in attributions:
        content = attribution.content
        if content.in_context or any(a <= content.start and content.end <= b for a, b in split):
            continue
        if _topic_only(attribution, figures):
            continue
        if attribution.cue is not None and _AIM.match(f"{attribution.cue.text.split()[-1]} to"):
            continue  # "The government aims to reach all 31 million pupils": an aim, no CLAIM (2.1, 2026-12-06)
        if _promised(attribution) or _demanded(attribution):
            continue  # "... and promised that ...", "called for calm": a promise or a demand, no CLAIM (Q1)
        if attribution.type == "direct" and re.search(r"[.!?]\s+\S", content.text):
            # A quotation over several sentences: the factual ones are the CLAIMs.
            for m in _QUOTE_SENTENCE.finditer(text, content.start, content.end):
                for span in _clauses(text, m.start(), m.end()):
                    if _factual(span.text, figures) and not _opinion_sentence(text, m.start(), m.end()):
                        claims.append(span)
        elif _factual(content.text, figures):
            for span in _clauses(text, content.start, content.end):
                if _factual(span.text, figures):
                    claims.append(span)
    title = role in ("title", "caption_title")
    for start, end in _outside(attributions, text) if attributions else [(0, len(text))]:
        for span in _clauses(text, start, end, title=title):
            if attributions and _CIRCUMSTANCE.match(span.text):
                continue  # "..., she said as she passed sentence": when it was said, not a fact reported
            long_enough = len(span.text.split()) >= (2 if title else 3) or bool(_SHORT_CLAUSE.match(span.text))
            if long_enough and _factual(span.text, figures) and not _attribution_only(span.text):
                claims.append(span)
    for attribution in attributions:
        relative = _about_the_source(text, attribution)
        if relative and _factual(relative.text, figures):
            claims.append(relative)
    unique = {(c.start, c.end): c for c in claims}
    return [unique[k] for k in sorted(unique)]


# "Kim, whose son was burned in May, said ...", "A resident, a retired driver who has lived there for
# 30 years, said ...": a relative clause on the SOURCE states a fact of its own (2.1, 2026-12-04).
_SOURCE_RELATIVE = re.compile(r"(?:,\s+\d{1,3})?,\s+(?P<rel>(?:who|whose)\s[^,]+?|(?:a|an)\s[^,]*?\swho\s[^,]+?),\s*$")


def _about_the_source(text: str, attribution: Attribution) -> Span | None:
    source, cue = attribution.source, attribution.cue
    if source is None or cue is None or source.in_context or cue.start < source.end:
        return None
    relative = _SOURCE_RELATIVE.match(text, source.end, cue.start)
    return _trimmed(text, relative.start("rel"), relative.end("rel")) if relative else None


# A stance's or a telling's bare object names what it is about, not a fact (guidelines 1.9, 2026-12-05):
# "criticised the rise", "stood by his report", "were told of the closure": no CLAIM without an amount.
_STANCE_CUES = re.compile(
    rf"\b(?:{'|'.join([*STANCE_ALWAYS_WORDS.split(), *STANCE_WITH_REPORT_WORDS.split(), *STANCE_PHRASES])})\w*$",
    re.I,
)


# What a document or a study found, named by a noun phrase alone ("audit finds "serious gaps""): a topic.
_FINDS = re.compile(r"\b(?:finds|found|find|shows|showed|show|reveals|revealed|reveal)$", re.I)


def _topic_only(attribution: Attribution, figures: list[Figure]) -> bool:
    content = attribution.content
    if attribution.cue is None:
        return False
    if not _STANCE_CUES.search(attribution.cue.text) and not _FINDS.search(attribution.cue.text):
        return False
    if any(content.start <= f.start < content.end for f in figures) or re.search(r"\d", content.text):
        return False
    words = re.findall(r"[\w'’]+", content.text.lower())
    demonstrative = words[:1] == ["that"] and len(words) <= 3  # "rejected that argument"
    return ("that" not in words or demonstrative) and not any(w in FINITE or w.endswith("ed") for w in words[1:])


def _split_contents(attributions: list[Attribution]) -> list[tuple[int, int]]:
    """The stretches of CONTENTs that share one CUE in this unit ("X, the union said, Y"; "X is said
    to Y"): from the first CONTENT's start to the last one's end."""
    by_cue: dict[tuple[int, int], list[Span]] = {}
    for a in attributions:
        if _PURPOSE.match(a.content.text) or _demanded(a):
            continue  # "..., the operator said, in an effort to fund new buses": an aim, no CLAIM (1.9, 2026-12-06)
        if a.cue is not None and not a.cue.in_context and not a.content.in_context:
            by_cue.setdefault((a.cue.start, a.cue.end), []).append(a.content)
    return [
        (min(c.start for c in contents), max(c.end for c in contents))
        for (cue_start, cue_end), contents in by_cue.items()
        if len(contents) > 1 and any(c.end <= cue_start for c in contents) and any(c.start >= cue_end for c in contents)
    ]


# "... as profit halves": a two-word clause of a headline is a clause all the same.
_SHORT_CLAUSE = re.compile(r"^[\w'’-]+\s+(?:halves|falls|rises|doubles|slumps|soars|jumps|drops|surges|climbs)$")
_CIRCUMSTANCE = re.compile(r"^(?:as|when|while|after|before|during|on|at|in)\s", re.I)
_BARE_SAYING = re.compile(r"^(?:[\w'’.-]+\s+){0,6}(?:said|says|told|added|according to)\b(?!\s+to\s)", re.I)


def _attribution_only(text: str) -> bool:
    """A stretch that is only who said it ('the company said in a statement'): no CLAIM of its own."""
    return bool(_BARE_SAYING.match(text)) and len(text.split()) <= 10


_RELATIVE_START = re.compile(r"(?:who|whose|which)\b|(?:a|an)\s[^,]*?\swho\s")


def _outside_attribution(claim: Span, attributions: list[Attribution]) -> bool:
    stretches = [(a.content.start, a.content.end) for a in attributions] + _split_contents(attributions)
    return not any(start <= claim.start and claim.end <= end for start, end in stretches)


# "The utility serves 41,000 homes": who a service covers is background, UFS; "now serves 2,000 fewer
# homes" is a comparison (4.2, 2026-12-05 and 2026-12-06).
_SERVES = re.compile(
    r"\b(?:serves?|served|serving|covers?|covered)\s+(?:about\s+|around\s+|some\s+|roughly\s+|nearly\s+|almost"
    r"\s+|more\s+than\s+|over\s+|an\s+estimated\s+)?$"
)


def _covered(text: str, figure: Figure) -> bool:
    """A count of those a service covers, with no comparison after it."""
    return (
        figure.kind == "count"
        and bool(_SERVES.search(text, 0, figure.start))
        and not re.match(r"\s+(?:fewer|more|less|extra|additional|new)\b", text[figure.end :])
    )


# A clock time that is a working condition ("Pickers start at 5 a.m.", "shifts from 6 a.m.") is read as
# a duration of work, CFS; a clock time that only times an event is no specific figure (4.2, 2026-12-05).
_WORKING_HOURS = re.compile(
    r"\bshifts?\b|\b(?i:workers|staff|employees|drivers|nurses|pickers|miners|crews?|cleaners|porters|guards"
    r"|carers|labourers|laborers|farmhands|cooks|bakers)\s+(?:[a-z]+\s+){0,2}(?:start|starts|started|begin|begins"
    r"|began|finish|finishes|finished|work|works|worked|clock|clocks|clocked)\b"
)


def _judgement(attribution: Attribution) -> bool:
    """An attribution whose CONTENT is a judgement: named, called or accused; or said by critics."""
    cue = attribution.cue.text if attribution.cue else ""
    source = attribution.source.text if attribution.source else ""
    if cue.split()[-1:] == ["described"] and _ACCOUNT.match(attribution.content.text):
        return False  # "described waiting four hours": an account of what happened (1.9, 2026-12-06)
    return bool(_NAMING.search(cue) or _OPINION_SOURCE.match(source))


_ACCOUNT = re.compile(r"(?:being\s+|having\s+)?[a-z]{2,}ing\b")


_DEMANDED = re.compile(
    r"\b(?:called|calls|call|calling)\s+(?:for|on)$|\burg(?:ed|es|e|ing)$|\bbeing\s+(?:advised|urged|asked|encouraged)$"
    r"|^(?:asking|demanding)$"
)


def _demanded(attribution: Attribution) -> bool:
    """An attribution whose CUE asks for something ("called for", "urged", "are being advised to")."""
    return attribution.cue is not None and bool(_DEMANDED.search(attribution.cue.text))


def _promised(attribution: Attribution) -> bool:
    """An attribution whose CUE is a promise or a threat ("promised that", "vowed", "threatened to")."""
    cue = attribution.cue
    verb = cue.text.split()[-1] if cue is not None else ""
    return bool(verb) and any(_PROMISE.match(f"{verb} {word}") for word in ("that", "to"))


def _plan(text: str, figures: list[Figure], attributions: list[Attribution]) -> bool:
    """A plan that question 1 leaves out: someone's said plan, or one with neither an amount nor a date."""
    return bool(_PLAN.search(text)) and (bool(attributions) or not figures)


def checkworthiness(text: str, role: str, figures: list[Figure], attributions: list[Attribution]) -> Checkworthiness:
    """The staged questions for one unit (guidelines 4): factual? of public interest? worth a check?

    ``role`` is the sentence's role (title, body, caption_title, caption, credit).
    """
    if role == "credit" or re.match(r"^(?:Photo|Picture|Image|Video|Graphic)s?\s*:", text):
        return Checkworthiness(NON_FACTUAL, 0.95, [], "a credit")
    if role == "body" and is_dateline(text):
        return Checkworthiness(NON_FACTUAL, 0.9, [], "a dateline, like a credit (4.2)")
    promise = _PROMISE.search(text) and not any(a.cue is not None and not _promised(a) for a in attributions)
    # a refusal beside another report ("confirmed X but would not say when ..."): only its own CONTENT is no CLAIM
    refusal = _REFUSAL.search(text)
    refused = refusal and not any(  # a report made before the refusal ("confirmed ... but would not say")
        a.cue is not None and a.cue.start < refusal.start() and not _REFUSAL.search(f"{a.cue.text} {a.content.text}")
        for a in attributions
    )
    if refused or promise or _plan(text, figures, attributions):
        return Checkworthiness(NON_FACTUAL, 0.8, [], "a refusal or a promise (Q1)")
    if _ABSOLUTE_NEGATIVE.search(text) and not figures and not _STRONG_NUMBER.search(text):
        return Checkworthiness(NON_FACTUAL, 0.7, [], "a complaint in absolute words (Q1)")
    if _DEMAND.search(text) and not _STRONG_NUMBER.search(text):
        return Checkworthiness(NON_FACTUAL, 0.7, [], "a demand (Q1)")
    judged = [a for a in attributions if _judgement(a) and _deed_source(a, text) is not None]  # not a deed + a request
    if judged and len(judged) == len(attributions):
        return Checkworthiness(NON_FACTUAL, 0.75, [], "an attributed judgement (Q1)")
    if not attributions and _NAMING.search(text) and re.search(r"[\"“'‘]", text):
        return Checkworthiness(NON_FACTUAL, 0.7, [], "a quoted judgement (Q1)")
    claims = _claims(text, attributions, figures, role)
    if not claims:
        return Checkworthiness(NON_FACTUAL, 0.7, [], "nothing verifiable (Q1)")
    if role in ("caption", "caption_title"):
        return Checkworthiness(NOT_CHECKWORTHY, 0.7, claims, "a photo caption (Q2)")
    claimed = " ".join(c.text for c in claims)
    if _REFUSED_SERVICE.search(claimed):
        return Checkworthiness(CHECKWORTHY, 0.6, claims, "refused by a public service, a harm (4.2)")
    if _SHARE_LOST.search(claimed):
        return Checkworthiness(CHECKWORTHY, 0.6, claims, "a small firm's share lost, a harm (4.2)")
    if _PERSONAL.search(claimed):
        return Checkworthiness(NOT_CHECKWORTHY, 0.6, claims, "a personal experience (Q2)")
    money = any(f.kind == "money" for f in figures)
    counted = any(f.kind == "count" for f in figures)  # "Twelve people died": a toll, not one life
    polled = re.search(r"\b(?:poll|polls|survey|surveys)\b", text, re.I)  # "a poll puts X three points behind"
    if not money and ((_GAME.search(claimed) and not polled) or (not counted and _LIFE.search(claimed))):
        return Checkworthiness(NOT_CHECKWORTHY, 0.55, claims, "a game's or a life's details (Q2)")
    if _PLACE.search(claimed):
        return Checkworthiness(NOT_CHECKWORTHY, 0.6, claims, "where a place is (Q2)")
    if (not money and _ATTENDANCE.search(claimed)) or _PROMOTION.search(claimed):
        return Checkworthiness(NOT_CHECKWORTHY, 0.6, claims, "scene-setting or a shop's promotion (4.2)")
    about_speakers = {(r.start, r.end) for a in attributions if (r := _about_the_source(text, a))}
    if attributions and all(
        _outside_attribution(c, attributions) and ((c.start, c.end) in about_speakers or _RELATIVE_START.match(c.text))
        for c in claims
    ):
        return Checkworthiness(NOT_CHECKWORTHY, 0.6, claims, "only who the speaker is (Q2)")
    public = bool(_PUBLIC.search(claimed))
    strong = [
        f for f in figures if f.kind not in _WEAK_FIGURE_KINDS and any(c.start <= f.start < c.end for c in claims)
    ]
    if (
        _SCHEDULE.search(claimed)
        and not _TAKES_AWAY.search(claimed)
        and all(f.kind == "duration" and text[f.end : f.end + 1] not in "'’" for f in strong)
    ):  # "four months' salary" is an amount
        return Checkworthiness(NOT_CHECKWORTHY, 0.6, claims, "a schedule that only dates or adds (4.2)")
    if strong and all(_covered(text, f) for f in strong):
        return Checkworthiness(NOT_CHECKWORTHY, 0.6, claims, "those a service covers, background (4.2)")
    if strong:
        return Checkworthiness(CHECKWORTHY, 0.85, claims, "a specific figure (Q3)")
    if any(f.kind == "time" for f in figures) and _WORKING_HOURS.search(claimed):
        return Checkworthiness(CHECKWORTHY, 0.6, claims, "working hours, a duration of work (4.2)")
    if public or attributions or _REPORTED.search(text):
        return Checkworthiness(CHECKWORTHY, 0.6, claims, "of public interest, from someone with a stake (Q3)")
    return Checkworthiness(NOT_CHECKWORTHY, 0.6, claims, "factual, of no public interest (Q2)")
