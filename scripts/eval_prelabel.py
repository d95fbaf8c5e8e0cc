#!/usr/bin/env python3
"""Score corpus's rule-based pre-annotations against the hand-written evaluation set.

    PYTHONPATH=. .venv/bin/python scripts/eval_prelabel.py [--gold tests/data/prelabel_eval.txt] [--errors]

Figures: span recall and precision (exact offsets), then per field (value, upper, unit, kind,
approx) the share right among the spans found, and all-fields-right (span and every field) over
the gold figures, for the precision at which it is reached. Attributions: SOURCE->CONTENT pairs
(both spans exact; a SOURCE in the context counts only as a context span) with precision, recall
and F1, and the type accuracy on the pairs found; CUE->CONTENT pairs the same way.

The gold (tests/data/prelabel_eval.txt) was written by an AI model before the rules were tuned,
except the items at its end, added after tuning began; see the file's comments. It is not
independent human gold.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from corpus.text.prelabel import suggest_all  # noqa: E402

GOLD = REPO / "tests" / "data" / "prelabel_eval.txt"
FIELDS = ("value", "upper", "unit", "kind", "approx")


@dataclass
class GoldFigure:
    start: int
    end: int
    value: float | None
    upper: float | None
    unit: str | None
    kind: str
    approx: str


@dataclass
class GoldAttribution:
    source: tuple[bool, int, int] | None  # (in context, start, end)
    cue: tuple[int, int] | None
    content: tuple[int, int]
    type: str


@dataclass
class Item:
    line: int
    text: str
    context: str = ""
    figures: list[GoldFigure] = field(default_factory=list)
    attributions: list[GoldAttribution] = field(default_factory=list)


def _locate(text: str, span: str, where: str) -> tuple[int, int]:
    occurrence, explicit = 1, False
    if "#" in span and span.rsplit("#", 1)[1].isdigit():
        span, n = span.rsplit("#", 1)
        occurrence, explicit = int(n), True
    positions = []
    start = text.find(span)
    while start != -1:
        positions.append(start)
        start = text.find(span, start + 1)
    if len(positions) < occurrence:
        raise SystemExit(f"{where}: {span!r} not found {occurrence} time(s) in {text!r}")
    if not explicit and len(positions) > 1:
        raise SystemExit(f"{where}: {span!r} occurs {len(positions)} times; write {span}#1 or #2")
    start = positions[occurrence - 1]
    return start, start + len(span)


def _none(raw: str) -> str | None:
    return None if raw == "-" else raw


def _number(raw: str) -> float | None:
    return None if raw == "-" else float(raw)


def read_gold(path: Path) -> list[Item]:
    items: list[Item] = []
    current: Item | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        where = f"{path.name}:{number}"
        if not line or line.startswith("#"):
            current = None if not line else current
            continue
        tag, _, rest = line.partition(": ")
        if tag == "C":
            current = Item(number, "", rest)
            items.append(current)
        elif tag == "T":
            if current is None or current.text:
                current = Item(number, rest)
                items.append(current)
            else:
                current.text = rest
        elif tag == "F" and current is not None:
            span, value, upper, unit, kind, approx = (p.strip() for p in rest.split("|"))
            start, end = _locate(current.text, span, where)
            current.figures.append(GoldFigure(start, end, _number(value), _number(upper), _none(unit), kind, approx))
        elif tag == "A" and current is not None:
            source, cue, content, kind = (p.strip() for p in rest.split("|"))
            located: tuple[bool, int, int] | None = None
            if source.startswith("ctx:"):
                located = (True, *_locate(current.context, source[4:], where))
            elif source != "-":
                located = (False, *_locate(current.text, source, where))
            cue_span = None if cue == "-" else _locate(current.text, cue, where)
            current.attributions.append(GoldAttribution(located, cue_span, _locate(current.text, content, where), kind))
        else:
            raise SystemExit(f"{where}: cannot read {line!r}")
    return items


def _same(a: object, b: object) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=0.05)
    return a == b


def _prf(right: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = right / predicted if predicted else 0.0
    r = right / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(items: list[Item], show_errors: bool) -> dict[str, float]:
    gold_figures = predicted_figures = span_right = all_right = 0
    field_right = dict.fromkeys(FIELDS, 0)
    gold_pairs = predicted_pairs = pair_right = type_right = 0
    gold_cue_pairs = predicted_cue_pairs = cue_right = 0
    errors: list[str] = []
    for item in items:
        found = suggest_all(item.text, item.context)
        gold_by_span = {(g.start, g.end): g for g in item.figures}
        gold_figures += len(item.figures)
        predicted_figures += len(found.figures)
        matched = set()
        for figure in found.figures:
            gold = gold_by_span.get((figure.start, figure.end))
            if gold is None:
                errors.append(f"figure not in gold: {figure.text!r} ({figure.kind}) in {item.text!r}")
                continue
            matched.add((figure.start, figure.end))
            span_right += 1
            wrong = [f for f in FIELDS if not _same(getattr(figure, f), getattr(gold, f))]
            for name in FIELDS:
                field_right[name] += name not in wrong
            if not wrong:
                all_right += 1
            else:
                errors.append(
                    f"figure {figure.text!r}: "
                    + ", ".join(f"{f} {getattr(figure, f)!r} (gold {getattr(gold, f)!r})" for f in wrong)
                    + f" in {item.text!r}"
                )
        for gold in item.figures:
            if (gold.start, gold.end) not in matched:
                errors.append(f"figure missed: {item.text[gold.start : gold.end]!r} in {item.text!r}")
        # Attributions: SOURCE->CONTENT and CUE->CONTENT pairs.
        gold_sc = {(a.source, a.content): a.type for a in item.attributions if a.source is not None}
        gold_cc = {(a.cue, a.content) for a in item.attributions if a.cue is not None}
        predicted_sc = {}
        predicted_cc = set()
        for attribution in found.attributions:
            content = (attribution.content.start, attribution.content.end)
            if attribution.source is not None:
                key = (attribution.source.in_context, attribution.source.start, attribution.source.end)
                predicted_sc[(key, content)] = attribution.type
            if attribution.cue is not None:
                predicted_cc.add(((attribution.cue.start, attribution.cue.end), content))
        gold_pairs += len(gold_sc)
        predicted_pairs += len(predicted_sc)
        gold_cue_pairs += len(gold_cc)
        predicted_cue_pairs += len(predicted_cc)
        cue_right += len(gold_cc & predicted_cc)
        for pair, kind in predicted_sc.items():
            if pair in gold_sc:
                pair_right += 1
                type_right += gold_sc[pair] == kind
                if gold_sc[pair] != kind:
                    errors.append(f"attribution type {kind} (gold {gold_sc[pair]}) in {item.text!r}")
            else:
                errors.append(f"attribution not in gold: {_show(item, pair)} in {item.text!r}")
        for pair in gold_sc.keys() - predicted_sc.keys():
            errors.append(f"attribution missed: {_show(item, pair)} in {item.text!r}")
    if show_errors:
        print("\n".join(errors), end="\n\n")
    sp, sr, _ = _prf(span_right, predicted_figures, gold_figures)
    pp, pr, pf = _prf(pair_right, predicted_pairs, gold_pairs)
    cp, cr, cf = _prf(cue_right, predicted_cue_pairs, gold_cue_pairs)
    print(f"gold: {len(items)} sentences, {gold_figures} figures, {gold_pairs} source-content pairs")
    print("\n| figures | value |\n|---|---|")
    print(f"| span recall | {sr:.3f} ({span_right}/{gold_figures}) |")
    print(f"| span precision | {sp:.3f} ({span_right}/{predicted_figures}) |")
    for name in FIELDS:
        share = field_right[name] / span_right if span_right else 0.0
        print(f"| {name} right (of spans found) | {share:.3f} |")
    print(f"| all fields right (of gold figures) | {all_right / gold_figures:.3f} ({all_right}/{gold_figures}) |")
    print(f"| all fields right (of predicted figures) | {all_right / max(1, predicted_figures):.3f} |")
    print("\n| attributions | precision | recall | F1 |\n|---|---|---|---|")
    print(
        f"| SOURCE->CONTENT pairs ({pair_right} right, {predicted_pairs} predicted) | {pp:.3f} | {pr:.3f} | {pf:.3f} |"
    )
    print(
        f"| CUE->CONTENT pairs ({cue_right} right, {predicted_cue_pairs} predicted) | {cp:.3f} | {cr:.3f} | {cf:.3f} |"
    )
    print(f"| type accuracy on the pairs found | {type_right / pair_right if pair_right else 0.0:.3f} | | |")
    return {"figure_all_right": all_right / gold_figures, "figure_precision": sp, "pair_precision": pp}


def _show(item: Item, pair: tuple[tuple[bool, int, int], tuple[int, int]]) -> str:
    (in_context, a, b), (c, d) = pair
    source = (item.context if in_context else item.text)[a:b]
    return f"{'ctx:' if in_context else ''}{source!r} -> {item.text[c:d]!r}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--errors", action="store_true", help="List every wrong, missed or extra prediction.")
    args = parser.parse_args()
    evaluate(read_gold(args.gold), args.errors)


if __name__ == "__main__":
    main()
