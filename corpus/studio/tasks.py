"""What a sentence becomes in Label Studio: the task's data and its rule-based predictions.

Pure functions. Offsets in predictions count code points, as Label Studio's Text tag does
(checked in a real browser on a sentence that begins with an emoji: tests/test_browser.py).
"""

from __future__ import annotations

from typing import Any

from corpus.schema import label_set
from corpus.studio import labelconfig as lc
from corpus.text.prelabel import MODEL_VERSION, suggest

BATCH_FIELD = "corpus_batch"  # the push batch a task arrived in (see studio/push.py)


def _figure_results(figure: Any, region: str) -> list[dict[str, Any]]:
    span = {"start": figure.start, "end": figure.end, "text": figure.text}
    common = {"id": region, "to_name": lc.SENTENCE, "origin": "prediction"}
    results = [
        {**common, "from_name": lc.SPAN_LABELS, "type": "labels", "value": {**span, "labels": [label_set().figure]}}
    ]
    if figure.value is not None:
        results.append(
            {**common, "from_name": lc.FIGURE_VALUE, "type": "number", "value": {**span, "number": figure.value}}
        )
    if figure.unit:
        results.append(
            {**common, "from_name": lc.FIGURE_UNIT, "type": "textarea", "value": {**span, "text": [figure.unit]}}
        )
    results.append(
        {**common, "from_name": lc.FIGURE_KIND, "type": "choices", "value": {**span, "choices": [figure.kind]}}
    )
    results.append(
        {**common, "from_name": lc.FIGURE_APPROX, "type": "choices", "value": {**span, "choices": [figure.approx]}}
    )
    return results


def predictions_for(text: str) -> list[dict[str, Any]]:
    """The pre-annotation of one sentence as Label Studio predictions (offsets in code points)."""
    figures, cues = suggest(text)
    if not figures and not cues:
        return []
    result: list[dict[str, Any]] = []
    for n, figure in enumerate(figures):
        result.extend(_figure_results(figure, f"fig{n}"))
    for n, cue in enumerate(cues):
        result.append(
            {
                "id": f"cue{n}",
                "from_name": lc.SPAN_LABELS,
                "to_name": lc.SENTENCE,
                "type": "labels",
                "origin": "prediction",
                "value": {
                    "start": cue.start,
                    "end": cue.end,
                    "text": cue.text,
                    "labels": [label_set().cue],
                },
            }
        )
    return [{"model_version": MODEL_VERSION, "score": 1.0, "result": result}]


def task_for(sentence: dict[str, Any], document: dict[str, Any] | None, batch: str) -> dict[str, Any]:
    """The Label Studio task push sends for one sentence record: its data and its predictions."""
    document = document or {}
    data = {
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
    return {"data": data, "predictions": predictions_for(sentence["text"])}
