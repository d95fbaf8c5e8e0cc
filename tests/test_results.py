"""``--json`` of every result comes from one place: ``corpus.results``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from corpus.cli import cli
from corpus.results import Result, json_field


@dataclass
class _Inner(Result):
    seconds: float


@dataclass
class _Outer(Result):
    path: Path
    ratio: float
    inner: list[_Inner] = field(default_factory=list)
    missing: int = json_field(name="left_out", default=0)
    secret_ids: list[int] = json_field(hidden=True, default_factory=list)
    tags: set[str] = field(default_factory=set)


def test_fields_become_json_with_names_paths_rounding_and_nested_results():
    result = _Outer(Path("/tmp/x"), 2 / 3, [_Inner(1.23456)], missing=4, secret_ids=[1, 2], tags={"b", "a"})
    assert result.to_dict() == {
        "path": "/tmp/x",
        "ratio": 0.667,
        "inner": [{"seconds": 1.235}],
        "left_out": 4,
        "tags": ["a", "b"],
    }
    assert "secret_ids" not in repr(result)
    json.dumps(result.to_dict())  # JSON-ready as it is


def test_a_command_built_on_result_prints_its_fields_as_json(tmp_path):
    # corpus model train on an empty data folder: a TrainResult (a Result), printed by --json.
    (tmp_path / "data").mkdir()
    for name in ("documents.jsonl", "sentences.jsonl", "annotations.jsonl", "merged.jsonl"):
        (tmp_path / "data" / name).write_text("")
    out = CliRunner().invoke(cli, ["model", "train", str(tmp_path / "data"), "-w", str(tmp_path), "--json"])
    assert out.exit_code == 0, out.output
    printed = json.loads(out.output[out.output.index("{") :])
    assert set(printed) == {"path", "version", "units", "by_answer", "seconds"} and printed["version"] is None
    assert printed["units"] == 0
