"""The push journal: what was sent to one project, and where it landed.

Exactly once, even when interrupted: before a batch is sent, the journal
(``.corpus/push/<project key>.jsonl``) records it as pending with its sentence ids, and every
task carries its batch id; a later push settles a pending batch by one filtered count. It also
keeps each sentence's task id and the fingerprint of the task data last sent, which is how a
re-push tells a new sentence from a moved one and finds the tasks of stale ones.

Exactly once also when a request lands late: a batch sent again after a lost answer carries a
marker of its own (``<batch>.<attempt>``, journaled before it is sent), so each attempt's tasks
can be counted apart. The attempts that were not taken (a lost answer, an abandoned batch) stay
in doubt: such a request may still reach Label Studio after the client gave up (a hung server,
a proxy's queue). Every push counts the markers in doubt, before it sends and again after, and
removes the tasks of one that landed late (studio/push.py: ``settle_doubts``); a doubt is
dropped once it has counted nothing for ``DOUBT_HOURS``.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

import jsonlines

from corpus.studio.project import ProjectRef
from corpus.studio.tasks import BATCH_FIELD
from corpus.workspace import Workspace

# How long an attempt not taken stays in doubt (counted by every push) after it was last sent: far
# beyond any server's time-out (uWSGI's harakiri, 30 minutes here) or a proxy's queue.
DOUBT_HOURS = 24.0


class Journal:
    """Append-only record of what was sent to one project, and where it landed.

    ``done``: the sentence ids in the project; ``tasks``: their Label Studio task ids (where
    known: a batch settled by counting, or a journal of corpus 1.0, has none until the next
    listing); ``prints``: the fingerprint of each task's data as last sent, which tells a
    sentence whose offsets, paragraph or context moved from one that is unchanged.
    """

    def __init__(self, path: Path):
        self.path = path
        self.done: set[str] = set()
        self.pending: dict[str, list[str]] = {}
        self.tasks: dict[str, int] = {}
        self.prints: dict[str, str] = {}
        self.acknowledged: set[str] = set()  # stale sentences the lead has seen (push --ack-stale)
        self.markers: dict[str, list[str]] = {}  # pending batch -> the markers its attempts were sent with
        self.doubts: dict[str, float] = {}  # marker of an attempt not taken -> when it came into doubt
        self._pending_prints: dict[str, list[str]] = {}
        if path.exists():
            with jsonlines.open(path, loads=json.loads) as reader:
                # skip_invalid: a line cut short by a kill; its batch stays pending or unsent
                for entry in reader.iter(type=dict, skip_invalid=True, skip_empty=True):
                    try:
                        self._apply(entry)
                    except (KeyError, TypeError):
                        continue

    def _apply(self, entry: dict[str, Any]) -> None:
        state = entry["state"]
        if state == "pending":
            self.pending[entry["batch"]] = entry["sentences"]
            self._pending_prints[entry["batch"]] = entry.get("prints") or []
        elif state == "sending":
            self.markers.setdefault(entry["batch"], [entry["batch"]]).append(entry["marker"])
        elif state == "done":
            sentences = self.pending.pop(entry["batch"], entry.get("sentences", []))
            prints = self._pending_prints.pop(entry["batch"], [])
            self.markers.pop(entry["batch"], None)
            self.done.update(sentences)
            self.prints.update(zip(sentences, prints, strict=False))
            self.tasks.update(zip(sentences, entry.get("tasks") or [], strict=False))
            self._doubt(entry)
        elif state == "abandoned":
            self.pending.pop(entry["batch"], None)
            self._pending_prints.pop(entry["batch"], None)
            self.markers.pop(entry["batch"], None)
            self._doubt(entry)
        elif state == "settled":
            for marker in entry["markers"]:
                self.doubts.pop(marker, None)
        elif state == "indexed":
            self.tasks.update(entry["tasks"])
            self.done.update(entry["tasks"])
            self.prints.update(entry.get("prints") or {})
        elif state == "acknowledged":
            self.acknowledged.update(entry["sentences"])
        elif state == "updated":
            self.prints[entry["sentence"]] = entry["print"]
        elif state == "deleted":
            for sentence in entry["sentences"]:
                self.done.discard(sentence)
                self.tasks.pop(sentence, None)
                self.prints.pop(sentence, None)

    def _doubt(self, entry: dict[str, Any]) -> None:
        for marker in entry.get("doubts") or []:
            self.doubts[marker] = float(entry.get("at") or 0)

    def sent_markers(self, batch: str) -> list[str]:
        """The markers a pending batch was sent with so far (its own id first)."""
        return self.markers.get(batch, [batch])

    @property
    def size(self) -> int:
        """Bytes written so far: it changes with every entry, so it tells whether anything was journaled."""
        return self.path.stat().st_size if self.path.exists() else 0

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

    def record(self, entry: dict[str, Any]) -> None:
        self._append(entry)
        self._apply(entry)

    def begin(self, batch: str, sentence_ids: list[str], prints: list[str] | None = None) -> None:
        self.record({"batch": batch, "state": "pending", "sentences": sentence_ids, "prints": prints or []})

    def sending(self, batch: str, marker: str) -> None:
        """A pending batch is about to be sent again, under a marker of its own."""
        self.record({"batch": batch, "state": "sending", "marker": marker})

    def finish(self, batch: str, task_ids: list[int] | None = None, marker: str | None = None) -> None:
        """The batch is in the project (its tasks carry ``marker``); its other attempts are in doubt."""
        doubts = [m for m in self.sent_markers(batch) if m != (marker or batch)]
        self.record(
            {
                "batch": batch,
                "state": "done",
                **({"tasks": task_ids} if task_ids else {}),
                **({"marker": marker, "doubts": doubts, "at": time.time()} if doubts else {}),
            }
        )

    def abandon(self, batch: str) -> None:
        """The batch did not reach Label Studio (its sentences are to be sent again); as long as
        one of its attempts may still land, they are in doubt."""
        self.record({"batch": batch, "state": "abandoned", "doubts": self.sent_markers(batch), "at": time.time()})

    def settle(self, markers: list[str]) -> None:
        """These markers are no longer in doubt (their late tasks were dealt with, or too old)."""
        self.record({"state": "settled", "markers": markers})


def journal_path(workspace: Workspace, key: str) -> Path:
    """Where the journal of the project with this key is (``ProjectRef.key``)."""
    return workspace.path("push", f"{key}.jsonl")


def last_push_path(workspace: Workspace, key: str) -> Path:
    """Where push keeps what its last run found (counts, stale sentences) for the project with this key."""
    return workspace.path("push", f"{key}.last.json")


def stale_sentences(workspace: Workspace, key: str) -> set[str]:
    """The sentences the last push found in the project but no longer in the file (acknowledged
    or not, pruned ones aside): tasks that status must not count as work to do or done."""
    try:
        last = json.loads(last_push_path(workspace, key).read_text(encoding="utf-8"))
        return set(last.get("stale_ids") or last.get("stale") or [])
    except (OSError, ValueError, AttributeError):
        return set()


def journal_for(workspace: Workspace, project: ProjectRef) -> Journal:
    return Journal(journal_path(workspace, project.key))


def data_print(data: dict[str, Any]) -> str:
    """Fingerprint of a task's data, the batch it came in aside: what tells a moved sentence."""
    content = {k: v for k, v in data.items() if k != BATCH_FIELD}
    return hashlib.blake2b(json.dumps(content, sort_keys=True, ensure_ascii=False).encode(), digest_size=8).hexdigest()
