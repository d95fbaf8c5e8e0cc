#!/usr/bin/env python3
"""Benchmarks of split, push, pull and publish, each next to its baseline on the same data.

    .venv/bin/python scripts/bench.py                     # sizes 1k and 10k sentences
    .venv/bin/python scripts/bench.py --sizes 1000,10000,100000 --steps split,publish
    .venv/bin/python scripts/bench.py --sizes 10000 --steps status    # corpus status, 3 annotators

Baselines: split vs pySBD (the common choice) called directly on the same paragraphs; push vs
one raw bulk import through Label Studio's API; pull vs a raw export snapshot download; publish
is measured in rows/s and peak memory. Push and pull run against `corpus studio up` in a
throw-away workspace (or LABEL_STUDIO_URL/LABEL_STUDIO_API_KEY). Accuracy: pySBD's English
Golden Rules (read from pySBD's source distribution, downloaded from PyPI at run time) and the
project's news examples (tests/test_segment.py).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import httpx  # noqa: E402
import newsgen  # noqa: E402

import corpus  # noqa: E402
from corpus import merge_sentence, write_records  # noqa: E402

CORPUS = [sys.executable, "-m", "corpus.cli"]
ROWS: list[dict] = []


def timed(command: list[str], env: dict | None = None) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MiB) of a command run in a child process."""
    seconds, rss, output, _ = timed_cpu(command, env)
    return seconds, rss, output


def timed_cpu(command: list[str], env: dict | None = None) -> tuple[float, float, str, float]:
    """Wall seconds, peak RSS (MiB), output and CPU seconds (user + system, the command and its
    worker processes) of a command run in a child process."""
    script = (
        "import resource, subprocess, sys, time; w = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "w = time.perf_counter() - w; u = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(u.ru_utime + u.ru_stime, w); print(u.ru_maxrss); sys.stderr.write(r.stdout + r.stderr); sys.exit(r.returncode)"
    )
    result = subprocess.run([sys.executable, "-c", script, *command], capture_output=True, text=True, env=env, cwd=REPO)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} failed:\n{result.stderr[-2000:]}")
    *_, times, rss = result.stdout.strip().splitlines()
    cpu, seconds = (float(x) for x in times.split())  # the command's own wall time
    return seconds, int(rss) / 1024, result.stderr, cpu


def record(
    step: str, size: int, ours: float, baseline: float | None, unit: str, note: str = "", rss: float | None = None
) -> None:
    ROWS.append(
        {
            "step": step,
            "size": size,
            "corpus": ours,
            "baseline": baseline,
            "unit": unit,
            "ratio": (ours / baseline) if baseline else None,
            "rss_mib": rss,
            "note": note,
        }
    )
    print(
        f"  {step:<10} {size:>7}  corpus {ours:>10.1f} {unit:<12} baseline {baseline or 0:>10.1f}  "
        f"ratio {ours / baseline if baseline else float('nan'):.2f}  {f'peak {rss:.0f} MiB' if rss else ''} {note}",
        flush=True,
    )


# -- split ------------------------------------------------------------------------------------
def golden_rules() -> list[tuple[str, list[str]]]:
    folder = Path(tempfile.mkdtemp(prefix="pysbd-sdist-"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--no-binary",
            ":all:",
            "-d",
            str(folder),
            "pysbd==0.3.3",
        ],
        check=True,
    )
    archive = next(folder.glob("pysbd-*.tar.gz"))
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("benchmarks/english_golden_rules.py"))
        tar.extract(member, folder, filter="data")
    spec = importlib.util.spec_from_file_location("golden", folder / member.name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.GOLDEN_EN_RULES


def accuracy() -> None:
    import pysbd

    from corpus import iter_sentences

    harbour = (REPO / "examples" / "harbour-bridge.txt").read_text(encoding="utf-8")
    units = (REPO / "tests" / "data" / "harbour-bridge-units.jsonl").read_text(encoding="utf-8").splitlines()

    segmenter = pysbd.Segmenter(language="en", clean=False)
    rules = golden_rules()
    ours = sum(list(iter_sentences(text)) == expected for text, expected in rules)
    theirs = sum([s.strip() for s in segmenter.segment(text)] == expected for text, expected in rules)
    print(f"  accuracy   Golden Rules (English, {len(rules)}): corpus {ours}, pysbd {theirs}")
    expected = [json.loads(unit)["text"] for unit in units]
    paragraphs = [p for p in harbour.split("\n\n")]
    pysbd_sentences = [
        s.strip()
        for p in paragraphs
        for line in ([p] if "\n" not in p else p.split("\n"))
        for s in segmenter.segment(line)
    ]
    ours_news = len(set(iter_sentences(harbour)) & set(expected))
    theirs_news = len(set(pysbd_sentences) & set(expected))
    print(
        f"  accuracy   news example (harbour-bridge.txt, {len(expected)} sentences right): corpus {ours_news}, pysbd {theirs_news}"
    )
    ROWS.append(
        {
            "step": "accuracy",
            "golden_rules": [ours, theirs, len(rules)],
            "news": [ours_news, theirs_news, len(expected)],
        }
    )


def bench_split(work: Path, size: int, repeat: int = 1) -> Path:
    """corpus split end to end (a command: start-up, reading, records, checks, JSON files) against
    pySBD called in-process on the same paragraphs; the median of ``repeat`` runs, in wall and in
    CPU seconds (user + system, worker processes included)."""
    import statistics

    source = work / f"corpus-{size}.jsonl"
    newsgen.write_corpus(source, sentences=size, seed=size)
    megabytes = sum(len(json.loads(line)["text"].encode()) for line in source.open()) / 1e6
    out = work / f"split-{size}"
    runs = [timed_cpu([*CORPUS, "split", str(source), "-o", str(out), "--json"]) for _ in range(repeat)]
    seconds = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[3] for r in runs)
    rss = max(r[1] for r in runs)
    sentences = sum(1 for _ in (out / "sentences.jsonl").open())
    # Baseline: pySBD on the same paragraphs, single process, no file output.
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    texts = [json.loads(line)["text"] for line in source.open()]
    walls, cpus = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        baseline_count = sum(len(segmenter.segment(p)) for text in texts for p in text.split("\n\n") if p.strip())
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - started_cpu)
    baseline, baseline_cpu = statistics.median(walls), statistics.median(cpus)
    record(
        "split",
        sentences,
        megabytes / seconds,
        megabytes / baseline,
        "MB/s",
        f"{sentences / seconds:.0f} sentences/s (pysbd: {baseline_count} sentences); {megabytes:.1f} MB; "
        f"wall {seconds:.2f} s vs {baseline:.1f} s; CPU {cpu:.2f} s vs {baseline_cpu:.1f} s "
        f"(ratio {baseline_cpu / cpu:.1f}); median of {repeat}",
        rss,
    )
    return out / "sentences.jsonl"


# -- Label Studio -----------------------------------------------------------------------------
def connection(work: Path) -> tuple[str, str, dict]:
    if os.environ.get("LABEL_STUDIO_URL") and os.environ.get("LABEL_STUDIO_API_KEY"):
        return os.environ["LABEL_STUDIO_URL"], os.environ["LABEL_STUDIO_API_KEY"], dict(os.environ)
    ws = corpus.Workspace(work / "studio")
    corpus.studio_up(ws)
    creds = ws.credentials
    return (
        creds["url"],
        creds["api_key"],
        {**os.environ, "LABEL_STUDIO_URL": creds["url"], "LABEL_STUDIO_API_KEY": creds["api_key"]},
    )


def bench_push(work: Path, size: int, sentences: Path, url: str, key: str, env: dict) -> None:
    from corpus import ensure_project, read_records, task_for

    ws = work / f"push-ws-{size}"
    seconds, rss, _ = timed(
        [
            *CORPUS,
            "push",
            str(sentences),
            "--project",
            f"bench-push-{size}-{int(time.time())}",
            "-w",
            str(ws),
            "--json",
        ],
        env=env,
    )
    tasks = sum(1 for _ in sentences.open())
    again, _, _ = timed(
        [
            *CORPUS,
            "push",
            str(sentences),
            "--project",
            next(iter(json.loads((ws / ".corpus/state.json").read_text())["projects"])),
            "-w",
            str(ws),
        ],
        env=env,
    )
    payload = [task_for(s, None, "raw") for s in read_records(sentences, record_type="sentence")]
    with corpus.connect(url=url, api_key=key) as client:
        project, _ = ensure_project(
            corpus.Workspace(work / f"raw-ws-{size}"), client, f"bench-raw-{size}-{int(time.time())}"
        )
    headers = {"Authorization": f"Token {key}"}
    with httpx.Client(base_url=url, headers=headers, timeout=600) as http:
        started = time.perf_counter()
        response = http.post(f"/api/projects/{project.id}/import", json=payload)
        response.raise_for_status()
        raw = time.perf_counter() - started
    record("push", tasks, tasks / seconds, tasks / raw, "tasks/s", f"re-push unchanged: {again:.1f} s", rss)


def bench_pull(work: Path, size: int, sentences: Path, url: str, key: str, env: dict) -> None:
    from corpus import Workspace, connect, ensure_project, label_set, read_records, task_for

    ws = Workspace(work / f"pull-ws-{size}")
    worthy = label_set().checkworthy_label("checkworthy")
    result = [
        {
            "id": "cw",
            "from_name": "checkworthy",
            "to_name": "sentence",
            "type": "choices",
            "value": {"choices": [worthy]},
        }
    ]
    with connect(url=url, api_key=key) as client:
        project, _ = ensure_project(ws, client, f"bench-pull-{size}-{int(time.time())}")
        tasks = []
        for sentence in read_records(sentences, record_type="sentence"):
            task = task_for(sentence, None, "bench")
            task["annotations"] = [{"result": result, "lead_time": 3.0}]
            tasks.append(task)
        for start in range(0, len(tasks), 5000):
            client.import_tasks(project.id, tasks[start : start + 5000], retry=True)
    seconds, rss, _ = timed(
        [*CORPUS, "pull", "--project", project.name, "-w", str(ws.root), "-o", str(work / f"pulled-{size}.jsonl")],
        env=env,
    )
    headers = {"Authorization": f"Token {key}"}
    with httpx.Client(base_url=url, headers=headers, timeout=1800) as http:
        started = time.perf_counter()
        snapshot = http.post(f"/api/projects/{project.id}/exports/", json={}).json()
        while http.get(f"/api/projects/{project.id}/exports/{snapshot['id']}").json()["status"] != "completed":
            time.sleep(0.2)
        with http.stream(
            "GET", f"/api/projects/{project.id}/exports/{snapshot['id']}/download", params={"exportType": "JSON"}
        ) as response:
            for _ in response.iter_bytes(1 << 20):
                pass
        raw = time.perf_counter() - started
    record("pull", len(tasks), len(tasks) / seconds, len(tasks) / raw, "annotations/s", "", rss)


def bench_status(work: Path, size: int, sentences: Path, url: str, key: str, env: dict) -> None:
    """corpus status on a project of `size` tasks, three annotators each (imported with their
    annotations), every tenth sentence with a disagreement; and the same computation without
    Label Studio (export already read), to separate the server's export time from corpus's."""
    import secrets

    from corpus import Workspace, connect, convert_task, ensure_project, label_set, predictions_for, read_records
    from corpus.labels.progress import Progress

    labels = label_set()
    ws = Workspace(work / f"status-ws-{size}")
    with connect(url=url, api_key=key) as client:
        users = [
            client.request("POST", "/api/users/", json={"email": email, "username": email})["id"]
            for email in (f"bench-{secrets.token_hex(4)}@example.org" for _ in range(3))
        ]
        project, _ = ensure_project(ws, client, f"bench-status-{size}-{int(time.time())}", overlap=3)
        tasks = []
        for n, sentence in enumerate(read_records(sentences, record_type="sentence")):
            result = [r for p in predictions_for(sentence["text"]) for r in p["result"]]
            choice = labels.checkworthy_names[0]
            annotations = []
            for u, user in enumerate(users):
                picked = labels.checkworthy_names[1] if (u == 2 and n % 10 == 0) else choice
                check = {"id": "cw", "from_name": "checkworthy", "to_name": "sentence", "type": "choices",
                         "value": {"choices": [picked]}}  # fmt: skip
                annotations.append({"result": [*result, check], "completed_by": user, "lead_time": 3.0 + u})
            task = corpus.task_for(sentence, None, "bench")
            task["annotations"] = annotations
            tasks.append(task)
        for start in range(0, len(tasks), 2000):
            client.import_tasks(project.id, tasks[start : start + 2000], retry=True)
    seconds, rss, out = timed([*CORPUS, "status", "--project", project.name, "-w", str(ws.root), "--json"], env=env)
    # The same summary from converted records, without the server.
    started = time.perf_counter()
    progress = Progress(len(tasks), 3)
    for n, task in enumerate(tasks):
        task = {"id": n + 1, **task, "annotations": [{"id": 3 * n + i, **a} for i, a in enumerate(task["annotations"])]}
        progress.add(n + 1, task["data"]["text"], convert_task(task, project.id, project.key).records)
    progress.summary()
    local = time.perf_counter() - started
    reported = json.loads(out[out.index("{") :])
    print(
        f"  status reported {len(reported['annotators'])} annotators, {reported['disagreements']['sentences']} disputed"
    )
    record(
        "status",
        len(tasks),
        seconds,
        local,
        "s",
        "end to end incl. export; baseline column: corpus without the server",
        rss,
    )


# -- publish ----------------------------------------------------------------------------------
AGAIN = 5  # releases timed after the first (the machine's speed varies from run to run)


def bench_publish(work: Path, size: int, sentences: Path) -> None:
    """Two pseudonymous annotators per sentence, records written directly (no Label Studio)."""
    from corpus import convert_task, predictions_for, read_records

    data = work / f"publish-data-{size}"
    data.mkdir(exist_ok=True)
    for name in ("documents.jsonl", "sentences.jsonl"):
        (data / name).write_bytes((sentences.parent / name).read_bytes())

    def annotations():
        for n, sentence in enumerate(read_records(sentences, record_type="sentence")):
            result = [r for p in predictions_for(sentence["text"]) for r in p["result"]]
            task = {
                "id": n + 1,
                "data": {**sentence, "sentence_id": sentence["id"]},
                "annotations": [
                    {"id": 2 * n + u, "completed_by": u, "result": result, "lead_time": 2.0} for u in (1, 2)
                ],
            }
            yield convert_task(task, 1, "bench").records

    batches = list(annotations())
    write_records(data / "annotations.jsonl", (r for batch in batches for r in batch))
    write_records(data / "merged.jsonl", (merge_sentence(batch) for batch in batches))
    rows = len(batches)
    # A first release runs the rules on the test split (the card's baseline); a release after it, from
    # the same workspace, reads the predictions the first one kept (``.corpus/rules/``).
    workspace = work / f"publish-workspace-{size}"
    shutil.rmtree(workspace, ignore_errors=True)
    command = [*CORPUS, "publish", "--version", "1.0.0", "--data", str(data), "-w", str(workspace), "-o"]
    seconds, rss, _ = timed([*command, str(work / f"dataset-{size}")])
    record("publish (first release)", rows, rows / seconds, None, "sentences/s", f"{seconds:.1f} s", rss)
    again = sorted(timed([*command, str(work / f"dataset-{size}-again{n}")]) for n in range(AGAIN))
    seconds, rss, _ = again[len(again) // 2]
    spread = f"{seconds:.1f} s, median of {AGAIN} ({again[0][0]:.1f}-{again[-1][0]:.1f} s)"
    record(
        "publish (a release after it)", rows, rows / seconds, None, "sentences/s", spread, max(r for _, r, _ in again)
    )
    # The first release of a workspace that pushed the sentences reads the predictions push made.
    pushed = work / f"publish-workspace-{size}-pushed"
    shutil.rmtree(pushed, ignore_errors=True)
    keep_as_push_does(data / "sentences.jsonl", pushed)
    command = [*CORPUS, "publish", "--version", "1.0.0", "--data", str(data), "-w", str(pushed), "-o"]
    seconds, rss, _ = timed([*command, str(work / f"dataset-{size}-after-push")])
    record("publish (first release after push)", rows, rows / seconds, None, "sentences/s", f"{seconds:.1f} s", rss)


def keep_as_push_does(sentences: Path, workspace: Path) -> None:
    """Prepare every sentence's task as push's worker does, keeping the rules' predictions in
    ``workspace`` (without Label Studio: what push sends is not timed here)."""
    from corpus.studio import labelconfig
    from corpus.studio.prepare import LocalPreparer, batches

    preparer = LocalPreparer(labelconfig.generate(), sentences, workspace=corpus.Workspace(workspace))
    for n, batch in enumerate(batches(corpus.read_records(sentences, record_type="sentence"), 500)):
        preparer.prepare(str(n), batch)
    preparer.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="Corpus sizes in sentences (comma-separated).")
    parser.add_argument("--steps", default="accuracy,split,push,pull,publish")
    parser.add_argument("--work", default=None, help="Working folder (default: a temporary one).")
    parser.add_argument("--json", dest="json_out", default=None, help="Also write the rows as JSON to this file.")
    parser.add_argument("--repeat", type=int, default=1, help="Runs of split (and of pySBD) to take the median of.")
    args = parser.parse_args()
    steps = set(args.steps.split(","))
    work = Path(args.work or tempfile.mkdtemp(prefix="corpus-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; work in {work}")
    # The commands timed start as an installed package does: pip compiles a package's modules
    # when it installs it, while an editable install run with PYTHONDONTWRITEBYTECODE (as CI
    # machines set it) would compile every corpus module again at each start (about 0.1 s).
    compileall.compile_dir(Path(corpus.__file__).parent, quiet=1)
    if "accuracy" in steps:
        accuracy()
    ls = connection(work) if steps & {"push", "pull", "status"} else None
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            sentences = bench_split(work, size, args.repeat)
            if "push" in steps:
                bench_push(work, size, sentences, *ls)
            if "pull" in steps:
                bench_pull(work, size, sentences, *ls)
            if "status" in steps:
                bench_status(work, size, sentences, *ls)
            if "publish" in steps:
                bench_publish(work, size, sentences)
    finally:
        if ls is not None and not os.environ.get("LABEL_STUDIO_URL"):
            corpus.studio_down(work / "studio")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(ROWS, indent=2))
    print("\n| step | size | corpus | baseline | ratio | peak RSS | note |\n|---|---|---|---|---|---|---|")
    for row in ROWS:
        if row["step"] != "accuracy":
            print(table_row(row))


def table_row(row: dict) -> str:
    fmt = lambda value, suffix="": f"{value:.1f}{suffix}" if value else "-"
    ratio = f"{row['ratio']:.2f}" if row["ratio"] else "-"
    return (
        f"| {row['step']} | {row['size']} | {fmt(row['corpus'])} {row['unit']} | {fmt(row['baseline'])} | {ratio} | "
        f"{fmt(row['rss_mib'], ' MiB')} | {row['note']} |"
    )


if __name__ == "__main__":
    main()
