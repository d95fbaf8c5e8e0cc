"""``corpus report``: one static HTML file for the lead (no server, no script, opens from disk).

Progress, agreement per label, label and figure-kind distributions, annotator contribution and
pairwise agreement (pseudonyms only), the sentences with the most disagreement, and the
annotators' open doubts grouped by guideline section. The charts
are drawn by matplotlib as SVG and inlined, so the file needs nothing else to show them.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.jsonl import atomic_path
from corpus.labels.doubts import DoubtLog
from corpus.results import Result
from corpus.studio.client import connect
from corpus.studio.journal import stale_sentences
from corpus.studio.project import find_project, project_name
from corpus.studio.review import adjudication_progress
from corpus.studio.status import collect, open_doubts, review_project_of, task_link
from corpus.workspace import Workspace

REPORT_FILE = "report.html"
BLUE, GREY, ORANGE = "#3b6ea8", "#c9ced6", "#e08a2c"


@dataclass
class ReportResult(Result):
    """The report file written and the charts in it."""

    path: Path
    charts: list[str]
    seconds: float

    def line(self) -> str:
        return f"report with {len(self.charts)} charts -> {self.path}"


def _svg(draw: Callable[[Any], None], width: float = 6.0, height: float = 3.0) -> str:
    """An SVG element drawn by ``draw(axes)`` with matplotlib (text stays text: fonts of the page)."""
    from matplotlib import rcParams
    from matplotlib.figure import Figure

    rcParams["svg.fonttype"] = "none"
    figure = Figure(figsize=(width, height), layout="constrained")
    axes = figure.subplots()
    draw(axes)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _bars(
    names: list[str], values: list[float | None], *, title: str, limit: float | None = None, color: str = BLUE
) -> Callable[[Any], None]:
    def draw(ax: Any) -> None:
        shown = [0.0 if v is None else v for v in values]
        bars = ax.barh(names, shown, color=[GREY if v is None else color for v in values])
        ax.invert_yaxis()
        ax.set_title(title, fontsize=11)
        if limit is not None:
            ax.set_xlim(min(0.0, *shown), limit)
        for bar, value in zip(bars, values, strict=True):
            label = "n/a" if value is None else (f"{value:.2f}" if limit is not None else f"{value:g}")
            ax.annotate(label, (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(3, 0),
                        textcoords="offset points", va="center", fontsize=8)  # fmt: skip
        ax.spines[["top", "right"]].set_visible(False)

    return draw


def _progress_chart(tasks: dict[str, int]) -> Callable[[Any], None]:
    def draw(ax: Any) -> None:
        parts = [
            ("enough annotations", tasks["done"], BLUE),
            ("started", max(tasks["annotated"] - tasks["done"], 0), ORANGE),
            ("not started", max(tasks["total"] - tasks["annotated"], 0), GREY),
        ]
        left = 0
        for name, n, color in parts:
            ax.barh(["tasks"], [n], left=left, color=color, label=f"{name} ({n})")
            left += n
        ax.set_xlim(0, max(tasks["total"], 1))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=3, frameon=False, fontsize=8)
        ax.set_title(f"{tasks['done']} of {tasks['total']} tasks have {tasks['overlap']}+ annotations", fontsize=11)
        ax.spines[["top", "right"]].set_visible(False)

    return draw


def _pairwise_chart(annotators: list[str], pairwise: list[dict[str, Any]]) -> Callable[[Any], None]:
    import numpy as np

    index = {name: i for i, name in enumerate(annotators)}
    grid = np.full((len(annotators), len(annotators)), np.nan)
    for pair in pairwise:
        a, b = (index[n] for n in pair["annotators"])
        if pair["span_f1"] is not None:
            grid[a, b] = grid[b, a] = pair["span_f1"]

    def draw(ax: Any) -> None:
        image = ax.imshow(grid, vmin=0, vmax=1, cmap="viridis")
        ax.set_xticks(range(len(annotators)), annotators, rotation=30, ha="right", fontsize=8)
        ax.set_yticks(range(len(annotators)), annotators, fontsize=8)
        for i in range(len(annotators)):
            for j in range(len(annotators)):
                if not np.isnan(grid[i, j]):
                    colour = "black" if grid[i, j] > 0.6 else "white"  # readable on viridis
                    ax.text(j, i, f"{grid[i, j]:.2f}", ha="center", va="center", color=colour, fontsize=8)
        ax.figure.colorbar(image, ax=ax, shrink=0.8)
        ax.set_title("pairwise span F1", fontsize=11)

    return draw


def _table(header: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #ddd; padding-bottom: 4px; margin-top: 1.6em; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure.chart { margin: 0; border: 1px solid #e3e3e3; border-radius: 6px; padding: 6px; background: #fff; }
figure.chart svg { display: block; width: 520px; height: auto; }
table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
td, th { border: 1px solid #ddd; padding: 4px 8px; text-align: left; vertical-align: top; }
.muted { color: #666; font-size: 13px; }
"""


def _adjudication_html(adjudication: dict[str, Any] | None) -> str:
    if not adjudication:
        return "Adjudication has not started: <code>corpus review</code> queues them."
    left = adjudication["left"]
    return (
        f"Adjudication in {html.escape(adjudication['review_project'])}: {adjudication['queued']} queued, "
        f"{adjudication['adjudicated']} adjudicated, {left} left"
        + (" (listed below)." if left else "; <code>corpus pull</code> takes the decisions.")
    )


def _doubts_html(doubts: dict[str, Any] | None) -> str:
    """The open doubts, one table per guideline section."""
    if not doubts or not doubts["open"]:
        decided = f" ({doubts['decided']} decided)" if doubts and doubts["decided"] else ""
        return f"<p>No open doubts{decided}.</p>"
    parts = [
        f"<p>{doubts['open']} open doubts on {doubts['tasks']} tasks"
        + (f", {doubts['queued']} of those tasks queued for review" if doubts["queued"] else "")
        + (f"; {doubts['decided']} decided" if doubts["decided"] else "")
        + ". <code>corpus review --doubts</code> queues them in the review project.</p>"
    ]
    for group in doubts["sections"]:
        title = f" {html.escape(group['title'])}" if group["title"] else ""
        parts.append(
            f'<h3 data-section="{html.escape(group["section"])}">§{html.escape(group["section"])}{title} ({len(group["doubts"])})</h3>'
        )
        rows = [
            [
                html.escape(d["annotator"]),
                html.escape(d["doubt"]),
                html.escape(d["text"]),
                f'<a href="{html.escape(d["link"])}">task {d["task"]}</a>' + (" (queued)" if d["queued"] else ""),
            ]
            for d in group["doubts"]
        ]
        parts.append(_table(["annotator", "doubt", "sentence", "open"], rows))
    return "\n".join(parts)


def render_html(
    summary: dict[str, Any],
    *,
    project: str,
    url: str,
    generated: str,
    adjudication: dict[str, Any] | None = None,
    doubts: dict[str, Any] | None = None,
) -> tuple[str, list[str]]:
    """The report page for a status summary (see ``corpus.labels.progress``) and its chart names;
    ``adjudication``: the review project's progress (``Adjudication.to_dict()``), if there is one;
    ``doubts``: the open doubts by guideline section (``status.open_doubts``)."""
    a = summary["agreement"]
    charts: dict[str, str] = {}
    charts["progress"] = _svg(_progress_chart(summary["tasks"]), height=1.8)
    labels = list(a["spans"])
    charts["span-agreement"] = _svg(
        _bars(labels, [a["spans"][n]["f1"] for n in labels], title="span F1 per label", limit=1.0)
    )
    other = {
        "attribution pairs (F1)": a["attributions"]["pair_f1"],
        "attribution type": a["attributions"]["type_agreement"],
        **{f"figure {name}": a["figures"][name] for name in ("value", "unit", "kind", "approx")},
        "checkworthy (alpha)": a["checkworthy_alpha"],
    }
    charts["other-agreement"] = _svg(
        _bars(list(other), list(other.values()), title="attributions, figures, checkworthy", limit=1.0)
    )
    dist = summary["distributions"]
    charts["labels"] = _svg(
        _bars(list(dist["labels"]), list(dist["labels"].values()), title="spans per label (all annotations)")
    )
    charts["figure-kinds"] = _svg(
        _bars(list(dist["figure_kinds"]), list(dist["figure_kinds"].values()), title="figure kinds", color=ORANGE)
    )
    people = summary["annotators"]
    charts["annotators"] = _svg(
        _bars([p["annotator"] for p in people], [p["annotations"] for p in people], title="annotations per annotator")
    )
    if len(people) >= 2:
        names = sorted(p["annotator"] for p in people)
        charts["pairwise"] = _svg(_pairwise_chart(names, a["pairwise"]), width=5.5, height=4.2)

    def chart(name: str) -> str:
        return f'<figure class="chart" data-chart="{name}">{charts[name]}</figure>' if name in charts else ""

    tasks = summary["tasks"]
    worst_rows = [
        [
            f"{w['score']:.2f}",
            html.escape(", ".join(w["reasons"])),
            html.escape(w["text"]),
            ", ".join(html.escape(n) for n in w["annotators"]),
            f'<a href="{html.escape(w["link"])}">task {w["task"]}</a>',
        ]
        for w in summary["worst"]
    ]
    left_rows = [
        [html.escape(str(t["text"])), f'<a href="{html.escape(t["link"])}">review task {t["task"]}</a>']
        for t in (adjudication or {}).get("left_tasks", [])
    ]
    pair_rows = [
        [html.escape(" / ".join(p["annotators"])), p["sentences"], _fmt(p["span_f1"]), _fmt(p["checkworthy_agreement"])]
        for p in a["pairwise"]
    ]
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>corpus report: {html.escape(project)}</title>
<style>{_STYLE}</style></head><body>
<h1>Annotation report: {html.escape(project)}</h1>
<p class="muted">Generated {html.escape(generated)} from one export of <a href="{html.escape(url)}">{html.escape(url)}</a>.
Annotators are shown by pseudonym only.</p>
<h2>Progress</h2>
<p>{tasks["total"]} tasks; {tasks["done"]} with {tasks["overlap"]} or more annotators; {tasks["remaining"]} remaining;
{summary["annotations"]} annotations, {summary["skipped"]} skipped.</p>
<div class="charts">{chart("progress")}</div>
<h2>Agreement</h2>
<p>Between every two annotators of a sentence ({a["sentences_compared"]} sentences, {a["annotator_pairs"]} pairs):
exact span F1 per label; F1 of (source, content) pairs and type agreement on matched pairs
({a["attributions"]["matched_pairs"]}); value, unit, kind and approximation on matched figures
({a["figures"]["matched"]}); Krippendorff's alpha for checkworthy.</p>
<div class="charts">{chart("span-agreement")}{chart("other-agreement")}</div>
<h2>Distributions</h2>
<div class="charts">{chart("labels")}{chart("figure-kinds")}</div>
<h2>Annotators</h2>
{_table(["annotator", "annotations", "median lead time (s)"], [[html.escape(p["annotator"]), p["annotations"], p["median_lead_time"]] for p in people])}
<div class="charts">{chart("annotators")}{chart("pairwise")}</div>
{_table(["pair", "sentences", "span F1", "checkworthy agreement"], pair_rows)}
<h2>Sentences with the most disagreement</h2>
<p>{summary["disagreements"]["sentences"]} sentences with disagreement. {_adjudication_html(adjudication)}</p>
{_table(["score", "on", "sentence", "annotators", "open"], worst_rows)}
{_table(["left to adjudicate", "open"], left_rows) if left_rows else ""}
<h2>Open doubts by guideline section</h2>
{_doubts_html(doubts)}
</body></html>
"""
    return page, list(charts)


def report(
    *,
    project: str | None = None,
    output: str | Path = REPORT_FILE,
    workspace: Workspace | str | Path | None = None,
    url: str | None = None,
    api_key: str | None = None,
) -> ReportResult:
    """Write a static HTML report of the project's progress and agreement (read as ``status``
    reads it: the pull cache and the tasks changed since, else one export snapshot).

    Raises:
        NoProject: the project was never pushed from this workspace to this server.
        LabelStudioError: the server refused or could not be reached.
    """
    started = time.perf_counter()
    ws = Workspace.of(workspace)
    project = project_name(ws, project)
    with ws.lock("corpus report"), connect(ws, url, api_key) as client:
        ref = find_project(ws, client, project)
        log = DoubtLog(task_link(ref))
        summary = collect(client, ref, stale=stale_sentences(ws, ref.key), workspace=ws, doubts=log).summary()
        review = review_project_of(ws, client, project)
        progress = adjudication_progress(client, review) if review else None
        adjudication = progress.to_dict() if progress else None
    generated = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    page, charts = render_html(
        summary,
        project=project,
        url=ref.web_url,
        generated=generated,
        adjudication=adjudication,
        doubts=open_doubts(log, progress),
    )
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as handle:
        handle.write(page)
    return ReportResult(path, charts, time.perf_counter() - started)
