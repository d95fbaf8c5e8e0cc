"""The card's licence is derived from the documents' licences and never claims one that some
document does not carry."""

from __future__ import annotations

from corpus.dataset.build import BuildStats
from corpus.dataset.card import hub_licence


def stats(*licences: str | None) -> BuildStats:
    return BuildStats(documents=[{"id": f"d{n}", "license": licence} for n, licence in enumerate(licences)])


def test_one_licence_carried_by_every_document_is_the_cards():
    assert hub_licence(stats("CC0-1.0", "CC0-1.0")) == "cc0-1.0"


def test_a_document_without_a_licence_or_two_licences_make_it_other():
    assert hub_licence(stats("CC0-1.0", None, "CC0-1.0")) == "other"
    assert hub_licence(stats("CC0-1.0", "CC-BY-4.0")) == "other"


def test_the_publisher_can_say_better():
    assert hub_licence(stats("CC0-1.0", None), "cc-by-4.0") == "cc-by-4.0"
