"""The annotator's side, in a real browser: headless Debian Chromium driven by Playwright, on
the real Label Studio of the test session. No browser is downloaded: /usr/bin/chromium is used,
and a machine where it cannot start fails this test instead of skipping it."""

from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner
from playwright.sync_api import Page, expect, sync_playwright

from corpus.cli import cli
from corpus.schema import label_set
from tests.conftest import EXAMPLES, REPO
from tests.test_push import all_tasks, project_id, run

pytestmark = pytest.mark.studio

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = REPO / "test-artifacts"
PLAIN = "Mayor Ines Okafor said the work would start in June and take 18 months."
# The sentence begins with a character outside the BMP (two UTF-16 units, one code point), so
# every offset the browser and Label Studio use differs by one from Python's.
SENTENCE = "\U0001f3d7 " + PLAIN
# Flags for a closed network: no background connections, no first-run work.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

# Finds a piece of text inside an element and returns the coordinates to drag the mouse over.
_TEXT_BOX = """([selector, piece]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let full = '', nodes = [];
  while (walker.nextNode()) { nodes.push([walker.currentNode, full.length]); full += walker.currentNode.textContent; }
  const start = full.indexOf(piece), end = start + piece.length;
  if (start < 0) return null;
  const at = (offset, isEnd) => { for (const [n, base] of nodes) { const len = n.textContent.length;
      if (isEnd ? offset <= base + len : offset < base + len) return [n, offset - base]; } };
  const [sn, so] = at(start, false), [en, eo] = at(end, true);
  const range = document.createRange(); range.setStart(sn, so); range.setEnd(en, eo);
  const rects = range.getClientRects(), a = rects[0], b = rects[rects.length - 1];
  return {x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2};
}"""


def select_text(page: Page, selector: str, piece: str) -> None:
    """Select text with the mouse, as a person does; returns once the new region is listed."""
    box = page.evaluate(_TEXT_BOX, [selector, piece])
    assert box, f"{piece!r} is not on the page in {selector}"
    regions = page.locator(".lsf-outliner-item__text")
    before = regions.count()
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=8)
    page.mouse.up()
    expect(regions).to_have_count(before + 1)


def region(page: Page, text: str):
    return page.locator(".lsf-outliner-item__text").get_by_text(text, exact=True).first


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        # Fails (does not skip) when Chromium is missing or cannot start.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.browser
def test_annotator_labels_a_sentence_in_the_browser_and_pull_gets_exactly_that(ls_env, browser, tmp_path):
    article = (EXAMPLES / "harbour-bridge.txt").read_text(encoding="utf-8")
    assert article.count(PLAIN) == 1
    (tmp_path / "harbour-bridge.txt").write_text(article.replace(PLAIN, SENTENCE), encoding="utf-8")
    run("split", str(tmp_path / "harbour-bridge.txt"), "-o", str(tmp_path / "data"))
    run("push", str(tmp_path / "data" / "sentences.jsonl"), "--project", "browser-e2e", "-w", str(tmp_path))
    pid = project_id(tmp_path, "browser-e2e")
    with ls_env.client() as client:
        task = next(t for t in all_tasks(client, pid) if t["data"]["text"] == SENTENCE)
    annotator = ls_env.create_user("annotator")
    ARTIFACTS.mkdir(exist_ok=True)

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{ls_env.url}/user/login/")
    page.fill("input[name=email]", annotator["email"])
    page.fill("input[name=password]", annotator["password"])
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{ls_env.url}/projects/{pid}/data?task={task['id']}")

    # 1. The guidelines are the project's instructions, one click away.
    expect(page.locator(".corpus-sentence")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Instructions").click()
    instructions = page.get_by_text("Annotation guidelines: claims, attributions and figures")
    expect(instructions).to_be_visible()
    expect(page.get_by_text("mark it in the context with")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "instructions.png"))
    page.keyboard.press("Escape")
    expect(instructions).to_be_hidden()

    # 2. Sentence, context, label buttons with their hotkeys, pre-annotated regions.
    expect(page.locator(".corpus-sentence")).to_contain_text(SENTENCE)
    expect(page.locator(".corpus-context").first).to_contain_text("The vote was 9 to 4.")
    for label in label_set().span_labels:
        button = (
            page.locator(".corpus-sentence")
            .locator("xpath=preceding-sibling::*[1]")
            .locator(".lsf-label", has_text=label.name)
        )
        expect(button.locator(".lsf-label__hotkey")).to_have_text(label.hotkey)
    expect(page.locator(".corpus-sentence .htx-highlight[data-label$=':FIGURE']", has_text="18 months")).to_be_visible()
    expect(page.locator(".corpus-sentence .htx-highlight[data-label$=':CUE']", has_text="said")).to_be_visible()
    expect(page.locator(".corpus-sentence .htx-highlight[data-label$=':FIGURE']", has_text="June")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "labeling-before.png"))

    # 3. Label spans with hotkey + mouse selection.
    page.keyboard.press("s")
    select_text(page, ".corpus-sentence", "Mayor Ines Okafor")
    page.keyboard.press("t")
    select_text(page, ".corpus-sentence", "the work would start in June and take 18 months")
    # Four pre-annotated regions (FIGURE June, FIGURE 18 months, CUE said, the CLAIM the rules
    # found) and the two new ones.
    expect(page.locator(".lsf-outliner-item__text")).to_have_count(6)

    # A FIGURE's normalised value, in the fields shown for the selected region: the annotator
    # corrects the pre-filled 18 of "18 months" to 1.5 (as if counting years).
    region(page, "18 months").click()
    value = page.locator(".corpus-figure input[type=number]").first
    expect(value).to_be_visible()
    value.fill("1.5")
    value.press("Enter")
    page.keyboard.press("Escape")

    # An attribution: relation from the SOURCE to the CONTENT, typed "indirect".
    region(page, "Mayor Ines Okafor").click()
    page.locator('[aria-label="Create Relation"]').click()
    region(page, "the work would start in June and take 18 months").click()
    page.locator(".lsf-panel-tabs__tab", has_text="Relations").first.click()
    page.locator(".lsf-relations__item").first.hover()
    page.locator('[aria-label="Show Relation Labels"]').first.click()
    page.get_by_text("Select labels").click()
    page.get_by_text("indirect", exact=True).last.click()
    page.keyboard.press("Escape")

    # Check-worthiness: the rules pre-selected UFS (a schedule whose only figures are a date and a
    # duration, guidelines 4.2); the annotator, who reads the 18 months as a stake, presses 3 (CFS).
    page.keyboard.press("Escape")
    page.screenshot(path=str(ARTIFACTS / "labeling-screen.png"))
    expect(page.locator("input[name=UFS]")).to_be_checked()
    page.keyboard.press("3")
    expect(page.locator("input[name=CFS]")).to_be_checked()
    expect(page.locator("input[name=UFS]")).not_to_be_checked()
    page.locator('[aria-label="Submit current annotation"]').click()
    # Submitted once Label Studio has stored it: asked of the server, with a generous deadline.
    with ls_env.client() as client:
        deadline = time.monotonic() + 60
        while not client.request("GET", f"/api/tasks/{task['id']}/")["annotations"] and time.monotonic() < deadline:
            time.sleep(0.2)
    page.close()

    # 4. Pull gets back exactly what was done in the browser.
    output = tmp_path / "pulled.jsonl"
    result = CliRunner().invoke(
        cli, ["pull", "--project", "browser-e2e", "-w", str(tmp_path), "-o", str(output), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["problems"] == []
    (record,) = [json.loads(line) for line in output.read_text().splitlines()]
    assert record["sentence_id"] == task["data"]["sentence_id"]
    spans = sorted((s["label"], s["text"]) for s in record["spans"])
    # Code-point offsets, counted by hand: the emoji and the space before "Mayor" are two.
    assert sorted((s["start"], s["end"]) for s in record["spans"] if s["label"] in ("SOURCE", "CUE")) == [
        (2, 19),
        (20, 24),
    ]
    assert all(SENTENCE[s["start"] : s["end"]] == s["text"] for s in record["spans"])
    assert spans == sorted(
        [
            ("SOURCE", "Mayor Ines Okafor"),
            ("CUE", "said"),
            ("CONTENT", "the work would start in June and take 18 months"),
            ("FIGURE", "June"),
            ("FIGURE", "18 months"),
            ("CLAIM", SENTENCE.rstrip(".")),  # the accepted pre-annotation
        ]
    )
    by_id = {s["id"]: s for s in record["spans"]}
    (attribution,) = record["attributions"]
    assert by_id[attribution["source"]]["text"] == "Mayor Ines Okafor" and attribution["type"] == "indirect"
    assert by_id[attribution["content"]]["label"] == "CONTENT"
    figures = {f["text"]: f for f in record["figures"]}
    assert (figures["June"]["value"], figures["June"]["kind"]) == (6, "date")  # the accepted pre-annotation
    assert (figures["18 months"]["value"], figures["18 months"]["kind"]) == (1.5, "duration")  # typed in the browser
    assert record["checkworthy"] == "CFS"
    assert annotator["email"] not in output.read_text() and record["annotator"].startswith("ann-")
