"""Soak: push, pull, publish and ``studio move`` killed with SIGKILL at random points, run again,
and checked to an exact result, N times each, against a real Label Studio (not a test: minutes).

Setup: a throwaway workspace with the embedded Label Studio (SQLite), a generated corpus
(scripts/newsgen.py), a base project annotated by two annotators through the API (with a few
drafts); for ``move``, a throwaway PostgreSQL cluster (scripts/pgcluster.py) with Label
Studio on it behind uWSGI, its draft import on, as ``studio move --to postgresql://`` starts it.

Each round runs the command in a process of its own, kills it with SIGKILL after a delay drawn
from a seeded generator (between 0.2 s and 1.1 times what an uninterrupted run took), runs it
again to the end, and checks:

* push: the project has exactly one task per sentence (counted, and every sentence id once);
* pull: the annotation file has exactly the annotations Label Studio has (a few new ones are
  posted before each round), byte for byte what a full pull into another folder gives;
* publish: the dataset folder's parquet files have the rows of an uninterrupted publish;
* move: the target has the source's tasks, annotations and drafts (a fresh target project
  each round).

    .venv/bin/python scripts/soak.py --runs 10 --seed 1

Prints a Markdown table (``--json`` for the raw rounds). Exit status 1 if any round was not exact.

``--figures`` measures ``corpus studio backup`` and ``restore`` instead (docs/backup.md): the
examples pushed and annotated, and a generated project of ``--figure-tasks`` tasks with
``--figure-annotated`` of them annotated twice, on SQLite and on PostgreSQL (uWSGI).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import newsgen  # noqa: E402

import corpus  # noqa: E402
from corpus import defaults  # noqa: E402
from corpus.studio import server as studio  # noqa: E402
from corpus.studio.client import Client, Connection  # noqa: E402
from corpus.studio.move import DRAFTS_FLAG  # noqa: E402


@dataclass
class Round:
    command: str
    delay: float  # seconds after the start when SIGKILL was sent
    killed: bool  # it was still running then (else it had finished)
    rerun_seconds: float = 0.0
    exact: bool = False
    expected: dict[str, int] = field(default_factory=dict)
    found: dict[str, int] = field(default_factory=dict)
    note: str = ""


def cli(*args: str) -> list[str]:
    """The ``corpus`` command in a process of its own (what the console script runs)."""
    return [sys.executable, "-c", "import sys; from corpus.cli import main; sys.exit(main())", *args]


def run(args: list[str], env: dict[str, str], *, accept: str | None = None) -> float:
    """Run a command to its end; its time. A failure is an error, unless its message has ``accept``."""
    began = time.monotonic()
    done = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode != 0 and not (accept and accept in done.stderr):
        raise RuntimeError(f"{' '.join(args[3:])} failed: {done.stderr.strip()[-600:]}")
    return time.monotonic() - began


def killed_run(args: list[str], env: dict[str, str], delay: float) -> tuple[bool, float]:
    """Start the command, SIGKILL it after ``delay`` seconds; whether it was still running, and
    how long it ran."""
    began = time.monotonic()
    process = subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=delay)
        return False, time.monotonic() - began
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True, time.monotonic() - began


class Soak:
    def __init__(self, root: Path, seed: int, sentences: int):
        self.root, self.rng = root, random.Random(seed)
        self.ws = corpus.Workspace(root / "ws")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")}
        self.env["CORPUS_MAX_RETRY_SECONDS"] = "20"
        state = studio.up(self.ws)
        self.url, self.key = str(state.url), self.ws.credentials["api_key"]
        newsgen.write_corpus(root / "src" / "news.jsonl", sentences=sentences, seed=seed)
        corpus.split(root / "src" / "news.jsonl", root / "data")
        self.sentences = root / "data" / "sentences.jsonl"
        self.expected_ids = sorted(
            r["id"] for r in corpus.read_records(self.sentences) if r["role"] in defaults.PUSH_ROLES
        )
        self.annotation_rng = random.Random(seed + 1)

    def client(self, url: str | None = None, key: str | None = None) -> Client:
        return Client(Connection(url or self.url, key or self.key))

    def project_id(self, name: str, ws: corpus.Workspace | None = None) -> int:
        return int((ws or self.ws).state["projects"][name]["id"])

    def tasks(self, client: Client, project: int) -> list[dict[str, Any]]:
        return list(client.iter_tasks(project))

    # -- the base project: annotated, with drafts -------------------------------------------------
    def base(self, annotated: int) -> None:
        run(cli("push", str(self.sentences), "--project", "soak-base", "-w", str(self.ws.root)), self.env)
        with self.client() as client:
            emails = [f"soak{n}@annotators.example" for n in range(2)]
            self.users = [client.request("POST", "/api/users/", json={"email": e, "username": e}) for e in emails]
            self.base_tasks = self.tasks(client, self.project_id("soak-base"))
            for task in self.base_tasks[:annotated]:
                for user in self.users:
                    self.annotate(client, task, user)
            for task in self.base_tasks[:3]:
                client.request("POST", f"/api/tasks/{task['id']}/drafts", json={"result": [], "lead_time": 2.0})

    def annotate(self, client: Client, task: dict[str, Any], user: dict[str, Any]) -> None:
        result = newsgen.claim_result(task["data"]["text"], self.annotation_rng)
        client.request(
            "POST",
            f"/api/tasks/{task['id']}/annotations/",
            json={"completed_by": user["id"], "result": result, "lead_time": 3.0},
        )

    def counts(self, client: Client, project: int) -> dict[str, int]:
        tasks = self.tasks(client, project)
        with_drafts = [t["id"] for t in tasks]
        drafts = sum(
            len(t.get("drafts") or [])
            for start in range(0, len(with_drafts), 200)
            for t in client.export_tasks(project, with_drafts[start : start + 200])
        )
        annotations = sum(
            int(t.get("total_annotations") or 0) + int(t.get("cancelled_annotations") or 0) for t in tasks
        )
        return {"tasks": len(tasks), "annotations": annotations, "drafts": drafts}

    # -- the rounds ------------------------------------------------------------------------------
    def rounds(self, command: str, runs: int, one: Callable[[int, float], Round], reference: float) -> list[Round]:
        done = []
        for n in range(runs):
            delay = self.rng.uniform(0.2, 1.1 * reference)
            result = one(n, delay)
            print(
                f"{command} {n + 1}/{runs}: killed at {delay:.1f} s ({'mid-run' if result.killed else 'after it ended'}), "
                f"re-run {result.rerun_seconds:.1f} s, {'exact' if result.exact else 'NOT EXACT'} {result.found}"
                + (f" {result.note}" if result.note else ""),
                file=sys.stderr,
            )
            done.append(result)
        return done

    def push_round(self, n: int, delay: float) -> Round:
        name = f"soak-push-{n}"
        args = cli("push", str(self.sentences), "--project", name, "-w", str(self.ws.root), "--batch-size", "100")
        result = Round("push", delay, killed_run(args, self.env, delay)[0])
        result.rerun_seconds = run(args, self.env)
        project = self.project_id(name)
        with self.client() as client:
            ids = [t["data"]["sentence_id"] for t in self.tasks(client, project)]
            result.expected = {"tasks": len(self.expected_ids)}
            result.found = {"tasks": len(ids), "distinct": len(set(ids))}
            result.exact = sorted(ids) == self.expected_ids
            client.delete_project(project)
        return result

    def pull_round(self, n: int, delay: float) -> Round:
        project = self.project_id("soak-base")
        with self.client() as client:  # new work since the last round
            for _ in range(self.rng.randrange(0, 6)):
                self.annotate(client, self.rng.choice(self.base_tasks), self.rng.choice(self.users))
            expected = self.counts(client, project)["annotations"]
        output = self.root / "data" / "annotations.jsonl"
        args = cli("pull", "--project", "soak-base", "-o", str(output), "-w", str(self.ws.root))
        if n % 2 == 0:
            args.append("--full")
        result = Round("pull" + (" --full" if n % 2 == 0 else ""), delay, killed_run(args, self.env, delay)[0])
        result.rerun_seconds = run(args, self.env)
        reference = self.root / "reference" / "annotations.jsonl"
        run(cli("pull", "--project", "soak-base", "--full", "-o", str(reference), "-w", str(self.ws.root)), self.env)
        lines = len(output.read_text(encoding="utf-8").splitlines())
        result.expected, result.found = {"annotations": expected}, {"annotations": lines}
        same = output.read_bytes() == reference.read_bytes()
        merged = output.with_name("merged.jsonl").read_bytes() == reference.with_name("merged.jsonl").read_bytes()
        result.exact = lines == expected and same and merged
        return result

    def publish_rows(self, folder: Path) -> dict[str, int]:
        import pyarrow.parquet as pq

        rows: dict[str, int] = {}
        for path in sorted(folder.glob("**/*.parquet")):
            config = path.parent.relative_to(folder).as_posix()
            rows[config] = rows.get(config, 0) + pq.read_metadata(path).num_rows
        return rows

    def publish_round(self, n: int, delay: float) -> Round:
        target = self.root / f"dataset-{n}"
        args = cli("publish", "--version", "1.0.0", "-o", str(target), "--data", str(self.root / "data"))
        result = Round("publish", delay, killed_run(args, self.env, delay)[0])
        # A publish that got to its end before the kill: the same version again is refused (exit 1).
        result.rerun_seconds = run(args, self.env, accept="is not newer than the published")
        result.expected, result.found = self.published, self.publish_rows(target)
        result.exact = result.found == result.expected
        shutil.rmtree(target, ignore_errors=True)
        return result

    def start_target(self) -> None:
        from pgcluster import start_cluster

        self.cluster = start_cluster(Path(tempfile.mkdtemp(prefix="corpus-soak-pg-")), durable=True)
        self.target_ws = corpus.Workspace(self.root / "target")
        os.environ[DRAFTS_FLAG] = "true"  # as studio move --to postgresql:// starts its server
        state = studio.up(self.target_ws, database=self.cluster.create_database("soak_target"), workers=2)
        self.target_url, self.target_key = str(state.url), self.target_ws.credentials["api_key"]

    def move_round(self, n: int, delay: float) -> Round:
        ws = corpus.Workspace(self.root / f"move-{n}")
        ws.ensure()
        entry = self.ws.state["projects"]["soak-base"]
        ws.save_state({"projects": {"soak-base": entry}})
        shutil.copytree(self.ws.path("push"), ws.path("push"))
        with self.client(self.target_url, self.target_key) as target:  # a fresh target project each round
            for project in target.projects():
                target.delete_project(int(project["id"]))
        args = cli(
            "studio", "move", "--to", self.target_url, "--to-api-key", self.target_key,
            "--url", self.url, "--api-key", self.key, "-w", str(ws.root),
        )  # fmt: skip
        killed, took = killed_run(args, self.env, delay)
        result = Round("studio move", delay, killed, note=f"{took:.1f} s uninterrupted" if not killed else "")
        result.rerun_seconds = run(args, self.env)
        with self.client() as source, self.client(self.target_url, self.target_key) as target:
            result.expected = self.counts(source, entry["id"])
            result.found = self.counts(target, self.project_id("soak-base", ws))
        result.exact = result.found == result.expected
        shutil.rmtree(ws.root, ignore_errors=True)
        return result

    def close(self) -> None:
        if getattr(self, "target_ws", None) is not None:
            studio.down(self.target_ws)
            self.cluster.stop()
            shutil.rmtree(self.cluster.root, ignore_errors=True)
        studio.down(self.ws)


def figures(root: Path, tasks: int, annotated: int, seed: int) -> list[dict[str, Any]]:
    """Backup and restore of the examples and of a large generated project, on both shapes."""
    from pgcluster import start_cluster

    env = {k: v for k, v in os.environ.items() if not k.startswith("LABEL_STUDIO_")}
    rng = random.Random(seed)
    newsgen.write_corpus(root / "src" / "news.jsonl", sentences=tasks, seed=seed)
    inputs = {"examples": REPO / "examples", f"{tasks // 1000}k tasks": root / "src" / "news.jsonl"}
    cluster = start_cluster(Path(tempfile.mkdtemp(prefix="corpus-figures-pg-")), durable=True)
    rows = []
    try:
        for shape in ("sqlite", "postgresql"):
            for label, source in inputs.items():
                ws = corpus.Workspace(root / f"{shape}-{len(rows)}")
                database = cluster.create_database(f"figures_{len(rows)}") if shape == "postgresql" else None
                studio.up(ws, database=database, workers=2 if database else None)
                try:
                    data = root / f"data-{len(rows)}"
                    corpus.split(source, data)
                    run(cli("push", str(data / "sentences.jsonl"), "--project", "figures", "-w", str(ws.root)), env)
                    key = ws.credentials["api_key"]
                    with Client(Connection(str(ws.credentials["url"]), key)) as client:
                        project = int(ws.state["projects"]["figures"]["id"])
                        users = [
                            client.request("POST", "/api/users/", json={"email": e, "username": e})
                            for e in ("f0@annotators.example", "f1@annotators.example")
                        ]
                        listed = list(client.iter_tasks(project))
                        for task in listed[:annotated]:
                            for user in users:
                                result = newsgen.claim_result(task["data"]["text"], rng)
                                body = {"completed_by": user["id"], "result": result, "lead_time": 3.0}
                                client.request("POST", f"/api/tasks/{task['id']}/annotations/", json=body)
                    database_file = ws.path("studio", "label_studio.sqlite3")
                    made = corpus.studio_backup(root / f"backup-{len(rows)}.tar.gz", workspace=ws)
                    studio.down(ws)
                    began = time.monotonic()
                    target = cluster.url(f"restored_{len(rows)}") if database else None
                    corpus.studio_restore(made.path, workspace=root / f"restored-{len(rows)}", database=target)
                    restore_seconds = time.monotonic() - began
                    rows.append(
                        {
                            "shape": shape,
                            "project": label,
                            "tasks": made.counts["tasks"],
                            "annotations": made.counts["annotations"],
                            "database_mb": database_file.stat().st_size / 2**20 if shape == "sqlite" else None,
                            "backup_mb": made.size / 2**20,
                            "backup_s": made.seconds,
                            "locked_s": made.locked_seconds,
                            "restore_s": restore_seconds,
                        }
                    )
                    print(rows[-1], file=sys.stderr)
                finally:
                    studio.down(ws)
    finally:
        cluster.stop()
        shutil.rmtree(cluster.root, ignore_errors=True)
    return rows


def figures_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| shape | project | tasks | annotations | SQLite file | backup file | backup | of it, workspace locked | restore |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        db = f"{r['database_mb']:.1f} MB" if r["database_mb"] is not None else "-"
        lines.append(
            f"| {r['shape']} | {r['project']} | {r['tasks']:,} | {r['annotations']:,} | {db} | {r['backup_mb']:.1f} MB | "
            f"{r['backup_s']:.2f} s | {r['locked_s']:.2f} s | {r['restore_s']:.2f} s |"
        )
    return "\n".join(lines)


def table(rounds: list[Round], runs: int) -> str:
    lines = [
        "| command | rounds | killed mid-run | had ended | exact after the re-run | re-run median s | checked |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    checked = {
        "push": "tasks = sentences, each sentence id once",
        "pull": "annotation lines = Label Studio's; both files = a full pull's, byte for byte",
        "publish": "parquet rows per config = an uninterrupted publish's",
        "studio move": "tasks, annotations and drafts on the target = the source's",
    }
    for command in checked:
        mine = [r for r in rounds if r.command.split(" --")[0] == command]
        if not mine:
            continue
        lines.append(
            f"| {command} | {len(mine)} | {sum(r.killed for r in mine)} | {sum(not r.killed for r in mine)} | "
            f"{sum(r.exact for r in mine)}/{len(mine)} | {statistics.median(r.rerun_seconds for r in mine):.1f} | "
            f"{checked[command]} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10, help="rounds per command")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sentences", type=int, default=3000, help="sentences of the generated corpus")
    parser.add_argument("--annotated", type=int, default=1000, help="tasks of the base project annotated twice")
    parser.add_argument("--commands", default="push,pull,publish,move")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--figures", action="store_true", help="measure backup and restore instead (see above)")
    parser.add_argument("--figure-tasks", type=int, default=10000)
    parser.add_argument("--figure-annotated", type=int, default=1000)
    args = parser.parse_args()
    if args.figures:
        root = Path(tempfile.mkdtemp(prefix="corpus-figures-"))
        try:
            rows = figures(root, args.figure_tasks, args.figure_annotated, args.seed)
        finally:
            shutil.rmtree(root, ignore_errors=True)
        print(json.dumps(rows, indent=2) if args.json else figures_table(rows))
        return 0
    wanted = args.commands.split(",")
    root = Path(tempfile.mkdtemp(prefix="corpus-soak-"))
    soak = Soak(root, args.seed, args.sentences)
    rounds: list[Round] = []
    began = time.monotonic()
    try:
        soak.base(args.annotated)
        if "push" in wanted:
            reference = run(
                cli(
                    "push",
                    str(soak.sentences),
                    "--project",
                    "soak-push-ref",
                    "-w",
                    str(soak.ws.root),
                    "--batch-size",
                    "100",
                ),
                soak.env,
            )
            rounds += soak.rounds("push", args.runs, soak.push_round, reference)
        output = str(root / "data" / "annotations.jsonl")
        reference = run(
            cli("pull", "--project", "soak-base", "--full", "-o", output, "-w", str(soak.ws.root)), soak.env
        )
        if "pull" in wanted:
            rounds += soak.rounds("pull", args.runs, soak.pull_round, reference)
        if "publish" in wanted:
            reference = run(
                cli("publish", "--version", "1.0.0", "-o", str(root / "dataset-ref"), "--data", str(root / "data")),
                soak.env,
            )
            soak.published = soak.publish_rows(root / "dataset-ref")
            rounds += soak.rounds("publish", args.runs, soak.publish_round, reference)
        if "move" in wanted:
            soak.start_target()
            first = soak.move_round(-1, 10_000)  # an uninterrupted move first: its time sets the window
            assert first.exact, first
            reference = float(first.note.split()[0])
            rounds += soak.rounds("studio move", args.runs, soak.move_round, reference)
    finally:
        soak.close()
        shutil.rmtree(root, ignore_errors=True)
    if args.json:
        print(json.dumps([asdict(r) for r in rounds], indent=2))
    else:
        print(f"{args.runs} rounds per command, seed {args.seed}, {len(soak.expected_ids)} sentences, "
              f"{time.monotonic() - began:.0f} s in all\n")  # fmt: skip
        print(table(rounds, args.runs))
    return 0 if all(r.exact for r in rounds) else 1


if __name__ == "__main__":
    sys.exit(main())
