"""Worker processes of corpus (push's batch preparation, pull's conversion): when one may be
forked, and the fork itself with its pipe and its end."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

from corpus.errors import CorpusError


def safe_to_fork() -> bool:
    """Fork exists and no other thread runs here: a forked child gets only the forking thread,
    with every lock another thread held (the logging module's, an HTTP pool's) locked for ever."""
    return hasattr(os, "fork") and threading.active_count() == 1


def _run(target: Callable[..., None], connection: Connection, parent_end: Connection, args: tuple[Any, ...]) -> None:
    parent_end.close()  # the fork's copy: open here, the pipe would never be seen to end
    target(connection, *args)


class Worker:
    """``target(connection, *args)`` in a forked daemon process, started at once; ``connection``
    here is the other end of its pipe."""

    def __init__(self, target: Callable[..., None], *args: Any, name: str):
        context = multiprocessing.get_context("fork")
        self.connection, theirs = context.Pipe()
        self.process = context.Process(
            target=_run, args=(target, theirs, self.connection, args), name=name, daemon=True
        )
        self.process.start()
        theirs.close()

    def ended(self, doing: str, consequence: str) -> CorpusError:
        """The error for a worker that ended without answering (killed, out of memory)."""
        self.process.join(1)
        return CorpusError(f"the process {doing} ended unexpectedly (exit code {self.process.exitcode}); {consequence}")

    def close(self) -> None:
        """End the pipe (the worker returns at its next read or write), then the process."""
        self.connection.close()
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
