"""How far the annotation is and where annotators disagree (pure: fed one task at a time).

``Progress`` takes each annotated task's annotation records (from ``convert_task``) and keeps
only what the status, the report and the review queue need: a comparable reading per annotation,
per-annotator counts and lead times, label distributions and each sentence's disagreement.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from corpus.labels.agreement import Disagreement, Reading, agreement, reading, sentence_disagreement

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
class Progress:
    """Accumulates tasks; ``summary()`` gives the numbers for status and report."""

    total_tasks: int
    overlap: int
    task_link: str = "{task}"  # format string for a task's link in Label Studio
    readings: list[Reading] = field(default_factory=list)
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

    def add_stale(self) -> None:
        """A task whose sentence is stale: out of the totals (its annotations are orphans)."""
        self.stale += 1
        self.total_tasks -= 1

    def add(self, task_id: int, text: str, records: list[dict[str, Any]], skipped: int = 0) -> Disagreement | None:
        """One exported task: its finished annotation records and how many were skipped."""
        self.skipped += skipped
        if records:
            self.annotated_tasks += 1
        people = len({r["annotator"] for r in records})  # one account twice is one annotator (merge votes once)
        if people >= self.overlap:
            self.done += 1
        if people < len(records):
            self.repeated += 1
        readings = [reading(r) for r in records]
        self.readings.extend(readings)
        for record in records:
            self.counts[record["annotator"]] += 1
            if isinstance(record.get("lead_time"), (int, float)):
                self.lead_times[record["annotator"]].append(float(record["lead_time"]))
            self.label_counts.update(s["label"] for s in record["spans"])
            self.figure_kinds.update(f["kind"] or "(none)" for f in record["figures"])
            self.checkworthy[record["checkworthy"] or "(none)"] += 1
        found = sentence_disagreement(readings) if len({r.annotator for r in readings}) >= 2 else None
        if found:
            link = self.task_link.format(task=task_id)
            self.disputed.append(DisputedSentence(records[0]["sentence_id"], text, task_id, link, found))
        return found

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
            "agreement": agreement(self.readings).to_dict(),
            "disagreements": {"sentences": len(self.disputed), "by_reason": dict(sorted(reasons.items()))},
            "worst": [d.to_dict() for d in worst],
            "distributions": {
                "labels": dict(sorted(self.label_counts.items())),
                "figure_kinds": dict(sorted(self.figure_kinds.items())),
                "checkworthy": dict(sorted(self.checkworthy.items())),
            },
        }
