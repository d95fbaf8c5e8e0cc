"""Annotator effort: the actions still needed to turn what the machine pre-filled into the gold
labels, against the actions from nothing (pure functions).

The action model (docs/effort.md), counted the way an annotator works in Label Studio:

- a span (CLAIM, SOURCE, CUE, CONTENT, FIGURE): select it and press its key, 2; a pre-filled span
  that is wrong (another label or other offsets) is deleted, 1, and the right one drawn, 2;
- a FIGURE's fields (value, upper, unit, kind, approx): 1 for each field to set or correct;
- a relation: draw it, 1, and set its type where it has one (SOURCE -> CONTENT), 1; a wrong type
  alone, 1; an extra relation, 1 to delete (none when one of its spans is deleted anyway:
  Label Studio deletes a region's relations with it); "no source" ticked on a CONTENT, 1;
- check-worthiness: press its key, 1, whether nothing or something else was pre-selected.

Both sides are annotation records as ``convert_annotation`` writes them (spans with sentence
offsets, figures with their fields, attributions by region id, checkworthy), so the
predictions are scored exactly as Label Studio shows them, and the gold of an evaluation set
(``read_gold``) in the same shape.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.schema import label_set

PARTS = ("figures", "attributions", "spans", "checkworthy")
FIELDS = ("value", "upper", "unit", "kind", "approx")


@dataclass
class Effort:
    """Actions needed (with the machine's pre-annotations) and from nothing, per part."""

    needed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))
    from_nothing: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PARTS, 0))

    def add(self, other: Effort) -> None:
        for part in PARTS:
            self.needed[part] += other.needed[part]
            self.from_nothing[part] += other.from_nothing[part]

    def saved(self, part: str | None = None) -> float | None:
        """The share of the actions from nothing that the pre-annotations saved (None: nothing to do)."""
        parts = [part] if part else list(PARTS)
        total = sum(self.from_nothing[p] for p in parts)
        return None if total == 0 else 1 - sum(self.needed[p] for p in parts) / total

    def to_dict(self) -> dict[str, Any]:
        saved = {p: (None if self.saved(p) is None else round(self.saved(p) or 0.0, 3)) for p in PARTS}
        overall = self.saved()
        return {
            "needed": dict(self.needed),
            "from_nothing": dict(self.from_nothing),
            "saved": {**saved, "all": None if overall is None else round(overall, 3)},
        }


def _key(span: dict[str, Any]) -> tuple[str, bool, int, int]:
    return (span["label"], bool(span["in_context"]), int(span["start"]), int(span["end"]))


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
    return bool(a == b)


def _relations(record: dict[str, Any]) -> dict[tuple[Any, Any], str | None]:
    """(from span key, to span key) -> relation type (None for the untyped CUE -> CONTENT link)."""
    spans = {s["id"]: _key(s) for s in record["spans"]}
    found: dict[tuple[Any, Any], str | None] = {}
    for a in record["attributions"]:
        content = spans.get(a["content"])
        if content is None:
            continue
        if a.get("source") and a["source"] in spans:
            found[(spans[a["source"]], content)] = a["type"]
        if a.get("cue") and a["cue"] in spans:
            found[(spans[a["cue"]], content)] = None
    return found


def _no_source(record: dict[str, Any]) -> set[Any]:
    spans = {s["id"]: _key(s) for s in record["spans"]}
    return {spans[a["content"]] for a in record["attributions"] if a.get("zero_source") and a["content"] in spans}


def unit_effort(gold: dict[str, Any], predicted: dict[str, Any] | None) -> Effort:
    """The actions for one unit: from ``predicted`` (None: nothing pre-filled) to ``gold``."""
    predicted = predicted or {"spans": [], "figures": [], "attributions": [], "checkworthy": None}
    figure = label_set().figure
    effort = Effort()
    gold_spans = {_key(s): s for s in gold["spans"]}
    got_spans = {_key(s): s for s in predicted["spans"]}
    gold_fields = {_key(s): f for f in gold["figures"] for s in gold["spans"] if s["id"] == f["span"]}
    got_fields = {_key(s): f for f in predicted["figures"] for s in predicted["spans"] if s["id"] == f["span"]}
    for key in gold_spans:
        part = "figures" if key[0] == figure else "spans"
        fields = gold_fields.get(key, {})
        to_set = sum(1 for name in FIELDS if fields.get(name) is not None)
        effort.from_nothing[part] += 2 + (to_set if key[0] == figure else 0)
        if key not in got_spans:
            effort.needed[part] += 2 + (to_set if key[0] == figure else 0)
        elif key[0] == figure:
            pre = got_fields.get(key, {})
            effort.needed[part] += sum(1 for name in FIELDS if not _same(fields.get(name), pre.get(name)))
    deleted = {key for key in got_spans if key not in gold_spans}
    for key in deleted:
        effort.needed["figures" if key[0] == figure else "spans"] += 1
    gold_relations, got_relations = _relations(gold), _relations(predicted)
    for pair, kind in gold_relations.items():
        cost = 2 if kind is not None else 1
        effort.from_nothing["attributions"] += cost
        if pair not in got_relations:
            effort.needed["attributions"] += cost
        elif got_relations[pair] != kind:
            effort.needed["attributions"] += 1
    for pair in got_relations:
        if pair not in gold_relations and not (pair[0] in deleted or pair[1] in deleted):
            effort.needed["attributions"] += 1
    gold_none, got_none = _no_source(gold), _no_source(predicted)
    effort.from_nothing["attributions"] += len(gold_none)
    effort.needed["attributions"] += len(gold_none - got_none) + len(got_none - gold_none)
    if gold.get("checkworthy") is not None:
        effort.from_nothing["checkworthy"] += 1
        effort.needed["checkworthy"] += int(predicted.get("checkworthy") != gold["checkworthy"])
    return effort


def total_effort(pairs: Iterable[tuple[dict[str, Any], dict[str, Any] | None]]) -> Effort:
    total = Effort()
    for gold, predicted in pairs:
        total.add(unit_effort(gold, predicted))
    return total


# -- the gold of an evaluation set ---------------------------------------------------------------
class GoldError(ValueError):
    """A line of a gold file that cannot be read (the message names the file and line)."""


@dataclass
class GoldUnit:
    """One unit of an evaluation set: its text, role and gold labels as an annotation-like record."""

    article: str
    line: int
    text: str
    role: str
    record: dict[str, Any]


def _locate(text: str, written: str, where: str, *, last: bool = False) -> tuple[int, int]:
    """Offsets of a span written as its text ('text#2': the second occurrence)."""
    phrase, _, nth = written.partition("#")
    if not phrase:
        raise GoldError(f"{where}: an empty span")
    if last and not nth:
        at = text.rfind(phrase)
    else:
        at = -1
        for _ in range(int(nth or 1)):
            at = text.find(phrase, at + 1)
            if at < 0:
                break
    if at < 0:
        raise GoldError(f"{where}: {phrase!r} is not in {text[:60]!r}")
    return at, at + len(phrase)


def _number(value: str, where: str) -> float | None:
    if value == "-":
        return None
    try:
        return float(value)
    except ValueError:
        raise GoldError(f"{where}: {value!r} is not a number") from None


def _add_span(
    record: dict[str, Any], text: str, context: str, label: str, written: str, in_context: bool, where: str
) -> str:
    """The region id of a gold span, added to the record unless it is there already."""
    start, end = _locate(context if in_context else text, written, where, last=in_context)
    spans: list[dict[str, Any]] = record["spans"]
    for s in spans:
        if (s["label"], s["in_context"], s["start"], s["end"]) == (label, in_context, start, end):
            return str(s["id"])
    region = f"g{len(spans)}"
    spans.append({"id": region, "label": label, "in_context": in_context, "start": start, "end": end, "text": written})
    return region


def read_gold(path: Path, contexts: dict[int, str] | None = None) -> list[GoldUnit]:
    """The units of a gold file (``== article:``, ``T:``, ``R:``, ``W:``, ``M:``, ``F:``, ``A:`` lines).

    ``contexts``: the context shown above each unit, by its position in the file (from the
    splitter), needed to place a SOURCE written ``ctx:...``.
    """
    labels = label_set()
    names = {role: labels.span_label(role) for role in ("claim", "source", "cue", "content", "figure")}
    units: list[GoldUnit] = []
    article = ""
    current: GoldUnit | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        where = f"{path}:{number}"
        if not line or line.startswith("#"):
            continue
        if line.startswith("== article:"):
            article = line.split(":", 1)[1].strip()
            continue
        tag, _, rest = line.partition(": ")
        if tag == "T":
            fresh: dict[str, Any] = {"spans": [], "figures": [], "attributions": [], "checkworthy": None}
            current = GoldUnit(article, number, rest, "body", fresh)
            units.append(current)
            continue
        if current is None:
            raise GoldError(f"{where}: {tag}: before any T: line")
        record = current.record
        unit_now: GoldUnit = current

        context = (contexts or {}).get(len(units) - 1, "")

        def span(
            label: str,
            written: str,
            *,
            in_context: bool = False,
            unit: GoldUnit = unit_now,
            shown: str = context,
            at: str = where,
        ) -> str:
            return _add_span(unit.record, unit.text, shown, label, written, in_context, at)

        if tag == "R":
            current.role = rest.strip()
        elif tag == "W":
            record["checkworthy"] = rest.strip()
        elif tag == "M":
            span(names["claim"], rest)
        elif tag == "F":
            parts = [p.strip() for p in rest.split(" | ")]
            if len(parts) != 6:
                raise GoldError(f"{where}: a figure needs span | value | upper | unit | kind | approx")
            region = span(names["figure"], parts[0])
            record["figures"].append(
                {
                    "span": region,
                    "value": _number(parts[1], where),
                    "upper": _number(parts[2], where),
                    "unit": None if parts[3] == "-" else parts[3],
                    "kind": None if parts[4] == "-" else parts[4],
                    "approx": None if parts[5] == "-" else parts[5],
                }
            )
        elif tag == "A":
            parts = [p.strip() for p in rest.split(" | ")]
            if len(parts) != 4:
                raise GoldError(f"{where}: an attribution needs source | cue | content | type")
            source, cue, content, kind = parts
            content_id = span(names["content"], content)
            source_id = None
            if source.startswith("ctx:"):
                source_id = span(names["source"], source[4:], in_context=True)
            elif source != "-":
                source_id = span(names["source"], source)
            cue_id = span(names["cue"], cue) if cue != "-" else None
            record["attributions"].append(
                {
                    "content": content_id,
                    "source": source_id,
                    "cue": cue_id,
                    "type": kind,
                    "zero_source": source == "-" and cue != "-",
                }
            )
        else:
            raise GoldError(f"{where}: cannot read {line[:40]!r}")
    return units
