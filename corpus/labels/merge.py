"""The merged (adjudicated) view of a sentence from its annotations (pure functions).

An adjudicator's decision (from ``corpus review``), where there is one, wins; then a
ground-truth annotation, where one is marked. Otherwise a span, attribution or
figure reading is kept when more than half of the annotators marked it, and the
checkworthy choice is the majority's (none on a tie).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from corpus.schema import SCHEMA_VERSION, label_set


def _span_key(span: dict[str, Any]) -> tuple[Any, ...]:
    return (span["label"], span["in_context"], span["doc_start"], span["doc_end"])


def _ref(span: dict[str, Any] | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"doc_start": span["doc_start"], "doc_end": span["doc_end"], "text": span["text"]}


SpanKey = tuple[Any, ...]
Reading = tuple[set[SpanKey], set[tuple[Any, ...]], dict[SpanKey, tuple[Any, ...]], dict[SpanKey, dict[str, Any]]]


def _readings(annotation: dict[str, Any]) -> Reading:
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
            figures[_span_key(spans[f["span"]])] = (f["value"], f["upper"], f["unit"], f["kind"], f["approx"])
    by_key = {_span_key(s): s for s in annotation["spans"]}
    return span_keys, attributions, figures, by_key


def merge_sentence(annotations: list[dict[str, Any]], adjudicated: dict[str, Any] | None = None) -> dict[str, Any]:
    """One merged record from all finished annotations of one sentence.

    ``adjudicated``: the adjudicator's annotation record of the sentence (from the review
    project), taken as the final labels (method ``adjudicated``).
    """
    first = annotations[0]
    annotators = sorted({a["annotator"] for a in annotations} | ({adjudicated["annotator"]} if adjudicated else set()))
    truth = [a for a in annotations if a["ground_truth"]]
    if adjudicated is not None:
        chosen, method = [adjudicated], "adjudicated"
    elif truth:
        chosen, method = [max(truth, key=lambda a: (a["updated_at"] or "", a["id"]))], "ground_truth"
    else:
        chosen, method = annotations, "single" if len(annotations) == 1 else "majority"
    need = len(chosen) / 2
    readings = [_readings(a) for a in chosen]
    span_votes: Counter[Any] = Counter(k for r in readings for k in r[0])
    who: dict[SpanKey, list[str]] = {}
    examples: dict[SpanKey, dict[str, Any]] = {}
    for annotation, reading in zip(chosen, readings, strict=True):
        for key in reading[0]:
            who.setdefault(key, []).append(annotation["annotator"])
            examples.setdefault(key, reading[3][key])
    kept = sorted((k for k, n in span_votes.items() if n > need), key=lambda k: (k[2], k[3], k[0]))
    spans = [
        {
            "label": examples[k]["label"],
            "in_context": examples[k]["in_context"],
            "start": examples[k]["start"],
            "end": examples[k]["end"],
            "text": examples[k]["text"],
            "doc_start": k[2],
            "doc_end": k[3],
            "annotators": sorted(set(who[k])),
        }
        for k in kept
    ]
    attribution_votes: Counter[Any] = Counter(a for r in readings for a in r[1])
    attributions = []
    for (content, source, cue, kind, zero_source), n in sorted(
        attribution_votes.items(), key=lambda item: str(item[0])
    ):
        if n > need and content in examples:
            attributions.append(
                {
                    "content": _ref(examples[content]),
                    "source": _ref(examples.get(source)) if source else None,
                    "cue": _ref(examples.get(cue)) if cue else None,
                    "type": kind,
                    "zero_source": zero_source,
                }
            )
    figures = []
    figure_label = label_set().figure
    for key in kept:
        if key[0] != figure_label:
            continue
        votes = Counter(r[2][key] for r in readings if key in r[2])
        if votes:
            (value, upper, unit, kind, approx), _ = votes.most_common(1)[0]
            figures.append(
                {
                    "doc_start": key[2],
                    "doc_end": key[3],
                    "text": examples[key]["text"],
                    "value": value,
                    "upper": upper,
                    "unit": unit,
                    "kind": kind,
                    "approx": approx,
                }
            )
    choices = Counter(a["checkworthy"] for a in chosen if a["checkworthy"] is not None)
    top = choices.most_common(2)
    checkworthy = top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None
    several = len(annotations) >= 2
    return {
        "record": "merged",
        "schema_version": SCHEMA_VERSION,
        "sentence_id": first["sentence_id"],
        "sentence_text": first["sentence_text"],
        "sentence_start": first["sentence_start"],
        "context_start": first["context_start"],
        "doc_id": first["doc_id"],
        "annotators": annotators,
        "method": method,
        "spans": spans,
        "attributions": attributions,
        "figures": figures,
        "checkworthy": checkworthy,
        "agreement": {
            "checkworthy": len({a["checkworthy"] for a in annotations}) == 1 if several else None,
            "spans": len({frozenset(_readings(a)[0]) for a in annotations}) == 1 if several else None,
        },
    }
