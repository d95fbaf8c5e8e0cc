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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonlines

from corpus import defaults
from corpus.errors import LabelStudioError, OptionError, Unreachable
from corpus.jsonl import read_records
from corpus.schema import sentence_roles
from corpus.studio import labelconfig
from corpus.studio.checks import PredictionChecker
from corpus.studio.client import Client, connect
from corpus.studio.project import ProjectRef, ensure_project, forget_project
from corpus.studio.tasks import BATCH_FIELD, task_for
from corpus.workspace import Workspace


@dataclass
class PushResult:
    """What a push did: the project, and how many sentences were imported or already there."""

    project: ProjectRef
    created: bool
    sentences: int = 0
    imported: int = 0
    already: int = 0
    left_out: int = 0
    recovered_batches: int = 0

    def line(self) -> str:
        return (
            f"{self.imported} tasks imported, {self.already} already there, {self.left_out} left out by role "
            f"-> project {self.project.name!r} at {self.project.web_url}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "project": self.project.name,
            "project_id": self.project.id,
            "url": self.project.web_url,
            "created": self.created,
            "sentences": self.sentences,
            "imported": self.imported,
            "already_there": self.already,
            "left_out_by_role": self.left_out,
            "recovered_batches": self.recovered_batches,
        }


class Journal:
    """Append-only record of the batches sent to one project."""

    def __init__(self, path: Path):
        self.path = path
        self.done: set[str] = set()
        self.pending: dict[str, list[str]] = {}
        if path.exists():
            with jsonlines.open(path, loads=json.loads) as reader:
                # skip_invalid: a line cut short by a kill; its batch stays pending or unsent
                for entry in reader.iter(type=dict, skip_invalid=True, skip_empty=True):
                    if entry["state"] == "pending":
                        self.pending[entry["batch"]] = entry["sentences"]
                    else:
                        self.done.update(self.pending.pop(entry["batch"], entry.get("sentences", [])))

    def _append(self, entry: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a+b") as handle:
            # After a line cut short by a kill, start a new line: the entry must not join it.
            size = handle.seek(0, os.SEEK_END)
            if size and handle.seek(size - 1) is not None and handle.read(1) != b"\n":
                handle.write(b"\n")
            jsonlines.Writer(handle, dumps=json.dumps).write(entry)
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


def _document_metadata(sentences_path: Path) -> dict[str, dict[str, Any]]:
    """Title and url of each document, from documents.jsonl beside the sentences (if there)."""
    path = sentences_path.parent / defaults.DOCUMENTS_FILE
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


def checked_roles(roles: Iterable[str]) -> set[str]:
    """The roles as a set, if the schema knows each of them."""
    wanted, known = set(roles), sentence_roles()
    unknown = wanted - set(known)
    if unknown:
        raise OptionError(f"unknown roles: {', '.join(sorted(unknown))} (known: {', '.join(known)})")
    return wanted


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


def _import_once(
    client: Client, project: ProjectRef, journal: Journal, batch: str, tasks: list[dict[str, Any]], attempts: int = 5
) -> None:
    """Send one batch so that it lands exactly once, also when an answer is lost on the way."""
    journal.begin(batch, [t["data"]["sentence_id"] for t in tasks])
    for attempt in range(attempts):
        try:
            client.import_tasks(project.id, tasks, retry=False)
            journal.finish(batch)
            return
        except Unreachable:
            time.sleep(min(8.0, 0.5 * 2**attempt))
            # The request may have been carried out even though its answer was lost.
            if client.count_tasks(project.id, BATCH_FIELD, batch) == len(tasks):
                journal.finish(batch)
                return
    raise Unreachable(
        client.unreachable("the import kept failing") + " (nothing is lost: the next push sends what is missing)"
    )


def push_sentences(
    client: Client,
    workspace: Workspace,
    project: ProjectRef,
    created: bool,
    sentences_path: str | Path,
    *,
    roles: Iterable[str] = defaults.PUSH_ROLES,
    batch_size: int = defaults.PUSH_BATCH_SIZE,
    on_batch: Callable[[int], None] | None = None,
) -> PushResult:
    """Import every sentence of ``sentences_path`` not yet in the project, in batches."""
    roles = checked_roles(roles)
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

    checker: PredictionChecker | None = None  # built at the first batch: a re-push with nothing new skips it
    for sentences in _batches(new_sentences(), batch_size):
        batch = uuid.uuid4().hex
        tasks = [task_for(s, documents.get(s["doc_id"]), batch) for s in sentences]
        # The project's config is the generated one (ensure_project sets it): a pre-annotation
        # that does not fit it would be an empty region in the browser, so nothing is sent then.
        checker = checker or PredictionChecker(labelconfig.generate())
        checker.check_tasks(tasks)
        _import_once(client, project, journal, batch, tasks)
        result.imported += len(tasks)
        if on_batch:
            on_batch(len(tasks))
    return result


def push(
    sentences: str | Path,
    *,
    project: str = defaults.PROJECT,
    overlap: int = defaults.OVERLAP,
    roles: Iterable[str] = defaults.PUSH_ROLES,
    batch_size: int = defaults.PUSH_BATCH_SIZE,
    update_config: bool = False,
    recreate: bool = False,
    workspace: Workspace | str | Path | None = None,
    url: str | None = None,
    api_key: str | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> PushResult:
    """Send the sentences of ``corpus split`` to Label Studio as tasks with pre-annotations.

    Creates the workspace's project (or reuses it), sets its labeling config from the schema,
    the guidelines and the overlap, and imports the sentences it does not have yet, in batches,
    exactly once (a push that was interrupted is finished by running it again). Holds the
    workspace lock throughout.

    Args:
        sentences: a sentences.jsonl written by split.
        project: the project name (at least 3 characters).
        overlap: annotators per task.
        roles: sentence roles to push (see ``corpus.sentence_roles()``).
        batch_size: tasks per import request.
        update_config: restore the generated labeling config even if the project has annotations.
        recreate: forget the recorded project (e.g. after it was deleted) and create a new one.
        workspace: the workspace folder (default: CORPUS_WORKSPACE or the current directory).
        url, api_key: another Label Studio (default: LABEL_STUDIO_URL/LABEL_STUDIO_API_KEY, else the local one).
        on_batch: called with the size of each batch imported.

    Raises:
        InputError: a bad line in ``sentences`` (named by file and line).
        OptionError: an unknown role or a short project name.
        PredictionError: a pre-annotation does not fit the labeling config (a bug; that batch is not sent).
        WorkspaceBusy: another command holds the workspace.
        LabelStudioError: the server refused or could not be reached (nothing is lost; run again).
    """
    ws = Workspace.of(workspace)
    checked_roles(roles)  # before any connection: a typo fails at once
    with ws.lock("corpus push"), connect(ws, url, api_key) as client:
        if recreate:
            forget_project(ws, project)
        ref, created = ensure_project(ws, client, project, overlap=overlap, update_config=update_config)
        return push_sentences(
            client, ws, ref, created, sentences, roles=roles, batch_size=batch_size, on_batch=on_batch
        )
