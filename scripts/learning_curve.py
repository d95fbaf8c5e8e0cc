#!/usr/bin/env python3
"""Learning curve of the model trained on the team's labels, against the rules, and queue orders.

    .venv/bin/python scripts/learning_curve.py [--train dev-a,dev-b,dev-c] [--test heldout] [--json]

Trains ``corpus.model`` on the first N labelled units of the training sets (N = 50, 100, 200, 400,
all) and scores check-worthiness (accuracy, macro-F1) and CLAIM spans (exact P/R/F1) on the test
set, beside the rules alone. Then the queue question: with a budget of N units, does training on
the units a queue puts first (Label Studio orders by prediction score, lowest first: the rules'
least sure units, or the likeliest check-worthy) beat document order? Each order trains on its
first N units and is scored on the same test set.

Gold: tests/data/effort/<set>/gold.txt (T: unit, R: role, W: check-worthiness, M: CLAIM spans),
units cut by ``corpus split`` from the set's articles. No Label Studio needed.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import corpus  # noqa: E402
from corpus.model import TrainingUnit, train  # noqa: E402
from corpus.studio.tasks import queue_score  # noqa: E402
from corpus.text.prelabel import suggest_all  # noqa: E402

SETS = REPO / "tests" / "data" / "effort"
SIZES = (50, 100, 200, 400)


def read_set(name: str) -> list[TrainingUnit]:
    """The set's units with their gold check-worthiness role and CLAIM offsets, in document order."""
    folder = SETS / name
    with tempfile.TemporaryDirectory() as tmp:
        corpus.split(folder / "articles", tmp)
        sentences = [json.loads(line) for line in (Path(tmp) / "sentences.jsonl").read_text().splitlines()]
    role_of = {label.name: label.role for label in corpus.label_set().checkworthy}
    units: list[TrainingUnit] = []
    current: dict[str, Any] | None = None
    gold = []
    for number, line in enumerate((folder / "gold.txt").read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("T: "):
            current = {"text": line[3:], "claims": [], "line": number}
            gold.append(current)
        elif current is not None and line.startswith("W: "):
            current["answer"] = line[3:].strip()
        elif current is not None and line.startswith("M: "):
            current["claims"].append(line[3:])
    if len(gold) != len(sentences):
        raise SystemExit(f"{folder / 'gold.txt'}: {len(gold)} units, the splitter gives {len(sentences)}")
    for item, sentence in zip(gold, sentences, strict=True):
        if item["text"] != sentence["text"]:
            raise SystemExit(f"{folder / 'gold.txt'}:{item['line']}: unit differs from the splitter's")
        claims = []
        for claim in item["claims"]:
            text, _, nth = claim.partition("#")
            at = -1
            for _ in range(int(nth or 1)):
                at = item["text"].find(text, at + 1)
            if at < 0:
                raise SystemExit(f"{folder / 'gold.txt'}:{item['line']}: CLAIM {claim!r} not in the unit")
            claims.append((at, at + len(text)))
        answer = role_of.get(item.get("answer", ""))
        units.append(TrainingUnit(sentence["text"], sentence["context_before"], sentence["role"], answer, claims))
    return units


def score(units: list[TrainingUnit], judge: Any) -> dict[str, float]:
    right, tp, fp, fn = 0, 0, 0, 0
    confusion: Counter[tuple[str, str]] = Counter()
    for unit in units:
        role, claims = judge(unit)
        right += role == unit.checkworthy
        confusion[(str(unit.checkworthy), role)] += 1
        gold, got = set(unit.claims), set(claims)
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
    classes = sorted({g for g, _ in confusion})
    f1s = []
    for c in classes:
        t = confusion[(c, c)]
        p = sum(n for (g, r), n in confusion.items() if r == c)
        g = sum(n for (gg, r), n in confusion.items() if gg == c)
        f1s.append(2 * t / (p + g) if p + g else 0.0)
    precision, recall = tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0
    return {
        "checkworthy_accuracy": round(right / len(units), 3),
        "checkworthy_macro_f1": round(sum(f1s) / len(f1s), 3),
        "claim_p": round(precision, 3),
        "claim_r": round(recall, 3),
        "claim_f1": round(2 * precision * recall / (precision + recall) if precision + recall else 0.0, 3),
    }


def rules(unit: TrainingUnit) -> tuple[str, list[tuple[int, int]]]:
    judged = suggest_all(unit.text, unit.context_before, unit.role).checkworthiness
    return judged.role, [(c.start, c.end) for c in judged.claims]


def model_judge(model: Any) -> Any:
    def judge(unit: TrainingUnit) -> tuple[str, list[tuple[int, int]]]:
        found = model.judge(unit.text, unit.context_before, unit.role)
        return found.role, [(s.start, s.end) for s, _ in found.claims]

    return judge


def ordered(units: list[TrainingUnit], queue: str) -> list[TrainingUnit]:
    """The units in the order Label Studio would serve them under ``queue`` (stable: document order ties)."""
    if queue == "document":
        return list(units)

    def key(unit: TrainingUnit) -> float:
        judged = suggest_all(unit.text, unit.context_before, unit.role).checkworthiness
        return queue_score(judged.role, judged.score, queue)

    return sorted(units, key=key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", default="dev-a,dev-b,dev-c", help="training sets (comma-separated)")
    parser.add_argument("--test", default="heldout", help="the set scored")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    names = [n for n in args.train.split(",") if (SETS / n / "gold.txt").exists()]
    training = [u for name in names for u in read_set(name) if u.checkworthy]
    test = read_set(args.test)
    report: dict[str, Any] = {"train": names, "test": args.test, "train_units": len(training), "test_units": len(test)}
    report["rules"] = score(test, rules)
    curve = []
    for size in [*(n for n in SIZES if n < len(training)), len(training)]:
        started = time.perf_counter()
        model = train(training[:size])
        seconds = time.perf_counter() - started
        curve.append({"labels": size, "train_seconds": round(seconds, 2), **score(test, model_judge(model))})
    report["model"] = curve
    queues = []
    for queue in ("document", "uncertainty", "checkworthy"):
        order = ordered(training, queue)
        for size in (n for n in SIZES if n < len(training)):
            model = train(order[:size])
            queues.append({"queue": queue, "labels": size, **(score(test, model_judge(model)) if model else {})})
    report["queues"] = queues
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"train {', '.join(names)} ({len(training)} units), test {args.test} ({len(test)} units)")
    print("| labels | check-worthiness acc | macro-F1 | CLAIM P | R | F1 | train s |")
    print("|---|---|---|---|---|---|---|")
    r = report["rules"]
    print(
        f"| rules | {r['checkworthy_accuracy']} | {r['checkworthy_macro_f1']} | {r['claim_p']} | {r['claim_r']} | {r['claim_f1']} | |"
    )
    for row in curve:
        print(
            f"| {row['labels']} | {row['checkworthy_accuracy']} | {row['checkworthy_macro_f1']} | {row['claim_p']} | "
            f"{row['claim_r']} | {row['claim_f1']} | {row['train_seconds']} |"
        )
    print("\n| queue | labels | check-worthiness acc | CLAIM F1 |")
    print("|---|---|---|---|")
    for row in queues:
        print(f"| {row['queue']} | {row['labels']} | {row.get('checkworthy_accuracy')} | {row.get('claim_f1')} |")


if __name__ == "__main__":
    main()
