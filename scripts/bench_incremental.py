"""Incremental pull against a full pull on a large project.

Makes a project of N annotated tasks (default 100,000, one annotation each, imported with the
tasks in bulk), pulls it in full, adds 1% new annotations through the API (as annotators would),
then times an incremental pull and a full pull and checks that both wrote the same records.

    .venv/bin/python scripts/bench_incremental.py --tasks 100000 [--database postgresql://...]

Timings live here, never in the tests.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import newsgen  # noqa: E402

import corpus  # noqa: E402


def result_for(text: str, rng: random.Random) -> list[dict]:
    return newsgen.claim_result(text, rng)


def sorted_lines(path: Path) -> list[str]:
    return sorted(path.read_text(encoding="utf-8").splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--new", type=float, default=0.01, help="share of tasks that get a new annotation")
    parser.add_argument("--database", default=None, help="postgresql://... (default: the SQLite server)")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="corpus-incremental-") as tmp:
        root = Path(tmp)
        ws = corpus.Workspace(root)
        state = corpus.studio_up(ws, database=args.database)
        print(state.line(), file=sys.stderr)
        try:
            source = root / "news.jsonl"
            newsgen.write_corpus(source, sentences=args.tasks + 2000, seed=3)
            corpus.split([source], root / "data")
            sentences = list(corpus.read_records(root / "data" / "sentences.jsonl"))[: args.tasks]
            with corpus.connect(ws) as client:
                ref, _ = corpus.ensure_project(ws, client, "incremental-bench", overlap=2)
                started = time.perf_counter()
                for start in range(0, len(sentences), 1000):
                    batch = []
                    for sentence in sentences[start : start + 1000]:
                        task = corpus.task_for(sentence, None, "bench")
                        task["annotations"] = [{"result": result_for(sentence["text"], rng), "lead_time": 2.0}]
                        batch.append(task)
                    client.import_tasks(ref.id, batch, retry=True)
                print(
                    f"imported {len(sentences)} annotated tasks in {time.perf_counter() - started:.0f} s",
                    file=sys.stderr,
                )
                task_ids = [t["id"] for t in client.iter_tasks(ref.id)]
            out = root / "pull"
            timings = {}
            started = time.perf_counter()
            corpus.pull(project=ref.name, output=out / "annotations.jsonl", workspace=ws, full=True)
            timings["first full pull"] = time.perf_counter() - started
            started = time.perf_counter()
            unchanged = corpus.pull(project=ref.name, output=out / "annotations.jsonl", workspace=ws)
            timings["incremental pull, nothing new"] = time.perf_counter() - started
            chosen = rng.sample(task_ids, int(len(task_ids) * args.new))

            def post(task_id: int) -> None:
                with corpus.connect(ws) as client:
                    client.request(
                        "POST",
                        f"/api/tasks/{task_id}/annotations/",
                        json={"result": result_for("New annotation", random.Random(task_id)), "lead_time": 1.0},
                    )

            started = time.perf_counter()
            with ThreadPoolExecutor(8) as pool:
                list(pool.map(post, chosen))
            timings[f"posting {len(chosen)} new annotations"] = time.perf_counter() - started
            started = time.perf_counter()
            incremental = corpus.pull(project=ref.name, output=out / "annotations.jsonl", workspace=ws)
            timings[f"incremental pull after {args.new:.0%} new"] = time.perf_counter() - started
            started = time.perf_counter()
            full = corpus.pull(project=ref.name, output=root / "full" / "annotations.jsonl", workspace=ws, full=True)
            timings["full pull"] = time.perf_counter() - started
            same = all(
                sorted_lines(out / name) == sorted_lines(root / "full" / name)
                for name in ("annotations.jsonl", "merged.jsonl")
            )
            report = {
                "server": state.line(),
                "tasks": len(task_ids),
                "annotations": full.annotations,
                "fetched_incrementally": incremental.fetched,
                "unchanged_fetched": unchanged.fetched,
                "same_records": same,
                "seconds": {k: round(v, 1) for k, v in timings.items()},
            }
            print(json.dumps(report, indent=2))
        finally:
            corpus.studio_down(ws)


if __name__ == "__main__":
    main()
