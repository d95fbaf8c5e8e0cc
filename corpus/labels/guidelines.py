"""The annotation guidelines as versioned text (pure: fed the file's bytes, no I/O of its own).

The guidelines (``docs/guidelines.md``) state their version at the top (``**Version X.Y.Z**``);
their SHA-256 is computed from the file. Each section (a ``##`` or ``###`` heading with the text
up to the next heading) has an id, its number where it has one (``1.4``, ``3.5``) and otherwise
a slug of its title, and a hash of its own text, so that a change can be named section by
section.

A project's *history* is the list of versions pushed to it, oldest first, each
``{"version", "sha256", "pushed_at", "sections": {id: hash}}`` (``record`` appends to it). From it
``section_since`` tells when the current text of a section was first pushed, ``version_at`` which
version was in force when an annotation was made, and ``outdated`` which annotations were made
before a section they may depend on last changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

VERSION = re.compile(r"^\*\*Version (?P<version>\d+\.\d+\.\d+)\*\*", re.M)
HEADING = re.compile(r"^(?P<level>#{1,3}) (?P<title>.+?)\s*$")
NUMBERED = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.?\s+(?P<title>.+)$")
TOP = "top"  # the text before the first section heading
SHORT = 16  # hex digits of a hash shown to people


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"


@dataclass(frozen=True)
class Section:
    """One section of the guidelines: ``id`` is its number (``3.5``) or a slug of its title."""

    id: str
    title: str
    sha256: str

    @property
    def numbered(self) -> bool:
        return self.id[:1].isdigit()


@dataclass(frozen=True)
class Guidelines:
    """The guidelines' version (None when the text states none), hash and sections."""

    version: str | None
    sha256: str
    sections: dict[str, Section] = field(default_factory=dict)

    @property
    def short(self) -> str:
        return self.sha256[:SHORT]

    def label(self) -> str:
        """``3.0.0 (sha256 0123456789abcdef)``: how a project's description names them."""
        return f"{self.version or 'unversioned'} (sha256 {self.short})"

    def stamp(self) -> dict[str, Any]:
        """The entry of a project's history for this text (``pushed_at`` is added by ``record``)."""
        return {
            "version": self.version,
            "sha256": self.sha256,
            "sections": {s.id: s.sha256[:SHORT] for s in self.sections.values()},
        }

    def titles(self) -> dict[str, str]:
        """Numbered sections only: ``{"1.4": "CONTENT (t)", ...}``."""
        return {s.id: s.title for s in self.sections.values() if s.numbered}

    def section_of(self, ref: str | None) -> Section | None:
        """The section a reference names (``3.3``), or its nearest numbered parent (``3.3.1`` -> ``3.3``)."""
        while ref:
            if ref in self.sections:
                return self.sections[ref]
            ref = ref.rpartition(".")[0]
        return None


def parse(text: str | bytes) -> Guidelines:
    """The guidelines in ``text`` (the file's bytes give the file's own SHA-256)."""
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    body = raw.decode("utf-8").replace("\r\n", "\n")
    found = VERSION.search(body)
    sections: dict[str, Section] = {}
    current, title = TOP, ""  # the section being read
    lines: list[str] = []
    fenced = False

    def close() -> None:
        if current in sections:  # a second heading with the same id: keep both texts apart
            return
        sections[current] = Section(current, title, _hash("\n".join(lines).strip() + "\n"))

    for line in body.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        heading = None if fenced else HEADING.match(line)
        if heading is None or len(heading.group("level")) == 1:
            lines.append(line)
            continue
        close()
        name = heading.group("title")
        numbered = NUMBERED.match(name)
        current, title = (numbered.group("number"), numbered.group("title")) if numbered else (_slug(name), name)
        lines = []
    close()
    return Guidelines(found.group("version") if found else None, hashlib.sha256(raw).hexdigest(), sections)


def changed_sections(old: dict[str, str], new: dict[str, str]) -> list[str]:
    """Ids of the sections whose text differs between two histories' ``sections`` (added or removed too)."""
    return sorted((k for k in set(old) | set(new) if old.get(k) != new.get(k)), key=section_key)


def section_key(section: str | None) -> tuple[int, tuple[int, ...], str]:
    """Sort key: numbered sections in document order, then the others, then no section at all."""
    if section is None or section == "?":
        return (2, (), "")
    if section[:1].isdigit():
        return (0, tuple(int(p) for p in section.split(".") if p.isdigit()), section)
    return (1, (), section)


def record(history: list[dict[str, Any]], guidelines: Guidelines, when: str) -> list[dict[str, Any]] | None:
    """``history`` with ``guidelines`` appended as pushed at ``when``; None when it is already the last entry."""
    if history and history[-1].get("sha256") == guidelines.sha256:
        return None
    return [*history, {**guidelines.stamp(), "pushed_at": when}]


def _time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def version_at(history: list[dict[str, Any]], when: str | None) -> dict[str, Any] | None:
    """The history entry in force at ``when`` (the last pushed at or before it), or None if none was."""
    moment = _time(when)
    if moment is None:
        return None
    found = None
    for entry in history:
        pushed = _time(entry.get("pushed_at"))
        if pushed is not None and pushed <= moment:
            found = entry
    return found


def section_since(history: list[dict[str, Any]], section: str) -> str | None:
    """When the section's current text was first pushed; None when it has been the same since the
    first recorded push (nothing recorded says an annotation was made under another text)."""
    if not history:
        return None
    current = history[-1].get("sections", {}).get(section)
    since = None
    for index in range(len(history) - 1, -1, -1):
        if history[index].get("sections", {}).get(section) != current:
            return since
        since = None if index == 0 else history[index].get("pushed_at")
    return since


# The sections whose rules decide labels (top-level numbers): a change elsewhere (the screen,
# comments, the changelog, the version line itself) makes no earlier label doubtful.
RULE_SECTIONS = ("1", "2", "3", "4", "6")


@dataclass
class Outdated:
    """Annotations made before the current text of a rule section was pushed, per section."""

    sections: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> since, version, annotations

    @property
    def annotations(self) -> int:
        return len({a for s in self.sections.values() for a in s["annotations"]})

    def to_dict(self) -> dict[str, Any]:
        return {
            "annotations": self.annotations,
            "sections": {
                k: {**v, "annotations": sorted(v["annotations"])}
                for k, v in sorted(self.sections.items(), key=lambda item: section_key(item[0]))
            },
        }

    def line(self) -> str:
        if not self.sections:
            return "every annotation was made under the current text of every rule section of the guidelines"
        parts = [
            f"§{k} (changed {str(v['since'])[:10]}, version {v['version']}): {len(v['annotations'])}"
            for k, v in sorted(self.sections.items(), key=lambda item: section_key(item[0]))
        ]
        return (
            f"{self.annotations} annotations were made under an older text of a guidelines section "
            "changed since: " + "; ".join(parts)
        )


def outdated(records: Iterable[dict[str, Any]], history: list[dict[str, Any]]) -> Outdated:
    """Which annotation records were made (``updated_at``, else ``created_at``) before the current
    text of a rule section (RULE_SECTIONS) was first pushed. A record without a time, or a section
    unchanged since the first recorded push, is never counted."""
    result = Outdated()
    if not history:
        return result
    changes: dict[str, tuple[dt.datetime, str, Any]] = {}
    for section in history[-1].get("sections", {}):
        since = section_since(history, section)
        moment = _time(since)
        if section.split(".")[0] in RULE_SECTIONS and since is not None and moment is not None:
            version = next((e.get("version") for e in history if e.get("pushed_at") == since), None)
            changes[section] = (moment, since, version)
    if not changes:
        return result
    for r in records:
        made = _time(r.get("updated_at") or r.get("created_at"))
        if made is None:
            continue
        for section, (moment, since, version) in changes.items():
            if made < moment:
                entry = result.sections.setdefault(section, {"since": since, "version": version, "annotations": set()})
                entry["annotations"].add(str(r.get("id")))
    return result
