#!/usr/bin/env python3
"""Cost of checking pre-annotations against the labeling config (studio/checks.py) on N tasks.

.venv/bin/python scripts/bench_checks.py [N]       # default 10000 generated sentences
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import newsgen  # noqa: E402

import corpus  # noqa: E402
from corpus.studio import labelconfig  # noqa: E402
from corpus.studio.checks import PredictionChecker  # noqa: E402

clock = time.process_time  # CPU seconds: the machine may be shared, wall time is noisy


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "news.jsonl"
        newsgen.write_corpus(source, sentences=size, seed=size)
        corpus.split([source], Path(tmp) / "out", jobs=1)
        sentences = list(corpus.read_records(Path(tmp) / "out" / "sentences.jsonl", record_type="sentence"))
    tasks = [corpus.task_for(s, None, "bench") for s in sentences][:size]
    regions = sum(len(p["result"]) for t in tasks for p in t["predictions"])
    started = clock()
    checker = PredictionChecker(labelconfig.generate())
    ready = clock()
    checker.check_tasks(tasks)
    done = clock()
    uncached = PredictionChecker(labelconfig.generate())
    uncached._verdicts = _NoCache()
    again = clock()
    uncached.check_tasks(tasks)
    end = clock()
    print(
        f"CPU seconds, {len(tasks)} tasks, {regions} regions: LabelInterface import+parse {ready - started:.2f} s, "
        f"check {done - ready:.2f} s ({(done - ready) / max(len(tasks), 1) * 1e6:.0f} us/task); "
        f"without the verdict cache {end - again:.2f} s"
    )


class _NoCache(dict):  # type: ignore[type-arg]
    def __setitem__(self, key, value) -> None:  # type: ignore[no-untyped-def]
        pass


if __name__ == "__main__":
    main()
