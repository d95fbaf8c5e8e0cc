"""The embedded default: a local Label Studio in its own virtual environment.

Label Studio pins Django, pyarrow and more, so it never shares the library's environment: it
is installed once into ``$CORPUS_STUDIO_HOME/venv`` (default ``~/.local/share/corpus/label-studio``)
and run from there, bound to 127.0.0.1, with its data in the workspace (``.corpus/studio/``).
``up(host="0.0.0.0")`` listens on the network instead, for colleagues (plain HTTP: see
docs/deploy.md); corpus itself still talks to it at 127.0.0.1.

Two shapes:

* SQLite (the default): the database a file in ``.corpus/studio/``, in WAL mode (readers do not
  wait for the writer), served by uWSGI worker processes as Label Studio's own deployment
  serves it (``server="development"`` or ``CORPUS_STUDIO_SERVER=development``: ``label-studio
  start``, Django's development server, one process). Nothing to install beyond Label Studio's
  ``uwsgi`` extra; ``scripts/load.py`` measures both (docs/deploy.md).
* PostgreSQL (``up(database="postgresql://...")``, for a team): the shape of Label Studio's own
  Docker deployment. Its migrations (``manage.py locked_migrate``), ``label-studio init`` for the
  admin, then uWSGI (Label Studio's ``uwsgi`` extra, pyuwsgi) with several worker processes,
  static files served by uWSGI from the collected ``static_build``. Data files (exports,
  uploads) go to ``.corpus/studio-postgresql/``. The database password reaches the server
  through its environment (``POSTGRE_PASSWORD``), never its command line or a log.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

import httpx

from corpus.errors import OptionError, StudioError
from corpus.workspace import Workspace, note_local_server, servers_elsewhere

# The "uwsgi" extra is Label Studio's own production server (pyuwsgi, a binary wheel).
LABEL_STUDIO_REQUIREMENT = "label-studio[uwsgi]>=1.23,<2"
DATABASE_VARIABLE = "CORPUS_STUDIO_DATABASE"
ADMIN_EMAIL = "admin@corpus.local"
LOOPBACK = "127.0.0.1"
START_TIMEOUT = 240.0
SERVER_VARIABLE = "CORPUS_STUDIO_SERVER"  # "uwsgi" (the default) or "development", for SQLite
SERVERS = ("uwsgi", "development")
SETTINGS_MODULE = "corpus_studio_settings"  # written into the SQLite data folder (``_sqlite_settings``)


def studio_home() -> Path:
    default = Path.home() / ".local" / "share" / "corpus" / "label-studio"
    return Path(os.environ.get("CORPUS_STUDIO_HOME", default))


def studio_executable() -> Path:
    return studio_home() / "venv" / "bin" / "label-studio"


def uwsgi_executable() -> Path:
    return studio_executable().parent / "uwsgi"


def install(*, quiet: bool = True) -> Path:
    """Install Label Studio (with its production server, uWSGI) into its own virtual environment
    unless it is already there; an environment of an earlier corpus gets uWSGI added."""
    executable = studio_executable()
    if executable.exists() and uwsgi_executable().exists():
        return executable
    venv = executable.parent.parent
    venv.parent.mkdir(parents=True, exist_ok=True)
    pip = [str(venv / "bin" / "pip"), "install", *(["--quiet"] if quiet else [])]
    steps = []
    if not executable.exists():
        steps.append([sys.executable, "-m", "venv", str(venv)])
        steps.append([*pip, LABEL_STUDIO_REQUIREMENT])
    else:  # the same extra, pinned as Label Studio pins it, for the installed version
        steps.append([*pip, f"label-studio[uwsgi]=={_installed_version(venv)}"])
    for step in steps:
        result = subprocess.run(step, capture_output=quiet, text=True)
        if result.returncode != 0:
            raise StudioError(
                f"installing Label Studio failed ({' '.join(step[:3])}...): {(result.stderr or '')[-500:]}"
            )
    return executable


def _installed_version(venv: Path) -> str:
    found = sorted((venv / "lib").glob("python*/site-packages/label_studio-*.dist-info"))
    if not found:
        raise StudioError(f"Label Studio's package metadata is missing from {venv}; delete that folder and run again")
    return found[-1].name.removeprefix("label_studio-").removesuffix(".dist-info")


def package_dir() -> Path:
    """The installed ``label_studio`` package (its Django project root: manage.py, core/)."""
    venv = studio_executable().parent.parent
    found = sorted((venv / "lib").glob("python*/site-packages/label_studio/manage.py"))
    if not found:
        raise StudioError(f"Label Studio is not installed in {venv}")
    return found[-1].parent


@dataclass(frozen=True)
class Database:
    """A PostgreSQL database for Label Studio, from ``postgresql://USER:PASSWORD@HOST:PORT/NAME``."""

    user: str
    password: str
    host: str
    port: int
    name: str

    @classmethod
    def parse(cls, url: str) -> Database:
        """Raises StudioError (without the password) when the URL is not a PostgreSQL URL."""
        try:
            parts = urlsplit(url)
            port = parts.port or 5432
        except ValueError:
            parts, port = None, 0
        if (
            parts is None
            or parts.scheme not in ("postgresql", "postgres")
            or not parts.hostname
            or not parts.path.strip("/")
        ):
            shown = Database.redact(url)
            raise StudioError(
                f"--database must look like postgresql://USER:PASSWORD@HOST:PORT/NAME, not {shown!r}"
            ) from None
        return cls(
            unquote(parts.username or "postgres"),
            unquote(parts.password or ""),
            parts.hostname,
            port,
            unquote(parts.path.strip("/")),
        )

    @staticmethod
    def redact(url: str) -> str:
        """The URL with its password replaced by ***, for messages and the status record."""
        try:
            parts = urlsplit(url)
            if parts.password is None:
                return url
            netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
            return parts._replace(netloc=netloc).geturl()
        except ValueError:
            return "<unparseable URL>"

    def url(self, *, password: bool = True) -> str:
        secret = quote(self.password, safe="") if password else "***"
        login = quote(self.user, safe="") + (f":{secret}" if self.password else "")
        return f"postgresql://{login}@{self.host}:{self.port}/{quote(self.name, safe='')}"

    def environment(self) -> dict[str, str]:
        """Label Studio's own settings for PostgreSQL (core/settings/base.py)."""
        return {
            "DJANGO_DB": "default",
            "POSTGRE_NAME": self.name,
            "POSTGRE_USER": self.user,
            "POSTGRE_PASSWORD": self.password,
            "POSTGRE_HOST": self.host,
            "POSTGRE_PORT": str(self.port),
        }

    def __repr__(self) -> str:  # never show the password
        return f"Database({self.url(password=False)!r})"


def default_workers() -> int:
    """Label Studio's uwsgi.ini default: two processes per core."""
    return 2 * (os.cpu_count() or 1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class StudioStatus:
    """Whether the workspace's local Label Studio runs, and where."""

    running: bool
    url: str | None  # where corpus talks to it (127.0.0.1 unless bound to one other address)
    pid: int | None
    managed: bool  # started by corpus in this workspace
    database: str = "sqlite"  # "sqlite", or the PostgreSQL URL with its password as ***
    workers: int | None = None  # uWSGI worker processes; None: the development server
    host: str = LOOPBACK  # the address it listens on (0.0.0.0: every interface)
    share_url: str | None = None  # where colleagues on the network open it (None: only this machine)
    annotators: int | None = None  # accounts active in the last hour (``active_annotators``); None: not asked
    elsewhere: str | None = None  # when none runs here: the local servers of other workspaces

    @property
    def exposed(self) -> bool:
        """Whether other machines can reach it (it listens on more than the loopback)."""
        return not _loopback(self.host)

    def to_dict(self) -> dict[str, Any]:
        return {
            "running": self.running,
            "url": self.url,
            "pid": self.pid,
            "database": self.database,
            "server": "uwsgi" if self.workers else "development",
            "workers": self.workers,
            "host": self.host,
            "share_url": self.share_url,
            "active_annotators": self.annotators,
            "advice": self.advice(),
            "elsewhere": self.elsewhere,
        }

    def line(self) -> str:
        if self.running:
            database = "SQLite" if self.database == "sqlite" else f"PostgreSQL {self.database}"
            server = f"uWSGI with {self.workers} workers" if self.workers else "the development server"
            shape = "" if self.database == "sqlite" and not self.workers else f", on {database}, {server}"
            shared = (
                f"; listening on {self.host}, colleagues open {self.share_url}"
                if self.exposed and self.share_url
                else ""
            )
            advice = self.advice()
            return (
                f"Label Studio is up at {self.url}"
                + (f" (pid {self.pid})" if self.pid else "")
                + shape
                + shared
                + (f"\n{advice}" if advice else "")
            )
        if self.elsewhere:
            return f"Label Studio is not running in this workspace; {self.elsewhere}"
        return "Label Studio is not running" + (" (run: corpus studio up)" if self.managed or not self.url else "")

    def advice(self) -> str | None:
        """Whether the number of annotators active in the last hour calls for PostgreSQL."""
        if self.annotators is None or not self.running:
            return None
        return shape_advice(self.database, self.workers, self.annotators, "active in the last hour")

    def warning(self) -> str | None:
        """What a user must know when other machines can reach it, else None."""
        if not self.exposed:
            return None
        server = "uWSGI" if self.workers else "Label Studio's development server"
        return (
            f"{server} listens on {self.host}: anyone on that network can reach it, over plain HTTP "
            "(logins and labels unencrypted). Fine for colleagues on a network you trust; otherwise put "
            "a reverse proxy with TLS in front (docs/deploy.md, section 2)."
        )


# Measured with scripts/load.py (docs/benchmarks.md, "At a human pace", 2026-12-05): annotators at human pace
# that each SQLite shape serves with every annotation kept and a p95 latency under a second.
SQLITE_ANNOTATORS = {"uwsgi": 50, "development": 25}


def shape_advice(
    database: str, workers: int | None, annotators: int, who: str = "annotating this project"
) -> str | None:
    """What the number of annotators says about the local server's shape: on SQLite, past what
    its server holds (``SQLITE_ANNOTATORS``), PostgreSQL (``corpus studio move``), or first uWSGI
    where the development server runs; None while the shape holds them, and on PostgreSQL."""
    if database != "sqlite":
        return None
    server = "uwsgi" if workers else "development"
    if annotators <= SQLITE_ANNOTATORS[server]:
        return None
    if server == "development" and annotators <= SQLITE_ANNOTATORS["uwsgi"]:
        return (
            f"{annotators} annotators {who}: more than the {SQLITE_ANNOTATORS[server]} that the development server "
            "holds on SQLite (docs/deploy.md); restart it on uWSGI: corpus studio down, then corpus studio up "
            f"without {SERVER_VARIABLE}=development"
        )
    return (
        f"{annotators} annotators {who}: more than the {SQLITE_ANNOTATORS['uwsgi']} that SQLite holds "
        "(docs/deploy.md); move to PostgreSQL: corpus studio move --to postgresql://USER:PASSWORD@HOST:PORT/NAME"
    )


def workspace_advice(workspace: Workspace, annotators: int) -> str | None:
    """``shape_advice`` for the workspace's local server (as it was last started)."""
    record = workspace.read_json("studio.json")
    return shape_advice(record.get("database", "sqlite"), record.get("workers"), annotators)


def active_annotators(url: str, api_key: str, within: float = 3600.0, timeout: float = 5.0) -> int | None:
    """Accounts (the admin of the workspace left out) active in the last ``within`` seconds, by
    Label Studio's ``last_activity``; None when the server does not say."""
    try:
        answer = httpx.get(f"{url}/api/users/", headers={"Authorization": f"Token {api_key}"}, timeout=timeout)
        answer.raise_for_status()
        users = answer.json()
    except (httpx.HTTPError, ValueError):
        return None
    if isinstance(users, dict):  # a paginated answer
        users = users.get("results") or []
    since = datetime.now(timezone.utc) - timedelta(seconds=within)
    active = 0
    for user in users:
        if not isinstance(user, dict) or user.get("email") == ADMIN_EMAIL:
            continue
        try:
            seen = datetime.fromisoformat(str(user.get("last_activity")).replace("Z", "+00:00"))
        except ValueError:
            continue
        active += seen.tzinfo is not None and seen >= since
    return active


def _loopback(host: str) -> bool:
    return ipaddress.ip_address(host).is_loopback


def bind_address(host: str | None) -> str:
    """The IPv4 address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).

    Raises:
        OptionError: not an IPv4 address.
    """
    if host is None:
        return LOOPBACK
    try:
        return str(ipaddress.IPv4Address(host.strip()))
    except ValueError:
        raise OptionError(
            f"--host must be an IPv4 address of this machine (0.0.0.0 for every interface), not {host!r}"
        ) from None


def machine_address() -> str:
    """This machine's address on its network (the one its default route leaves from), else 127.0.0.1.

    Connecting a UDP socket sends nothing: it only asks the kernel which interface it would use.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        try:
            sock.connect(("203.0.113.1", 9))  # TEST-NET-3 (RFC 5737), through the default route
            address = str(sock.getsockname()[0])
        except OSError:
            address = ""
    if address and not address.startswith("0."):
        return address
    try:
        address = socket.gethostbyname(socket.gethostname())
    except OSError:
        return LOOPBACK
    return LOOPBACK if _loopback(address) else address


def local_url(bind: str, port: int) -> str:
    """Where corpus on this machine reaches a server listening on ``bind``."""
    return f"http://{LOOPBACK if bind == '0.0.0.0' or _loopback(bind) else bind}:{port}"


def share_url(bind: str, port: int) -> str | None:
    """Where colleagues reach it: the machine's address for 0.0.0.0; None when bound to the loopback."""
    if _loopback(bind):
        return None
    return f"http://{machine_address() if bind == '0.0.0.0' else bind}:{port}"


def server_status(workspace: Workspace | str | Path | None = None) -> StudioStatus:
    """Whether the local Label Studio of ``workspace`` runs (its recorded process answers /health)."""
    workspace = Workspace.of(workspace)
    record = workspace.read_json("studio.json")
    url, pid = record.get("url"), record.get("pid")
    database, workers = record.get("database", "sqlite"), record.get("workers")
    host, shared = record.get("host", LOOPBACK), record.get("share_url")
    if url and pid and _alive(pid) and healthy(url):
        key = workspace.credentials.get("api_key")
        annotators = active_annotators(url, key) if key and database == "sqlite" else None
        return StudioStatus(True, url, pid, True, database, workers, host, shared, annotators)
    elsewhere = servers_elsewhere(workspace.root)
    return StudioStatus(False, url, None, bool(record), database, workers, host, shared, elsewhere=elsewhere)


def up(
    workspace: Workspace | str | Path | None = None,
    *,
    port: int | None = None,
    timeout: float = START_TIMEOUT,
    database: str | None = None,
    workers: int | None = None,
    host: str | None = None,
    server: str | None = None,
) -> StudioStatus:
    """Start the workspace's local Label Studio on 127.0.0.1, installing it the first time.

    Does nothing if it already runs. The first start generates the admin login and an API
    token into ``.corpus/credentials.json`` (mode 0600); they reach the server through its
    environment, never its command line.

    Args:
        workspace: the workspace folder (default: CORPUS_WORKSPACE or the current directory).
        port: the port (default: the one used last time, else a free one).
        timeout: seconds to wait for the server to answer.
        database: ``postgresql://USER:PASSWORD@HOST:PORT/NAME`` to run on PostgreSQL behind
            uWSGI (default: CORPUS_STUDIO_DATABASE, else the database of the last start, else
            SQLite); ``"sqlite"`` goes back to the SQLite file, which is never changed by a
            PostgreSQL start. The URL (with its password) is kept in credentials.json.
        workers: uWSGI worker processes (default: two per core, as Label Studio's own deployment).
        server: on SQLite, ``"uwsgi"`` (worker processes; the database in WAL mode) or
            ``"development"`` (Django's development server, one process); default:
            CORPUS_STUDIO_SERVER, else uwsgi. PostgreSQL is always served by uWSGI.
        host: the IPv4 address to listen on (default 127.0.0.1, this machine only); "0.0.0.0"
            lets colleagues on the network reach it at the machine's address (``share_url``),
            over plain HTTP. Label Studio then makes its links relative, so that a browser
            works under whichever address it used; corpus still uses 127.0.0.1.

    Returns:
        The running server's status, with its URL.

    Raises:
        StudioError: installing or starting failed (the message names the log), or a bad URL.
        OptionError: ``host`` is not an IPv4 address, or ``server`` not one of SERVERS.
    """
    workspace = Workspace.of(workspace)
    database = database or os.environ.get(DATABASE_VARIABLE) or None
    bind = bind_address(host)
    asked, server = server, server or os.environ.get(SERVER_VARIABLE) or "uwsgi"
    if server not in SERVERS:
        raise OptionError(f"the server must be one of {', '.join(SERVERS)}, not {server!r} ({SERVER_VARIABLE})")
    current = server_status(workspace)
    if current.running:
        if asked is not None and (asked == "uwsgi") != bool(current.workers):
            raise StudioError(
                f"Label Studio already runs here on {'uWSGI' if current.workers else 'the development server'}; "
                "run corpus studio down first to switch"
            )
        if host is not None and bind != current.host:
            raise StudioError(
                f"Label Studio already runs here, listening on {current.host}; run corpus studio down first to switch"
            )
        wanted = (
            None
            if database is None
            else ("sqlite" if database == "sqlite" else Database.parse(database).url(password=False))
        )
        if wanted is not None and wanted != current.database:
            raise StudioError(
                f"Label Studio already runs here on {current.database}; run corpus studio down first to switch"
            )
        return current
    executable = install()
    workspace.ensure()
    credentials = workspace.credentials
    if credentials.get("managed") is not True:
        # First start in this workspace: generate the admin login and a legacy API token.
        credentials = {
            "managed": True,
            "username": ADMIN_EMAIL,
            "password": secrets.token_urlsafe(16),
            "api_key": secrets.token_hex(20),
        }
    if database is None:
        database = credentials.get("database") or "sqlite"
    postgres = None if database == "sqlite" else Database.parse(database)
    if postgres is None:
        credentials.pop("database", None)
    else:
        credentials["database"] = postgres.url()
    data_dir = workspace.path("studio" if postgres is None else "studio-postgresql")
    data_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(data_dir, 0o700)  # its database holds the admin's password hash and the API token
    port = port or workspace.read_json("studio.json").get("port") or free_port()
    # Keep the recorded port (and so the URL that scripts and annotators know) when it frees
    # up within a few seconds, as it does right after `down`.
    deadline = time.monotonic() + 15
    while not _port_free(port, bind) and time.monotonic() < deadline:
        time.sleep(0.5)
    if not _port_free(port, bind):
        port = free_port()
    url = local_url(bind, port)
    shared = share_url(bind, port)
    credentials["url"] = url
    workspace.save_credentials(credentials)
    env = _server_environment(executable, data_dir, credentials)
    # Label Studio prefixes its pages' links and API calls with its HOST: this machine's URL
    # when only this machine can reach it; empty (relative links) when colleagues do, so that
    # the same pages work at the machine's address, its DNS name and 127.0.0.1 alike.
    public = shared is not None
    env["LABEL_STUDIO_HOST"] = "" if public else url
    log_path = data_dir / "label-studio.log"
    record: dict[str, Any] = {"url": url, "port": port, "log": str(log_path), "database": "sqlite", "host": bind}
    if shared:
        record["share_url"] = shared
    if postgres is None and server == "development":
        command = _sqlite_command(executable, port, None if public else url, data_dir, bind)
    elif postgres is None:
        workers = workers or default_workers()
        env.update(
            {
                "DJANGO_DB": "sqlite",
                "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
                "PYTHONPATH": str(data_dir),
                "HOST": env["LABEL_STUDIO_HOST"],
                "DEBUG": "false",
            }
        )
        _prepare_sqlite(executable, env, data_dir, log_path)
        command = [str(uwsgi_executable()), "--ini", str(_uwsgi_ini(data_dir, port, workers, bind))]
        record["workers"] = workers
    else:
        workers = workers or default_workers()
        env.update(postgres.environment())
        env.update(
            {"DJANGO_SETTINGS_MODULE": "core.settings.label_studio", "HOST": env["LABEL_STUDIO_HOST"], "DEBUG": "false"}
        )
        _prepare_postgresql(executable, env, data_dir, log_path, postgres)
        command = [str(uwsgi_executable()), "--ini", str(_uwsgi_ini(data_dir, port, workers, bind))]
        record.update({"database": postgres.url(password=False), "workers": workers})
    process = _spawn(command, env, log_path, data_dir)
    record["pid"] = process.pid
    workspace.write_json("studio.json", record)
    note_local_server(workspace.root, url, process.pid)
    try:
        _wait_healthy(process, url, timeout, log_path)
    except StudioError:
        down(workspace)
        raise
    return StudioStatus(True, url, process.pid, True, record["database"], record.get("workers"), bind, shared)


def _server_environment(executable: Path, data_dir: Path, credentials: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY", "VIRTUAL_ENV", "PYTHONPATH", DATABASE_VARIABLE):
        env.pop(name, None)
    env.update(
        {
            "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
            "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
            "LABEL_STUDIO_LOCAL_FILES_SERVING_ENABLED": "false",
            "COLLECT_ANALYTICS": "false",
            "LATEST_VERSION_CHECK": "false",
            "PATH": f"{executable.parent}:{env.get('PATH', '')}",
            **admin_environment(credentials),
        }
    )
    return env


def _sqlite_command(executable: Path, port: int, url: str | None, data_dir: Path, bind: str = LOOPBACK) -> list[str]:
    """``label-studio start`` listening on ``bind``; ``url`` its HOST (None: relative links)."""
    return [
        str(executable),
        "start",
        "--no-browser",
        "--internal-host",
        bind,
        "--port",
        str(port),
        *(["--host", url] if url else []),
        "--data-dir",
        str(data_dir),
        "--enable-legacy-api-token",
    ]


def _spawn(command: list[str], env: dict[str, str], log_path: Path, cwd: Path) -> subprocess.Popen[bytes]:
    with open(log_path, "ab") as log_file:
        os.chmod(log_path, 0o600)
        return subprocess.Popen(
            command,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            cwd=cwd,
        )


def _wait_healthy(process: subprocess.Popen[bytes], url: str, timeout: float, log_path: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StudioError(f"Label Studio exited with status {process.returncode} while starting; see {log_path}")
        if healthy(url):
            return
        time.sleep(1)
    raise StudioError(f"Label Studio did not answer {url}/health within {timeout:.0f} s; see {log_path}")


@contextlib.contextmanager
def sqlite_aside(workspace: Workspace | str | Path | None = None, timeout: float = START_TIMEOUT) -> Iterator[str]:
    """The workspace's SQLite Label Studio on a free port for the length of the block (for
    ``studio move`` while the workspace's server is the PostgreSQL one); yields its URL. Its
    database is only read through the API; the server is stopped at the end."""
    workspace = Workspace.of(workspace)
    data_dir = workspace.path("studio")
    if not (data_dir / "label_studio.sqlite3").exists():
        raise StudioError(f"this workspace has no SQLite Label Studio ({data_dir} has no database)")
    executable = install()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = data_dir / "label-studio.log"
    env = _server_environment(executable, data_dir, workspace.credentials)
    process = _spawn(_sqlite_command(executable, port, url, data_dir), env, log_path, data_dir)
    try:
        _wait_healthy(process, url, timeout, log_path)
        yield url
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _prepare_postgresql(executable: Path, env: dict[str, str], data_dir: Path, log_path: Path, db: Database) -> None:
    """What Label Studio's Docker entrypoint does before uWSGI: wait for the database, migrate
    under its lock (several servers may start at once), ``label-studio init`` (the admin, with
    its token, and the organisation), and collect static files when they are missing."""
    package = package_dir()
    python = str(executable.parent / "python")
    _wait_for_database(db)
    steps = [
        [python, "manage.py", "locked_migrate"],
        [str(executable), "init", "--quiet", "--data-dir", str(data_dir), "--enable-legacy-api-token"],
    ]
    if not (package / "core" / "static_build" / "staticfiles.json").exists():
        steps.append([python, "manage.py", "collectstatic", "--no-input"])
    with open(log_path, "ab") as log_file:
        os.chmod(log_path, 0o600)
        for step in steps:
            result = subprocess.run(
                step, env=env, cwd=package, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
            if result.returncode != 0:
                raise StudioError(
                    f"preparing Label Studio on {db.url(password=False)} failed at {' '.join(step[1:3])!r}; "
                    f"see {log_path}"
                )


def _sqlite_settings(data_dir: Path) -> None:
    """Label Studio's own settings with a longer wait for SQLite's write lock than its 5 s, for
    several worker processes writing one file. Its settings read Django's while they are
    imported (for Sentry), so they are imported under their own name and then changed in place."""
    (data_dir / f"{SETTINGS_MODULE}.py").write_text(
        "# Written by corpus studio up: Label Studio's settings, for uWSGI workers sharing SQLite.\n"
        "import os\n\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'core.settings.label_studio'\n"
        "from core.settings.label_studio import *  # noqa: E402, F403\n"
        "from core.settings.label_studio import DATABASES  # noqa: E402\n\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = __name__\n"
        "DATABASES['default'].setdefault('OPTIONS', {})['timeout'] = 30\n",
        encoding="utf-8",
    )


def wal_mode(database: Path) -> str:
    """Put a SQLite database in WAL mode (kept in the file): readers, an export among them, no
    longer hold up the writer, nor it them. Returns the journal mode now in force."""
    connection = sqlite3.connect(database, timeout=30)
    try:
        mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()
    finally:
        connection.close()
    return str(mode[0]) if mode else ""


def _prepare_sqlite(executable: Path, env: dict[str, str], data_dir: Path, log_path: Path) -> None:
    """Before uWSGI serves SQLite: the settings module, the database in WAL mode, ``label-studio
    init`` (migrations, the admin with its token, the organisation) and the static files when
    they are missing."""
    _sqlite_settings(data_dir)
    wal_mode(data_dir / "label_studio.sqlite3")
    package = package_dir()
    steps = [[str(executable), "init", "--quiet", "--data-dir", str(data_dir), "--enable-legacy-api-token"]]
    if not (package / "core" / "static_build" / "staticfiles.json").exists():
        steps.append([str(executable.parent / "python"), "manage.py", "collectstatic", "--no-input"])
    with open(log_path, "ab") as log_file:
        os.chmod(log_path, 0o600)
        for step in steps:
            result = subprocess.run(
                step, env=env, cwd=package, stdout=log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
            if result.returncode != 0:
                raise StudioError(f"preparing Label Studio on SQLite failed at {' '.join(step[1:3])!r}; see {log_path}")


def _wait_for_database(db: Database, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((db.host, db.port), timeout=2):
                return
        except OSError as exc:
            if time.monotonic() > deadline:
                raise StudioError(
                    f"PostgreSQL at {db.host}:{db.port} does not accept connections ({exc}); is it running?"
                ) from None
            time.sleep(0.5)


def _uwsgi_ini(data_dir: Path, port: int, workers: int, bind: str = LOOPBACK) -> Path:
    """uWSGI settings after Label Studio's deploy/uwsgi.ini, bound to ``bind`` (127.0.0.1 by
    default), with static files served by uWSGI itself. No secret in it: those come from the
    environment."""
    package = package_dir()
    ini = data_dir / "uwsgi.ini"
    ini.write_text(
        "\n".join(
            [
                "[uwsgi]",
                f"chdir = {package}",
                f"http = {bind}:{port}",
                "module = core.wsgi:application",
                "master = true",
                f"processes = {workers}",
                "threads = 1",
                "single-interpreter = true",
                "need-app = true",
                "lazy-apps = true",
                "enable-threads = true",
                "thunder-lock = true",
                "die-on-term = true",
                "vacuum = true",
                "buffer-size = 65535",
                "post-buffering = 4096",
                "http-keepalive = 1",  # keep clients' connections open (browsers, corpus, the load test)
                "http-auto-chunked = true",
                "http-timeout = 1800",
                "harakiri = 1800",  # an export snapshot of 100,000 tasks is built inside one request
                "max-requests = 5000",
                "reload-on-rss = 2048",
                "worker-reload-mercy = 300",
                "ignore-sigpipe = true",
                "ignore-write-errors = true",
                "disable-write-exception = true",
                "disable-logging = true",
                "log-5xx = true",
                # uWSGI sends no Date header of its own: pull's watermark takes the server's time from it.
                "route-run = addheader:Date: ${httptime[]}",
                f"static-map = /static={package / 'core' / 'static_build'}",
                "env = APP_WEBSERVER=uwsgi",
                "",
            ]
        ),
        encoding="utf-8",
    )
    return ini


def admin_environment(credentials: dict[str, Any]) -> dict[str, str]:
    """The admin login and API token as Label Studio reads them from its environment.

    Never as arguments: argv is readable by every local user (``ps``, ``/proc/PID/cmdline``),
    and argparse would take a password that begins with "-" for an option.
    """
    return {
        "LABEL_STUDIO_USERNAME": credentials["username"],
        "LABEL_STUDIO_PASSWORD": credentials["password"],
        "LABEL_STUDIO_USER_TOKEN": credentials["api_key"],
    }


def _port_free(port: int, bind: str = LOOPBACK) -> bool:
    with socket.socket() as sock:
        # As the server itself binds: connections of a stopped server in TIME_WAIT do not count.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((bind, port))
        except OSError:
            return False
    return True


def down(workspace: Workspace | str | Path | None = None, timeout: float = 20.0) -> bool:
    """Stop the Label Studio this workspace started (by its recorded pid). True if one was stopped."""
    workspace = Workspace.of(workspace)
    record = workspace.read_json("studio.json")
    pid = record.get("pid")
    if not pid or not _alive(pid):
        return False
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _alive(pid):
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            pass
        time.sleep(0.2)
    if _alive(pid):
        os.killpg(pid, signal.SIGKILL)
    record.pop("pid", None)
    workspace.write_json("studio.json", record)
    note_local_server(workspace.root)
    return True


def environment(workspace: Workspace | str | Path | None = None) -> dict[str, str]:
    """LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY of the workspace's local server, for scripts.

    Raises:
        StudioError: the workspace has no local server.
    """
    credentials = Workspace.of(workspace).credentials
    if not credentials.get("url") or not credentials.get("api_key"):
        raise StudioError("no local Label Studio in this workspace; run: corpus studio up")
    return {"LABEL_STUDIO_URL": credentials["url"], "LABEL_STUDIO_API_KEY": credentials["api_key"]}
