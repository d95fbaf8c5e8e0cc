"""Export snapshots of a Label Studio project: asked for early, streamed, converted on the other core.

Label Studio Community builds a snapshot inside the request that asks for it: 11 s for 10,000
annotated tasks, two minutes for 100,000 (README). So ``start_export`` sends that request from a
background thread and returns at once: the caller does meanwhile what does not need the snapshot
(this module deletes snapshots left by killed pulls; pull reads the current sentences and the
review project). The snapshot is then downloaded to a temporary file and parsed item by item
(ijson), so that large projects neither time out nor fill the memory, and ``Export.map``
converts its tasks in a worker process while this process writes what comes back: parsing and
converting take as long as validating and writing (0.3 s each for 10,000 tasks), and a thread
would share one core with them (the GIL).
"""

from __future__ import annotations

import contextlib
import pickle
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar

import ijson

from corpus.errors import CorpusError, LabelStudioError
from corpus.studio.client import EXPORT_TITLE, Client
from corpus.studio.fork import Worker, safe_to_fork
from corpus.studio.project import ProjectRef

EXPORT_TIMEOUT = 1800.0
CLOSE_WAIT = 10.0  # seconds an abandoned snapshot is waited for (see Export.close)
CHUNK = 256  # converted tasks per message from the worker: few messages, little waiting for the first
_T = TypeVar("_T")


def delete_leftover_snapshots(client: Client, project: ProjectRef, *, older_than: float = EXPORT_TIMEOUT) -> int:
    """Snapshots of earlier pulls that were killed before they cleaned up: each is a full copy
    of the annotations on the server's disk, so they do not stay there. Only those older than
    the export time-out go: a younger one may belong to a pull running elsewhere right now."""
    cutoff = datetime.now(timezone.utc) - timedelta(seconds=older_than)
    deleted = 0
    for snapshot in client.exports(project.id):
        try:
            created = datetime.fromisoformat(str(snapshot.get("created_at")).replace("Z", "+00:00"))
        except ValueError:
            continue
        if snapshot.get("title") == EXPORT_TITLE and created < cutoff:
            try:
                client.delete_export(project.id, snapshot["id"])
                deleted += 1
            except LabelStudioError:
                pass
    return deleted


def _wait_for_export(client: Client, project: ProjectRef, export_id: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    delay = 0.2
    while True:
        status = client.export(project.id, export_id).get("status")
        if status == "completed":
            return
        if status == "failed":
            raise LabelStudioError(
                f"Label Studio could not build export {export_id} of project {project.name!r}; see its server log"
            )
        if time.monotonic() > deadline:
            raise LabelStudioError(
                f"export {export_id} of project {project.name!r} not ready after {timeout:.0f} s; run pull again"
            )
        time.sleep(delay)
        delay = min(delay * 1.5, 5.0)


class Export:
    """A snapshot being made (see ``start_export``); read its tasks once, with ``tasks`` or ``map``.

    The snapshot is deleted from Label Studio when they are read, or by ``close``.
    """

    def __init__(self, client: Client, project: ProjectRef, *, timeout: float, body: dict[str, Any] | None):
        self._client, self._project, self._timeout = client, project, timeout
        self._lock = threading.Lock()
        self._snapshot: dict[str, Any] | None = None
        self._error: BaseException | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._create, args=(body,), name="corpus-export", daemon=True)
        self._thread.start()

    def _create(self, body: dict[str, Any] | None) -> None:
        project_id = self._project.id
        try:
            if body is None:
                snapshot = self._client.create_export(project_id, timeout=self._timeout)
            else:
                snapshot = self._client.create_snapshot(project_id, body, timeout=self._timeout)
        except BaseException as error:  # raised where the snapshot is asked for
            self._error = error
            return
        with self._lock:
            self._snapshot = snapshot
            abandoned = self._closed
        if abandoned:  # closed while Label Studio was building it
            self._delete(snapshot)

    def _delete(self, snapshot: dict[str, Any]) -> None:
        try:
            self._client.delete_export(self._project.id, snapshot["id"])
        except Exception:  # also a client closed meanwhile (from the background thread)
            pass  # a left-over snapshot costs disk space in Label Studio, nothing more

    def close(self, wait: float = CLOSE_WAIT) -> None:
        """Delete the snapshot from Label Studio. One still being made is waited for up to ``wait``
        seconds; after that it is deleted when Label Studio answers if this process still runs
        then, else by the next pull's clean-up: a command stopped by an error says so at once."""
        if self._closed:
            return
        self._thread.join(wait)
        with self._lock:
            already, self._closed = self._closed, True
            snapshot = self._snapshot
        if snapshot is not None and not already:
            self._delete(snapshot)

    @contextlib.contextmanager
    def _downloaded(self) -> Iterator[Path]:
        """The finished snapshot in a temporary file (deleted from Label Studio afterwards)."""
        try:
            self._thread.join()  # also: no other thread left when map forks
            if self._error is not None:
                raise self._error
            snapshot = self._snapshot
            assert snapshot is not None
            if snapshot.get("status") != "completed":  # Community builds it within the request
                _wait_for_export(self._client, self._project, snapshot["id"], self._timeout)
            with tempfile.TemporaryDirectory(prefix="corpus-pull-") as tmp:
                target = Path(tmp) / "export.json"
                self._client.download_export(self._project.id, snapshot["id"], target)
                yield target
        except KeyboardInterrupt:
            self.close(wait=0)  # Ctrl-C stops at once
            raise
        finally:
            self.close()

    def tasks(self) -> Iterator[dict[str, Any]]:
        """Every task of the snapshot, as Label Studio exported it, in this process."""
        with self._downloaded() as path:
            yield from _parsed(path)

    def map(self, convert: Callable[[dict[str, Any]], _T], *, worker: bool | None = None) -> Iterator[_T]:
        """``convert`` of each task of the snapshot, in order.

        ``worker``: convert in a worker process (fork); by default when this process can fork
        safely (no other thread: a notebook's, a test's proxy), else here. ``convert`` runs in
        the worker, so what it changes there is not seen here: only what it returns (picklable).

        Raises:
            CorpusError: the worker process ended without finishing.
        """
        with self._downloaded() as path:
            if not (safe_to_fork() if worker is None else worker):
                for task in _parsed(path):
                    yield convert(task)
                return
            yield from _converted_in_worker(path, convert)


def start_export(
    client: Client, project: ProjectRef, *, timeout: float = EXPORT_TIMEOUT, body: dict[str, Any] | None = None
) -> Export:
    """Ask Label Studio for a snapshot of the project's annotated tasks (``body``: other filter
    and serialization options, as ``studio move`` needs) in a background thread, and delete the
    snapshots left by killed pulls while it is made. ``project`` must be checked first (see
    ``find_project``): the request creates the snapshot in whatever project has that id."""
    export = Export(client, project, timeout=timeout, body=body)
    try:
        delete_leftover_snapshots(client, project)
    except BaseException:
        export.close()
        raise
    return export


def iter_export(
    client: Client, project: ProjectRef, *, timeout: float = EXPORT_TIMEOUT, body: dict[str, Any] | None = None
) -> Iterator[dict[str, Any]]:
    """Every annotated task of the project, streamed from a fresh export snapshot."""
    yield from start_export(client, project, timeout=timeout, body=body).tasks()


def _parsed(path: Path) -> Iterator[dict[str, Any]]:
    with open(path, "rb") as handle:
        yield from ijson.items(handle, "item", use_float=True)


def _convert_in_worker(connection: Connection, path: Path, convert: Callable[[dict[str, Any]], Any]) -> None:
    """The worker process: sends the converted tasks in lists of CHUNK, then None, or what was
    converted before an error and then the error."""
    chunk: list[Any] = []
    ending: BaseException | None = None
    try:
        for task in _parsed(path):
            chunk.append(convert(task))
            if len(chunk) >= CHUNK:
                connection.send(chunk)
                chunk = []
    except (BrokenPipeError, KeyboardInterrupt):
        return  # the parent stopped reading
    except BaseException as error:
        ending = error
    try:
        if chunk:
            connection.send(chunk)
        try:
            connection.send(ending)
        except (TypeError, AttributeError, pickle.PicklingError):  # an error that does not pickle: its text
            connection.send(CorpusError(f"{type(ending).__name__}: {ending}"))
    except (OSError, KeyboardInterrupt):
        return


def _converted_in_worker(path: Path, convert: Callable[[dict[str, Any]], _T]) -> Iterator[_T]:
    worker = Worker(_convert_in_worker, path, convert, name="corpus-export-convert")
    try:
        while True:
            try:
                message = worker.connection.recv()
            except EOFError:
                raise worker.ended("converting the export", "nothing was written, run the command again") from None
            if message is None:
                return
            if isinstance(message, BaseException):
                raise message
            yield from message
    finally:
        worker.close()  # a worker still sending stops at once
