"""``corpus pull``: finished annotations out of Label Studio, as schema-valid records.

The project is exported through an export snapshot (studio/export.py: asked for first, streamed,
its tasks converted in a worker process). Annotations are written as they are converted; the
merged view needs all annotations of a sentence, which an export keeps together in their task.
After that, a pull fetches only what changed (``changed_tasks``): what it lists and fetches
from Label Studio grows with the change, not with the project, and the lines of the tasks that did
not change are copied from the files it wrote last (``pull_index``; scripts/bench_loop.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from corpus import defaults
from corpus.ids import same_text
from corpus.jsonl import RecordWriter, atomic_path, compact_json, loads, read_records
from corpus.labels.merge import merge_sentence, unresolved_layers
from corpus.schema import SCHEMA_VERSION
from corpus.studio.client import Client, connect
from corpus.studio.convert import Problem, convert_task
from corpus.studio.export import Export, iter_export, start_export
from corpus.studio.project import ProjectRef, find_project, known_project, project_name
from corpus.studio.pull_index import Copier, FileMark, Outputs, PullIndex, TaskLines
from corpus.workspace import Workspace


@dataclass
class PullResult:
    """What a pull wrote, what it left out (skipped, drafts) and the problems it found."""

    output: Path = Path(defaults.DATA_DIR) / defaults.ANNOTATIONS_FILE
    merged: Path = Path(defaults.DATA_DIR) / defaults.MERGED_FILE
    tasks: int = 0
    annotations: int = 0
    sentences: int = 0
    skipped: int = 0
    drafts: int = 0
    adjudicated: int = 0
    unresolved: int = 0  # sentences whose annotators tied on some label and nobody adjudicated
    problems: list[Problem] = field(default_factory=list)
    orphans: int = 0  # annotations whose sentence is no longer in the current sentences (or changed)
    orphan_tasks: list[int] = field(default_factory=list)
    incremental: bool = False  # only tasks changed since the last pull were fetched
    fetched: int = 0  # tasks fetched from Label Studio by this pull
    removed: int = 0  # tasks gone (or without annotations now) since the last pull
    listed: int = 0  # task versions listed to find what changed (all of them without a watermark)

    def line(self) -> str:
        orphans = ""
        if self.orphans:
            orphans = f", {self.orphans} orphans (their sentence is gone or changed; tasks {_ids(self.orphan_tasks)})"
        how = (
            f" (incremental: {self.fetched} changed {'task' if self.fetched == 1 else 'tasks'} fetched, {self.removed} gone; drafts as of each task's "
            "last fetch: saving a draft changes no task, so a draft saved since shows only with --full)"
            if self.incremental
            else f" (full: {self.fetched} tasks)"
        )
        return (
            f"{self.annotations} annotations on {self.sentences} sentences, {self.skipped} skipped, "
            f"{self.drafts} drafts, {self.adjudicated} adjudicated, {len(self.problems)} problems{orphans} -> {self.output}, {self.merged}{how}"
        ) + (
            f"\n{self.unresolved} {'sentence' if self.unresolved == 1 else 'sentences'} with unresolved ties (left empty, method tie): run corpus review"
            if self.unresolved
            else ""
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "tasks": self.tasks,
            "annotations": self.annotations,
            "sentences": self.sentences,
            "skipped": self.skipped,
            "drafts": self.drafts,
            "adjudicated": self.adjudicated,
            "unresolved_ties": self.unresolved,
            "problems": [str(p) for p in self.problems],
            "output": str(self.output),
            "merged": str(self.merged),
            "orphans": self.orphans,
            "orphan_tasks": sorted(set(self.orphan_tasks)),
            "incremental": self.incremental,
            "fetched": self.fetched,
            "removed": self.removed,
            "listed": self.listed,
            "drafts_need_full": self.incremental,  # a draft saved since the last fetch of its task is not counted
        }


@dataclass
class Moved:
    """What ``studio move`` kept for a moved project: target user id -> source user id, and the
    source's creation and update times by source annotation id (the target's import_id)."""

    annotators: dict[str, Any]
    times: dict[str, list[Any]]
    source_project: int = 0
    record_ids: dict[int, str] = field(default_factory=dict)  # target annotation id -> record id at the source

    @classmethod
    def of(cls, workspace: Workspace, name: str, key: str) -> Moved | None:
        entry = workspace.state.get("projects", {}).get(name) or {}
        path = workspace.path("moved", f"{key}.json")
        if not entry.get("moved_from") or not path.exists():
            return None
        times = json.loads(path.read_text(encoding="utf-8"))
        return cls(entry.get("annotators") or {}, times, int(entry["moved_from"].get("id") or 0))

    def restore(self, task: dict[str, Any]) -> None:
        for annotation in task.get("annotations") or []:
            user = annotation.get("completed_by")
            if isinstance(user, dict):
                user = user.get("id")
            if user is not None and str(user) in self.annotators:
                annotation["completed_by"] = self.annotators[str(user)]
            original = self.times.get(str(annotation.get("import_id")))
            if not original:
                continue
            # The record keeps the id it had at the source (ids are ls-<project>-<annotation>).
            self.record_ids[int(annotation["id"])] = f"ls-{self.source_project}-{annotation['import_id']}"
            created, updated = annotation.get("created_at"), annotation.get("updated_at")
            annotation["created_at"] = original[0]
            if _seconds_apart(created, updated) < 2.0:  # not edited since the move
                annotation["updated_at"] = original[1]


def _seconds_apart(a: Any, b: Any) -> float:
    try:
        first = datetime.fromisoformat(str(a).replace("Z", "+00:00"))
        second = datetime.fromisoformat(str(b).replace("Z", "+00:00"))
    except ValueError:
        return float("inf")
    return abs((second - first).total_seconds())


def _ids(ids: list[int], most: int = 10) -> str:
    unique = sorted(set(ids))
    return ", ".join(str(i) for i in unique[:most]) + (" ..." if len(unique) > most else "")


def adjudications(
    client: Client, review: ProjectRef, main: ProjectRef, problems: list[Problem]
) -> dict[str, dict[str, Any]]:
    """The adjudicator's decision per sentence id: the latest finished annotation of its review task.

    Pseudonyms are the main project's, so that an adjudicator who also annotates has one name.
    """
    decisions: dict[str, dict[str, Any]] = {}
    for task in iter_export(client, review):
        if (task.get("data") or {}).get("main_project") != main.id:
            continue
        outcome = convert_task(task, review.id, main.key)
        problems.extend(outcome.problems)
        for record in outcome.records:
            earlier = decisions.get(record["sentence_id"])
            if earlier is None or (record["updated_at"] or "", record["id"]) > (
                earlier["updated_at"] or "",
                earlier["id"],
            ):
                decisions[record["sentence_id"]] = record
    return decisions


def task_entry(task: dict[str, Any], project: ProjectRef, moved: Moved | None) -> dict[str, Any]:
    """One task's converted records and counts, as the pull cache keeps them."""
    if moved is not None:
        moved.restore(task)
    outcome = convert_task(task, project.id, project.key)
    for record in outcome.records:
        if moved is not None:
            record["id"] = moved.record_ids.get(record["label_studio"]["annotation"], record["id"])
    return {
        "task": int(task["id"]),
        "updated_at": str(task.get("updated_at")),
        "skipped": outcome.skipped,
        "drafts": outcome.drafts,
        "problems": [asdict(p) for p in outcome.problems],
        "records": outcome.records,
    }


# How far before the last look the next listing starts. Label Studio stamps a task's updated_at
# and commits it in one autocommitted UPDATE (no request-wide transaction), which waits at most
# for a database lock (SQLite gives up after 5 s); the margin covers that, and the server's Date
# header (whole seconds) against its database clock. New tasks committed later than this are
# found anyway: the count of tasks up to the last id seen (Watermark) no longer fits.
MARGIN = timedelta(seconds=10)
_HEAD = re.compile(rb'^\{"task":(\d+),"updated_at":"((?:[^"\\]|\\.)*)"')


@dataclass
class Watermark:
    """What the next pull needs to list only what changed (``.corpus/pull/<key>.since.json``):
    when the last look began (``since``, the server's time), and that ``tasks`` tasks had ids up
    to ``last_id`` then (ids only grow: fewer now means deleted tasks, which leave no
    ``updated_at`` behind to list). ``versions`` ties it to the cache it describes: a
    fingerprint of the cache's tasks and their versions, so that a cache and a mark that do not
    belong together (a command killed between writing one and the other) are not used together.

    The next listing starts ``MARGIN`` before ``since``: changes made while the last look ran
    are listed again and, their versions being cached, not fetched again.
    """

    since: str
    last_id: int
    tasks: int
    versions: str

    def start(self) -> str:
        """``since`` less the margin, as the Data Manager's Datetime filter reads it."""
        seen = datetime.fromisoformat(self.since.replace("Z", "+00:00"))
        return (seen - MARGIN).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def fingerprint(versions: dict[int, str]) -> str:
    digest = hashlib.sha256()
    for task in sorted(versions):
        digest.update(f"{task}:{versions[task]}\n".encode())
    return digest.hexdigest()


def latest(stamps: Iterable[str], earlier: str = "") -> str:
    """The latest of ``updated_at`` values (compared as times, not as text)."""
    best, best_time = earlier, _time(earlier)
    for stamp in stamps:
        when = _time(stamp)
        if best_time is None or (when is not None and when > best_time):
            best, best_time = stamp, when
    return best


def _time(stamp: str) -> datetime | None:
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None


class CachedLine(NamedTuple):
    """A task as the pull cache has it: its version and where its line stands in the cache file."""

    task: int
    version: str
    offset: int
    length: int


class CacheWriter:
    """Writes the next pull cache (a binary file): entries fetched anew are serialised, the lines
    of tasks that did not change copied as they are; it keeps each line's length for the index."""

    def __init__(self, cache: PullCache, handle: BinaryIO):
        self.cache, self.handle = cache, handle
        self.copier = Copier(cache.path, handle)
        self.lines: list[tuple[int, str, int]] = []
        handle.write(json.dumps(cache.header).encode("utf-8") + b"\n")

    def keep(self, line: CachedLine) -> None:
        self.copier.add(line.offset, line.length)
        self.lines.append((line.task, line.version, line.length))

    def write(self, entry: dict[str, Any]) -> None:
        self.copier.flush()
        # compact_json: 13 ms for 10,000 tasks against 80 ms for json.dumps
        data = compact_json(entry) + b"\n"
        self.handle.write(data)
        self.lines.append((int(entry["task"]), str(entry["updated_at"]), len(data)))

    def close(self) -> None:
        self.copier.close()

    def save_index(self, outputs: Outputs | None, keep_outputs: bool = False) -> None:
        """The index of the cache just written (and of the outputs written with it; with
        ``keep_outputs``, the outputs the index described before, which were not rewritten)."""
        index = self.cache.index() if keep_outputs else PullIndex()
        index.cache, index.cache_lines = FileMark.of(self.cache.path), self.lines
        if not keep_outputs:
            index.outputs = outputs
        index.save(self.cache.index_path)


class PullCache:
    """What the last pull fetched (``.corpus/pull/<project key>.jsonl``): per task its updated_at,
    converted records and counts, one JSON line each; a header line names the server and project.
    Beside it, the watermark (``Watermark``) from which the next pull lists what changed."""

    def __init__(self, workspace: Workspace, project: ProjectRef):
        self.path = workspace.path("pull", f"{project.key}.jsonl")
        self.mark_path = workspace.path("pull", f"{project.key}.since.json")
        self.header = {"url": project.url, "project": project.id, "schema_version": SCHEMA_VERSION}

    def usable(self) -> bool:
        if not self.path.exists():
            return False
        with open(self.path, encoding="utf-8") as handle:
            try:
                return bool(json.loads(handle.readline()) == self.header)
            except json.JSONDecodeError:
                return False

    def lines(self, index: PullIndex | None = None) -> list[CachedLine]:
        """Every cached task's version and line, in the file's order: from the index (``index``,
        else the one on disk) when it describes the file as it is, else from the head of each line."""
        known = (index or self.index(outputs=False)).cached_lines(self.path)
        if known is not None:
            return [CachedLine(*line) for line in known]
        found: list[CachedLine] = []
        with open(self.path, "rb") as handle:
            offset = len(handle.readline())
            for line in handle:
                head = _HEAD.match(line)
                if head is not None and b"\\" not in head[2]:
                    task, version = int(head[1]), head[2].decode()
                else:
                    entry = loads(line)
                    task, version = int(entry["task"]), str(entry["updated_at"])
                found.append(CachedLine(task, version, offset, len(line)))
                offset += len(line)
        return found

    def entry(self, handle: BinaryIO, line: CachedLine) -> dict[str, Any]:
        """The cached entry on ``line`` (``handle``: the cache file, open for reading)."""
        handle.seek(line.offset)
        entry: dict[str, Any] = loads(handle.read(line.length))
        return entry

    @property
    def index_path(self) -> Path:
        return self.path.with_name(self.path.stem + ".index.json")

    def index(self, outputs: bool = True) -> PullIndex:
        """Where each task's lines stand in the cache and (with ``outputs``) the last pull's files
        (``pull_index``)."""
        return PullIndex.load(self.index_path, outputs)

    def watermark(self, versions: dict[int, str]) -> Watermark | None:
        """The watermark written with these cached versions, else None (then list everything)."""
        try:
            mark = Watermark(**json.loads(self.mark_path.read_text(encoding="utf-8")))
            mark.start()
        except (OSError, ValueError, TypeError):
            return None
        return mark if mark.versions == fingerprint(versions) else None

    def save_watermark(self, mark: Watermark) -> None:
        with atomic_path(self.mark_path) as handle:
            handle.write(json.dumps(asdict(mark)))


def changed_tasks(
    client: Client,
    project: ProjectRef,
    cache: PullCache,
    moved: Moved | None,
    result: PullResult,
    index: PullIndex | None = None,
) -> list[dict[str, Any] | CachedLine]:
    """The cached tasks with the changed ones fetched anew (in the order of task ids where the
    cache has it), gone ones dropped: an entry for each task fetched, a ``CachedLine`` for each
    kept (read only if it is needed). ``index``: the cache's index, when the caller read it already.

    What changed is listed from the watermark (tasks updated since, through the Data Manager's
    filter), after one count has shown that no task up to the last id seen was deleted; without
    a watermark that fits the cache, or after a deletion, every task's version is listed.
    """
    lines = cache.lines(index)
    cached = {line.task: line.version for line in lines}
    mark = cache.watermark(cached)
    census = client.task_census(project.id, mark.last_id if mark is not None else None)
    if mark is not None and census.tasks == mark.tasks:
        versions = client.task_versions(project.id, since=mark.start())
        complete = False
        last_id = max([mark.last_id, *versions])
        tasks = mark.tasks + sum(1 for t in versions if t > mark.last_id)
    else:  # every task's version: also the deleted ones are seen, by their absence
        versions = client.task_versions(project.id)
        complete = True
        last_id, tasks = max(versions, default=0), len(versions)
    since = census.at or latest((v[0] for v in versions.values()), mark.since if mark is not None else "")
    result.listed = len(versions)
    changed = sorted(t for t, (updated, count) in versions.items() if count and cached.get(t) != updated)
    gone = {t for t in cached if (complete and t not in versions) or (t in versions and not versions[t][1])}
    fresh: dict[int, dict[str, Any]] = {}
    for start in range(0, len(changed), 200):
        for task in client.export_tasks(project.id, changed[start : start + 200]):
            if task.get("annotations"):
                fresh[int(task["id"])] = task_entry(task, project, moved)
    result.fetched = len(changed)
    gone |= set(changed) - set(fresh)  # fetched, but without annotations now (or deleted meanwhile)
    final = {t: v for t, v in cached.items() if t not in gone}
    final.update((t, str(e["updated_at"])) for t, e in fresh.items())
    # Written before the entries: a cache left as it was (the command killed before it was
    # replaced) no longer fits this watermark, so the next pull lists everything once.
    cache.save_watermark(Watermark(since or "", last_id, tasks, fingerprint(final)))
    new = sorted(t for t in fresh if t not in cached)
    plan: list[dict[str, Any] | CachedLine] = []
    waiting = 0
    for line in lines:
        while waiting < len(new) and new[waiting] < line.task:  # new tasks in the order of ids
            plan.append(fresh.pop(new[waiting]))
            waiting += 1
        if line.task in fresh:
            plan.append(fresh.pop(line.task))
        elif line.task in gone:
            result.removed += 1  # its annotations (or the task) are gone
        else:
            plan.append(line)
    plan.extend(fresh.pop(t) for t in new[waiting:])
    return plan


def pull_annotations(
    client: Client,
    project: ProjectRef,
    annotations_path: str | Path,
    merged_path: str | Path,
    *,
    sentences_path: str | Path | None = None,
    review: ProjectRef | None = None,
    on_task: Callable[[], None] | None = None,
    moved: Moved | None = None,
    workspace: Workspace | None = None,
    full: bool = True,
) -> PullResult:
    """Write one annotation record per finished annotation and one merged record per sentence.

    With ``sentences_path`` (the current sentences), annotations whose sentence is no longer
    there, or whose text changed, are counted as orphans with their task ids. With a review
    project (see ``corpus review``), an adjudicated sentence's merged record is the
    adjudicator's decision. With ``moved`` (a project that ``studio move`` brought here),
    annotators and times are those of the source. With ``workspace``, what was fetched is kept in
    the pull cache; unless ``full``, a usable cache makes this pull fetch only the tasks changed
    since (``changed_tasks``) and write the outputs from the cache, which gives the same records
    as a full pull: the lines of the tasks that did not change are copied from the files the last
    pull wrote, when they are still those files (``pull_index``), and nothing is written when
    nothing changed.
    """
    result = PullResult(Path(annotations_path), Path(merged_path))
    cache = PullCache(workspace, project) if workspace is not None else None
    result.incremental = cache is not None and not full and cache.usable()
    # Counted before the export reads its tasks: a task deleted after the count is found by the next pull.
    census = client.task_census(project.id) if cache is not None and not result.incremental else None
    # Asked for first: Label Studio builds it (11 s for 10,000 tasks) while the rest is read.
    export = None if result.incremental else start_export(client, project)
    try:
        decided = adjudications(client, review, project, result.problems) if review else {}
        plan: Iterable[dict[str, Any] | CachedLine]
        outputs: Outputs | None = None
        if export is None:
            assert cache is not None
            index = cache.index()
            plan = changed_tasks(client, project, cache, moved, result, index)
            outputs = index.outputs
            # A tie broken in the review project changes no task here: with one, every merged record is made again.
            if outputs is not None and (review or not outputs.usable(result.output, result.merged, sentences_path)):
                outputs = None
            if outputs is not None and _unchanged(plan, outputs):  # nothing to write: the files are these
                for lines in outputs.tasks:
                    _count(result, lines, on_task)
                return result
        else:
            plan = _exported(export, project, moved, result)
        written = _write(plan, outputs, result, cache, decided, sentences_path, on_task)
        if census is not None and cache is not None:  # a full export: the next pull lists from here
            since = census.at or latest(written.values())
            cache.save_watermark(Watermark(since, census.last_id, census.tasks, fingerprint(written)))
    except KeyboardInterrupt:
        if export is not None:
            export.close(wait=0)  # Ctrl-C stops at once
        raise
    finally:
        if export is not None:
            export.close()
    return result


def _unchanged(plan: Iterable[dict[str, Any] | CachedLine], outputs: Outputs) -> bool:
    """Whether every task is kept as the cache has it, and the last pull's files hold them all."""
    kept = [(item.task, item.version) for item in plan if isinstance(item, CachedLine)]
    return kept == [(lines.task, lines.version) for lines in outputs.tasks] and len(kept) == len(list(plan))


def _count(result: PullResult, lines: TaskLines, on_task: Callable[[], None] | None) -> None:
    """A task's counts in the pull's result."""
    result.tasks += 1
    result.skipped += lines.skipped
    result.drafts += lines.drafts
    result.problems.extend(Problem(**p) for p in lines.problems)
    result.annotations += lines.annotations
    result.sentences += lines.annotations > 0
    result.unresolved += lines.unresolved
    result.orphans += lines.orphans
    result.orphan_tasks.extend([lines.task] * lines.orphans)
    if on_task:
        on_task()


def _write(
    plan: Iterable[dict[str, Any] | CachedLine],
    outputs: Outputs | None,
    result: PullResult,
    cache: PullCache | None,
    decided: dict[str, dict[str, Any]],
    sentences_path: str | Path | None,
    on_task: Callable[[], None] | None,
) -> dict[int, str]:
    """Write both files (and the cache and its index): the lines of a task that ``outputs`` holds
    at its version copied from the files it describes, every other task's records converted,
    checked and written. The tasks written, with their versions."""
    current: dict[str, str] | None = None  # the current sentences' texts, read when a record is first converted
    sentences = Path(sentences_path) if sentences_path is not None else None
    sentences_mark = FileMark.of(sentences) if sentences is not None else None
    held = outputs.by_task() if outputs is not None else {}
    written: dict[int, str] = {}
    tasks: list[TaskLines] = []
    with contextlib.ExitStack() as stack:
        annotations = stack.enter_context(RecordWriter(result.output))
        merged = stack.enter_context(RecordWriter(result.merged))
        cache_out = CacheWriter(cache, stack.enter_context(atomic_path(cache.path, "wb"))) if cache else None
        reader = stack.enter_context(open(cache.path, "rb")) if cache and cache.path.exists() else None
        copies = [Copier(result.output, annotations.binary), Copier(result.merged, merged.binary)]
        for item in plan:
            if isinstance(item, CachedLine):
                assert cache_out is not None and reader is not None and cache is not None
                cache_out.keep(item)
                found = held.get(item.task)
                if found is not None and found[0].version == item.version:
                    lines, at_annotations, at_merged = found
                    copies[0].add(at_annotations, lines.annotation_bytes)
                    copies[1].add(at_merged, lines.merged_bytes)
                    _count(result, lines, on_task)
                    tasks.append(lines)
                    written[lines.task] = lines.version
                    continue
                entry = cache.entry(reader, item)
            else:
                entry = item
                if cache_out is not None:
                    cache_out.write(entry)
            for copy in copies:
                copy.flush()
            if current is None and sentences is not None and sentences_mark is not None:
                current = {s["id"]: s["text"] for s in read_records(sentences, record_type="sentence")}
            lines = _entry_lines(entry, annotations, merged, decided, current, result)
            _count(result, lines, on_task)
            tasks.append(lines)
            written[lines.task] = lines.version
        for copy in copies:
            copy.close()
        if cache_out is not None:
            cache_out.close()
    if cache_out is not None:
        kept = Outputs(FileMark.of(result.output), FileMark.of(result.merged), sentences_mark, tasks)  # type: ignore[arg-type]
        cache_out.save_index(None if decided else kept)
    return written


def _entry_lines(
    entry: dict[str, Any],
    annotations: RecordWriter,
    merged: RecordWriter,
    decided: dict[str, dict[str, Any]],
    current: dict[str, str] | None,
    result: PullResult,
) -> TaskLines:
    """Write one task's records and merged record; its lines and counts."""
    records = entry["records"]
    lines = TaskLines(int(entry["task"]), str(entry["updated_at"]), skipped=entry["skipped"], drafts=entry["drafts"])
    lines.problems = entry["problems"]
    for record in records:
        lines.annotation_bytes += annotations.write(record)
        if current is not None and not same_text(current.get(record["sentence_id"], ""), record["sentence_text"]):
            lines.orphans += 1
    lines.annotations = len(records)
    if records:
        decision = decided.get(records[0]["sentence_id"])
        merged_record = merge_sentence(records, decision)
        lines.merged_bytes = merged.write(merged_record)
        result.adjudicated += decision is not None
        lines.unresolved = int(bool(unresolved_layers(merged_record)))
    return lines


def _exported(export: Export, project: ProjectRef, moved: Moved | None, result: PullResult) -> Iterator[dict[str, Any]]:
    """The cache entries of every exported task, converted in a worker process where possible."""
    for entry in export.map(partial(task_entry, project=project, moved=moved)):
        result.fetched += 1
        yield entry


def pull(
    *,
    project: str | None = None,
    output: str | Path = Path(defaults.DATA_DIR) / defaults.ANNOTATIONS_FILE,
    merged: str | Path | None = None,
    workspace: Workspace | str | Path | None = None,
    url: str | None = None,
    api_key: str | None = None,
    on_task: Callable[[], None] | None = None,
    full: bool = False,
) -> PullResult:
    """Fetch the finished annotations of the workspace's project as schema-valid records.

    Incremental: a pull remembers what it fetched (``.corpus/pull/``) and when it looked; the
    next one lists only the tasks updated since (Label Studio's Data Manager filter on
    ``updated_at``), after one count has shown that no task was deleted (else it lists every
    task's update time), fetches only the changed ones (new, changed or deleted annotations;
    deleted tasks are dropped) and writes both files from the cache, byte for byte what a full
    pull writes, copying the lines of the tasks that did not change from the files it wrote last
    (nothing is written when nothing changed; a file edited since is written anew). ``full``
    (``--full``) exports everything again.

    Exports through an export snapshot, keeps finished annotations (skipped ones and drafts
    are counted), pseudonymises annotators, reports problems by task and annotation id, and
    writes one merged record per sentence: the adjudicator's decision where the sentence was
    adjudicated in the review project (``corpus review``), else as ``merge_sentence`` says. Both files are replaced only when complete.

    Args:
        project: the project name used with push.
        output: the annotation records file (one per sentence and annotator).
        merged: the merged records file (default: merged.jsonl beside ``output``).
        workspace: the workspace folder (default: CORPUS_WORKSPACE or the current directory).
        url, api_key: another Label Studio (default: LABEL_STUDIO_URL/LABEL_STUDIO_API_KEY, else the local one).
        on_task: called after each exported task.
        full: export the whole project even if an earlier pull can be brought up to date.

    Raises:
        NoProject: the project was never pushed from this workspace to this server.
        LabelStudioError: the server refused or could not be reached (run again).
    """
    ws = Workspace.of(workspace)
    project = project_name(ws, project)
    output = Path(output)
    with connect(ws, url, api_key) as client:
        ref = find_project(ws, client, project)
        review_name = (ws.state.get("projects", {}).get(project) or {}).get("review")
        review = known_project(ws, client, review_name) if review_name else None
        return pull_annotations(
            client,
            ref,
            output,
            Path(merged) if merged else output.with_name(defaults.MERGED_FILE),
            sentences_path=output.with_name(defaults.SENTENCES_FILE),
            review=review,
            on_task=on_task,
            moved=Moved.of(ws, ref.name, ref.key),
            workspace=ws,
            full=full,
        )
