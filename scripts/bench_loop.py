#!/usr/bin/env python3
"""The lead's loop, timed: full pull, incremental pulls, status, report and publish on one project.

Makes a project of N annotated tasks (two annotators per task, their annotations imported with
the tasks; every tenth sentence with a disagreement on check-worthiness), then times each
command of the loop as the lead runs it (a child process: start-up included):

* ``pull --full``; ``pull`` with nothing changed; ``pull`` after 1% of the tasks got a new
  annotation (posted through the API, as annotators do);
* ``status`` once (it makes each task's tally), then after another 1% (it reads the pull cache
  and fetches what changed, and makes those tasks' tallies again), ``status`` and ``report``
  with nothing changed; ``status`` with no pull cache (one export snapshot, the
  figures every other status must equal);
* ``publish`` of what the last pull wrote.

Checks that the incremental pull wrote the same bytes as a full pull and that status from the
cache gives the same figures as status from a full export.

    .venv/bin/python scripts/bench_loop.py --tasks 10000
    .venv/bin/python scripts/bench_loop.py --tasks 100000 --work /tmp/loop-100k --keep   # reusable

With ``--work DIR --keep`` the workspace (and its running Label Studio) is kept, and the next
run with the same folder reuses the project instead of importing it again. Timings live here,
never in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import newsgen  # noqa: E402

import corpus  # noqa: E402

CORPUS = [sys.executable, "-m", "corpus.cli"]
PROJECT = "loop-bench"


def timed(command: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Wall and CPU seconds (user + system, with worker processes) and peak RSS (MiB) of a command."""
    script = (
        "import json, resource, subprocess, sys, time; w = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); w = time.perf_counter() - w; "
        "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(json.dumps({'wall': w, "
        "'cpu': u.ru_utime + u.ru_stime, 'rss': u.ru_maxrss, 'out': r.stdout, 'err': r.stderr, 'rc': r.returncode}))"
    )
    result = subprocess.run([sys.executable, "-c", script, *command], capture_output=True, text=True, env=env, cwd=REPO)
    answer = json.loads(result.stdout)
    if answer["rc"] != 0:
        raise SystemExit(f"{' '.join(command[2:5])} failed:\n{answer['err'][-3000:]}")
    seconds, cpu, rss = answer["wall"], answer["cpu"], answer["rss"]
    return {"seconds": seconds, "cpu": cpu, "rss_mib": int(rss) / 1024, "output": answer["out"]}


def annotation_result(text: str, worthy: str, predictions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    check = {"id": "cw", "from_name": "checkworthy", "to_name": "sentence", "type": "choices",
             "value": {"choices": [worthy]}}  # fmt: skip
    return [*(r for p in predictions for r in p["result"]), check]


def make_project(ws: corpus.Workspace, data: Path, tasks: int) -> dict[str, Any]:
    """The annotated project (imported once per work folder) and its two annotators' ids."""
    done = ws.path("loop-bench.json")
    if done.exists():
        return dict(json.loads(done.read_text()))
    source = ws.root / "news.jsonl"
    newsgen.write_corpus(source, sentences=tasks + max(200, tasks // 50), seed=5)
    corpus.split([source], data)
    # Exactly N sentences: the documents of the first N, cut at N.
    sentences = list(corpus.read_records(data / "sentences.jsonl"))[:tasks]
    corpus.write_records(data / "sentences.jsonl", sentences)
    labels = corpus.label_set()
    started = time.perf_counter()
    with corpus.connect(ws) as client:
        users = [
            client.request("POST", "/api/users/", json={"email": email, "username": email})["id"]
            for email in (f"loop-{secrets.token_hex(4)}@example.org" for _ in range(2))
        ]
        ref, _ = corpus.ensure_project(ws, client, PROJECT, overlap=2)
        for start in range(0, len(sentences), 1000):
            batch = []
            for n, sentence in enumerate(sentences[start : start + 1000], start):
                predictions = corpus.predictions_for(sentence["text"])
                task = corpus.task_for(sentence, None, "bench")
                task["annotations"] = [
                    {
                        "result": annotation_result(
                            sentence["text"], labels.checkworthy_names[int(u == 1 and n % 10 == 0)], predictions
                        ),
                        "completed_by": user,
                        "lead_time": 3.0 + u,
                    }
                    for u, user in enumerate(users)
                ]
                batch.append(task)
            client.import_tasks(ref.id, batch, retry=True)
        ids = [int(t["id"]) for t in client.iter_tasks(ref.id)]
    print(f"imported {len(sentences)} tasks with 2 annotations each in {time.perf_counter() - started:.0f} s")
    made = {"project": ref.id, "users": users, "tasks": ids}
    done.write_text(json.dumps(made))
    return made


def post_new(ws: corpus.Workspace, task_ids: list[int], share: float, seed: int) -> int:
    """A new annotation (by the admin, a third annotator) on ``share`` of the tasks, 8 at a time."""
    chosen = random.Random(seed).sample(task_ids, max(1, int(len(task_ids) * share)))

    def post(task_id: int) -> None:
        with corpus.connect(ws) as client:
            client.request(
                "POST",
                f"/api/tasks/{task_id}/annotations/",
                json={"result": newsgen.claim_result("New annotation", random.Random(task_id)), "lead_time": 1.0},
            )

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(post, chosen))
    return len(chosen)


def figures(status_output: str) -> dict[str, Any]:
    answer = json.loads(status_output[status_output.index("{") :])
    answer.pop("seconds", None)
    return dict(answer)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--new", type=float, default=0.01, help="share of tasks given a new annotation")
    parser.add_argument("--work", default=None, help="working folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the workspace and its Label Studio running")
    parser.add_argument("--database", default=None, help="postgresql://... (default: SQLite)")
    parser.add_argument("--steps", default="pull,status,report,publish")
    parser.add_argument("--json", dest="json_out", default=None, help="also write the rows as JSON to this file")
    args = parser.parse_args()
    steps = set(args.steps.split(","))
    work = Path(args.work or tempfile.mkdtemp(prefix="corpus-loop-"))
    work.mkdir(parents=True, exist_ok=True)
    ws = corpus.Workspace(work)
    data = work / "data"
    state = corpus.studio_up(ws, database=args.database)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; {state.line()}")
    rows: list[dict[str, Any]] = []
    checks: dict[str, Any] = {}

    def step(name: str, *command: str) -> dict[str, Any]:
        timing = timed([*CORPUS, *command, "-w", str(work)])
        row = {"step": name, **{k: v for k, v in timing.items() if k != "output"}}
        if command[0] == "pull":
            answer = json.loads(timing["output"][timing["output"].index("{") :])
            row.update({k: answer.get(k) for k in ("fetched", "listed", "removed")})
        rows.append(row)
        print(
            f"  {name:<52} {timing['seconds']:7.2f} s  CPU {timing['cpu']:6.2f} s  peak {timing['rss_mib']:5.0f} MiB"
            + (f"  listed {row['listed']}, fetched {row['fetched']}" if "listed" in row else "")
        )
        return timing

    try:
        made = make_project(ws, data, args.tasks)
        out = ["--project", PROJECT, "-o", str(data / "annotations.jsonl"), "--json"]
        full_out = ["--project", PROJECT, "-o", str(work / "full" / "annotations.jsonl"), "--json", "--full"]
        n = len(made["tasks"])
        print(f"project {made['project']}: {n} tasks")
        if "pull" in steps:
            step("pull --full", "pull", *out, "--full")
            step("pull, nothing changed", "pull", *out)
            posted = post_new(ws, made["tasks"], args.new, seed=len(rows))
            step(f"pull, {posted} tasks ({args.new:.0%}) changed", "pull", *out)
            step("pull --full (the reference)", "pull", *full_out)
            checks["pull byte-identical to --full"] = all(
                (data / name).read_bytes() == (work / "full" / name).read_bytes()
                for name in ("annotations.jsonl", "merged.jsonl")
            )
        if "status" in steps:
            # The first look makes every task's tally (kept beside the pull cache); the next ones
            # make again only those of the tasks changed since.
            step("status, first look (makes the tallies)", "status", "--project", PROJECT, "--json")
            posted = post_new(ws, made["tasks"], args.new, seed=len(rows))
            cached = step(f"status, {posted} tasks ({args.new:.0%}) changed", "status", "--project", PROJECT, "--json")
            again = step("status, nothing changed", "status", "--project", PROJECT, "--json")
            if "report" in steps:
                step("report, nothing changed", "report", "--project", PROJECT, "-o", str(work / "report.html"))
            aside = ws.path("pull-aside")
            shutil.rmtree(aside, ignore_errors=True)
            ws.path("pull").rename(aside)
            try:
                exported = step("status from a full export (no pull cache)", "status", "--project", PROJECT, "--json")
            finally:
                shutil.rmtree(ws.path("pull"), ignore_errors=True)
                aside.rename(ws.path("pull"))
            checks["status figures equal a full export's"] = (
                figures(cached["output"]) == figures(exported["output"]) == figures(again["output"])
            )
        if "publish" in steps:
            if not (data / "merged.jsonl").exists():
                corpus.pull(project=PROJECT, output=data / "annotations.jsonl", workspace=ws)
            # The first release runs the rules on the test split; the next reads the predictions it kept.
            shutil.rmtree(ws.path("rules"), ignore_errors=True)
            for name, folder in (("publish (first release)", "dataset"), ("publish (a release after it)", "dataset-2")):
                step(name, "publish", "--version", "1.0.0", "--data", str(data), "-o", str(work / folder))
    finally:
        if not args.keep:
            corpus.studio_down(ws)
            if not args.work:
                shutil.rmtree(work, ignore_errors=True)
    full = next((r["seconds"] for r in rows if r["step"] == "pull --full"), None)
    print(f"\n{n} tasks, {2 * n} annotations; checks: {json.dumps(checks)}\n")
    print("| step | wall s | CPU s | peak RSS | x full pull |\n| --- | --- | --- | --- | --- |")
    for row in rows:
        ratio = f"{row['seconds'] / full:.3f}" if full else "-"
        print(f"| {row['step']} | {row['seconds']:.2f} | {row['cpu']:.2f} | {row['rss_mib']:.0f} MiB | {ratio} |")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps({"tasks": n, "checks": checks, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
