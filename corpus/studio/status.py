"""``corpus status``: how far the project is and where its annotators disagree, from one export.

One export snapshot of the project (as ``pull`` reads it) and one task count; nothing is written.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus import defaults
from corpus.labels.progress import Progress
from corpus.schema import label_set
from corpus.studio.client import Client, connect
from corpus.studio.convert import convert_task
from corpus.studio.export import iter_export
from corpus.studio.project import ProjectRef, find_project, known_project
from corpus.workspace import Workspace


@dataclass
class StatusResult:
    """Progress, annotators, agreement so far and the most disputed sentences of a project."""

    project: str
    url: str
    summary: dict[str, Any]
    review: dict[str, Any] | None
    seconds: float

    def line(self) -> str:
        s = self.summary
        tasks, a = s["tasks"], s["agreement"]

        def fmt(value: float | None) -> str:
            return "n/a" if value is None else f"{value:.2f}"

        spans = ", ".join(f"{label} {fmt(v['f1'])}" for label, v in a["spans"].items())
        figures = ", ".join(f"{name} {fmt(a['figures'][name])}" for name in ("value", "unit", "kind", "approx"))
        lines = [
            f"project {self.project}: {tasks['total']} tasks, {tasks['done']} with {tasks['overlap']} or more "
            f"annotations, {tasks['remaining']} remaining; {s['annotations']} annotations, {s['skipped']} skipped",
            "annotators: "
            + (
                ", ".join(
                    f"{x['annotator']} {x['annotations']} (median {x['median_lead_time']} s)" for x in s["annotators"]
                )
                or "none yet"
            ),
            f"span F1: {spans}",
            f"attributions: pair F1 {fmt(a['attributions']['pair_f1'])}, "
            f"type agreement {fmt(a['attributions']['type_agreement'])} on {a['attributions']['matched_pairs']} matched pairs",
            f"figures ({a['figures']['matched']} matched): {figures}",
            f"checkworthy alpha: {fmt(a['checkworthy_alpha'])}",
            f"{s['disagreements']['sentences']} sentences with disagreement"
            + (f"; {self.review['tasks']} in review project {self.review['project']}" if self.review else ""),
        ]
        lines += [f"  {w['score']:.1f}  {', '.join(w['reasons'])}  {w['text'][:70]!r}  {w['link']}" for w in s["worst"]]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "url": self.url,
            **self.summary,
            "review": self.review,
            "seconds": round(self.seconds, 2),
        }


def task_link(project: ProjectRef) -> str:
    return f"{project.url}/projects/{project.id}/data?task={{task}}"


def collect(client: Client, project: ProjectRef, on_task: Any = None) -> Progress:
    """Read the project's export snapshot into a Progress (one pass, nothing kept but readings)."""
    overlap = int(client.project(project.id, ["maximum_annotations"]).get("maximum_annotations") or 1)
    progress = Progress(client.count_tasks(project.id), overlap, task_link(project))
    for task in iter_export(client, project):
        outcome = convert_task(task, project.id, project.key)
        progress.add(
            int(task.get("id") or 0), str((task.get("data") or {}).get("text", "")), outcome.records, outcome.skipped
        )
        if on_task:
            on_task()
    return progress


def review_project_of(workspace: Workspace, client: Client, name: str) -> ProjectRef | None:
    """The review project linked to a project by ``corpus review``, if there is one."""
    entry = workspace.state.get("projects", {}).get(name) or {}
    review = entry.get("review")
    return known_project(workspace, client, review) if review else None


def status(
    *,
    project: str = defaults.PROJECT,
    workspace: Workspace | str | Path | None = None,
    url: str | None = None,
    api_key: str | None = None,
) -> StatusResult:
    """Progress and agreement so far of the workspace's project, from one export snapshot.

    Tasks in all, with enough annotations (the project's overlap) and remaining; per pseudonymous
    annotator the annotations and median lead time; agreement per span label, for attributions,
    figure fields and checkworthy; the sentences with the most disagreement, linked to their tasks.

    Raises:
        NoProject: the project was never pushed from this workspace to this server.
        LabelStudioError: the server refused or could not be reached.
    """
    started = time.perf_counter()
    ws = Workspace.of(workspace)
    label_set()  # a broken schema fails before the export
    with connect(ws, url, api_key) as client:
        ref = find_project(ws, client, project)
        progress = collect(client, ref)
        review = review_project_of(ws, client, project)
        queued = {"project": review.name, "tasks": client.count_tasks(review.id)} if review else None
    return StatusResult(project, ref.web_url, progress.summary(), queued, time.perf_counter() - started)
