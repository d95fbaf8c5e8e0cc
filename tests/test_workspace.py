"""The workspace folder: its lock, and where a command run in the wrong folder is pointed (no server)."""

from __future__ import annotations

import json
import os

import pytest

from corpus.workspace import Workspace, servers_elsewhere


def test_a_command_stopped_in_the_wrong_folder_leaves_no_workspace_behind(tmp_path):
    stray = Workspace(tmp_path / "stray")
    (tmp_path / "stray").mkdir()
    with stray.lock("corpus status"):
        pass  # stopped before it wrote anything (e.g. no Label Studio configured)
    assert not (tmp_path / "stray" / ".corpus").exists()
    real = Workspace(tmp_path / "real")
    with real.lock("corpus push"):
        real.save_state({"projects": {}})
    assert (tmp_path / "real" / ".corpus" / "state.json").exists()  # what a command wrote stays
    with real.lock("corpus status"):
        pass
    assert (tmp_path / "real" / ".corpus" / "lock").exists()  # an existing workspace keeps its lock file


@pytest.fixture
def two_servers(tmp_path, monkeypatch):
    """Two local servers recorded as running (this test's own pid stands for theirs)."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    record = tmp_path / "state" / "corpus" / "local-servers.json"
    record.parent.mkdir(parents=True)
    first, second = tmp_path / "news", tmp_path / "loop"
    servers = {
        str(first): {"url": "http://127.0.0.1:8101", "pid": os.getpid()},
        str(second): {"url": "http://127.0.0.1:8102", "pid": os.getpid()},
    }
    record.write_text(json.dumps(servers), encoding="utf-8")
    return first, second


def test_a_folder_inside_a_running_workspace_is_pointed_to_that_workspace(two_servers, tmp_path):
    first, second = two_servers
    hint = servers_elsewhere(first / "data")
    assert f"run the command in {first}, or add -w {first}" in hint
    assert "8101" in hint and "8102" in hint  # both servers are named
    # Outside both, with two running: no guess, the user chooses.
    outside = servers_elsewhere(tmp_path / "elsewhere")
    assert "add -w with the workspace you mean" in outside and f"-w {first}" not in outside
    # The workspace of a server is not pointed to itself.
    assert str(second) not in (servers_elsewhere(second) or "").split("run the command in ")[-1]


def test_no_hint_when_no_local_server_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert servers_elsewhere(tmp_path) is None
