"""Faults against the real Label Studio: a server that fails, goes away, or comes back."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
import signal
import subprocess
import sys
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from corpus.studio import server as studio
from corpus.schema import record_errors
from corpus import split as split_sources
from corpus.workspace import Workspace
from tests.conftest import EXAMPLES, REPO
from tests.faulty_proxy import FaultyProxy
from tests.test_push import all_tasks, project_id, run, sentence_ids, split, write_articles


@pytest.fixture
def proxy(label_studio, monkeypatch):
    with FaultyProxy(label_studio.url) as faulty:
        monkeypatch.setenv("LABEL_STUDIO_URL", faulty.url)
        monkeypatch.setenv("LABEL_STUDIO_API_KEY", label_studio.api_key)
        yield faulty


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


def test_a_server_that_keeps_failing_gets_a_clear_error_within_the_bound(proxy, tmp_path, monkeypatch):
    sentences = split(tmp_path, EXAMPLES)
    monkeypatch.setenv("CORPUS_MAX_RETRY_SECONDS", "3")
    proxy.refuse = True
    started = time.monotonic()
    output = run("push", str(sentences), "--project", "faults-refused", "-w", str(tmp_path), expect=1)
    assert time.monotonic() - started < 30
    assert "cannot reach Label Studio" in output and "HTTP 503" in output and "Traceback" not in output
    assert proxy.failed >= 2


def test_answers_lost_on_the_way_never_duplicate_tasks(proxy, label_studio, tmp_path):
    sentences = split(tmp_path, write_articles(tmp_path / "articles", 40))
    run("push", str(sentences), "--project", "faults-dropped", "-w", str(tmp_path), "--batch-size", "30")
    expected = sentence_ids(sentences)
    more = split(tmp_path, write_articles(tmp_path / "articles", 60), name="more")
    # The import request reaches Label Studio, but the connection drops before the answer.
    proxy.fail(1, -1, paths=("/import",))
    run("push", str(more), "--project", "faults-dropped", "-w", str(tmp_path), "--batch-size", "30")
    with label_studio.client() as client:
        ids = [t["data"]["sentence_id"] for t in all_tasks(client, project_id(tmp_path, "faults-dropped"))]
    assert proxy.failed == 1
    assert len(ids) == len(set(ids)) == len(sentence_ids(more)) > len(expected)


def test_interrupted_pull_run_again_gives_the_same_records(proxy, label_studio, tmp_path):
    sentences = split(tmp_path, EXAMPLES / "wire-briefs.jsonl")
    run("push", str(sentences), "--project", "faults-pull", "-w", str(tmp_path))
    with label_studio.client() as client:
        for task in all_tasks(client, project_id(tmp_path, "faults-pull")):
            client.request("POST", f"/api/tasks/{task['id']}/annotations/", json={"result": [
                {"id": "c", "from_name": "checkworthy", "to_name": "sentence", "type": "choices", "value": {"choices": ["yes"]}}]})
    whole = tmp_path / "whole.jsonl"
    run("pull", "--project", "faults-pull", "-w", str(tmp_path), "-o", str(whole))
    target = tmp_path / "again.jsonl"
    # The download of the export fails for longer than the retries last: the pull stops...
    proxy.fail(50, 502, paths=("/download",))
    os.environ["CORPUS_MAX_RETRY_SECONDS"] = "2"
    try:
        output = run("pull", "--project", "faults-pull", "-w", str(tmp_path), "-o", str(target), expect=1)
    finally:
        del os.environ["CORPUS_MAX_RETRY_SECONDS"]
    assert "cannot reach Label Studio" in output
    assert not target.exists() and not list(tmp_path.glob(".again.jsonl.*"))  # nothing half-written
    # ... and run again it gives exactly what an uninterrupted pull gave.
    proxy.fail(0)
    run("pull", "--project", "faults-pull", "-w", str(tmp_path), "-o", str(target))
    assert target.read_text() == whole.read_text()
    assert target.with_name("merged.jsonl").read_text() == whole.with_name("merged.jsonl").read_text()


def test_server_stopped_mid_push_then_back_finishes_with_every_sentence_once(label_studio, tmp_path, monkeypatch):
    """Stops and restarts the session's real Label Studio (same data, same port)."""
    sentences = split(tmp_path, write_articles(tmp_path / "articles", 400))
    expected = sentence_ids(sentences)
    env = {**os.environ, **label_studio.env(), "CORPUS_MAX_RETRY_SECONDS": "5"}
    command = [sys.executable, "-m", "corpus.cli", "push", str(sentences), "--project", "faults-stopped", "-w", str(tmp_path), "--batch-size", "40"]
    process = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        journal = list(tmp_path.glob(".corpus/push/*.jsonl"))
        if journal and journal[0].read_text().count('"done"') >= 2:
            break
        time.sleep(0.05)
    server = Workspace(label_studio.workspace)
    studio.down(server)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "cannot reach Label Studio" in stderr and "Traceback" not in stderr
    studio.up(server)
    for name, value in label_studio.env().items():
        monkeypatch.setenv(name, value)
    run("push", str(sentences), "--project", "faults-stopped", "-w", str(tmp_path), "--batch-size", "40")
    with label_studio.client() as client:
        ids = [t["data"]["sentence_id"] for t in all_tasks(client, project_id(tmp_path, "faults-stopped"))]
    assert len(ids) == len(set(ids)) and sorted(ids) == sorted(expected)


def test_killed_split_leaves_no_half_written_file(tmp_path):
    source = write_articles(tmp_path / "articles", 3000)
    out = tmp_path / "out"
    out.mkdir()
    (out / "sentences.jsonl").write_text("previous complete output\n")
    process = subprocess.Popen([sys.executable, "-m", "corpus.cli", "split", str(source), "-o", str(out), "--jobs", "1"], cwd=REPO)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(out.glob(".sentences.jsonl.*.tmp")):
        time.sleep(0.01)
    time.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    process.wait()
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
