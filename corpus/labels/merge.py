"""The merged (adjudicated) view of a sentence from its annotations (pure functions).

Whose labels count comes first: an adjudicator's decision (from ``corpus review``) where there is
one, then a ground-truth annotation where one is marked, else every annotator. Among several
annotators each label layer is voted on its own, one vote per annotator (the latest of an account
that submitted twice), and a label is kept only when more than half of them gave it. Nothing is
ever picked from a tie: a check-worthiness choice or a figure field that no value won is left
empty and the layer's method is ``tie``, so a release never presents an unresolved disagreement as
a majority. The methods, per layer and over the sentence:

- ``adjudicated`` / ``ground_truth`` / ``single``: that one annotation decided;
- ``unanimous``: every annotator gave the same labels;
- ``majority``: more than half gave each kept label, and the rest were outvoted;
- ``tie``: something no value won (the tied value is left empty): ``corpus review`` settles it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable
from typing import Any

from corpus.schema import SCHEMA_VERSION, label_set

LAYERS = ("spans", "attributions", "figures", "checkworthy")
FIGURE_FIELDS = ("value", "upper", "unit", "kind", "approx")
DECIDED_BY_ONE = ("adjudicated", "ground_truth", "single")

SpanKey = tuple[Any, ...]
Reading = tuple[set[SpanKey], set[tuple[Any, ...]], dict[SpanKey, tuple[Any, ...]], dict[SpanKey, dict[str, Any]]]


def _span_key(span: dict[str, Any]) -> tuple[Any, ...]:
    return (span["label"], span["in_context"], span["doc_start"], span["doc_end"])


def _ref(span: dict[str, Any] | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"doc_start": span["doc_start"], "doc_end": span["doc_end"], "text": span["text"]}


def _readings(annotation: dict[str, Any]) -> Reading:
    """One annotation as comparable sets: span keys, attribution keys, figure fields by span, spans by key."""
    spans = {s["id"]: s for s in annotation["spans"]}
    span_keys = {_span_key(s) for s in annotation["spans"]}
    attributions: set[tuple[Any, ...]] = set()

    def key(region: str) -> SpanKey | None:
        return _span_key(spans[region]) if region in spans else None

    for a in annotation["attributions"]:
        attributions.add(
            (
                key(a["content"]),
                key(a["source"]) if a["source"] else None,
                key(a["cue"]) if a["cue"] else None,
                a["type"],
                a["zero_source"],
            )
        )
    figures: dict[SpanKey, tuple[Any, ...]] = {}
    for f in annotation["figures"]:
        if f["span"] in spans:
            figures[_span_key(spans[f["span"]])] = tuple(f[name] for name in FIGURE_FIELDS)
    by_key = {_span_key(s): s for s in annotation["spans"]}
    return span_keys, attributions, figures, by_key


def _deciders(
    annotations: list[dict[str, Any]], adjudicated: dict[str, Any] | None
) -> tuple[list[dict[str, Any]], str | None]:
    """Whose labels count, and the method when one annotation decides everything (else None)."""
    truth = [a for a in annotations if a["ground_truth"]]
    if adjudicated is not None:
        return [adjudicated], "adjudicated"
    if truth:
        return [max(truth, key=lambda a: (a["updated_at"] or "", a["id"]))], "ground_truth"
    # One vote per person: an account that submitted twice on a sentence counts with its latest.
    latest: dict[str, dict[str, Any]] = {}
    for annotation in sorted(annotations, key=lambda a: (a["updated_at"] or "", a["id"])):
        latest[annotation["annotator"]] = annotation
    voters = sorted(latest.values(), key=lambda a: a["id"])
    if len(voters) == 1:
        return voters, "single"
    return voters, None


def _set_vote(sets: list[set[Any]]) -> tuple[set[Any], str]:
    """The items more than half of the voters gave, and how the layer was decided."""
    votes: Counter[Any] = Counter(item for items in sets for item in items)
    kept = {item for item, n in votes.items() if n * 2 > len(sets)}
    if all(items == sets[0] for items in sets):
        return kept, "unanimous"
    tied = any(n * 2 == len(sets) for n in votes.values())
    return kept, "tie" if tied else "majority"


def _value_vote(values: Iterable[Hashable]) -> tuple[Any, str]:
    """The value more than half of the voters gave (None and ``tie`` when none did)."""
    given = list(values)
    counts = Counter(given).most_common()
    if len(counts) == 1:
        return counts[0][0], "unanimous"
    if counts and counts[0][1] * 2 > len(given):
        return counts[0][0], "majority"
    return None, "tie"


def _merged_spans(
    kept: set[SpanKey], examples: dict[SpanKey, dict[str, Any]], who: dict[SpanKey, set[str]]
) -> list[dict[str, Any]]:
    return [
        {
            "label": examples[k]["label"],
            "in_context": examples[k]["in_context"],
            "start": examples[k]["start"],
            "end": examples[k]["end"],
            "text": examples[k]["text"],
            "doc_start": k[2],
            "doc_end": k[3],
            "annotators": sorted(who[k]),
        }
        for k in sorted(kept, key=lambda k: (k[2], k[3], k[0]))
    ]


def _merged_attributions(kept: set[tuple[Any, ...]], examples: dict[SpanKey, dict[str, Any]]) -> list[dict[str, Any]]:
    merged = []
    for content, source, cue, kind, zero_source in sorted(kept, key=str):
        if content in examples:
            merged.append(
                {
                    "content": _ref(examples[content]),
                    "source": _ref(examples.get(source)) if source else None,
                    "cue": _ref(examples.get(cue)) if cue else None,
                    "type": kind,
                    "zero_source": zero_source,
                }
            )
    return merged


def _merged_figures(
    kept: set[SpanKey], readings: list[Reading], examples: dict[SpanKey, dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Each kept FIGURE span with its fields voted one by one among those who marked it."""
    figure_label = label_set().figure
    figures, methods = [], []
    for key in sorted(kept, key=lambda k: (k[2], k[3], k[0])):
        if key[0] != figure_label:
            continue
        given = [r[2][key] for r in readings if key in r[2]]
        if not given:
            continue
        fields, tied = {}, []
        for i, name in enumerate(FIGURE_FIELDS):
            value, method = _value_vote(g[i] for g in given)
            fields[name] = value
            methods.append(method)
            if method == "tie":
                tied.append(name)
        figure = {"doc_start": key[2], "doc_end": key[3], "text": examples[key]["text"], **fields}
        figures.append({**figure, "tied": tied} if tied else figure)
    return figures, methods


def _worst(methods: Iterable[str]) -> str:
    found = set(methods)
    return "tie" if "tie" in found else "majority" if "majority" in found else "unanimous"


def merge_sentence(annotations: list[dict[str, Any]], adjudicated: dict[str, Any] | None = None) -> dict[str, Any]:
    """One merged record from all finished annotations of one sentence.

    ``adjudicated``: the adjudicator's annotation record of the sentence (from the review
    project), taken as the final labels (method ``adjudicated``).
    """
    first = annotations[0]
    annotators = sorted({a["annotator"] for a in annotations} | ({adjudicated["annotator"]} if adjudicated else set()))
    chosen, decided_by = _deciders(annotations, adjudicated)
    readings = [_readings(a) for a in chosen]
    who: dict[SpanKey, set[str]] = {}
    examples: dict[SpanKey, dict[str, Any]] = {}
    for annotation, reading in zip(chosen, readings, strict=True):
        for key in reading[0]:
            who.setdefault(key, set()).add(annotation["annotator"])
            examples.setdefault(key, reading[3][key])
    kept_spans, spans_method = _set_vote([r[0] for r in readings])
    kept_attributions, attributions_method = _set_vote([r[1] for r in readings])
    figures, field_methods = _merged_figures(kept_spans, readings, examples)
    # A figure whose span was outvoted or tied is decided with the spans; its fields, with the figures.
    figures_method = _worst([*field_methods, "majority" if spans_method == "tie" else spans_method])
    checkworthy, checkworthy_method = _value_vote(a["checkworthy"] for a in chosen if a["checkworthy"] is not None)
    if not any(a["checkworthy"] is not None for a in chosen):
        checkworthy_method = "unanimous"
    methods = {
        "spans": spans_method,
        "attributions": attributions_method,
        "figures": figures_method,
        "checkworthy": checkworthy_method,
    }
    if decided_by is not None:
        methods = dict.fromkeys(LAYERS, decided_by)
    several = len(annotations) >= 2
    all_readings = [_readings(a) for a in annotations]
    return {
        "record": "merged",
        "schema_version": SCHEMA_VERSION,
        "sentence_id": first["sentence_id"],
        "sentence_text": first["sentence_text"],
        "sentence_start": first["sentence_start"],
        "context_start": first["context_start"],
        "doc_id": first["doc_id"],
        "annotators": annotators,
        "method": decided_by or _worst(methods.values()),
        "methods": methods,
        "spans": _merged_spans(kept_spans, examples, who),
        "attributions": _merged_attributions(kept_attributions, examples),
        "figures": figures,
        "checkworthy": checkworthy,
        "agreement": {
            "checkworthy": len({a["checkworthy"] for a in annotations}) == 1 if several else None,
            "spans": len({frozenset(r[0]) for r in all_readings}) == 1 if several else None,
            "attributions": len({frozenset(r[1]) for r in all_readings}) == 1 if several else None,
            "figures": len({frozenset(r[2].items()) for r in all_readings}) == 1 if several else None,
        },
    }


def unresolved_layers(merged: dict[str, Any]) -> list[str]:
    """The label layers of a merged record left empty by a tie nobody adjudicated."""
    return [layer for layer in LAYERS if (merged.get("methods") or {}).get(layer) == "tie"]
