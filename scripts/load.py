"""Load test: simulated annotators posting annotations while a push of 20k sentences and a pull
run, on the shapes of the embedded Label Studio, side by side in one run:

* SQLite + Django's development server (``corpus studio up`` before issue 25;
  ``CORPUS_STUDIO_SERVER=development`` now),
* SQLite in WAL mode + uWSGI workers (``corpus studio up``),
* PostgreSQL + uWSGI workers (``corpus studio up --database ...``), on a throwaway cluster of
  Debian's PostgreSQL with fsync on (scripts/pgcluster.py).

Each annotator is a thread with its own Label Studio user and its own API token, posting to
random tasks of a seeded project for ``--seconds``: ``--pace full`` as fast as the server
answers, ``--pace human`` with a think time of 2-8 s per sentence. From the same moment
``corpus push`` imports 20k sentences into a second project (run again when it gives up, as a
user would: it resumes) and ``corpus pull`` exports the annotated one; they finish after the
window if they must. Reported per
shape: writes/s, p50/p95/max latency of the annotation posts, errors by kind, the push and pull
times, and the lost-annotation count (posted and answered 201, but missing from a final pull).

    .venv/bin/python scripts/load.py --annotators 16 --pace full --sentences 20000
    .venv/bin/python scripts/load.py --annotators 10,25,50 --pace human --shapes sqlite-dev,sqlite-uwsgi

Timings live here, never in the tests. Prints a Markdown table (and --json for the raw numbers).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import httpx  # noqa: E402
import newsgen  # noqa: E402
from pgcluster import start_cluster  # noqa: E402

import corpus  # noqa: E402
from corpus.studio import server as studio  # noqa: E402

SEED_SENTENCES = 2000


def make_users(workspace: Path, count: int, database: str | None) -> list[tuple[int, str]]:
    """Annotator users with their own legacy tokens, made through Django in Label Studio's
    environment (the REST API neither shows nor creates another user's token)."""
    venv = studio.studio_executable().parent
    script = (
        "import django, os, json, sys; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'core.settings.label_studio');"
        "django.setup();"
        "from users.models import User; from organizations.models import Organization;"
        "from rest_framework.authtoken.models import Token;"
        "org = Organization.objects.first(); out = []\n"
        "for n in range(int(sys.argv[1])):\n"
        "    u, _ = User.objects.get_or_create(email=f'annotator{n}@load.example', defaults={'username': f'annotator{n}'})\n"
        "    org.add_user(u); u.active_organization = org; u.save()\n"
        "    out.append([u.id, Token.objects.get_or_create(user=u)[0].key])\n"
        "print(json.dumps(out))"
    )
    env = {"PATH": str(venv), "LABEL_STUDIO_BASE_DATA_DIR": str(workspace / ".corpus" / "studio")}
    if database:
        env.update(studio.Database.parse(database).environment())
        env["LABEL_STUDIO_BASE_DATA_DIR"] = str(workspace / ".corpus" / "studio-postgresql")
    result = subprocess.run(
        [str(venv / "python"), "-c", script, str(count)],
        env=env,
        cwd=studio.package_dir(),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return [tuple(pair) for pair in json.loads(result.stdout.strip().splitlines()[-1])]  # type: ignore[misc]


class Annotator(threading.Thread):
    def __init__(self, url: str, token: str, tasks: list[dict[str, Any]], pace: str, stop: threading.Event, seed: int):
        super().__init__(daemon=True)
        self.http = httpx.Client(base_url=url, headers={"Authorization": f"Token {token}"}, timeout=120)
        self.tasks, self.pace, self.stop, self.rng = tasks, pace, stop, random.Random(seed)
        self.latencies: list[float] = []
        self.errors: Counter[str] = Counter()
        self.posted: list[int] = []

    def run(self) -> None:
        while not self.stop.is_set():
            task = self.rng.choice(self.tasks)
            text = task["data"]["text"]
            result = newsgen.claim_result(text, self.rng)
            if self.pace == "human":
                self.stop.wait(self.rng.uniform(2, 8))
            started = time.perf_counter()
            try:
                response = self.http.post(
                    f"/api/tasks/{task['id']}/annotations/", json={"result": result, "lead_time": 3.0}
                )
                elapsed = time.perf_counter() - started
                if response.status_code == 201:
                    self.latencies.append(elapsed)
                    self.posted.append(int(response.json()["id"]))
                else:
                    self.errors[f"HTTP {response.status_code}"] += 1
            except httpx.HTTPError as exc:
                self.errors[type(exc).__name__] += 1


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


SHAPES = {  # label: Label Studio's server on SQLite (PostgreSQL is always uWSGI)
    "sqlite-dev": "development",
    "sqlite-uwsgi": "uwsgi",
    "postgresql-uwsgi": "uwsgi",
}
TITLES = {
    "sqlite-dev": "SQLite + development server",
    "sqlite-uwsgi": "SQLite (WAL) + uWSGI",
    "postgresql-uwsgi": "PostgreSQL + uWSGI",
}


def run_shape(
    label: str, database: str | None, count: int, args: argparse.Namespace, work: Path, source: Path
) -> dict[str, Any]:
    root = work / f"{label}-{count}"
    root.mkdir()
    ws = corpus.Workspace(root)
    started = time.perf_counter()
    state = corpus.studio_up(ws, database=database, workers=args.workers, server=SHAPES[label])
    print(f"[{label}] {state.line()} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    try:
        corpus.split([source], root / "data")
        seed_dir = root / "seed"
        seed_dir.mkdir()
        lines = (root / "data" / "sentences.jsonl").read_text(encoding="utf-8").splitlines()
        (seed_dir / "sentences.jsonl").write_text("\n".join(lines[:SEED_SENTENCES]) + "\n", encoding="utf-8")
        corpus.push(seed_dir / "sentences.jsonl", project="load-annotate", overlap=100, workspace=ws)
        with corpus.connect(ws) as client:
            ref = corpus.find_project(ws, client, "load-annotate")
            tasks = list(client.iter_tasks(ref.id))
        users = make_users(root, count, database)
        stop = threading.Event()
        annotators = [
            Annotator(state.url or "", token, tasks, args.pace, stop, seed=n) for n, (_, token) in enumerate(users)
        ]
        load_started = time.perf_counter()
        for annotator in annotators:
            annotator.start()
        timings: dict[str, float] = {}
        push_failures: list[str] = []
        outcome: dict[str, Any] = {}

        def push() -> None:
            started = time.perf_counter()
            while True:  # what a user does when a push gives up: run it again (it resumes)
                try:
                    outcome["push"] = corpus.push(root / "data" / "sentences.jsonl", project="load-push", workspace=ws)
                    break
                except corpus.LabelStudioError as exc:
                    push_failures.append(type(exc).__name__)
                    if len(push_failures) >= 50:
                        raise
            timings["push"] = time.perf_counter() - started

        def pull() -> None:
            started = time.perf_counter()
            try:
                corpus.pull(
                    project="load-annotate", output=root / "pulled" / "annotations.jsonl", workspace=ws, full=True
                )
            except corpus.LabelStudioError as exc:
                outcome["pull_error"] = type(exc).__name__
            timings["pull"] = time.perf_counter() - started

        jobs = [threading.Thread(target=push), threading.Thread(target=pull)]
        for job in jobs:
            job.start()
        # The annotators work for a fixed window; push and pull run in it and finish after it if they must.
        time.sleep(args.seconds)
        stop.set()
        for annotator in annotators:
            annotator.join(timeout=300)
        load_seconds = time.perf_counter() - load_started
        for job in jobs:
            job.join()
        final = corpus.pull(
            project="load-annotate", output=root / "final" / "annotations.jsonl", workspace=ws, full=True
        )
        pulled_ids = {
            r["label_studio"]["annotation"] for r in corpus.read_records(root / "final" / "annotations.jsonl")
        }
        posted = [i for a in annotators for i in a.posted]
        latencies = [x for a in annotators for x in a.latencies]
        errors: Counter[str] = Counter()
        for annotator in annotators:
            errors.update(annotator.errors)
        return {
            "shape": label,
            "annotators": count,
            "pace": args.pace,
            "workers": state.workers,
            "writes": len(posted),
            "writes_per_s": len(posted) / load_seconds,
            "p50": statistics.median(latencies) if latencies else float("nan"),
            "p95": percentile(latencies, 0.95),
            "max": max(latencies, default=float("nan")),
            "errors": dict(errors),
            "push_seconds": timings["push"],
            "push_failures": len(push_failures),
            "pushed": outcome["push"].imported + outcome["push"].already,
            "pull_seconds": timings["pull"],
            "pull_error": outcome.get("pull_error"),
            "load_seconds": load_seconds,
            "pulled": final.annotations,
            "lost": len(set(posted) - pulled_ids),
        }
    finally:
        corpus.studio_down(ws)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--annotators", default="16", help="annotator threads; several: 10,25,50 (a run each)")
    parser.add_argument("--pace", choices=["full", "human"], default="full")
    parser.add_argument("--sentences", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=None, help="uWSGI workers (default: two per core)")
    parser.add_argument("--seconds", type=float, default=120.0, help="how long the annotators work")
    parser.add_argument("--shapes", default=",".join(SHAPES), help=f"some of {', '.join(SHAPES)}")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    shapes = args.shapes.split(",")
    with tempfile.TemporaryDirectory(prefix="corpus-load-") as tmp:
        work = Path(tmp)
        source = work / "news.jsonl"
        newsgen.write_corpus(source, sentences=args.sentences, seed=13)
        rows = []
        for annotators in (int(n) for n in args.annotators.split(",")):
            for label in shapes:
                if label != "postgresql-uwsgi":
                    rows.append(run_shape(label, None, annotators, args, work, source))
                    print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
                    continue
                # Its own folder: the postgres user cannot enter the private work folder.
                cluster = start_cluster(Path(tempfile.mkdtemp(prefix="corpus-load-pg-")), durable=True)
                try:
                    rows.append(run_shape(label, cluster.create_database("ls"), annotators, args, work, source))
                    print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
                finally:
                    cluster.stop()
                    shutil.rmtree(cluster.root, ignore_errors=True)
    if args.json:
        print(json.dumps(rows, indent=2))
    print(
        "| server | annotators | writes/s | p50 s | p95 s | max s | errors | push s | pull s | lost |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    )
    for r in rows:
        shape = TITLES[r["shape"]] + (f" ({r['workers']} workers)" if r["workers"] else "")
        errors = ", ".join(f"{k}: {v}" for k, v in r["errors"].items()) or "0"
        print(
            f"| {shape} | {r['annotators']} ({r['pace']}) | {r['writes_per_s']:.1f} | {r['p50']:.2f} | {r['p95']:.2f} | "
            f"{r['max']:.2f} | {errors} | {r['push_seconds']:.0f} ({r['pushed']} tasks, {r['push_failures']} given up and re-run) | "
            f"{r['pull_seconds']:.0f} | "
            f"{r['lost']} |"
        )


if __name__ == "__main__":
    main()
