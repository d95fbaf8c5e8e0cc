"""Incremental ``corpus pull``: after new, changed and deleted annotations and a deleted task,
it fetches only the changed tasks and writes the same records as a full pull (real server)."""

from __future__ import annotations

import json
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
