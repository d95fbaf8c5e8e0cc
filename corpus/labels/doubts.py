"""Annotators' doubts, read from their comments (pure: fed one task's records at a time).

The guidelines (section 5) ask an annotator who is unsure to write the doubt as a line of the
comment that names the section whose rule did not fit::

    §3.3: is "a maximum of 30" a hedge?
    doubt 1.4: does the comparison belong to the CONTENT?
    §?: no section fits

``parse`` finds those lines; ``DoubtLog`` collects them over a project's tasks and groups the
open ones (the unit not yet decided in the review project) by section for ``corpus status``,
``corpus report`` and ``corpus review --doubts``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from corpus.labels.guidelines import section_key

# A line that starts (after spaces or a list bullet) with "§" or the word "doubt", then the
# section number (or "?") and a colon or a dash, then the question.
DOUBT = re.compile(
    r"^[ \t]*(?:[-*•][ \t]*)?(?:§|doubt\b[ \t]*§?)[ \t]*(?P<section>\d+(?:\.\d+)*|\?)?\.?[ \t]*[:\-–—][ \t]*(?P<text>\S.*?)[ \t]*$",
    re.I | re.M,
)
NO_SECTION = "?"


@dataclass(frozen=True)
class Doubt:
    """One doubt: the section it names (``NO_SECTION`` when none) and the question."""

    section: str
    text: str


def parse(comment: str | None) -> list[Doubt]:
    """The doubts in a comment, in order; everything else in it is a plain note."""
    if not comment:
        return []
    return [Doubt(m.group("section") or NO_SECTION, m.group("text")) for m in DOUBT.finditer(comment)]


@dataclass(frozen=True)
class FoundDoubt:
    """A doubt as the lead sees it: who raised it on which unit, and where to open it."""

    section: str
    question: str
    annotator: str
    sentence_id: str
    text: str
    task: int
    link: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "doubt": self.question,
            "annotator": self.annotator,
            "sentence_id": self.sentence_id,
            "text": self.text,
            "task": self.task,
            "link": self.link,
        }


@dataclass
class DoubtLog:
    """Doubts collected task by task; ``summary`` groups the open ones by section."""

    task_link: str = "{task}"  # format string for a task's link in Label Studio
    found: list[FoundDoubt] = field(default_factory=list)

    def add(self, task_id: int, text: str, records: Iterable[dict[str, Any]]) -> list[FoundDoubt]:
        """One task's annotation records (``convert_task``): the doubts in their comments."""
        added = []
        for record in records:
            for doubt in parse(record.get("comment")):
                added.append(
                    FoundDoubt(
                        doubt.section,
                        doubt.text,
                        str(record.get("annotator")),
                        str(record.get("sentence_id")),
                        text or str(record.get("sentence_text") or ""),
                        task_id,
                        self.task_link.format(task=task_id),
                    )
                )
        self.found.extend(added)
        return added

    def sentences(self) -> set[str]:
        return {d.sentence_id for d in self.found}

    def summary(
        self,
        decided: set[str] | None = None,
        queued: set[str] | None = None,
        titles: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        """Open doubts grouped by section (in the guidelines' order), and how many are decided.

        ``decided``: sentence ids adjudicated in the review project (their doubts are closed);
        ``queued``: sentence ids waiting there; ``titles``: section number -> title, from the
        guidelines (a section they do not have is marked ``known: false``).
        """
        decided, queued, titles = decided or set(), queued or set(), titles or {}
        open_doubts = [d for d in self.found if d.sentence_id not in decided]
        groups: dict[str, list[FoundDoubt]] = {}
        for d in sorted(open_doubts, key=lambda d: (section_key(d.section), d.task, d.annotator)):
            groups.setdefault(d.section, []).append(d)
        return {
            "open": len(open_doubts),
            "decided": len(self.found) - len(open_doubts),
            "tasks": len({d.task for d in open_doubts}),
            "queued": len({d.sentence_id for d in open_doubts if d.sentence_id in queued}),
            "sections": [
                {
                    "section": section,
                    "title": _title(section, titles),
                    "known": section == NO_SECTION or _known(section, titles),
                    "doubts": [{**d.to_dict(), "queued": d.sentence_id in queued} for d in doubts],
                }
                for section, doubts in groups.items()
            ],
        }


def _known(section: str, titles: dict[str, str]) -> bool:
    return not titles or section in titles


def _title(section: str, titles: dict[str, str]) -> str:
    if section == NO_SECTION:
        return "no section named"
    ref = section
    while ref:
        if ref in titles:
            return titles[ref].replace("`", "")
        ref = ref.rpartition(".")[0]
    return "not a section of the current guidelines" if titles else ""


def lines(summary: dict[str, Any], width: int = 60) -> list[str]:
    """The open doubts as text lines for ``corpus status`` (empty when there are none)."""
    if not summary["open"]:
        return []
    queued = f", {summary['queued']} of those tasks queued for review" if summary["queued"] else ""
    decided = f"; {summary['decided']} decided" if summary["decided"] else ""
    out = [
        f"open doubts by guideline section: {summary['open']} on {summary['tasks']} tasks{queued}{decided} "
        "(corpus review --doubts queues them):"
    ]
    for group in summary["sections"]:
        title = f" {group['title']}" if group["title"] else ""
        out.append(f"  §{group['section']}{title} ({len(group['doubts'])})")
        out += [
            f"    {d['annotator']}  {d['doubt'][:width]!r}  on {d['text'][:width]!r}  {d['link']}"
            for d in group["doubts"]
        ]
    return out
