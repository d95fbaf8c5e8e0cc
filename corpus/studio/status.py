"""``corpus status``: how far the project is and where its annotators disagree.

Where a pull left its cache, the cache with the tasks changed since fetched (and written back
for the next pull, as a pull would); each task's tally (``progress.TaskTally``) is kept beside it,
so that a look works out again only the tasks changed since the last one. Without a pull cache,
one export snapshot of the project (as ``pull`` reads it), and nothing is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import pickle
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.jsonl import atomic_path, compact_json, loads
from corpus.labels import agreement as agreement_module
from corpus.labels import doubts as doubt_lines
from corpus.labels import progress as progress_module
from corpus.labels import scoring as scoring_module
from corpus.labels.doubts import DoubtLog, FoundDoubt
from corpus.labels.progress import WORST, Progress, TaskTally, tally
from corpus.schema import SCHEMA_VERSION, label_set
from corpus.studio.client import Client, connect
from corpus.studio.convert import convert_task
from corpus.studio.export import iter_export
from corpus.studio.journal import stale_sentences
from corpus.studio.project import ProjectRef, current_guidelines, find_project, known_project, project_name
from corpus.studio.pull import CachedLine, CacheWriter, Moved, PullCache, PullResult, changed_tasks, fingerprint
from corpus.studio.review import Adjudication, adjudication_progress
from corpus.studio.server import workspace_advice
from corpus.workspace import Workspace, read_pickle


@dataclass
class StatusResult:
    """Progress, annotators, agreement so far and the most disputed sentences of a project."""

    project: str
    url: str
    summary: dict[str, Any]
    review: dict[str, Any] | None
    seconds: float
    doubts: dict[str, Any] | None = None  # open doubts by guideline section (DoubtLog.summary)
    advice: str | None = None  # when the local server's shape no longer suits the team (server.shape_advice)

    def line(self) -> str:
        s = self.summary
        tasks, a = s["tasks"], s["agreement"]

        def fmt(value: float | None) -> str:
            return "n/a" if value is None else f"{value:.2f}"

        spans = ", ".join(f"{label} {fmt(v['f1'])}" for label, v in a["spans"].items())
        figures = ", ".join(f"{name} {fmt(a['figures'][name])}" for name in ("value", "unit", "kind", "approx"))
        stale = (
            f" ({tasks['stale']} stale {'task' if tasks['stale'] == 1 else 'tasks'} of sentences no longer pushed "
            "not counted)"
            if tasks.get("stale")
            else ""
        )
        repeated = tasks.get("repeated") or 0
        twice = (
            f"; {repeated} {'task' if repeated == 1 else 'tasks'} where one account submitted more than once "
            "(its latest annotation counts, once)"
            if repeated
            else ""
        )
        lines = [
            f"project {self.project}: {tasks['total']} tasks, {tasks['done']} with {tasks['overlap']} or more "
            f"annotators, {tasks['remaining']} remaining{stale}; {s['annotations']} annotations, {s['skipped']} skipped"
            f"{twice}",
            "annotators: "
            + (
                ", ".join(
                    f"{x['annotator']} {x['annotations']} (median {x['median_lead_time']} s)" for x in s["annotators"]
                )
                or "none yet"
            ),
            "agreement so far, between pairs of annotators on the sentences both did (1 = identical):",
            f"  span F1 (exact spans, per label): {spans}",
            f"  attributions: pair F1 {fmt(a['attributions']['pair_f1'])} (same SOURCE and CONTENT), "
            f"type agreement {fmt(a['attributions']['type_agreement'])} on {a['attributions']['matched_pairs']} matched pairs",
            f"  figures, share of equal fields on the {a['figures']['matched']} spans both marked: {figures}",
            f"  check-worthiness: Krippendorff's alpha {fmt(a['checkworthy_alpha'])} (1 = perfect, 0 = chance level)",
            f"{s['disagreements']['sentences']} sentences with disagreement",
        ]
        adjudication = self.review.get("adjudication") if self.review else None
        if adjudication:
            lines.append(
                f"adjudication: {adjudication['queued']} disputes queued in {adjudication['review_project']}, "
                f"{adjudication['adjudicated']} adjudicated, {adjudication['left']} left"
                + ("" if adjudication["left"] else " (corpus pull takes the decisions)")
            )
        elif s["disagreements"]["sentences"]:
            lines.append("adjudication: not started (corpus review queues the disputes)")
        worst = s["worst"]
        if worst:
            shown = "all" if len(worst) == s["disagreements"]["sentences"] else f"top {len(worst)}"
            more = "" if shown == "all" else "; --top N or --all for more"
            lines.append(f"disputed sentences ({shown}{more}):")
            lines.append(f"  {'score':>5}  {'disagree on':<28}  {'sentence':<72}  task")
            lines += [
                f"  {w['score']:5.1f}  {', '.join(w['reasons'])[:28]:<28}  {w['text'][:70]!r:<72}  {w['link']}"
                for w in worst
            ]
        if adjudication and adjudication["left_tasks"]:
            lines.append("left to adjudicate:")
            lines += [f"  {t['text'][:70]!r}  {t['link']}" for t in adjudication["left_tasks"][: len(worst) or WORST]]
        if self.doubts:
            lines += doubt_lines.lines(self.doubts)
        return "\n".join(lines + ([self.advice] if self.advice else []))

    def to_dict(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "url": self.url,
            **self.summary,
            "review": self.review,
            "doubts": self.doubts,
            "advice": self.advice,
            "seconds": round(self.seconds, 2),
        }


def task_link(project: ProjectRef) -> str:
    return f"{project.url}/projects/{project.id}/data?task={{task}}"


def collect(
    client: Client,
    project: ProjectRef,
    on_task: Any = None,
    stale: set[str] | None = None,
    workspace: Workspace | None = None,
    doubts: DoubtLog | None = None,
) -> Progress:
    """Read the project into a Progress (one pass, nothing kept but readings).

    With ``workspace`` and a usable pull cache (``corpus pull`` made one), only the tasks changed
    since are fetched and the cache is brought up to date, as an incremental pull does; without,
    one export snapshot is read. Both give the same figures. ``stale``: sentence ids no longer
    pushed (``journal.stale_sentences``): their tasks are left out of the counts, since nobody is
    to annotate them and their annotations are orphans. ``doubts``: collects the annotators'
    doubts (comment lines naming a guideline section) of the same tasks.
    """
    overlap = int(client.project(project.id, ["maximum_annotations"]).get("maximum_annotations") or 1)
    progress = Progress(client.count_tasks(project.id), overlap, task_link(project))
    cache = PullCache(workspace, project) if workspace is not None else None
    if cache is not None and cache.usable():
        _collect_cached(client, project, cache, progress, stale or set(), workspace, on_task, doubts)
        return progress
    for task in iter_export(client, project):
        if stale and (task.get("data") or {}).get("sentence_id") in stale:
            progress.add_stale()
            continue
        outcome = convert_task(task, project.id, project.key)
        task_id, text = int(task.get("id") or 0), str((task.get("data") or {}).get("text", ""))
        progress.add(task_id, text, outcome.records, outcome.skipped)
        if doubts is not None:
            doubts.add(task_id, text, outcome.records)
        if on_task:
            on_task()
    return progress


def _collect_cached(
    client: Client,
    project: ProjectRef,
    cache: PullCache,
    progress: Progress,
    stale: set[str],
    workspace: Workspace | None,
    on_task: Any,
    doubts: DoubtLog | None = None,
) -> None:
    """The pull cache with the changed tasks fetched anew (and written back, for the next pull);
    the tallies of the tasks not changed since the last status are taken as they were kept."""
    moved = Moved.of(workspace, project.name, project.key) if workspace is not None else None
    counts = PullResult()
    for _ in stale:
        progress.add_stale()  # the cache holds only annotated tasks: the stale are counted from the push
    plan = changed_tasks(client, project, cache, moved, counts)
    tallies = Tallies(cache)
    changed = bool(counts.removed) or any(not isinstance(item, CachedLine) for item in plan)
    versions = _versions(plan)
    if not changed:
        # The same tasks at the same versions as at a look that kept its sums: those sums.
        summed = tallies.load_sums(progress, stale, versions)
        if summed is not None:
            progress.add_sums(summed[0])
            if doubts is not None:
                doubts.found.extend(summed[1])
            return
    kept = tallies.load()
    lines: list[bytes] = []
    made = 0  # tallies made anew
    with contextlib.ExitStack() as stack:
        reader = stack.enter_context(open(cache.path, "rb"))
        writer = CacheWriter(cache, stack.enter_context(atomic_path(cache.path, "wb"))) if changed else None
        for item in plan:
            found = Tallies.of(kept, item) if isinstance(item, CachedLine) else None
            if found is not None:
                task, line = found
                lines.append(line)
            else:
                entry = cache.entry(reader, item) if isinstance(item, CachedLine) else item
                records = entry["records"]
                text = records[0]["sentence_text"] if records else ""
                task = tally(int(entry["task"]), text, records, int(entry["skipped"]))
                lines.append(Tallies.line(task, str(entry["updated_at"])))
                made += 1
            if writer is not None:
                if isinstance(item, CachedLine):
                    writer.keep(item)
                else:
                    writer.write(item)
            if task.sentence_id is not None and task.sentence_id in stale:
                continue
            progress.add_tally(task)
            if doubts is not None and task.comments:
                doubts.add(task.task, task.text, task.comments)
            if on_task:
                on_task()
        if writer is not None:
            writer.close()
    if writer is not None:
        # The last pull's files are as they were: the next pull copies what they hold of tasks not changed since.
        writer.save_index(None, keep_outputs=True)
    if made or len(lines) != len(kept):
        tallies.save(lines)
    tallies.save_sums(progress, stale, versions, doubts.found if doubts is not None else [])


def _versions(plan: list[dict[str, Any] | CachedLine]) -> str:
    """A digest of the tasks and their versions (``pull.fingerprint``)."""
    return fingerprint(
        {item.task: item.version for item in plan if isinstance(item, CachedLine)}
        | {int(item["task"]): str(item["updated_at"]) for item in plan if not isinstance(item, CachedLine)}
    )


class Tallies:
    """Each cached task's tally (``progress.TaskTally``) as the last status made it, with the
    version of the task it was made from (``.corpus/pull/<key>.tally.jsonl``). A header line names
    the code that made them: tallies made by other code are made again."""

    def __init__(self, cache: PullCache):
        self.path = cache.path.with_name(cache.path.stem + ".tally.jsonl")
        self.sums_path = cache.path.with_name(cache.path.stem + ".sums.pickle")
        code = hashlib.sha256(SCHEMA_VERSION.encode())
        for module in (progress_module, agreement_module, scoring_module):
            code.update(Path(inspect.getfile(module)).read_bytes())
        self.header = compact_json({"tallies": code.hexdigest()}) + b"\n"

    @staticmethod
    def line(task: TaskTally, version: str) -> bytes:
        return compact_json({"task": task.task, "version": version, "tally": task.to_json()}) + b"\n"

    def load(self) -> dict[int, tuple[str, bytes]]:
        """Task id -> (its version, its line), when the tallies were made by this code."""
        found: dict[int, tuple[str, bytes]] = {}
        try:
            with open(self.path, "rb") as handle:
                if handle.readline() != self.header:
                    return {}
                for line in handle:
                    head = _HEAD.match(line)
                    if head is None or b"\\" in head[2]:
                        data = loads(line)
                        found[int(data["task"])] = (str(data["version"]), line)
                    else:
                        found[int(head[1])] = (head[2].decode(), line)
        except (OSError, ValueError, KeyError, TypeError):
            return {}
        return found

    @staticmethod
    def of(kept: dict[int, tuple[str, bytes]], line: CachedLine) -> tuple[TaskTally, bytes] | None:
        """The tally kept of the task on ``line``, with its line, if it was made from that version
        of the task (and can be read)."""
        found = kept.get(line.task)
        if found is None or found[0] != line.version:
            return None
        try:
            return TaskTally.of_json(loads(found[1])["tally"]), found[1]
        except (ValueError, KeyError, TypeError):
            return None  # made again

    def save(self, lines: list[bytes]) -> None:
        with atomic_path(self.path, "wb") as handle:
            handle.write(self.header)
            for line in lines:
                handle.write(line)

    def _sums_key(self, progress: Progress, stale: set[str], versions: str) -> list[Any]:
        """What the sums of the tallies depend on: the code, the tasks and their versions, the
        overlap, the link, the stale sentences."""
        stale_digest = hashlib.sha256("\n".join(sorted(stale)).encode()).hexdigest()
        return [self.header, versions, progress.overlap, progress.task_link, stale_digest]

    def load_sums(
        self, progress: Progress, stale: set[str], versions: str
    ) -> tuple[dict[str, Any], list[FoundDoubt]] | None:
        """The sums (``Progress.sums``) and doubts the last look kept, if it looked at these tasks
        at these versions (``versions``: their digest)."""
        kept = read_pickle(self.sums_path)
        try:
            if kept["key"] != self._sums_key(progress, stale, versions):
                return None
            return kept["sums"], kept["doubts"]
        except (KeyError, TypeError):  # (nothing kept, or not the sums)
            return None

    def save_sums(self, progress: Progress, stale: set[str], versions: str, doubts: list[FoundDoubt]) -> None:
        """Keep the sums of the tallies (a look with nothing changed reads them instead of the tallies)."""
        kept = {"key": self._sums_key(progress, stale, versions), "sums": progress.sums(), "doubts": doubts}
        with atomic_path(self.sums_path, "wb") as handle:
            handle.write(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))


_HEAD = re.compile(rb'^\{"task":(\d+),"version":"((?:[^"\\]|\\.)*)"')


def review_project_of(workspace: Workspace, client: Client, name: str) -> ProjectRef | None:
    """The review project linked to a project by ``corpus review``, if there is one."""
    entry = workspace.state.get("projects", {}).get(name) or {}
    review = entry.get("review")
    return known_project(workspace, client, review) if review else None


def status(
    *,
    project: str | None = None,
    top: int | None = WORST,
    workspace: Workspace | str | Path | None = None,
    url: str | None = None,
    api_key: str | None = None,
) -> StatusResult:
    """Progress and agreement so far of the workspace's project, from the pull cache and the tasks
    changed since (one export snapshot when there is no pull cache).

    Tasks in all, with enough annotations (the project's overlap) and remaining; per pseudonymous
    annotator the annotations and median lead time; agreement per span label, for attributions,
    figure fields and checkworthy; the ``top`` sentences with the most disagreement (None: all),
    linked to their tasks; once ``corpus review`` made a review project, how many disputes
    are adjudicated and which are left; and the annotators' open doubts (comment lines naming a
    guideline section, not yet decided in the review project) grouped by section, with the
    pseudonym, the unit and a link. Tasks of stale sentences (no longer pushed) are not counted.

    Raises:
        NoProject: the project was never pushed from this workspace to this server.
        LabelStudioError: the server refused or could not be reached.
    """
    started = time.perf_counter()
    ws = Workspace.of(workspace)
    project = project_name(ws, project)
    label_set()  # a broken schema fails before the export
    # The lock: status brings the pull cache up to date, which a pull must not do at the same time.
    with ws.lock("corpus status"), connect(ws, url, api_key) as client:
        ref = find_project(ws, client, project)
        doubts = DoubtLog(task_link(ref))
        progress = collect(client, ref, stale=stale_sentences(ws, ref.key), workspace=ws, doubts=doubts)
        review = review_project_of(ws, client, project)
        queued = None
        adjudication = None
        if review:
            adjudication = adjudication_progress(client, review)
            queued = {"project": review.name, "tasks": adjudication.queued, "adjudication": adjudication.to_dict()}
    summary = progress.summary(top)
    advice = workspace_advice(ws, len(summary["annotators"])) if client.connection.managed else None
    return StatusResult(
        project,
        ref.web_url,
        summary,
        queued,
        time.perf_counter() - started,
        open_doubts(doubts, adjudication),
        advice,
    )


def open_doubts(doubts: DoubtLog, adjudication: Adjudication | None) -> dict[str, Any]:
    """The doubts not yet decided in the review project, grouped by guideline section (with the
    sections' titles from the guidelines pushed now)."""
    decided = adjudication.decided_sentences if adjudication else set()
    queued = set(adjudication.queued_sentences) - decided if adjudication else set()
    return doubts.summary(decided, queued, current_guidelines().titles())
