"""corpus model: what the team decides is learned, also where it departs from the rules."""

from __future__ import annotations

import json

from click.testing import CliRunner

import corpus
from corpus.cli import cli
from corpus.model import TrainingUnit, current_model, train, units_from_data
from corpus.text.prelabel import suggest_all
from tests.test_publish import make_records

TOWNS = ["Oldtown", "Newbridge", "Ashford", "Millbay", "Eastwick", "Lowfield", "Kirkby", "Norham", "Redcar", "Tilby"]


def _weather(n: int) -> str:
    return f"It rained {10 + n} mm in {TOWNS[n % 10]} on day {n}."


def _budget(n: int) -> str:
    return f"The council of {TOWNS[n % 10]} spent {n + 2} million euros on roads in year {n}."


def test_a_team_that_calls_weather_reports_non_factual_gets_a_model_that_does_too():
    roles = {"weather": "non_factual", "budget": "checkworthy"}
    units = [TrainingUnit(_weather(n), "", "body", roles["weather"]) for n in range(25)]
    units += [TrainingUnit(t, "", "body", roles["budget"], [(0, len(t) - 1)]) for t in map(_budget, range(25))]
    model = train(units)
    assert model is not None and model.version.startswith("corpus-model-50-")
    unseen = _weather(99)
    # The rules call a measured amount of rain a checkable figure; this team does not.
    assert suggest_all(unseen).checkworthiness.role != "non_factual"
    judged = model.judge(unseen)
    assert judged.role == "non_factual" and judged.claims == [] and judged.score > 0.5
    budget = model.judge(_budget(77))
    assert budget.role == "checkworthy" and [span.text for span, _ in budget.claims] == [_budget(77)[:-1]]


def test_too_few_labels_leave_the_rules_answering():
    assert train([TrainingUnit(_weather(n), "", "body", "non_factual") for n in range(5)]) is None


def test_model_train_learns_from_a_pulled_data_folder_and_keeps_the_model_in_the_workspace(tmp_path):
    data = tmp_path / "data"
    make_records(data)
    units = units_from_data(data)
    merged = [json.loads(line) for line in (data / "merged.jsonl").read_text().splitlines()]
    decided = [m for m in merged if m["checkworthy"] is not None]
    assert len(units) == len(decided) > 0  # ties (checkworthy left empty) are not labels to learn from
    result = CliRunner().invoke(cli, ["model", "train", str(data), "-w", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    trained = json.loads(result.stdout)
    assert trained["units"] == len(units) and trained["version"].startswith("corpus-model-")
    assert current_model(tmp_path).version == trained["version"]
    # Counted by the labels annotators press, as everywhere else (not the schema's role names).
    assert set(trained["by_answer"]) <= {"CFS", "UFS", "NFS"} and sum(trained["by_answer"].values()) == len(units)
    assert corpus.model_train(data, workspace=tmp_path).version == trained["version"]  # same labels, same version


def test_model_train_names_a_missing_data_folder(tmp_path):
    result = CliRunner().invoke(cli, ["model", "train", str(tmp_path / "nope"), "-w", str(tmp_path)])
    assert result.exit_code == 1 and "nope/sentences.jsonl: no such file" in result.output
