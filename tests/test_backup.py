"""``corpus studio backup`` / ``restore``.

Without a server: a workspace laid out as ``studio up`` leaves it, its SQLite database written
by another connection all through the backup (the copy is one committed state), the archive's
contents and modes, the refusals of restore, the URL moved to a free port. With the real Label
Studio (SQLite, and PostgreSQL behind uWSGI): a backup taken while a thread posts annotations,
the data deleted, restored, and a full pull equal to the one before (every acknowledged
annotation back), the admin's login working.
"""

from __future__ import annotations

import io
import json
import os
import socket
import sqlite3
import tarfile
import threading
import time
from pathlib import Path

import pytest

import corpus
from corpus.errors import InputError, OptionError, StudioError
from corpus.studio import backup as studio_backup
from corpus.studio import server as studio
from corpus.workspace import Workspace
from tests.test_push import run

OLD_PORT_URL = "http://127.0.0.1:{port}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_database(path: Path) -> None:
    """The tables a backup counts, as Label Studio names them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        for table in studio_backup.COUNTED.values():
            db.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, task INTEGER, body TEXT)")
        db.execute("INSERT INTO project (body) VALUES ('p')")
        db.execute("INSERT INTO htx_user (body) VALUES ('admin')")


def fake_workspace(root: Path, port: int | None = None) -> Workspace:
    """A workspace as `corpus studio up` and a push and a pull leave it (no server running)."""
    ws = Workspace(root)
    ws.ensure()
    port = port or free_port()
    url = OLD_PORT_URL.format(port=port)
    ws.save_credentials(
        {"managed": True, "username": studio.ADMIN_EMAIL, "password": "pw", "api_key": "k" * 40, "url": url}
    )
    ws.write_json(
        "studio.json", {"url": url, "port": port, "pid": 2**22 + 7, "database": "sqlite", "host": "127.0.0.1"}
    )
    ws.save_state({"projects": {"news": {"id": 1, "key": "abc", "url": url}}})
    ws.path("push").mkdir()
    ws.path("push", "abc.jsonl").write_text('{"batch": "b1", "state": "pending", "sentences": ["s1"]}\n')
    ws.path("pull").mkdir()
    ws.path("pull", "abc.jsonl").write_text(json.dumps({"url": url, "project": 1}) + '\n{"task": 1}\n')
    data = ws.path("studio")
    make_database(data / studio_backup.SQLITE_FILE)
    (data / ".env").write_text("SECRET_KEY=s3cret\n")
    os.chmod(data / ".env", 0o600)
    (data / "label-studio.log").write_text("log\n")
    (data / "media" / "upload" / "1").mkdir(parents=True)
    (data / "media" / "upload" / "1" / "tasks.json").write_text("[]")
    (data / "media" / "export").mkdir(parents=True)
    (data / "media" / "export" / "snapshot.json").write_text("[]")
    (data / "export").mkdir()
    (data / "export" / "old.json").write_text("[]")
    ws.path("lock").touch()
    ws.path(".state.json.abc.tmp").write_text("half")
    return ws


@pytest.fixture(autouse=True)
def installed(monkeypatch):
    """Label Studio 1.23.2 as the installed version (the tests without a server need no install)."""
    monkeypatch.setattr(studio_backup, "installed_label_studio", lambda: "1.23.2")
    monkeypatch.setattr(studio_backup, "label_studio_version", lambda: "1.23.2")


def members(path: Path) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(path) as tar:
        return {m.name: m for m in tar.getmembers()}


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_backup_while_another_connection_writes_is_one_committed_state(tmp_path, journal):
    ws = fake_workspace(tmp_path / "ws")
    database = ws.path("studio", studio_backup.SQLITE_FILE)
    with sqlite3.connect(database) as db:  # a database of some size: the copy takes a while
        db.execute(f"PRAGMA journal_mode={journal}")
        db.executemany("INSERT INTO task (body) VALUES (?)", [("x" * 500,)] * 20000)
    stop, written = threading.Event(), [0]

    def annotate() -> None:
        # Each transaction adds a task and its annotation: a torn copy would count them apart.
        with sqlite3.connect(database, timeout=30) as db:
            while not stop.is_set():
                with db:
                    cursor = db.execute("INSERT INTO task (body) VALUES ('t')")
                    db.execute("INSERT INTO task_completion (task, body) VALUES (?, 'a')", (cursor.lastrowid,))
                written[0] += 1

    writer = threading.Thread(target=annotate)
    writer.start()
    try:
        while written[0] < 50:
            time.sleep(0.01)
        result = corpus.studio_backup(tmp_path / "out" / "b.tar.gz", workspace=ws)
        during = written[0]
        while written[0] < during + 50:  # it kept writing after the copy
            time.sleep(0.01)
    finally:
        stop.set()
        writer.join()
    counts = result.counts
    assert counts["tasks"] - 20000 == counts["annotations"] > 0 and counts["annotations"] < written[0]
    assert result.shape == "sqlite" and result.label_studio_version == "1.23.2" and not result.server_running
    assert "backed up Label Studio 1.23.2 (SQLite" in result.line() and str(result.path) in result.line()
    assert json.loads(json.dumps(result.to_dict()))["counts"] == counts

    found = members(result.path)
    assert next(iter(found)) == studio_backup.MANIFEST
    with tarfile.open(result.path) as tar:
        manifest = json.loads(tar.extractfile(studio_backup.MANIFEST).read())  # type: ignore[union-attr]
        copy = tmp_path / "copy.sqlite3"
        copy.write_bytes(tar.extractfile("workspace/.corpus/studio/label_studio.sqlite3").read())  # type: ignore[union-attr]
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT count(*) FROM task_completion").fetchone()[0] == counts["annotations"]
    assert manifest["label_studio_version"] == "1.23.2" and manifest["corpus_version"] == corpus.__version__
    assert manifest["counts"] == counts and manifest["shape"] == "sqlite"
    listed = {f["path"]: f for f in manifest["files"]}
    assert set(listed) == set(found) - {studio_backup.MANIFEST}
    assert set(listed) == {
        "workspace/.corpus/credentials.json",
        "workspace/.corpus/state.json",
        "workspace/.corpus/studio.json",
        "workspace/.corpus/push/abc.jsonl",
        "workspace/.corpus/pull/abc.jsonl",
        "workspace/.corpus/studio/label_studio.sqlite3",
        "workspace/.corpus/studio/.env",
        "workspace/.corpus/studio/media/upload/1/tasks.json",
    }
    # Secrets stay private inside the file, and the file itself is private.
    assert listed["workspace/.corpus/credentials.json"]["mode"] == "0600"
    assert found["workspace/.corpus/credentials.json"].mode == 0o600
    assert found["workspace/.corpus/studio/.env"].mode == 0o600
    assert found["workspace/.corpus/studio/label_studio.sqlite3"].mode == 0o600
    assert result.path.stat().st_mode & 0o777 == 0o600
    assert not list(result.path.parent.glob(".corpus-backup-*"))  # the staging folder is gone


def test_restore_elsewhere_brings_the_workspace_back_on_a_free_port(tmp_path):
    old_port = free_port()
    ws = fake_workspace(tmp_path / "ws", port=old_port)
    made = corpus.studio_backup(tmp_path / "backups", workspace=ws)
    assert made.path.parent == tmp_path / "backups" and made.path.name.startswith("corpus-backup-")
    other = tmp_path / "other machine"
    with socket.socket() as busy:  # the backup's port is taken on this "machine"
        busy.bind(("127.0.0.1", old_port))
        busy.listen()
        restored = corpus.studio_restore(made.path, workspace=other)
    new = Workspace(other)
    assert restored.url != OLD_PORT_URL.format(port=old_port) and restored.replaced is None
    assert restored.counts == made.counts and restored.files == made.files
    assert f"start it with corpus studio up (it will answer at {restored.url})" in restored.line()
    assert new.credentials["password"] == "pw" and new.credentials["url"] == restored.url
    assert new.path("credentials.json").stat().st_mode & 0o777 == 0o600
    assert new.path("studio", ".env").stat().st_mode & 0o777 == 0o600
    assert new.dir.stat().st_mode & 0o777 == 0o700 and new.path("studio").stat().st_mode & 0o777 == 0o700
    record = new.read_json("studio.json")
    assert "pid" not in record and record["url"] == restored.url and record["log"].startswith(str(new.dir))
    assert new.state["projects"]["news"]["url"] == restored.url
    header, rest = new.path("pull", "abc.jsonl").read_text().split("\n", 1)
    assert json.loads(header) == {"url": restored.url, "project": 1} and rest == '{"task": 1}\n'
    assert new.path("push", "abc.jsonl").read_text() == ws.path("push", "abc.jsonl").read_text()
    with sqlite3.connect(new.path("studio", studio_backup.SQLITE_FILE)) as db:
        assert db.execute("SELECT count(*) FROM project").fetchone()[0] == 1
    assert not new.path("studio", "label-studio.log").exists() and not new.path("studio", "export").exists()
    assert not list(other.glob(".corpus-restore-*"))
    # The same port when it is free.
    again = corpus.studio_restore(made.path, workspace=tmp_path / "third")
    assert again.url == OLD_PORT_URL.format(port=old_port)


def test_restore_refuses_a_server_with_data_a_newer_label_studio_and_a_damaged_file(tmp_path, monkeypatch):
    ws = fake_workspace(tmp_path / "ws")
    made = corpus.studio_backup(tmp_path / "b.tar.gz", workspace=ws)
    # Into a workspace whose server has data: refused, nothing changed; --force keeps the old aside.
    target = fake_workspace(tmp_path / "target")
    target.save_state({"projects": {"mine": {"id": 9, "key": "zzz", "url": "http://x"}}})
    with pytest.raises(StudioError, match="already has a Label Studio with data"):
        corpus.studio_restore(made.path, workspace=target)
    assert "mine" in target.state["projects"]
    forced = corpus.studio_restore(made.path, workspace=target, force=True)
    assert (
        forced.replaced is not None and "mine" in json.loads((forced.replaced / "state.json").read_text())["projects"]
    )
    assert "news" in target.state["projects"] and "mine" not in target.state["projects"]
    assert (forced.replaced / "studio" / studio_backup.SQLITE_FILE).exists()

    # A backup of a newer Label Studio: refused before anything is read into the workspace.
    newer = tmp_path / "newer.tar.gz"
    rewrite_manifest(made.path, newer, label_studio_version="1.24.0")
    fresh = tmp_path / "fresh"
    with pytest.raises(StudioError, match=r"Label Studio 1\.24\.0, newer than the 1\.23\.2 installed here"):
        corpus.studio_restore(newer, workspace=fresh)
    assert not (fresh / ".corpus").exists()
    older = tmp_path / "older.tar.gz"
    rewrite_manifest(made.path, older, label_studio_version="1.22.0")
    assert "1.23.2 here migrates it at start" in corpus.studio_restore(older, workspace=tmp_path / "o").line()

    # A damaged file: nothing changed.
    damaged = tmp_path / "damaged.tar.gz"
    rewrite_manifest(made.path, damaged, tamper="workspace/.corpus/state.json")
    with pytest.raises(InputError, match="does not match its manifest"):
        corpus.studio_restore(damaged, workspace=tmp_path / "d")
    assert not list((tmp_path / "d").glob(".corpus-restore-*"))
    assert not (tmp_path / "d" / ".corpus" / "state.json").exists()
    escaping = tmp_path / "escaping.tar.gz"
    rewrite_manifest(made.path, escaping, extra="../outside.txt")
    with pytest.raises(InputError):
        corpus.studio_restore(escaping, workspace=tmp_path / "e")
    assert not (tmp_path / "outside.txt").exists()
    (tmp_path / "not-a-backup.tar.gz").write_bytes(b"hello")
    with pytest.raises(InputError, match="not a readable corpus backup"):
        corpus.studio_restore(tmp_path / "not-a-backup.tar.gz", workspace=tmp_path / "f")
    with pytest.raises(OptionError, match="--database restores a PostgreSQL backup"):
        corpus.studio_restore(made.path, workspace=tmp_path / "g", database="postgresql://u:p@127.0.0.1:5/x")


def rewrite_manifest(source: Path, target: Path, *, tamper: str | None = None, extra: str | None = None, **fields):
    """A copy of a backup with manifest fields changed, one file's bytes changed, or a file added."""
    with tarfile.open(source) as tar, tarfile.open(target, "w:gz") as out:
        manifest = json.loads(tar.extractfile(studio_backup.MANIFEST).read())  # type: ignore[union-attr]
        manifest.update(fields)
        if extra:
            manifest["files"].append({"path": extra, "size": 1, "sha256": "0", "mode": "0644"})
        data = json.dumps(manifest).encode()
        info = tarfile.TarInfo(studio_backup.MANIFEST)
        info.size = len(data)
        out.addfile(info, io.BytesIO(data))
        for member in tar.getmembers()[1:]:
            content = tar.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == tamper:
                content = content.replace(b"news", b"nEws")
            member.size = len(content)
            out.addfile(member, io.BytesIO(content))
        if extra:
            info = tarfile.TarInfo(extra)
            info.size = 1
            out.addfile(info, io.BytesIO(b"x"))


def test_keep_leaves_the_newest_backups_and_the_command_writes_what_it_says(tmp_path):
    ws = fake_workspace(tmp_path / "ws")
    folder = tmp_path / "backups"
    for _ in range(3):
        last = corpus.studio_backup(folder, workspace=ws, keep=2)
    assert len(list(folder.glob("corpus-backup-*.tar.gz"))) == 2 and len(last.removed) == 1
    out = json.loads(run("studio", "backup", "-o", str(tmp_path / "one.tar.gz"), "-w", str(ws.root), "--json"))
    assert out["path"] == str(tmp_path / "one.tar.gz") and out["counts"]["projects"] == 1
    line = run("studio", "restore", str(tmp_path / "one.tar.gz"), "-w", str(tmp_path / "back"))
    assert line.startswith(f"restored {tmp_path / 'one.tar.gz'}")
    assert "already has a Label Studio with data" in run(
        "studio", "restore", str(tmp_path / "one.tar.gz"), "-w", str(tmp_path / "back"), expect=1
    )
    assert "no local Label Studio" in run("studio", "backup", "-w", str(tmp_path / "empty"), expect=1)
    with pytest.raises(OptionError, match="outside"):
        corpus.studio_backup(ws.dir / "inside.tar.gz", workspace=ws)


def test_every_few_minutes_while_the_server_runs_keeping_the_newest(tmp_path, monkeypatch):
    ws = fake_workspace(tmp_path / "ws")
    running = studio.StudioStatus(True, "http://127.0.0.1:1", 1, True)
    monkeypatch.setattr(studio, "server_status", lambda workspace=None: running)
    seen = []
    results = corpus.studio_backup_every(
        0.005, output=tmp_path / "hourly", keep=2, workspace=ws, on_backup=seen.append, rounds=3
    )
    assert len(results) == len(seen) == 3 and all(r.server_running for r in results)
    assert sorted(p.name for p in (tmp_path / "hourly").iterdir()) == sorted(r.path.name for r in results[1:])
    monkeypatch.setattr(studio, "server_status", lambda workspace=None: studio.StudioStatus(False, None, None, True))
    with pytest.raises(StudioError, match="not running"):
        corpus.studio_backup_every(1, workspace=ws)


def test_left_out_files():
    from pathlib import PurePosixPath as P

    out = studio_backup.left_out
    assert out(P("lock")) and out(P(".state.json.x1.tmp")) and out(P("studio/label-studio.log"))
    assert out(P("studio/label_studio.sqlite3")) and out(P("studio/label_studio.sqlite3-journal"))
    assert out(P("studio-postgresql/uwsgi.ini")) and out(P("studio/export/1.json"))
    assert out(P("studio/media/export/1.json"))
    assert not out(P("studio/.env")) and not out(P("studio/media/upload/1/a.json")) and not out(P("push/a.jsonl"))
    assert not out(P("model/label-studio.log")) and not out(P("credentials.json"))


# -- with the real Label Studio -------------------------------------------------------------------
class Annotators:
    """A thread that posts annotations as two annotators, one after another, and notes when each
    was acknowledged (its id and the time of the answer)."""

    def __init__(self, workspace: Workspace, project: int):
        from tests.test_postgres import annotators
        from tests.test_push import all_tasks

        self.workspace, self.project = workspace, project
        with corpus.connect(workspace) as client:
            self.tasks = all_tasks(client, project)
            self.users = annotators(client)
        self.acknowledged: list[tuple[int, float]] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._post)

    def _post(self) -> None:
        import random

        from tests.test_publish import annotate

        rng, n = random.Random(7), 0
        with corpus.connect(self.workspace) as client:
            while not self.stop.is_set():
                task = self.tasks[n % len(self.tasks)]
                user = self.users[(n // len(self.tasks)) % len(self.users)]
                answer = client.request(
                    "POST",
                    f"/api/tasks/{task['id']}/annotations/",
                    json={
                        "completed_by": user["id"],
                        "result": annotate(task["data"], n % 2 + 1, rng),
                        "lead_time": 3.0,
                    },
                )
                self.acknowledged.append((int(answer["id"]), time.monotonic()))
                n += 1

    def __enter__(self) -> Annotators:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 300
        while len(self.acknowledged) < count and time.monotonic() < deadline and self.thread.is_alive():
            time.sleep(0.05)
        assert len(self.acknowledged) >= count


def annotation_records(path: Path) -> dict[int, dict]:
    return {r["label_studio"]["annotation"]: r for r in corpus.read_records(path)}


def draft(client, task: int) -> None:
    """A draft (saved, not submitted) on a task, as the labeling screen saves one."""
    client.request("POST", f"/api/tasks/{task}/drafts", json={"result": [], "lead_time": 1.5})


def backup_while_annotating_then_restore(
    ws: Workspace, tmp_path: Path, *, restore_into: Workspace, database: str | None = None
) -> tuple[studio_backup.BackupResult, studio_backup.RestoreResult, dict[int, dict], dict[int, dict]]:
    """Push the examples, annotate in a thread, pull, back up while the thread goes on, stop
    the server, delete its data (a SQLite restore into the same workspace), restore into
    ``restore_into``, start it and pull in full. Returns the backup, the restore, the pull
    before the backup and the one after the restore (annotation id -> record)."""
    from tests.conftest import EXAMPLES
    from tests.test_push import project_id

    run("split", str(EXAMPLES), "-o", str(tmp_path / "data"))
    run("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", "kept", "-w", str(ws.root))
    project = project_id(ws.root, "kept")
    with Annotators(ws, project) as annotators:
        with corpus.connect(ws) as client:
            draft(client, annotators.tasks[0]["id"])
        annotators.wait_for(10)
        before = tmp_path / "before" / "annotations.jsonl"
        corpus.pull(project="kept", output=before, workspace=ws.root, full=True)
        began = time.monotonic()
        made = corpus.studio_backup(tmp_path / "labels.tar.gz", workspace=ws)
        settled = len(annotators.acknowledged)
        annotators.wait_for(settled + 10)  # the annotators went on saving after the copy
    acknowledged_before = {i for i, at in annotators.acknowledged if at < began}
    every = {i for i, _ in annotators.acknowledged}
    live = tmp_path / "live" / "annotations.jsonl"
    corpus.pull(project="kept", output=live, workspace=ws.root, full=True)
    studio.down(ws)
    if restore_into.root == ws.root:
        import shutil

        shutil.rmtree(ws.path("studio"))
    restored = corpus.studio_restore(made.path, workspace=restore_into, database=database)
    studio.up(restore_into, workers=2 if database else None)
    after = tmp_path / "after" / "annotations.jsonl"
    pulled = corpus.pull(project="kept", output=after, workspace=restore_into.root, full=True)
    assert not pulled.problems and pulled.drafts == 1
    records_after = annotation_records(after)
    ids = set(records_after)
    # Every annotation acknowledged before the backup began is back, and none that was never made.
    assert acknowledged_before <= ids <= every and len(ids) < len(every)
    assert len(ids) == made.counts["annotations"] == restored.counts["annotations"] and made.counts["drafts"] == 1
    # The restored server is the live one as it was at one moment: every annotation up to the
    # newest one in the backup, each record as the live server gives it (the thread saves one at a time).
    records_live = annotation_records(live)
    assert records_after == {i: r for i, r in records_live.items() if i <= max(ids)}
    return made, restored, annotation_records(before), records_after


def logs_in(url: str, email: str, password: str) -> bool:
    from tests.test_annotators import login

    session = login(url, email, password)
    if session is None:
        return False
    try:
        return session.get("/api/current-user/whoami").json()["email"] == email
    finally:
        session.close()


@pytest.mark.studio
def test_a_backup_taken_while_annotators_save_restores_every_acknowledged_annotation(tmp_path, monkeypatch):
    for variable in ("LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY"):
        monkeypatch.delenv(variable, raising=False)
    ws = Workspace(tmp_path / "ws")
    studio.up(ws)
    try:
        made, restored, before, after = backup_while_annotating_then_restore(ws, tmp_path, restore_into=ws)
        # The pull taken before the backup, record for record (its annotations are all back).
        assert {i: after[i] for i in before} == before and len(before) >= 10
        assert made.server_running and restored.shape == "sqlite" and restored.replaced is not None
        credentials = ws.credentials
        assert logs_in(restored.url, credentials["username"], credentials["password"])
        assert not logs_in(restored.url, credentials["username"], credentials["password"] + "x")
        assert studio.server_status(ws).url == restored.url
    finally:
        studio.down(ws)


@pytest.mark.studio
def test_a_postgresql_backup_restores_on_another_machine_into_another_database(postgresql, tmp_path, monkeypatch):
    for variable in ("LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY"):
        monkeypatch.delenv(variable, raising=False)
    ws = Workspace(tmp_path / "ws")
    other = Workspace(tmp_path / "elsewhere")
    studio.up(ws, database=postgresql.create_database("backed_up"), workers=2)
    try:
        target = postgresql.url("restored_here")  # created by the restore
        made, restored, before, after = backup_while_annotating_then_restore(
            ws, tmp_path, restore_into=other, database=target
        )
        assert {i: after[i] for i in before} == before and len(before) >= 10
        assert made.shape == restored.shape == "postgresql" and postgresql.password not in json.dumps(made.to_dict())
        assert restored.database == studio.Database.parse(target).url(password=False)
        assert int(postgresql.psql("SELECT count(*) FROM task_completion", "restored_here")) == len(after)
        credentials = other.credentials
        assert credentials["database"] == target and credentials["api_key"] == ws.credentials["api_key"]
        assert logs_in(restored.url, credentials["username"], credentials["password"])
        # Into a database with tables: refused without --force.
        studio.down(other)
        with pytest.raises(StudioError, match="already has .* tables"):
            corpus.studio_restore(made.path, workspace=tmp_path / "third", database=target)
    finally:
        studio.down(other)
        studio.down(ws)
