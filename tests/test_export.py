"""Export snapshots (corpus/studio/export.py) against the real Label Studio: converted in a
worker process as they would be here, errors in order, a dead worker reported, no snapshot
left behind, none made in a project that is not the workspace's."""

from __future__ import annotations

import os
import signal
import time

import pytest

import corpus
from corpus.errors import CorpusError, InputError, LabelStudioError
from corpus.studio import export as export_module
from corpus.studio.client import EXPORT_TITLE
from corpus.studio.export import start_export
from corpus.studio.project import ProjectRef
from tests.test_pull import annotated  # noqa: F401  (the fixture: a project with two annotators)
from tests.test_push import project_id

pytestmark = pytest.mark.studio


def project_of(tmp_path, client) -> ProjectRef:
    return ProjectRef("pull-two-annotators", project_id(tmp_path, "pull-two-annotators"), "k", client.url)


def snapshots(client, project: ProjectRef) -> list[dict]:
    return [e for e in client.exports(project.id) if e.get("title") == EXPORT_TITLE]


def test_tasks_converted_in_a_worker_process_are_those_converted_here(annotated, ls_env):  # noqa: F811
    tmp_path, _, _ = annotated
    with ls_env.client() as client:
        project = project_of(tmp_path, client)
        here = list(start_export(client, project).map(lambda task: (os.getpid(), task), worker=False))
        there = list(start_export(client, project).map(lambda task: (os.getpid(), task), worker=True))
        assert {pid for pid, _ in here} == {os.getpid()}
        assert os.getpid() not in {pid for pid, _ in there}  # really another process
        assert [task for _, task in there] == [task for _, task in here] and len(here) == 3
        assert snapshots(client, project) == []  # each deleted once read


def test_pull_writes_the_same_files_with_and_without_the_worker(annotated, ls_env, monkeypatch):  # noqa: F811
    tmp_path, _, _ = annotated
    written = {}
    for worker in (False, True):
        monkeypatch.setattr(export_module, "safe_to_fork", lambda worker=worker: worker)
        output = tmp_path / f"worker-{worker}" / "annotations.jsonl"
        result = corpus.pull(project="pull-two-annotators", workspace=tmp_path, output=output, full=True)
        assert result.annotations == 4
        written[worker] = [output.read_bytes(), output.with_name("merged.jsonl").read_bytes()]
    assert written[True] == written[False]


@pytest.mark.parametrize("worker", [False, True])
def test_a_conversion_error_comes_after_the_tasks_before_it(annotated, ls_env, worker):  # noqa: F811
    tmp_path, _, _ = annotated
    seen = []

    def convert(task: dict) -> int:
        if len(seen) == 1:
            raise ValueError(f"cannot convert task {task['id']}")
        seen.append(task["id"])
        return int(task["id"])

    with ls_env.client() as client:
        project = project_of(tmp_path, client)
        converted = start_export(client, project).map(convert, worker=worker)
        first = next(converted)
        with pytest.raises(ValueError, match="cannot convert task"):
            next(converted)
        assert first > 0 and snapshots(client, project) == []


def test_a_worker_that_dies_is_an_error_not_a_hang(annotated, ls_env):  # noqa: F811
    tmp_path, _, _ = annotated

    def convert(task: dict) -> int:
        os.kill(os.getpid(), signal.SIGKILL)  # in the worker: as the kernel's OOM killer would
        return 0

    with ls_env.client() as client:
        project = project_of(tmp_path, client)
        with pytest.raises(CorpusError, match="ended unexpectedly"):
            list(start_export(client, project).map(convert, worker=True))
        assert snapshots(client, project) == []


def test_a_pull_stopped_by_a_bad_sentences_file_leaves_no_snapshot(annotated, ls_env):  # noqa: F811
    """The snapshot is asked for before the sentences are read; the pull stops on line 2 of the
    sentences file, and the snapshot is deleted when Label Studio has made it."""
    tmp_path, _, _ = annotated
    output = tmp_path / "bad" / "annotations.jsonl"
    output.parent.mkdir()
    sentences = output.with_name("sentences.jsonl")
    sentences.write_text((tmp_path / "data" / "sentences.jsonl").read_text().splitlines()[0] + "\n{not json\n")
    with pytest.raises(InputError, match=r"sentences\.jsonl:2"):
        corpus.pull(project="pull-two-annotators", workspace=tmp_path, output=output, full=True)
    assert not output.exists()
    with ls_env.client() as client:
        project = project_of(tmp_path, client)
        deadline = time.monotonic() + 30
        while snapshots(client, project) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert snapshots(client, project) == []


def test_no_snapshot_is_made_in_a_project_that_is_not_the_workspaces(annotated, ls_env):  # noqa: F811
    """The workspace names a project id that now belongs to another project (a server reset):
    pull refuses before it asks for anything there."""
    tmp_path, _, _ = annotated
    with ls_env.client() as client:
        stranger = client.create_project(title="someone else's project", description="not from corpus")
        state = corpus.Workspace(tmp_path).state
        state["projects"]["pull-two-annotators"]["id"] = stranger["id"]
        corpus.Workspace(tmp_path).save_state(state)
        with pytest.raises(LabelStudioError, match="is not the project"):
            corpus.pull(project="pull-two-annotators", workspace=tmp_path, output=tmp_path / "x.jsonl", full=True)
        assert client.exports(stranger["id"]) == []
