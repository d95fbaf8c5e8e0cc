"""Split ratios and the document-level split."""

from __future__ import annotations

import pytest

from corpus.dataset.splits import document_split, parse_ratios
from corpus.errors import OptionError


def test_ratios_must_sum_to_one():
    assert parse_ratios("train=0.8,validation=0.1,test=0.1") == {"train": 0.8, "validation": 0.1, "test": 0.1}
    for bad in ("train=0.8,test=0.1", "train=0.9,test=0.2", "train=1.2,test=-0.2"):
        with pytest.raises(OptionError, match="sum to 1"):
            parse_ratios(bad)


def test_a_document_stays_in_its_split_whatever_the_others():
    ratios = {"train": 0.8, "validation": 0.1, "test": 0.1}
    first = {d: document_split(d, 0, ratios) for d in (f"doc-{n}" for n in range(200))}
    assert first == {d: document_split(d, 0, ratios) for d in reversed(list(first))}
    assert set(first.values()) == set(ratios)
