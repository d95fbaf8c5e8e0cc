"""Upgrading a live project filled under an older schema major (1.0.0) to the current one.

In 1.0.0 a sentence id was its document's text hash plus its position, so every id changes
meaning in 2.0.0. The upgrade, run by ``push`` before anything else touches the project:

1. maps every task to a current sentence through its text: its document (the 1.0.0 document
   id is the text revision of the same text, or the input's own id), then the sentence's
   normalised text and its occurrence; a task whose text is no longer there stays, as stale;
2. rewrites each mapped task's data (new ids, offsets, context), annotations untouched, and
   starts the push journal afresh with the task ids (the old one is kept beside it);
3. converts the annotations' results to the new label set (``checkworthy`` by the schema's own
   table; an old answer with no new equivalent is kept in the annotation's comment, never
   dropped), so that the new labeling config hides nothing;
4. then ``ensure_project`` sets the new config, after Label Studio's strict check.
"""

from __future__ import annotations

import copy
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus import defaults
from corpus.ids import normalise_for_id
from corpus.jsonl import read_records
from corpus.schema import SCHEMA_VERSION, LabelSet, label_set, parse_version
from corpus.schema.migrate import checkworthy_answer
from corpus.studio import labelconfig as lc
from corpus.studio.client import Client
from corpus.studio.export import iter_export
from corpus.studio.journal import Journal, data_print, journal_for
from corpus.studio.project import ProjectRef, project_schema
from corpus.studio.tasks import task_data
from corpus.workspace import Workspace


@dataclass
class ProjectMigration:
    """What the upgrade of a project did."""

    from_version: str
    tasks: int = 0
    renamed: int = 0  # tasks mapped to a current sentence (their data rewritten)
    unmatched: list[int] = field(default_factory=list)  # task ids whose text is gone: stale
    annotations_converted: int = 0
    uncarried: int = 0  # old answers without a new equivalent, kept in the comment

    def to_dict(self) -> dict[str, Any]:
        return {
            "from_version": self.from_version,
            "to_version": SCHEMA_VERSION,
            "tasks": self.tasks,
            "renamed": self.renamed,
            "unmatched_tasks": self.unmatched,
            "annotations_converted": self.annotations_converted,
            "uncarried_answers": self.uncarried,
        }


def needs_migration(project: dict[str, Any]) -> str | None:
    """The older schema version of a project that needs upgrading, or None."""
    version = project_schema(project)
    if version and parse_version(version)[0] < parse_version(SCHEMA_VERSION)[0]:
        return version
    return None


def convert_result(
    result: list[dict[str, Any]], from_version: str, labels: LabelSet | None = None
) -> tuple[list[dict[str, Any]], int]:
    """An annotation's Label Studio result converted to the current label set (pure).

    Returns the new result and how many old answers had no new equivalent (each is kept in the
    annotation's comment, so nothing the annotator said is lost).
    """
    labels = labels or label_set()
    converted: list[dict[str, Any]] = []
    notes: list[str] = []
    for item in result:
        item = copy.deepcopy(item)
        choices = (item.get("value") or {}).get("choices") if item.get("from_name") == lc.CHECKWORTHY else None
        if choices:
            new, note = checkworthy_answer(choices[0], from_version, labels)
            if note:
                notes.append(note)
                continue
            item["value"]["choices"] = [new]
        converted.append(item)
    if notes:
        comment = next((i for i in converted if i.get("from_name") == lc.COMMENT), None)
        if comment is None:
            comment = {"id": "comment-upgrade", "from_name": lc.COMMENT, "to_name": lc.SENTENCE, "type": "textarea",
                       "value": {"text": []}}  # fmt: skip
            converted.append(comment)
        comment["value"]["text"] = [*(comment["value"].get("text") or []), *notes]
    return converted, len(notes)


def _current_sentences(sentences_path: Path) -> tuple[dict[tuple[str, str], list[dict[str, Any]]], dict[str, str]]:
    """Current sentences by (document id, normalised text), in document order; document ids by revision."""
    by_text: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for sentence in read_records(sentences_path, record_type="sentence"):
        by_text[(sentence["doc_id"], normalise_for_id(sentence["text"]))].append(sentence)
    revisions: dict[str, str] = {}
    documents = sentences_path.parent / defaults.DOCUMENTS_FILE
    if documents.exists():
        for document in read_records(documents, record_type="document"):
            revisions[document["revision"]] = document["id"]
            revisions.setdefault(document["id"], document["id"])
    return by_text, revisions


def migrate_project(
    client: Client, workspace: Workspace, project: ProjectRef, from_version: str, sentences_path: str | Path
) -> ProjectMigration:
    """Upgrade a project of an older schema major in place (see the module's description)."""
    sentences_path = Path(sentences_path)
    result = ProjectMigration(from_version)
    by_text, revisions = _current_sentences(sentences_path)
    documents = {}
    documents_path = sentences_path.parent / defaults.DOCUMENTS_FILE
    if documents_path.exists():
        documents = {d["id"]: d for d in read_records(documents_path, record_type="document")}
    tasks = sorted(
        client.iter_tasks(project.id), key=lambda t: (str(t["data"].get("doc_id")), t["data"].get("index", 0))
    )
    used: dict[tuple[str, str], int] = defaultdict(int)
    mapped: dict[str, int] = {}
    prints: dict[str, str] = {}
    unmatched: dict[str, int] = {}
    for task in tasks:
        result.tasks += 1
        data = task.get("data") or {}
        doc = revisions.get(str(data.get("doc_id")))
        key = (doc or "", normalise_for_id(str(data.get("text", ""))))
        candidates = by_text.get(key, [])
        if doc is None or used[key] >= len(candidates):
            unmatched[str(data.get("sentence_id", task["id"]))] = task["id"]
            result.unmatched.append(task["id"])
            continue
        sentence = candidates[used[key]]
        used[key] += 1
        new_data = task_data(sentence, documents.get(sentence["doc_id"]), "upgrade")
        client.update_task(task["id"], new_data)
        mapped[sentence["id"]] = task["id"]
        prints[sentence["id"]] = data_print(new_data)
        result.renamed += 1
    _restart_journal(workspace, project, mapped, prints, unmatched)
    for exported in iter_export(client, project):
        for annotation in exported.get("annotations") or []:
            converted, uncarried = convert_result(annotation.get("result") or [], from_version)
            if converted != (annotation.get("result") or []):
                client.update_annotation(annotation["id"], converted)
                result.annotations_converted += 1
                result.uncarried += uncarried
        for draft in exported.get("drafts") or []:
            converted, _ = convert_result(draft.get("result") or [], from_version)
            if converted != (draft.get("result") or []):
                client.request("PATCH", f"/api/drafts/{draft['id']}/", json={"result": converted})
    return result


def _restart_journal(
    workspace: Workspace, project: ProjectRef, mapped: dict[str, int], prints: dict[str, str], unmatched: dict[str, int]
) -> None:
    """A fresh journal under the new ids (unmatched tasks under their old ids, so they show as
    stale); the old journal is kept beside it."""
    journal = journal_for(workspace, project)
    if journal.path.exists():
        os.replace(journal.path, journal.path.with_suffix(".before-upgrade.jsonl"))
    fresh = Journal(journal.path)
    fresh.record({"state": "indexed", "tasks": {**unmatched, **mapped}, "prints": prints})
