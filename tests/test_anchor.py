"""Labels follow their sentence when the document changes around it (no Label Studio needed)."""

from __future__ import annotations

from corpus.labels.anchor import corrections, reanchor_annotation

OLD = "Title.\n\nMayor Ruiz spoke. The vote was 9 to 4."
NEW = "Title.\n\nA paragraph added later.\n\nMayor Ruiz spoke. The vote was 9 to 4."
SENTENCE = "The vote was 9 to 4."


def test_labels_move_with_their_sentence_when_text_is_inserted_before_it():
    old_start, new_start = OLD.index(SENTENCE), NEW.index(SENTENCE)
    figure = OLD.index("9 to 4")
    record = {
        "sentence_text": SENTENCE,
        "sentence_start": old_start,
        "context_start": OLD.index("Mayor"),
        "spans": [
            {
                "id": "f",
                "label": "FIGURE",
                "in_context": False,
                "doc_start": figure,
                "doc_end": figure + 6,
                "text": "9 to 4",
            },
            {
                "id": "s",
                "label": "SOURCE",
                "in_context": True,
                "doc_start": OLD.index("Mayor Ruiz"),
                "doc_end": OLD.index("Mayor Ruiz") + 10,
                "text": "Mayor Ruiz",
            },
        ],
        "attributions": [],
        "figures": [{"span": "f"}],
    }
    sentence = {"start": new_start, "context_start": NEW.index("Mayor"), "context_before": "Mayor Ruiz spoke. "}
    moved = reanchor_annotation(record, sentence)
    placed = {s["id"]: NEW[s["doc_start"] : s["doc_end"]] for s in moved["spans"]}
    assert placed == {"f": "9 to 4", "s": "Mayor Ruiz"}
    assert moved["sentence_start"] == new_start and moved["unplaced"] == 0


def test_a_corrected_sentence_is_paired_with_its_new_version_and_a_rewritten_one_is_not():
    gone = [("d#1", "d", "The vote was 9 to 4."), ("d#2", "d", "Rain fell all day on the town.")]
    current = [("d#3", "d", "The vote was 10 to 3."), ("d#4", "d", "Ministers met in the capital on Monday.")]
    (correction,) = corrections(gone, current)
    assert (correction.old_id, correction.new_id) == ("d#1", "d#3")
    assert corrections(gone, [("e#1", "e", "The vote was 10 to 3.")]) == []  # another document
