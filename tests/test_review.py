"""Status, review and adjudication against the real Label Studio: three annotators label 30
sentences through the API with four planted disagreements (a span label, an attribution's source,
a figure's value, checkworthy); the adjudicator's decisions are what pull and publish return."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from corpus import schema
from corpus.cli import cli
from corpus.schema import label_set
from tests.test_pull import choice, per_region, relation, span
from tests.test_push import all_tasks, project_id, run

pytestmark = pytest.mark.studio

L = label_set()
YES, NO = L.checkworthy_names[0], L.checkworthy_names[1]
PROJECT = "review-three"
LICENCES = ["CC0-1.0", "CC-BY-4.0", None]  # the third document carries no licence


def sentence(n: int) -> str:
    return f"Mayor Ines Okafor of Town {n} said the bridge would cost {n + 2} million euros."


SPAN, SOURCE, VALUE, CHECK = (sentence(n) for n in (3, 11, 17, 24))  # the planted disagreements


def result(text: str, n: int, *, cue=True, source="Mayor Ines Okafor of Town", value=None, check=None) -> list[dict]:
    """An annotator's labels of sentence n: source, cue, content, figure, attribution, checkworthy."""
    amount = f"{n + 2} million euros"
    figure = span("label", "f", text, amount, L.figure)
    items = [
        span("label", "s", text, source if source != "Mayor Ines Okafor of Town" else f"{source} {n}", L.source),
        span("label", "c", text, f"the bridge would cost {amount}", L.content),
        figure,
        per_region(
            "f", "figure_value", "number", {"number": value if value is not None else (n + 2) * 1_000_000}, figure
        ),
        per_region("f", "figure_unit", "textarea", {"text": ["EUR"]}, figure),
        per_region("f", "figure_kind", "choices", {"choices": [L.figure_kinds[0]]}, figure),
        relation("s", "c", L.attribution_types[0].name),
        choice("checkworthy", check or (YES if n % 2 == 0 else NO)),
    ]
    if cue:
        items += [span("label", "q", text, "said", L.cue), relation("q", "c")]
    return items


@pytest.fixture
def schemas_with_adjudicated(tmp_path, monkeypatch):
    """The schema additions this feature needs (merged.method gains "adjudicated"), in a copy."""
    root = tmp_path / "schemas"
    shutil.copytree(schema.schemas_root(), root)
    merged = root / schema.SCHEMA_VERSION / "merged.schema.json"
    document = json.loads(merged.read_text())
    methods = document["properties"]["method"]["enum"]
    if "adjudicated" not in methods:
        methods.append("adjudicated")
    merged.write_text(json.dumps(document))
    monkeypatch.setenv("CORPUS_SCHEMAS", str(root))
    for cached in (schema.load_schemas, schema._validators, schema._compiled_validator, schema.label_set):
        cached.cache_clear()
    yield root
    monkeypatch.delenv("CORPUS_SCHEMAS")
    for cached in (schema.load_schemas, schema._validators, schema._compiled_validator, schema.label_set):
        cached.cache_clear()


@pytest.fixture
def three(ls_env, tmp_path):
    """30 sentences in three documents, pushed with overlap 3 and labelled by three annotators."""
    docs = [
        {
            "id": f"review-doc-{d}",
            "title": f"Bridge {d}",
            "publisher": f"Paper {d}",
            **({"license": LICENCES[d]} if LICENCES[d] else {}),
            "text": "\n\n".join(sentence(n) for n in range(10 * d, 10 * d + 10)),
        }
        for d in range(3)
    ]
    source = tmp_path / "docs.jsonl"
    source.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    run("split", str(source), "-o", str(tmp_path / "data"))
    run("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", PROJECT, "--overlap", "3", "-w", str(tmp_path))
    users = [ls_env.create_user(name) for name in ("alice", "bob", "carol")]
    with ls_env.client() as client:
        tasks = {t["data"]["text"]: t for t in all_tasks(client, project_id(tmp_path, PROJECT))}
        assert all(sentence(n) in tasks for n in range(30))
        for n in range(30):
            task = tasks[sentence(n)]
            text = task["data"]["text"]
            for user in users:
                planted = {}
                if user is users[2]:  # carol disagrees on one thing in each planted sentence
                    planted = {
                        SPAN: {"cue": False},
                        SOURCE: {"source": "Ines Okafor"},
                        VALUE: {"value": 99},
                        CHECK: {"check": NO},
                    }.get(text, {})
                client.request(
                    "POST",
                    f"/api/tasks/{task['id']}/annotations/",
                    json={"completed_by": user["id"], "result": result(text, n, **planted), "lead_time": 10 + n},
                )
    return tmp_path, tasks, users


def cli_json(*args: str) -> dict:
    outcome = CliRunner().invoke(cli, [*args, "--json"])
    assert outcome.exit_code == 0, outcome.output
    return json.loads(outcome.stdout)


def test_status_review_adjudicate_pull_publish(three, ls_env, schemas_with_adjudicated):
    tmp_path, tasks, (alice, bob, carol) = three
    ws = ["--project", PROJECT, "-w", str(tmp_path)]
    status = cli_json("status", *ws)
    assert status["tasks"] == {
        "total": 30,
        "overlap": 3,
        "annotated": 30,
        "done": 30,
        "remaining": 0,
        "stale": 0,
        "repeated": 0,
    }
    assert status["review"] is None  # no review project yet
    # The workspace has one project: no --project needed.
    assert cli_json("status", "-w", str(tmp_path))["tasks"] == status["tasks"]
    assert len(status["annotators"]) == 3 and all(a["annotations"] == 30 for a in status["annotators"])
    assert {a["median_lead_time"] for a in status["annotators"]} == {24.5}  # lead times 10..39
    assert "@" not in json.dumps(status)
    # Agreement by hand: 30 sentences x 3 annotator pairs; each planted sentence breaks two pairs.
    a = status["agreement"]
    assert a["spans"][L.cue]["f1"] == pytest.approx(176 / 178)  # 29*3 pairs x 2 + 2, and 2 one-sided
    assert a["spans"][L.source]["f1"] == pytest.approx(176 / 180)
    assert a["spans"][L.content]["f1"] == 1.0 and a["spans"][L.figure]["f1"] == 1.0
    assert a["attributions"]["pair_f1"] == pytest.approx(176 / 180)
    assert a["attributions"]["type_agreement"] == 1.0 and a["attributions"]["matched_pairs"] == 88
    assert a["figures"]["matched"] == 90 and a["figures"]["value"] == pytest.approx(88 / 90)
    assert a["figures"]["unit"] == 1.0 and a["figures"]["kind"] == 1.0
    # checkworthy: 15 units YES (one of them YES, YES, NO), 15 NO. o(Y,Y) = 14*3 + 1, o(N,N) = 45,
    # o(Y,N) = o(N,Y) = 1: n_Y = 44, n_N = 46, n = 90; alpha = 1 - (n-1) * 2 / (2 * n_Y * n_N).
    assert a["checkworthy_alpha"] == pytest.approx(1 - 89 * 2 / (2 * 44 * 46))
    worst = {w["text"]: w for w in status["worst"]}
    assert set(worst) == {SPAN, SOURCE, VALUE, CHECK}
    assert worst[SPAN]["reasons"] == [f"span:{L.cue}"]
    assert worst[SOURCE]["reasons"] == ["attribution:pair", f"span:{L.source}"]
    assert worst[VALUE]["reasons"] == ["figure:value"] and worst[CHECK]["reasons"] == ["checkworthy"]
    assert worst[VALUE]["link"].endswith(f"/data?task={tasks[VALUE]['id']}")

    queued = cli_json("review", *ws)
    assert (queued["disputed"], queued["queued"], queued["already_queued"]) == (4, 4, 0)
    review_id = project_id(tmp_path, f"{PROJECT}-review")
    with ls_env.client() as client:
        review_tasks = {t["data"]["text"]: t for t in all_tasks(client, review_id)}
        assert set(review_tasks) == {SPAN, SOURCE, VALUE, CHECK}
        task = review_tasks[VALUE]
        assert task["data"]["main_task"] == tasks[VALUE]["id"]
        versions = {p["model_version"]: p["result"] for p in task["predictions"]}
        assert len(versions) == 3 and all(name.startswith("ann-") for name in versions)
        # The adjudicator takes carol's value (a minority of one) and the majority's checkworthy NO.
        carols = next(r for r in versions.values() if any(i.get("value", {}).get("number") == 99 for i in r))
        adjudicator = ls_env.create_user("dana")
        client.request(
            "POST",
            f"/api/tasks/{task['id']}/annotations/",
            json={"completed_by": adjudicator["id"], "result": carols, "lead_time": 5},
        )
        check_task = review_tasks[CHECK]
        n = 24
        client.request(
            "POST",
            f"/api/tasks/{check_task['id']}/annotations/",
            json={"completed_by": adjudicator["id"], "result": result(CHECK, n, check=NO), "lead_time": 5},
        )

    again = cli_json("review", *ws)
    assert (again["disputed"], again["queued"], again["already_queued"]) == (4, 0, 4)
    # Adjudication progress, the same in review and status: 2 of the 4 decided, the 2 left linked.
    progress = again["adjudication"]
    assert (progress["queued"], progress["adjudicated"], progress["left"]) == (4, 2, 2)
    assert {t["text"] for t in progress["left_tasks"]} == {SPAN, SOURCE}
    assert all(t["link"].endswith(f"/projects/{review_id}/data?task={t['task']}") for t in progress["left_tasks"])
    assert cli_json("status", *ws)["review"]["adjudication"] == progress
    shown = CliRunner().invoke(cli, ["status", *ws]).output
    assert "adjudication: 4 disputes queued in" in shown and "2 adjudicated, 2 left" in shown
    assert "left to adjudicate:" in shown and progress["left_tasks"][0]["link"] in shown

    data = tmp_path / "data"
    pulled = cli_json("pull", *ws, "-o", str(data / "annotations.jsonl"))
    # Status now reads the pull cache and fetches only what changed: the same figures as a full export.
    cached = cli_json("status", *ws)
    for cache in (tmp_path / ".corpus" / "pull").glob("*.jsonl"):
        cache.unlink()
    exported = cli_json("status", *ws)
    assert {k: v for k, v in cached.items() if k != "seconds"} == {k: v for k, v in exported.items() if k != "seconds"}
    assert pulled["annotations"] == 90 and pulled["adjudicated"] == 2
    merged = {m["sentence_id"]: m for m in map(json.loads, (data / "merged.jsonl").read_text().splitlines())}
    by_text = {tasks[t]["data"]["sentence_id"]: t for t in tasks}
    methods = {by_text[sid]: m["method"] for sid, m in merged.items()}
    assert methods[VALUE] == methods[CHECK] == "adjudicated"
    assert methods[SPAN] == methods[SOURCE] == "majority"  # 2 of 3 agree: a majority, not a tie
    assert sum(1 for m in methods.values() if m == "unanimous") == 26
    value_merged = merged[tasks[VALUE]["data"]["sentence_id"]]
    assert [f["value"] for f in value_merged["figures"]] == [99]  # the adjudicator's, not the majority's
    assert merged[tasks[CHECK]["data"]["sentence_id"]]["checkworthy"] == NO

    published = cli_json("publish", "--version", "1.0.0", "--data", str(data), "-o", str(tmp_path / "ds"))
    assert published["rows"]["sentences"] and sum(published["rows"]["sentences"].values()) == 30
    card = (tmp_path / "ds" / "README.md").read_text()
    assert "\nlicense: other\n" in card  # one document carries no licence: no single licence is claimed
    for d, licence in enumerate(LICENCES):
        assert f"| review-doc-{d} | Paper {d} | {licence or 'unknown'} |" in card
    assert "| adjudicated | an adjudicator's decision (`corpus review`) | 2 |" in card
    assert (
        "| majority | each kept label was given by more than half of the annotators; the others were outvoted | 2 |"
        in card
    )
    assert "| unanimous | every annotator gave the same labels | 26 |" in card
    assert "| tie | no value was given by more than half and nobody adjudicated" in card
    assert f"| {L.source} | {176 / 180:.3f} |" in card and f"| {L.cue} | {176 / 178:.3f} |" in card
    assert f"source span, content span) pairs between annotators\n**{176 / 180:.3f}**" in card
    assert f"agreement on the value\n**{88 / 90:.3f}**" in card
    assert card.count(" | 30 |") >= 3  # each pseudonymous annotator's 30 annotations
    assert "## Baseline" in card and "@" not in card.split("## Citation")[0]
    from datasets import load_dataset

    figures = load_dataset(str(tmp_path / "ds"), "figures")
    values = {row["sentence_id"]: row["value"] for split in figures.values() for row in split}
    assert values[tasks[VALUE]["data"]["sentence_id"]] == 99
    sentences = load_dataset(str(tmp_path / "ds"), "sentences")
    for split in sentences.values():
        names = split.features["method"].names
        for row in split:
            if row["id"] == tasks[CHECK]["data"]["sentence_id"]:
                assert names[row["method"]] == "adjudicated"
                assert split.features["checkworthy"].names[row["checkworthy"]] == NO
