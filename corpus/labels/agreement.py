"""Inter-annotator agreement: span-level F1 between annotators, Krippendorff's alpha."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any

import numpy as np


def span_f1_by_label(annotations: list[dict[str, Any]], labels: list[str]) -> dict[str, dict[str, float | int | None]]:
    """Pairwise exact-match span F1 between annotators of the same sentence, per label.

    Micro-averaged over every pair of annotators on every sentence: F1 = 2·matches / (spans of
    one + spans of the other). ``pairs`` counts annotator pairs that had a chance to agree.
    """
    by_sentence: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in annotations:
        by_sentence[a["sentence_id"]].append(a)
    totals = {label: [0, 0, 0] for label in labels}  # matches, spans, pairs
    for group in by_sentence.values():
        for a, b in combinations(group, 2):
            if a["annotator"] == b["annotator"]:
                continue
            for label in labels:
                sa = {tuple(s[1:]) for s in a["spans"] if s[0] == label}
                sb = {tuple(s[1:]) for s in b["spans"] if s[0] == label}
                totals[label][0] += 2 * len(sa & sb)
                totals[label][1] += len(sa) + len(sb)
                totals[label][2] += 1
    return {
        label: {"f1": (matches / spans) if spans else None, "pairs": pairs}
        for label, (matches, spans, pairs) in totals.items()
    }


def krippendorff_alpha(annotations: list[dict[str, Any]], field: str, values: list[str]) -> float | None:
    """Krippendorff's alpha (nominal) for a sentence-level label; None without enough overlap."""
    import krippendorff

    annotators = sorted({a["annotator"] for a in annotations})
    units = sorted({a["sentence_id"] for a in annotations})
    if len(annotators) < 2 or not units:
        return None
    row = {name: i for i, name in enumerate(annotators)}
    column = {sid: i for i, sid in enumerate(units)}
    code = {v: i for i, v in enumerate(values)}
    data = np.full((len(annotators), len(units)), np.nan)
    for a in annotations:
        if a.get(field) in code:
            data[row[a["annotator"]], column[a["sentence_id"]]] = code[a[field]]
    paired = (~np.isnan(data)).sum(axis=0) >= 2
    if not paired.any():
        return None
    values_seen = np.unique(data[:, paired][~np.isnan(data[:, paired])])
    if len(values_seen) < 2:
        return 1.0  # perfect agreement on a single value: alpha is undefined, agreement is total
    return float(krippendorff.alpha(reliability_data=data[:, paired], level_of_measurement="nominal"))
