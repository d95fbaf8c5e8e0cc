"""BIO tags of the token-level config: a token is tagged when it overlaps a span."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.dataset.features import LAYERS
from corpus.dataset.tokens import MARKS, SPACE, bio_tags, syntok_tokens, tokenize

TOKENS = [(0, 3), (4, 9), (10, 14), (15, 17)]  # "The council paid 4m"


def test_a_span_touching_a_token_at_its_edges_only_does_not_tag_it():
    # A span ending exactly where a token starts, or starting where one ends, does not overlap it.
    assert bio_tags(TOKENS, [(4, 10)]) == ["O", "B", "O", "O"]
    assert bio_tags(TOKENS, [(9, 14)]) == ["O", "O", "B", "O"]


def test_a_span_over_several_tokens_begins_once_and_two_spans_each_begin():
    assert bio_tags(TOKENS, [(0, 14)]) == ["B", "I", "I", "O"]
    assert bio_tags(TOKENS, [(0, 3), (10, 17)]) == ["B", "O", "B", "I"]


# The fast path of tokenize must give syntok's tokens exactly: chunks of every kind it tells apart
# (plain runs, marks around them, "...", apostrophes, hyphens, lower-upper, Latin-1 and other
# letters, every separator syntok knows and those it does not).
PIECES = [
    *"aAzZ09 .,;:-_'\"()[]{}!?$%&*/\\@#",
    "...",
    "n't",
    "'s",
    *"\u00e9\u00c9\u00df\u00ff\u00d7\u00f7\u00aa\u00ba\u00b2\u00b5\u00bd",  # Latin-1: letters, signs, alnum others
    *"\u2019\u00b4\u02bc\u02b9\u2032\u2018\u201c\u201d\u00ab\u00bb\u2014\u2013\u2026\u20ac\u00a3\u00b0",
    *"\u00a0\u200b\u2009\u3000\x1c\x1f\t\n\r\x85\ufeff",  # separators syntok has, and some it has not
    *"\u0394\u03b4\u01c5\u0660\u00ad\u2010\u30a0\u0301",
    "\U0001f600",
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_tokenize_gives_syntoks_tokens_and_offsets(text):
    assert tokenize(text) == syntok_tokens(text)


def test_tokenize_on_news_sentences():
    for text in [
        "The figure rose to about 69.3 million euros by July 18, 2016, according to the U.S. ministry.",
        "\u201cWe won\u2019t,\u201d said O\u2019Brien \u2014 the well-known CEO of iPhone-maker X (ret.)...",
        "Critics say the defence ministry has not published how it counts farms...",
        "  leading and trailing space  ",
        "",
        "   ",
        "Caf\u00e9 \u00c9cole \u00dcBER stra\u00dfe 1,000 2.5% 19-year-old rock'n'roll 5G aB a.B ...and",
    ]:
        assert tokenize(text) == syntok_tokens(text), text


def test_the_separators_are_syntoks():
    # SPACE is written out for re; syntok's chunks are separated by the regex module's \s and \u200b.
    import regex

    ours, theirs = re.compile(f"[{SPACE}]"), regex.compile(r"[\s\u200b]")
    assert [c for c in map(chr, range(0x110000)) if bool(ours.match(c)) != bool(theirs.match(c))] == []
    assert not any(c.isalnum() or theirs.match(c) for c in re.sub(r"\\?(.)-\\?(.)", "", MARKS))
    for low, high in re.findall(r"\\?(.)-\\?(.)", MARKS):
        assert not any(chr(c).isalnum() or theirs.match(chr(c)) for c in range(ord(low), ord(high) + 1))


def loop_bio_tags(token_spans, spans):
    """The tags as the first version made them, token by token for each span (the reference)."""
    tags = ["O"] * len(token_spans)
    for start, end in sorted(spans):
        first = True
        for i, (a, b) in enumerate(token_spans):
            if a < end and start < b:
                if tags[i] == "O":
                    tags[i] = "B" if first else "I"
                first = False
    return tags


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=14).map("".join),
    st.lists(st.tuples(st.integers(0, 20), st.integers(0, 8)), max_size=4),
)
def test_bio_tags_of_tokens_in_text_order_are_the_tags_token_by_token(text, spans):
    _, starts, ends = tokenize(text)
    tokens = list(zip(starts, ends, strict=True))
    spans = [(start, start + length) for start, length in spans]
    assert bio_tags(tokens, spans) == loop_bio_tags(tokens, spans)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
            st.lists(
                st.tuples(st.sampled_from(LAYERS), st.integers(0, 20), st.integers(0, 8), st.booleans()), max_size=5
            ),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_token_columns_give_the_table_of_the_rows_token_row_makes(sentences):
    """The tokens config built as columns is the table its rows would have made, ids for tags included."""
    import pyarrow as pa

    from corpus.dataset.features import config_features
    from corpus.dataset.parquet import ParquetSink
    from corpus.dataset.tokens import TokenColumns, token_row

    sink = ParquetSink(Path("unused"), "tokens", config_features()["tokens"])
    columns, rows = TokenColumns(), []
    for n, (text, spans) in enumerate(sentences):
        sentence = {"id": f"s{n}", "doc_id": f"d{n % 3}", "text": text}
        merged = {
            "spans": [
                {"label": label, "start": start, "end": start + length, "in_context": in_context}
                for label, start, length, in_context in spans
            ]
        }
        columns.add(sentence, merged)
        rows.append(token_row(sentence, merged))
    assert len(columns) == len(rows)
    assert columns.table(sink.schema).equals(sink.table([pa.RecordBatch.from_pylist(rows, schema=sink.named)]))
