"""The public Python API: the README's example runs as written, errors pass one gate, and the
schema owns the label names (a renamed label goes through the real server end to end)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import corpus
from corpus.cli import cli
from tests.conftest import REPO


def readme_python_block() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Use from Python", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.mark.studio
def test_readme_example_runs_against_the_real_server(ls_env, tmp_path, monkeypatch):
    (tmp_path / "examples").mkdir()
    shutil.copy(REPO / "examples" / "harbour-bridge.txt", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(readme_python_block(), "README.md", "exec"), namespace)
    assert namespace["summary"].sentences == 12 and namespace["summary"].documents == 1
    assert namespace["pushed"].imported == 11
    assert namespace["pulled"].annotations == 0 and (tmp_path / "data" / "merged.jsonl").exists()


def test_every_public_name_resolves_and_is_documented():
    for name in corpus.__all__:
        value = getattr(corpus, name)
        if callable(value) and not isinstance(value, type):
            assert value.__doc__, f"corpus.{name} has no docstring"
    assert set(corpus.__all__) <= set(dir(corpus))
    with pytest.raises(AttributeError):
        corpus.no_such_thing  # noqa: B018


def test_library_errors_are_one_line_with_exit_status_1(tmp_path):
    runner = CliRunner()
    missing = runner.invoke(cli, ["validate", str(tmp_path / "missing.jsonl")])
    assert missing.exit_code == 1 and f"{tmp_path / 'missing.jsonl'}: No such file" in missing.output
    assert "Traceback" not in missing.output
    ratios = runner.invoke(cli, ["publish", "--version", "1.0.0", "--splits", "train=2", "--data", str(tmp_path)])
    assert ratios.exit_code == 1 and "ratios must be non-negative and sum to 1" in ratios.output
    roles = runner.invoke(cli, ["push", str(tmp_path / "s.jsonl"), "--roles", "body,footer", "-w", str(tmp_path)])
    assert roles.exit_code == 1 and "unknown roles: footer" in roles.output
    with pytest.raises(corpus.OptionError):
        corpus.push(tmp_path / "s.jsonl", roles=["footer"], workspace=tmp_path)


def test_a_bug_shows_one_line_unless_debugging(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("the bug")

    monkeypatch.setattr(corpus, "split", broken)
    monkeypatch.delenv("CORPUS_DEBUG", raising=False)
    result = CliRunner().invoke(cli, ["split", str(tmp_path)])
    assert result.exit_code == 1
    assert "internal error: KeyError: 'the bug'" in result.output and "CORPUS_DEBUG=1" in result.output
    assert isinstance(result.exception, SystemExit)
    monkeypatch.setenv("CORPUS_DEBUG", "1")
    debug = CliRunner().invoke(cli, ["split", str(tmp_path)])
    assert isinstance(debug.exception, KeyError)


def test_push_holds_the_workspace_lock_also_from_python(tmp_path):
    workspace = corpus.Workspace(tmp_path)
    (tmp_path / "sentences.jsonl").write_text("", encoding="utf-8")
    with workspace.lock("a test"), pytest.raises(corpus.WorkspaceBusy):
        corpus.push(tmp_path / "sentences.jsonl", workspace=tmp_path, url="http://127.0.0.1:9", api_key="k")


def _renamed_schemas(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the schemas in which the span label ``old`` is called ``new``."""
    root = tmp_path / "schemas"
    shutil.copytree(REPO / "schemas", root)
    for path in root.glob("*/annotation.schema.json"):
        path.write_text(path.read_text(encoding="utf-8").replace(f'"{old}"', f'"{new}"'), encoding="utf-8")
    return root


@pytest.mark.studio
def test_a_renamed_figure_label_goes_round_the_real_server(ls_env, tmp_path):
    """FIGURE renamed QUANTITY in a copy of the schema: the config, the predictions, the
    conversion of the annotator's result and the merge all follow the schema, not a literal."""
    schemas = _renamed_schemas(tmp_path, "FIGURE", "QUANTITY")
    env = {**os.environ, "CORPUS_SCHEMAS": str(schemas), **ls_env.env()}
    source = tmp_path / "doc.jsonl"
    source.write_text(
        json.dumps({"id": "renamed", "text": "Officials said 40 houses were flooded."}) + "\n", encoding="utf-8"
    )

    def run(*args: str) -> dict:
        done = subprocess.run(
            [sys.executable, "-m", "corpus.cli", *args, "--json"],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    run("split", str(source), "-o", "data", "--no-title-line")
    run("push", "data/sentences.jsonl", "--project", "renamed-label", "-w", str(tmp_path))
    state = json.loads((tmp_path / ".corpus" / "state.json").read_text())
    project_id = state["projects"]["renamed-label"]["id"]
    with ls_env.client() as client:
        project = client.project(project_id)
        assert 'value="QUANTITY"' in project["label_config"] and 'value="FIGURE"' not in project["label_config"]
        (task,) = client.request("GET", "/api/tasks/", params={"project": project_id, "fields": "all"})["tasks"]
        predictions = client.request("GET", "/api/predictions/", params={"project": project_id})
        labels = [r["value"]["labels"] for p in predictions for r in p["result"] if r["type"] == "labels"]
        assert ["QUANTITY"] in labels and ["FIGURE"] not in labels
        # The annotator accepts the pre-annotation as it is.
        result = next(p["result"] for p in predictions)
        client.request("POST", f"/api/tasks/{task['id']}/annotations/", json={"result": result, "lead_time": 1.0})
    pulled = run("pull", "--project", "renamed-label", "-w", str(tmp_path), "-o", "data/annotations.jsonl")
    assert pulled["annotations"] == 1 and pulled["problems"] == []
    (record,) = [json.loads(line) for line in (tmp_path / "data" / "annotations.jsonl").read_text().splitlines()]
    assert [(f["text"], f["value"], f["unit"]) for f in record["figures"]] == [("40", 40, "houses")]
    (merged,) = [json.loads(line) for line in (tmp_path / "data" / "merged.jsonl").read_text().splitlines()]
    assert [f["text"] for f in merged["figures"]] == ["40"]
    assert {s["label"] for s in merged["spans"]} >= {"QUANTITY"}
