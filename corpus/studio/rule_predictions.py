"""The rule pre-annotator's prediction of a sentence as a ``sentences`` row, and the predictions
push made, kept in the workspace for the release that scores them (``.corpus/rules/<digest>.sqlite``).

A prediction is made from what the rules read of a sentence (``titled``: its row and its
document's title, as push gives them to the rules), so that push, publish and
``corpus evaluate --baseline rules`` make the same one. Push runs the rules on every sentence it
sends, in a worker that waits on Label Studio's imports; it keeps each prediction here, by a digest
of those fields, and the card's baseline reads it instead of running the rules again (at 100,000
sentences the test split's rules are 4-5 s of a publish, docs/benchmarks.md). The file is named by
a digest of corpus's code and schemas, like the workspace's other kept files: another version of
the rules never reads these predictions. It is a SQLite table, read a row at a time: a large
project's predictions would take the memory that publish needs.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import orjson

from corpus.labels.scoring import row_of_annotation
from corpus.studio.convert import convert_annotation
from corpus.studio.tasks import article_before, predictions_for
from corpus.workspace import Workspace, code_digest, remove_others

RULES_DIR = "rules"
# What the rules read of a ``sentences`` row, then the title of its document (a "$" under a title
# naming Australia is AUD).
ROW_FIELDS = ("id", "doc_id", "text", "start", "role", "context_before")
TITLE = "title"


def prediction_row(row: Mapping[str, Any], predictions: list[dict[str, Any]]) -> dict[str, Any]:
    """The Label Studio ``predictions`` of one ``sentences`` row as a prediction row (the fields of a
    ``sentences`` row's labels), read back by the same conversion as an annotator's labels."""
    context = row.get("context_before") or ""
    result = [r for p in predictions for r in p["result"]]
    data = {
        "text": row["text"],
        "context_before": context,
        "start": row["start"],
        # The context shown with a sentence ends where the sentence starts (sentence.context_start).
        "context_start": row["start"] - len(context),
        "sentence_id": row["id"],
        "doc_id": row.get("doc_id"),
    }
    record, _ = convert_annotation({"id": 0, "result": result}, data, 0, 0, "baseline")
    return {"id": row["id"], **row_of_annotation(record or {"spans": [], "attributions": [], "figures": []})}


def rule_prediction(row: Mapping[str, Any]) -> dict[str, Any]:
    """The rule pre-annotator's labels of one ``sentences`` row (with its document's ``title``, if it
    has one), as a prediction row: what push sends as the sentence's pre-annotation."""
    context = row.get("context_before") or ""
    article = article_before({"context_before": context}, {TITLE: row.get(TITLE)})
    return prediction_row(row, predictions_for(row["text"], context, row.get("role") or "body", article_before=article))


def prediction_key(row: Mapping[str, Any]) -> bytes:
    """A digest of all that the rules read of a row (as ``titled`` gives it; no title and an empty one
    are the same to them)."""
    fields = [row.get(k) for k in ROW_FIELDS] + [row.get(TITLE) or None]
    return hashlib.blake2b(orjson.dumps(fields), digest_size=16).digest()


def titled(sentence: Mapping[str, Any], document: Mapping[str, Any] | None) -> dict[str, Any]:
    """What the rules read of a sentence record or row, with the title of its ``document`` (a record,
    or what ``document_metadata`` gives of one)."""
    return {**{k: sentence.get(k) for k in ROW_FIELDS}, TITLE: (document or {}).get(TITLE)}


class PushedPredictions:
    """The rule predictions push made in a workspace, by ``prediction_key`` (this code's only).

    Keeping them is a saving, never a duty: a workspace that cannot be written keeps none, and a
    file that cannot be read is as good as none (the rules are run again where they are needed).
    """

    def __init__(self, workspace: Workspace | str | Path | None = None):
        self.folder = Workspace.of(workspace).path(RULES_DIR)
        self.path = self.folder / f"{code_digest()}.sqlite"
        self._connection: sqlite3.Connection | None = None

    def exists(self) -> bool:
        return self.path.exists()

    def _connect(self) -> sqlite3.Connection:
        if self._connection is None:
            # A push's worker and a publish may open it at once: SQLite waits for the other's write.
            # Where push cannot fork, its batches are prepared in a thread and the push closes this
            # from its own: one thread at a time, never two.
            self._connection = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            self._connection.execute("CREATE TABLE IF NOT EXISTS prediction (key BLOB PRIMARY KEY, row BLOB)")
        return self._connection

    def keep(self, sent: Iterable[tuple[Mapping[str, Any], Mapping[str, Any] | None, list[dict[str, Any]]]]) -> None:
        """Keep what push sent: each sentence record's Label Studio predictions (made with its
        ``document``'s title), converted as the baseline reads them."""
        entries = []
        for sentence, document, predictions in sent:
            row = titled(sentence, document)
            prediction = prediction_row(row, predictions)
            entries.append((prediction_key(row), pickle.dumps(prediction, protocol=pickle.HIGHEST_PROTOCOL)))
        if not entries:
            return
        with contextlib.suppress(sqlite3.Error, OSError):
            if self._connection is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                remove_others(self.path)
            connection = self._connect()
            with connection:  # one transaction per batch
                connection.execute("BEGIN")
                connection.executemany("INSERT OR REPLACE INTO prediction VALUES (?, ?)", entries)

    def get(self, row: Mapping[str, Any]) -> dict[str, Any] | None:
        """The prediction push made of ``row`` (as ``titled`` gives it), or None."""
        if self._connection is None and not self.path.exists():
            return None
        with contextlib.suppress(sqlite3.Error, OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            found = self._connect().execute("SELECT row FROM prediction WHERE key = ?", (prediction_key(row),))
            kept = found.fetchone()
            if kept is not None:
                prediction: dict[str, Any] = pickle.loads(kept[0])
                return prediction
        return None

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None
