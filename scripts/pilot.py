#!/usr/bin/env python3
"""The guideline pilot: two annotators' labels go through a real Label Studio, and corpus
measures their agreement exactly as `corpus status` does for a running project.

Each annotator labelled the round's sentences on their own, from the guidelines alone, into a
JSON Lines file (one object per sentence: spans by their exact text and occurrence,
attributions and figures by span index, checkworthy; see docs/pilot/README.md). This script
splits the pilot articles, pushes the round's sentences to a fresh project, posts each file as
one Label Studio user's annotations (offsets computed from the span texts), and prints the
agreement per label, for attributions and for figure fields, and the checkworthy alpha.

    python scripts/pilot.py docs/pilot/round1 [--json docs/pilot/round1/agreement.json]

Label Studio: LABEL_STUDIO_URL/LABEL_STUDIO_API_KEY, else a local one started in a temporary
workspace (and stopped afterwards).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
import tempfile
from pathlib import Path
from typing import Any

import corpus

REPO = Path(__file__).resolve().parent.parent


def _offset(text: str, piece: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(piece, start + 1)
        if start < 0:
            raise ValueError(f"{piece!r} (occurrence {occurrence}) is not in {text[:60]!r}...")
    return start


def results_for(labels: dict[str, Any], data: dict[str, Any]) -> list[dict[str, Any]]:
    """One annotator's labels of one sentence as Label Studio results (offsets in code points)."""
    names = corpus.label_set()
    results: list[dict[str, Any]] = []
    for n, span in enumerate(labels["spans"]):
        in_context = bool(span.get("in_context"))
        where = data["context_before"] if in_context else data["text"]
        start = _offset(where, span["text"], int(span.get("occurrence") or 0))
        results.append({
            "id": f"s{n}", "from_name": "context_label" if in_context else "label",
            "to_name": "context" if in_context else "sentence", "type": "labels",
            "value": {"start": start, "end": start + len(span["text"]), "text": span["text"], "labels": [span["label"]]},
        })  # fmt: skip
    for figure in labels.get("figures", []):
        region = results[figure["span"]]
        base = {k: region["value"][k] for k in ("start", "end", "text")}
        common = {"id": region["id"], "to_name": "sentence"}
        for name, kind, key, value in (
            ("figure_value", "number", "number", figure.get("value")),
            ("figure_upper", "number", "number", figure.get("upper")),
            ("figure_unit", "textarea", "text", [figure["unit"]] if figure.get("unit") else None),
            ("figure_kind", "choices", "choices", [figure["kind"]] if figure.get("kind") else None),
            ("figure_approx", "choices", "choices", [figure["approx"]] if figure.get("approx") else None),
        ):
            if value is not None:
                results.append({**common, "from_name": name, "type": kind, "value": {**base, key: value}})
    for attribution in labels.get("attributions", []):
        content = results[attribution["content"]]["id"]
        if attribution.get("source") is not None:
            relation = {
                "type": "relation",
                "from_id": results[attribution["source"]]["id"],
                "to_id": content,
                "direction": "right",
            }
            results.append({**relation, "labels": [attribution["type"]] if attribution.get("type") else []})
        if attribution.get("cue") is not None:
            relation = {
                "type": "relation",
                "from_id": results[attribution["cue"]]["id"],
                "to_id": content,
                "direction": "right",
            }
            results.append(
                {**relation, "labels": [] if attribution.get("source") is not None else [attribution.get("type")]}
            )
        if attribution.get("zero_source"):
            region = next(r for r in results if r.get("id") == content)
            base = {k: region["value"][k] for k in ("start", "end", "text")}
            results.append({"id": content, "from_name": "no_source", "to_name": "sentence", "type": "choices",
                            "value": {**base, "choices": ["no_source"]}})  # fmt: skip
    if labels.get("checkworthy") in names.checkworthy_names:
        results.append({"id": "cw", "from_name": "checkworthy", "to_name": "sentence", "type": "choices",
                        "value": {"choices": [labels["checkworthy"]]}})  # fmt: skip
    return results


def run(round_dir: Path, workspace: Path) -> dict[str, Any]:
    data = workspace / "data"
    corpus.split(REPO / "docs" / "pilot" / "articles", data)
    wanted = [
        json.loads(line)["id"] for line in (round_dir / "sentences.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    sentences = {r["id"]: r for r in corpus.read_records(data / "sentences.jsonl")}
    corpus.write_records(data / "round.jsonl", (sentences[i] for i in wanted))
    project = f"pilot-{round_dir.name}-{secrets.token_hex(3)}"
    corpus.push(data / "round.jsonl", project=project, overlap=2, workspace=workspace)
    files = sorted(round_dir.glob("annotator-*.jsonl"))
    problems = 0
    with corpus.connect(workspace) as client:
        ref = corpus.find_project(corpus.Workspace(workspace), client, project)
        tasks = {}
        for task in client.iter_tasks(ref.id):
            tasks[task["data"]["sentence_id"]] = task
        for path in files:
            email = f"{path.stem}-{secrets.token_hex(3)}@pilot.example"
            user = client.request("POST", "/api/users/", json={"email": email, "username": email})
            for line in path.read_text(encoding="utf-8").splitlines():
                labels = json.loads(line)
                task = tasks[labels["id"]]
                try:
                    result = results_for(labels, task["data"])
                except (ValueError, IndexError, KeyError) as exc:
                    print(f"{path.name}: {labels['id']}: {exc}", file=sys.stderr)
                    problems += 1
                    continue
                client.request("POST", f"/api/tasks/{task['id']}/annotations/",
                               json={"completed_by": user["id"], "result": result, "lead_time": 1.0})  # fmt: skip
    pulled = corpus.pull(project=project, output=data / "annotations.jsonl", workspace=workspace)
    status = corpus.status(project=project, workspace=workspace).to_dict()
    return {
        "round": round_dir.name,
        "annotators": [p.stem for p in files],
        "sentences": len(wanted),
        "annotations": pulled.annotations,
        "conversion_problems": [str(p) for p in pulled.problems],
        "unusable_lines": problems,
        "agreement": status["agreement"],
        "disagreements": status["disagreements"],
    }


def table(result: dict[str, Any]) -> str:
    a = result["agreement"]
    rows = [f"| {label} span F1 | {fmt(v['f1'])} | {v['spans']} spans |" for label, v in a["spans"].items()]
    rows.append(f"| all spans F1 | {fmt(a['spans_all']['f1'])} | |")
    rows.append(
        f"| attribution source-content pair F1 | {fmt(a['attributions']['pair_f1'])} | {a['attributions']['pairs']} pairs |"
    )
    rows.append(
        f"| attribution type agreement (matched pairs) | {fmt(a['attributions']['type_agreement'])} | {a['attributions']['matched_pairs']} |"
    )
    for name, value in a["figures"].items():
        if name != "matched":
            rows.append(f"| figure {name} agreement (matched figures) | {fmt(value)} | {a['figures']['matched']} |")
    rows.append(
        f"| checkworthy Krippendorff's alpha | {fmt(a['checkworthy_alpha'])} | {a['sentences_compared']} sentences |"
    )
    return "| measure | value | on |\n|---|---|---|\n" + "\n".join(rows)


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("round", type=Path)
    parser.add_argument("--json", dest="json_out", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="corpus-pilot-") as tmp:
        workspace = Path(tmp)
        local = not (os.environ.get("LABEL_STUDIO_URL") and os.environ.get("LABEL_STUDIO_API_KEY"))
        if local:
            corpus.studio_up(workspace)
        try:
            result = run(args.round, workspace)
        finally:
            if local:
                corpus.studio_down(workspace)
    if args.json_out:
        args.json_out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(table(result))
    print(
        f"\n{result['annotations']} annotations by {len(result['annotators'])} annotators on {result['sentences']} sentences; "
        f"{len(result['conversion_problems'])} conversion problems, {result['unusable_lines']} unusable lines"
    )


if __name__ == "__main__":
    main()
