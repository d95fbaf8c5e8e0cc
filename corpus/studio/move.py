"""``corpus studio move``: a workspace's projects from one Label Studio to another, through the
public API only, so the old server (and its SQLite file) is read and never changed.

For each project of the workspace on the source server: the project (title, description with
the project key, labeling config, settings) is created on the target, or found there by its key;
the annotators are created there by e-mail; every task goes over with its predictions and its
annotations (result, annotator, ground-truth flag, skip, lead time) in batches that Label Studio
imports atomically. A re-run after an interruption imports what is missing and replaces a target
task whose annotation count differs from the source's (it changed since). Counts of tasks and
annotations are then checked on both sides.

Drafts (saved, not submitted) go over with their task, their author and the annotation they
edit: Label Studio imports them when its draft import is on (``DRAFTS_FLAG``, which ``move``
turns on for the local PostgreSQL server it starts). A target that drops them (another server,
or one started without it) gets the missing ones through its API, under the key holder's name
(the API cannot give a draft another author): the result counts them and says so. Every task
with drafts is checked on the target, as an export has it (a task listing shows the caller's
own drafts only).

What the target cannot take through its API is kept in the workspace, so that ``pull`` writes
the same records from either server: which target user was which source user (annotator
pseudonyms stay the same), and the original creation and update times of moved annotations
(``.corpus/moved/<project key>.json``). The push journal learns the new task ids.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.errors import LabelStudioError, OptionError
from corpus.jsonl import atomic_path
from corpus.results import Result
from corpus.studio.client import Client, Connection, connect
from corpus.studio.export import iter_export
from corpus.studio.journal import journal_for
from corpus.studio.prepare import batches
from corpus.studio.project import KEY_PREFIX, MANAGED_SETTINGS, ProjectRef, find_project, show_predictions_of
from corpus.workspace import Workspace

BATCH = 200
# Label Studio's own switch for importing drafts (and reviews) with tasks; off by default in 1.23.
DRAFTS_FLAG = "fflag_feat_back_lsdv_5307_import_reviews_drafts_29062023_short"
# Those corpus sets, and those a lead may have set by hand that the copy should keep.
SETTINGS = (*MANAGED_SETTINGS, "enable_empty_annotation", "min_annotations_to_start_training", "color")
SNAPSHOT = {
    "task_filter_options": {"only_with_annotations": False},
    "annotation_filter_options": {"usual": True, "ground_truth": True, "skipped": True},
    "serialization_options": {
        "drafts": {"only_id": False},
        "predictions": {"only_id": False},
        "annotations__completed_by": {"only_id": True},
    },
}


@dataclass
class MovedProject(Result):
    name: str
    source_id: int
    target_id: int
    tasks: int = 0
    annotations: int = 0
    imported: int = 0  # tasks imported by this run
    replaced: int = 0  # target tasks replaced because their annotations (or drafts) differed
    users_created: int = 0
    drafts: int = 0  # drafts at the source, all on the target after the move
    drafts_unattributed: int = 0  # of them, created through the API under the key holder's name


@dataclass
class MoveResult(Result):
    source: str
    target: str
    projects: list[MovedProject] = field(default_factory=list)
    note: str = ""

    def line(self) -> str:
        parts = [
            f"{p.name}: {p.tasks} tasks, {p.annotations} annotations, {p.drafts} drafts (imported {p.imported}, "
            f"replaced {p.replaced}, {p.users_created} users created) -> project {p.target_id}"
            + (
                f" ({p.drafts_unattributed} drafts under the key holder's name: the target does not import drafts; "
                f"start it with {DRAFTS_FLAG}=true to keep their authors)"
                if p.drafts_unattributed
                else ""
            )
            for p in self.projects
        ]
        return (
            f"moved {self.source} -> {self.target}, counts equal on both: "
            + "; ".join(parts)
            + (f"; {self.note}" if self.note else "")
        )


def _key(data: dict[str, Any]) -> str:
    return str(data.get("sentence_id") or json.dumps(data, sort_keys=True, ensure_ascii=False))


def _target_project(source: Client, target: Client, ref: ProjectRef) -> tuple[int, dict[str, Any]]:
    project = source.project(ref.id)
    marker = f"{KEY_PREFIX}{ref.key}"
    found = next((p for p in target.projects() if marker in (p.get("description") or "")), None)
    settings = {name: project[name] for name in SETTINGS if project.get(name) is not None}
    if found is None:
        found = target.create_project(title=project["title"], description=project.get("description") or "", **settings)
    return int(found["id"]), project


def _same_server(a: str | None, b: str | None) -> bool:
    return bool(a and b) and str(a).rstrip("/") == str(b).rstrip("/")


def _users(source: Client, target: Client) -> tuple[dict[int, str], dict[str, int], int]:
    """Source user id -> e-mail, target e-mail -> id (creating the missing), and how many were created."""
    emails = {int(u["id"]): u["email"] for u in source.users()}
    by_email = {u["email"]: int(u["id"]) for u in target.users()}
    created = 0
    for user in source.users():
        if user["email"] not in by_email:
            made = target.create_user(user["email"], user.get("first_name") or "", user.get("last_name") or "")
            by_email[user["email"]] = int(made["id"])
            created += 1
    return emails, by_email, created


def _task_for_import(task: dict[str, Any], emails: dict[int, str]) -> dict[str, Any]:
    annotations = []
    for annotation in task.get("annotations") or []:
        user = annotation.get("completed_by")
        user_id = int(user["id"] if isinstance(user, dict) else user) if user is not None else None
        annotations.append(
            {
                "id": annotation["id"],  # kept by Label Studio as the annotation's import_id
                "result": annotation.get("result") or [],
                **({"completed_by": {"email": emails[user_id]}} if user_id in emails else {}),
                "ground_truth": bool(annotation.get("ground_truth")),
                "was_cancelled": bool(annotation.get("was_cancelled")),
                "lead_time": annotation.get("lead_time"),
            }
        )
    predictions = [
        {"result": p.get("result") or [], "score": p.get("score"), "model_version": p.get("model_version")}
        for p in task.get("predictions") or []
        if isinstance(p, dict)
    ]
    drafts = _drafts(task)
    return {
        "data": task["data"],
        "annotations": annotations,
        "predictions": predictions,
        **({"drafts": drafts} if drafts else {}),
    }


def _drafts(task: dict[str, Any]) -> list[dict[str, Any]]:
    """A task's drafts as Label Studio imports them: the author by e-mail (an export names them
    so), the annotation a draft edits by its source id (the imported annotation's import_id)."""
    return [
        {
            "id": draft["id"],
            "user": draft.get("user"),
            "result": draft.get("result") or [],
            "lead_time": draft.get("lead_time"),
            "was_postponed": bool(draft.get("was_postponed")),
            "annotation": draft.get("annotation"),
        }
        for draft in task.get("drafts") or []
        if isinstance(draft, dict)
    ]


def _target_drafts(target: Client, project_id: int, task_ids: list[int]) -> dict[int, dict[str, Any]]:
    """The target's tasks as an export has them (every user's drafts), by id."""
    found: dict[int, dict[str, Any]] = {}
    for start in range(0, len(task_ids), BATCH):
        for task in target.export_tasks(project_id, task_ids[start : start + BATCH]):
            found[int(task["id"])] = task
    return found


def _missing_drafts(source: list[dict[str, Any]], there: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The source drafts a target task lacks (matched by import_id), none if it has as many."""
    drafts = (there or {}).get("drafts") or []
    if len(drafts) >= len(source):
        return []
    imported = {d.get("import_id") for d in drafts}
    return [d for d in source if d["id"] not in imported][: len(source) - len(drafts)]


def _move_drafts(
    target: Client,
    target_id: int,
    task_ids: dict[str, int],
    wanted: dict[str, dict[str, Any]],
    imported: set[str],
    result: MovedProject,
) -> None:
    """Every draft of the source on the target: a task left without its drafts by an earlier,
    interrupted run is imported again; drafts the target did not import (its draft import is
    off) are created through its API, under the key holder's name."""
    there = _target_drafts(target, target_id, [task_ids[k] for k in wanted if k in task_ids])
    again = [
        k
        for k in wanted
        if k in task_ids and k not in imported and _missing_drafts(wanted[k]["drafts"], there.get(task_ids[k]))
    ]
    for key in again:
        target.delete_task(task_ids[key])
        result.replaced += 1
    for batch in batches((wanted[k] for k in again), BATCH):
        ids = target.import_tasks(target_id, batch, retry=False)
        task_ids.update(zip((_key(t["data"]) for t in batch), ids, strict=False))
    if again:
        there.update(_target_drafts(target, target_id, [task_ids[k] for k in again]))
    for key, task in wanted.items():
        task_id = task_ids.get(key)
        if task_id is None:
            continue
        current = there.get(task_id) or {}
        annotations = {a.get("import_id"): a["id"] for a in current.get("annotations") or []}
        for draft in _missing_drafts(task["drafts"], current):
            edited = annotations.get(draft["annotation"]) if draft["annotation"] is not None else None
            path = f"/api/tasks/{task_id}/annotations/{edited}/drafts" if edited else f"/api/tasks/{task_id}/drafts"
            body = {"result": draft["result"], "lead_time": draft["lead_time"], "was_postponed": draft["was_postponed"]}
            target.request("POST", path, json=body)
            result.drafts_unattributed += 1


@contextmanager
def _draft_import() -> Iterator[None]:
    """Label Studio's draft import on, for a server started inside the block."""
    before = os.environ.get(DRAFTS_FLAG)
    os.environ[DRAFTS_FLAG] = "true"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DRAFTS_FLAG, None)
        else:
            os.environ[DRAFTS_FLAG] = before


def move_project(workspace: Workspace, source: Client, target: Client, ref: ProjectRef) -> MovedProject:
    """Move one project (see the module's description); returns its counts, checked on both sides."""
    target_id, project = _target_project(source, target, ref)
    result = MovedProject(ref.name, ref.id, target_id)
    emails, by_email, result.users_created = _users(source, target)
    # What the target has already (an earlier, interrupted run): sentence -> (task id, annotations).
    present: dict[str, tuple[int, int]] = {}
    for task in target.iter_tasks(target_id):
        count = int(task.get("total_annotations") or 0) + int(task.get("cancelled_annotations") or 0)
        key = _key(task.get("data") or {})
        if key in present:  # a duplicate cannot come from a move: drop it
            target.delete_task(int(task["id"]))
            continue
        present[key] = (int(task["id"]), count)
    times_path = workspace.path("moved", f"{ref.key}.json")
    times: dict[str, list[Any]] = json.loads(times_path.read_text()) if times_path.exists() else {}
    entry = workspace.state.get("projects", {}).get(ref.name, {})
    previous = entry.get("annotators") or {}
    task_ids: dict[str, int] = {}
    with_drafts: dict[str, dict[str, Any]] = {}  # the tasks that have drafts, as imported
    imported: set[str] = set()

    def wanted() -> Iterator[dict[str, Any]]:
        for task in iter_export(source, ref, body=SNAPSHOT):
            annotations = task.get("annotations") or []
            result.tasks += 1
            result.annotations += len(annotations)
            result.drafts += len(task.get("drafts") or [])
            for annotation in annotations:
                times[str(annotation["id"])] = [annotation.get("created_at"), annotation.get("updated_at")]
            key = _key(task["data"])
            there = present.get(key)
            moving = _task_for_import(task, emails)
            if moving.get("drafts"):
                with_drafts[key] = moving
            if there and there[1] == len(annotations):
                task_ids[key] = there[0]
                continue
            if there:
                target.delete_task(there[0])
                result.replaced += 1
            imported.add(key)
            yield moving

    for batch in batches(wanted(), BATCH):
        ids = target.import_tasks(target_id, batch, retry=False)
        result.imported += len(batch)
        task_ids.update(zip((_key(t["data"]) for t in batch), ids, strict=False))
    if with_drafts:
        _move_drafts(target, target_id, task_ids, with_drafts, imported, result)
    # Verify: the same tasks and annotations on both sides.
    after = target.annotated_task_ids(target_id)
    if len(after) != result.tasks or sum(after.values()) != result.annotations:
        raise LabelStudioError(
            f"project {ref.name!r}: the source has {result.tasks} tasks and {result.annotations} annotations, "
            f"the target {len(after)} and {sum(after.values())}; run the move again"
        )
    if project.get("model_version"):
        show_predictions_of(target, target_id, str(project["model_version"]))
    # What the target's API cannot carry, for pull: annotators and original times.
    workspace.ensure()
    times_path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(times_path) as handle:
        json.dump(times, handle)
    # Who each target user was where the project began. A project that lives on the source (its
    # annotators keyed by source ids) carries them on; a re-run of a move that already reached
    # this target keeps what the first run recorded, keyed by target ids.
    same = _same_server(entry.get("url"), target.url)
    aliases = {
        str(by_email[email]): previous.get(str(by_email[email] if same else source_id), source_id)
        for source_id, email in emails.items()
        if email in by_email
    }
    journal = journal_for(workspace, ProjectRef(ref.name, target_id, ref.key, target.url))
    journal.record({"state": "indexed", "tasks": {k: v for k, v in task_ids.items() if k in journal.done}})
    state = workspace.state
    state.setdefault("projects", {})[ref.name] = {
        "id": target_id,
        "key": ref.key,
        "url": target.url,
        "annotators": aliases,
        "moved_from": {"url": source.url, "id": ref.id},
    }
    workspace.save_state(state)
    return result


def move(
    to: str,
    *,
    to_api_key: str | None = None,
    projects: list[str] | None = None,
    workers: int | None = None,
    workspace: Workspace | str | Path | None = None,
    url: str | None = None,
    api_key: str | None = None,
) -> MoveResult:
    """Move the workspace's projects to another Label Studio, through the public API.

    Args:
        to: the target, either ``postgresql://USER:PASSWORD@HOST:PORT/NAME`` (the workspace's
            local server moves onto PostgreSQL: it is started there behind uWSGI, the SQLite
            server is run aside for the move and stopped after; its file is not changed), or
            the URL of another Label Studio (with ``to_api_key``).
        to_api_key: the target's API key (a URL target only).
        projects: project names (default: every project of the workspace on the source).
        workers: uWSGI workers of the local PostgreSQL server.
        workspace: the workspace folder.
        url, api_key: the source server (default: LABEL_STUDIO_URL/LABEL_STUDIO_API_KEY, else the local one).

    Raises:
        OptionError: a bad target. LabelStudioError: a server refused, or the counts differ
        after the move (run it again: it resumes).
    """
    from corpus.studio import server

    ws = Workspace.of(workspace)
    with ws.lock("corpus studio move"), ExitStack() as stack:
        note = ""
        if to.startswith(("postgresql://", "postgres://")):
            if url or api_key:
                raise OptionError("a postgresql:// target moves the local server; do not give --url or --api-key")
            server.Database.parse(to)
            current = server.server_status(ws)
            if current.running and current.database == "sqlite":
                server.down(ws)
            with _draft_import():  # the server started here imports drafts with their authors
                target_state = server.up(ws, database=to, workers=workers)
            source_url = stack.enter_context(server.sqlite_aside(ws))
            credentials = ws.credentials
            source = stack.enter_context(Client(Connection(source_url, credentials["api_key"], managed=True)))
            target = stack.enter_context(Client(Connection(str(target_state.url), credentials["api_key"], True)))
            note = (
                f"the workspace's Label Studio now runs on {target_state.database}; the SQLite one is stopped, "
                f"its data in {ws.path('studio')} unchanged (corpus studio up --database sqlite goes back)"
            )
            # The state names the local server by its URL, which the PostgreSQL server keeps (the
            # same port): the local projects not moved yet are on the SQLite one, now at source_url.
            state = ws.state
            for entry in state.get("projects", {}).values():
                local = str(entry.get("url", "")).startswith("http://127.0.0.1:")
                if local and "moved_from" not in entry:
                    entry["url"] = source_url
            ws.save_state(state)
        elif to.startswith(("http://", "https://")):
            if not to_api_key:
                raise OptionError("give the target's API key (--to-api-key) with a Label Studio URL")
            source = stack.enter_context(connect(ws, url, api_key))
            target = stack.enter_context(Client(Connection(to.rstrip("/"), to_api_key)))
        else:
            raise OptionError(
                "--to takes postgresql://USER:PASSWORD@HOST:PORT/NAME or the http(s) URL of a Label Studio"
            )
        names = projects or [
            name for name, entry in ws.state.get("projects", {}).items() if entry.get("url") in (source.url, target.url)
        ]
        if not names:
            raise OptionError(f"this workspace has no project on {source.url} to move")
        result = MoveResult(source.url, target.url, note=note)
        for name in names:
            entry = ws.state["projects"].get(name) or {}
            if entry.get("url") == target.url and entry.get("moved_from"):
                # Already moved (an earlier run): move again from where it came, to resume.
                moved_from = entry["moved_from"]
                ref = ProjectRef(name, int(moved_from["id"]), entry["key"], source.url)
            else:
                ref = find_project(ws, source, name)
            result.projects.append(move_project(ws, source, target, ref))
        return result
