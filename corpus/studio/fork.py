"""When corpus may fork a worker process (push's batch preparation, pull's conversion)."""

from __future__ import annotations

import os
import threading


def safe_to_fork() -> bool:
    """Fork exists and no other thread runs here: a forked child gets only the forking thread,
    with every lock another thread held (the logging module's, an HTTP pool's) locked for ever."""
    return hasattr(os, "fork") and threading.active_count() == 1
