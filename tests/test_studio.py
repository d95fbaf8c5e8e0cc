"""``corpus studio`` on the session's real local Label Studio."""

from __future__ import annotations

import ipaddress
import os
import stat
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from corpus.cli import cli
from corpus.workspace import Workspace


@pytest.mark.studio
def test_up_again_finds_the_running_server_and_changes_nothing(label_studio):
    ws = Workspace(label_studio.workspace)
    before = ws.read_json("studio.json")
    result = CliRunner().invoke(cli, ["studio", "up", "-w", str(label_studio.workspace)])
    assert result.exit_code == 0, result.output
    assert f"Label Studio is up at {label_studio.url} (pid {before['pid']})" in result.output
    assert ws.read_json("studio.json") == before
    assert label_studio.api_key not in result.output and label_studio.password not in result.output


@pytest.mark.studio
def test_status_env_and_credentials_file(label_studio):
    runner = CliRunner()
    status = runner.invoke(cli, ["studio", "status", "-w", str(label_studio.workspace)])
    assert status.exit_code == 0 and label_studio.url in status.output
    env = runner.invoke(cli, ["studio", "env", "-w", str(label_studio.workspace)])
    assert (
        env.output.strip() == f"export LABEL_STUDIO_URL={label_studio.url} LABEL_STUDIO_API_KEY={label_studio.api_key}"
    )
    credentials = label_studio.workspace / ".corpus" / "credentials.json"
    assert stat.S_IMODE(os.stat(credentials).st_mode) == 0o600


def test_status_and_down_in_a_workspace_without_a_server(tmp_path):
    runner = CliRunner()
    status = runner.invoke(cli, ["studio", "status", "-w", str(tmp_path)])
    assert status.exit_code == 1 and "not running" in status.output
    assert "was not running" in runner.invoke(cli, ["studio", "down", "-w", str(tmp_path)]).output
    env = runner.invoke(cli, ["studio", "env", "-w", str(tmp_path)])
    assert env.exit_code == 1 and "corpus studio up" in env.output


def _command_lines() -> list[str]:
    lines = []
    for path in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            lines.append(path.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace"))
        except OSError:
            continue  # the process ended while we looked
    return lines


@pytest.mark.studio
def test_no_process_command_line_holds_the_password_or_the_token(label_studio):
    # The session's server was started with a password that begins with "-" (see studio_server).
    assert label_studio.password.startswith("-")
    pid = Workspace(label_studio.workspace).read_json("studio.json")["pid"]
    server_line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    # The default serves SQLite through uWSGI (an ini file); the development server is "label-studio start".
    assert "uwsgi" in server_line or " start " in server_line, server_line
    lines = _command_lines()
    leaks = [line[:80] for line in lines if label_studio.password in line or label_studio.api_key in line]
    assert leaks == []


@pytest.mark.studio
def test_workspace_files_are_private(label_studio):
    corpus_dir = label_studio.workspace / ".corpus"
    assert stat.S_IMODE(os.stat(corpus_dir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(corpus_dir / "studio").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(corpus_dir / "studio" / "label-studio.log").st_mode) == 0o600
    log = (corpus_dir / "studio" / "label-studio.log").read_text(errors="replace")
    assert label_studio.password not in log and label_studio.api_key not in log


def _listening(port: int) -> list[str]:
    """Local addresses of the sockets listening on ``port``, from the kernel's tables."""
    addresses = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, local_port = fields[1].split(":")
            if fields[3] == "0A" and int(local_port, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                # The kernel prints each 32-bit word in host (little-endian) order.
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
                addresses.append(str(ipaddress.ip_address(words)))
    return addresses


@pytest.mark.studio
def test_the_server_listens_on_loopback_only(label_studio):
    port = urlsplit(label_studio.url).port
    addresses = _listening(port)
    assert addresses, f"nothing listens on port {port}"
    assert all(ipaddress.ip_address(a).is_loopback for a in addresses), addresses


@pytest.mark.studio
def test_a_command_run_outside_the_workspace_names_the_running_servers_workspace(label_studio, tmp_path, monkeypatch):
    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = CliRunner().invoke(cli, ["status", "-w", str(elsewhere)])
    assert result.exit_code == 1
    # Not "run corpus studio up" (that would start a second, empty server): where the running one is.
    # (Other local servers of this user may run too: each is named with its workspace.)
    assert f"belongs to the workspace {label_studio.workspace}" in result.output and "studio up" not in result.output
    assert label_studio.url in result.output
    # Following the advice reaches the server (the workspace has no project yet: that is the next message).
    followed = CliRunner().invoke(cli, ["studio", "status", "-w", str(label_studio.workspace)])
    assert followed.exit_code == 0 and label_studio.url in followed.output


@pytest.mark.studio
def test_the_default_serves_sqlite_in_wal_mode_through_uwsgi_workers(label_studio):
    import sqlite3

    from corpus.errors import StudioError
    from corpus.studio import server

    state = server.server_status(label_studio.workspace)
    assert state.to_dict()["server"] == "uwsgi" and state.workers and state.database == "sqlite"
    assert f"on SQLite, uWSGI with {state.workers} workers" in state.line()
    database = label_studio.workspace / ".corpus" / "studio" / "label_studio.sqlite3"
    assert sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True).execute("PRAGMA journal_mode").fetchone() == (
        "wal",
    )
    # Asking for the other shape while this one runs says how to switch, and changes nothing.
    with pytest.raises(StudioError, match="corpus studio down first"):
        server.up(label_studio.workspace, server="development")
    assert server.server_status(label_studio.workspace).pid == state.pid
    # Every answer carries the server's time (uWSGI adds no Date of its own): an incremental pull
    # lists what changed since then, not since the newest update minus a margin.
    import email.utils
    import time

    import httpx

    answer = httpx.get(f"{label_studio.url}/health", timeout=10)
    sent = email.utils.parsedate_to_datetime(answer.headers["Date"]).timestamp()
    assert abs(sent - time.time()) < 5


def test_the_advice_names_the_shape_that_holds_the_team():
    from corpus.studio import server

    limit = server.SQLITE_ANNOTATORS
    assert server.shape_advice("sqlite", 4, limit["uwsgi"]) is None
    assert server.shape_advice("postgresql://ls:***@db:5432/ls", 4, 500) is None
    beyond = server.shape_advice("sqlite", 4, limit["uwsgi"] + 1)
    assert beyond is not None and "corpus studio move --to postgresql://" in beyond
    assert f"more than the {limit['uwsgi']} that SQLite holds" in beyond and "docs/deploy.md" in beyond
    # The development server holds fewer; past it, uWSGI first, then PostgreSQL.
    first = server.shape_advice("sqlite", None, limit["development"] + 1)
    assert first is not None and "restart it on uWSGI" in first and "corpus studio move" not in first
    assert "corpus studio move" in (server.shape_advice("sqlite", None, limit["uwsgi"] + 1) or "")


@pytest.mark.studio
def test_studio_status_and_status_say_when_the_team_calls_for_postgresql(label_studio, tmp_path, monkeypatch):
    """The advice is output: ``corpus studio status`` counts the accounts active in the last hour,
    ``corpus status`` the project's annotators; past what SQLite holds both say to move."""
    import random

    from corpus.studio import server
    from tests.test_postgres import annotators
    from tests.test_publish import annotate
    from tests.test_push import all_tasks, run

    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    before = server.active_annotators(label_studio.url, label_studio.api_key)
    assert before is not None
    with label_studio.client() as client:
        people = annotators(client, 2)  # a new account counts as active
    active = server.active_annotators(label_studio.url, label_studio.api_key)
    assert active == before + 2
    ws = str(label_studio.workspace)
    monkeypatch.setattr(server, "SQLITE_ANNOTATORS", {"uwsgi": active, "development": active})
    assert "corpus studio move" not in CliRunner().invoke(cli, ["studio", "status", "-w", ws]).output
    monkeypatch.setattr(server, "SQLITE_ANNOTATORS", {"uwsgi": active - 1, "development": active - 1})
    shown = CliRunner().invoke(cli, ["studio", "status", "-w", ws]).output
    assert f"{active} annotators active in the last hour: more than the {active - 1} that SQLite holds" in shown
    assert "corpus studio move --to postgresql://" in shown
    # corpus status: the project's annotators, on the workspace's own server.
    from tests.conftest import EXAMPLES

    name = f"advice-{random.randrange(10**6)}"
    run("split", str(EXAMPLES), "-o", str(tmp_path / "data"))
    run("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", name, "-w", ws)
    with label_studio.client() as client:
        task = all_tasks(client, corpus_project_id(label_studio.workspace, name))[0]
        for n, person in enumerate(people, start=1):
            client.request(
                "POST",
                f"/api/tasks/{task['id']}/annotations/",
                json={
                    "completed_by": person["id"],
                    "result": annotate({"text": task["data"]["text"]}, n, random.Random(n)),
                },
            )
    monkeypatch.setattr(server, "SQLITE_ANNOTATORS", {"uwsgi": 2, "development": 2})
    assert "corpus studio move" not in run("status", "--project", name, "-w", ws)
    monkeypatch.setattr(server, "SQLITE_ANNOTATORS", {"uwsgi": 1, "development": 1})
    said = run("status", "--project", name, "-w", ws)
    assert said.splitlines()[-1] == (
        "2 annotators annotating this project: more than the 1 that SQLite holds (docs/deploy.md); "
        "move to PostgreSQL: corpus studio move --to postgresql://USER:PASSWORD@HOST:PORT/NAME"
    )


def corpus_project_id(workspace: Path, name: str) -> int:
    return int(Workspace(workspace).state["projects"][name]["id"])
