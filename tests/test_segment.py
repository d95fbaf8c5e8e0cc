"""Sentence boundaries, roles and offsets on the project's own example articles."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.text.segment import _WHITESPACE as BLANK
from corpus.text.segment import split_text
from tests.conftest import EXAMPLES

DATA = Path(__file__).parent / "data"
HARBOUR = (EXAMPLES / "harbour-bridge.txt").read_text(encoding="utf-8")

# Every unit of harbour-bridge.txt with its role, as a reader cuts them (shared with scripts/bench.py).
HARBOUR_STRICT = [
    (unit["role"], unit["text"])
    for unit in map(json.loads, (DATA / "harbour-bridge-units.jsonl").read_text(encoding="utf-8").splitlines())
]


def texts(text: str, **options) -> list[tuple[str, str]]:
    return [(u.role, text[u.start : u.end]) for u in split_text(text, **options)]


def test_strict_mode_splits_at_every_sentence_end_a_reader_would_mark():
    assert texts(HARBOUR, strict=True) == HARBOUR_STRICT


def test_default_keeps_a_multi_sentence_quotation_with_its_attribution():
    default = texts(HARBOUR)
    quote = '"The bridge is safe today. But it will not stay safe without this work. We cannot wait another winter," Okafor told reporters after the vote.'
    assert ("body", quote) in default
    # Everything else is as in strict mode.
    assert len(default) == len(HARBOUR_STRICT) - 2


def test_caption_block_with_an_unknown_agency_credit():
    text = (EXAMPLES / "river-survey.txt").read_text(encoding="utf-8")
    roles = texts(text, strict=True)[:4]
    assert roles == [
        ("title", "Volunteers count fewer salmon in the Wendell river"),
        ("caption_title", "A volunteer measures a salmon at the Wendell river weir"),
        ("caption", "A volunteer measures a salmon at the Wendell river weir near Millbrook, October 12, 2025."),
        ("credit", "Corpus Example Desk"),
    ]


def test_agency_credit_after_two_caption_sentences_and_a_first_caption_block():
    text = (
        "Firefighters at the depot\n"
        "Firefighters work at the depot in Lowtown, May 2, 2024. Picture taken with a drone. REUTERS/Jane Roe\n\n"
        "A fire destroyed the depot, officials said."
    )
    assert texts(text) == [
        ("caption_title", "Firefighters at the depot"),
        ("caption", "Firefighters work at the depot in Lowtown, May 2, 2024."),
        ("caption", "Picture taken with a drone."),
        ("credit", "REUTERS/Jane Roe"),
        ("body", "A fire destroyed the depot, officials said."),
    ]


def test_wrapped_body_lines_are_not_mistaken_for_captions():
    text = "Title line\n\nThe minister said the plan\nwould cost 3 million euros. It starts in May."
    assert texts(text) == [
        ("title", "Title line"),
        ("body", "The minister said the plan\nwould cost 3 million euros."),
        ("body", "It starts in May."),
    ]


def test_abbreviations_initials_decimals_times_and_ellipses():
    text = "Dr. J. R. Smith paid $2.5 million at 10 a.m. on Jan. 5 to the U.S. firm. Prices rose 3.2 percent... then fell. It ended."
    assert [t for _, t in texts(text, first_line_title=False, strict=True)] == [
        "Dr. J. R. Smith paid $2.5 million at 10 a.m. on Jan. 5 to the U.S. firm.",
        "Prices rose 3.2 percent... then fell.",
        "It ended.",
    ]


def test_curly_quotes_over_sentences_stay_together_by_default():
    text = "“We will rebuild. We will not leave,” the mayor said. Work starts today."
    assert [t for _, t in texts(text, first_line_title=False)] == [
        "“We will rebuild. We will not leave,” the mayor said.",
        "Work starts today.",
    ]


PIECES = list("ab Z.!?,\"'“”‘’\n\r\t…") + [
    "\u00a0",
    "\ufeff",
    "😀",
    "𝔘",
    "e\u0301",
    "1.5",
    "U.S.",
    "\n\n",
    "\r\n\r\n",
    "Reuters",
    "Mr.",
]
UNUSUAL = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(UNUSUAL, st.booleans(), st.booleans())
def test_offsets_always_point_at_the_unit_text(text, strict, title):
    units = split_text(text, strict=strict, first_line_title=title)
    previous_end = 0
    for unit in units:
        piece = text[unit.start : unit.end]
        assert piece, unit
        assert piece[0] not in BLANK and piece[-1] not in BLANK, unit
        assert unit.start >= previous_end
        previous_end = unit.end
    # Units cover every visible character, in order: only white space falls between them.
    covered = "".join(text[u.start : u.end] for u in units)
    visible = lambda s: "".join(c for c in s if c not in BLANK)
    assert visible(covered) == visible(text)


def strict(text: str) -> list[str]:
    return [t for _, t in texts(text, first_line_title=False, strict=True)]


def test_addresses_enumerations_pronoun_i_and_ellipses():
    assert strict("Write to desk@example.org. We answer daily.") == ["Write to desk@example.org.", "We answer daily."]
    assert strict("The list is at https://example.org/list.html. It is long.") == [
        "The list is at https://example.org/list.html.",
        "It is long.",
    ]
    assert strict("1) Buy milk 2) Sell bread") == ["1) Buy milk", "2) Sell bread"]
    assert strict("a. First point b. Second point") == ["a. First point", "b. Second point"]
    assert strict("It was the mayor and I. Did anyone else come?") == [
        "It was the mayor and I.",
        "Did anyone else come?",
    ]
    assert strict("The plan was . . . well, unclear. Then it changed.") == [
        "The plan was . . . well, unclear.",
        "Then it changed.",
    ]
    assert strict("It ended. . . . A new era began.") == ["It ended.", ". . . A new era began."]
    # Not an enumeration: the numbers do not open the paragraph.
    assert strict("The vote was 9 to 4. Then 5. people left.")[0] == "The vote was 9 to 4."


def test_iter_sentences_is_strict_and_has_no_title():
    from corpus.text.segment import iter_sentences

    text = 'Title line\n\nThe vote was 9 to 4. "We go. Now," she said. Then Mr. Lee left.'
    assert list(iter_sentences(text)) == [
        "Title line",
        "The vote was 9 to 4.",
        '"We go.',
        'Now," she said.',
        "Then Mr. Lee left.",
    ]


def test_ids_normalise_bom_composition_and_whitespace():
    from corpus.ids import normalise_for_id

    assert normalise_for_id("\ufeffA\u0301  b\n c") == "\u00c1 b c"


def test_abbreviations_and_acronyms_end_a_sentence_only_before_a_usual_sentence_start():
    assert strict("The plant moved to the U.S. It now employs 40 people.") == [
        "The plant moved to the U.S.",
        "It now employs 40 people.",
    ]
    assert strict("The U.S. Senate voted on Tuesday. Gov. Ada Lin signed it.") == [
        "The U.S. Senate voted on Tuesday.",
        "Gov. Ada Lin signed it.",
    ]
    assert strict("Shares of Brill Inc. The group fell. Brill Inc. Chief Executive Lee left.") == [
        "Shares of Brill Inc.",
        "The group fell.",
        "Brill Inc. Chief Executive Lee left.",
    ]
    assert strict("Nurse Jo K. Bell met Rep. Al Moss at 9 a.m. Friday. They talked.") == [
        "Nurse Jo K. Bell met Rep. Al Moss at 9 a.m. Friday.",
        "They talked.",
    ]


def test_a_mistyped_opening_quote_after_the_last_word_closes_the_quotation():
    text = "The mayor said, “The ferry runs again. Tickets are free.“ The council agreed."
    assert strict(text) == ["The mayor said, “The ferry runs again.", "Tickets are free.“", "The council agreed."]
    assert [t for _, t in texts(text, first_line_title=False)] == [
        "The mayor said, “The ferry runs again. Tickets are free.“",
        "The council agreed.",
    ]


def test_omission_brackets_and_citations():
    assert strict('She wrote: "The dam held [...] Nobody was hurt." The river fell.') == [
        'She wrote: "The dam held [...]',
        'Nobody was hurt."',
        "The river fell.",
    ]
    assert strict('"The dam held [...] and the town was safe." (Annual report 12). It was dry.') == [
        '"The dam held [...] and the town was safe." (Annual report 12).',
        "It was dry.",
    ]


def test_image_and_video_credits_after_a_caption_without_a_full_stop():
    text = "Ferry crosses the bay\n\nThe new ferry on its first crossing Image: Harbour Office.\n\nA ferry sails. It is new."
    assert texts(text) == [
        ("title", "Ferry crosses the bay"),
        ("caption", "The new ferry on its first crossing"),
        ("credit", "Image: Harbour Office."),
        ("body", "A ferry sails."),
        ("body", "It is new."),
    ]
    text = "Title\n\nThe opening night of the show. Video: Jo Bell & Al Moss.\n\nThe show opened."
    assert texts(text)[1:3] == [("caption", "The opening night of the show."), ("credit", "Video: Jo Bell & Al Moss.")]


def test_a_dateline_before_a_dash_opens_the_first_body_paragraph_apart():
    def first_units(text: str) -> list[str]:
        return [t for _, t in texts(text)][1:3]

    assert first_units("Ferry returns\n\nPort Alder, Wendell, Freedonia - The ferry runs. It is new.") == [
        "Port Alder, Wendell, Freedonia -",
        "The ferry runs.",
    ]
    assert first_units("Ferry returns\n\nMonday, March 3, 2025 – Tickets are free. It is new.") == [
        "Monday, March 3, 2025 –",
        "Tickets are free.",
    ]
    assert first_units("Ferry returns\n\nPORT ALDER (Corpus Wire) — The ferry runs. It is new.") == [
        "PORT ALDER (Corpus Wire) —",
        "The ferry runs.",
    ]
    # After the date line and a caption, the first paragraph of sentences still may open with it.
    text = "Ferry returns\n\nMonday, March 3, 2025\n\nThe ferry at sea. Image: Jo Bell.\n\nPort Alder, Freedonia - The ferry runs."
    assert [t for _, t in texts(text)][4:] == ["Port Alder, Freedonia -", "The ferry runs."]
    # Not a dateline: no comma, capitals or agency; or a later paragraph.
    assert first_units("Ferry returns\n\nJo Bell - The captain - sailed. It was calm.")[0] == (
        "Jo Bell - The captain - sailed."
    )
    later = "Ferry returns\n\nThe ferry runs.\n\nPort Alder, Freedonia - The town cheered."
    assert [t for _, t in texts(later)][-1] == "Port Alder, Freedonia - The town cheered."


def _roles(text: str) -> list[tuple[str, str]]:
    return [(u.role, text[u.start : u.end]) for u in split_text(text)]


def test_a_credit_after_a_phrase_that_only_looks_like_one_is_still_found():
    text = "Title\n\nRescue in the valley\nRescuers lift a boy from the river near the Photo by drone Photo: Ann Lee\n\nBody."
    assert ("credit", "Photo: Ann Lee") in _roles(text)
    assert ("caption", "Rescuers lift a boy from the river near the Photo by drone") in _roles(text)


def test_a_number_ending_a_sentence_is_not_a_list_marker():
    # "1." here ends a sentence: the next one starts after it.
    assert _roles("Title\n\nHe finished 1. The others came later.")[1:] == [
        ("body", "He finished 1."),
        ("body", "The others came later."),
    ]


def test_a_list_whose_items_are_paragraphs_keeps_each_number_with_its_item():
    # One marker per paragraph: never a lone "1." unit for an annotator to skip.
    text = "Title\n\n1. Residents will pay more from April. The council agreed.\n\n2. Bins go fortnightly."
    assert _roles(text)[1:] == [
        ("body", "1. Residents will pay more from April."),
        ("body", "The council agreed."),
        ("body", "2. Bins go fortnightly."),
    ]
