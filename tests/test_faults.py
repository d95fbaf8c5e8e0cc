"""Faults against the real Label Studio: a server that fails, goes away, or comes back."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus import split as split_sources
from corpus.schema import record_errors
from corpus.studio import server as studio
from corpus.studio.client import Client, Connection
from corpus.studio.project import ensure_project
from corpus.studio.push import BATCH_FIELD, Journal, journal_for, push_sentences
from corpus.workspace import Workspace
from tests.conftest import EXAMPLES, REPO
from tests.faulty_proxy import HOP_BY_HOP, FaultyProxy, Hold
from tests.test_push import all_tasks, batch_sizes, project_id, run, sentence_ids, split, write_articles


@pytest.fixture
def proxy(label_studio, monkeypatch):
    with FaultyProxy(label_studio.url) as faulty:
        monkeypatch.setenv("LABEL_STUDIO_URL", faulty.url)
        monkeypatch.setenv("LABEL_STUDIO_API_KEY", label_studio.api_key)
        yield faulty


@pytest.mark.studio
def test_5xx_answers_for_a_while_are_retried_with_backoff(proxy, label_studio, tmp_path):
    sentences = split(tmp_path, EXAMPLES)
    proxy.fail(2, 503)
    run("push", str(sentences), "--project", "faults-retried", "-w", str(tmp_path))
    proxy.fail(3, 502, paths=("/import",))
    more = split(tmp_path, EXAMPLES, write_articles(tmp_path / "more", 3), name="more")
    out = json.loads(run("push", str(more), "--project", "faults-retried", "-w", str(tmp_path), "--json"))
    assert proxy.failed == 5
    with label_studio.client() as client:
        ids = [t["data"]["sentence_id"] for t in all_tasks(client, project_id(tmp_path, "faults-retried"))]
    assert sorted(ids) == sorted(sentence_ids(more)) and out["imported"] > 0


@pytest.mark.studio
def test_a_server_that_keeps_failing_gets_a_clear_error_within_the_bound(proxy, tmp_path, monkeypatch):
    sentences = split(tmp_path, EXAMPLES)
    monkeypatch.setenv("CORPUS_MAX_RETRY_SECONDS", "3")
    proxy.refuse = True
    output = run("push", str(sentences), "--project", "faults-refused", "-w", str(tmp_path), expect=1)
    assert "cannot reach Label Studio" in output and "HTTP 503" in output and "Traceback" not in output
    assert proxy.failed >= 2


@pytest.mark.parametrize(
    "drop", [-1, 0], ids=["answer-lost-after-the-server-acted", "request-dropped-before-the-server"]
)
@pytest.mark.studio
def test_answers_lost_on_the_way_never_duplicate_tasks(proxy, label_studio, tmp_path, drop):
    project = f"faults-dropped{drop}"
    sentences = split(tmp_path, write_articles(tmp_path / "articles", 40))
    run("push", str(sentences), "--project", project, "-w", str(tmp_path), "--batch-size", "30")
    expected = sentence_ids(sentences)
    more = split(tmp_path, write_articles(tmp_path / "articles", 60), name="more")
    batches = len(batch_sizes(len(sentence_ids(more)) - len(expected), 30))
    # -1: the import reaches Label Studio, but the connection drops before the answer.
    # 0: the connection drops before the import reaches Label Studio.
    proxy.fail(1, drop, paths=("/import",))
    proxy.forwarded.clear()
    out = json.loads(run("push", str(more), "--project", project, "-w", str(tmp_path), "--batch-size", "30", "--json"))
    with label_studio.client() as client:
        ids = [t["data"]["sentence_id"] for t in all_tasks(client, project_id(tmp_path, project))]
    assert proxy.failed == 1
    assert len(ids) == len(set(ids)) == len(sentence_ids(more)) > len(expected)
    # Each batch reached Label Studio once: a lost answer is not sent again, a lost request is.
    assert sum(1 for f in proxy.forwarded if f.endswith("/import")) == batches
    assert out["imported"] == len(sentence_ids(more)) - len(expected) and out["recovered_batches"] == 0


@pytest.mark.studio
def test_interrupted_pull_run_again_gives_the_same_records(proxy, label_studio, tmp_path):
    sentences = split(tmp_path, EXAMPLES / "wire-briefs.jsonl")
    run("push", str(sentences), "--project", "faults-pull", "-w", str(tmp_path))
    with label_studio.client() as client:
        for task in all_tasks(client, project_id(tmp_path, "faults-pull")):
            client.request(
                "POST",
                f"/api/tasks/{task['id']}/annotations/",
                json={
                    "result": [
                        {
                            "id": "c",
                            "from_name": "checkworthy",
                            "to_name": "sentence",
                            "type": "choices",
                            "value": {"choices": ["CFS"]},
                        }
                    ]
                },
            )
    whole = tmp_path / "whole" / "annotations.jsonl"
    run("pull", "--project", "faults-pull", "-w", str(tmp_path), "-o", str(whole))
    # The output folder holds a complete earlier pull that an interrupted one must not spoil.
    target = tmp_path / "again" / "annotations.jsonl"
    target.parent.mkdir()
    target.write_text("earlier annotations\n")
    target.with_name("merged.jsonl").write_text("earlier merged\n")
    # The download of the export fails for longer than the retries last: the pull stops...
    proxy.fail(50, 502, paths=("/download",))
    os.environ["CORPUS_MAX_RETRY_SECONDS"] = "2"
    try:
        # --full: an export snapshot is downloaded (an incremental pull would find nothing changed).
        output = run("pull", "--project", "faults-pull", "--full", "-w", str(tmp_path), "-o", str(target), expect=1)
    finally:
        del os.environ["CORPUS_MAX_RETRY_SECONDS"]
    assert "cannot reach Label Studio" in output
    # Nothing half-written: the earlier files are untouched and no temporary file is left.
    assert sorted(p.name for p in target.parent.iterdir()) == ["annotations.jsonl", "merged.jsonl"]
    assert (
        target.read_text() == "earlier annotations\n"
        and target.with_name("merged.jsonl").read_text() == "earlier merged\n"
    )
    # ... and run again it gives exactly what an uninterrupted pull gave.
    proxy.fail(0)
    run("pull", "--project", "faults-pull", "--full", "-w", str(tmp_path), "-o", str(target))
    assert target.read_text() == whole.read_text() and len(whole.read_text().splitlines()) == 6
    merged = target.with_name("merged.jsonl").read_text()
    assert merged == whole.with_name("merged.jsonl").read_text() and len(merged.splitlines()) == 6


@pytest.mark.studio
def test_server_stopped_mid_push_then_back_finishes_with_every_sentence_once(label_studio, tmp_path, monkeypatch):
    """Stops and restarts the session's real Label Studio (same data; the port may change)."""
    sentences = split(tmp_path, write_articles(tmp_path / "articles", 400))
    expected = sentence_ids(sentences)
    env = {**os.environ, **label_studio.env(), "CORPUS_MAX_RETRY_SECONDS": "5"}
    command = [
        sys.executable,
        "-m",
        "corpus.cli",
        "push",
        str(sentences),
        "--project",
        "faults-stopped",
        "-w",
        str(tmp_path),
        "--batch-size",
        "40",
    ]
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    server = Workspace(label_studio.workspace)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            journal = list(tmp_path.glob(".corpus/push/*.jsonl"))
            if journal and journal[0].read_text().count('"done"') >= 2:
                break
            time.sleep(0.05)
        studio.down(server)
        _, stderr = process.communicate(timeout=300)
    finally:
        process.kill()
        process.wait()
        # Back up whatever happened: the rest of the session needs the server, at the URL it has now.
        label_studio.url = studio.up(server).url
    assert process.returncode == 1
    assert "cannot reach Label Studio" in stderr and "Traceback" not in stderr
    for name, value in label_studio.env().items():
        monkeypatch.setenv(name, value)
    run("push", str(sentences), "--project", "faults-stopped", "-w", str(tmp_path), "--batch-size", "40")
    with label_studio.client() as client:
        ids = [t["data"]["sentence_id"] for t in all_tasks(client, project_id(tmp_path, "faults-stopped"))]
    assert len(ids) == len(set(ids)) and sorted(ids) == sorted(expected)


def push_killed_at_a_held_import(
    proxy, label_studio, tmp_path, project: str, *, forward: bool, nth: int = 3, batch: int = 40, late: bool = False
):
    """Run ``corpus push`` in a process of its own, hold its nth import request at the proxy
    (after Label Studio carried it out if ``forward``, before otherwise) and kill the process
    right there. Returns the sentences file, the journal as the kill left it, and the held batch.
    ``late`` (a LateProxy): the request held before the server goes on to it when the test
    releases it (not here)."""
    sentences = split(tmp_path, write_articles(tmp_path / "articles", 20))
    hold = proxy.late("/import", nth=nth) if late else proxy.hold("/import", nth=nth, forward=forward)
    env = {**os.environ, "LABEL_STUDIO_URL": proxy.url, "LABEL_STUDIO_API_KEY": label_studio.api_key}
    command = [
        sys.executable,
        "-m",
        "corpus.cli",
        "push",
        str(sentences),
        "--project",
        project,
        "-w",
        str(tmp_path),
        "--batch-size",
        str(batch),
    ]
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        held = hold.held.wait(timeout=300)
        process.send_signal(signal.SIGKILL)
        _, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
        if not late:
            hold.release.set()
    assert held, stderr
    ws = Workspace(tmp_path)
    (path,) = list(tmp_path.glob(".corpus/push/*.jsonl"))
    journal = Journal(path)
    # The kill landed in the window: every batch before the held one is done, the held one pending.
    sizes = batch_sizes(len(sentence_ids(sentences)), batch)
    assert len(journal.done) == sum(sizes[: nth - 1])
    ((pending, ids),) = journal.pending.items()
    assert len(ids) == sizes[nth - 1] and not set(ids) & journal.done
    with label_studio.client() as client:
        arrived = client.count_tasks(project_id(tmp_path, project), BATCH_FIELD, pending)
        assert client.count_tasks(project_id(tmp_path, project)) == sum(sizes[: nth - 1]) + arrived
    assert arrived == (batch if forward else 0)
    assert ws.state["projects"][project]["id"] == project_id(tmp_path, project)
    return sentences, path, pending


def journal_states(path: Path, batch: str) -> list[str]:
    return [e["state"] for e in map(json.loads, path.read_text().splitlines()) if e.get("batch") == batch]


@pytest.mark.studio
def test_push_killed_after_the_server_took_a_batch_and_before_the_journal_knew(proxy, label_studio, tmp_path):
    sentences, path, pending = push_killed_at_a_held_import(
        proxy, label_studio, tmp_path, "faults-killed-committed", forward=True
    )
    expected = sentence_ids(sentences)
    proxy.forwarded.clear()
    out = json.loads(
        run(
            "push",
            str(sentences),
            "--project",
            "faults-killed-committed",
            "-w",
            str(tmp_path),
            "--batch-size",
            "40",
            "--json",
        )
    )
    # Recovery found the batch in Label Studio and marked it done without sending it again.
    assert out["recovered_batches"] == 1
    assert journal_states(path, pending) == ["pending", "done"]
    sent_before = sum(batch_sizes(len(expected), 40)[:3])  # the two before the held one, and it
    assert out["already_there"] == sent_before and out["imported"] == len(expected) - sent_before
    assert sum(1 for f in proxy.forwarded if f.endswith("/import")) == len(batch_sizes(out["imported"], 40))
    journal = Journal(path)
    assert journal.pending == {} and journal.done == set(expected)
    with label_studio.client() as client:
        ids = [t["data"]["sentence_id"] for t in all_tasks(client, project_id(tmp_path, "faults-killed-committed"))]
    assert len(ids) == len(set(ids)) and sorted(ids) == sorted(expected)


@pytest.mark.studio
def test_push_killed_before_a_batch_reached_the_server_sends_it_again(proxy, label_studio, tmp_path):
    sentences, path, pending = push_killed_at_a_held_import(
        proxy, label_studio, tmp_path, "faults-killed-unsent", forward=False
    )
    expected = sentence_ids(sentences)
    out = json.loads(
        run(
            "push",
            str(sentences),
            "--project",
            "faults-killed-unsent",
            "-w",
            str(tmp_path),
            "--batch-size",
            "40",
            "--json",
        )
    )
    assert out["recovered_batches"] == 0
    assert journal_states(path, pending) == ["pending", "abandoned"]
    sent_before = sum(batch_sizes(len(expected), 40)[:2])
    assert out["already_there"] == sent_before and out["imported"] == len(expected) - sent_before
    journal = Journal(path)
    assert journal.pending == {} and journal.done == set(expected)
    with label_studio.client() as client:
        ids = [t["data"]["sentence_id"] for t in all_tasks(client, project_id(tmp_path, "faults-killed-unsent"))]
    assert len(ids) == len(set(ids)) and sorted(ids) == sorted(expected)


@pytest.mark.studio
def test_a_batch_that_arrived_in_part_is_reported_and_nothing_is_sent(proxy, label_studio, tmp_path):
    sentences, path, pending = push_killed_at_a_held_import(
        proxy, label_studio, tmp_path, "faults-killed-partial", forward=True
    )
    pid = project_id(tmp_path, "faults-killed-partial")
    with label_studio.client() as client:
        task = next(t for t in all_tasks(client, pid) if t["data"][BATCH_FIELD] == pending)
        client.request("DELETE", f"/api/tasks/{task['id']}/")
        before = client.count_tasks(pid)
    proxy.forwarded.clear()
    output = run(
        "push",
        str(sentences),
        "--project",
        "faults-killed-partial",
        "-w",
        str(tmp_path),
        "--batch-size",
        "40",
        expect=1,
    )
    assert f"batch {pending} of project 'faults-killed-partial' arrived only in part (39 of 40 tasks)" in output
    assert "Traceback" not in output and not any(f.endswith("/import") for f in proxy.forwarded)
    assert journal_states(path, pending) == ["pending"]
    with label_studio.client() as client:
        assert client.count_tasks(pid) == before


@pytest.mark.studio
def test_an_import_answered_after_the_client_gave_up_is_not_sent_again(proxy, label_studio, tmp_path):
    """The answer to the second import comes later than the client's time-out (held until the
    push has finished): the push counts the batch's tasks, finds them all, and goes on."""
    sentences = split(tmp_path, write_articles(tmp_path / "articles", 12))
    expected = sentence_ids(sentences)
    hold = proxy.hold("/import", nth=2, forward=True)
    ws = Workspace(tmp_path)
    try:
        with Client(Connection(proxy.url, label_studio.api_key), timeout=5) as client:
            project, created = ensure_project(ws, client, "faults-late-answer")
            result = push_sentences(client, ws, project, created, sentences, batch_size=25)
    finally:
        hold.release.set()
    assert hold.held.is_set()
    assert result.imported == len(expected) and result.recovered_batches == 0
    assert sum(1 for f in proxy.forwarded if f.endswith("/import")) == len(batch_sizes(len(expected), 25))
    journal = journal_for(ws, project)
    assert journal.pending == {} and journal.done == set(expected)
    with label_studio.client() as client:
        ids = [t["data"]["sentence_id"] for t in all_tasks(client, project.id)]
    assert len(ids) == len(set(ids)) and sorted(ids) == sorted(expected)


@dataclass
class LateHold(Hold):
    delivered: threading.Event = field(default_factory=threading.Event)


class LateProxy(FaultyProxy):
    """The fault proxy, and one more fault: ``late(path, nth)`` holds the nth request whose path
    contains ``path`` before it reaches Label Studio, for as long as the test wants (past the
    client's time-out: the client gives up), then, once ``release`` is set, sends it on to Label
    Studio, which carries it out; ``delivered`` is set when Label Studio has answered it. The
    answer goes nowhere: the client's connection is closed."""

    def __init__(self, target: str):
        super().__init__(target)
        self.late_holds: list[LateHold] = []

    def late(self, path: str, nth: int = 1) -> LateHold:
        hold = LateHold(path, nth, forward=False)
        with self.lock:
            self.late_holds.append(hold)
        return hold

    def _take_late(self, path: str) -> LateHold | None:
        with self.lock:
            for hold in self.late_holds:
                if hold.path in path and not hold.held_path:
                    hold.seen += 1
                    if hold.seen == hold.nth:
                        hold.held_path = path
                        return hold
        return None

    def __exit__(self, *exc) -> None:
        for hold in self.late_holds:
            hold.release.set()
        super().__exit__(*exc)

    def _handler(self):
        proxy, base = self, super()._handler()

        class Handler(base):  # type: ignore[misc, valid-type]
            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                hold = proxy._take_late(self.path)
                if hold is None:
                    self.rfile = io.BytesIO(body)  # the base handler reads the body again
                    return super()._forward()
                hold.held.set()
                hold.release.wait()
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP and k.lower() != "host"}
                proxy.client.request(self.command, proxy.target + self.path, content=body, headers=headers)
                proxy.forwarded.append(f"{self.command} {self.path.split('?')[0]}")
                hold.delivered.set()
                self.close_connection = True
                self.connection.close()

            do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _forward

        return Handler


@pytest.fixture
def late_proxy(label_studio, monkeypatch):
    with LateProxy(label_studio.url) as faulty:
        monkeypatch.setenv("LABEL_STUDIO_URL", faulty.url)
        monkeypatch.setenv("LABEL_STUDIO_API_KEY", label_studio.api_key)
        yield faulty


def exact(label_studio, project: int, expected: list[str]) -> bool:
    with label_studio.client() as client:
        ids = [t["data"]["sentence_id"] for t in all_tasks(client, project)]
    return len(ids) == len(set(ids)) and sorted(ids) == sorted(expected)


@pytest.mark.studio
def test_an_import_that_reaches_the_server_after_the_client_gave_up_is_not_kept_twice(
    late_proxy, label_studio, tmp_path
):
    """The second import is held before Label Studio past the client's time-out: the push
    counts nothing under its marker and sends the batch again under a new one. Then the held
    request goes through and Label Studio imports it (while the push goes on): the push's check
    after its imports finds its tasks by their marker and removes them. The count is exact."""
    sentences = split(tmp_path, write_articles(tmp_path / "articles", 12))
    expected = sentence_ids(sentences)
    late = late_proxy.late("/import", nth=2)
    landed_during_push = []

    def on_batch(size: int) -> None:
        if late.held.is_set() and not late.release.is_set():
            late.release.set()  # the batch was sent again: now the first attempt lands too
            assert late.delivered.wait(120)
            landed_during_push.append(size)

    ws = Workspace(tmp_path)
    with Client(Connection(late_proxy.url, label_studio.api_key), timeout=5) as client:
        project, created = ensure_project(ws, client, "faults-late-request")
        result = push_sentences(client, ws, project, created, sentences, batch_size=25, on_batch=on_batch)
    sizes = batch_sizes(len(expected), 25)
    assert landed_during_push == [sizes[1]]  # the late request landed before the push ended
    assert result.imported == len(expected) and result.late == sizes[1] and not result.late_kept
    assert f"{sizes[1]} duplicate tasks of a request that arrived late removed" in result.line()
    # Label Studio got the held batch twice (the retry, then the late request) and kept it once.
    assert sum(1 for f in late_proxy.forwarded if f.endswith("/import")) == len(sizes) + 1
    assert exact(label_studio, project.id, expected)
    journal = journal_for(ws, project)
    assert journal.pending == {} and journal.doubts == {} and journal.done == set(expected)
    # The journal knows every task id, and they are the tasks in the project.
    with label_studio.client() as client:
        assert {t["id"] for t in all_tasks(client, project.id)} == set(journal.tasks.values())


@pytest.mark.studio
def test_a_request_that_lands_after_the_push_ended_is_removed_by_the_next_push(late_proxy, label_studio, tmp_path):
    """The same, but the held request lands only after the push has finished: the batch is
    there twice until the next push, which counts the attempt in doubt and removes its tasks."""
    sentences = split(tmp_path, write_articles(tmp_path / "articles", 12))
    expected = sentence_ids(sentences)
    late = late_proxy.late("/import", nth=2)
    ws = Workspace(tmp_path)
    with Client(Connection(late_proxy.url, label_studio.api_key), timeout=5) as client:
        project, created = ensure_project(ws, client, "faults-late-after")
        first = push_sentences(client, ws, project, created, sentences, batch_size=25)
        assert first.imported == len(expected) and first.late == 0 and exact(label_studio, project.id, expected)
        (doubt,) = journal_for(ws, project).doubts
        late.release.set()
        assert late.delivered.wait(120)
        size = batch_sizes(len(expected), 25)[1]
        with label_studio.client() as direct:
            assert direct.count_tasks(project.id) == len(expected) + size  # twice, for now
        again = push_sentences(client, ws, project, False, sentences, batch_size=25)
    assert again.imported == 0 and again.late == size and exact(label_studio, project.id, expected)
    assert journal_for(ws, project).doubts == {}


@pytest.mark.studio
def test_a_killed_push_whose_held_request_lands_after_the_re_run_ends_with_the_exact_count(
    late_proxy, label_studio, tmp_path
):
    """A push killed while its third import is held before Label Studio; the re-run finds
    nothing of that batch and sends its sentences again; then the held request goes through.
    The next push removes what it imported: every sentence has one task."""
    project = "faults-killed-late"
    sentences, path, pending = push_killed_at_a_held_import(
        late_proxy, label_studio, tmp_path, project, forward=False, late=True
    )
    expected = sentence_ids(sentences)
    (late,) = late_proxy.late_holds
    out = json.loads(
        run("push", str(sentences), "--project", project, "-w", str(tmp_path), "--batch-size", "40", "--json")
    )
    assert out["recovered_batches"] == 0 and journal_states(path, pending) == ["pending", "abandoned"]
    assert exact(label_studio, project_id(tmp_path, project), expected)
    late.release.set()
    assert late.delivered.wait(120)
    size = batch_sizes(len(expected), 40)[2]
    with label_studio.client() as client:
        assert client.count_tasks(project_id(tmp_path, project), BATCH_FIELD, pending) == size
    out = json.loads(
        run("push", str(sentences), "--project", project, "-w", str(tmp_path), "--batch-size", "40", "--json")
    )
    assert out["imported"] == 0 and out["late_removed"] == size
    assert exact(label_studio, project_id(tmp_path, project), expected)
    journal = Journal(path)
    assert journal.doubts == {} and journal.pending == {} and journal.done == set(expected)


def test_killed_split_leaves_no_half_written_file(tmp_path):
    source = write_articles(tmp_path / "articles", 3000)
    out = tmp_path / "out"
    out.mkdir()
    (out / "sentences.jsonl").write_text("previous complete output\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "corpus.cli", "split", str(source), "-o", str(out), "--jobs", "1"], cwd=REPO
    )
    deadline = time.monotonic() + 60
    # Killed while it writes: once the temporary file beside the output has its first lines.
    while time.monotonic() < deadline and not any(p.stat().st_size > 0 for p in out.glob(".sentences.jsonl.*.tmp")):
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL  # killed, not finished
    assert (out / "sentences.jsonl").read_text() == "previous complete output\n"
    assert not (out / "documents.jsonl").exists()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400), st.text(max_size=300), st.sampled_from([".txt", ".jsonl", ".html"]))
def test_split_never_crashes_on_random_bytes_or_text(tmp_path, data, text, suffix):
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    (folder / f"bytes{suffix}").write_bytes(data)
    (folder / f"text{suffix}").write_text(text, encoding="utf-8")
    summary = split_sources([folder], folder / "out", jobs=1)
    for name in ("documents.jsonl", "sentences.jsonl"):
        for line in (folder / "out" / name).read_text(encoding="utf-8").splitlines():
            assert record_errors(json.loads(line)) == []
    assert summary.documents + len(summary.problems) >= 1
