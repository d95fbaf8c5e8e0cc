"""BIO tags of the token-level config: a token is tagged when it overlaps a span."""

from __future__ import annotations

from corpus.dataset.tokens import bio_tags

TOKENS = [(0, 3), (4, 9), (10, 14), (15, 17)]  # "The council paid 4m"


def test_a_span_touching_a_token_at_its_edges_only_does_not_tag_it():
    # A span ending exactly where a token starts, or starting where one ends, does not overlap it.
    assert bio_tags(TOKENS, [(4, 10)]) == ["O", "B", "O", "O"]
    assert bio_tags(TOKENS, [(9, 14)]) == ["O", "O", "B", "O"]


def test_a_span_over_several_tokens_begins_once_and_two_spans_each_begin():
    assert bio_tags(TOKENS, [(0, 14)]) == ["B", "I", "I", "O"]
    assert bio_tags(TOKENS, [(0, 3), (10, 17)]) == ["B", "O", "B", "I"]
