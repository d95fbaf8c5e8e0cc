#!/usr/bin/env python3
"""The north-star figure: annotator actions saved by the machine's pre-annotations, measured.

    .venv/bin/python scripts/eval_effort.py [--set dev-a --set dev-c] [--heldout] [--no-studio] [--json] [--errors N]

For each evaluation set (tests/data/effort/<set>/: articles written for this project and gold
labels from docs/guidelines.md), the articles are split with corpus, pushed to a real, throwaway
Label Studio (a local one in a temporary workspace), and the predictions are read back exactly
as annotators get them (``/api/predictions/?project=ID``, converted by the same code as their
annotations). Each unit is scored by the action model of ``corpus.labels.effort`` against its
gold, and against nothing pre-filled. ``--no-studio`` makes the predictions in this process
instead (the same ``predictions_for``), which is quicker and should give the same numbers.
The held-out sets (``heldout*``) are left out unless ``--heldout`` is given or one is named with ``--set``
(``--heldout`` with ``--set`` runs only the named sets).
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
from corpus.defaults import QUEUE  # noqa: E402
from corpus.labels.effort import PARTS, Effort, GoldUnit, read_gold, total_effort, unit_effort  # noqa: E402
from corpus.studio.convert import convert_annotation  # noqa: E402
from corpus.studio.tasks import article_before, document_metadata, predictions_for  # noqa: E402

SETS = REPO / "tests" / "data" / "effort"


def split_set(name: str, into: Path) -> list[dict[str, Any]]:
    corpus.split(SETS / name / "articles", into)
    return [json.loads(line) for line in (into / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]


def gold_units(name: str, sentences: list[dict[str, Any]]) -> list[GoldUnit]:
    contexts = {i: s["context_before"] for i, s in enumerate(sentences)}
    units = read_gold(SETS / name / "gold.txt", contexts)
    if [u.text for u in units] != [s["text"] for s in sentences]:
        raise SystemExit(
            f"{SETS / name / 'gold.txt'}: its units are not the splitter's (run corpus split on the articles)"
        )
    return units


def _data(sentence: dict[str, Any]) -> dict[str, Any]:
    return {**sentence, "sentence_id": sentence["id"], "context_before": sentence["context_before"].rstrip()}


def as_record(result: list[dict[str, Any]], data: dict[str, Any]) -> dict[str, Any]:
    record, _ = convert_annotation({"id": 0, "result": result}, data, 0, 0, "effort")
    return record or {"spans": [], "figures": [], "attributions": [], "checkworthy": None}


def local_predictions(sentences: list[dict[str, Any]], data: Path) -> dict[str, dict[str, Any]]:
    documents = document_metadata(data / "sentences.jsonl")
    found = {}
    for s in sentences:
        article = article_before(s, documents.get(s["doc_id"]))
        result = [
            r for p in predictions_for(s["text"], s["context_before"], s["role"], QUEUE, article) for r in p["result"]
        ]
        found[s["id"]] = as_record(result, _data(s))
    return found


def studio_predictions(name: str, data_dir: Path, workspace: Path) -> dict[str, dict[str, Any]]:
    """Push the set to the workspace's local Label Studio and read its predictions back as shown."""
    pushed = corpus.push(
        data_dir / "sentences.jsonl", project=f"effort-{name}", workspace=workspace, roles=corpus.sentence_roles()
    )
    found: dict[str, dict[str, Any]] = {}
    with corpus.connect(workspace) as client:
        shown = client.project(pushed.project.id, ["model_version"]).get("model_version")
        tasks = {int(t["id"]): t["data"] for t in client.iter_tasks(pushed.project.id)}
        for prediction in client.predictions(pushed.project.id):
            if prediction.get("model_version") != shown:
                continue  # Label Studio shows the project's model version only
            data = tasks[int(prediction["task"])]
            found[data["sentence_id"]] = as_record(prediction.get("result") or [], data)
    return found


def diagnostics(pairs: list[tuple[GoldUnit, dict[str, Any]]]) -> dict[str, Any]:
    labels = corpus.label_set()
    claim, figure, source, content = (labels.span_label(r) for r in ("claim", "figure", "source", "content"))
    counts: Counter[str] = Counter()
    for unit, got in pairs:
        gold = unit.record

        def spans(record: dict[str, Any], label: str) -> set[tuple[int, int, bool]]:
            return {(s["start"], s["end"], bool(s["in_context"])) for s in record["spans"] if s["label"] == label}

        for name, label in (("claim", claim), ("figure", figure)):
            g, p = spans(gold, label), spans(got, label)
            counts[f"{name}_tp"] += len(g & p)
            counts[f"{name}_fp"] += len(p - g)
            counts[f"{name}_fn"] += len(g - p)

        def pairs_of(record: dict[str, Any]) -> set[tuple[str, str]]:
            by_id = {s["id"]: s for s in record["spans"]}
            out = set()
            for a in record["attributions"]:
                if a.get("source") in by_id and a.get("content") in by_id:
                    s, c = by_id[a["source"]], by_id[a["content"]]
                    if s["label"] == source and c["label"] == content:
                        out.add((str(s["text"]).strip(), str(c["text"]).strip()))
            return out

        g, p = pairs_of(gold), pairs_of(got)
        counts["pair_tp"] += len(g & p)
        counts["pair_fp"] += len(p - g)
        counts["pair_fn"] += len(g - p)
        gold_figures = {
            (s["start"], s["end"]): f for f in gold["figures"] for s in gold["spans"] if s["id"] == f["span"]
        }
        got_figures = {(s["start"], s["end"]): f for f in got["figures"] for s in got["spans"] if s["id"] == f["span"]}
        for at, fields in gold_figures.items():
            other = got_figures.get(at)
            counts["figures_all_right"] += bool(other) and all(
                _same_field(fields.get(n), (other or {}).get(n)) for n in ("value", "upper", "unit", "kind", "approx")
            )
        counts["units"] += 1
        counts["checkworthy_predicted"] += got.get("checkworthy") is not None
        counts["checkworthy_right"] += got.get("checkworthy") == gold.get("checkworthy")

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    out: dict[str, Any] = {}
    for name in ("claim", "figure", "pair"):
        tp, fp, fn = counts[f"{name}_tp"], counts[f"{name}_fp"], counts[f"{name}_fn"]
        p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
        out[name] = {"precision": p, "recall": r, "f1": ratio(2 * tp, 2 * tp + fp + fn)}
    gold_figure_count = counts["figure_tp"] + counts["figure_fn"]
    out["figure"]["all_fields_right"] = ratio(counts["figures_all_right"], gold_figure_count)
    out["figure"]["extra"] = ratio(counts["figure_fp"], gold_figure_count)
    out["checkworthy"] = {
        "predicted_on": ratio(counts["checkworthy_predicted"], counts["units"]),
        "agreement": ratio(counts["checkworthy_right"], counts["units"]),
    }
    return out


def _same_field(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-6 * max(1.0, abs(a))
    return bool(a == b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", dest="sets", help="an evaluation set (repeatable)")
    parser.add_argument(
        "--heldout", action="store_true", help="all the held-out sets (heldout*), when no --set is named"
    )
    parser.add_argument("--no-studio", action="store_true", help="predictions made here, not read from Label Studio")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", type=int, default=0, help="list the N units that need the most actions")
    args = parser.parse_args()
    found = sorted(p.name for p in SETS.iterdir() if (p / "gold.txt").exists())
    held = [n for n in found if n.startswith("heldout")]  # run only when asked: each run spends it
    # Sets named with --set run as named (a held-out one too); --heldout adds every held-out set only
    # when none is named, so that naming one spent set never runs an untouched one by the way.
    names = args.sets or [n for n in found if n not in held]
    if args.heldout and not args.sets:
        names += [n for n in held if n not in names]
    started = time.perf_counter()
    report: dict[str, Any] = {"sets": {}, "mode": "in-process" if args.no_studio else "label-studio"}
    overall, everything, worst = Effort(), [], []
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "workspace"
        workspace.mkdir()
        if not args.no_studio:
            corpus.studio_up(workspace)
        try:
            for name in names:
                data = Path(tmp) / name
                sentences = split_set(name, data)
                units = gold_units(name, sentences)
                got = (
                    local_predictions(sentences, data) if args.no_studio else studio_predictions(name, data, workspace)
                )
                empty = {"spans": [], "figures": [], "attributions": [], "checkworthy": None}
                pairs = [(u, got.get(s["id"], empty)) for u, s in zip(units, sentences, strict=True)]
                effort = total_effort((u.record, p) for u, p in pairs)
                overall.add(effort)
                everything += pairs
                report["sets"][name] = {"units": len(units), **effort.to_dict(), "diagnostics": diagnostics(pairs)}
                worst += [(unit_effort(u.record, p).needed, name, u) for u, p in pairs]
        finally:
            if not args.no_studio:
                corpus.studio_down(workspace)
    report["all"] = {"units": len(everything), **overall.to_dict(), "diagnostics": diagnostics(everything)}
    report["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"annotator actions saved ({report['mode']}), {report['seconds']} s")
    print("| set | units | " + " | ".join(PARTS) + " | all | needed / from nothing |")
    print("|---" * (len(PARTS) + 4) + "|")
    for name, row in [*report["sets"].items(), ("all", report["all"])]:
        saved = row["saved"]
        cells = " | ".join("n/a" if saved[p] is None else f"{saved[p]:.0%}" for p in PARTS)
        print(
            f"| {name} | {row['units']} | {cells} | {saved['all']:.0%} | "
            f"{sum(row['needed'].values())} / {sum(row['from_nothing'].values())} |"
        )
    print()
    for name, row in [*report["sets"].items(), ("all", report["all"])]:
        print(name, json.dumps(row["diagnostics"]))
    for needed, name, unit in sorted(worst, key=lambda w: -sum(w[0].values()))[: args.errors]:
        print(f"{sum(needed.values()):3d} {name}:{unit.line} {dict(needed)} {unit.text[:90]!r}")


if __name__ == "__main__":
    main()
