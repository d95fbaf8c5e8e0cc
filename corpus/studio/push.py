"""``corpus push``: sentences become Label Studio tasks with rule-based pre-annotations.

Exactly once, even when interrupted: before a batch is sent, the journal
(``.corpus/push/<project key>.jsonl``) records it as pending with its sentence ids, and every
task carries its batch id. A later run asks Label Studio how many tasks of a pending batch
arrived (one filtered count, not a listing): all of them means done, none means send again.
Sentences already in the journal are never listed from or sent to Label Studio again, so a
re-push of an unchanged file costs one pass over the file.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from corpus.studio import labelconfig as lc
from corpus.jsonl import read_records
from corpus.studio.client import Client, LabelStudioError, Unreachable
from corpus.text.prelabel import MODEL_VERSION, suggest
from corpus.studio.project import ProjectRef
from corpus.text.segment import ROLES
from corpus.text.sentences import DOCUMENTS_FILE
from corpus.workspace import Workspace

BATCH_SIZE = 1000
DEFAULT_ROLES = ("title", "body", "caption_title", "caption")
BATCH_FIELD = "corpus_batch"


@dataclass
class PushResult:
    project: ProjectRef
    created: bool
    sentences: int = 0
    imported: int = 0
    already: int = 0
    left_out: int = 0
    recovered_batches: int = 0


class Journal:
    """Append-only record of the batches sent to one project."""

    def __init__(self, path: Path):
        self.path = path
        self.done: set[str] = set()
        self.pending: dict[str, list[str]] = {}
        if path.exists():
            with open(path, encoding="utf-8") as handle:
                for line in handle:
                    try:
                        entry = json.loads(line)
                    except json.JSONDecodeError:
                        continue  # a line cut short by a kill: its batch stays pending or unsent
                    if entry["state"] == "pending":
                        self.pending[entry["batch"]] = entry["sentences"]
                    else:
                        self.done.update(self.pending.pop(entry["batch"], entry.get("sentences", [])))

    def _append(self, entry: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def begin(self, batch: str, sentence_ids: list[str]) -> None:
        self._append({"batch": batch, "state": "pending", "sentences": sentence_ids})
        self.pending[batch] = sentence_ids

    def finish(self, batch: str) -> None:
        self._append({"batch": batch, "state": "done"})
        self.done.update(self.pending.pop(batch, []))

    def abandon(self, batch: str) -> None:
        """The batch never reached Label Studio: its sentences are to be sent again."""
        self._append({"batch": batch, "state": "abandoned"})
        self.pending.pop(batch, None)


def journal_for(workspace: Workspace, project: ProjectRef) -> Journal:
    return Journal(workspace.path("push", f"{project.key}.jsonl"))


def _figure_results(figure: Any, region: str) -> list[dict[str, Any]]:
    span = {"start": figure.start, "end": figure.end, "text": figure.text}
    common = {"id": region, "to_name": lc.SENTENCE, "origin": "prediction"}
    results = [{**common, "from_name": lc.SPAN_LABELS, "type": "labels", "value": {**span, "labels": ["FIGURE"]}}]
    if figure.value is not None:
        results.append({**common, "from_name": lc.FIGURE_VALUE, "type": "number", "value": {**span, "number": figure.value}})
    if figure.unit:
        results.append({**common, "from_name": lc.FIGURE_UNIT, "type": "textarea", "value": {**span, "text": [figure.unit]}})
    results.append({**common, "from_name": lc.FIGURE_KIND, "type": "choices", "value": {**span, "choices": [figure.kind]}})
    results.append({**common, "from_name": lc.FIGURE_APPROX, "type": "choices", "value": {**span, "choices": [figure.approx]}})
    return results


def predictions_for(text: str) -> list[dict[str, Any]]:
    """The pre-annotation of one sentence as Label Studio predictions (offsets in code points,
    as Label Studio's Text tag counts them)."""
    figures, cues = suggest(text)
    if not figures and not cues:
        return []
    result: list[dict[str, Any]] = []
    for n, figure in enumerate(figures):
        result.extend(_figure_results(figure, f"fig{n}"))
    for n, cue in enumerate(cues):
        result.append({"id": f"cue{n}", "from_name": lc.SPAN_LABELS, "to_name": lc.SENTENCE, "type": "labels", "origin": "prediction",
                       "value": {"start": cue.start, "end": cue.end, "text": cue.text, "labels": ["CUE"]}})
    return [{"model_version": MODEL_VERSION, "score": 1.0, "result": result}]


def task_for(sentence: dict[str, Any], document: dict[str, Any] | None, batch: str) -> dict[str, Any]:
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


def _document_metadata(sentences_path: Path) -> dict[str, dict[str, Any]]:
    """Title and url of each document, from documents.jsonl beside the sentences (if there)."""
    path = sentences_path.parent / DOCUMENTS_FILE
    if not path.exists():
        return {}
    return {d["id"]: {"title": d.get("title"), "url": d.get("url")} for d in read_records(path, record_type="document")}


def _batches(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def recover_pending(client: Client, project: ProjectRef, journal: Journal) -> int:
    """Settle batches that a killed push left pending; returns how many had arrived."""
    arrived = 0
    for batch, ids in list(journal.pending.items()):
        count = client.count_tasks(project.id, BATCH_FIELD, batch)
        if count == len(ids):
            journal.finish(batch)
            arrived += 1
        elif count == 0:
            journal.abandon(batch)
        else:
            raise LabelStudioError(
                f"batch {batch} of project {project.name!r} arrived only in part ({count} of {len(ids)} tasks); "
                "Label Studio imports a batch in one transaction, so this project was changed by hand"
            )
    return arrived


def _import_once(client: Client, project: ProjectRef, journal: Journal, batch: str, tasks: list[dict[str, Any]], attempts: int = 5) -> None:
    """Send one batch so that it lands exactly once, also when an answer is lost on the way."""
    journal.begin(batch, [t["data"]["sentence_id"] for t in tasks])
    for attempt in range(attempts):
        try:
            client.import_tasks(project.id, tasks, retry=False)
            journal.finish(batch)
            return
        except Unreachable:
            time.sleep(min(8.0, 0.5 * 2 ** attempt))
            # The request may have been carried out even though its answer was lost.
            if client.count_tasks(project.id, BATCH_FIELD, batch) == len(tasks):
                journal.finish(batch)
                return
    raise Unreachable(client.unreachable("the import kept failing") + " (nothing is lost: the next push sends what is missing)")


def push_sentences(
    client: Client,
    workspace: Workspace,
    project: ProjectRef,
    created: bool,
    sentences_path: str | Path,
    *,
    roles: Iterable[str] = DEFAULT_ROLES,
    batch_size: int = BATCH_SIZE,
    on_batch: Callable[[int], None] | None = None,
) -> PushResult:
    """Import every sentence of ``sentences_path`` not yet in the project, in batches."""
    roles = set(roles)
    unknown = roles - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {', '.join(sorted(unknown))} (known: {', '.join(ROLES)})")
    sentences_path = Path(sentences_path)
    result = PushResult(project, created)
    journal = journal_for(workspace, project)
    if created and (journal.done or journal.pending):
        journal.path.unlink()
        journal = journal_for(workspace, project)
    result.recovered_batches = recover_pending(client, project, journal)
    documents = _document_metadata(sentences_path)

    def new_sentences() -> Iterator[dict[str, Any]]:
        queued: set[str] = set()  # a sentence listed twice in the file is sent once
        for sentence in read_records(sentences_path, record_type="sentence"):
            result.sentences += 1
            if sentence["role"] not in roles:
                result.left_out += 1
            elif sentence["id"] in journal.done or sentence["id"] in queued:
                result.already += 1
            else:
                queued.add(sentence["id"])
                yield sentence

    for sentences in _batches(new_sentences(), batch_size):
        batch = uuid.uuid4().hex
        tasks = [task_for(s, documents.get(s["doc_id"]), batch) for s in sentences]
        _import_once(client, project, journal, batch, tasks)
        result.imported += len(tasks)
        if on_batch:
            on_batch(len(tasks))
    return result
