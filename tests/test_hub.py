"""``corpus publish --repo-id`` against a local stand-in of the Hub (see tests/hub_standin.py:
the real Hugging Face Hub is unreachable here, so the test works at the HTTP boundary)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from corpus.cli import cli
from corpus.schema import SCHEMA_VERSION
from tests.hub_standin import HubStandIn
from tests.test_publish import make_records


@pytest.fixture
def hub(monkeypatch, tmp_path):
    with HubStandIn(token="hf_test_token_123") as standin:
        monkeypatch.setenv("HF_ENDPOINT", standin.url)
        monkeypatch.setenv("HF_TOKEN", standin.token)
        monkeypatch.setenv("HF_HUB_DISABLE_TELEMETRY", "1")
        monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
        import huggingface_hub.constants as constants

        monkeypatch.setattr(constants, "ENDPOINT", standin.url)
        monkeypatch.setattr(
            constants, "HUGGINGFACE_CO_URL_TEMPLATE", standin.url + "/{repo_id}/resolve/{revision}/{filename}"
        )
        yield standin


def test_upload_tags_each_version_and_keeps_the_old_tags(hub, tmp_path):
    make_records(tmp_path / "data")
    runner = CliRunner()
    args = ["--data", str(tmp_path / "data"), "-o", str(tmp_path / "dataset"), "--repo-id", "news-lab/claims"]
    first = runner.invoke(cli, ["publish", "--version", "1.0.0", *args])
    assert first.exit_code == 0, first.output
    assert "tagged v1.0.0" in first.output
    repo = hub.repos["news-lab/claims"]
    files = repo.head["files"]
    assert (
        "README.md" in files and "release.json" in files and f"schemas/{SCHEMA_VERSION}/annotation.schema.json" in files
    )
    assert any(p.startswith("data/sentences/") and p.endswith(".parquet") for p in files)
    assert repo.tags == {"v1.0.0": repo.commits[0]["oid"]}

    second = runner.invoke(cli, ["publish", "--version", "1.1.0", *args])
    assert second.exit_code == 0, second.output
    assert (
        set(repo.tags) == {"v1.0.0", "v1.1.0"} and repo.tags["v1.0.0"] == repo.commits[0]["oid"] != repo.tags["v1.1.0"]
    )
    assert (
        b"version: 1.1.0" in repo.head["files"]["README.md"]
        and b"version: 1.0.0" in repo.commits[0]["files"]["README.md"]
    )
    # The token never lands in the uploaded files or the output.
    for commit in repo.commits:
        assert not any(hub.token.encode() in content for content in commit["files"].values())
    assert hub.token not in first.output + second.output


def test_wrong_token_is_a_clear_error(hub, tmp_path, monkeypatch):
    make_records(tmp_path / "data")
    monkeypatch.setenv("HF_TOKEN", "hf_wrong")
    result = CliRunner().invoke(
        cli,
        [
            "publish",
            "--version",
            "1.0.0",
            "--data",
            str(tmp_path / "data"),
            "-o",
            str(tmp_path / "ds"),
            "--repo-id",
            "news-lab/claims",
        ],
    )
    assert result.exit_code == 1 and "HTTP 401" in result.output and "HF_TOKEN" in result.output
    assert "hf_wrong" not in result.output
