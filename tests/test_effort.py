"""The annotator-effort action model, on units worked out by hand, and the gold reader."""

from __future__ import annotations

import pytest

from corpus.labels.effort import GoldError, read_gold, unit_effort
from corpus.schema import label_set

L = label_set()
TEXT = "The council spent 4 million euros, its treasurer said."


def span(region, label, start, end, in_context=False):
    return {"id": region, "label": label, "in_context": in_context, "start": start, "end": end, "text": TEXT[start:end]}


def gold():
    content, source, cue, fig = (TEXT.index(t) for t in ("The council", "its treasurer", "said", "4 million"))
    return {
        "spans": [
            span("c", L.content, content, TEXT.index(",")),
            span("s", L.source, source, source + len("its treasurer")),
            span("q", L.cue, cue, cue + 4),
            span("f", L.figure, fig, fig + len("4 million euros")),
        ],
        "figures": [{"span": "f", "value": 4e6, "upper": None, "unit": "EUR", "kind": "money", "approx": "exact"}],
        "attributions": [{"content": "c", "source": "s", "cue": "q", "type": "indirect", "zero_source": False}],
        "checkworthy": L.checkworthy_label("checkworthy"),
    }


def test_a_perfect_prediction_needs_nothing_and_an_empty_one_everything():
    perfect = unit_effort(gold(), gold())
    assert sum(perfect.needed.values()) == 0 and perfect.saved() == 1.0
    empty = unit_effort(gold(), None)
    # 4 spans x 2, the figure's 4 fields, a typed relation 2 + an untyped one 1, one key: 16.
    assert empty.from_nothing == {"figures": 2 + 4, "attributions": 3, "spans": 6, "checkworthy": 1}
    assert empty.needed == empty.from_nothing and empty.saved() == 0.0


def test_each_kind_of_correction_costs_what_it_takes_in_label_studio():
    wrong_value = gold()
    wrong_value["figures"][0]["value"] = 4000.0
    assert unit_effort(gold(), wrong_value).needed["figures"] == 1
    extra = gold()
    extra["spans"].append(span("x", L.span_label("claim"), 0, 3))
    assert unit_effort(gold(), extra).needed == {"figures": 0, "attributions": 0, "spans": 1, "checkworthy": 0}
    untyped = gold()
    untyped["attributions"][0]["type"] = "direct"
    assert unit_effort(gold(), untyped).needed["attributions"] == 1  # the type only
    no_relation = gold()
    no_relation["attributions"] = []
    assert unit_effort(gold(), no_relation).needed["attributions"] == 3  # draw + type, and the cue's link
    other_class = gold()
    other_class["checkworthy"] = L.checkworthy_label("non_factual")
    assert unit_effort(gold(), other_class).needed["checkworthy"] == 1


def test_deleting_a_wrong_span_deletes_its_relations_with_it():
    misplaced = gold()
    misplaced["spans"][1] = span("s", L.source, 0, 3)  # a SOURCE on "The", linked to the CONTENT
    needed = unit_effort(gold(), misplaced).needed
    # delete the wrong SOURCE (1) and draw the right one (2); the relation is drawn and typed (2),
    # the wrong relation went with its span (0).
    assert (needed["spans"], needed["attributions"]) == (3, 2)


def test_the_gold_reader_places_spans_and_names_a_bad_line(tmp_path):
    path = tmp_path / "gold.txt"
    path.write_text(
        "== article: a.txt\n\nT: Fell said 40 homes flooded.\nR: body\nW: CFS\nM: 40 homes flooded\n"
        "F: 40 | 40 | - | homes | count | exact\nA: Fell | said | 40 homes flooded | indirect\n",
        encoding="utf-8",
    )
    (unit,) = read_gold(path)
    labels = {s["label"]: (s["start"], s["end"]) for s in unit.record["spans"]}
    assert labels[L.span_label("claim")] == labels[L.content] == (10, 26) and labels[L.figure] == (10, 12)
    assert unit.record["attributions"][0]["type"] == "indirect" and unit.record["checkworthy"] == "CFS"
    path.write_text("T: Fell said 40 homes flooded.\nF: 41 | 41 | - | - | count | exact\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"gold.txt:2: '41' is not in"):
        read_gold(path)
