"""Conversion of Label Studio results into annotation records (pure functions).

Input: one exported task (``data``, ``annotations``, ...). Output: schema-shaped annotation
records, and the problems found (a span that does not match the text at its offsets, a
relation to a missing region), each with task and annotation id, instead of dropping them.
Label Studio's Text offsets count code points, as Python does (checked in a real browser on a
sentence that begins with an emoji), so they are taken as they are.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from corpus.schema import SCHEMA_VERSION, LabelSet, label_set
from corpus.studio import labelconfig as lc


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
        outcome.problems.append(
            Problem(task_id, None, "task was not created by corpus push (no sentence_id/text); ignored")
        )
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


def _span_from(value: dict[str, Any], text: str) -> tuple[int, int] | str:
    js_start, js_end = value.get("start"), value.get("end")
    if (
        not isinstance(js_start, int)
        or not isinstance(js_end, int)
        or isinstance(js_start, bool)
        or isinstance(js_end, bool)
    ):
        return "region has no integer start/end offsets"
    start, end = js_start, js_end
    if not 0 <= start < end <= len(text):
        return f"offsets {js_start}-{js_end} fall outside the text or are empty"
    expected = value.get("text")
    if expected is not None and text[start:end] != expected:
        return f"span text {expected!r} does not match the text at {js_start}-{js_end} ({text[start:end]!r})"
    return start, end


def _one_choice(value: dict[str, Any], key: str, allowed: list[str]) -> str | None:
    """The single choice in value[key] if it is one of ``allowed``; raises ValueError otherwise."""
    chosen = value.get(key)
    if not chosen:
        return None
    if not isinstance(chosen, list) or len(chosen) != 1 or chosen[0] not in allowed:
        raise ValueError(f"{key} {chosen!r} is not one of {', '.join(allowed)}")
    return str(chosen[0])


def _text_value(value: dict[str, Any]) -> str | None:
    texts = value.get("text")
    if texts is None:
        return None
    if isinstance(texts, str):
        texts = [texts]
    if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
        raise ValueError(f"text {texts!r} is not a list of strings")
    return "\n".join(texts) or None


@dataclass
class _Regions:
    """What one annotation's result items say, read item by item (the first step of a conversion)."""

    texts: dict[str, str]
    bases: dict[str, int]
    spans: dict[str, dict[str, Any]] = field(default_factory=dict)
    figure_fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    no_source: set[str] = field(default_factory=set)  # CONTENT regions marked as having no source at all
    relations: list[dict[str, Any]] = field(default_factory=list)
    checkworthy: str | None = None
    comment: str | None = None

    def read(self, item: dict[str, Any], labels: LabelSet) -> None:
        """Take one result item; a ValueError says what is wrong with it."""
        name, region, value = item.get("from_name"), str(item.get("id")), item.get("value") or {}
        if item.get("type") == "relation":
            self.relations.append(item)
        elif name in (lc.SPAN_LABELS, lc.CONTEXT_LABELS):
            self._span(region, value, labels, lc.CONTEXT if name == lc.CONTEXT_LABELS else lc.SENTENCE)
        elif name in (lc.FIGURE_VALUE, lc.FIGURE_UPPER):
            number = value.get("number")
            if number is not None and (isinstance(number, bool) or not isinstance(number, (int, float))):
                what = "figure value" if name == lc.FIGURE_VALUE else "upper end"
                raise ValueError(f"{what} {number!r} is not a number")
            self.figure_fields.setdefault(region, {})["value" if name == lc.FIGURE_VALUE else "upper"] = number
        elif name == lc.NO_SOURCE:
            if _one_choice(value, "choices", [lc.NO_SOURCE]):
                self.no_source.add(region)
        elif name == lc.FIGURE_UNIT:
            self.figure_fields.setdefault(region, {})["unit"] = _text_value(value)
        elif name == lc.FIGURE_KIND:
            self.figure_fields.setdefault(region, {})["kind"] = _one_choice(value, "choices", labels.figure_kinds)
        elif name == lc.FIGURE_APPROX:
            self.figure_fields.setdefault(region, {})["approx"] = _one_choice(value, "choices", labels.figure_approx)
        elif name == lc.CHECKWORTHY:
            self.checkworthy = _one_choice(value, "choices", [c.name for c in labels.checkworthy])
        elif name == lc.COMMENT:
            self.comment = _text_value(value)

    def _span(self, region: str, value: dict[str, Any], labels: LabelSet, target: str) -> None:
        allowed = labels.context_labels if target == lc.CONTEXT else [l.name for l in labels.span_labels]
        label = _one_choice(value, "labels", allowed)
        if label is None:
            raise ValueError("region has no label")
        span = _span_from(value, self.texts[target])
        if isinstance(span, str):
            raise ValueError(span)
        if region in self.spans:
            raise ValueError("two regions share this id")
        start, end = span
        self.spans[region] = {
            "id": region,
            "label": label,
            "in_context": target == lc.CONTEXT,
            "start": start,
            "end": end,
            "text": self.texts[target][start:end],
            "doc_start": self.bases[target] + start,
            "doc_end": self.bases[target] + end,
        }

    def figures(self, labels: LabelSet, problem: Callable[[str], None]) -> list[dict[str, Any]]:
        """Each FIGURE span of the sentence with its fields; fields on another region are a problem."""
        for region in self.figure_fields:
            if region not in self.spans or self.spans[region]["label"] != labels.figure:
                problem(f"figure fields for region {region}, which is not a FIGURE span")
        figures = []
        for region, figure_span in self.spans.items():
            if figure_span["label"] == labels.figure and not figure_span["in_context"]:
                fields = self.figure_fields.get(region, {})
                figures.append(
                    {
                        "span": region,
                        "text": figure_span["text"],
                        **{name: fields.get(name) for name in ("value", "upper", "unit", "kind", "approx")},
                    }
                )
        return figures


def convert_annotation(
    annotation: dict[str, Any], data: dict[str, Any], task_id: Any, project_id: int, project_key: str
) -> tuple[dict[str, Any] | None, list[Problem]]:
    """One Label Studio annotation of a corpus task as an annotation record, and its problems (each
    named by task, annotation and region; a broken item is left out, never the whole record)."""
    ann_id = annotation.get("id")
    problems: list[Problem] = []
    labels = label_set()
    sentence, context = data["text"], data.get("context_before") or ""
    regions = _Regions(
        {lc.SENTENCE: sentence, lc.CONTEXT: context},
        {lc.SENTENCE: int(data.get("start", 0)), lc.CONTEXT: int(data.get("context_start", 0))},
    )
    results = annotation.get("result") or []
    if not isinstance(results, list):
        return None, [Problem(task_id, ann_id, "result is not a list")]
    for item in results:
        if not isinstance(item, dict):
            problems.append(Problem(task_id, ann_id, "result item is not an object"))
            continue
        if item.get("type") != "relation" and not isinstance(item.get("value") or {}, dict):
            problems.append(Problem(task_id, ann_id, f"region {item.get('id')}: value is not an object"))
            continue
        try:
            regions.read(item, labels)
        except ValueError as exc:
            problems.append(Problem(task_id, ann_id, f"region {item.get('id')} ({item.get('from_name')}): {exc}"))
    spans = regions.spans
    attributions = _attributions(regions.relations, spans, task_id, ann_id, problems, labels, regions.no_source)
    figures = regions.figures(labels, lambda message: problems.append(Problem(task_id, ann_id, message)))
    record = {
        "record": "annotation",
        "schema_version": SCHEMA_VERSION,
        "id": f"ls-{project_id}-{ann_id}",
        "sentence_id": data["sentence_id"],
        "sentence_text": sentence,
        "sentence_start": regions.bases[lc.SENTENCE],
        "context_start": regions.bases[lc.CONTEXT],
        "doc_id": data.get("doc_id") or data["sentence_id"].rsplit("#", 1)[0],
        "annotator": pseudonym(project_key, _user_id(annotation.get("completed_by"))),
        "ground_truth": bool(annotation.get("ground_truth")),
        "created_at": annotation.get("created_at"),
        "updated_at": annotation.get("updated_at"),
        "lead_time": annotation.get("lead_time"),
        "spans": sorted(spans.values(), key=lambda s: (s["doc_start"], s["doc_end"], s["label"])),
        "attributions": attributions,
        "figures": figures,
        "checkworthy": regions.checkworthy,
        "comment": regions.comment,
        "label_studio": {"project": int(project_id), "task": int(task_id or 0), "annotation": int(ann_id or 0)},
    }
    return record, problems


def _attributions(
    relations: list[dict[str, Any]],
    spans: dict[str, dict[str, Any]],
    task_id: Any,
    ann_id: Any,
    problems: list[Problem],
    labels: LabelSet,
    no_source: set[str],
) -> list[dict[str, Any]]:
    """Rebuild attributions from SOURCE -> CONTENT and CUE -> CONTENT relations (either direction)."""
    types = [t.name for t in labels.attribution_types]
    content_label, source_label, cue_label = labels.content, labels.source, labels.cue
    by_content: dict[str, dict[str, Any]] = {}
    for relation in relations:
        a, b = str(relation.get("from_id")), str(relation.get("to_id"))
        missing = [r for r in (a, b) if r not in spans]
        if missing:
            problems.append(
                Problem(task_id, ann_id, f"relation {a} -> {b} points to missing region {', '.join(missing)}")
            )
            continue
        ends = {spans[a]["label"]: a, spans[b]["label"]: b}
        content = ends.get(content_label)
        other = next((label for label in ends if label != content_label), None)
        if content is None or other not in (source_label, cue_label):
            problems.append(
                Problem(
                    task_id,
                    ann_id,
                    f"relation {a} -> {b} must link a {source_label} or {cue_label} to a {content_label}, "
                    f"not {spans[a]['label']} and {spans[b]['label']}",
                )
            )
            continue
        entry = by_content.setdefault(
            content, {"content": content, "source": None, "cue": None, "type": None, "zero_source": False}
        )
        entry["source" if other == source_label else "cue"] = ends[other]
        relation_labels = relation.get("labels") or []
        if not isinstance(relation_labels, list) or any(label not in types for label in relation_labels):
            problems.append(
                Problem(
                    task_id, ann_id, f"relation {a} -> {b}: type {relation_labels!r} is not one of {', '.join(types)}"
                )
            )
        elif relation_labels and (entry["type"] is None or other == source_label):
            entry["type"] = relation_labels[0]
    for content in sorted(no_source):
        marked = by_content.get(content)
        if content not in spans or spans[content]["label"] != content_label:
            problems.append(
                Problem(task_id, ann_id, f"no_source on region {content}, which is not a {content_label} span")
            )
        elif marked is None:
            problems.append(
                Problem(task_id, ann_id, f"no_source on {content_label} {content}, which no {cue_label} is linked to")
            )
        elif marked["source"] is not None:
            problems.append(
                Problem(task_id, ann_id, f"no_source on {content_label} {content}, which has a {source_label} linked")
            )
        else:
            marked["zero_source"] = True
    return sorted(by_content.values(), key=lambda e: spans[e["content"]]["doc_start"])
