"""``corpus studio backup`` and ``restore``: the embedded Label Studio in one file, and back.

A backup is a consistent copy taken while the server runs and annotators save: on SQLite, its
online backup API (``sqlite3.Connection.backup`` in one step: the copy is one committed state;
in WAL mode writers go on meanwhile, else one waits a few milliseconds per megabyte), checked
with ``PRAGMA quick_check``; on
PostgreSQL, ``pg_dump`` (Debian's client) in a repeatable-read snapshot in which the counts are
read too. With it: the server's data folder (uploads, its ``.env`` with the secret key that
signs personal access tokens) and the workspace state (``.corpus/``: credentials kept 0600, push
journals, pull caches), copied under the workspace lock so that a journal and the database
agree. Left out: the lock, temporary files, logs, export snapshots, ``uwsgi.ini``. One tar.gz,
0600 (it holds credentials and password hashes), whose first member ``manifest.json`` lists
every file (size, SHA-256, mode), the Label Studio and corpus versions, the shape and the counts.

``restore`` checks every file against the manifest before it changes anything; refuses a backup
of a newer Label Studio (an older one is migrated at start), a running server and one with data
(without ``force``); restores the database (the SQLite file, or ``pg_restore``), the data folder
and the workspace state (what was there kept aside), and points the workspace at the URL it will
have on this machine. ``corpus studio up`` then starts it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any

from filelock import FileLock, Timeout

from corpus.errors import InputError, OptionError, StudioError, WorkspaceBusy
from corpus.results import Result
from corpus.version import __version__
from corpus.workspace import Workspace

FORMAT = "corpus-studio-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
STATE_PREFIX = "workspace/.corpus"  # the workspace's .corpus/ inside the archive
PG_DUMP = "database/label_studio.pgdump"  # pg_dump's custom format
SQLITE_FILE = "label_studio.sqlite3"
DATA_DIRS = ("studio", "studio-postgresql")  # the server's data folders in .corpus/ (server.py)
NAME_PATTERN = "corpus-backup-*.tar.gz"
DEFAULT_FOLDER = "backups"
# What a backup counts, per Label Studio table (annotations with skips, as Label Studio keeps them).
COUNTED = {
    "projects": "project",
    "tasks": "task",
    "annotations": "task_completion",
    "drafts": "tasks_annotationdraft",
    "predictions": "prediction",
    "users": "htx_user",
}


@dataclass
class BackupResult(Result):
    """What a backup holds: the file, its size, what it took, and the counts in it."""

    path: Path
    shape: str  # "sqlite" or "postgresql" (the database the server runs on)
    label_studio_version: str
    size: int = 0
    files: int = 0
    seconds: float = 0.0  # the whole backup
    locked_seconds: float = 0.0  # the workspace lock held (push waits this long at most)
    counts: dict[str, int] = field(default_factory=dict)
    server_running: bool = False
    removed: list[Path] = field(default_factory=list)  # older backups removed (keep)

    def line(self) -> str:
        counts = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        removed = f"; {len(self.removed)} older removed" if self.removed else ""
        return (
            f"backed up Label Studio {self.label_studio_version} ({_shape_name(self.shape)}, "
            f"{'running' if self.server_running else 'stopped'}: {counts}) and the workspace state, "
            f"{self.files} files -> {self.path} ({_size(self.size)} in {self.seconds:.1f} s){removed}"
        )


@dataclass
class RestoreResult(Result):
    """What a restore put back, and where the server will answer."""

    workspace: Path
    source: Path
    shape: str
    label_studio_version: str  # of the backup
    installed_version: str  # of this machine's Label Studio
    url: str  # where `corpus studio up` will serve it
    database: str = "sqlite"  # the PostgreSQL URL (password as ***) it went into
    files: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    created_at: str = ""  # when the backup was taken
    replaced: Path | None = None  # where the workspace state that was here before is kept
    seconds: float = 0.0

    def line(self) -> str:
        counts = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        where = f" into {self.database}" if self.shape == "postgresql" else ""
        upgrade = (
            f" (Label Studio {self.installed_version} here migrates it at start)"
            if self.installed_version != self.label_studio_version
            else ""
        )
        kept = f"; what was here before is in {self.replaced}" if self.replaced else ""
        return (
            f"restored {self.source} (taken {self.created_at}, Label Studio {self.label_studio_version}, "
            f"{_shape_name(self.shape)}{where}: {counts}) into {self.workspace}{upgrade}{kept}; "
            f"start it with corpus studio up (it will answer at {self.url})"
        )


def _shape_name(shape: str) -> str:
    return "PostgreSQL" if shape == "postgresql" else "SQLite"


def _size(size: int) -> str:
    if size < 1 << 20:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1 << 20):.1f} MB"


def version_tuple(version: str) -> tuple[int, ...]:
    """1.23.2 -> (1, 23, 2); a suffix (rc1, .post1) does not count."""
    return tuple(int(n) for n in re.findall(r"\d+", version.split("+")[0])[:3])


def installed_label_studio() -> str:
    """The Label Studio version of this machine's environment, installing it the first time."""
    from corpus.studio import server

    server.install()
    return label_studio_version()


def label_studio_version() -> str:
    """The installed Label Studio's version, from its package metadata ("0" if none)."""
    from corpus.studio import server

    venv = server.studio_executable().parent.parent
    found = sorted((venv / "lib").glob("python*/site-packages/label_studio-*.dist-info"))
    return found[-1].name.removeprefix("label_studio-").removesuffix(".dist-info") if found else "0"


# -- what goes in ---------------------------------------------------------------------------------
def left_out(relative: PurePosixPath) -> bool:
    """Whether a file (or folder) of ``.corpus/``, by its path relative to it, stays out of a backup."""
    name, parts = relative.name, relative.parts
    if relative == PurePosixPath("lock") or (name.startswith(".") and name.endswith(".tmp")):
        return True
    if parts[0].startswith((".corpus-backup-", ".corpus-restore-")):
        return True
    if parts[0] in DATA_DIRS and len(parts) >= 2:
        if len(parts) == 2 and (name in ("label-studio.log", "uwsgi.ini") or name.startswith(SQLITE_FILE)):
            return True  # the database is copied on its own (online), the rest is rewritten at start
        if parts[1] == "export" or parts[1:3] == ("media", "export"):
            return True  # export snapshots: pull makes its own and deletes it
    return False


def _copy_state(workspace: Workspace, target: Path) -> None:
    """The workspace's .corpus/ into ``target``, modes kept, what a backup leaves out left out."""
    for folder, dirs, files in os.walk(workspace.dir):
        here = Path(folder)
        relative_dir = PurePosixPath(here.relative_to(workspace.dir).as_posix())
        dirs[:] = [d for d in dirs if not left_out(relative_dir / d) and not (here / d).is_symlink()]
        for name in files:
            relative = relative_dir / name
            source = here / name
            if left_out(relative) or source.is_symlink() or not source.is_file():
                continue
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                shutil.copy2(source, destination)
            except FileNotFoundError:  # a temporary file renamed into place meanwhile
                continue


def _sqlite_copy(source: Path, target: Path) -> dict[str, int]:
    """A consistent copy of a live SQLite database through its online backup API; its counts."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Not mode=ro: a reader of a database in WAL mode maps its -shm file, which needs write access.
    src = sqlite3.connect(source, timeout=60)
    try:
        dst = sqlite3.connect(target)
        try:
            # One step (pages=-1): the copy is one committed state of the database. In steps, a
            # write by the server between two of them would start the copy over.
            src.backup(dst, pages=-1)
            check = dst.execute("PRAGMA quick_check").fetchone()
            if not check or check[0] != "ok":
                raise StudioError(f"the copy of {source} failed SQLite's check ({check}); run the backup again")
            counts = _table_counts(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.chmod(target, 0o600)
    return counts


def _table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {
        name: int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        for name, table in COUNTED.items()
        if table in tables
    }


def pg_tool(name: str) -> str:
    """A PostgreSQL client program (pg_dump, pg_restore, psql): Debian's wrapper on PATH, else
    the newest installed version's own.

    Raises:
        StudioError: the PostgreSQL client is not installed.
    """
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: version_tuple(p.parent.parent.name) or (0,),
    )
    if versions:
        return str(versions[-1])
    raise StudioError(
        f"{name} is not installed: install Debian's PostgreSQL client (apt-get install postgresql-client)"
    )


def _pg_environment(db: Any) -> dict[str, str]:
    """libpq's variables for ``db`` (a server.Database): the password never on a command line."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update(
        {
            "PGHOST": db.host,
            "PGPORT": str(db.port),
            "PGUSER": db.user,
            "PGPASSWORD": db.password,
            "PGDATABASE": db.name,
            "PGCONNECT_TIMEOUT": "15",
        }
    )
    return env


# Run by Label Studio's own Python (it has psycopg): a repeatable-read transaction whose snapshot
# pg_dump takes (--snapshot), with the counts read in it; open until a line comes on stdin.
_SNAPSHOT_SCRIPT = """
import json, sys
import psycopg
counted = json.loads(sys.argv[1])
with psycopg.connect() as connection:
    connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    connection.read_only = True
    snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
    tables = {r[0] for r in connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    counts = {
        name: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for name, table in counted.items()
        if table in tables
    }
    print(json.dumps({"snapshot": snapshot, "counts": counts}), flush=True)
    sys.stdin.readline()
    connection.rollback()
"""


def _pg_dump(db: Any, target: Path) -> dict[str, int]:
    """``pg_dump`` of the database in a repeatable-read snapshot exported by a session that
    reads the counts in the same snapshot, so that they describe the dump."""
    from corpus.studio import server

    env = _pg_environment(db)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    python = str(server.studio_executable().parent / "python")
    session = subprocess.Popen(
        [python, "-c", _SNAPSHOT_SCRIPT, json.dumps(COUNTED)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert session.stdin is not None and session.stdout is not None and session.stderr is not None
    try:
        line = session.stdout.readline()
        if not line:
            error = session.stderr.read().strip().splitlines() or ["?"]
            raise StudioError(f"cannot read PostgreSQL at {db.url(password=False)}: {error[-1][-300:]}")
        opened = json.loads(line)
        dump = _pg(db, "pg_dump", "--format=custom", f"--snapshot={opened['snapshot']}", f"--file={target}")
        if dump.returncode != 0:
            raise StudioError(f"pg_dump of {db.url(password=False)} failed: {dump.stderr.strip()[-500:]}")
    finally:
        with contextlib.suppress(OSError):
            session.stdin.write("done\n")
            session.stdin.close()
        try:
            session.wait(timeout=30)
        except subprocess.TimeoutExpired:
            session.kill()
            session.wait()
    os.chmod(target, 0o600)
    return {name: int(n) for name, n in opened["counts"].items()}


@contextlib.contextmanager
def _workspace_lock(workspace: Workspace, wait: float, what: str) -> Iterator[None]:
    """The workspace lock, waited for up to ``wait`` seconds (a push finishes its batch)."""
    workspace.ensure()
    lock = FileLock(str(workspace.path("lock")), timeout=wait)
    try:
        lock.acquire()
    except Timeout:
        raise WorkspaceBusy(
            f"another corpus command held {workspace.root} for more than {wait:.0f} s; run {what} again when it is done"
        ) from None
    try:
        yield
    finally:
        lock.release()


def _listed(staging: Path, path: Path) -> dict[str, Any]:
    """A file's entry in the manifest: its path in the archive, size, SHA-256 and mode."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    stat = path.stat()
    mode = f"{stat.st_mode & 0o777:04o}"
    return {
        "path": path.relative_to(staging).as_posix(),
        "size": stat.st_size,
        "sha256": digest.hexdigest(),
        "mode": mode,
    }


def _backup_name(folder: Path) -> Path:
    stamp = datetime.now().strftime("%Y-%m-%dT%H-%M-%S")
    path = folder / f"corpus-backup-{stamp}.tar.gz"
    n = 2
    while path.exists():
        path = folder / f"corpus-backup-{stamp}-{n}.tar.gz"
        n += 1
    return path


def _output_path(workspace: Workspace, output: str | Path | None) -> Path:
    if output is None:
        folder = workspace.root / DEFAULT_FOLDER
    else:
        output = Path(output)
        if output.name.endswith((".tar.gz", ".tgz")) and not output.is_dir():
            return output.resolve()
        folder = output
    folder.mkdir(parents=True, exist_ok=True)
    return _backup_name(folder.resolve())


def _reset_owner(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def backup(
    output: str | Path | None = None,
    *,
    workspace: Workspace | str | Path | None = None,
    keep: int | None = None,
    wait: float = 300.0,
) -> BackupResult:
    """Back up the workspace's local Label Studio, running or not, into one tar.gz file.

    A consistent copy while annotators save (SQLite's online backup API, or ``pg_dump`` on
    PostgreSQL), with the server's data folder and the workspace state (``.corpus/``,
    credentials kept 0600), listed with the versions and counts in ``manifest.json``.

    Args:
        output: the backup file (a name ending in .tar.gz or .tgz), or else a folder (default:
            ``backups/`` in the workspace) for a file named by the time
            (``corpus-backup-2026-12-05T10-15-30.tar.gz``).
        workspace: the workspace folder (default: CORPUS_WORKSPACE or the current directory).
        keep: in the output folder, keep only this many newest backups (older ones are removed).
        wait: seconds to wait for another command (a push) to release the workspace.

    Returns:
        The file, its size and counts (``line()``, ``to_dict()``).

    Raises:
        StudioError: no local Label Studio in this workspace, or a copy failed.
        WorkspaceBusy: another command held the workspace longer than ``wait``.
    """
    from corpus.studio import server

    start = time.monotonic()
    ws = Workspace.of(workspace)
    credentials = ws.credentials
    if credentials.get("managed") is not True:
        raise StudioError(
            f"the workspace {ws.root} has no local Label Studio (corpus studio up) to back up; "
            "a server of your own is backed up with its own tools"
        )
    sqlite_file = ws.path("studio", SQLITE_FILE)
    postgres = server.Database.parse(credentials["database"]) if credentials.get("database") else None
    if postgres is None and not sqlite_file.exists():
        raise StudioError(f"nothing to back up: {ws.root} has no Label Studio database yet (run corpus studio up)")
    status = server.server_status(ws)
    version = label_studio_version()
    target = _output_path(ws, output)
    if target.is_relative_to(ws.dir):
        raise OptionError(f"write the backup outside {ws.dir} (not {target})")
    target.parent.mkdir(parents=True, exist_ok=True)
    result = BackupResult(target, "postgresql" if postgres else "sqlite", version, server_running=status.running)
    staging = Path(tempfile.mkdtemp(prefix=".corpus-backup-", dir=target.parent))
    try:
        state = staging / STATE_PREFIX
        databases: list[dict[str, Any]] = []
        with _workspace_lock(ws, wait, "corpus studio backup"):
            locked = time.monotonic()
            if sqlite_file.exists():
                counts = _sqlite_copy(sqlite_file, state / "studio" / SQLITE_FILE)
                databases.append({"kind": "sqlite", "path": f"{STATE_PREFIX}/studio/{SQLITE_FILE}", "counts": counts})
            if postgres is not None:
                counts = _pg_dump(postgres, staging / PG_DUMP)
                where = postgres.url(password=False)
                databases.append({"kind": "postgresql", "path": PG_DUMP, "database": where, "counts": counts})
            _copy_state(ws, state)
            result.locked_seconds = time.monotonic() - locked
        result.counts = next(d["counts"] for d in databases if d["kind"] == result.shape)
        files = [_listed(staging, path) for path in sorted(staging.rglob("*")) if path.is_file()]
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "corpus_version": __version__,
            "label_studio_version": version,
            "shape": result.shape,
            "server_running": status.running,
            "url": credentials.get("url"),
            "workspace": str(ws.root),
            "databases": databases,
            "counts": result.counts,
            "files": files,
            "left_out": "the lock, temporary files, server logs, export snapshots, uwsgi.ini",
        }
        result.files = len(files)
        _write_archive(staging, manifest, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.size = target.stat().st_size
    if keep is not None:
        result.removed = _rotate(target.parent, keep)
    result.seconds = time.monotonic() - start
    return result


def _write_archive(staging: Path, manifest: dict[str, Any], target: Path) -> None:
    """The tar.gz with the manifest first, written beside ``target`` and renamed into place, 0600."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.chmod(fd, 0o600)
        with os.fdopen(fd, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                data = json.dumps(manifest, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode, info.mtime = len(data), 0o600, int(time.time())
                tar.addfile(info, io.BytesIO(data))
                for entry in manifest["files"]:
                    tar.add(staging / entry["path"], arcname=entry["path"], recursive=False, filter=_reset_owner)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _rotate(folder: Path, keep: int) -> list[Path]:
    """Remove all but the ``keep`` newest backups of the folder (by the time in their names)."""
    if keep < 1:
        raise OptionError("keep at least one backup (--keep 1 or more)")
    found = sorted(folder.glob(NAME_PATTERN), key=lambda p: (p.stat().st_mtime, p.name))
    removed = found[:-keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def backup_every(
    minutes: float,
    *,
    output: str | Path | None = None,
    keep: int = 10,
    workspace: Workspace | str | Path | None = None,
    on_backup: Callable[[BackupResult], None] | None = None,
    rounds: int | None = None,
) -> list[BackupResult]:
    """A backup every ``minutes`` while the workspace's Label Studio runs, keeping the newest ``keep``.

    Args:
        minutes: the interval; the first backup is taken at once.
        output: the folder of the backups (default: ``backups/`` in the workspace).
        keep: how many newest backups stay in that folder.
        workspace: the workspace folder.
        on_backup: called with each backup's result.
        rounds: stop after this many backups (default: until the server stops, or Ctrl-C).

    Returns:
        The results of the backups taken.

    Raises:
        StudioError: the server is not running (or as ``backup``).
    """
    from corpus.studio import server

    if minutes <= 0:
        raise OptionError("--every takes a number of minutes above 0")
    ws = Workspace.of(workspace)
    folder = Path(output) if output is not None else ws.root / DEFAULT_FOLDER
    if folder.exists() and not folder.is_dir():
        raise OptionError(f"with --every, -o names a folder (not the file {folder})")
    folder.mkdir(parents=True, exist_ok=True)
    if not server.server_status(ws).running:
        raise StudioError(
            "Label Studio is not running in this workspace (corpus studio up); --every backs up a running one"
        )
    results: list[BackupResult] = []
    while True:
        began = time.monotonic()
        try:
            result = backup(folder, workspace=ws, keep=keep, wait=min(minutes * 60, 600.0))
        except WorkspaceBusy:
            result = None  # a long push: the next round takes it
        if result is not None:
            results.append(result)
            if on_backup:
                on_backup(result)
        if rounds is not None and len(results) >= rounds:
            return results
        deadline = began + minutes * 60
        while time.monotonic() < deadline:
            time.sleep(min(5.0, max(0.0, deadline - time.monotonic())))
        if not server.server_status(ws).running:
            return results


# -- and back -----------------------------------------------------------------------------------
def read_manifest(source: str | Path) -> dict[str, Any]:
    """The manifest of a backup file (its first member), checked to be one corpus can restore.

    Raises:
        InputError: not a corpus backup, or one of a later format.
    """
    source = Path(source)
    try:
        with tarfile.open(source, "r:gz") as tar:
            member = tar.next()
            if member is None or member.name != MANIFEST:
                raise InputError(f"{source}: not a corpus backup (no {MANIFEST} first)")
            handle = tar.extractfile(member)
            assert handle is not None
            manifest: dict[str, Any] = json.loads(handle.read())
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
        raise InputError(f"{source}: not a readable corpus backup ({exc})") from None
    if manifest.get("format") != FORMAT:
        raise InputError(f"{source}: not a corpus backup (format {manifest.get('format')!r})")
    if int(manifest.get("format_version") or 0) > FORMAT_VERSION:
        raise InputError(
            f"{source}: a backup of format {manifest['format_version']} (a later corpus); this corpus "
            f"{__version__} reads format {FORMAT_VERSION}: upgrade corpus"
        )
    return manifest


def _safe_member(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise InputError(f"the backup holds a path outside its folders ({name!r}); not restored")
    return path


def _extract(source: Path, manifest: dict[str, Any], staging: Path) -> int:
    """Every file of the backup into ``staging``, each checked against the manifest."""
    expected = {entry["path"]: entry for entry in manifest["files"]}
    seen = set()
    with tarfile.open(source, "r:gz") as tar:
        for member in tar:
            if member.name == MANIFEST:
                continue
            entry = expected.get(member.name)
            if entry is None or not member.isfile():
                raise InputError(f"{source}: {member.name!r} is not in its manifest; not restored")
            destination = staging / _safe_member(member.name)
            destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle = tar.extractfile(member)
            assert handle is not None
            digest = hashlib.sha256()
            fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                for block in iter(partial(handle.read, 1 << 20), b""):
                    digest.update(block)
                    out.write(block)
            if digest.hexdigest() != entry["sha256"] or destination.stat().st_size != entry["size"]:
                raise InputError(f"{source}: {member.name} does not match its manifest (damaged); not restored")
            os.chmod(destination, int(entry["mode"], 8) & 0o777)
            seen.add(member.name)
    missing = set(expected) - seen
    if missing:
        raise InputError(
            f"{source}: {len(missing)} files of its manifest are missing (e.g. {min(missing)}); not restored"
        )
    return len(seen)


def _pg(db: Any, program: str, *args: str) -> subprocess.CompletedProcess[str]:
    """A PostgreSQL client program run against ``db`` (libpq's variables: no password in argv)."""
    return subprocess.run([pg_tool(program), *args], env=_pg_environment(db), capture_output=True, text=True)


def _pg_tables(db: Any) -> int | None:
    """How many tables the database has (None: it does not exist)."""
    answer = _pg(db, "psql", "-X", "-A", "-t", "-c", "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
    if answer.returncode == 0:
        return int(answer.stdout.strip() or 0)
    if "does not exist" in answer.stderr:
        return None
    raise StudioError(f"cannot reach PostgreSQL at {db.url(password=False)}: {answer.stderr.strip()[-300:]}")


def _pg_restore(db: Any, dump: Path, *, exists: bool, force: bool) -> None:
    """The dump into ``db``: created when missing, emptied first with ``force``."""
    name = '"' + db.name.replace('"', '""') + '"'
    psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1"]
    steps: list[list[str]] = [[*psql, "-d", "postgres", "-c", f"CREATE DATABASE {name}"]]
    if exists:
        steps = [[*psql, "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public"]] if force else []
    restore = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    steps.append([*restore, "-d", db.name, str(dump)])
    for program, *args in steps:
        done = _pg(db, program, *args)
        if done.returncode != 0:
            raise StudioError(f"{program} on {db.url(password=False)} failed: {done.stderr.strip()[-400:]}")


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _relocate(state: Path, workspace: Workspace, old_url: str | None, port: int | None, database: str | None) -> str:
    """Point the restored state at this machine: the port (the backup's when free here), the
    URL in every record that names the local server, no process id of the other machine."""
    from corpus.studio import server

    def load(name: str) -> dict[str, Any]:
        path = state / name
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def save(name: str, data: dict[str, Any]) -> None:
        path = state / name
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        path.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
        os.chmod(path, mode)

    record = load("studio.json")
    if port is None:
        port = record.get("port")
        if not port or not _port_free(int(port)):
            port = server.free_port()
    url = server.local_url(record.get("host") or server.LOOPBACK, int(port))
    record.update({"port": port, "url": url, "log": str(workspace.path(_data_dir(database), "label-studio.log"))})
    record.pop("pid", None)
    record.pop("share_url", None)
    save("studio.json", record)
    credentials = load("credentials.json")
    credentials["url"] = url
    if database:
        credentials["database"] = database
    save("credentials.json", credentials)
    os.chmod(state / "credentials.json", 0o600)
    if (state / "backend.json").exists():
        backend = load("backend.json")
        backend.update({"pid": None, "running": False, "connected": False})
        save("backend.json", backend)
    if old_url and old_url != url:
        projects = load("state.json")
        for entry in (projects.get("projects") or {}).values():
            if entry.get("url") == old_url:
                entry["url"] = url
        if projects:
            save("state.json", projects)
        for cache in (state / "pull").glob("*.jsonl"):
            _rewrite_header(cache, old_url, url)
    return url


def _data_dir(database: str | None) -> str:
    return "studio-postgresql" if database else "studio"


def _rewrite_header(path: Path, old_url: str, url: str) -> None:
    """A pull cache's header names the server it came from: the new URL, the rest as it was."""
    with open(path, encoding="utf-8") as handle:
        try:
            header = json.loads(handle.readline())
        except json.JSONDecodeError:
            return
        if not isinstance(header, dict) or header.get("url") != old_url:
            return
        header["url"] = url
        tmp = path.with_name(f".{path.name}.restore.tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            out.write(json.dumps(header) + "\n")
            shutil.copyfileobj(handle, out, 1 << 20)
    os.replace(tmp, path)


def restore(
    source: str | Path,
    *,
    workspace: Workspace | str | Path | None = None,
    force: bool = False,
    database: str | None = None,
    port: int | None = None,
) -> RestoreResult:
    """Bring a workspace's Label Studio back from a backup, on this machine or another.

    Every file is checked against the manifest before anything changes. The database comes
    back (the SQLite file, or ``pg_restore`` into the database it came from or ``database``),
    with the server's data folder and the workspace state (the state that was here is kept in
    ``.corpus-replaced-<time>/``). The workspace then points at the URL the server will have
    here (the backup's port when it is free). Start it with ``corpus studio up``.

    Args:
        source: the backup file (``corpus studio backup``).
        workspace: the workspace folder to restore into (default: CORPUS_WORKSPACE or the current directory).
        force: stop a running server and replace a server that has data.
        database: ``postgresql://USER:PASSWORD@HOST:PORT/NAME``: restore a PostgreSQL backup
            into this database (created when missing) instead of the one it came from.
        port: the port the server will listen on (default: the backup's, else a free one).

    Raises:
        InputError: not a corpus backup, or a damaged one (nothing was changed).
        StudioError: a backup from a newer Label Studio; a running server or one with data
            (without ``force``); PostgreSQL refused.
        OptionError: ``database`` given for a SQLite backup.
        WorkspaceBusy: another command holds the workspace.
    """
    from corpus.studio import server

    start = time.monotonic()
    source = Path(source).resolve()
    ws = Workspace.of(workspace)
    manifest = read_manifest(source)
    shape = str(manifest.get("shape") or "sqlite")
    backup_version = str(manifest.get("label_studio_version") or "0")
    if database is not None and shape != "postgresql":
        raise OptionError(
            "--database restores a PostgreSQL backup; this one is of SQLite "
            "(restore it, then corpus studio move --to postgresql://... carries it over)"
        )
    target = server.Database.parse(database) if database else None
    installed = installed_label_studio()
    if version_tuple(backup_version) > version_tuple(installed):
        raise StudioError(
            f"{source} was taken with Label Studio {backup_version}, newer than the {installed} installed here "
            f"({server.studio_home()}): upgrade it (pip install -U 'label-studio=={backup_version}' in that "
            "environment) and restore again"
        )
    status = server.server_status(ws)
    if status.running:
        if not force:
            raise StudioError(
                f"Label Studio runs in {ws.root} ({status.url}): stop it first (corpus studio down), "
                "or give --force to stop it and replace its data"
            )
        server.down(ws)
    if ws.path("studio", SQLITE_FILE).exists() and shape == "sqlite" and not force:
        raise StudioError(
            f"{ws.root} already has a Label Studio with data ({ws.path('studio', SQLITE_FILE)}); "
            "give --force to replace it (its workspace state is kept aside)"
        )
    counts, taken = dict(manifest.get("counts") or {}), str(manifest.get("created_at") or "")
    result = RestoreResult(ws.root, source, shape, backup_version, installed, "", counts=counts, created_at=taken)
    ws.ensure()
    with ws.lock("corpus studio restore"):
        staging = Path(tempfile.mkdtemp(prefix=".corpus-restore-", dir=ws.root))
        try:
            result.files = _extract(source, manifest, staging)
            state = staging / STATE_PREFIX
            if shape == "postgresql":
                if target is None:
                    restored = json.loads((state / "credentials.json").read_text(encoding="utf-8"))
                    target = server.Database.parse(restored["database"])
                tables = _pg_tables(target)
                if tables and not force:
                    raise StudioError(
                        f"the database {target.url(password=False)} already has {tables} tables; give --force to "
                        "replace them, or --database for another database"
                    )
                _pg_restore(target, staging / PG_DUMP, exists=tables is not None, force=force)
                result.database = target.url(password=False)
            result.url = _relocate(state, ws, manifest.get("url"), port, target.url() if target is not None else None)
            result.replaced = _swap_in(ws, state)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    result.seconds = time.monotonic() - start
    return result


def _swap_in(workspace: Workspace, state: Path) -> Path | None:
    """The restored state into .corpus/ (its lock file stays: this process holds it); what was
    there before moves to .corpus-replaced-<time>/. Returns that folder, if anything moved."""
    aside: Path | None = None
    for entry in sorted(workspace.dir.iterdir()):
        if entry.name == "lock":
            continue
        if aside is None:
            aside = workspace.root / f".corpus-replaced-{datetime.now().strftime('%Y-%m-%dT%H-%M-%S')}"
            aside.mkdir(mode=0o700)
        entry.rename(aside / entry.name)
    for entry in sorted(state.iterdir()):
        entry.rename(workspace.dir / entry.name)
    os.chmod(workspace.dir, 0o700)
    for name in DATA_DIRS:
        if workspace.path(name).is_dir():
            os.chmod(workspace.path(name), 0o700)
    return aside
