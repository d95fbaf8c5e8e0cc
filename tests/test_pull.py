"""``corpus pull`` against the real Label Studio: two annotators, a skip, a draft, problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpus.cli import cli
from corpus.ids import sentence_id
from corpus.schema import record_errors
from tests.test_push import all_tasks, project_id, run

pytestmark = pytest.mark.studio

DOCS = [
    {
        "id": "doc-bridge",
        "title": "Bridge",
        "license": "CC0-1.0",
        "text": "Mayor Ines Okafor spoke on Tuesday.\n\nShe said the bridge would cost 14.5 million euros.",
    },
    {
        "id": "doc-emoji",
        "title": "Match",
        "license": "CC0-1.0",
        "text": "Fans 🎉🎉 cheered as 𝔘nited won 3 games, officials said.",
    },
]


# Sentence ids: the document's id and a hash of the sentence's text (see corpus/ids.py).
SAID = sentence_id("doc-bridge", "She said the bridge would cost 14.5 million euros.")
TITLE = sentence_id("doc-bridge", "Mayor Ines Okafor spoke on Tuesday.")
MATCH = sentence_id("doc-emoji", DOCS[1]["text"])


def span(name: str, region: str, text: str, piece: str, label: str, occurrence: int = 0) -> dict:
    """A labels result as the browser sends it: offsets in code points (see test_browser)."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    value = {"start": start, "end": start + len(piece), "text": piece, "labels": [label]}
    return {
        "id": region,
        "from_name": name,
        "to_name": "sentence" if name == "label" else "context",
        "type": "labels",
        "value": value,
    }


def at(start: int, end: int, region: str, piece: str, label: str) -> dict:
    """A labels result on the sentence with literal offsets."""
    return {
        "id": region,
        "from_name": "label",
        "to_name": "sentence",
        "type": "labels",
        "value": {"start": start, "end": end, "text": piece, "labels": [label]},
    }


def per_region(region: str, field: str, kind: str, value: dict, base: dict) -> dict:
    return {
        "id": region,
        "from_name": field,
        "to_name": "sentence",
        "type": kind,
        "value": {"start": base["value"]["start"], "end": base["value"]["end"], "text": base["value"]["text"], **value},
    }


def relation(a: str, b: str, label: str | None = None) -> dict:
    return {"type": "relation", "from_id": a, "to_id": b, "direction": "right", "labels": [label] if label else []}


def choice(name: str, value: str) -> dict:
    return {
        "id": f"{name}-1",
        "from_name": name,
        "to_name": "sentence",
        "type": "choices",
        "value": {"choices": [value]},
    }


@pytest.fixture
def annotated(ls_env, tmp_path):
    """Examples pushed with overlap 2 and labelled through the API by two annotator users."""
    source = tmp_path / "docs.jsonl"
    source.write_text("\n".join(json.dumps(d) for d in DOCS) + "\n", encoding="utf-8")
    run("split", str(source), "-o", str(tmp_path / "data"))
    run(
        "push",
        str(tmp_path / "data" / "sentences.jsonl"),
        "--project",
        "pull-two-annotators",
        "--overlap",
        "2",
        "-w",
        str(tmp_path),
    )
    alice, bob = ls_env.create_user("alice"), ls_env.create_user("bob")
    with ls_env.client() as client:
        tasks = {t["data"]["text"]: t for t in all_tasks(client, project_id(tmp_path, "pull-two-annotators"))}
        said = tasks["She said the bridge would cost 14.5 million euros."]
        text, context = said["data"]["text"], said["data"]["context_before"]

        def annotate(task, user, result, **extra):
            return client.request(
                "POST",
                f"/api/tasks/{task['id']}/annotations/",
                json={"completed_by": user["id"], "result": result, "lead_time": 4.5, **extra},
            )

        figure = span("label", "f1", text, "14.5 million euros", "FIGURE")
        alice_result = [
            span("context_label", "s1", context, "Mayor Ines Okafor", "SOURCE"),
            span("label", "q1", text, "said", "CUE"),
            span("label", "c1", text, "the bridge would cost 14.5 million euros", "CONTENT"),
            figure,
            per_region("f1", "figure_value", "number", {"number": 14500000}, figure),
            per_region("f1", "figure_unit", "textarea", {"text": ["EUR"]}, figure),
            per_region("f1", "figure_kind", "choices", {"choices": ["money"]}, figure),
            per_region("f1", "figure_approx", "choices", {"choices": ["exact"]}, figure),
            relation("s1", "c1", "indirect"),
            relation("q1", "c1"),
            choice("checkworthy", "CFS"),
        ]
        annotate(said, alice, alice_result)
        bob_result = [
            span("label", "q9", text, "said", "CUE"),
            span("label", "f9", text, "14.5 million", "FIGURE"),
            choice("checkworthy", "CFS"),
        ]
        annotate(said, bob, bob_result)

        match = tasks["Fans 🎉🎉 cheered as 𝔘nited won 3 games, officials said."]
        mtext = match["data"]["text"]
        # Offsets as the real browser sends them (test_browser): code points, counted by hand
        # ("Fans 🎉🎉 cheered as " is 19 code points, 21 UTF-16 units).
        assert mtext == DOCS[1]["text"]
        annotate(
            match,
            alice,
            [at(19, 25, "g1", "𝔘nited", "SOURCE"), at(30, 37, "g2", "3 games", "FIGURE"), choice("checkworthy", "NFS")],
        )
        annotate(match, bob, [], was_cancelled=True)

        title = tasks["Mayor Ines Okafor spoke on Tuesday."]
        broken = span("label", "b1", title["data"]["text"], "Okafor", "SOURCE")
        broken["value"]["text"] = "Okafur"
        annotate(
            title,
            bob,
            [broken, span("label", "b2", title["data"]["text"], "spoke", "CUE"), relation("b2", "zz-missing")],
        )
        client.request("POST", f"/api/tasks/{title['id']}/drafts", json={"result": [], "lead_time": 1})
    return tmp_path, alice, bob


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_pull_keeps_both_annotators_and_reports_skips_and_problems(annotated):
    tmp_path, alice, bob = annotated
    output = tmp_path / "out" / "annotations.jsonl"
    result = CliRunner().invoke(
        cli, ["pull", "--project", "pull-two-annotators", "-w", str(tmp_path), "-o", str(output), "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["annotations"] == 4 and summary["skipped"] == 1
    assert summary["sentences"] == 3 and summary["drafts"] == 1
    problems = "\n".join(summary["problems"])
    assert "span text 'Okafur' does not match" in problems and "missing region zz-missing" in problems
    assert all(p.startswith("task ") and ", annotation " in p for p in summary["problems"])

    records = read(output)
    merged = read(output.with_name("merged.jsonl"))
    for record in records + merged:
        assert record_errors(record) == []
    raw = output.read_text(encoding="utf-8") + output.with_name("merged.jsonl").read_text(encoding="utf-8")
    for user in (alice, bob):
        assert user["email"] not in raw and user["first_name"] not in raw
    assert "@" not in raw

    said = [r for r in records if r["sentence_id"] == SAID]
    assert len({r["annotator"] for r in said}) == 2
    full = next(r for r in said if len(r["spans"]) == 4)
    (attribution,) = full["attributions"]
    spans = {s["id"]: s for s in full["spans"]}
    assert spans[attribution["source"]]["text"] == "Mayor Ines Okafor" and spans[attribution["source"]]["in_context"]
    assert spans[attribution["cue"]]["text"] == "said" and attribution["type"] == "indirect"
    assert spans[attribution["content"]]["text"] == "the bridge would cost 14.5 million euros"
    (figure,) = full["figures"]
    assert (figure["text"], figure["value"], figure["unit"], figure["kind"], figure["approx"]) == (
        "14.5 million euros",
        14500000,
        "EUR",
        "money",
        "exact",
    )
    document = DOCS[0]["text"]
    for s in full["spans"]:
        assert document[s["doc_start"] : s["doc_end"]] == s["text"]
    assert full["label_studio"]["task"] > 0 and full["lead_time"] == 4.5

    merged_said = next(m for m in merged if m["sentence_id"] == SAID)
    # One of two annotators marked three more spans: 1 against 1 is a tie, never a majority.
    assert merged_said["method"] == "tie" and merged_said["methods"]["spans"] == "tie"
    assert [s["text"] for s in merged_said["spans"]] == ["said"]  # the only span both marked
    assert merged_said["checkworthy"] == "CFS" and merged_said["methods"]["checkworthy"] == "unanimous"
    assert merged_said["agreement"] == {"checkworthy": True, "spans": False, "attributions": False, "figures": False}

    # The title annotation keeps its good span; the broken span and relation are reported, not kept.
    title = next(r for r in records if r["sentence_id"] == TITLE)
    assert [s["text"] for s in title["spans"]] == ["spoke"] and title["attributions"] == []


def test_offsets_after_characters_outside_the_bmp_land_on_the_right_characters(annotated):
    tmp_path, _, _ = annotated
    output = tmp_path / "annotations.jsonl"
    run("pull", "--project", "pull-two-annotators", "-w", str(tmp_path), "-o", str(output))
    (match,) = [r for r in read(output) if r["sentence_id"] == MATCH]
    text = DOCS[1]["text"]
    assert [(s["text"], text[s["doc_start"] : s["doc_end"]]) for s in match["spans"]] == [
        ("𝔘nited", "𝔘nited"),
        ("3 games", "3 games"),
    ]
    # Three astral characters before them: code points, not UTF-16 units (which would be 33).
    assert [(s["start"], s["end"]) for s in match["spans"]] == [(19, 25), (30, 37)]
    assert match["spans"][1]["start"] == text.index("3 games")


def test_ground_truth_annotation_wins_the_merge(annotated, ls_env):
    tmp_path, alice, bob = annotated
    with ls_env.client() as client:
        tasks = {t["data"]["sentence_id"]: t for t in all_tasks(client, project_id(tmp_path, "pull-two-annotators"))}
        task = tasks[SAID]
        client.request(
            "POST",
            f"/api/tasks/{task['id']}/annotations/",
            json={"result": [choice("checkworthy", "NFS")], "ground_truth": True, "lead_time": 2},
        )
    output = tmp_path / "gt" / "annotations.jsonl"
    run("pull", "--project", "pull-two-annotators", "-w", str(tmp_path), "-o", str(output))
    merged = next(m for m in read(output.with_name("merged.jsonl")) if m["sentence_id"] == SAID)
    assert merged["method"] == "ground_truth" and merged["checkworthy"] == "NFS" and merged["spans"] == []
    assert len(merged["annotators"]) == 3


def test_pull_before_push_is_a_clear_error(ls_env, tmp_path):
    result = CliRunner().invoke(cli, ["pull", "--project", "never-pushed", "-w", str(tmp_path)])
    assert result.exit_code == 1 and "run `corpus push data/sentences.jsonl --project never-pushed`" in result.output


def test_a_snapshot_left_by_a_killed_pull_is_deleted_by_the_next(annotated, ls_env):
    """A pull killed between creating and deleting its export leaves a full copy of the
    annotations on the server's disk; the next pull removes it (here: age limit 0)."""
    from corpus.studio.client import EXPORT_TITLE
    from corpus.studio.export import delete_leftover_snapshots
    from corpus.studio.project import ProjectRef

    tmp_path, _, _ = annotated
    pid = project_id(tmp_path, "pull-two-annotators")
    with ls_env.client() as client:
        client.request("POST", f"/api/projects/{pid}/exports/", json={"title": EXPORT_TITLE})
        client.request("POST", f"/api/projects/{pid}/exports/", json={"title": "someone else's export"})
        assert [e["title"] for e in client.exports(pid)].count(EXPORT_TITLE) == 1
        project = ProjectRef("pull-two-annotators", pid, "k", client.url)
        assert delete_leftover_snapshots(client, project) == 0  # too young: may be a pull running now
        assert delete_leftover_snapshots(client, project, older_than=0) == 1
        assert [e["title"] for e in client.exports(pid)] == ["someone else's export"]
