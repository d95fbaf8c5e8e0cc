"""The embedded Label Studio on PostgreSQL behind uWSGI (``corpus studio up --database``): the
round trip, and the data really in PostgreSQL (tests/postgres_server.py: a real cluster)."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

from corpus.studio import server as studio
from corpus.workspace import Workspace
from tests.conftest import EXAMPLES
from tests.test_publish import annotate
from tests.test_push import all_tasks, project_id, run

pytestmark = pytest.mark.studio


def annotators(client, count: int = 2) -> list[dict]:
    """Users of the organisation, created through the API (which adds them to it)."""
    users = []
    for n in range(count):
        email = f"annotator{n}-{random.randrange(10**6)}@annotators.example"
        users.append(client.request("POST", "/api/users/", json={"email": email, "username": email}))
    return users


def annotate_all(client, project: int, users: list[dict]) -> int:
    rng, posted = random.Random(5), 0
    for task in all_tasks(client, project):
        sentence = {"text": task["data"]["text"]}
        for n, user in enumerate(users, start=1):
            client.request(
                "POST",
                f"/api/tasks/{task['id']}/annotations/",
                json={"completed_by": user["id"], "result": annotate(sentence, n, rng), "lead_time": 2.0},
            )
            posted += 1
    return posted


def test_round_trip_on_postgresql_behind_uwsgi(label_studio_pg, postgresql, tmp_path, monkeypatch):
    for name, value in label_studio_pg.env().items():
        monkeypatch.setenv(name, value)
    state = studio.server_status(label_studio_pg.workspace)
    assert state.running and state.workers == 2 and state.database.startswith("postgresql://postgres:***@")
    assert "uWSGI with 2 workers" in state.line()

    run("split", str(EXAMPLES), "-o", str(tmp_path / "data"))
    run(
        "push",
        str(tmp_path / "data" / "sentences.jsonl"),
        "--project",
        "pg-round-trip",
        "--overlap",
        "2",
        "-w",
        str(tmp_path),
    )
    project = project_id(tmp_path, "pg-round-trip")
    with label_studio_pg.client() as client:
        tasks = len(all_tasks(client, project))
        posted = annotate_all(client, project, annotators(client))
    pulled = json.loads(
        run(
            "pull",
            "--project",
            "pg-round-trip",
            "-o",
            str(tmp_path / "data" / "annotations.jsonl"),
            "-w",
            str(tmp_path),
            "--json",
        )
    )
    assert pulled["annotations"] == posted == 2 * tasks and not pulled["problems"]
    published_output = run(
        "publish", "--version", "1.0.0", "--data", str(tmp_path / "data"), "-o", str(tmp_path / "dataset"), "--json"
    )
    # warnings (ties, an empty split) come on stderr before the JSON
    published = json.loads(published_output[published_output.index("{") :])
    assert (tmp_path / "dataset" / "README.md").exists(), published

    # The rows are in PostgreSQL, and no SQLite database was made beside the server's data.
    assert int(postgresql.psql(f"SELECT count(*) FROM task WHERE project_id = {project}", "label_studio")) == tasks
    assert (
        int(postgresql.psql(f"SELECT count(*) FROM task_completion WHERE project_id = {project}", "label_studio"))
        == posted
    )
    data_dir = Workspace(label_studio_pg.workspace).path("studio-postgresql")
    assert not list(data_dir.rglob("*.sqlite3"))


def test_production_server_serves_static_files_with_several_workers_and_no_secret_in_argv(label_studio_pg, postgresql):
    import httpx

    assert httpx.get(f"{label_studio_pg.url}/static/images/favicon.ico", timeout=10).status_code == 200
    record = Workspace(label_studio_pg.workspace).read_json("studio.json")
    group = [pid for pid in map(int, filter(str.isdigit, os.listdir("/proc"))) if _pgid(pid) == record["pid"]]
    assert len(group) >= 3  # the uWSGI master, its HTTP router and the workers
    credentials = Workspace(label_studio_pg.workspace).credentials
    secrets = [postgresql.password, credentials["password"], credentials["api_key"]]
    for pid in group:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        assert not any(secret in argv for secret in secrets)
    log = Path(record["log"]).read_text(encoding="utf-8", errors="replace")
    assert postgresql.password not in log
    assert (Workspace(label_studio_pg.workspace).path("credentials.json").stat().st_mode & 0o777) == 0o600


def _pgid(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except ProcessLookupError:
        return None


def test_bad_database_url_is_one_line_without_the_password(tmp_path):
    with pytest.raises(studio.StudioError) as error:
        studio.Database.parse("mysql://user:hunter2@db/x")
    assert "hunter2" not in str(error.value) and "postgresql://USER:PASSWORD@HOST:PORT/NAME" in str(error.value)
    db = studio.Database.parse("postgresql://ann%40x:p%2Fw@db.example:6543/labels")
    assert (db.user, db.password, db.host, db.port, db.name) == ("ann@x", "p/w", "db.example", 6543, "labels")
    assert "p/w" not in repr(db) and studio.Database.parse(db.url()) == db
