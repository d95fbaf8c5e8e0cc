"""Predictions follow the pre-annotator: when its version changes, the tasks nobody worked on get
the new predictions; the tasks somebody annotated keep theirs.

Every prediction carries the ``model_version`` of what made it. ``push`` calls ``refresh`` when
the version recorded for the project is not the current one (the rules improved, a model was
retrained): for each task with no annotation, no cancelled annotation and no draft, its old
predictions are deleted (Label Studio's data manager action) and the current ones imported in
bulk (``/api/projects/ID/import/predictions``), a batch at a time; then the project is told to
show the new version. The version is recorded only when every batch is done, so an interrupted
refresh is finished by running push again (deleting first makes a batch safe to do twice).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import defaults
from corpus.jsonl import read_records
from corpus.results import Result, json_field
from corpus.studio.client import Client
from corpus.studio.project import ProjectRef, show_predictions_of
from corpus.studio.rule_predictions import PushedPredictions
from corpus.studio.tasks import article_before, document_metadata, predictions_for
from corpus.workspace import Workspace

REFRESH_BATCH = 500


@dataclass
class PredictionRefresh(Result):
    """What a refresh did: the versions, and the tasks refreshed or kept because worked on."""

    old_version: str | None
    version: str
    queue: str = defaults.QUEUE
    refreshed: int = 0  # tasks nobody worked on: predictions replaced by the current version's
    kept: int = 0  # tasks with annotations or drafts: their predictions kept
    not_in_file: int = json_field(name="stale", default=0)  # tasks of sentences no longer pushed: left as they are
    task_ids: list[int] = json_field(hidden=True, default_factory=list)

    def line(self) -> str:
        what = (
            f"predictions re-scored for the queue order {self.queue!r}"
            if self.old_version == self.version
            else f"predictions {self.old_version or 'of an earlier version'} -> {self.version}"
        )
        return f"{what}: {self.refreshed} tasks refreshed, {self.kept} kept (annotated or drafted)" + (
            f", {self.not_in_file} stale left as they are" if self.not_in_file else ""
        )


def recorded_version(workspace: Workspace, project: ProjectRef) -> tuple[str | None, str]:
    """The version of the predictions the project's tasks carry, and the queue order their
    scores follow, as the last push left them."""
    entry = workspace.state.get("projects", {}).get(project.name) or {}
    version = entry.get("model_version")
    return (str(version) if version else None), str(entry.get("queue") or defaults.QUEUE)


def record_version(workspace: Workspace, project: ProjectRef, version: str, queue: str = defaults.QUEUE) -> None:
    state = workspace.state
    entry = state.setdefault("projects", {}).get(project.name)
    if entry is not None:
        entry["model_version"] = version
        entry["queue"] = queue
        workspace.save_state(state)


def _worked_on(task: dict[str, Any]) -> bool:
    return bool(
        int(task.get("total_annotations") or 0)
        or int(task.get("cancelled_annotations") or 0)
        or task.get("drafts")
        or int(task.get("total_drafts") or 0)
    )


def _batches(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def refresh(
    client: Client,
    workspace: Workspace,
    project: ProjectRef,
    sentences_path: str | Path,
    *,
    old_version: str | None,
    version: str = defaults.MODEL_VERSION,
    queue: str = defaults.QUEUE,
) -> PredictionRefresh:
    """Give every task nobody worked on the predictions of ``version``; keep the others'."""
    result = PredictionRefresh(old_version, version, queue)
    sentences = {s["id"]: s for s in read_records(sentences_path, record_type="sentence")}
    documents = document_metadata(Path(sentences_path))
    todo: list[tuple[int, dict[str, Any]]] = []
    for task in client.iter_tasks(project.id):
        sentence = sentences.get(str((task.get("data") or {}).get("sentence_id")))
        if sentence is None:
            result.not_in_file += 1
        elif _worked_on(task):
            result.kept += 1
        else:
            todo.append((int(task["id"]), sentence))
    kept = PushedPredictions(workspace)
    for batch in _batches(todo, REFRESH_BATCH):
        ids = [task_id for task_id, _ in batch]
        client.request(
            "POST",
            "/api/dm/actions/",
            params={"id": "delete_tasks_predictions", "project": project.id},
            json={"selectedItems": {"all": False, "included": ids}, "project": str(project.id)},
        )
        body: list[dict[str, Any]] = []
        sent = []
        for task_id, sentence in batch:
            document = documents.get(sentence["doc_id"])
            predictions = predictions_for(
                sentence["text"],
                sentence["context_before"],
                sentence["role"],
                queue,
                article_before(sentence, document),
            )
            body.extend({"task": task_id, **prediction} for prediction in predictions)
            sent.append((sentence, document, predictions))
        kept.keep(sent)  # for the card's baseline, as push keeps them
        if body:
            client.request("POST", f"/api/projects/{project.id}/import/predictions", json=body)
        result.refreshed += len(batch)
        result.task_ids.extend(ids)
    kept.close()
    show_predictions_of(client, project.id, version)
    record_version(workspace, project, version, queue)
    return result
