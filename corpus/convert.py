"""Conversion of Label Studio results into annotation records (pure functions).

Input: one exported task (``data``, ``annotations``, ...). Output: schema-shaped annotation
records, and the problems found (a span that does not match the text at its offsets, a
relation to a missing region), each with task and annotation id, instead of dropping them.
Offsets from Label Studio count UTF-16 code units and are converted to code points here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from . import labelconfig as lc
from .schema import SCHEMA_VERSION
from .utf16 import OffsetMap


@dataclass(frozen=True)
class Problem:
    task: int | None
    annotation: int | None
    message: str

    def __str__(self) -> str:
        return f"task {self.task}, annotation {self.annotation}: {self.message}"


@dataclass
class TaskOutcome:
    records: list[dict[str, Any]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    skipped: int = 0
    drafts: int = 0
    predictions: int = 0


def pseudonym(project_key: str, user_id: Any) -> str:
    """A stable pseudonymous annotator id per annotator and project: never an e-mail or a name."""
    digest = hashlib.blake2b(f"{project_key}:{user_id}".encode(), digest_size=6).hexdigest()
    return f"ann-{digest}"


def _user_id(completed_by: Any) -> Any:
    if isinstance(completed_by, dict):
        return completed_by.get("id")
    return completed_by


def convert_task(task: dict[str, Any], project_id: int, project_key: str) -> TaskOutcome:
    """All finished annotations of one exported task as records, plus what was left out and why."""
    outcome = TaskOutcome()
    data = task.get("data") or {}
    task_id = task.get("id")
    outcome.predictions = len(task.get("predictions") or [])
    outcome.drafts = len(task.get("drafts") or [])
    if not isinstance(data.get("text"), str) or "sentence_id" not in data:
        outcome.problems.append(Problem(task_id, None, "task was not created by corpus push (no sentence_id/text); ignored"))
        return outcome
    for annotation in task.get("annotations") or []:
        if annotation.get("was_cancelled"):
            outcome.skipped += 1
            continue
        record, problems = convert_annotation(annotation, data, task_id, project_id, project_key)
        outcome.problems.extend(problems)
        if record is not None:
            outcome.records.append(record)
    return outcome


def _span_from(value: dict[str, Any], text: str, offsets: OffsetMap) -> tuple[int, int] | str:
    try:
        js_start, js_end = int(value["start"]), int(value["end"])
    except (KeyError, TypeError, ValueError):
        return "region has no start/end offsets"
    start, end = offsets.to_py(js_start), offsets.to_py(js_end)
    if start is None or end is None or not 0 <= start <= end <= len(text):
        return f"offsets {js_start}-{js_end} fall outside the text or inside a character"
    expected = value.get("text")
    if expected is not None and text[start:end] != expected:
        return f"span text {expected!r} does not match the text at {js_start}-{js_end} ({text[start:end]!r})"
    return start, end


def convert_annotation(annotation: dict[str, Any], data: dict[str, Any], task_id: Any, project_id: int, project_key: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    ann_id = annotation.get("id")
    problems: list[Problem] = []
    sentence, context = data["text"], data.get("context_before") or ""
    maps = {lc.SENTENCE: OffsetMap(sentence), lc.CONTEXT: OffsetMap(context)}
    texts = {lc.SENTENCE: sentence, lc.CONTEXT: context}
    bases = {lc.SENTENCE: int(data.get("start", 0)), lc.CONTEXT: int(data.get("context_start", 0))}
    spans: dict[str, dict[str, Any]] = {}
    figure_fields: dict[str, dict[str, Any]] = {}
    relations: list[dict[str, Any]] = []
    checkworthy = comment = None
    results = annotation.get("result") or []
    if not isinstance(results, list):
        return None, [Problem(task_id, ann_id, "result is not a list")]
    for item in results:
        if not isinstance(item, dict):
            problems.append(Problem(task_id, ann_id, "result item is not an object"))
            continue
        kind, name, value = item.get("type"), item.get("from_name"), item.get("value") or {}
        if kind == "relation":
            relations.append(item)
        elif kind == "labels" and name in (lc.SPAN_LABELS, lc.CONTEXT_LABELS):
            target = lc.CONTEXT if name == lc.CONTEXT_LABELS else lc.SENTENCE
            labels = value.get("labels") or []
            span = _span_from(value, texts[target], maps[target])
            if isinstance(span, str):
                problems.append(Problem(task_id, ann_id, f"region {item.get('id')}: {span}"))
                continue
            if len(labels) != 1:
                problems.append(Problem(task_id, ann_id, f"region {item.get('id')}: expected one label, got {labels}"))
                continue
            start, end = span
            spans[str(item.get("id"))] = {
                "id": str(item.get("id")), "label": labels[0], "in_context": target == lc.CONTEXT,
                "start": start, "end": end, "text": texts[target][start:end],
                "doc_start": bases[target] + start, "doc_end": bases[target] + end,
            }
        elif name in lc.FIGURE_FIELDS:
            figure_fields.setdefault(str(item.get("id")), {})[name] = value
        elif name == lc.CHECKWORTHY:
            chosen = value.get("choices") or []
            checkworthy = chosen[0] if chosen else None
        elif name == lc.COMMENT:
            comment = "\n".join(value.get("text") or []) or None
    attributions = _attributions(relations, spans, task_id, ann_id, problems)
    figures = []
    for region, fields in figure_fields.items():
        span = spans.get(region)
        if span is None or span["label"] != "FIGURE":
            problems.append(Problem(task_id, ann_id, f"figure fields for region {region}, which is not a FIGURE span"))
            continue
    for region, span in spans.items():
        if span["label"] == "FIGURE" and not span["in_context"]:
            fields = figure_fields.get(region, {})
            number = fields.get(lc.FIGURE_VALUE, {}).get("number")
            unit = (fields.get(lc.FIGURE_UNIT, {}).get("text") or [None])[0]
            kind = (fields.get(lc.FIGURE_KIND, {}).get("choices") or [None])[0]
            approx = (fields.get(lc.FIGURE_APPROX, {}).get("choices") or [None])[0]
            figures.append({"span": region, "text": span["text"], "value": number, "unit": unit or None, "kind": kind, "approx": approx})
    user = _user_id(annotation.get("completed_by"))
    record = {
        "record": "annotation",
        "schema_version": SCHEMA_VERSION,
        "id": f"ls-{project_id}-{ann_id}",
        "sentence_id": data["sentence_id"],
        "doc_id": data.get("doc_id") or data["sentence_id"].rsplit("-", 1)[0],
        "annotator": pseudonym(project_key, user),
        "ground_truth": bool(annotation.get("ground_truth")),
        "created_at": annotation.get("created_at"),
        "updated_at": annotation.get("updated_at"),
        "lead_time": annotation.get("lead_time"),
        "spans": sorted(spans.values(), key=lambda s: (s["doc_start"], s["doc_end"], s["label"])),
        "attributions": attributions,
        "figures": figures,
        "checkworthy": checkworthy,
        "comment": comment,
        "label_studio": {"project": int(project_id), "task": int(task_id), "annotation": int(ann_id)},
    }
    return record, problems


def _attributions(relations: list[dict[str, Any]], spans: dict[str, dict[str, Any]], task_id: Any, ann_id: Any, problems: list[Problem]) -> list[dict[str, Any]]:
    """Rebuild attributions from SOURCE -> CONTENT and CUE -> CONTENT relations (either direction)."""
    by_content: dict[str, dict[str, Any]] = {}
    for relation in relations:
        a, b = str(relation.get("from_id")), str(relation.get("to_id"))
        missing = [r for r in (a, b) if r not in spans]
        if missing:
            problems.append(Problem(task_id, ann_id, f"relation {a} -> {b} points to missing region {', '.join(missing)}"))
            continue
        ends = {spans[a]["label"]: a, spans[b]["label"]: b}
        content = ends.get("CONTENT")
        other = next((label for label in ends if label != "CONTENT"), None)
        if content is None or other not in ("SOURCE", "CUE"):
            problems.append(Problem(task_id, ann_id, f"relation {a} -> {b} must link a SOURCE or CUE to a CONTENT, not {spans[a]['label']} and {spans[b]['label']}"))
            continue
        entry = by_content.setdefault(content, {"content": content, "source": None, "cue": None, "type": None})
        entry["source" if other == "SOURCE" else "cue"] = ends[other]
        labels = relation.get("labels") or []
        if labels and (entry["type"] is None or other == "SOURCE"):
            entry["type"] = labels[0]
    return sorted(by_content.values(), key=lambda e: spans[e["content"]]["doc_start"])
