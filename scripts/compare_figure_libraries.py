#!/usr/bin/env python3
"""Measure quantity-extraction libraries on the figure gold, next to corpus's rules.

    PYTHONPATH=. .venv/bin/python scripts/compare_figure_libraries.py

quantulum3 (extracts quantities with units) is scored on span (exact offsets) and value; the
counted-noun unit, hedges and kinds that the guidelines ask for are not in its output, so its
all-fields score is not comparable and is not computed. text2num (words to digits) is timed on
turning the gold's word numbers into values. Timings are wall time on this machine.
"""

from __future__ import annotations

import math
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from eval_prelabel import GOLD, read_gold  # noqa: E402

from corpus.text.prelabel import figures  # noqa: E402


def score(name: str, extract, items) -> None:  # type: ignore[no-untyped-def]
    gold = found = span = value = 0
    started = time.perf_counter()
    for item in items:
        predicted = extract(item.text)
        gold_by_span = {(g.start, g.end): g for g in item.figures}
        gold += len(item.figures)
        found += len(predicted)
        for start, end, v in predicted:
            g = gold_by_span.get((start, end))
            if g is not None:
                span += 1
                value += (g.value is None and v is None) or (
                    g.value is not None and v is not None and math.isclose(g.value, v, abs_tol=0.05)
                )
    seconds = time.perf_counter() - started
    print(
        f"| {name} | {span / gold:.3f} | {span / max(found, 1):.3f} | {value / max(span, 1):.3f} | "
        f"{1000 * seconds / len(items):.2f} ms |"
    )


def main() -> None:
    items = read_gold(GOLD)
    print("| extractor | span recall | span precision | value right (of spans found) | time per sentence |")
    print("|---|---|---|---|---|")
    score("corpus rules", lambda t: [(f.start, f.end, f.value) for f in figures(t)], items)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser

            parser.parse("warm up 3 km")
            score("quantulum3", lambda t: [(q.span[0], q.span[1], q.value) for q in parser.parse(t)], items)
    except ImportError:
        print("| quantulum3 | not installed | | | |")
    try:
        from text_to_num import alpha2digit

        started = time.perf_counter()
        for item in items:
            alpha2digit(item.text, "en")
        print(f"\ntext2num alpha2digit: {1000 * (time.perf_counter() - started) / len(items):.3f} ms per sentence")
    except ImportError:
        print("\ntext2num: not installed")


if __name__ == "__main__":
    main()
