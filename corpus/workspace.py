"""The workspace: the folder where corpus keeps its state in ``.corpus/``.

* ``credentials.json`` (mode 0600): Label Studio URL and API key, and for the local server the
  admin login. Nothing else ever holds the token.
* ``state.json``: projects known to this workspace (name -> id, key).
* ``push/<project key>.jsonl``: the push journal.
* ``lock``: held by commands that change state, so two runs cannot corrupt it.
* ``rules/`` and ``features/``: what publish made with this version of the code and keeps for the
  next release (named by ``code_digest``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from corpus.errors import WorkspaceBusy
from corpus.jsonl import atomic_path
from corpus.schema import schemas_root
from corpus.version import __version__


@functools.cache
def code_digest() -> str:
    """A digest of corpus's version, its source files and its schemas: the name of what the workspace
    keeps of what this code made (the rules' predictions, the compiled features), so that another
    version never reads it."""
    digest = hashlib.sha256(__version__.encode())
    for root in (Path(__file__).parent, schemas_root()):
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:32]


def read_pickle(path: Path) -> Any:
    """What ``write_pickle`` kept at ``path``; None when there is nothing, or nothing that can be read
    (it is made again)."""
    with (
        contextlib.suppress(OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError),
        open(path, "rb") as handle,
    ):
        return pickle.load(handle)
    return None


def write_pickle(path: Path, value: Any) -> None:
    """Keep ``value`` at ``path``, written whole or not at all; a workspace that cannot be written
    keeps nothing (it is made again next time)."""
    with contextlib.suppress(OSError), atomic_path(path, "wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)


def remove_others(path: Path) -> None:
    """Remove the other files of ``path``'s folder with its suffix (``.pickle``, ``.sqlite``): those
    another version of the code kept."""
    with contextlib.suppress(OSError):
        for other in path.parent.glob(f"*{path.suffix}"):
            if other != path:
                other.unlink(missing_ok=True)


class Workspace:
    """A folder where corpus keeps its state (``.corpus/``); the current directory by default."""

    def __init__(self, root: str | Path = "."):
        self.root = Path(root).resolve()
        self.dir = self.root / ".corpus"

    @classmethod
    def of(cls, workspace: Workspace | str | Path | None = None) -> Workspace:
        """A Workspace from a path (or the Workspace itself); None means CORPUS_WORKSPACE or '.'."""
        if isinstance(workspace, Workspace):
            return workspace
        return cls(workspace if workspace is not None else os.environ.get("CORPUS_WORKSPACE", "."))

    def __repr__(self) -> str:
        return f"Workspace({str(self.root)!r})"

    def path(self, *parts: str) -> Path:
        return self.dir.joinpath(*parts)

    def ensure(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        os.chmod(self.dir, 0o700)

    # -- JSON state -------------------------------------------------------------------------
    def read_json(self, name: str) -> dict[str, Any]:
        try:
            data: dict[str, Any] = json.loads(self.path(name).read_text(encoding="utf-8"))
            return data
        except FileNotFoundError:
            return {}

    def write_json(self, name: str, data: dict[str, Any], *, private: bool = False) -> None:
        self.ensure()
        path = self.path(name)
        with atomic_path(path) as handle:
            if private:
                os.chmod(handle.name, 0o600)
            json.dump(data, handle, indent=2, sort_keys=True)
        if private:
            os.chmod(path, 0o600)

    @property
    def credentials(self) -> dict[str, Any]:
        return self.read_json("credentials.json")

    def save_credentials(self, data: dict[str, Any]) -> None:
        self.write_json("credentials.json", data, private=True)

    @property
    def state(self) -> dict[str, Any]:
        return self.read_json("state.json")

    def save_state(self, data: dict[str, Any]) -> None:
        self.write_json("state.json", data)

    @contextlib.contextmanager
    def lock(self, what: str) -> Iterator[None]:
        """Hold the workspace lock; a second command fails at once with a clear message.

        A command that made ``.corpus/`` only for its lock and wrote nothing else in it (one run in
        the wrong folder, stopped by "no Label Studio configured") leaves no folder behind."""
        made = not self.dir.exists()
        self.ensure()
        lock = FileLock(str(self.path("lock")), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            raise WorkspaceBusy(
                f"another corpus command is already running in {self.root} (lock {self.path('lock')}); "
                f"wait for it to finish, then run {what} again"
            ) from None
        try:
            yield
        finally:
            lock.release()
            if made and [p.name for p in self.dir.iterdir()] == ["lock"]:
                with contextlib.suppress(OSError):
                    self.path("lock").unlink()
                    self.dir.rmdir()


# Local servers started by `corpus studio up`, in any workspace of this user: so that a command run
# from another folder can say where the running server's workspace is, instead of suggesting a
# second, empty server. Holds folders, URLs and process ids only (never a credential).
def _local_servers_path() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "corpus" / "local-servers.json"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def note_local_server(root: Path, url: str | None = None, pid: int | None = None) -> None:
    """Record (or, without ``pid``, forget) the local server of the workspace at ``root``."""
    path = _local_servers_path()
    try:
        servers: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        servers = {}
    servers = {k: v for k, v in servers.items() if isinstance(v, dict) and _pid_alive(int(v.get("pid") or 0) or -1)}
    if pid:
        servers[str(root)] = {"url": url, "pid": pid}
    else:
        servers.pop(str(root), None)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as handle:
            json.dump(servers, handle, indent=2, sort_keys=True)
    except OSError:
        pass  # a read-only home: the hint is lost, nothing else


def local_servers() -> dict[str, str]:
    """Workspace folder -> URL of the local servers started by corpus that are still running."""
    try:
        servers = json.loads(_local_servers_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {
        root: str(entry.get("url"))
        for root, entry in sorted(servers.items())
        if isinstance(entry, dict) and entry.get("pid") and _pid_alive(int(entry["pid"]))
    }


def servers_elsewhere(root: Path) -> str | None:
    """The local servers that run for other workspaces, and which one to name: the one ``root`` is
    inside, else the only one; with several and none around here, the user chooses. None if none run."""
    running = {folder: url for folder, url in local_servers().items() if folder != str(root)}
    if not running:
        return None
    where = "; ".join(f"{url} belongs to the workspace {folder}" for folder, url in running.items())
    around = [folder for folder in running if Path(root).resolve().is_relative_to(Path(folder).resolve())]
    chosen = around[-1] if around else (next(iter(running)) if len(running) == 1 else None)
    head = f"a local one runs elsewhere ({where})"
    if chosen is None:
        return f"{head}: add -w with the workspace you mean (or set CORPUS_WORKSPACE)"
    return f"{head}: run the command in {chosen}, or add -w {chosen} (or set CORPUS_WORKSPACE={chosen})"
