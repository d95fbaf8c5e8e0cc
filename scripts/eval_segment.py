#!/usr/bin/env python3
"""Segmentation accuracy on the public benchmarks in ../shared/benchmarks/segmentation/ (read at run time).

    PYTHONPATH=. .venv/bin/python scripts/eval_segment.py [--data ../shared/benchmarks/segmentation]

Prints, for corpus and for every other segmenter installed (pySBD, syntok, sentencex, blingfire): the
English Golden Rules passed (stripped sentence lists equal), exact sentence-span F1 on the ten
Wikinews articles against GUM's hand segmentation (strict), and against the quote-aware variant
(consecutive gold sentences joined inside a paragraph while a double quotation is open, as
SOURCES.md describes; corpus's default mode), and for corpus the "Image: ..." and "Video: ..."
credits at the end of caption paragraphs (found in the text) given the credit role. The other
segmenters run paragraph by paragraph (blank lines), with offsets found by searching their
sentences in the paragraph. Nothing from the benchmark folder is copied.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from corpus.text.segment import iter_sentences, paragraphs, split_text  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "benchmarks" / "segmentation"
Spans = set[tuple[int, int]]


def quote_aware(text: str, gold: list[tuple[int, int]]) -> Spans:
    """Join gold sentences inside a paragraph while a double quotation is open."""
    merged: list[tuple[int, int]] = []
    open_quote = False
    for start, end in gold:
        same_paragraph = bool(merged) and "\n\n" not in text[merged[-1][1] : start]
        if open_quote and same_paragraph:
            merged[-1] = (merged[-1][0], end)
        else:
            # A new paragraph starts outside any quotation: a quotation that runs on over
            # paragraphs leaves its paragraph without the closing mark (news style).
            open_quote = False
            merged.append((start, end))
        piece = text[start:end]
        if (piece.count('"') + piece.count("“") + piece.count("”")) % 2:
            open_quote = not open_quote
    return set(merged)


CREDIT = re.compile(r"(?:^|(?<=\s))(?:Image|Video): [^\n]+$")


def caption_credits(text: str) -> list[tuple[int, int]]:
    """Spans of the "Image: ..." / "Video: ..." credits that end the Wikinews caption paragraphs,
    counted in the text itself: GUM's gold keeps one of them inside its caption's sentence."""
    spans = []
    for lines in paragraphs(text):
        start, end = lines[-1]
        match = CREDIT.search(text, start, end)
        if match:
            spans.append((match.start(), end))
    return spans


def f1(found: Spans, gold: Spans) -> float:
    right = len(found & gold)
    if not right:
        return 0.0
    p, r = right / len(found), right / len(gold)
    return 2 * p * r / (p + r)


def by_paragraph(split: Callable[[str], list[str]]) -> Callable[[str], Spans]:
    def spans(text: str) -> Spans:
        found: Spans = set()
        for lines in paragraphs(text):
            start = lines[0][0]
            block = text[start : lines[-1][1]]
            pos = 0
            for sentence in split(block):
                sentence = sentence.strip()
                if not sentence:
                    continue
                at = block.find(sentence, pos)
                if at == -1:
                    continue
                found.add((start + at, start + at + len(sentence)))
                pos = at + len(sentence)
        return found

    return spans


def segmenters() -> dict[str, Callable[[str], list[str]]]:
    found: dict[str, Callable[[str], list[str]]] = {}
    try:
        import pysbd

        segmenter = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = segmenter.segment
    except ImportError:
        pass
    try:
        from syntok import segmenter as syntok  # corpus's base segmenter until 2026-11

        def syntok_split(text: str) -> list[str]:
            return [
                text[sentence[0].offset : sentence[-1].offset + len(sentence[-1].value)]
                for paragraph in syntok.analyze(text)
                for sentence in paragraph
                if sentence
            ]

        found["syntok"] = syntok_split
    except ImportError:
        pass
    try:
        import sentencex

        found["sentencex"] = lambda text: list(sentencex.segment("en", text))
    except ImportError:
        pass
    try:
        import blingfire

        found["blingfire"] = lambda text: blingfire.text_to_sentences(text).split("\n")
    except ImportError:
        pass
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    rules = [json.loads(line) for line in (args.data / "golden_rules_en.jsonl").open(encoding="utf-8")]
    articles = []
    for path in sorted((args.data / "news").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        gold_file = path.with_name(path.stem + ".gum_sentences.json")
        gold = [(s["start"], s["end"]) for s in json.loads(gold_file.read_text(encoding="utf-8"))["sentences"]]
        articles.append((text, gold))

    def corpus_strict(text: str) -> Spans:
        return {(u.start, u.end) for u in split_text(text, strict=True)}

    def corpus_default(text: str) -> Spans:
        return {(u.start, u.end) for u in split_text(text)}

    rows = [("corpus", lambda t: list(iter_sentences(t)), corpus_strict, corpus_default)]
    for name, split in segmenters().items():
        rows.append((name, split, by_paragraph(split), by_paragraph(split)))
    print("| segmenter | Golden Rules | GUM strict F1 | quote-aware F1 (default mode) | credits |")
    print("|---|---|---|---|---|")
    for name, plain, strict, default in rows:
        passed = sum([s.strip() for s in plain(r["text"]) if s.strip()] == r["sentences"] for r in rules)
        gold_all: list[tuple[Spans, Spans, Spans, Spans]] = []
        for text, gold in articles:
            gold_all.append((strict(text), set(gold), default(text), quote_aware(text, gold)))
        strict_f1 = f1(set().union(*[{(i, *s) for s in g[0]} for i, g in enumerate(gold_all)]),
                       set().union(*[{(i, *s) for s in g[1]} for i, g in enumerate(gold_all)]))  # fmt: skip
        quote_f1 = f1(set().union(*[{(i, *s) for s in g[2]} for i, g in enumerate(gold_all)]),
                      set().union(*[{(i, *s) for s in g[3]} for i, g in enumerate(gold_all)]))  # fmt: skip
        credits = "-"
        if name == "corpus":
            found = {"Image": [0, 0], "Video": [0, 0]}
            for text, _ in articles:
                roles = {(u.start, u.end): u.role for u in split_text(text)}
                for start, end in caption_credits(text):
                    count = found[text[start : start + 5]]
                    count[1] += 1
                    count[0] += roles.get((start, end)) == "credit"
            credits = f"{found['Image'][0]}/{found['Image'][1]} Image:, {found['Video'][0]}/{found['Video'][1]} Video:"
        print(f"| {name} | {passed}/{len(rules)} | {strict_f1:.3f} | {quote_f1:.3f} | {credits} |")


if __name__ == "__main__":
    main()
