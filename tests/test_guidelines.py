"""The guidelines as versioned text: a version in the document, its hash and its sections; the
decided cases of issue #26 dated in the tables; the history of what was pushed and which
annotations were made before a section last changed (server-free)."""

from __future__ import annotations

import hashlib
import re

import pytest

from corpus.labels import guidelines as g
from corpus.schema import label_set
from corpus.studio import labelconfig
from corpus.studio.project import (
    current_guidelines,
    guidelines_html,
    guidelines_path,
    project_description,
    project_guidelines,
    same_but_hints,
)
from corpus.workspace import Workspace

TEXT = guidelines_path().read_text(encoding="utf-8")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def table_rows(section: str) -> list[list[str]]:
    """The rows of the decided-cases table in a section, cells stripped (header and rule out)."""
    body = TEXT[TEXT.index(f"### {section} Decided cases") :]
    body = body[: body.index("\n#", 1)]
    rows = [line for line in body.splitlines() if line.startswith("| ")]
    assert rows[0] == "| case | decision | example | decided |"
    cells = [[cell.strip() for cell in row.strip().strip("|").split("|")] for row in rows[1:]]
    assert all(len(row) == 4 for row in cells), [row[0] for row in cells if len(row) != 4]
    return cells


def test_the_document_states_its_version_and_the_changelog_starts_with_it():
    found = current_guidelines()
    assert found.version is not None and re.fullmatch(r"\d+\.\d+\.\d+", found.version)
    assert found.sha256 == hashlib.sha256(guidelines_path().read_bytes()).hexdigest()
    changelog = TEXT[TEXT.index("## 7. Changes and decided doubts") :]
    first = next(line for line in changelog.splitlines() if re.match(r"^\| \d+\.\d+\.\d+ \|", line))
    assert first.startswith(f"| {found.version} | ")


@pytest.mark.parametrize("section", ["1.9", "2.1", "3.5", "4.2"])
def test_every_decided_case_is_dated_and_has_a_decision(section):
    rows = table_rows(section)
    assert rows
    for case, decision, _example, decided in rows:
        assert case and decision, case
        assert DATE.match(decided), (case, decided)
    assert any(row[3].startswith("2026-12-04") for row in rows)


# Every open area of issue #26 (and the gold writers' open cases), with words its decided row
# must contain: (table, words that must all be in one row's case or decision).
AREAS = [
    ("2.1", ["predictions", "risk"]),
    ("2.1", ["announced schedule", "company"]),
    ("2.1", ["forecast or estimate held by no one named"]),
    ("4.2", ["private company"]),
    ("1.9", ["complained", "stood by"]),
    ("1.9", ["revised", "target"]),
    ("1.9", ['"being told"', "earlier sentence"]),
    ("2.1", ["apposition", "relative clause"]),
    ("2.1", ["adverbial clause", "own subject"]),
    ("1.9", ["survey", "inside the noun phrase"]),
    ("1.9", ["confidence interval"]),
    ("1.9", ["comparison with an average"]),
    ("1.9", ["continued in a new unit", "more than once"]),
    ("3.5", ["minor unit"]),
    ("3.5", ["shared by several countries"]),
    ("3.5", ["lakh", "crore"]),
    ("3.5", ["basis points"]),
    ("3.5", ["per population"]),
    ("3.5", ["`above`"]),
    ("3.5", ["`twice`", "how often"]),
    ("3.5", ["`212-km`"]),
    ("3.5", ["month with a day"]),
    ("1.9", ["pledge", "outer attribution"]),
    ("1.9", ["did not respond to questions"]),
    ("2.1", ["apposition", "title, role"]),
    ("3.5", ["`only`", "`just`"]),
    ("3.5", ["for the first time"]),
    ("3.5", ["time zones", "24-hour"]),
    ("1.9", ["title in quotation marks"]),
]


@pytest.mark.parametrize(("section", "words"), AREAS, ids=[" ".join(w) for _, w in AREAS])
def test_each_open_area_is_decided_with_an_example(section, words):
    rows = [r for r in table_rows(section) if all(w in r[0] + " " + r[1] for w in words)]
    assert rows, f"no decided case in {section} with {words}"
    assert any(row[2] or "→" in row[1] for row in rows), "an example"
    assert any("2026-12-04" in row[3] for row in rows), "decided when the issue asked"


# What both fresh readers of pilot round 3 (A and B, guidelines 3.0.0) named as unclear, decided in
# 3.1.0: (table, words that must all be in one row's case or decision).
ROUND3 = [
    ("1.9", ["place or a time", "stance verb"]),
    ("1.9", ["verbless CONTENT", "no CLAIM"]),
    ("1.9", ["`forecasts`", "noun phrase"]),
    ("1.9", ["`were told of`", "medium"]),
    ("1.9", ["`which he said`", "nested"]),
    ("1.9", ["participle", "SOURCE"]),
    ("1.9", ["request or appeal for an amount"]),
    ("2.1", ["a restrictive relative clause", "participle"]),
    ("2.1", ["evaluative verdict"]),
    ("2.1", ["next step", "does not speak for it"]),
    ("2.1", ["`when`", "after a date", "`since`"]),
    ("2.1", ["present progressive"]),
    ("2.1", ["connectives", "`Under the budget,`"]),
    ("3.5", ["mass noun"]),
    ("3.5", ["country of a shared currency"]),
    ("3.5", ["list of dates", "repeated"]),
    ("3.5", ["confidence level"]),
    ("3.5", ["frequency"]),
    ("3.5", ["`its first week`"]),
    ("4.2", ["decision without a figure", "schedule"]),
    ("4.2", ["culture"]),
    ("4.2", ["study's method"]),
    # Named by both readers C and D (guidelines 3.1.0), decided in 3.2.0.
    ("1.9", ['teller "named in the context"']),
    ("4.2", ["stakeholder's claim", "dates, times or durations"]),
    ("4.2", ["order or a decision that adds a service"]),
    ("4.2", ["public appeal without an amount"]),
]


# Named by both readers E and F of pilot round 4 (guidelines 3.2.0, new units), decided in 3.3.0.
ROUND4 = [
    ("1.9", ["`met`", "`wrote to`", "`told`"]),
    ("1.9", ["another party's stance"]),
    ("1.9", ["indirect report", "same speaker"]),
    ("1.9", ["`A survey of 300 farms, which found that ...`"]),
    ("1.9", ["time or place phrase", "survey's"]),
    ("1.9", ["`protested`", "no object"]),
    ("2.1", ["coordinated `that` clauses", "gapped clause"]),
    ("2.1", ["participle apposition"]),
    ("2.1", ["condition after a forecast"]),
    ("2.1", ["`when` clause after an amount"]),
    ("2.1", ["rhetoric", "factual core"]),
    ("2.1", ["present fact for granted"]),
    ("2.1", ["`target`", "aim"]),
    ("2.1", ["only amount is a verb"]),
    ("3.5", ["range of dates with days"]),
    ("3.5", ["days counted"]),
    ("4.2", ["move production"]),
    ("4.2", ["disclosure practice"]),
    ("4.2", ["two frequencies"]),
    ("4.2", ["question 3's claim", "no figure"]),
    ("4.2", ["counted number of people"]),
    ("4.2", ["scene-setting", "population figure"]),
]


# Named by both readers G and H (guidelines 3.3.0, round 4's units) and by both readers I and J
# (guidelines 3.3.0, pilot round 5's ordinary copy), decided in 3.4.0.
ROUND5 = [
    ("1.9", ["`The court was told ...`", "context"]),
    ("1.9", ["`backed`", "meeting"]),
    ("1.9", ["`announced`", "noun phrase", "plea"]),
    ("1.9", ["object of a stance verb"]),
    ("1.9", ["`whose`"]),
    ("2.1", ["noun apposition", "participle"]),
    ("2.1", ["restrictive relative clause of a factual clause"]),
    ("2.1", ["what a decision pays for"]),
    ("2.1", ["a cause, an effect or a harm"]),
    ("2.1", ["a feeling", "a fact"]),
    ("2.1", ["adverbial", "forecast", "requirement"]),
    ("2.1", ["participle clause at the end"]),
    ("3.5", ["`a day or two`", "decade of age"]),
    ("3.5", ["points", "exam"]),
    ("3.5", ["`300 head of cattle`"]),
    ("3.5", ["`four-wheel-drive`"]),
    ("3.5", ["`the first bills`", "ordinal before a number"]),
    ("3.5", ["earlier sentence of the article"]),
    ("3.5", ["minor unit of any currency"]),
    ("4.2", ["keeps them"]),
    ("4.2", ["takes for granted"]),
    ("4.2", ["attended"]),
    ("4.2", ["public emergency"]),
    ("4.2", ["a harm or a comparison"]),
    ("4.2", ["presupposed"]),
    ("4.2", ["promotions"]),
]
# Named by both readers K and L (guidelines 3.4.0, round 5's units) and by both readers M and N
# (guidelines 3.4.0, pilot round 6's ordinary copy), decided in 3.5.0.
ROUND6 = [
    ("1.9", ["next sentence", "`The court heard that ...`"]),
    ("1.9", ["no row names", "`credited X to Y`"]),
    ("1.9", ["relative pronoun", "`..., which the firm blamed on a storm`"]),
    ("2.1", ["`with` + a subject + a participle"]),
    ("2.1", ["stock phrase", "figure of speech"]),
    ("2.1", ["appeal or a request", "deeds, not words"]),
    ("2.1", ["an effect, a degree or a feeling"]),
    ("2.1", ["`planned to`"]),
    ("2.1", ["who speaks for a party"]),
    ("2.1", ["`during which`"]),
    ("3.5", ["an amount or a pick"]),
    ("3.5", ["`mid-2027`"]),
    ("3.5", ["range of months with no year"]),
    ("3.5", ["century"]),
    ("3.5", ["`a third`, `a fourth`"]),
    ("3.5", ["`her first priorities`"]),
    ("3.5", ["a fused age"]),
    ("3.5", ["`fewer than`", "difference"]),
    ("4.2", ["account of an offence"]),
    ("4.2", ["people counted in background"]),
    ("4.2", ["factual apposition", "review"]),
    ("4.2", ["emergency service"]),
    ("4.2", ["until a check"]),
    ("4.2", ["direction or a rank"]),
]
# Named by both readers O and P (guidelines 3.5.0, round 6's units) and by both readers Q and R
# (guidelines 3.5.0, pilot round 7's ordinary copy), decided in 3.6.0.
ROUND7 = [
    ("1.9", ["`found that`", "ruling"]),
    ("1.9", ["free relative"]),
    ("1.9", ["`Not everyone`"]),
    ("2.1", ["`with`", "main clause is no CLAIM"]),
    ("2.1", ["participle with a figure", "opinion"]),
    ("2.1", ["`credited X to Y`", "amount"]),
    ("2.1", ["deliberating"]),
    ("2.1", ["officer's"]),
    ("2.1", ["degree word", "reporter's own factual clause"]),
    ("2.1", ["apposition of a review"]),
    ("2.1", ["`because` clause after a belief"]),
    ("3.5", ["`in the morning`"]),
    ("3.5", ["`20 working days`", "coordinated nouns"]),
    ("3.5", ["seasons counted as events"]),
    ("3.5", ["`14-million-euro`"]),
    ("3.5", ["gap between two counts"]),
    ("3.5", ["`units` after a count"]),
    ("4.2", ["loss stated without an amount"]),
    ("4.2", ["over a season or a day"]),
    ("4.2", ["civil case"]),
    ("4.2", ["small firm's own figures"]),
    ("4.2", ["reserved for buses"]),
    ("4.2", ["negative fact"]),
]
# Named by both readers S and T (guidelines 3.6.0, pilot round 8's ordinary copy), decided in 3.7.0.
ROUND8 = [
    ("1.9", ["`raised concerns about`"]),
    ("1.9", ["`although` clause", "end of an attributed stretch"]),
    ("1.9", ["`No deaths were reported`"]),
    ("1.9", ["`blamed X` with no `on Y`"]),
    ("2.1", ["`could` or `may` with a date"]),
    ("2.1", ["factual predicate and an intention"]),
    ("2.1", ["metaphor", "hyperbole"]),
    ("2.1", ["verbless phrase after a comma"]),
    ("2.1", ["temporal `since`", "superlative"]),
    ("2.1", ["reporter's `X plans to`"]),
    ("3.5", ["name of a tier"]),
    ("3.5", ["`twice-weekly`"]),
    ("3.5", ["`three generations`", "`a decade`"]),
    ("3.5", ["`start at`"]),
    ("4.2", ["harms named without a figure"]),
    ("4.2", ["decision that adds", "operational details"]),
]
# Round 9 (readers U and V, 3.8.0, new ordinary copy): the 12 rules both named, decided in 3.9.0.
ROUND9 = [
    ("1.9", ["`reported` + a noun phrase that holds a body's own figure"]),
    ("1.9", ["`X said A and Y reported B`"]),
    ("1.9", ["a trailing `according to`"]),
    ("1.9", ["`confirmed` + a noun phrase that names a decision"]),
    ("2.1", ["`ready to`", "on a condition"]),
    ("2.1", ["a result clause with `so`"]),
    ("2.1", ["can or cannot afford or bear"]),
    ("2.1", ["a clause after `said` with `as` that tells news"]),
    ("3.5", ["`dollars` with no country named"]),
    ("4.2", ["money owed or a safety record"]),
    ("4.2", ["a past rise or fall of prices"]),
    ("4.2", ["announced check or review"]),
    ("4.2", ["capacity or entries of one public event"]),
]
# Round 10 (readers W and X, 3.9.0, new ordinary copy): the rules both named, decided in 3.10.0.
ROUND10 = [
    ("1.9", ["`threaten`, `threatened` + an act"]),
    ("1.9", ["a document that asks or urges"]),
    ("1.9", ["a comparison after an `X said` in the middle"]),
    ("1.9", ["`with` + a subject + `saying`"]),
    ("2.1", ["an absolute negative said by someone affected"]),
    ("2.1", ["`helped`, `struggled`"]),
    ("2.1", ["a factual `when` clause after a time"]),
    ("2.1", ["temporal `since` + a clause after a state"]),
    ("3.5", ["`first` before a noun that is one of a sequence"]),
    ("4.2", ["whom it speaks for"]),
    ("4.2", ["a distance or a journey that a closure"]),
    ("4.2", ["a request or a decision that asks, stating a rate"]),
]
# Round 3's units again (readers Y and Z, 3.10.0): the rules both named, decided in 3.11.0.
ROUND3_AGAIN = [
    ("1.9", ["`X expects` + another's outcome"]),
    ("1.9", ["not in the context shown"]),
    ("2.1", ["says when or where the words were said"]),
    ("2.1", ["a risk level stated by an official body"]),
    ("3.5", ["a time part after an amount"]),
    ("4.2", ["finding and how it was made in one CLAIM"]),
    ("4.2", ["an official body's risk level with no figure"]),
]
# Round 11 (readers AA and AB, 3.11.0, new ordinary copy): the rules both named, decided in 3.12.0.
ROUND11 = [
    ("1.9", ["a reduced passive of reporting"]),
    ("1.9", ["an object that lists causes"]),
    ("1.9", ["a negated act of telling"]),
    ("2.1", ["a verb of success or endurance"]),
    ("2.1", ["`every` + a period"]),
    ("2.1", ["a reporting verb as the second predicate"]),
    ("2.1", ["a group that cannot commit as a body"]),
    ("3.5", ["`degrees Celsius` written out"]),
    ("3.5", ["a population with no counted noun"]),
    ("4.2", ["the features of a public facility"]),
    ("4.2", ["a change stated with no amount"]),
]
# Round 12 (readers AC and AD, 3.12.1, new ordinary copy): the rules both named, decided in 3.13.0.
ROUND12 = [
    ("2.1", ["a named act that did not happen"]),
    ("2.1", ["`can` + an amount"]),
    ("2.1", ["a `with` phrase with a number between commas"]),
    ("2.1", ["a factual clause inside the subject of an opinion"]),
    ("3.5", ["numbers of different things or units"]),
    ("3.5", ["standard name of a product grade"]),
    ("3.5", ["a group's total with no counted noun"]),
    ("4.2", ["when it is the reported claim itself"]),
    ("4.2", ["a duration that bears on public money"]),
]
# Round 13 (readers AE and AF, 3.13.0, new ordinary copy): the rules both named, decided in 3.14.0.
ROUND13 = [
    ("2.1", ["inside a restrictive relative clause or a modifier with no commas"]),
    ("2.1", ["a body's `offered to`, `proposed to`"]),
    ("2.1", ["a stakeholder's legal characterisation"]),
    ("2.1", ["an effect judged by degree that accounts could partly show"]),
    ("2.1", ["`could` + an amount in a projection"]),
    ("4.2", ["a comparison with no amount and one side named"]),
    ("4.2", ["a clock time or a schedule that is a working condition"]),
    ("4.2", ["the size of a public service"]),
]
# Round 14 (readers AG and AH, 3.14.0, new ordinary copy): the rules both named, decided in 3.15.0.
ROUND14 = [
    ("1.9", ["`described` + a gerund phrase"]),
    ("1.9", ["an `as` clause after an `X said` in the middle of the sentence"]),
    ("1.9", ["a stance noun with nothing said after it"]),
    ("2.1", ["a denial of a reported fact"]),
    ("2.1", ["an official's `is ...ing` of attention"]),
    ("2.1", ["a gapped clause that leaves out the verb and the head of its subject"]),
    ("2.1", ["`enough` in a statement of stocks"]),
    ("3.5", ["a place in a queue"]),
    ("4.2", ["`serves N`"]),
    ("4.2", ["someone who does not speak for a public body"]),
]
# Round 15 (readers AI and AJ, 3.15.0, new ordinary copy): the rules both named, decided in 3.16.0.
ROUND15 = [
    ("1.9", ["a purpose phrase after an `X said`"]),
    ("2.1", ["`seeks to`, `aims to`"]),
    ("2.1", ["an absolute negative about being consulted with a clause of time"]),
    ("2.1", ["for the speaker's own current, literal act"]),
    ("2.1", ["an individual's own announced step with a date"]),
    ("3.5", ["a hedge that qualifies the noun the number measures"]),
    ("4.2", ["being refused or turned away by a public service"]),
]
# Round 16 (readers AK and AL, 3.16.0, new ordinary copy): the rules both named, decided in 3.17.0.
ROUND16 = [
    ("1.9", ["a participle phrase of consequence"]),
    ("1.9", ["`counts` + a number in a clause on a body"]),
    ("1.9", ["`citing` + a noun phrase after a deed"]),
    ("1.9", ["`warned against`"]),
    ("2.1", ["a forecast whose only time is a season or a relative date"]),
    ("2.1", ["a metaphor of direction with no amount"]),
    ("2.1", ["a state with no amount"]),
    ("2.1", ["coordinated `that` clauses under a nested cue"]),
    ("2.1", ["a quantifier or degree word with no amount"]),
    ("3.5", ["a plural of a period used as a vague amount"]),
    ("3.5", ["a conversion in brackets"]),
    ("4.2", ["neither adds nor takes away"]),
]
# Round 17 (readers AM and AN, 3.17.0, new ordinary copy): the rules both named, decided in 3.18.0.
ROUND17 = [
    ("1.9", ["whose object holds an amount that is not money"]),
    ("1.9", ["a stance noun split from its verb"]),
    ("2.1", ["`can` + a general effect"]),
    ("2.1", ["kept within a permit"]),
    ("3.5", ["a unit of measure built with `per`"]),
    ("3.5", ["two numbers joined by `or`"]),
    ("3.5", ["counts what happens to one of a body's own counted set"]),
    ("4.2", ["a harm to the environment"]),
    ("4.2", ["a rate of service of a public service on its own"]),
]
# Round 18 (readers AO and AP, 3.18.0, new ordinary copy): the rules both named, decided in 3.19.0.
ROUND18 = [
    ("1.9", ["stance verbs as participles with `by X`"]),
    ("1.9", ["a `since` clause after a stance verb's object"]),
    ("2.1", ["`seek` + a noun"]),
    ("2.1", ["`can` with an effect judged by degree"]),
    ("2.1", ["for a body's own recurring, literal experience"]),
    ("2.1", ["a vague share or degree of a quantity on record"]),
    ("2.1", ["a family detail in an apposition"]),
    ("2.1", ["a stock phrase of a coming step"]),
    ("3.5", ["`a first step`"]),
    ("3.5", ["`both`"]),
    ("4.2", ["a stakeholder's rising costs"]),
    ("4.2", ["given as evidence of a harm"]),
    ("4.2", ["a journey time people must now take"]),
]
# Cases the rules 3.13.0 met in the effort sets that no row named (3.20.0).
RULES_3_13 = [
    ("1.9", ["`called for` + a noun phrase"]),
    ("1.9", ["`admitted`, `denied` + a gerund phrase"]),
    ("1.9", ["a request with no asker named"]),
    ("1.9", ["a relative clause after a stance verb's object"]),
    ("1.9", ["`saying` + a clause after a deed"]),
    ("3.5", ["`over` before an amount that names a case"]),
]
DECIDED = [
    (section, words, "2026-12-05")
    for section, words in (
        ROUND3
        + ROUND4
        + ROUND5
        + ROUND6
        + ROUND7
        + ROUND8
        + ROUND9
        + ROUND10
        + ROUND3_AGAIN
        + ROUND11
        + ROUND12
        + ROUND13
    )
] + [(section, words, "2026-12-06") for section, words in ROUND14 + ROUND15 + ROUND16 + ROUND17 + ROUND18 + RULES_3_13]


@pytest.mark.parametrize(("section", "words", "date"), DECIDED, ids=[" ".join(w) for _, w, _ in DECIDED])
def test_each_rule_both_readers_of_a_pilot_round_named_is_decided_with_an_example(section, words, date):
    rows = [r for r in table_rows(section) if all(w in r[0] + " " + r[1] for w in words)]
    assert len(rows) == 1, f"{len(rows)} decided cases in {section} with {words}"
    assert "→" in rows[0][2], "an example with its labels"
    assert rows[0][3] == date


def test_sections_have_ids_titles_and_their_own_hashes():
    found = g.parse(TEXT)
    assert found.sha256 == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    titles = found.titles()
    assert (
        titles["1.4"].startswith("CONTENT") and titles["3.5"] == "Decided cases" and titles["5"].startswith("Comment")
    )
    assert {"1", "1.9", "2", "2.1", "3", "3.3", "4", "4.2", "5", "6", "7"} <= set(titles)
    assert "the-screen-and-the-keys" in found.sections and g.TOP in found.sections
    assert found.section_of("3.3.2") is found.sections["3.3"] and found.section_of("12") is None
    # Change one decided case: only its section's hash changes (and the file's).
    edited = g.parse(TEXT.replace("| basis points |", "| basis points (bps) |"))
    assert edited.sha256 != found.sha256
    assert g.changed_sections(found.stamp()["sections"], edited.stamp()["sections"]) == ["3.5"]
    # A heading inside a fenced block is text, not a section.
    fenced = g.parse("**Version 1.0.0**\n\n## 1. A\n\n```\n## 2. not a heading\n```\n")
    assert fenced.version == "1.0.0" and list(fenced.sections) == [g.TOP, "1"]


def test_pushed_instructions_and_description_name_version_and_hash():
    found = current_guidelines()
    page = guidelines_html()
    assert page.startswith(f'<p class="corpus-guidelines-version">Guidelines version {found.version}, SHA-256 <code>')
    assert found.short in page and "Annotation guidelines" in page
    description = project_description("k3y")
    assert f"Guidelines {found.version} (sha256 {found.short})." in description
    assert description.endswith("corpus-key:k3y") and "(schema " in description
    assert project_guidelines({"description": description}) == found.version
    assert project_guidelines({"description": "no version here"}) is None


def test_a_config_reworded_in_its_hints_is_not_an_edit():
    config = labelconfig.generate()
    reworded = re.sub(r'(<Label value="CLAIM"[^>]*hint=)"[^"]*"', r'\1"an older wording"', config)
    assert reworded != config and same_but_hints(config, reworded)
    assert not same_but_hints(config, config.replace('value="CLAIM"', 'value="CLAIMS"'))


def history(*entries: tuple[str, str, dict[str, str]]) -> list[dict]:
    return [{"version": v, "sha256": v * 8, "pushed_at": when, "sections": s} for v, when, s in entries]


def test_record_appends_only_a_new_text():
    first = g.parse("**Version 1.0.0**\n\n## 1. A\n\ntext\n")
    recorded = g.record([], first, "2026-12-01T00:00:00+00:00")
    assert recorded is not None and recorded[0]["version"] == "1.0.0" and recorded[0]["sha256"] == first.sha256
    assert set(recorded[0]["sections"]) == {g.TOP, "1"}
    assert g.record(recorded, first, "2026-12-02T00:00:00+00:00") is None
    second = g.parse("**Version 1.1.0**\n\n## 1. A\n\nnew text\n")
    again = g.record(recorded, second, "2026-12-02T00:00:00+00:00")
    assert again is not None and [e["version"] for e in again] == ["1.0.0", "1.1.0"]


def test_version_at_and_section_since():
    h = history(
        ("1.0.0", "2026-12-01T00:00:00+00:00", {"1.4": "a", "3.5": "x", "5": "p"}),
        ("1.1.0", "2026-12-02T00:00:00+00:00", {"1.4": "a", "3.5": "y", "5": "p"}),
        ("2.0.0", "2026-12-03T00:00:00+00:00", {"1.4": "b", "3.5": "y", "5": "q", "4.2": "n"}),
    )
    assert g.version_at(h, "2026-11-30T10:00:00Z") is None
    assert g.version_at(h, "2026-12-02T10:00:00.123456Z")["version"] == "1.1.0"  # Label Studio's form
    assert g.version_at(h, "2026-12-03T00:00:00+00:00")["version"] == "2.0.0"
    assert g.version_at(h, None) is None and g.version_at(h, "not a time") is None
    assert g.section_since(h, "3.5") == "2026-12-02T00:00:00+00:00"
    assert g.section_since(h, "1.4") == "2026-12-03T00:00:00+00:00"
    assert g.section_since(h, "4.2") == "2026-12-03T00:00:00+00:00"  # new in 2.0.0
    assert g.section_since(h[:1], "3.5") is None  # unchanged since the first push: nothing to tell
    assert g.section_since([], "3.5") is None


def test_outdated_names_the_annotations_made_before_a_rule_section_changed():
    h = history(
        ("1.0.0", "2026-12-01T00:00:00+00:00", {"1.4": "a", "3.5": "x", "5": "p"}),
        ("1.1.0", "2026-12-02T00:00:00+00:00", {"1.4": "a", "3.5": "y", "5": "q"}),
    )
    records = [
        {"id": "ls-1-1", "updated_at": "2026-12-01T12:00:00Z", "created_at": "2026-12-01T11:00:00Z"},
        {"id": "ls-1-2", "updated_at": None, "created_at": "2026-12-01T13:00:00Z"},
        {"id": "ls-1-3", "updated_at": "2026-12-02T12:00:00Z"},  # made under 1.1.0
        {"id": "ls-1-4", "updated_at": None, "created_at": None},  # no time: never counted
    ]
    found = g.outdated(records, h)
    # 3.5 changed on 12-02; section 5 (comments) changed too but decides no label.
    assert found.to_dict() == {
        "annotations": 2,
        "sections": {
            "3.5": {"since": "2026-12-02T00:00:00+00:00", "version": "1.1.0", "annotations": ["ls-1-1", "ls-1-2"]}
        },
    }
    assert found.line() == (
        "2 annotations were made under an older text of a guidelines section changed since: "
        "§3.5 (changed 2026-12-02, version 1.1.0): 2"
    )
    assert g.outdated(records, h[:1]).to_dict() == {"annotations": 0, "sections": {}}
    assert g.outdated(records, []).line().startswith("every annotation")


def test_the_card_states_the_version():
    from corpus.dataset.card import guidelines_version

    assert guidelines_version() == current_guidelines().version


@pytest.mark.studio
def test_push_records_the_guidelines_and_takes_a_reworded_config(ls_env, tmp_path):
    """Each push names the guidelines in the project's instructions and description and keeps their
    history in the workspace; a config that differs only in its hints (the schema's descriptions,
    reworded since) is brought up to date even with annotations, not refused as an edit."""
    from corpus.studio.project import guidelines_history, project_guidelines
    from tests.test_pull import choice
    from tests.test_push import all_tasks, project_id, run

    source = tmp_path / "one.jsonl"
    source.write_text('{"id": "one", "text": "The ferry carried 120 passengers."}\n', encoding="utf-8")
    run("split", str(source), "-o", str(tmp_path / "data"))
    push = ["push", str(tmp_path / "data" / "sentences.jsonl"), "--project", "guidelines-push", "-w", str(tmp_path)]
    run(*push)
    found = current_guidelines()
    pid = project_id(tmp_path, "guidelines-push")
    with ls_env.client() as client:
        project = client.project(pid)
        assert project_guidelines(project) == found.version and found.short in project["description"]
        assert f"Guidelines version {found.version}" in project["expert_instruction"]
        (history,) = guidelines_history(Workspace(tmp_path), "guidelines-push")
        assert history["sha256"] == found.sha256 and history["version"] == found.version
        assert set(history["sections"]) == set(found.sections)
        task = all_tasks(client, pid)[0]
        user = ls_env.create_user("gina")
        cfs = label_set().checkworthy_label("checkworthy")
        client.request(
            "POST",
            f"/api/tasks/{task['id']}/annotations/",
            json={"completed_by": user["id"], "result": [choice("checkworthy", cfs)], "lead_time": 2},
        )
        older = re.sub(r'(<Label value="CLAIM"[^>]*hint=)"[^"]*"', r'\1"an older wording"', labelconfig.generate())
        client.update_project(pid, label_config=older)
    run(*push)  # not refused: only the hints differ
    with ls_env.client() as client:
        assert client.project(pid)["label_config"].strip() == labelconfig.generate().strip()
    assert len(guidelines_history(Workspace(tmp_path), "guidelines-push")) == 1  # same text


def test_a_case_no_row_names_is_decided_in_order_with_a_test_for_each_decision():
    # 3.8.0: before section 1, what decides a case no row names, and when a doubt is still due.
    assert "when-no-row-names-your-case" in g.parse(TEXT).sections

    def between(start: str, end: str) -> str:
        return TEXT[TEXT.index(start) : TEXT.index(end)]

    section = between("## When no row names your case", "## 1. Attribution")
    steps = re.findall(r"^(\d)\. \*\*(.+?)\*\*", section, re.M)
    assert [n for n, _ in steps] == ["1", "2", "3", "4", "5", "6"] and steps[-1][1] == "A doubt"
    assert steps[4][1].startswith("Still two readings")  # a default, so that two annotators take the same reading
    tests = re.findall(r"^- \*\*(.+?)\*\*", section, re.M)
    for decision in ("attribution? (1.1)", "CUE (1.2)", "SOURCE (1.3)", "CONTENT (1.4)", "CLAIM? (2)"):
        assert any(decision in t for t in tests), decision
    assert any("FIGURE? (3.1)" in t for t in tests) and any("Check-worthiness (4)" in t for t in tests)
    # The top of the document and section 5 send a reader there.
    assert "(#when-no-row-names-your-case)" in between("**Version", "## The screen")
    assert "(#when-no-row-names-your-case)" in between("## 5. Comment", "## 6. Hard")
    dateline = [r for r in table_rows("4.2") if "dateline" in r[0]]
    assert len(dateline) == 1 and "→" in dateline[0][2] and "1 NFS" in dateline[0][1]
