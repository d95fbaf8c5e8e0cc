"""The lead's side in a real browser (Debian Chromium): an adjudication made in Label Studio's
review project is what pull returns, and the static report renders its charts from disk."""

from __future__ import annotations

import json
import os

import pytest
from playwright.sync_api import expect

from corpus.schema import label_set
from tests.conftest import REPO
from tests.test_browser import browser  # noqa: F401  (the Chromium fixture)
from tests.test_push import all_tasks, project_id
from tests.test_review import PROJECT, SPAN, cli_json, schemas_with_adjudicated, three  # noqa: F401

pytestmark = pytest.mark.studio

DOCS = REPO / "docs"
# The report's screenshot goes to a temp folder; CORPUS_UPDATE_SCREENSHOTS=1 refreshes the one in
# docs/ (a test never writes into the tree unless asked).
UPDATE_SCREENSHOTS = os.environ.get("CORPUS_UPDATE_SCREENSHOTS") == "1"


def login(page, url: str, user: dict) -> None:
    page.goto(f"{url}/user/login/")
    page.fill("input[name=email]", user["email"])
    page.fill("input[name=password]", user["password"])
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state("networkidle")


@pytest.mark.browser
def test_adjudication_in_the_browser_and_the_report(three, ls_env, browser, schemas_with_adjudicated, tmp_path):  # noqa: F811
    workspace, tasks, _ = three
    ws = ["--project", PROJECT, "-w", str(workspace)]
    assert cli_json("review", *ws)["queued"] == 4
    with ls_env.client() as client:
        task = next(
            t for t in all_tasks(client, project_id(workspace, f"{PROJECT}-review")) if t["data"]["text"] == SPAN
        )
    # The version without a CUE (the minority's) is the one the adjudicator accepts.
    cue = label_set().cue
    minority = next(
        p["model_version"]
        for p in task["predictions"]
        if not any(cue in (r.get("value", {}).get("labels") or []) for r in p["result"])
    )
    adjudicator = ls_env.create_user("erin")

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    login(page, ls_env.url, adjudicator)
    page.goto(f"{ls_env.url}/projects/{task['project']}/data?task={task['id']}")
    versions = page.locator(".lsf-annotation-button").filter(has_text=minority[-6:])
    # The data manager opens the task slowly on a busy machine, and the editor may draw the tabs
    # once from the task list and again when the whole task has loaded (CI once saw the first
    # drawing gone for over 5 s): every wait here is long.
    versions.wait_for(timeout=90_000)
    page.wait_for_load_state("networkidle")
    # Each annotator's version is a tab named by pseudonym (never a name or an e-mail).
    expect(page.locator(".lsf-annotation-button__name").filter(has_text="ann-")).to_have_count(3, timeout=60_000)
    assert "@" not in " ".join(page.locator(".lsf-annotation-button__name").all_inner_texts())
    versions.click()
    versions.locator(".lsf-annotation-button__trigger").click()
    page.get_by_text("Duplicate Annotation").click()
    submit = page.get_by_role("button", name="Submit")
    expect(submit).to_be_enabled(timeout=30_000)
    # Pull runs only once Label Studio has answered the save (not after a guessed pause).
    with page.expect_response(
        lambda r: r.request.method == "POST" and "/annotations" in r.url and r.ok, timeout=60_000
    ):
        submit.click()
    page.close()

    data = workspace / "data"
    pulled = cli_json("pull", *ws, "-o", str(data / "annotations.jsonl"))
    assert pulled["adjudicated"] == 1
    merged = {m["sentence_id"]: m for m in map(json.loads, (data / "merged.jsonl").read_text().splitlines())}
    decided = merged[tasks[SPAN]["data"]["sentence_id"]]
    assert decided["method"] == "adjudicated"
    assert cue not in [s["label"] for s in decided["spans"]]  # the majority marked one; the decision has none

    report = tmp_path / "report.html"
    made = cli_json("report", *ws, "-o", str(report))
    assert len(made["charts"]) >= 6
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(report.as_uri())  # from disk: no server
    charts = page.locator("figure.chart svg")
    assert charts.count() == len(made["charts"])
    for n in range(charts.count()):
        box = charts.nth(n).bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50
        assert charts.nth(n).locator("path").count() > 3  # bars, axes and ticks were drawn
    assert page.get_by_text(SPAN).count() == 1  # among the most disputed sentences
    assert page.locator("a", has_text=f"task {tasks[SPAN]['id']}").count() == 1
    shot = DOCS / "report.png" if UPDATE_SCREENSHOTS else tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    page.close()
