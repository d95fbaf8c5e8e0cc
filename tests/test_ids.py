"""Document and sentence ids: stable keys, never a blank one."""

from __future__ import annotations

from corpus.ids import document_key, sentence_id, text_revision


def test_a_blank_input_id_is_not_an_id_the_url_or_path_is_used():
    assert document_key("Some text.", id="  ", url="https://example.org/a") == ("https://example.org/a", "url")
    assert document_key("Some text.", id="", path="news/a.txt") == ("news/a.txt", "path")
    assert document_key("Some text.", id=None) == (text_revision("Some text."), "text")
    assert document_key("Some text.", id=0) == ("0", "id")  # a real id, even a falsy one


def test_a_sentence_id_survives_white_space_changes_but_not_word_changes():
    assert sentence_id("doc", "The vote was 9 to 4.") == sentence_id("doc", "The  vote was\n9 to 4.")
    assert sentence_id("doc", "The vote was 9 to 4.") != sentence_id("doc", "The vote was 10 to 3.")
