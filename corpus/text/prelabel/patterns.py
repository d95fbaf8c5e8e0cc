"""Sentence-shape patterns the attribution rules read: datelines and lead-ins, participle reports,
modifiers in a SOURCE, adjuncts, connectives, coordinated reports, intentions and forecasts. Compiled
once, pure."""

from __future__ import annotations

import re

from corpus.text.prelabel.words import MONTH_NAMES as _MONTH_FULL

# Where or when a stance was taken, after its object: out of the CONTENT (guidelines 1.9, 2026-12-05).
STANCE_ADJUNCT = re.compile(
    r"\s+(?:at\s+(?:a|an|the)\s+(?:[a-z]+\s+)?(?:meeting|conference|rally|hearing|briefing|session)"
    r"|on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|after\s+the\s+(?:vote|meeting|hearing|debate)"
    r"|(?:last|this)\s+(?:week|month)|yesterday)\b"
)

# "..., saying the referee had added ...", "..., telling members that ...": a second report by the same SOURCE.
PARTICIPLE_REPORT = re.compile(
    r",\s+(?P<cue>adding|saying|telling|arguing|insisting|claiming|warning|calling|citing|noting|stressing|explaining)\s+"
)

# A live report's time stamp before the text ("11:40 a.m. Transit committee chair ... said"): no part of
# a SOURCE, a CONTENT or a CLAIM (its own FIGURE).
TIMESTAMP = re.compile(r"[0-2]?\d[:.][0-5]\d\s?(?:a\.m\.|p\.m\.|am\b|pm\b)?\s+(?=[A-Z\"“‘'])")

DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{1,40}(?:\([^)]{1,30}\))?\s*[-—–]+\s+")

WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"

# A lead-in before the subject: "In a statement, ", "Last week, ", "On Tuesday, ", "Earlier this month, ".
LEAD_IN = re.compile(
    rf"(?:(?:In|On|At) (?:a|an|the|its|their|his|her) [a-z ]{{3,30}}(?:, (?:published|released|issued) [^,\"“”]{{3,30}})?"
    rf"|(?:Last|Earlier|Later|Next) (?:this |that |last )?(?:week|month|year|night)"
    rf"|(?:On|Last|Late|Early|Earlier) {WEEKDAY}(?: (?:morning|afternoon|evening|night))?"
    rf"|In (?:{_MONTH_FULL}|(?:19|20)\d\d|[A-Z][a-z]+(?: [A-Z][a-z]+)?)|Yesterday|Meanwhile|Separately"
    # where or when it was said: "Outside court, his mother said ...", "Speaking after the vote, ..."
    rf"|(?:Outside|After|Speaking(?: (?:outside|after|at|to))?) (?:the |a |an )?[a-z]{{3,20}}(?: [a-z]{{3,20}})?), "
)

PARTICIPLE_MODIFIER = re.compile(
    r"^(?P<head>.+?)\s+(?:released|published|issued|compiled|presented|obtained|posted|filed|prepared|"
    r"commissioned|seen|sent|submitted|conducted|carried out)\b"
)

WHEN_HOW = re.compile(
    rf"(?:\s+(?:on\s+{WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?|last\s+(?:week|month|year|night)"
    r"|earlier\s+(?:this\s+)?(?:week|month|year|today)|in\s+a\s+(?:statement|letter|post|interview|report)"
    r"|on\s+(?:Twitter|X|Facebook|Instagram|television|radio)|yesterday|today))+,?(?=\s+[A-Za-z0-9])"
)

# A cue word that is a noun here: after a possessive and a noun ("Brazil's soy forecast"); a letter sent.
NOUN_CUE = re.compile(r"['’]s\s+[a-z]+\s+(?:forecast|estimate|report|claims|show)$")

WROTE_TO = re.compile(r"(?:wrote|writes)\s+to\s+(?![^,.;]*\bthat\b)")

CONNECTIVE = re.compile(r"(?:But|And|Yet|Still|However,)\s+(?=[A-Za-z])")

# Where a unit's clauses part: each may hold an attribution of its own ("..., and some residents say ...").
COORDINATED_REPORT = re.compile(
    r";\s+|,\s+but\s+(?!that\s|with\s)(?=[A-Za-z])|,\s+and\s+(?=(?:[\w'’-]+\s+){1,4}(?:say|says|said|believe|believes|claim|claims"
    r"|(?:is|are|was|were)\s+(?:understood|believed|thought|said|expected|reported))\s)"
    r"|\s+as\s+(?=(?:[\w'’-]+\s+){1,3}(?:warn|warns|say|says|said|fear|fears|claim|claims|finds|shows|puts|reveals|suggests)\s)"
    # "..., after routine tests showed that ...": a document's finding in a clause of time
    r"|,\s+after\s+(?=(?:[\w'’-]+\s+){1,3}(?:showed|found|revealed|suggested)\s+that\s)"
    # "..., though it cautioned that ...": a second report of the same speaker after a contrast
    r"|,\s+(?:though|although|while)\s+(?=(?:it|he|she|they|we)\s+(?:also\s+)?(?:cautioned|warned|said|added|noted|admitted"
    r"|conceded|acknowledged|stressed)\s)"
)
# "Drivers said the road was flooded and two farms reported losses": with no comma, a second report
# side by side (guidelines 1.9, 2026-12-05) only once a first one has been made (the caller checks).
AND_REPORT = re.compile(
    r"\s+and\s+(?=(?:(?!(?:that|who|which)\b)[\w'’-]+\s+){1,4}(?:said|says|reported|reports|told)\s)"
)
# An `as` clause with its own subject after "X said,": the reporter's, not the rest of the CONTENT, whether it
# tells news or a cause ("..., traders said, as farmers held back stocks"; 2.1, 2026-12-05; 1.9, 2026-12-06);
# so is a participle of consequence ("..., the dairy said, ending a run of gains"; 1.9, 2026-12-06).
# Not a comparison or a fixed phrase ("as much as", "as expected", "as a result").
CONSEQUENCE = (
    r"(?!(?:according|including|excluding|adding|saying|citing)\b)[a-z]{3,}ing\s+(?:a|an|the|its|their|his|her|\d)"
)
NEWS_AFTER = re.compile(
    CONSEQUENCE
    + r"|as\s+(?!(?:well|much|many|little|few|expected|planned|usual|a\s+result|part|of|soon|long|such|if|though)\b)"
    r"(?:[\w'’-]+\s+){1,8}?(?:[a-z]{2,}ed|rose|fell|grew|held|ran|kept|met|sold|paid|made|took|came|went|began|left|"
    r"cut|put|set|hit|saw|got|had|were|was|are|is|continue[sd]?|remain(?:s|ed)?)\b"
)
# ", with engineers saying it was safe" at the end of a factual clause: an attribution of its own (1.9, 2026-12-05).
WITH_SAYING = re.compile(
    r",\s+with\s+(?P<src>[^,;\"“”]{2,60}?)\s+(?P<cue>saying|warning|arguing|claiming|insisting|predicting)\s+"
    r"(?:that\s+)?(?P<content>[^;\"“”]{3,}?)[.!?]?$"
)
# "Nationally, 611 people were on trolleys, the union said, up from 540 ...": the CONTENT split
# around its SOURCE and CUE (two regions, guidelines 1.4), or "..., the company said, adding that ...".
INTERRUPTED = re.compile(
    r"(?P<c1>[^\"“”]{12,}?),\s+(?P<src>(?:the|a|an|its|their|his|her)\s[^,\"“”]{2,50}?|[A-Z][^,\"“”]{1,50}?|[a-z]{3,}s"
    r"|he|she|they|we)\s+"
    r"(?P<cue>said|says|added|warned|insisted|reported|estimated)(?:\s+on\s+[A-Z]\w+)?,\s+"
    r"(?:(?P<adding>adding)\s+that\s+)?(?P<c2>[^\"“”]{5,}?)[.!?]?$"
)
# 'A poll for the Courier put Labour on 38% ...' (guidelines 1.1): a poll or survey that puts or gives figures.
POLL_PUT = re.compile(
    r"(?P<src>[^,;]{0,40}?\b(?:poll|survey|opinion poll)s?\b(?:[^,;]|,(?=\d{3})){0,70}?)\s+"
    r"(?P<cue>(?:has\s+|had\s+)?(?:put|puts|gave|gives))"
    r"\s+(?P<content>[^,;\"“”]*?(?:\d+(?:\.\d+)?\s?(?:%|per\s?cent|percent)"
    r"|\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+points?\s+(?:behind|ahead|clear))[^,;\"“”]*?)(?=,|[.!?]?$)"
)
# "denied reports that ...", "rejected suggestions that ...": the CONTENT is the noun and its clause (1.9);
# a denial of a reported fact is an attribution (2.1, 2026-12-06), "rejected the offer" a deed.
DENIED_REPORT = re.compile(
    r"\s+(?:the\s+)?(?:claims?|reports?|suggestions?|allegations?|accusations?|rumou?rs?|speculation)\s+that\s"
)
# "..., two points ahead of Labor": the lead is part of what the poll puts (heldout3).
POLL_LEAD = re.compile(
    r",\s+(?:[\w.]+\s+)(?:percentage\s+)?points?\s+(?:ahead\s+of|behind|clear\s+of)\s+[^,;\"“”]{1,40}?(?=[.!?]?$)"
)
# "Passengers described waiting four hours at the quay": an account of what happened, the gerund phrase
# its CONTENT (1.9, 2026-12-06); "described the delays as ..." is a naming.
DESCRIBED_EVENT = re.compile(
    r"(?P<cue>(?:has\s+|have\s+|had\s+)?(?:described|recounted|recalled))\s+"
    r"(?P<content>(?:being\s+|having\s+)?[a-z]{2,}ing\b(?![^;\"“”]*\bas\s+[\"“])[^;\"“”]*?)[.!?]?$"
)
# 'Critics have called the scheme "a tax on ..."', 'X accused the board of "cowardice"' (guidelines 1.1, 1.9):
# 'The judge described the fraud as "cynical"': only with the description in quotes (an "of ..." tail kept),
# and only when nothing follows but "and said ...", ", saying ..." or a second action ("and ordered ...").
NAMING = re.compile(
    r"(?P<cue>(?:has\s+|have\s+|had\s+)?(?:called|branded|accused|described))\s+(?P<obj>(?:[^,;:\"“”]|,(?=\d{3}))"
    r"{1,60}?)\s+"
    r"(?:(?P<of>of|as)\s+)?(?:[\"“][^\"“”]+[\"”]|(?<!\w)['‘][^'‘’\"“”]+['’](?!\w))"
    r"(?P<tail>\s+of\s+[^,;:\"“”]{1,30}?(?=[,;.!?]|$))?(?P<rest>.*)$"
)


# Intentions, hopes and forecasts held by the subject (guidelines 1.1, 1.4): "The company plans
# to cut 1,500 jobs", "The union wants the talks to resume". Actions ("voted to", "agreed to")
# and schedules ("is due to", "is expected to") are not among them.
_INTEND_VERBS = {
    "want": "wants wanted", "plan": "plans planned", "intend": "intends intended", "hope": "hopes hoped",
    "promise": "promises promised", "pledge": "pledges pledged", "vow": "vows vowed",
    "threaten": "threatens threatened", "expect": "expects expected", "urge": "urges urged", "ask": "asks asked",
    "aim": "aims aimed",
}  # fmt: skip
_INTEND_BASE = "|".join(_INTEND_VERBS)
_INTEND_FINITE = "|".join(" ".join(_INTEND_VERBS.values()).split())
_INTEND_PARTICIPLE = "|".join(w for w in " ".join(_INTEND_VERBS.values()).split() if w.endswith("ed"))
_INTEND_ING = "|".join(f"{v[:-1] if v.endswith('e') else v}{'n' if v == 'plan' else ''}ing" for v in _INTEND_VERBS)
INTEND = re.compile(
    rf"(?<![\w'’-])(?P<cue>(?:has|have|had)\s+(?:long\s+|already\s+)?(?:{_INTEND_PARTICIPLE})"
    rf"|(?:is|are|was|were)\s+(?:{_INTEND_ING})|(?:does|do|did)\s+not\s+(?:{_INTEND_BASE})|{_INTEND_FINITE}|{_INTEND_BASE})"
    rf"\s+(?P<content>(?:(?P<object>[^,;:\"“”]{{1,40}}?)\s+)?to\s+[a-z][^;\"“”]*?)[.!?]?$"
)
WANT_OBJECT = ("want", "expect", "urg", "ask")  # "wants the talks to resume"; not "plans the talks to ..."
# A forecast's noun phrase is a verbless CONTENT (guidelines 1.9, 2026-12-05): "The agency forecasts
# between 900 and 1,200 cases", "expects corn output of 119 million tonnes, down from 131 million".
EXPECT_FIGURE = re.compile(
    r"(?<![\w'’-])(?P<cue>expects?|expected|forecasts?|projects|estimates)\s+"
    r"(?P<content>(?:(?:a|an|the)?\s*[a-z]|(?=\d))(?:[^,;\"“”]|,(?=\d)|,(?=\s+(?:up|down)\s+from\s))*?\d"
    r"(?:[^,;\"“”]|,(?=\d)|,(?=\s+(?:up|down)\s+from\s))*?)[.!?]?$"
)


# "Figures put attendance at 18,460", "Insurers estimate the damage at $80m", "a poll put the party on
# 34 per cent, three points behind ...": the verbless CONTENT of a poll or an estimate (guidelines 1.1).
PUT_AT = re.compile(
    r"(?<![\w'’-])(?P<cue>puts?|estimates?|estimated|values|valued)\s+"
    r"(?P<content>(?:(?!\s(?:at|on)\s)[^,;\"“”\d]){1,80}?\s(?:at|on)\s+(?:(?:an?\s+)?(?:estimated|about|around|between|some|roughly|nearly"
    r"|almost|just\s+(?:over|under)|more\s+than|less\s+than|up\s+to)\s+)?(?:[A-Z]{0,3}[$€£¥₹₦]|Rs\.?\s?)?\d"
    r"(?:[^,;\"“”]|,(?=\d)|,(?!\s+(?:with|according|said|says)\b))*?)(?=,\s+with\b|[.!?]?$)"
)


# "Consumer groups have called for fines", "called on the council to ...": a demand spoken aloud (1.9:
# a verb that reports what someone said; the addressee of "called on X to" in the CONTENT).
CALLED_FOR = re.compile(
    r"(?<![\w'’-])(?P<cue>(?:(?:has|have|had)\s+(?:also\s+)?|(?:is|are|was|were)\s+)?(?:called|calls|call|calling)"
    r"\s+(?P<prep>for|on))\s+(?P<content>[^;\"“”]+?)[.!?]?$"
)


# "... signatures on a petition asking the council to keep the branches open": a document that asks,
# named in a noun phrase, is the SOURCE of its request (1.9, 2026-12-04).
DOCUMENT_ASKING = re.compile(
    r"\b(?P<src>(?:a|an|the|its|their)\s+(?:[a-z]+\s+)?(?:petition|letter|motion|resolution|complaint|submission))"
    r"\s+(?P<cue>asking|urging|calling\s+(?:on|for)|demanding)\s+(?P<content>[^;\"“”]+?)[.!?]?$"
)


# Zero-source reports (guidelines 1.6): "It is understood that ...", "X is said to ...", and people
# "being told" ("They were told that ..."), whose teller is the subject of the sentence before.
PASSIVE_CUE = (
    r"(?:is|are|was|were|has\s+been|have\s+been|had\s+been)\s+(?:widely\s+|also\s+)?"
    r"(?:said|understood|thought|believed|reported|alleged|rumou?red|expected|forecast|estimated|projected)"
    # "Customers are being advised to ...": a request with no one named who asks (1.6)
    r"|(?:is|are|was|were)\s+being\s+(?:advised|urged|asked|encouraged)"
)
# ", which is expected to take up to five days": a relative clause's zero-source report (1.6)
RELATIVE_PASSIVE = re.compile(
    rf",\s+(?P<subject>which|who)\s+(?P<cue>{PASSIVE_CUE})\s+(?P<content>to\s+[a-z][^;:\"“”]*?)[.!?]?$"
)
IT_PASSIVE = re.compile(rf"It\s+(?P<cue>{PASSIVE_CUE})\s+that\s+(?P<content>[^\"“”]+?)[.!?]?$")
SUBJECT_PASSIVE = re.compile(
    rf"(?P<subject>[^,;:\"“”]{{2,60}}?|[^,;:\"“”]{{2,40}},[^,;:\"“”]{{2,40}},)\s+(?P<cue>{PASSIVE_CUE})\s+"
    r"(?P<content>to\s+[a-z][^;:\"“”]*?)[.!?]?$"
)
TOLD_PASSIVE = re.compile(
    r"(?P<hearer>[^,;:\"“”]{1,40}?)\s+(?P<cue>(?:was|were|has\s+been|have\s+been|had\s+been)\s+told|heard(?=\s+that\s))\s+"
    r"(?!to\s|of\s)(?P<that>that\s+)?(?P<content>[^;:\"“”]+?(?:[\"“][^\"“”]+[\"”])?)[.!?]?$"
)


# Who hears evidence: "The jury was told ..." has its teller in the sentence before, if any (1.9);
# "..., the court heard.": the court hears, it does not say, and the teller is not named (1.6, 1.9).
_HEARERS = r"(?:court|jury|inquiry|tribunal|hearing|committee|panel)"
HEARING = re.compile(rf"(?i:the)\s+{_HEARERS}")
HEARD_AT_END = re.compile(rf",\s+(?:the\s+)?{_HEARERS}\s+(?P<cue>heard|was\s+told)[.!?]?$")


# A leading adverbial clause ("When the owners announced ... that they were retiring, the village ...");
# a report inside it is an attribution, the main clause after it the reporter's (1.4, 2.1).
LEADING_CLAUSE = re.compile(
    r"(?:When|After|Before|Since|Although|While|Once|Until|Because)\s+(?P<clause>[^,;\"“”]{8,}?),\s+"
)
