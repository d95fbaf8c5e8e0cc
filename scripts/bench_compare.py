"""Push and pull of two checkouts of corpus, each against the raw API, alternating on a fresh
local Label Studio per round (the way the README's before/after figures for the SDK client were
measured).

One run of ``bench.py`` moves by about +-0.05 in its push and pull ratios: the same raw import
of 10,000 tasks takes 10.6-13.2 s from one run to the next on the same server. So each round
starts a fresh Label Studio, runs both checkouts (the order alternates between rounds), each with
its own corpus generated and split by its own code, and each ratio is taken against the raw
import and export of that checkout's own tasks, as ``bench.py`` does, and also reports a pull's
time minus its own export request (what corpus adds to Label Studio's work, free of the +-0.4 s
by which Label Studio's export time moves between requests). Medians at the end.

    .venv/bin/python scripts/bench_compare.py --before ../corpus-old --rounds 5

``--before`` is a checkout of another commit (``git worktree add ../corpus-old 3b4e93a``); its
dependencies must be importable by this environment's Python (``--extra-path`` adds a folder,
e.g. one made with ``pip install --target``).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import corpus  # noqa: E402

# Run with PYTHONPATH set to one checkout: its push and pull against the raw calls, as bench.py
# measures them (bench.py itself cannot be imported for this: it imports this checkout's corpus).
STEP = r"""
import json, os, subprocess, sys, time
from pathlib import Path
import httpx
from corpus import Workspace, connect, ensure_project, label_set, read_records, task_for

sentences, work, url, key, TRACED = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
env = {**os.environ, "LABEL_STUDIO_URL": url, "LABEL_STUDIO_API_KEY": key}
command = [sys.executable, "-m", "corpus.cli"]

def timed(arguments):
    started = time.perf_counter()
    subprocess.run(command + arguments, env=env, check=True, capture_output=True)
    return time.perf_counter() - started

tag = str(time.time_ns())
push = timed(["push", str(sentences), "--project", f"cmp-push-{tag}", "-w", str(work / f"push-{tag}")])
again = timed(["push", str(sentences), "--project", f"cmp-push-{tag}", "-w", str(work / f"push-{tag}")])
headers = {"Authorization": f"Token {key}"}
payload = [task_for(s, None, "raw") for s in read_records(sentences, record_type="sentence")]
with connect(url=url, api_key=key) as client:
    project, _ = ensure_project(Workspace(work / f"raw-{tag}"), client, f"cmp-raw-{tag}")
with httpx.Client(base_url=url, headers=headers, timeout=600) as http:
    started = time.perf_counter()
    http.post(f"/api/projects/{project.id}/import", json=payload).raise_for_status()
    raw_push = time.perf_counter() - started
worthy = label_set().checkworthy_label("checkworthy")
answer = [{"id": "cw", "from_name": "checkworthy", "to_name": "sentence", "type": "choices",
           "value": {"choices": [worthy]}}]
pulled = Workspace(work / f"pull-{tag}")
with connect(url=url, api_key=key) as client:
    project, _ = ensure_project(pulled, client, f"cmp-pull-{tag}")
    tasks = []
    for sentence in read_records(sentences, record_type="sentence"):
        task = task_for(sentence, None, "bench")
        task["annotations"] = [{"result": answer, "lead_time": 3.0}]
        tasks.append(task)
    for start in range(0, len(tasks), 5000):
        client.import_tasks(project.id, tasks[start : start + 5000], retry=True)
# The pull's own export request, timed from inside its process: Label Studio's time to build a
# snapshot of the same tasks moves by +-0.4 s from one request to the next, so the pull's ratio
# to a separate raw export is noisy; its time minus its own export request is what corpus adds.
trace = work / f"trace-{tag}.txt"
started = time.perf_counter()
subprocess.run([sys.executable, "-c", TRACED, "pull", "--project", project.name, "-w", str(pulled.root), "-o",
                str(work / f"pulled-{tag}.jsonl")], env={**env, "CORPUS_BENCH_TRACE": str(trace)}, check=True,
               capture_output=True)
pull = time.perf_counter() - started
export_request = sum(float(line) for line in trace.read_text().split())
with httpx.Client(base_url=url, headers=headers, timeout=1800) as http:
    started = time.perf_counter()
    snapshot = http.post(f"/api/projects/{project.id}/exports/", json={}).json()
    while http.get(f"/api/projects/{project.id}/exports/{snapshot['id']}").json()["status"] != "completed":
        time.sleep(0.2)
    with http.stream("GET", f"/api/projects/{project.id}/exports/{snapshot['id']}/download",
                     params={"exportType": "JSON"}) as response:
        for _ in response.iter_bytes(1 << 20):
            pass
    raw_pull = time.perf_counter() - started
print(json.dumps({"push": raw_push / push, "pull": raw_pull / pull, "repush_seconds": again,
                  "pull_added_seconds": pull - export_request}))
"""

# `corpus pull` with its export request timed (httpx, under the SDK and under the client before it).
TRACED = r"""
import os, sys, time
import httpx
_send = httpx.Client.send
def send(self, request, **options):
    started = time.perf_counter()
    try:
        return _send(self, request, **options)
    finally:
        if request.method == "POST" and request.url.path.rstrip("/").endswith("/exports"):
            with open(os.environ["CORPUS_BENCH_TRACE"], "a") as trace:
                trace.write(f"{time.perf_counter() - started}\n")
httpx.Client.send = send
from corpus.cli import main
main(sys.argv[1:])
"""


def python_path(checkout: Path, extra: list[str]) -> str:
    return os.pathsep.join([str(checkout), *extra])


def sentences_of(checkout: Path, extra: list[str], work: Path, size: int) -> Path:
    """A corpus made by the checkout's own generator, split by its own code."""
    env = {**os.environ, "PYTHONPATH": python_path(checkout, extra)}
    source = work / "corpus.jsonl"
    generate = f"import newsgen; from pathlib import Path; newsgen.write_corpus(Path({str(source)!r}), sentences={size}, seed={size})"
    subprocess.run([sys.executable, "-c", generate], env=env, cwd=checkout / "scripts", check=True)
    out = work / "split"
    subprocess.run(
        [sys.executable, "-m", "corpus.cli", "split", str(source), "-o", str(out)],
        env=env,
        check=True,
        capture_output=True,
    )
    return out / "sentences.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="A checkout of the commit to compare with.")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--size", type=int, default=10_000, help="Sentences in each corpus.")
    parser.add_argument("--extra-path", action="append", default=[], help="A folder the before checkout imports from.")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="corpus-compare-"))
    checkouts = {"before": args.before.resolve(), "now": REPO}
    for checkout in checkouts.values():  # as installed packages have them (see bench.py)
        compileall.compile_dir(checkout / "corpus", quiet=1)
    sentences = {}
    for name, checkout in checkouts.items():
        (work / name).mkdir()
        sentences[name] = sentences_of(checkout, args.extra_path, work / name, args.size)
    results: dict[str, list[dict[str, float]]] = {name: [] for name in checkouts}
    for round_ in range(1, args.rounds + 1):
        server = corpus.Workspace(work / f"studio-{round_}")
        corpus.studio_up(server)
        try:
            url, key = server.credentials["url"], server.credentials["api_key"]
            order = list(checkouts) if round_ % 2 else list(reversed(checkouts))
            for name in order:
                env = {**os.environ, "PYTHONPATH": python_path(checkouts[name], args.extra_path)}
                step = work / name / f"round-{round_}"
                answer = subprocess.run(
                    [sys.executable, "-c", STEP, str(sentences[name]), str(step), url, key, TRACED],
                    env=env,
                    check=True,
                    capture_output=True,
                    text=True,
                )
                row = json.loads(answer.stdout.strip().splitlines()[-1])
                results[name].append(row)
                print(
                    f"round {round_} {name:6s} push {row['push']:.3f}x  pull {row['pull']:.3f}x  "
                    f"re-push unchanged {row['repush_seconds']:.2f} s  "
                    f"pull minus its export request {row['pull_added_seconds']:.2f} s",
                    flush=True,
                )
        finally:
            corpus.studio_down(server)
    for name, rows in results.items():
        print(
            f"median {name:6s} push {statistics.median(r['push'] for r in rows):.3f}x  "
            f"pull {statistics.median(r['pull'] for r in rows):.3f}x  "
            f"re-push unchanged {statistics.median(r['repush_seconds'] for r in rows):.2f} s  "
            f"pull minus its export request {statistics.median(r['pull_added_seconds'] for r in rows):.2f} s"
        )


if __name__ == "__main__":
    main()
