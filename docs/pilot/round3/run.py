#!/usr/bin/env python3
"""Pilot round 3: each pair of label files of this folder through a real Label Studio, measured as
``corpus status`` measures a project, and the rules the readers named as unclear.

The units are the body units of ``corpus split docs/pilot/round3/articles`` (``sentences.jsonl``
here lists them with their context). Each ``annotator-*.jsonl`` (a reader) and ``reference.jsonl``
(the lead's labels under the decided guidelines) holds one line per unit in the format of
``scripts/pilot.py``; a line's ``note`` is sent as the annotation's comment, so that the doubts in
it (``§3.3: ...``, guidelines section 5) come back grouped by section from ``corpus status``.

    python docs/pilot/round3/run.py [--json docs/pilot/round3/agreement.json] [--round docs/pilot/round4]

Figures per pair of files (every reader with every other one and with the reference), and the
guideline sections that every reader (``annotator-*``) named in a doubt. Label Studio:
LABEL_STUDIO_URL/LABEL_STUDIO_API_KEY, else a local one in a temporary workspace.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import secrets
import sys
import tempfile
from pathlib import Path
from typing import Any

import corpus
from corpus.labels.doubts import parse as parse_doubts

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent.parent
ROUND = HERE  # the round's folder (articles/, sentences.jsonl, label files): --round
_spec = importlib.util.spec_from_file_location("pilot", REPO / "scripts" / "pilot.py")
assert _spec and _spec.loader
pilot = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pilot)


_NOTHING = {f"{key}: -" for key in "WMFAN"}


def _span(spans: list[dict[str, Any]], label: str, piece: str, text: str, context: str) -> int:
    """The index of a span (added if new): ``piece#N`` is the N-th occurrence, ``ctx:`` in the context
    (``ctx:X#last``: its last occurrence there)."""
    in_context = piece.startswith("ctx:")
    piece = piece.removeprefix("ctx:")
    piece, _, nth = piece.partition("#")
    where = context if in_context else text
    occurrence = where.count(piece) - 1 if nth == "last" else int(nth or 0)
    if piece not in where:
        raise ValueError(f"{piece!r} is not in {where[:60]!r}")
    span = {"label": label, "text": piece, "occurrence": occurrence, "in_context": in_context}
    if span not in spans:
        spans.append(span)
    return spans.index(span)


def text_labels(path: Path) -> list[dict[str, Any]]:
    """Labels written as text, one block per unit in the order of ``sentences.jsonl`` (the format of
    tests/data/effort/*/gold.txt without the T and R lines; ``N:`` a note, ``ZERO`` as the source
    of a no_source attribution) as the JSON lines ``scripts/pilot.py`` reads."""
    units = [json.loads(line) for line in (ROUND / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    # As a reader wrote it: a `U:` line that names the unit, `X: -` for nothing, the list after `UNCLEAR:`.
    written = path.read_text(encoding="utf-8").split("\nUNCLEAR:")[0]
    kept = [line for line in written.splitlines() if not line.startswith("U:") and line.rstrip() not in _NOTHING]
    blocks = [b for b in "\n".join(kept).split("\n\n") if b.strip()]
    if len(blocks) != len(units):
        raise ValueError(f"{path}: {len(blocks)} blocks for {len(units)} units")
    out = []
    for unit, block in zip(units, blocks, strict=True):
        text, context = unit["text"], unit.get("context_before") or ""
        labels: dict[str, Any] = {"id": unit["id"], "spans": [], "attributions": [], "figures": [], "note": ""}
        spans = labels["spans"]
        for line in block.strip().splitlines():
            key, _, value = line.partition(": ")
            fields = [f.strip() for f in value.split(" | ")]
            if key == "W":
                labels["checkworthy"] = value.strip()
            elif key == "N":
                labels["note"] = value.strip()
            elif key == "M":
                _span(spans, "CLAIM", value.strip(), text, context)
            elif key == "F":
                piece, number, upper, unit_, kind, approx = fields
                labels["figures"].append({
                    "span": _span(spans, "FIGURE", piece, text, context),
                    "value": None if number == "-" else float(number),
                    "upper": None if upper == "-" else float(upper),
                    "unit": None if unit_ == "-" else unit_, "kind": kind, "approx": approx,
                })  # fmt: skip
            elif key == "A":
                source, cue, content, kind = fields
                labels["attributions"].append({
                    "source": None if source in ("-", "ZERO") else _span(spans, "SOURCE", source, text, context),
                    "cue": None if cue == "-" else _span(spans, "CUE", cue, text, context),
                    "content": _span(spans, "CONTENT", content, text, context),
                    "type": kind, "zero_source": source == "ZERO",
                })  # fmt: skip
            else:
                raise ValueError(f"{path}: {line!r}")
        out.append(labels)
    return out


def label_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("annotator-*.jsonl")) + [p for p in [folder / "reference.jsonl"] if p.exists()]


def comment_item(note: str) -> dict[str, Any]:
    return {
        "id": "comment",
        "from_name": "comment",
        "to_name": "sentence",
        "type": "textarea",
        "value": {"text": [note]},
    }


def run_pair(files: list[Path], data: Path, workspace: Path) -> dict[str, Any]:
    """Push the round's units to a fresh project, post each file as one user's annotations, measure."""
    wanted = [json.loads(line)["id"] for line in (ROUND / "sentences.jsonl").read_text(encoding="utf-8").splitlines()]
    sentences = {r["id"]: r for r in corpus.read_records(data / "sentences.jsonl")}
    corpus.write_records(data / "round.jsonl", (sentences[i] for i in wanted))
    project = f"pilot-{ROUND.name}-{secrets.token_hex(3)}"
    corpus.push(data / "round.jsonl", project=project, overlap=len(files), workspace=workspace)
    unusable = []
    with corpus.connect(workspace) as client:
        ref = corpus.find_project(corpus.Workspace(workspace), client, project)
        tasks = {t["data"]["sentence_id"]: t for t in client.iter_tasks(ref.id)}
        for path in files:
            email = f"{path.stem}-{secrets.token_hex(3)}@pilot.example"
            user = client.request("POST", "/api/users/", json={"email": email, "username": email})
            for line in path.read_text(encoding="utf-8").splitlines():
                labels = json.loads(line)
                task = tasks[labels["id"]]
                try:
                    result = pilot.results_for(labels, task["data"])
                except (ValueError, IndexError, KeyError) as exc:
                    unusable.append(f"{path.name}: {labels['id']}: {exc}")
                    continue
                if labels.get("note"):
                    result.append(comment_item(labels["note"]))
                client.request("POST", f"/api/tasks/{task['id']}/annotations/",
                               json={"completed_by": user["id"], "result": result, "lead_time": 1.0})  # fmt: skip
    pulled = corpus.pull(project=project, output=data / f"{project}.jsonl", workspace=workspace)
    status = corpus.status(project=project, workspace=workspace).to_dict()
    return {
        "files": [p.stem for p in files],
        "sentences": len(wanted),
        "annotations": pulled.annotations,
        "conversion_problems": [str(p) for p in pulled.problems],
        "unusable_lines": unusable,
        "agreement": status["agreement"],
        "disagreements": status["disagreements"],
        "doubts": status["doubts"],
    }


def named_sections(path: Path) -> dict[str, list[str]]:
    """The guideline sections a file's notes name in doubts, each with its doubts' texts."""
    named: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        for doubt in parse_doubts(json.loads(line).get("note")):
            named.setdefault(doubt.section, []).append(doubt.text)
    return named


def _labels_of(unit: dict[str, Any]) -> tuple[Any, ...]:
    """What a unit's labels say, comparable across readers: class, spans, figures' fields, attributions."""
    spans = unit["spans"]
    figures = sorted(
        json.dumps({**{k: v for k, v in f.items() if k != "span"}, "at": spans[f["span"]]}, sort_keys=True)
        for f in unit["figures"]
    )
    attributions = sorted(
        json.dumps(
            {role: spans[a[role]] if a.get(role) is not None else None for role in ("source", "cue", "content")}
            | {"type": a.get("type"), "zero": a.get("zero_source")},
            sort_keys=True,
        )
        for a in unit["attributions"]
    )
    return unit.get("checkworthy"), sorted(json.dumps(x, sort_keys=True) for x in spans), figures, attributions


def doubted_and_differ(first: Path, second: Path) -> dict[str, int]:
    """Units two readers label differently, units both wrote a doubt on, and units both doubted and then
    labelled differently: the open points that changed labels."""
    a, b = ([json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()] for p in (first, second))
    differ = {i for i, (x, y) in enumerate(zip(a, b, strict=True)) if _labels_of(x) != _labels_of(y)}
    both = {
        i
        for i, (x, y) in enumerate(zip(a, b, strict=True))
        if parse_doubts(x.get("note")) and parse_doubts(y.get("note"))
    }
    return {
        "units": len(a),
        "differ": len(differ),
        "both_doubted": len(both),
        "both_doubted_and_differ": len(both & differ),
    }


def unclear(files: list[Path]) -> dict[str, Any]:
    readers = [p for p in files if p.stem.startswith("annotator-")]
    named = {p.stem: named_sections(p) for p in readers}
    both = sorted(set.intersection(*(set(n) for n in named.values())) if named else set())
    return {
        "by_reader": {k: sorted(v) for k, v in named.items()},
        "named_by_every_reader": both,
        "doubts": {s: {k: v.get(s, []) for k, v in named.items()} for s in both},
        "pairs": {f"{x.stem} / {y.stem}": doubted_and_differ(x, y) for x, y in itertools.combinations(readers, 2)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", dest="json_out", type=Path, default=None)
    parser.add_argument(
        "--round", dest="round_dir", type=Path, default=HERE, help="the round's folder (default: round 3, here)"
    )
    parser.add_argument("--folder", type=Path, default=None, help="where the label files are (default: the round's)")
    parser.add_argument(
        "--convert", type=Path, default=None, help="write FILE.txt (labels as text) as FILE.jsonl and stop"
    )
    args = parser.parse_args()
    global ROUND
    ROUND = args.round_dir.resolve()
    if args.convert:
        target = args.convert.with_suffix(".jsonl")
        lines = (json.dumps(labels, ensure_ascii=False) + "\n" for labels in text_labels(args.convert))
        target.write_text("".join(lines), encoding="utf-8")
        print(f"{args.convert} -> {target}")
        return
    folder = args.folder or ROUND
    files = label_files(folder)
    if len(files) < 2:
        sys.exit(f"{folder}: fewer than two label files")
    pairs = list(itertools.combinations(files, 2))
    out: dict[str, Any] = {"round": ROUND.name, "pairs": [], "unclear": unclear(files)}
    with tempfile.TemporaryDirectory(prefix="corpus-pilot-") as tmp:
        workspace = Path(tmp)
        local = not (os.environ.get("LABEL_STUDIO_URL") and os.environ.get("LABEL_STUDIO_API_KEY"))
        if local:
            corpus.studio_up(workspace)
        try:
            data = workspace / "data"
            corpus.split(ROUND / "articles", data)
            for pair in pairs:
                out["pairs"].append(run_pair(list(pair), data, workspace))
        finally:
            if local:
                corpus.studio_down(workspace)
    if args.json_out:
        args.json_out.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for result in out["pairs"]:
        print(f"\n## {' / '.join(result['files'])}\n")
        print(pilot.table(result))
        print(
            f"\nunusable lines: {len(result['unusable_lines'])}; conversion problems: {len(result['conversion_problems'])}"
        )
    print(f"\nsections named in a doubt by every reader: {out['unclear']['named_by_every_reader'] or 'none'}")
    for pair, counts in out["unclear"]["pairs"].items():
        print(f"{pair}: {counts}")


if __name__ == "__main__":
    main()
