"""How far the annotation is and where annotators disagree (pure: fed one task at a time).

``Progress`` takes each annotated task's annotation records (from ``convert_task``) as a
``TaskTally``: what the status, the report and the review queue need of it (per-annotator counts
and lead times, label distributions, the agreement sums of its annotator pairs and its
disagreement). A tally is plain JSON, so that a status can keep the tallies of the tasks that did
not change since the last one and convert only the changed ones (``studio/status.py``).

Agreement is summed over the annotator pairs of each task, as ``agreement`` sums them over the
pairs of each sentence: a sentence is one task (a sentence pushed twice is two tasks, and its
annotators are compared within each).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from corpus.labels.agreement import (
    AgreementSummary,
    Disagreement,
    add_pairs,
    nominal_alpha,
    pairwise_rows,
    reading,
    sentence_disagreement,
)
from corpus.labels.scoring import Counts

WORST = 10  # sentences listed with the most disagreement


@dataclass(frozen=True)
class DisputedSentence:
    """A sentence whose annotators disagree, with the task to open."""

    sentence_id: str
    text: str
    task: int
    link: str
    disagreement: Disagreement

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence_id": self.sentence_id,
            "text": self.text,
            "task": self.task,
            "link": self.link,
            "reasons": self.disagreement.reasons,
            "score": round(self.disagreement.score, 3),
            "annotators": self.disagreement.annotators,
        }


@dataclass
class TaskTally:
    """What one task adds to the status, as plain JSON values (``to_json`` / ``of_json``)."""

    task: int
    sentence_id: str | None  # of its records (None: no finished annotation)
    text: str
    skipped: int = 0
    people: int = 0  # distinct annotators (one account twice is one)
    annotators: list[list[Any]] = field(default_factory=list)  # [pseudonym, lead time or None] per record
    labels: dict[str, int] = field(default_factory=dict)  # span labels marked
    kinds: dict[str, int] = field(default_factory=dict)  # figure kinds ("(none)": none given)
    checkworthy: dict[str, int] = field(default_factory=dict)  # classes given ("(none)": none)
    values: list[str | None] = field(default_factory=list)  # the class of each record (for alpha)
    counts: dict[str, int] = field(default_factory=dict)  # ``Counts`` summed over its annotator pairs, flat
    pairs: dict[str, list[int]] = field(default_factory=dict)  # "a\tb" -> sentences, 2 x matches, spans, same, both
    disputed: dict[str, Any] | None = None  # its ``Disagreement`` (reasons, score, annotators)
    comments: list[dict[str, Any]] = field(default_factory=list)  # records with a comment (doubts)

    def to_json(self) -> dict[str, Any]:
        """Its fields but those left at their defaults (most tasks hold no dispute and no comment),
        and the text only where a dispute or a doubt shows it."""
        data = {name: value for name, value in vars(self).items() if value or name in ("task", "sentence_id")}
        if not (self.disputed or self.comments):
            data.pop("text", None)
        return data

    @classmethod
    def of_json(cls, data: dict[str, Any]) -> TaskTally:
        return cls(**{"text": "", **data})


def tally(task_id: int, text: str, records: list[dict[str, Any]], skipped: int = 0) -> TaskTally:
    """One exported task's tally: its finished annotation records and how many were skipped."""
    found = TaskTally(task_id, records[0]["sentence_id"] if records else None, text, skipped)
    found.people = len({r["annotator"] for r in records})  # one account twice is one annotator (merge votes once)
    labels: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    for record in records:
        lead = record.get("lead_time")
        found.annotators.append([record["annotator"], float(lead) if isinstance(lead, (int, float)) else None])
        labels.update(s["label"] for s in record["spans"])
        kinds.update(f["kind"] or "(none)" for f in record["figures"])
        classes[record["checkworthy"] or "(none)"] += 1
        if record.get("comment"):
            found.comments.append(
                {"annotator": record["annotator"], "sentence_id": record["sentence_id"], "comment": record["comment"]}
            )
    found.labels, found.kinds, found.checkworthy = dict(labels), dict(kinds), dict(classes)
    readings = [reading(r) for r in records]
    found.values = [r.checkworthy for r in readings]
    total = Counts()
    per_pair: dict[tuple[str, str], list[int]] = {}
    add_pairs(readings, total, per_pair)  # as ``agreement`` sums a sentence's pairs
    found.pairs = {f"{a}\t{b}": sums for (a, b), sums in per_pair.items()}
    found.counts = total.to_flat()
    disagreement = sentence_disagreement(readings) if found.people >= 2 else None
    if disagreement is not None:
        found.disputed = {
            "reasons": disagreement.reasons,
            "score": disagreement.score,
            "annotators": disagreement.annotators,
        }
    return found


def _pair(key: str) -> tuple[str, str]:
    """The two pseudonyms of a ``TaskTally.pairs`` key."""
    first, _, second = key.partition("\t")
    return first, second


# What ``Progress.add_tally`` adds up (``Progress.sums``).
_SUMMED = (
    "done",
    "annotated_tasks",
    "skipped",
    "lead_times",
    "counts",
    "label_counts",
    "figure_kinds",
    "checkworthy",
    "disputed",
    "repeated",
    "agreement_counts",
    "pairs",
    "compared",
    "units",
)


@dataclass
class Progress:
    """Accumulates tasks; ``summary()`` gives the numbers for status and report."""

    total_tasks: int
    overlap: int
    task_link: str = "{task}"  # format string for a task's link in Label Studio
    done: int = 0
    annotated_tasks: int = 0
    skipped: int = 0
    lead_times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    counts: Counter[str] = field(default_factory=Counter)
    label_counts: Counter[str] = field(default_factory=Counter)
    figure_kinds: Counter[str] = field(default_factory=Counter)
    checkworthy: Counter[str] = field(default_factory=Counter)
    disputed: list[DisputedSentence] = field(default_factory=list)
    stale: int = 0  # tasks of sentences no longer in the sentences file: not counted as work
    repeated: int = 0  # tasks where one account submitted more than once (its latest counts)
    agreement_counts: Counter[str] = field(default_factory=Counter)  # every task's pairs' ``Counts``, flat
    pairs: dict[str, list[int]] = field(default_factory=dict)  # per pair of annotators (``TaskTally.pairs``)
    compared: int = 0  # tasks with two or more annotators
    units: list[list[str | None]] = field(default_factory=list)  # each task's classes, for alpha

    def add_stale(self) -> None:
        """A task whose sentence is stale: out of the totals (its annotations are orphans)."""
        self.stale += 1
        self.total_tasks -= 1

    def add(self, task_id: int, text: str, records: list[dict[str, Any]], skipped: int = 0) -> Disagreement | None:
        """One exported task: its finished annotation records and how many were skipped."""
        return self.add_tally(tally(task_id, text, records, skipped))

    def add_tally(self, task: TaskTally) -> Disagreement | None:
        """One task, as ``tally`` made it (now or at an earlier status)."""
        self.skipped += task.skipped
        records = len(task.annotators)
        if records:
            self.annotated_tasks += 1
        if task.people >= self.overlap:
            self.done += 1
        if task.people < records:
            self.repeated += 1
        for annotator, lead_time in task.annotators:
            self.counts[annotator] += 1
            if lead_time is not None:
                self.lead_times[annotator].append(lead_time)
        self.label_counts.update(task.labels)
        self.figure_kinds.update(task.kinds)
        self.checkworthy.update(task.checkworthy)
        self.agreement_counts.update(task.counts)
        for pair, sums in task.pairs.items():
            entry = self.pairs.get(pair)
            if entry is None:
                self.pairs[pair] = list(sums)
            else:
                for i, value in enumerate(sums):
                    entry[i] += value
        self.compared += task.people >= 2
        self.units.append(task.values)
        if task.disputed is None or task.sentence_id is None:
            return None
        found = Disagreement(
            task.sentence_id, task.disputed["reasons"], task.disputed["score"], task.disputed["annotators"]
        )
        link = self.task_link.format(task=task.task)
        self.disputed.append(DisputedSentence(task.sentence_id, task.text, task.task, link, found))
        return found

    def sums(self) -> dict[str, Any]:
        """What the tasks added so far (not the totals it was given, nor the stale tasks): to keep,
        and to give to a new Progress of the same overlap and link with ``add_sums``."""
        sums = {name: getattr(self, name) for name in _SUMMED}
        sums["lead_times"] = dict(self.lead_times)
        return sums

    def add_sums(self, sums: dict[str, Any]) -> None:
        """The tasks of ``sums`` (``sums()`` of another Progress), to a Progress no task was added to."""
        for name in _SUMMED:
            setattr(self, name, sums[name])
        self.lead_times = defaultdict(list, sums["lead_times"])

    def agreement(self) -> AgreementSummary:
        """Every agreement measure over the tasks added (``agreement`` of their readings)."""
        pairwise = pairwise_rows({_pair(key): sums for key, sums in self.pairs.items()})
        counts = Counts.of_flat(self.agreement_counts)
        return AgreementSummary(counts, nominal_alpha(self.units), self.compared, pairwise)

    def summary(self, top: int | None = WORST) -> dict[str, Any]:
        """The numbers for status and report; ``top`` disputed sentences listed (None: all of them)."""
        worst = sorted(self.disputed, key=lambda d: (-d.disagreement.score, d.sentence_id))[:top]
        reasons = Counter(reason for d in self.disputed for reason in d.disagreement.reasons)
        return {
            "tasks": {
                "total": self.total_tasks,
                "overlap": self.overlap,
                "annotated": self.annotated_tasks,
                "done": self.done,
                "remaining": max(self.total_tasks - self.done, 0),
                "stale": self.stale,
                "repeated": self.repeated,
            },
            "annotations": sum(self.counts.values()),
            "skipped": self.skipped,
            "annotators": [
                {
                    "annotator": name,
                    "annotations": n,
                    "median_lead_time": round(statistics.median(self.lead_times[name]), 1)
                    if self.lead_times.get(name)
                    else None,
                }
                for name, n in sorted(self.counts.items(), key=lambda item: (-item[1], item[0]))
            ],
            "agreement": self.agreement().to_dict(),
            "disagreements": {"sentences": len(self.disputed), "by_reason": dict(sorted(reasons.items()))},
            "worst": [d.to_dict() for d in worst],
            "distributions": {
                "labels": dict(sorted(self.label_counts.items())),
                "figure_kinds": dict(sorted(self.figure_kinds.items())),
                "checkworthy": dict(sorted(self.checkworthy.items())),
            },
        }
