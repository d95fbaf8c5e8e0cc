"""``corpus studio move``: an annotated project from the SQLite server of the session to the
PostgreSQL one (uWSGI), through the API; the pull output is the same on both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import corpus
from corpus.jsonl import read_records
from tests.conftest import EXAMPLES
from tests.test_postgres import annotate_all, annotators
from tests.test_push import all_tasks, project_id, run

pytestmark = pytest.mark.studio


def pulled(workspace: Path, server, name: str, folder: str) -> list[list[dict]]:
    """Both pull outputs, without the ids the server assigns (task, annotation, project)."""
    output = workspace / folder / "annotations.jsonl"
    result = corpus.pull(project=name, output=output, workspace=workspace, url=server.url, api_key=server.api_key)
    assert not result.problems
    files = []
    for path in (output, output.with_name("merged.jsonl")):
        records = [{k: v for k, v in r.items() if k != "label_studio"} for r in read_records(path)]
        for record in records:
            for annotation in record.get("annotations") or []:
                if isinstance(annotation, dict):
                    annotation.pop("label_studio", None)
        files.append(sorted(records, key=lambda r: json.dumps(r, sort_keys=True)))
    return files


CHOICE = [{"from_name": "checkworthy", "to_name": "sentence", "type": "choices", "value": {"choices": ["CFS"]}}]


def draft_as(url: str, email: str, password: str, task: int, annotation: int | None = None) -> None:
    """A draft saved by this annotator (their own session's token), of an annotation if given."""
    from corpus.studio.client import Client, Connection
    from tests.test_annotators import login, own_token

    session = login(url, email, password)
    assert session is not None
    try:
        token = own_token(session)
    finally:
        session.close()
    path = f"/api/tasks/{task}/annotations/{annotation}/drafts" if annotation else f"/api/tasks/{task}/drafts"
    with Client(Connection(url, token)) as client:
        client.request("POST", path, json={"result": CHOICE, "lead_time": 4.0})


def drafts_of(client, project: int) -> list[dict]:
    """Every draft of the project, every author's (as an export has them)."""
    tasks = [t["id"] for t in all_tasks(client, project)]
    return [d for task in client.export_tasks(project, tasks) for d in task.get("drafts") or []]


def same_records(got: list[list[dict]], expected: list[list[dict]]) -> None:
    """Equal pull outputs; on a difference, the first records that differ and the fields that do."""
    for name, a, b in zip(("annotations", "merged"), got, expected, strict=True):
        missing = [r for r in b if r not in a]
        extra = [r for r in a if r not in b]
        if missing or extra:
            by_id = {r.get("id") or r.get("sentence_id"): r for r in extra}
            first = missing[0] if missing else {}
            twin = by_id.get(first.get("id") or first.get("sentence_id"), {})
            fields = sorted(k for k in set(first) | set(twin) if first.get(k) != twin.get(k))
            raise AssertionError(
                f"{name}: {len(missing)} records missing, {len(extra)} extra; first missing "
                f"{first.get('id') or first.get('sentence_id')}: fields differing {fields}: "
                + "; ".join(f"{k}: {first.get(k)!r} != {twin.get(k)!r}" for k in fields)[:1500]
            )


def counts(client, project: int) -> tuple[int, int]:
    tasks = all_tasks(client, project)
    return len(tasks), sum(t["total_annotations"] + t["cancelled_annotations"] for t in tasks)


def test_move_an_annotated_sqlite_project_to_postgresql_gives_the_same_pull(label_studio, label_studio_pg, tmp_path):
    name = "move-me"
    # A user the target has and the source has not: user ids one apart between the two servers, as
    # ids differ between any two real ones (equal ids hid a re-run that took target ids for source
    # ids and gave annotations another annotator's pseudonym).
    label_studio_pg.create_user("target-only")
    run("split", str(EXAMPLES), "-o", str(tmp_path / "data"))
    (tmp_path / "data-pg").mkdir()
    (tmp_path / "data-pg" / "sentences.jsonl").write_bytes((tmp_path / "data" / "sentences.jsonl").read_bytes())
    run(
        "push",
        str(tmp_path / "data" / "sentences.jsonl"),
        "--project",
        name,
        "--overlap",
        "2",
        "-w",
        str(tmp_path),
        "--url",
        label_studio.url,
        "--api-key",
        label_studio.api_key,
    )
    source_project = project_id(tmp_path, name)
    with label_studio.client() as client:
        annotate_all(client, source_project, annotators(client))
        tasks = all_tasks(client, source_project)
        # A skip and a ground-truth flag go over too.
        first = tasks[0]["annotations"][0]["id"] if tasks[0].get("annotations") else None
        client.request("POST", f"/api/tasks/{tasks[1]['id']}/annotations/", json={"result": [], "was_cancelled": True})
        if first:
            client.request("PATCH", f"/api/annotations/{first}/", json={"ground_truth": True})
        before = counts(client, source_project)
    # Drafts by an annotator: one of a task, one of an annotation of theirs.
    author = label_studio.create_user("drafter")
    draft_as(label_studio.url, author["email"], author["password"], tasks[2]["id"])
    with label_studio.client() as client:
        mine = client.request(
            "POST", f"/api/tasks/{tasks[3]['id']}/annotations/", json={"result": CHOICE, "completed_by": author["id"]}
        )
        before = counts(client, source_project)
    draft_as(label_studio.url, author["email"], author["password"], tasks[3]["id"], mine["id"])
    on_sqlite = pulled(tmp_path, label_studio, name, "data")

    moved = corpus.studio_move(
        label_studio_pg.url,
        to_api_key=label_studio_pg.api_key,
        workspace=tmp_path,
        url=label_studio.url,
        api_key=label_studio.api_key,
    )
    (project,) = moved.projects
    assert (project.tasks, project.annotations) == before and project.imported == before[0]
    assert project.users_created >= 3
    # This target does not import drafts (Label Studio's switch is off there): they arrive through
    # its API under the key holder's name, and the result says so.
    assert project.drafts == 2 and project.drafts_unattributed == 2 and "start it with fflag_" in moved.line()
    with label_studio_pg.client() as client:
        drafts = drafts_of(client, project.target_id)
    assert len(drafts) == 2 and sum(1 for d in drafts if d["annotation"]) == 1
    on_postgresql = pulled(tmp_path, label_studio_pg, name, "data-pg")
    same_records(on_postgresql, on_sqlite)
    assert any(r["ground_truth"] for r in on_postgresql[0])

    # The old server is untouched; the workspace now knows the project on the new one.
    with label_studio.client() as client:
        assert counts(client, source_project) == before
    state = corpus.Workspace(tmp_path).state["projects"][name]
    assert state["url"] == label_studio_pg.url and state["id"] == project.target_id

    # Re-runnable: an interrupted move (tasks missing on the target) is completed by running it again.
    with label_studio_pg.client() as client:
        target_tasks = all_tasks(client, project.target_id)
        for task in target_tasks[:3]:
            client.delete_task(task["id"])
    again = corpus.studio_move(
        label_studio_pg.url,
        to_api_key=label_studio_pg.api_key,
        workspace=tmp_path,
        url=label_studio.url,
        api_key=label_studio.api_key,
    )
    assert again.projects[0].imported == 3 and again.projects[0].target_id == project.target_id
    with label_studio_pg.client() as client:
        assert counts(client, project.target_id) == before
    same_records(pulled(tmp_path, label_studio_pg, name, "data-pg"), on_sqlite)
    # A push to the new server finds every sentence already there (the journal learnt the task ids).
    pushed = json.loads(
        run(
            "push",
            str(tmp_path / "data" / "sentences.jsonl"),
            "--project",
            name,
            "-w",
            str(tmp_path),
            "--url",
            label_studio_pg.url,
            "--api-key",
            label_studio_pg.api_key,
            "--overlap",
            "2",
            "--json",
        )
    )
    assert pushed["imported"] == 0


def test_studio_move_to_postgresql_switches_the_local_server(postgresql, tmp_path, monkeypatch):
    """The command a user runs: the workspace's own SQLite server moves onto PostgreSQL."""
    from corpus.studio import server as studio

    for variable in ("LABEL_STUDIO_URL", "LABEL_STUDIO_API_KEY"):
        monkeypatch.delenv(variable, raising=False)
    workspace = corpus.Workspace(tmp_path)
    studio.up(workspace)
    try:
        run("split", str(EXAMPLES), "-o", str(tmp_path / "data"))
        run("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", "local-move", "-w", str(tmp_path))
        credentials = workspace.credentials
        with corpus.connect(workspace) as client:
            tasks = all_tasks(client, project_id(tmp_path, "local-move"))
            for task in tasks[:5]:
                client.request("POST", f"/api/tasks/{task['id']}/annotations/", json={"result": [], "lead_time": 1.0})
        # An annotator's draft: the move to the local PostgreSQL server keeps its author.
        author = corpus.annotator_add("drafts@annotators.example", "Dee Raft", workspace=tmp_path)
        draft_as(workspace.credentials["url"], author.email, author.password or "", tasks[6]["id"])
        before = corpus.pull(project="local-move", output=tmp_path / "data" / "annotations.jsonl", workspace=tmp_path)
        sqlite_file = workspace.path("studio", "label_studio.sqlite3")
        database = postgresql.create_database("local_move")
        output = run("studio", "move", "--to", database, "--workers", "2", "-w", str(tmp_path), "--json")
        assert postgresql.password not in output
        moved = json.loads(output)
        assert moved["projects"][0]["tasks"] == len(tasks) and moved["projects"][0]["annotations"] == 5
        state = studio.server_status(workspace)
        assert state.running and state.workers == 2 and workspace.credentials["api_key"] == credentials["api_key"]
        after = corpus.pull(project="local-move", output=tmp_path / "pg" / "annotations.jsonl", workspace=tmp_path)
        assert after.annotations == before.annotations == 5
        strip = lambda path: sorted(
            json.dumps({k: v for k, v in r.items() if k != "label_studio"}, sort_keys=True)
            for r in corpus.read_records(path)
        )
        assert strip(tmp_path / "pg" / "annotations.jsonl") == strip(tmp_path / "data" / "annotations.jsonl")
        assert sqlite_file.exists()
        assert int(postgresql.psql("SELECT count(*) FROM task_completion", "local_move")) == 5
        assert moved["projects"][0]["drafts"] == 1 and moved["projects"][0]["drafts_unattributed"] == 0
        authors = "SELECT u.email FROM tasks_annotationdraft d JOIN htx_user u ON u.id = d.user_id"
        assert postgresql.psql(authors, "local_move") == "drafts@annotators.example"
    finally:
        studio.down(workspace)


def test_an_incremental_pull_says_plainly_that_a_draft_saved_since_needs_full(ls_env, tmp_path):
    """Saving a draft changes no task in Label Studio (not its updated_at), so an incremental
    pull cannot see it: its output says so, and --full counts it."""
    name = "drafts-noticed"
    run("split", str(EXAMPLES / "wire-briefs.jsonl"), "-o", str(tmp_path / "data"))
    run("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", name, "-w", str(tmp_path))
    with ls_env.client() as client:
        task = all_tasks(client, project_id(tmp_path, name))[0]
        client.request("POST", f"/api/tasks/{task['id']}/annotations/", json={"result": CHOICE})
    output = tmp_path / "data" / "annotations.jsonl"
    first = json.loads(run("pull", "--project", name, "-o", str(output), "-w", str(tmp_path), "--json"))
    assert first["drafts"] == 0 and not first["drafts_need_full"]
    author = ls_env.create_user("drafter")
    draft_as(ls_env.url, author["email"], author["password"], task["id"])
    line = run("pull", "--project", name, "-o", str(output), "-w", str(tmp_path))
    assert "incremental: 0 changed tasks" in line and "a draft saved since shows only with --full" in line
    assert json.loads(run("pull", "--project", name, "-o", str(output), "-w", str(tmp_path), "--json"))[
        "drafts_need_full"
    ]
    full = json.loads(run("pull", "--project", name, "--full", "-o", str(output), "-w", str(tmp_path), "--json"))
    assert full["drafts"] == 1 and not full["drafts_need_full"]
