"""Incremental ``corpus pull``: after new, changed and deleted annotations and a deleted task,
it fetches only the changed tasks and writes the same records as a full pull (real server)."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest

import corpus
from tests.conftest import EXAMPLES
from tests.test_postgres import annotators
from tests.test_publish import annotate
from tests.test_push import all_tasks, project_id, run

pytestmark = pytest.mark.studio


def records(path: Path) -> list[dict]:
    return sorted(
        (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()),
        key=lambda r: r["id"] if "id" in r else r["sentence_id"],
    )


def test_incremental_pull_fetches_only_changes_and_equals_a_full_pull(ls_env, tmp_path):
    name = "incremental"
    run("split", str(EXAMPLES), "-o", str(tmp_path / "data"))
    run("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", name, "--overlap", "3", "-w", str(tmp_path))
    project = project_id(tmp_path, name)
    rng = random.Random(11)
    with ls_env.client() as client:
        first, second = annotators(client)
        tasks = all_tasks(client, project)

        def post(task, user, n):
            return client.request(
                "POST",
                f"/api/tasks/{task['id']}/annotations/",
                json={
                    "completed_by": user["id"],
                    "result": annotate({"text": task["data"]["text"]}, n, rng),
                    "lead_time": 1.0,
                },
            )

        posted = [post(task, first, 1) for task in tasks[: len(tasks) // 2]]
        output = tmp_path / "data" / "annotations.jsonl"
        initial = corpus.pull(project=name, output=output, workspace=tmp_path)
        assert not initial.incremental and initial.annotations == len(posted)

        # Nothing changed: nothing is fetched.
        again = corpus.pull(project=name, output=output, workspace=tmp_path)
        assert again.incremental and again.fetched == 0 and again.annotations == len(posted)

        # New annotations on old and new tasks, an edited one, a deleted one, a skip, a deleted task.
        post(tasks[0], second, 2)
        post(tasks[-1], second, 2)
        client.request(
            "PATCH",
            f"/api/annotations/{posted[1]['id']}/",
            json={"result": annotate({"text": tasks[1]["data"]["text"]}, 2, rng)},
        )
        client.request("DELETE", f"/api/annotations/{posted[2]['id']}/")
        client.request("POST", f"/api/tasks/{tasks[-2]['id']}/annotations/", json={"result": [], "was_cancelled": True})
        client.delete_task(tasks[3]["id"])

    incremental = corpus.pull(project=name, output=output, workspace=tmp_path)
    assert (
        incremental.incremental and incremental.fetched == 4 and incremental.removed == 2
    )  # tasks[2] (emptied) and tasks[3] (deleted): removed, not fetched
    full = corpus.pull(project=name, output=tmp_path / "full" / "annotations.jsonl", workspace=tmp_path, full=True)
    assert not full.incremental
    for file in ("annotations.jsonl", "merged.jsonl"):
        assert records(tmp_path / "data" / file) == records(tmp_path / "full" / file)
    assert (incremental.annotations, incremental.sentences, incremental.skipped) == (
        full.annotations,
        full.sentences,
        full.skipped,
    )
    assert incremental.annotations == len(posted) + 2 - 1 - 1  # two new, one deleted, one on the deleted task
    # The CLI says which kind of pull it was.
    assert "incremental: 0 changed tasks" in run("pull", "--project", name, "-o", str(output), "-w", str(tmp_path))
    assert "(full:" in run("pull", "--project", name, "-o", str(output), "-w", str(tmp_path), "--full")


def test_pull_lists_only_what_changed_since_the_last_look_and_every_task_after_a_deletion(
    ls_env, tmp_path, monkeypatch
):
    """The watermark: tasks updated since the last pull are listed (Data Manager filter), not all
    of them; a task deleted since is seen by the count of tasks up to the last id, and then every
    task is listed. The files are byte for byte those of a full pull, new tasks in id order."""
    import time
    from datetime import timedelta

    from corpus.studio import pull as pull_module

    monkeypatch.setattr(pull_module, "MARGIN", timedelta(0))  # the test's changes are seconds apart
    name = "watermark"
    run("split", str(EXAMPLES), "-o", str(tmp_path / "data"))
    run("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", name, "--overlap", "2", "-w", str(tmp_path))
    project = project_id(tmp_path, name)
    output = tmp_path / "data" / "annotations.jsonl"
    rng = random.Random(3)
    with ls_env.client() as client:
        (user,) = annotators(client, 1)
        tasks = all_tasks(client, project)

        def post(task):
            client.request(
                "POST",
                f"/api/tasks/{task['id']}/annotations/",
                json={"completed_by": user["id"], "result": annotate({"text": task["data"]["text"]}, 1, rng)},
            )

        for task in tasks[1::2]:  # every other task: the next ones fall between them
            post(task)
        time.sleep(1.1)  # the pull's look begins a second later (the server's Date header: whole seconds)
        first = corpus.pull(project=name, output=output, workspace=tmp_path)
        assert not first.incremental

        def same_as_full() -> None:
            corpus.pull(project=name, output=tmp_path / "full" / "annotations.jsonl", workspace=tmp_path, full=True)
            for file in ("annotations.jsonl", "merged.jsonl"):
                assert (tmp_path / "data" / file).read_bytes() == (tmp_path / "full" / file).read_bytes()

        unchanged = corpus.pull(project=name, output=output, workspace=tmp_path)
        assert unchanged.incremental and unchanged.fetched == 0 and unchanged.listed == 0
        post(tasks[0])  # the first task, and one in the middle: new entries placed by task id
        post(tasks[4])
        edited = client.request("GET", f"/api/tasks/{tasks[1]['id']}/annotations/")[0]["id"]
        client.request(
            "PATCH",
            f"/api/annotations/{edited}/",
            json={"result": annotate({"text": tasks[1]["data"]["text"]}, 2, rng)},
        )
        changed = corpus.pull(project=name, output=output, workspace=tmp_path)
        assert changed.fetched == 3 and changed.listed == 3 and changed.annotations == first.annotations + 2
        same_as_full()  # a full pull writes a watermark of its own
        client.delete_task(tasks[3]["id"])  # annotated, and deleting it leaves no updated_at behind
        gone = corpus.pull(project=name, output=output, workspace=tmp_path)
        assert gone.removed == 1 and gone.listed == len(tasks) - 1  # every task listed
        assert gone.annotations == changed.annotations - 1
        same_as_full()
        # A watermark that does not fit the cache (a command killed between them) is not used.
        cache = next((tmp_path / ".corpus" / "pull").glob("*.jsonl"))
        lines = cache.read_bytes().splitlines(keepends=True)
        cache.write_bytes(b"".join(lines[:-1]))  # the last task left out of the cache
        mended = corpus.pull(project=name, output=output, workspace=tmp_path)
        assert mended.listed == len(tasks) - 1 and mended.fetched == 1
        same_as_full()


def test_pull_copies_what_did_not_change_and_never_lets_a_stale_line_through(ls_env, tmp_path):
    """The lines of tasks that did not change are copied from the last pull's files (pull_index):
    with nothing changed nothing is written at all; after a status in between (which brings the
    cache up to date, not the files), a file edited by hand or a sentence gone from the sentences
    file, the files are byte for byte what a full pull writes, and the counts the same."""
    name = "copies"
    data = tmp_path / "data"
    run("split", str(EXAMPLES), "-o", str(data))
    run("push", str(data / "sentences.jsonl"), "--project", name, "--overlap", "2", "-w", str(tmp_path))
    project = project_id(tmp_path, name)
    output, merged = data / "annotations.jsonl", data / "merged.jsonl"
    rng = random.Random(7)
    with ls_env.client() as client:
        first_user, second_user = annotators(client)
        tasks = all_tasks(client, project)

        def post(task, user):
            return client.request(
                "POST",
                f"/api/tasks/{task['id']}/annotations/",
                json={"completed_by": user["id"], "result": annotate({"text": task["data"]["text"]}, 1, rng)},
            )

        for task in tasks[::2]:
            post(task, first_user)
        corpus.pull(project=name, output=output, workspace=tmp_path)

        def files() -> tuple[bytes, bytes]:
            return output.read_bytes(), merged.read_bytes()

        # Nothing changed: the files are left as they are (not written again).
        before = [(os.stat(path).st_ino, os.stat(path).st_mtime_ns) for path in (output, merged)]
        unchanged = corpus.pull(project=name, output=output, workspace=tmp_path)
        assert unchanged.incremental and unchanged.fetched == 0
        assert [(os.stat(path).st_ino, os.stat(path).st_mtime_ns) for path in (output, merged)] == before

        # Changes seen first by status (the cache brought up to date), then by the pull.
        post(tasks[0], second_user)
        post(tasks[1], second_user)
        corpus.status(project=name, workspace=tmp_path)
        after_status = corpus.pull(project=name, output=output, workspace=tmp_path)
        assert after_status.incremental and after_status.fetched == 0  # the cache had them already
        assert after_status.annotations == unchanged.annotations + 2
        pulled = files()

    # A line taken out of the file by hand: written again whole, not copied around.
    lines = output.read_bytes().splitlines(keepends=True)
    output.write_bytes(b"".join(lines[:-1]))
    mended = corpus.pull(project=name, output=output, workspace=tmp_path)
    assert files() == pulled and mended.annotations == after_status.annotations

    # A sentence gone from the sentences file: its annotations are counted as orphans again.
    annotated = json.loads(lines[0])["sentence_id"]
    sentences = (data / "sentences.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (data / "sentences.jsonl").write_text(
        "".join(s for s in sentences if json.loads(s)["id"] != annotated), encoding="utf-8"
    )
    orphaned = corpus.pull(project=name, output=output, workspace=tmp_path)
    assert orphaned.orphans >= 1 and files() == pulled

    full_dir = tmp_path / "full"
    full_dir.mkdir()
    (full_dir / "sentences.jsonl").write_bytes((data / "sentences.jsonl").read_bytes())
    full = corpus.pull(project=name, output=full_dir / "annotations.jsonl", workspace=tmp_path, full=True)
    assert (full_dir / "annotations.jsonl").read_bytes() == pulled[0]
    assert (full_dir / "merged.jsonl").read_bytes() == pulled[1]
    assert orphaned.to_dict() | {"incremental": False, "fetched": 0, "listed": 0, "drafts_need_full": False} == (
        full.to_dict() | {"output": str(output), "merged": str(merged), "fetched": 0, "listed": 0}
    )


def test_status_from_kept_tallies_gives_the_figures_of_a_full_export(ls_env, tmp_path):
    """status keeps each task's tally beside the pull cache and makes again only those of tasks
    changed since: with nothing changed it writes nothing, and after a new annotation and an
    edited one (a doubt in its comment) it says what a status from a full export says."""
    name = "tallies"
    data = tmp_path / "data"
    run("split", str(EXAMPLES), "-o", str(data))
    run("push", str(data / "sentences.jsonl"), "--project", name, "--overlap", "2", "-w", str(tmp_path))
    project = project_id(tmp_path, name)
    rng = random.Random(5)
    with ls_env.client() as client:
        users = annotators(client, 3)
        tasks = all_tasks(client, project)

        def post(task, user, n, comment=None):
            result = annotate({"text": task["data"]["text"]}, n, rng)
            if comment:
                item = {"id": "comment-1", "from_name": "comment", "to_name": "sentence", "type": "textarea"}
                result.append({**item, "value": {"text": [comment]}})
            return client.request(
                "POST",
                f"/api/tasks/{task['id']}/annotations/",
                json={"completed_by": user["id"], "result": result, "lead_time": 2.0 + n},
            )

        first_posts = [post(task, users[0], 1) for task in tasks]
        for task in tasks[: len(tasks) // 2]:
            post(task, users[1], 2)  # two readers: agreement, disputes
        corpus.pull(project=name, output=data / "annotations.jsonl", workspace=tmp_path)
        first = corpus.status(project=name, workspace=tmp_path)

        def written() -> list[tuple[str, int]]:  # the cache, its index, the tallies, their sums (not the watermark)
            return [(p.name, p.stat().st_mtime_ns) for p in sorted((tmp_path / ".corpus" / "pull").iterdir())
                    if not p.name.endswith(".since.json")]  # fmt: skip

        kept = written()
        assert {name.rsplit(".", 2)[-2] + "." + name.rsplit(".", 1)[-1] for name, _ in kept} >= {
            "tally.jsonl",
            "sums.pickle",
        }
        again = corpus.status(project=name, workspace=tmp_path)
        assert again.summary == first.summary and written() == kept

        # Seen by status itself (fetched), then by a pull first (the cache has them, the tallies do not).
        post(tasks[-1], users[2], 3)
        client.request(
            "PATCH",
            f"/api/annotations/{first_posts[0]['id']}/",
            json={"result": [*annotate({"text": tasks[0]["data"]["text"]}, 3, rng)]},
        )
        assert (
            corpus.status(project=name, workspace=tmp_path).summary["annotations"] == first.summary["annotations"] + 1
        )
        post(tasks[1], users[2], 3, comment="§3.3: is this a measure?")
        client.request(
            "PATCH",
            f"/api/annotations/{first_posts[2]['id']}/",
            json={"result": [*annotate({"text": tasks[2]["data"]["text"]}, 4, rng)]},
        )
        corpus.pull(project=name, output=data / "annotations.jsonl", workspace=tmp_path)

    changed = corpus.status(project=name, workspace=tmp_path)
    assert changed.summary["annotations"] == first.summary["annotations"] + 2
    assert changed.doubts is not None and changed.doubts["open"] == 1
    for path in (tmp_path / ".corpus" / "pull").iterdir():
        path.unlink()
    exported = corpus.status(project=name, workspace=tmp_path)
    assert {k: v for k, v in changed.to_dict().items() if k != "seconds"} == {
        k: v for k, v in exported.to_dict().items() if k != "seconds"
    }
