"""The doubt loop: annotators' doubts in their comments (guidelines section 5), listed by status
and report grouped by guideline section, and queued for the lead by ``review --doubts``.

The pure parts run without a server; the loop itself runs against the real Label Studio: two
annotators label eight sentences through the API, four of them with doubts in the comment."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from corpus.cli import cli
from corpus.labels.doubts import NO_SECTION, Doubt, DoubtLog, lines, parse
from corpus.schema import label_set
from corpus.studio.project import current_guidelines, guidelines_path
from tests.test_pull import choice, span
from tests.test_push import all_tasks, project_id, run

L = label_set()


# -- parsing comments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("§3.3: is a maximum a hedge?", [Doubt("3.3", "is a maximum a hedge?")]),
        ("doubt 1.4: comparison in the CONTENT?", [Doubt("1.4", "comparison in the CONTENT?")]),
        ("Doubt §4: which class?", [Doubt("4", "which class?")]),
        ("§ 3.5 - fused unit", [Doubt("3.5", "fused unit")]),
        ("§?: no section fits", [Doubt(NO_SECTION, "no section fits")]),
        ("doubt: no section named", [Doubt(NO_SECTION, "no section named")]),
        ("- §2.1: apposition?", [Doubt("2.1", "apposition?")]),
        # several doubts and notes in one comment, one doubt a line
        (
            "source in next sentence\n§1.6: zero source?\n  §3.3: unit of a rate?",
            [Doubt("1.6", "zero source?"), Doubt("3.3", "unit of a rate?")],
        ),
        # not doubts: a section mentioned inside a note, no colon, other words
        ("as §3.3 says, exact", []),
        ("§3.3 no colon", []),
        ("doubtful: maybe", []),
        ("", []),
        (None, []),
    ],
)
def test_parse(comment, expected):
    assert parse(comment) == expected


def test_the_guidelines_examples_are_doubts_naming_their_sections():
    """The convention as section 5 writes it is what parse reads, and its sections exist."""
    guidelines = current_guidelines()
    assert guidelines.sections["5"].title.startswith("Comment")
    source = guidelines_path().read_text(encoding="utf-8")
    section5 = source[source.index("## 5. ") : source.index("## 6. ")]
    examples = [line.strip() for line in section5.splitlines() if line.startswith("    §")]
    assert len(examples) >= 2
    for example in examples:
        (doubt,) = parse(example)
        assert guidelines.section_of(doubt.section) is not None, example


def _record(annotator: str, sentence: str, comment: str | None) -> dict:
    return {"annotator": annotator, "sentence_id": sentence, "sentence_text": f"text of {sentence}", "comment": comment}


def test_doubt_log_groups_open_doubts_by_section_in_guideline_order():
    log = DoubtLog("http://ls/projects/1/data?task={task}")
    log.add(
        10, "Unit ten.", [_record("ann-aaaaaaaa", "s10", "§3.5: twice?\nnote"), _record("ann-bbbbbbbb", "s10", None)]
    )
    log.add(11, "Unit eleven.", [_record("ann-bbbbbbbb", "s11", "§1.4: comparison?\n§3.5: 212-km?")])
    log.add(12, "Unit twelve.", [_record("ann-aaaaaaaa", "s12", "§?: nothing fits")])
    log.add(13, "Unit thirteen.", [_record("ann-aaaaaaaa", "s13", "§10.2: no such section")])
    log.add(14, "Unit fourteen.", [_record("ann-aaaaaaaa", "s14", "plain note")])
    titles = current_guidelines().titles()
    summary = log.summary(decided={"s11"}, queued={"s10"}, titles=titles)
    assert (summary["open"], summary["decided"], summary["tasks"], summary["queued"]) == (3, 2, 3, 1)
    assert [g["section"] for g in summary["sections"]] == ["3.5", "10.2", NO_SECTION]
    first = summary["sections"][0]
    assert first["title"] == "Decided cases" and first["known"] is True
    (doubt,) = first["doubts"]
    assert doubt == {
        "section": "3.5",
        "doubt": "twice?",
        "annotator": "ann-aaaaaaaa",
        "sentence_id": "s10",
        "text": "Unit ten.",
        "task": 10,
        "link": "http://ls/projects/1/data?task=10",
        "queued": True,
    }
    unknown = summary["sections"][1]
    assert unknown["known"] is False and unknown["title"] == "not a section of the current guidelines"
    assert summary["sections"][2]["title"] == "no section named"
    text = "\n".join(lines(summary))
    assert text.startswith(
        "open doubts by guideline section: 3 on 3 tasks, 1 of those tasks queued for review; 2 decided"
    )
    assert "  §3.5 Decided cases (1)" in text and "http://ls/projects/1/data?task=12" in text
    assert lines(DoubtLog().summary()) == []


# -- the loop on a real server ------------------------------------------------------------------

PROJECT = "doubts-loop"


def sentence(n: int) -> str:
    return f"The Dunmore ferry carried {n + 100} passengers on day {n}."


# What each annotator writes in the comment of a sentence (None: no comment); sentence 5 has a
# plain note that is not a doubt, sentence 6 a dispute on checkworthy without a doubt.
COMMENTS = {
    1: ("§3.3: is a ferry passenger count a measure?", None),
    2: (None, "doubt 1.4: does the day belong to the CONTENT?\n§3.3: unit passengers?"),
    3: ("§3.3: value of a count?", "§3.3: same doubt"),
    4: ("§?: no section fits", None),
    5: ("looked fine to me", None),
}
DOUBTED = (1, 2, 3, 4)


def result(text: str, n: int, comment: str | None, check: str) -> list[dict]:
    items = [span("label", "c", text, text.rstrip("."), L.span_label("claim")), choice("checkworthy", check)]
    if comment:
        comment_item = {"id": "comment-1", "from_name": "comment", "to_name": "sentence", "type": "textarea"}
        items.append({**comment_item, "value": {"text": [comment]}})
    return items


def _user(completed_by) -> int:
    return completed_by["id"] if isinstance(completed_by, dict) else completed_by


def cli_json(*args: str) -> dict:
    outcome = CliRunner().invoke(cli, [*args, "--json"])
    assert outcome.exit_code == 0, outcome.output
    return json.loads(outcome.stdout)


@pytest.mark.studio
def test_status_lists_doubts_by_section_and_review_queues_exactly_them(ls_env, tmp_path):
    source = tmp_path / "ferry.jsonl"
    source.write_text(
        json.dumps({"id": "ferry", "title": "Ferry", "text": "\n\n".join(sentence(n) for n in range(8))}) + "\n",
        encoding="utf-8",
    )
    run("split", str(source), "-o", str(tmp_path / "data"))
    run("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", PROJECT, "--overlap", "2", "-w", str(tmp_path))
    users = [ls_env.create_user(name) for name in ("erin", "femi")]
    ufs, cfs = L.checkworthy_label("not_checkworthy"), L.checkworthy_label("checkworthy")
    with ls_env.client() as client:
        tasks = {t["data"]["text"]: t for t in all_tasks(client, project_id(tmp_path, PROJECT))}
        for n in range(8):
            task = tasks[sentence(n)]
            for i, user in enumerate(users):
                check = ufs if (n == 6 and i == 1) else cfs
                client.request(
                    "POST",
                    f"/api/tasks/{task['id']}/annotations/",
                    json={
                        "completed_by": user["id"],
                        "result": result(sentence(n), n, COMMENTS.get(n, (None, None))[i], check),
                        "lead_time": 5,
                    },
                )
    ws = ["--project", PROJECT, "-w", str(tmp_path)]
    doubted = {tasks[sentence(n)]["data"]["sentence_id"] for n in DOUBTED}

    status = cli_json("status", *ws)
    doubts = status["doubts"]
    assert (doubts["open"], doubts["decided"], doubts["tasks"], doubts["queued"]) == (6, 0, 4, 0)
    assert [g["section"] for g in doubts["sections"]] == ["1.4", "3.3", "?"]
    by_section = {g["section"]: g for g in doubts["sections"]}
    assert by_section["3.3"]["title"] == "The fields" and by_section["1.4"]["title"].startswith("CONTENT")
    assert {d["sentence_id"] for g in doubts["sections"] for d in g["doubts"]} == doubted
    three = by_section["3.3"]["doubts"]
    assert len(three) == 4 and len({d["annotator"] for d in three}) == 2
    assert all(d["annotator"].startswith("ann-") and "@" not in d["annotator"] for d in three)
    first = next(d for d in three if d["text"] == sentence(1))
    assert first["doubt"] == "is a ferry passenger count a measure?"
    assert first["link"].endswith(f"/projects/{project_id(tmp_path, PROJECT)}/data?task={tasks[sentence(1)]['id']}")
    shown = CliRunner().invoke(cli, ["status", *ws]).output
    assert "open doubts by guideline section: 6 on 4 tasks" in shown and "  §3.3 The fields (4)" in shown

    # The disputes first (sentence 6 only): its review task carries no doubt.
    disputes = cli_json("review", *ws)
    assert (disputes["kind"], disputes["disputed"], disputes["queued"]) == ("disputes", 1, 1)

    # An annotator adds a doubt to the disputed sentence after it was queued: --doubts adds it there.
    with ls_env.client() as client:
        mine = client.request("GET", f"/api/tasks/{tasks[sentence(6)]['id']}/annotations/")
        annotation = next(a for a in mine if _user(a["completed_by"]) == users[0]["id"])
        client.update_annotation(
            annotation["id"], result(sentence(6), 6, "§4: is a ferry count of public interest?", cfs)
        )

    queued = cli_json("review", "--doubts", *ws)
    counts = (queued["kind"], queued["disputed"], queued["doubts"], queued["queued"], queued["already_queued"])
    assert counts == ("doubts", 5, 7, 4, 1)
    assert queued["by_reason"] == {"§1.4": 1, "§3.3": 4, "§4": 1, "§?": 1}
    review_id = project_id(tmp_path, f"{PROJECT}-review")
    with ls_env.client() as client:
        review_tasks = {t["data"]["sentence_id"]: t for t in all_tasks(client, review_id)}
    dispute = tasks[sentence(6)]["data"]["sentence_id"]
    assert set(review_tasks) == doubted | {dispute}  # exactly the sentences with doubts
    assert review_tasks[dispute]["data"]["doubts"].endswith(": is a ferry count of public interest?")
    assert review_tasks[dispute]["data"]["disagreement"] == "checkworthy"  # queued as a dispute first
    two = review_tasks[tasks[sentence(2)]["data"]["sentence_id"]]
    assert two["data"]["disagreement"] == "doubt §1.4, doubt §3.3"
    assert two["data"]["doubts"].splitlines()[0].startswith("§1.4 ann-")
    assert two["data"]["doubts"].endswith(": unit passengers?")
    assert len({p["model_version"] for p in two["predictions"]}) == 2  # both annotators' versions
    assert cli_json("status", *ws)["doubts"]["queued"] == 5
    assert "5 sentences with 7 open doubts (§1.4 1, §3.3 4, §4 1, §? 1): 0 queued now, 5 queued before" in (
        CliRunner().invoke(cli, ["review", "--doubts", *ws]).output
    )

    # The lead decides sentence 1 in the review project: its doubt closes.
    with ls_env.client() as client:
        lead = ls_env.create_user("lead")
        one = review_tasks[tasks[sentence(1)]["data"]["sentence_id"]]
        client.request(
            "POST",
            f"/api/tasks/{one['id']}/annotations/",
            json={"completed_by": lead["id"], "result": result(sentence(1), 1, None, cfs), "lead_time": 3},
        )
    after = cli_json("status", *ws)["doubts"]
    assert (after["open"], after["decided"], after["tasks"], after["queued"]) == (6, 1, 4, 4)
    assert sentence(1) not in {d["text"] for g in after["sections"] for d in g["doubts"]}
    last = cli_json("review", "--doubts", *ws)
    assert (last["disputed"], last["queued"], last["already_queued"]) == (4, 0, 4)

    report = tmp_path / "report.html"
    run("report", *ws, "-o", str(report))
    page = report.read_text(encoding="utf-8")
    assert "Open doubts by guideline section" in page and 'data-section="3.3"' in page
    assert "unit passengers?" in page and "is a ferry passenger count a measure?" not in page
