"""What a sentence becomes in Label Studio: the task's data and its rule-based predictions.

Pure functions. Offsets in predictions count code points, as Label Studio's Text tag does
(checked in a real browser on a sentence that begins with an emoji: tests/test_browser.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.defaults import DOCUMENTS_FILE, MODEL_VERSION, QUEUE
from corpus.jsonl import read_records
from corpus.schema import label_set
from corpus.studio import labelconfig as lc

if TYPE_CHECKING:
    from corpus.text.prelabel import Figure, Span

BATCH_FIELD = "corpus_batch"  # the push batch a task arrived in (see studio/push.py)


def _figure_results(figure: Figure, region: str) -> list[dict[str, Any]]:
    span = {"start": figure.start, "end": figure.end, "text": figure.text}
    common = {"id": region, "to_name": lc.SENTENCE, "origin": "prediction"}
    labels = label_set()
    results = [{**common, "from_name": lc.SPAN_LABELS, "type": "labels", "value": {**span, "labels": [labels.figure]}}]
    if figure.value is not None:
        results.append(
            {**common, "from_name": lc.FIGURE_VALUE, "type": "number", "value": {**span, "number": figure.value}}
        )
    if figure.upper is not None:
        results.append(
            {**common, "from_name": lc.FIGURE_UPPER, "type": "number", "value": {**span, "number": figure.upper}}
        )
    if figure.unit:
        results.append(
            {**common, "from_name": lc.FIGURE_UNIT, "type": "textarea", "value": {**span, "text": [figure.unit]}}
        )
    if figure.kind in labels.figure_kinds:
        results.append(
            {**common, "from_name": lc.FIGURE_KIND, "type": "choices", "value": {**span, "choices": [figure.kind]}}
        )
    if figure.approx in labels.figure_approx:
        results.append(
            {**common, "from_name": lc.FIGURE_APPROX, "type": "choices", "value": {**span, "choices": [figure.approx]}}
        )
    return results


def _region(region: str, span: Span, label: str) -> dict[str, Any]:
    return {
        "id": region,
        "from_name": lc.CONTEXT_LABELS if span.in_context else lc.SPAN_LABELS,
        "to_name": lc.CONTEXT if span.in_context else lc.SENTENCE,
        "type": "labels",
        "origin": "prediction",
        "value": {"start": span.start, "end": span.end, "text": span.text, "labels": [label]},
    }


def queue_score(role: str, confidence: float, queue: str = QUEUE) -> float:
    """The prediction score that puts a unit where ``queue`` wants it in Label Studio's
    uncertainty sampling (lowest first): the confidence itself, or one minus the chance that the
    unit is check-worthy (the rest of the confidence shared by the other two answers)."""
    if queue != "checkworthy":
        return round(confidence, 4)
    chance = confidence if role == "checkworthy" else (1 - confidence) / 2
    return round(1 - chance, 4)


def predictions_for(
    text: str, context_before: str = "", role: str = "body", queue: str = QUEUE, article_before: str | None = None
) -> list[dict[str, Any]]:
    """The pre-annotation of one sentence as Label Studio predictions (offsets in code points).

    Figures with their fields; SOURCE, CUE and CONTENT regions with a SOURCE -> CONTENT relation
    carrying the attribution type and a CUE -> CONTENT relation; a SOURCE in ``context_before``
    is a region of the context. Other reporting verbs are CUE regions on their own. CLAIM
    regions and the check-worthiness choice, whose score is the prediction's score (how sure the
    rules are of it; with ``queue="checkworthy"`` one minus the chance that the unit is
    check-worthy), which is what Label Studio's uncertainty sampling orders the queue by.
    """
    # Imported here: the rules compile their patterns on import (0.1 s), which journal, pull and
    # push's main process, who need only this module's task data, do not pay.
    from corpus.text.prelabel import Span, suggest_all

    found = suggest_all(text, context_before, role, article_before)
    labels = label_set()
    types = {t.name for t in labels.attribution_types}
    result: list[dict[str, Any]] = []
    for n, figure in enumerate(found.figures):
        result.extend(_figure_results(figure, f"fig{n}"))
    regions: dict[tuple[bool, int, int, str], str] = {}

    def region(span: Span, label: str, prefix: str) -> str:
        key = (span.in_context, span.start, span.end, label)
        if key not in regions:
            regions[key] = f"{prefix}{len(regions)}"
            result.append(_region(regions[key], span, label))
        return regions[key]

    relations: list[dict[str, Any]] = []
    no_source: set[str] = set()
    for attribution in found.attributions:
        if (
            attribution.source is not None
            and attribution.source.in_context
            and labels.source not in labels.context_labels
        ):
            continue
        content = region(attribution.content, labels.content, "content")
        if attribution.source is not None:
            relation = {"type": "relation", "from_id": region(attribution.source, labels.source, "source")}
            relation |= {"to_id": content, "direction": "right"}
            relations.append(relation | ({"labels": [attribution.type]} if attribution.type in types else {}))
        if attribution.cue is not None:
            cue = region(attribution.cue, labels.cue, "cue")
            relations.append({"type": "relation", "from_id": cue, "to_id": content, "direction": "right"})
            if attribution.zero_source and labels.zero_source and content not in no_source:
                no_source.add(content)  # "It is understood that ...": no source anywhere (guidelines 1.6)
                where = {"start": attribution.content.start, "end": attribution.content.end}
                result.append(
                    {
                        "id": content,
                        "from_name": lc.NO_SOURCE,
                        "to_name": lc.SENTENCE,
                        "type": "choices",
                        "origin": "prediction",
                        "value": {**where, "text": attribution.content.text, "choices": [lc.NO_SOURCE]},
                    }
                )
    taken = [(key[1], key[2]) for key in regions if not key[0]]
    for cue_found in found.cues:
        if not any(a < cue_found.end and cue_found.start < b for a, b in taken):
            region(Span(cue_found.start, cue_found.end, cue_found.text), labels.cue, "cue")
    result.extend(relations)
    judged = found.checkworthiness
    claim = labels.span_label("claim")
    for span in judged.claims:
        region(span, claim, "claim")
    result.append(
        {
            "id": "checkworthy",
            "from_name": lc.CHECKWORTHY,
            "to_name": lc.SENTENCE,
            "type": "choices",
            "origin": "prediction",
            "score": judged.score,
            "value": {"choices": [labels.checkworthy_label(judged.role)]},
        }
    )
    score = queue_score(judged.role, judged.score, queue)
    return [{"model_version": MODEL_VERSION, "score": score, "result": result}]


def task_for(
    sentence: dict[str, Any], document: dict[str, Any] | None, batch: str, queue: str = QUEUE
) -> dict[str, Any]:
    """The Label Studio task push sends for one sentence record: its data and its predictions."""
    return {
        "data": task_data(sentence, document, batch),
        "predictions": predictions_for(
            sentence["text"], sentence["context_before"], sentence["role"], queue, article_before(sentence, document)
        ),
    }


def article_before(sentence: dict[str, Any], document: dict[str, Any] | None) -> str | None:
    """What the annotator has read of the article before the sentence, as far as the task knows it:
    the document's title, then the context shown (None without a title: the context alone)."""
    title = (document or {}).get("title")
    return f"{title}\n\n{sentence['context_before']}" if title else None


def document_metadata(sentences_path: Path) -> dict[str, dict[str, Any]]:
    """Title and url of each document, from documents.jsonl beside the sentences (if there)."""
    path = sentences_path.parent / DOCUMENTS_FILE
    if not path.exists():
        return {}
    return {d["id"]: {"title": d.get("title"), "url": d.get("url")} for d in read_records(path, record_type="document")}


def task_data(sentence: dict[str, Any], document: dict[str, Any] | None, batch: str) -> dict[str, Any]:
    """The data of a sentence's task: what the annotator sees, and where the sentence stands."""
    document = document or {}
    return {
        "text": sentence["text"],
        "sentence_id": sentence["id"],
        "doc_id": sentence["doc_id"],
        "index": sentence["index"],
        "start": sentence["start"],
        "end": sentence["end"],
        "paragraph": sentence["paragraph"],
        "role": sentence["role"],
        # Trailing blank lines would show as empty space between context and sentence;
        # rstrip keeps the context's offsets (which count from its start) unchanged.
        "context_before": sentence["context_before"].rstrip(),
        "context_after": sentence["context_after"].strip(),
        "context_start": sentence["context_start"],
        "title": document.get("title") or "",
        "url": document.get("url") or "",
        BATCH_FIELD: batch,
    }
