"""``corpus push``: the project is reconciled with the current sentences.

New sentences become tasks with rule-based pre-annotations, exactly once even when
interrupted (see studio/journal.py); a sentence already there whose task data moved (offsets,
paragraph, context) gets its data updated, its annotations untouched; sentences no longer in
the file are reported as stale and, with ``prune``, deleted when nobody annotated them. All of
it is decided from the journal: a re-push costs one pass over the file and no request per
sentence, and none at all when the inputs are those of the last push and nothing was journaled
since. The batches are prepared (rules, checks, request body) in a worker process started
before anything else, the next one while the current one is imported (studio/prepare.py). A
project of an older schema major is upgraded first (studio/migrate.py).
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from corpus import defaults
from corpus.errors import LabelStudioError, NotFound, OptionError, Unreachable
from corpus.jsonl import atomic_path, read_records, require_file
from corpus.labels.anchor import corrections
from corpus.schema import SCHEMA_VERSION, sentence_roles
from corpus.studio import labelconfig
from corpus.studio.client import Client, connect, task_body
from corpus.studio.fork import safe_to_fork
from corpus.studio.journal import DOUBT_HOURS, Journal, data_print, journal_for, journal_path, last_push_path
from corpus.studio.migrate import ProjectMigration, migrate_project, needs_migration
from corpus.studio.predict import PredictionRefresh, record_version, recorded_version, refresh
from corpus.studio.prepare import (
    LocalPreparer,
    PreparedBatch,
    Preparer,
    WorkerPreparer,
    batches,
    first_batch_size,
    prepared_ahead,
)
from corpus.studio.project import (
    ProjectRef,
    ensure_recorded_project,
    forget_project,
    project_name,
    recorded_project,
    show_predictions_of,
)
from corpus.studio.tasks import BATCH_FIELD, document_metadata, task_data
from corpus.version import __version__
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
    updated: int = 0  # sentences already there whose task data moved
    stale: list[str] = field(default_factory=list)  # sentence ids in the project, no longer in the file
    pruned: list[str] = field(default_factory=list)  # stale and unannotated: deleted (with prune)
    # stale tasks that carry annotations (kept, never pruned): sentence id, task id, annotation count
    stale_annotated: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)  # stale sentences whose text was corrected
    acknowledged: int = 0  # stale sentences the lead has seen (--ack-stale): no longer listed
    acknowledged_now: int = 0  # of those, acknowledged by this push
    predictions: PredictionRefresh | None = None  # the pre-annotator's version changed: tasks refreshed
    upgrade: ProjectMigration | None = None  # a project of an older schema upgraded first
    missing: list[str] = field(default_factory=list)  # pushed once, their task since deleted by hand
    late: int = 0  # tasks of a request that reached Label Studio after it was sent again: removed
    late_kept: list[int] = field(default_factory=list)  # such duplicates kept: each carries annotations

    def line(self) -> str:
        stale = ""
        if self.stale:
            stale = f", {len(self.stale)} stale (no longer in the sentences file"
            if self.changed:
                stale += f": {len(self.changed)} corrected, {len(self.stale) - len(self.changed)} removed"
            annotated = sum(s["annotations"] for s in self.stale_annotated)
            if self.stale_annotated:
                stale += f"; {len(self.stale_annotated)} of them carry {annotated} annotations, now orphans"
            if self.pruned:
                stale += f"; {len(self.pruned)} pruned"
            elif len(self.stale_annotated) < len(self.stale):
                stale += "; --prune deletes those nobody annotated"
            stale += "; --ack-stale stops listing them)"
        elif self.acknowledged_now:
            before = self.acknowledged - self.acknowledged_now
            stale = f", {self.acknowledged_now} stale acknowledged now (later pushes count them, not list them)"
            stale += f", {before} before" if before else ""
        elif self.acknowledged:
            stale = f", {self.acknowledged} stale already acknowledged"
        upgrade = ""
        if self.upgrade:
            u = self.upgrade
            upgrade = (
                f"project upgraded from schema {u.from_version}: {u.renamed} tasks renamed, {len(u.unmatched)} whose text "
                f"is gone kept as stale, {u.annotations_converted} annotations converted ({u.uncarried} answers without "
                f"an equivalent kept in their comment)\n"
            )
        if self.predictions:
            upgrade += self.predictions.line() + "\n"
        return upgrade + (
            f"{self.imported} tasks imported, {self.already} already there ({self.updated} of them moved: task data "
            f"updated), {self.left_out} left out by role{stale}"
            + (f", {len(self.missing)} whose task was deleted in Label Studio" if self.missing else "")
            + (f", {self.late} duplicate tasks of a request that arrived late removed" if self.late else "")
            + (
                f", {len(self.late_kept)} duplicate tasks kept because both copies carry annotations "
                f"(tasks {', '.join(map(str, self.late_kept))})"
                if self.late_kept
                else ""
            )
            + f" -> project {self.project.name!r} at {self.project.web_url}"
            + "".join(
                f"\n  corrected in {c['doc_id']}: {c['old_text']!r} -> {c['new_text']!r}"
                + (
                    f" ({c['annotations']} annotations orphaned; the new version needs annotating)"
                    if c["annotations"]
                    else ""
                )
                for c in self.changed
            )
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
            "updated": self.updated,
            "stale": self.stale,
            "pruned": self.pruned,
            "stale_annotated": self.stale_annotated,
            "changed": self.changed,
            "acknowledged": self.acknowledged,
            "acknowledged_now": self.acknowledged_now,
            "predictions": self.predictions.to_dict() if self.predictions else None,
            "upgrade": self.upgrade.to_dict() if self.upgrade else None,
            "missing": self.missing,
            "late_removed": self.late,
            "late_kept": self.late_kept,
        }


def checked_queue(queue: str | None, workspace: Workspace, project: str) -> str:
    """The queue order asked for, else the one this project was pushed with, else document order."""
    if queue is None:
        entry = workspace.state.get("projects", {}).get(project) or {}
        return str(entry.get("queue") or defaults.QUEUE)
    if queue not in defaults.QUEUE_SAMPLING:
        raise OptionError(f"unknown queue order {queue!r} (known: {', '.join(defaults.QUEUE_SAMPLING)})")
    return queue


def checked_roles(roles: Iterable[str]) -> set[str]:
    """The roles as a set, if the schema knows each of them."""
    wanted, known = set(roles), sentence_roles()
    unknown = wanted - set(known)
    if unknown:
        raise OptionError(f"unknown roles: {', '.join(sorted(unknown))} (known: {', '.join(known)})")
    return wanted


def recover_pending(client: Client, project: ProjectRef, journal: Journal) -> int:
    """Settle batches that a killed push left pending; returns how many had arrived.

    Each attempt of a batch is counted by its own marker: one that arrived whole makes the
    batch done (the others stay in doubt); none arrived: the batch is abandoned (its sentences
    are sent again, its attempts stay in doubt: see ``settle_doubts``).
    """
    arrived = 0
    for batch, ids in list(journal.pending.items()):
        counts = {marker: client.count_tasks(project.id, BATCH_FIELD, marker) for marker in journal.sent_markers(batch)}
        landed = [marker for marker, count in counts.items() if count >= len(ids)]
        part = next(((m, c) for m, c in counts.items() if 0 < c < len(ids)), None)
        if part is not None:
            raise LabelStudioError(
                f"batch {batch} of project {project.name!r} arrived only in part ({part[1]} of {len(ids)} tasks); "
                "Label Studio imports a batch in one transaction, so this project was changed by hand"
            )
        if landed:
            journal.finish(batch, marker=landed[0])
            arrived += 1
            if counts[landed[0]] > len(ids):  # sent twice under one marker (a corpus before 0.2)
                _keep_one(client, project, journal, [landed[0]])
        else:
            journal.abandon(batch)
    return arrived


def settle_doubts(client: Client, project: ProjectRef, journal: Journal) -> tuple[int, list[int]]:
    """Count the tasks of every attempt in doubt (sent, its answer lost, another attempt taken
    or the batch abandoned): one that landed late leaves each sentence one task (the one with
    annotations or drafts, else the one the journal knows); a doubt counted empty for
    ``DOUBT_HOURS`` is dropped. Returns the duplicate tasks removed, and those kept because
    both copies carry work (never deleted)."""
    if not journal.doubts:
        return 0, []
    now = time.time()
    landed, expired = [], []
    for marker, since in list(journal.doubts.items()):
        if client.count_tasks(project.id, BATCH_FIELD, marker):
            landed.append(marker)
        elif now - since > DOUBT_HOURS * 3600:
            expired.append(marker)
    removed, kept = _keep_one(client, project, journal, landed) if landed else (0, [])
    if landed or expired:
        journal.settle(landed + expired)
    return removed, kept


def _keep_one(client: Client, project: ProjectRef, journal: Journal, markers: list[str]) -> tuple[int, list[int]]:
    """Each sentence of the tasks carrying one of ``markers`` keeps one task: the journal
    learns its id; the others go, unless they carry annotations or drafts (checked on each
    task just before it is deleted). Returns how many went, and the ids of those kept."""
    by_sentence: dict[str, list[dict[str, Any]]] = {}
    late: set[str] = set()
    for task in client.iter_tasks(project.id):
        data = task.get("data") or {}
        sentence = data.get("sentence_id")
        if sentence is None:
            continue
        by_sentence.setdefault(sentence, []).append(task)
        if data.get(BATCH_FIELD) in markers:
            late.add(sentence)
    removed, kept, index = 0, [], {}
    for sentence in sorted(late):
        tasks = sorted(by_sentence[sentence], key=lambda t: int(t["id"]))
        known = journal.tasks.get(sentence)
        # The keeper: one with work, else the one the journal knows, else the first made.
        keeper = next((t for t in tasks if _annotated(t)), None) or next(
            (t for t in tasks if t["id"] == known), tasks[0]
        )
        others = [int(t["id"]) for t in tasks if t is not keeper]
        # As an export has them: every user's drafts (a task listing shows the caller's only).
        for task in client.export_tasks(project.id, others) if others else []:
            if task.get("annotations") or task.get("drafts"):
                kept.append(int(task["id"]))
                continue
            client.delete_task(int(task["id"]))
            removed += 1
        if known != keeper["id"] or sentence not in journal.done:
            index[sentence] = int(keeper["id"])
    if index:
        journal.record({"state": "indexed", "tasks": index})
    return removed, kept


def _marked(body: bytes, marker: str) -> bytes:
    """The request body of a batch with its tasks' marker replaced (a re-sent attempt)."""
    tasks = json.loads(body)
    for task in tasks:
        task["data"][BATCH_FIELD] = marker
    return task_body(tasks)


def _import_once(
    client: Client, project: ProjectRef, journal: Journal, batch: PreparedBatch, attempts: int = 5
) -> None:
    """Send one batch so that it lands exactly once, also when an answer is lost on the way.

    After a lost answer, the tasks of every attempt so far are counted: one that arrived whole
    is taken. Otherwise the batch goes again under a new marker, journaled before it is sent:
    the earlier attempt may still land later (its request held somewhere past the client's
    time-out), and then ``settle_doubts`` finds its tasks by their marker and removes them.
    """
    journal.begin(batch.id, batch.sentence_ids, batch.prints)
    body, marker = batch.body, batch.id
    for attempt in range(attempts):
        if attempt:
            marker = f"{batch.id}.{attempt}"
            journal.sending(batch.id, marker)
            body = _marked(batch.body, marker)
        try:
            task_ids = client.import_body(project.id, body)
            journal.finish(batch.id, task_ids if len(task_ids) == len(batch) else None, marker)
            return
        except Unreachable:
            time.sleep(min(8.0, 0.5 * 2**attempt))
            # The request may have been carried out even though its answer was lost.
            for sent in journal.sent_markers(batch.id):
                if client.count_tasks(project.id, BATCH_FIELD, sent) == len(batch):
                    journal.finish(batch.id, marker=sent)
                    return
    raise Unreachable(
        client.unreachable("the import kept failing") + " (nothing is lost: the next push sends what is missing)"
    )


def index_tasks(client: Client, project: ProjectRef, journal: Journal) -> None:
    """Learn the task ids the journal lacks (batches settled by counting) with one listing."""
    found = {}
    for task in client.iter_tasks(project.id):
        sentence = (task.get("data") or {}).get("sentence_id")
        if sentence in journal.done and sentence not in journal.tasks:
            found[sentence] = task["id"]
    if found:
        journal.record({"state": "indexed", "tasks": found})


def _stale_tasks(client: Client, project: ProjectRef, journal: Journal, stale: list[str]) -> dict[str, dict[str, Any]]:
    """The tasks of stale sentences as Label Studio has them (one request each: stale ones are few);
    a task deleted in Label Studio meanwhile is forgotten."""
    if any(s not in journal.tasks for s in stale):
        index_tasks(client, project, journal)
    found = {}
    for sentence in stale:
        task_id = journal.tasks.get(sentence)
        if task_id is None:
            continue  # no longer in the project at all
        try:
            found[sentence] = client.task(task_id)
        except NotFound:
            journal.record({"state": "deleted", "sentences": [sentence]})
    return found


def _annotated(task: dict[str, Any]) -> int:
    """Finished and cancelled annotations of a task: the work a prune must never delete."""
    return int(task.get("total_annotations") or 0) + int(task.get("cancelled_annotations") or 0)


def _prune(client: Client, journal: Journal, tasks: dict[str, dict[str, Any]]) -> list[str]:
    """Delete the stale tasks nobody worked on (no annotation, no draft); returns their sentence ids."""
    deleted = []
    for sentence, task in tasks.items():
        if not (_annotated(task) or task.get("drafts")):
            client.delete_task(task["id"])
            journal.record({"state": "deleted", "sentences": [sentence]})
            deleted.append(sentence)
    return deleted


def _changed(sentences_path: Path, tasks: dict[str, dict[str, Any]], annotated: dict[str, int]) -> list[dict[str, Any]]:
    """Stale sentences whose text was corrected, each with its new version from the file."""
    gone = [(s, str(t["data"].get("doc_id")), str(t["data"].get("text", ""))) for s, t in tasks.items()]
    docs = {doc for _, doc, _ in gone}
    current = [
        (r["id"], r["doc_id"], r["text"])
        for r in read_records(sentences_path, record_type="sentence")
        if r["doc_id"] in docs and r["id"] not in tasks
    ]
    return [
        {**asdict(c), "task": tasks[c.old_id]["id"], "annotations": annotated.get(c.old_id, 0)}
        for c in corrections(gone, current)
    ]


def _inputs_print(sentences_path: Path, roles: set[str], order: str = defaults.QUEUE) -> str:
    """Fingerprint of everything besides the journal that decides a push: the bytes of the
    sentences and documents files, the roles, and the versions that shape task data."""
    digest = hashlib.blake2b(digest_size=16)
    versions = f"{__version__}\0{SCHEMA_VERSION}\0{defaults.MODEL_VERSION}\0{order}\0{','.join(sorted(roles))}\0"
    digest.update(versions.encode())
    for path in (sentences_path, sentences_path.parent / defaults.DOCUMENTS_FILE):
        if path.exists():
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def _same_as_last_push(
    workspace: Workspace, key: str, journal_size: int, inputs: str, result: PushResult | None = None
) -> bool:
    """Whether the last push had the same inputs and nothing was journaled since; if so, its
    counts are this push's (a re-push of an unchanged file then reads no sentence)."""
    try:
        last = json.loads(last_push_path(workspace, key).read_text(encoding="utf-8"))
        if last["inputs"] != inputs or last["journal_size"] != journal_size:
            return False
        if result is not None:
            result.sentences, result.already, result.left_out = last["sentences"], last["already"], last["left_out"]
            result.stale = list(last["stale"])
            result.stale_annotated = list(last.get("stale_annotated") or [])
            result.changed = list(last.get("changed") or [])
            result.acknowledged = int(last.get("acknowledged") or 0)
        return True
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _start_worker(
    workspace: Workspace,
    project: str,
    sentences_path: Path,
    roles: set[str],
    batch_size: int,
    recreate: bool,
    inputs: str,
    order: str = defaults.QUEUE,
) -> WorkerPreparer | None:
    """A worker process to prepare the batches of this push, unless there will probably be none
    to send (the last push's inputs, nothing journaled since) or this process cannot fork safely
    (no fork, or other threads: a notebook's, a test's proxy). For a project not recorded yet
    the worker prepares the first batch before it is asked for."""
    if not safe_to_fork():
        return None
    entry = None if recreate else workspace.state.get("projects", {}).get(project)
    if entry:
        journal = journal_path(workspace, entry["key"])
        size = journal.stat().st_size if journal.exists() else 0
        if _same_as_last_push(workspace, entry["key"], size, inputs):
            return None
    ahead = None if entry else (roles, first_batch_size(batch_size))
    return WorkerPreparer(labelconfig.generate(), sentences_path, ahead=ahead, order=order, workspace=workspace)


def _remember_push(
    workspace: Workspace, project: ProjectRef, journal: Journal, inputs: str, result: PushResult, stale_ids: list[str]
) -> None:
    record = {
        "inputs": inputs,
        "journal_size": journal.size,
        "sentences": result.sentences,
        "already": result.already + result.imported,  # what the next push finds there
        "left_out": result.left_out,
        "stale": result.stale,
        "stale_annotated": result.stale_annotated,
        "changed": result.changed,
        "acknowledged": result.acknowledged,
        "stale_ids": stale_ids,  # acknowledged or not: what status leaves out of its counts
    }
    with atomic_path(last_push_path(workspace, project.key)) as handle:
        json.dump(record, handle)


def push_sentences(
    client: Client,
    workspace: Workspace,
    project: ProjectRef,
    created: bool,
    sentences_path: str | Path,
    *,
    roles: Iterable[str] = defaults.PUSH_ROLES,
    batch_size: int = defaults.PUSH_BATCH_SIZE,
    prune: bool = False,
    ack_stale: bool = False,
    on_batch: Callable[[int], None] | None = None,
    preparer: Preparer | None = None,
    inputs: str | None = None,
    queue: str = defaults.QUEUE,
) -> PushResult:
    """Reconcile the project with the sentences of ``sentences_path``.

    New sentences are imported in batches, exactly once; a sentence already there whose task
    data moved (offsets, paragraph, context) has its data updated, its annotations untouched;
    sentences in the project but no longer in the file are reported as stale, and with
    ``prune`` their tasks are deleted when nobody annotated them (never otherwise). Batches are
    prepared by ``preparer`` (the caller closes it), else in this process. ``inputs``: the
    caller's ``_inputs_print`` of the same files, if it has it.
    """
    roles = checked_roles(roles)
    sentences_path = Path(sentences_path)
    result = PushResult(project, created)
    journal = journal_for(workspace, project)
    if created and (journal.done or journal.pending):
        journal.path.unlink()
        journal = journal_for(workspace, project)
    result.recovered_batches = recover_pending(client, project, journal)
    result.late, result.late_kept = settle_doubts(client, project, journal)
    inputs = inputs or _inputs_print(sentences_path, roles, queue)
    if not (created or prune or ack_stale or journal.pending) and _same_as_last_push(
        workspace, project.key, journal.size, inputs, result
    ):
        return result
    documents: dict[str, dict[str, Any]] | None = None  # read when a sentence already there needs them
    in_file: set[str] = set()
    moved: list[dict[str, Any]] = []

    def new_sentences() -> Iterator[dict[str, Any]]:
        nonlocal documents
        queued: set[str] = set()  # a sentence listed twice in the file is sent once
        for sentence in read_records(sentences_path, record_type="sentence"):
            result.sentences += 1
            in_file.add(sentence["id"])
            if sentence["role"] not in roles:
                result.left_out += 1
            elif sentence["id"] in queued:
                result.already += 1
            elif sentence["id"] in journal.done:
                result.already += 1
                documents = document_metadata(sentences_path) if documents is None else documents
                data = task_data(sentence, documents.get(sentence["doc_id"]), "")
                if journal.prints.get(sentence["id"]) != data_print(data):
                    moved.append(data)
            else:
                queued.add(sentence["id"])
                yield sentence

    own_preparer = preparer is None
    preparer = preparer or LocalPreparer(labelconfig.generate(), sentences_path, order=queue, workspace=workspace)
    try:
        ready = (
            preparer.prepare(uuid.uuid4().hex, sentences)
            for sentences in batches(new_sentences(), batch_size, first=first_batch_size(batch_size))
        )
        for batch in prepared_ahead(ready):
            _import_once(client, project, journal, batch)
            result.imported += len(batch)
            if on_batch:
                on_batch(len(batch))
    finally:
        if own_preparer:
            preparer.close()
    # Once more after this push's own imports: a request of this push that landed late meanwhile.
    late, kept = settle_doubts(client, project, journal)
    result.late += late
    result.late_kept += kept
    if moved and any(d["sentence_id"] not in journal.tasks for d in moved):
        index_tasks(client, project, journal)
    for data in moved:
        task_id = journal.tasks.get(data["sentence_id"])
        if task_id is None:  # its task was deleted in Label Studio by hand
            result.missing.append(data["sentence_id"])
            continue
        data[BATCH_FIELD] = "updated"
        client.update_task(task_id, data)
        journal.record({"state": "updated", "sentence": data["sentence_id"], "print": data_print(data)})
        result.updated += 1
    if result.imported and not created:
        show_predictions_of(client, project.id, defaults.MODEL_VERSION)
    shown, ordered = recorded_version(workspace, project)
    if created:
        record_version(workspace, project, defaults.MODEL_VERSION, queue)
    else:
        if shown is None:  # a project pushed before corpus recorded it: what Label Studio shows
            shown = client.project(project.id, ["model_version"]).get("model_version") or None
        if shown != defaults.MODEL_VERSION or ordered != queue:  # new predictions, or new scores
            result.predictions = refresh(
                client,
                workspace,
                project,
                sentences_path,
                old_version=shown,
                version=defaults.MODEL_VERSION,
                queue=queue,
            )
    stale = sorted(journal.done - in_file)
    if ack_stale:
        newly = [s for s in stale if s not in journal.acknowledged]
        journal.record({"state": "acknowledged", "sentences": newly})
        result.acknowledged_now = len(newly)
    result.acknowledged = sum(1 for s in stale if s in journal.acknowledged)
    result.stale = [s for s in stale if s not in journal.acknowledged]
    if result.stale or (prune and stale):
        tasks = _stale_tasks(client, project, journal, stale if prune else result.stale)
        annotated = {s: _annotated(t) for s, t in tasks.items() if _annotated(t)}
        listed = {s: t for s, t in tasks.items() if s in set(result.stale)}
        result.stale_annotated = [
            {"sentence_id": s, "task": t["id"], "annotations": annotated[s]}
            for s, t in listed.items()
            if s in annotated
        ]
        result.changed = _changed(sentences_path, listed, annotated) if listed else []
        for change in result.changed:  # the task that now asks for the corrected text
            change["new_task"] = journal.tasks.get(change["new_id"])
        if prune:
            result.pruned = _prune(client, journal, tasks)
            result.stale = [s for s in result.stale if s not in set(result.pruned)]
            result.changed = [c for c in result.changed if c["old_id"] not in set(result.pruned)]
    if not result.missing:  # the next push reports those again
        _remember_push(workspace, project, journal, inputs, result, sorted(set(stale) - set(result.pruned)))
    return result


def push(
    sentences: str | Path,
    *,
    project: str | None = None,
    overlap: int | None = None,
    roles: Iterable[str] = defaults.PUSH_ROLES,
    batch_size: int = defaults.PUSH_BATCH_SIZE,
    update_config: bool = False,
    recreate: bool = False,
    prune: bool = False,
    ack_stale: bool = False,
    queue: str | None = None,
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
        overlap: annotators per task; default: the project's own, 1 for a new project.
        roles: sentence roles to push (see ``corpus.sentence_roles()``).
        batch_size: tasks per import request (the first carries a quarter of them: Label Studio starts sooner).
        update_config: restore the generated labeling config even if the project has annotations.
        recreate: forget the recorded project (e.g. after it was deleted) and create a new one.
        prune: delete the tasks of stale sentences (no longer in the file) that nobody annotated.
        ack_stale: record that the lead has seen the stale sentences listed now: later pushes
            count them as acknowledged instead of listing them again.
        queue: the order annotators get tasks in: "document", "uncertainty" (the pre-annotator's
            least sure first) or "checkworthy" (likeliest check-worthy first); default: the
            project's last order, else document order. A change re-scores the unannotated tasks.
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
    project = project_name(ws, project)
    wanted = checked_roles(roles)  # before any connection: a typo fails at once
    order = checked_queue(queue, ws, project)
    require_file(sentences)
    # Started first: it runs on the other core while this process connects and creates the project.
    inputs = _inputs_print(Path(sentences), wanted, order)  # once: it reads both files whole
    preparer = _start_worker(ws, project, Path(sentences), wanted, batch_size, recreate, inputs, order)
    try:
        with ws.lock("corpus push"), connect(ws, url, api_key) as client:
            if recreate:
                forget_project(ws, project)
            upgraded = None
            recorded = recorded_project(ws, client, project)
            if recorded is not None:
                older = needs_migration(recorded[1])
                if older:
                    upgraded = migrate_project(client, ws, recorded[0], older, sentences)
                    recorded = recorded_project(ws, client, project)  # the upgrade changed it
            ref, created = ensure_recorded_project(
                ws,
                client,
                project,
                recorded,
                overlap=overlap,
                update_config=update_config or upgraded is not None,
                queue=order,
            )
            result = push_sentences(
                client,
                ws,
                ref,
                created,
                sentences,
                roles=roles,
                batch_size=batch_size,
                prune=prune,
                ack_stale=ack_stale,
                on_batch=on_batch,
                preparer=preparer,
                inputs=inputs,
                queue=order,
            )
            result.upgrade = upgraded
            return result
    finally:
        if preparer is not None:
            preparer.close()
