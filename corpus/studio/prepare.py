"""What push sends, prepared ahead: each batch's tasks with their rule-based pre-annotations,
checked against the labeling config, and the request body.

This is the CPU side of a push (the rules about 0.3 ms a sentence, importing LabelInterface
0.3 s). ``WorkerPreparer`` does it in a worker process forked when the push starts, so that it
runs on the other core while this process connects, creates the project and waits for Label
Studio's imports (a thread would share one core with them: the GIL); the worker starts on the
first batch of a new project before it is asked. ``LocalPreparer`` does the same in this
process, where there is no fork. ``prepared_ahead`` keeps the next batch coming while the
current one is imported. Each pre-annotation made is also kept in the workspace, as the card's
baseline reads it (``PushedPredictions``): the first release then runs no rule on what was pushed.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol, TypeVar

from corpus import defaults
from corpus.jsonl import read_records
from corpus.studio.checks import PredictionChecker
from corpus.studio.client import task_body
from corpus.studio.fork import Worker
from corpus.studio.journal import data_print
from corpus.studio.rule_predictions import PushedPredictions
from corpus.studio.tasks import BATCH_FIELD, document_metadata, task_for
from corpus.workspace import Workspace

_T = TypeVar("_T")


@dataclass
class PreparedBatch:
    """A batch ready to send: what the journal records of it and the request body."""

    id: str
    sentence_ids: list[str]
    prints: list[str]  # fingerprints of the task data (journal: tells a moved sentence)
    body: bytes  # the JSON list of tasks

    def __len__(self) -> int:
        return len(self.sentence_ids)


class _Rules:
    """Tasks for sentences, checked: the work both preparers do (in their own process)."""

    def __init__(
        self,
        config_xml: str,
        documents: dict[str, dict[str, Any]],
        order: str = defaults.QUEUE,
        kept: PushedPredictions | None = None,
    ):
        self.config_xml = config_xml
        self.documents = documents
        self.order = order
        self.kept = kept  # where the predictions made are kept for the card's baseline (None: nowhere)
        self._checker: PredictionChecker | None = None  # built at the first batch: a re-push may need none
        self._ahead: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}  # id -> (sentence, checked task)

    def checked_tasks(self, sentences: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        """Tasks (batch field empty) whose pre-annotations fit the config, or PredictionError."""
        tasks, fresh, sent = [], [], []
        for sentence in sentences:
            known = self._ahead.pop(sentence["id"], None)
            if known is not None and known[0] == sentence:
                tasks.append(known[1])
            else:
                document = self.documents.get(sentence["doc_id"])
                task = task_for(sentence, document, "", self.order)
                tasks.append(task)
                fresh.append(task)
                sent.append((sentence, document, task["predictions"]))
        if fresh:
            # The project's config is the generated one (ensure_project sets it): a pre-annotation
            # that does not fit it would be an empty region in the browser, so nothing is sent then.
            self._checker = self._checker or PredictionChecker(self.config_xml)
            self._checker.check_tasks(fresh)
            if self.kept is not None:
                self.kept.keep(sent)
        return tasks

    def prepare_ahead(self, sentences: Iterable[dict[str, Any]]) -> None:
        """Check the tasks of sentences that will probably be asked for; an error (a bad line,
        a pre-annotation that does not fit) is left for when they are asked for, in order."""
        try:
            listed = list(sentences)
            tasks = self.checked_tasks(listed)
        except Exception:
            return
        self._ahead = {s["id"]: (s, t) for s, t in zip(listed, tasks, strict=True)}

    def batch(self, batch: str, sentences: list[dict[str, Any]]) -> PreparedBatch:
        tasks = self.checked_tasks(sentences)
        for task in tasks:
            task["data"][BATCH_FIELD] = batch
        return PreparedBatch(
            batch, [t["data"]["sentence_id"] for t in tasks], [data_print(t["data"]) for t in tasks], task_body(tasks)
        )


class Preparer(Protocol):
    def prepare(self, batch: str, sentences: list[dict[str, Any]]) -> PreparedBatch: ...

    def close(self) -> None: ...


class LocalPreparer:
    """Prepares batches in this process (the documents read at the first batch: a push with
    nothing new reads none)."""

    def __init__(
        self,
        config_xml: str,
        sentences_path: Path,
        order: str = defaults.QUEUE,
        workspace: Workspace | None = None,
    ):
        self._config_xml, self._sentences_path, self._order = config_xml, sentences_path, order
        self._workspace = workspace
        self._rules: _Rules | None = None

    def prepare(self, batch: str, sentences: list[dict[str, Any]]) -> PreparedBatch:
        if self._rules is None:
            kept = None if self._workspace is None else PushedPredictions(self._workspace)
            self._rules = _Rules(self._config_xml, document_metadata(self._sentences_path), self._order, kept)
        return self._rules.batch(batch, sentences)

    def close(self) -> None:
        if self._rules is not None and self._rules.kept is not None:
            self._rules.kept.close()


def new_project_sentences(sentences_path: Path, roles: set[str]) -> Iterator[dict[str, Any]]:
    """The sentences a push to a new project sends, in order (of the roles, each id once)."""
    seen: set[str] = set()
    for sentence in read_records(sentences_path, record_type="sentence"):
        if sentence["role"] in roles and sentence["id"] not in seen:
            seen.add(sentence["id"])
            yield sentence


def _work(
    connection: Connection,
    config_xml: str,
    sentences_path: Path,
    ahead: tuple[set[str], int] | None,
    order: str = defaults.QUEUE,
    workspace: Workspace | None = None,
) -> None:
    """The worker process: prepares the batches asked for until the connection closes."""
    try:
        kept = None if workspace is None else PushedPredictions(workspace)
        rules = _Rules(config_xml, document_metadata(sentences_path), order, kept)
        if ahead is not None:
            roles, count = ahead
            rules.prepare_ahead(islice(new_project_sentences(sentences_path, roles), count))
    except BaseException as error:  # answered to the first request
        failure: BaseException | None = error
    else:
        failure = None
    while True:
        try:
            batch, sentences = connection.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            if failure is not None:
                raise failure
            answer: Any = rules.batch(batch, sentences)
        except BaseException as error:
            answer = error
        try:
            connection.send(answer)
        except (OSError, ValueError, KeyboardInterrupt):
            return


class WorkerPreparer:
    """Prepares batches in a worker process (fork), started at once.

    ``ahead``: (roles, batch size) when the project is probably new, so that the worker prepares
    the first batch before it is asked for.
    """

    def __init__(
        self,
        config_xml: str,
        sentences_path: Path,
        ahead: tuple[set[str], int] | None = None,
        order: str = defaults.QUEUE,
        workspace: Workspace | None = None,
    ):
        self._worker = Worker(_work, config_xml, sentences_path, ahead, order, workspace, name="corpus-push-prepare")

    def prepare(self, batch: str, sentences: list[dict[str, Any]]) -> PreparedBatch:
        try:
            self._worker.connection.send((batch, sentences))
            answer = self._worker.connection.recv()
        except (EOFError, OSError):
            raise self._worker.ended(
                "preparing push's batches", "nothing was sent for this batch, run the push again"
            ) from None
        if isinstance(answer, BaseException):
            raise answer
        assert isinstance(answer, PreparedBatch)
        return answer

    def close(self) -> None:
        self._worker.close()


def first_batch_size(batch_size: int) -> int:
    """The first batch of a push is smaller, so that the first import starts sooner (Label Studio
    then works while the next, full batch is prepared)."""
    return max(1, batch_size // 4)


def batches(items: Iterable[_T], size: int, first: int | None = None) -> Iterator[list[_T]]:
    """``items`` in lists of ``size`` (the first of ``first`` if given, the last one shorter)."""
    batch: list[_T] = []
    limit = first or size
    for item in items:
        batch.append(item)
        if len(batch) >= limit:
            yield batch
            batch, limit = [], size
    if batch:
        yield batch


def prepared_ahead(items: Iterator[_T], depth: int = 1) -> Iterator[_T]:
    """``items``, produced by a background thread up to ``depth`` ahead of the consumer.

    The next batch is read and prepared while Label Studio imports the current one, instead of
    after it. An error raised while producing is raised here, in order, after the items produced
    before it; nothing is sent ahead.
    """
    slots: queue.Queue[tuple[bool, Any]] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(entry: tuple[bool, Any]) -> bool:
        while not stop.is_set():
            try:
                slots.put(entry, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((True, item)):
                    return
            put((False, None))
        except BaseException as error:  # handed to the consumer, raised there
            put((False, error))

    thread = threading.Thread(target=produce, name="corpus-push-prepare", daemon=True)
    thread.start()
    try:
        while True:
            more, item = slots.get()
            if not more:
                if item is not None:
                    raise item
                return
            yield item
    finally:
        stop.set()
        thread.join()
