"""``corpus review``: an adjudication queue in Label Studio Community.

Community has no review feature, so the queue is a second project, ``<project>-review``, with the
same generated labeling config. Each sentence whose annotators disagree (by the measures of
``corpus.labels.agreement``) becomes one review task that carries the main project's task id and
the sentence id in its data, and every annotator's version as a prediction whose model version
is the annotator's pseudonym: the adjudicator picks one, corrects it and submits. That annotation
is the adjudicator's decision, which ``pull`` takes as the sentence's final labels.

The workspace state links the two (``projects.<name>.review``). Sentences already queued are not
queued again, so running review again adds only new disagreements.

``review --doubts`` queues, in the same review project, exactly the sentences with an open doubt
(a comment line naming a guideline section, ``corpus.labels.doubts``): the doubts ride along in
the task's ``doubts`` field. A sentence's doubts are open until its review task has an annotation.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus import defaults
from corpus.errors import OptionError
from corpus.labels.agreement import aspects, reading, sentence_disagreement
from corpus.labels.doubts import DoubtLog, FoundDoubt
from corpus.labels.guidelines import section_key
from corpus.studio import labelconfig
from corpus.studio.client import Client, connect
from corpus.studio.convert import convert_task
from corpus.studio.export import iter_export
from corpus.studio.journal import stale_sentences
from corpus.studio.project import (
    ProjectRef,
    find_project,
    guidelines_html,
    known_project,
    project_description,
    project_name,
)
from corpus.workspace import Workspace

REVIEW_SUFFIX = "-review"
MAIN_PROJECT_FIELD = "main_project"  # review task data: the main project's id
MAIN_TASK_FIELD = "main_task"  # ... the main project's task id
REASONS_FIELD = "disagreement"  # ... what the annotators disagree on
DOUBTS_FIELD = "doubts"  # ... the annotators' doubts on it, one a line ("§3.3 ann-...: question")


@dataclass
class Adjudication:
    """How far adjudication is: disputes queued in the review project, decided, and left (with links)."""

    review_project: str
    queued: int = 0
    adjudicated: int = 0
    left: list[dict[str, Any]] = field(default_factory=list)  # sentence_id, text, task, link
    # Sentence ids in the review project: review task id of each, and those adjudicated.
    queued_sentences: dict[str, int] = field(default_factory=dict)
    decided_sentences: set[str] = field(default_factory=set)

    def line(self) -> str:
        return (
            f"adjudication: {self.queued} disputes queued in {self.review_project}, {self.adjudicated} adjudicated, "
            f"{len(self.left)} left"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "review_project": self.review_project,
            "queued": self.queued,
            "adjudicated": self.adjudicated,
            "left": len(self.left),
            "left_tasks": self.left,
        }


def adjudication_progress(client: Client, review: ProjectRef) -> Adjudication:
    """Read the review project's tasks (counts only, no annotation bodies): decided or left."""
    progress = Adjudication(review.name)
    link = f"{review.url}/projects/{review.id}/data?task={{task}}"
    for task in client.iter_tasks(review.id):
        progress.queued += 1
        data = task.get("data") or {}
        sentence = str(data.get("sentence_id"))
        progress.queued_sentences[sentence] = int(task.get("id") or 0)
        if int(task.get("total_annotations") or 0):
            progress.adjudicated += 1
            progress.decided_sentences.add(sentence)
        else:
            progress.left.append(
                {
                    "sentence_id": data.get("sentence_id"),
                    "text": data.get("text"),
                    "task": task.get("id"),
                    "link": link.format(task=task.get("id")),
                }
            )
    return progress


@dataclass
class ReviewResult:
    """The review project, and the disputed sentences: queued now, and queued before."""

    project: str
    review_project: str
    url: str
    disputed: int = 0
    queued: int = 0
    already_queued: int = 0
    by_reason: dict[str, int] = field(default_factory=dict)
    adjudication: Adjudication | None = None
    kind: str = "disputes"  # or "doubts" (review --doubts): what was queued
    doubts: int = 0  # review --doubts: the open doubts on the sentences counted in ``disputed``

    def line(self) -> str:
        if self.kind == "doubts":
            sections = ", ".join(f"{k} {v}" for k, v in self.by_reason.items())
            what = f"{self.disputed} sentences with {self.doubts} open doubts" + (f" ({sections})" if sections else "")
        else:
            what = f"{self.disputed} disputed sentences"
        text = (
            f"{what}: {self.queued} queued now, {self.already_queued} queued before "
            f"-> review project {self.review_project} ({self.url})"
        )
        if self.adjudication:
            text += "\n" + self.adjudication.line()
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "review_project": self.review_project,
            "url": self.url,
            "disputed": self.disputed,
            "queued": self.queued,
            "already_queued": self.already_queued,
            "by_reason": self.by_reason,
            "adjudication": self.adjudication.to_dict() if self.adjudication else None,
            "kind": self.kind,
            "doubts": self.doubts,
        }


def checked_aspects(labels: Iterable[str] | None) -> list[str] | None:
    if labels is None:
        return None
    wanted, known = list(labels), aspects()
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise OptionError(f"unknown --labels {', '.join(unknown)}; choose from {', '.join(known)}")
    return wanted


def ensure_review_project(ws: Workspace, client: Client, main: ProjectRef) -> ProjectRef:
    """The review project of ``main``, created on first use and linked in the workspace state.

    Its labeling config is the main project's (generated from the schema); it has no model
    version of its own, so that the adjudicator sees every annotator's version.
    """
    name = f"{main.name}{REVIEW_SUFFIX}"
    settings = {
        "label_config": labelconfig.generate(),
        "expert_instruction": guidelines_html(),
        "show_instruction": True,
        "maximum_annotations": 1,
        "show_collab_predictions": True,
        "sampling": "Sequential sampling",
    }
    ref = known_project(ws, client, name)
    if ref is None:
        key = secrets.token_hex(8)
        found = client.create_project(title=name, description=project_description(key), **settings)
        ref = ProjectRef(name, found["id"], key, client.url)
        state = ws.state
        state.setdefault("projects", {})[name] = {"id": ref.id, "key": key, "url": client.url, "review_of": main.name}
    else:
        state = ws.state
    state["projects"][main.name]["review"] = name
    ws.save_state(state)
    return ref


def review_task(
    task: dict[str, Any], main: ProjectRef, reasons: list[str], versions: dict[str, Any], doubts: str = ""
) -> dict[str, Any]:
    """One review task: the sentence's data, where it came from, each annotator's version, and the
    annotators' doubts on it (if any)."""
    data = {
        **(task.get("data") or {}),
        MAIN_PROJECT_FIELD: main.id,
        MAIN_TASK_FIELD: task["id"],
        REASONS_FIELD: ", ".join(reasons),
        **({DOUBTS_FIELD: doubts} if doubts else {}),
    }
    predictions = [
        {"model_version": annotator, "score": 1.0, "result": result} for annotator, result in sorted(versions.items())
    ]
    return {"data": data, "predictions": predictions}


def queue_disputes(
    client: Client,
    ws: Workspace,
    main: ProjectRef,
    *,
    min_annotators: int = 2,
    labels: list[str] | None = None,
    batch_size: int = defaults.PUSH_BATCH_SIZE,
) -> ReviewResult:
    review = ensure_review_project(ws, client, main)
    queued = {str((t.get("data") or {}).get("sentence_id")) for t in client.iter_tasks(review.id)}
    result = ReviewResult(main.name, review.name, review.web_url)
    reasons: Counter[str] = Counter()
    batch: list[dict[str, Any]] = []
    for task in iter_export(client, main):
        outcome = convert_task(task, main.id, main.key)
        readings = [reading(r) for r in outcome.records]
        if len({r.annotator for r in readings}) < min_annotators:
            continue
        found = sentence_disagreement(readings, labels)
        if found is None:
            continue
        result.disputed += 1
        reasons.update(found.reasons)
        if found.sentence_id in queued:
            result.already_queued += 1
            continue
        doubts = doubts_text(DoubtLog().add(int(task["id"]), "", outcome.records))
        batch.append(review_task(task, main, found.reasons, _versions(task, outcome.records), doubts))
        queued.add(found.sentence_id)
        if len(batch) >= batch_size:
            client.import_tasks(review.id, batch)
            result.queued += len(batch)
            batch = []
    if batch:
        client.import_tasks(review.id, batch)
        result.queued += len(batch)
    result.by_reason = dict(sorted(reasons.items()))
    result.adjudication = adjudication_progress(client, review)
    return result


def _versions(task: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    """Each annotator's result of an exported task, by pseudonym."""
    raw = {a.get("id"): a.get("result") or [] for a in task.get("annotations") or []}
    return {r["annotator"]: raw.get(r["label_studio"]["annotation"], []) for r in records}


def doubts_text(doubts: list[FoundDoubt]) -> str:
    """A review task's ``doubts`` field: one line per doubt, ``§3.3 ann-...: question``."""
    return "\n".join(f"§{d.section} {d.annotator}: {d.question}" for d in doubts)


def queue_doubts(
    client: Client, ws: Workspace, main: ProjectRef, *, batch_size: int = defaults.PUSH_BATCH_SIZE
) -> ReviewResult:
    """Queue exactly the sentences with open doubts (those ``corpus status`` lists) in the review
    project; a sentence queued before (as a dispute) gets the doubts added to its task's data."""
    review = ensure_review_project(ws, client, main)
    existing = {str((t.get("data") or {}).get("sentence_id")): t for t in client.iter_tasks(review.id)}
    stale = stale_sentences(ws, main.key)
    result = ReviewResult(main.name, review.name, review.web_url, kind="doubts")
    sections: Counter[str] = Counter()
    batch: list[dict[str, Any]] = []
    for task in iter_export(client, main):
        data = task.get("data") or {}
        if data.get("sentence_id") in stale:
            continue
        outcome = convert_task(task, main.id, main.key)
        found = DoubtLog().add(int(task["id"]), str(data.get("text", "")), outcome.records)
        if not found:
            continue
        before = existing.get(found[0].sentence_id)
        if before is not None and int(before.get("total_annotations") or 0):
            continue  # decided: its doubts are closed
        result.disputed += 1
        result.doubts += len(found)
        sections.update(f"§{d.section}" for d in found)
        text = doubts_text(found)
        if before is not None:
            result.already_queued += 1
            queued_data = before.get("data") or {}
            if queued_data.get(DOUBTS_FIELD) != text:
                client.update_task(int(before["id"]), {**queued_data, DOUBTS_FIELD: text})
            continue
        reasons = [f"doubt §{s}" for s in dict.fromkeys(d.section for d in found)]
        batch.append(review_task(task, main, reasons, _versions(task, outcome.records), text))
        if len(batch) >= batch_size:
            client.import_tasks(review.id, batch)
            result.queued += len(batch)
            batch = []
    if batch:
        client.import_tasks(review.id, batch)
        result.queued += len(batch)
    result.by_reason = dict(sorted(sections.items(), key=lambda item: section_key(item[0].lstrip("§"))))
    result.adjudication = adjudication_progress(client, review)
    return result


def review(
    *,
    project: str | None = None,
    min_annotators: int = 2,
    labels: Iterable[str] | None = None,
    doubts: bool = False,
    workspace: Workspace | str | Path | None = None,
    url: str | None = None,
    api_key: str | None = None,
) -> ReviewResult:
    """Queue every sentence whose annotators disagree for adjudication in a review project.

    With ``doubts``, queue instead exactly the sentences with an open doubt: a comment line that
    names a guideline section (``§3.3: ...``, guidelines section 5), not yet decided in the review
    project. Their doubts are in the review task's ``doubts`` field.

    Args:
        project: the project name used with push.
        min_annotators: only sentences with at least this many annotators are compared.
        labels: only these disagreements count: span labels, ``attributions``, ``figures``,
            ``checkworthy`` (default: all).
        doubts: queue the sentences with open doubts instead of the disputes.
        workspace, url, api_key: as for pull.

    Raises:
        OptionError: an unknown name in ``labels`` or fewer than two annotators asked for.
        NoProject: the project was never pushed from this workspace to this server.
        WorkspaceBusy: another command holds the workspace.
        LabelStudioError: the server refused or could not be reached (run again: nothing is queued twice).
    """
    wanted = checked_aspects(labels)
    if doubts and labels is not None:
        raise OptionError("--doubts queues the sentences with open doubts: it takes no --labels")
    if min_annotators < 2:
        raise OptionError(f"--min-annotators {min_annotators}: a disagreement needs at least 2 annotators")
    ws = Workspace.of(workspace)
    project = project_name(ws, project)
    with ws.lock("corpus review"), connect(ws, url, api_key) as client:
        main = find_project(ws, client, project)
        if doubts:
            return queue_doubts(client, ws, main)
        return queue_disputes(client, ws, main, min_annotators=min_annotators, labels=wanted)
