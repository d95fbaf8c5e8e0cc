"""The embedded default: a local Label Studio in its own virtual environment.

Label Studio pins Django, pyarrow and more, so it never shares the library's environment: it
is installed once into ``$CORPUS_STUDIO_HOME/venv`` (default ``~/.local/share/corpus/label-studio``)
and run from there, bound to 127.0.0.1, with its data in the workspace (``.corpus/studio/``).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from corpus.errors import StudioError
from corpus.workspace import Workspace

LABEL_STUDIO_REQUIREMENT = "label-studio>=1.23,<2"
ADMIN_EMAIL = "admin@corpus.local"
START_TIMEOUT = 240.0


def studio_home() -> Path:
    default = Path.home() / ".local" / "share" / "corpus" / "label-studio"
    return Path(os.environ.get("CORPUS_STUDIO_HOME", default))


def studio_executable() -> Path:
    return studio_home() / "venv" / "bin" / "label-studio"


def install(*, quiet: bool = True) -> Path:
    """Install Label Studio into its own virtual environment unless it is already there."""
    executable = studio_executable()
    if executable.exists():
        return executable
    venv = executable.parent.parent
    venv.parent.mkdir(parents=True, exist_ok=True)
    steps = [
        [sys.executable, "-m", "venv", str(venv)],
        [str(venv / "bin" / "pip"), "install", *(["--quiet"] if quiet else []), LABEL_STUDIO_REQUIREMENT],
    ]
    for step in steps:
        result = subprocess.run(step, capture_output=quiet, text=True)
        if result.returncode != 0:
            raise StudioError(
                f"installing Label Studio failed ({' '.join(step[:3])}...): {(result.stderr or '')[-500:]}"
            )
    return executable


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
    url: str | None
    pid: int | None
    managed: bool  # started by corpus in this workspace

    def to_dict(self) -> dict[str, Any]:
        return {"running": self.running, "url": self.url, "pid": self.pid}

    def line(self) -> str:
        if self.running:
            return f"Label Studio is up at {self.url}" + (f" (pid {self.pid})" if self.pid else "")
        return "Label Studio is not running" + (" (run: corpus studio up)" if self.managed or not self.url else "")


def status(workspace: Workspace | str | Path | None = None) -> StudioStatus:
    """Whether the local Label Studio of ``workspace`` runs (its recorded process answers /health)."""
    workspace = Workspace.of(workspace)
    record = workspace.read_json("studio.json")
    url, pid = record.get("url"), record.get("pid")
    if url and pid and _alive(pid) and healthy(url):
        return StudioStatus(True, url, pid, True)
    return StudioStatus(False, url, None, bool(record))


def up(
    workspace: Workspace | str | Path | None = None, *, port: int | None = None, timeout: float = START_TIMEOUT
) -> StudioStatus:
    """Start the workspace's local Label Studio on 127.0.0.1, installing it the first time.

    Does nothing if it already runs. The first start generates the admin login and an API
    token into ``.corpus/credentials.json`` (mode 0600); they reach the server through its
    environment, never its command line.

    Args:
        workspace: the workspace folder (default: CORPUS_WORKSPACE or the current directory).
        port: the port on 127.0.0.1 (default: the one used last time, else a free one).
        timeout: seconds to wait for the server to answer.

    Returns:
        The running server's status, with its URL.

    Raises:
        StudioError: installing or starting failed (the message names the log).
    """
    workspace = Workspace.of(workspace)
    current = status(workspace)
    if current.running:
        return current
    executable = install()
    workspace.ensure()
    data_dir = workspace.path("studio")
    data_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(data_dir, 0o700)  # its database holds the admin's password hash and the API token
    credentials = workspace.credentials
    if credentials.get("managed") is not True:
        # First start in this workspace: generate the admin login and a legacy API token.
        credentials = {
            "managed": True,
            "username": ADMIN_EMAIL,
            "password": secrets.token_urlsafe(16),
            "api_key": secrets.token_hex(20),
        }
    port = port or workspace.read_json("studio.json").get("port") or free_port()
    # Keep the recorded port (and so the URL that scripts and annotators know) when it frees
    # up within a few seconds, as it does right after `down`.
    deadline = time.monotonic() + 15
    while not _port_free(port) and time.monotonic() < deadline:
        time.sleep(0.5)
    if not _port_free(port):
        port = free_port()
    url = f"http://127.0.0.1:{port}"
    credentials["url"] = url
    workspace.save_credentials(credentials)
    env = dict(os.environ)
    for name in ("LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY", "VIRTUAL_ENV", "PYTHONPATH"):
        env.pop(name, None)
    env.update(
        {
            "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
            "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
            "LABEL_STUDIO_LOCAL_FILES_SERVING_ENABLED": "false",
            "COLLECT_ANALYTICS": "false",
            "PATH": f"{executable.parent}:{env.get('PATH', '')}",
            **admin_environment(credentials),
        }
    )
    command = [
        str(executable),
        "start",
        "--no-browser",
        "--internal-host",
        "127.0.0.1",
        "--port",
        str(port),
        "--host",
        url,
        "--data-dir",
        str(data_dir),
        "--enable-legacy-api-token",
    ]
    log_path = data_dir / "label-studio.log"
    with open(log_path, "ab") as log_file:
        os.chmod(log_path, 0o600)
        process = subprocess.Popen(
            command,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            cwd=data_dir,
        )
    workspace.write_json("studio.json", {"pid": process.pid, "url": url, "port": port, "log": str(log_path)})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise StudioError(f"Label Studio exited with status {process.returncode} while starting; see {log_path}")
        if healthy(url):
            return StudioStatus(True, url, process.pid, True)
        time.sleep(1)
    down(workspace)
    raise StudioError(f"Label Studio did not answer {url}/health within {timeout:.0f} s; see {log_path}")


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


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        # As the server itself binds: connections of a stopped server in TIME_WAIT do not count.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
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
