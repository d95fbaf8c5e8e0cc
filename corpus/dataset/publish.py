"""``corpus publish``: build the dataset folder (and optionally upload it to the Hub)."""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.dataset import card

from corpus.dataset import build as dataset

from corpus.schema import diff as schemadiff
from corpus.schema import SCHEMA_VERSION, parse_version, schemas_root

RELEASE_FILE = "release.json"


class PublishError(ValueError):
    """The dataset cannot be published as asked; the message says why and what to do."""


@dataclass
class PublishResult:
    folder: Path
    version: str
    rows: dict[str, dict[str, int]]
    seconds: float
    changes: list[schemadiff.Change]


def previous_release(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / RELEASE_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def _changelog(folder: Path, version: str, previous: dict[str, Any] | None, rows: dict[str, dict[str, int]], changes: list[schemadiff.Change]) -> str:
    old = (folder / "CHANGELOG.md").read_text(encoding="utf-8") if (folder / "CHANGELOG.md").exists() else "# Changelog\n"
    totals = {config: sum(per_split.values()) for config, per_split in rows.items()}
    lines = [f"## {version} ({dt.date.today().isoformat()})", "", f"- schema {SCHEMA_VERSION}"]
    if previous is None:
        lines.append("- first release: " + ", ".join(f"{n} {c}" for c, n in totals.items()))
    else:
        before = previous.get("totals", {})
        lines.append("- rows since " + previous["version"] + ": " + ", ".join(f"{c} {before.get(c, 0)} → {n}" for c, n in totals.items()))
        lines += [f"- schema change: {c}" for c in changes] or ["- no schema change"]
    head, _, rest = old.partition("\n")
    return head + "\n\n" + "\n".join(lines) + "\n" + rest


def publish(data_dir: str | Path, folder: str | Path, version: str, *, seed: int = 0, ratios: dict[str, float] | None = None,
            name: str = "corpus news claims") -> PublishResult:
    """Write a complete dataset repository folder from pull's records in ``data_dir``."""
    started = time.perf_counter()
    data_dir, folder = Path(data_dir), Path(folder)
    ratios = ratios or dict(dataset.DEFAULT_RATIOS)
    try:
        parse_version(version)
    except ValueError:
        raise PublishError(f"version {version!r} is not X.Y.Z") from None
    for needed in ("annotations.jsonl", "merged.jsonl", "sentences.jsonl", "documents.jsonl"):
        if not (data_dir / needed).exists():
            raise PublishError(f"{data_dir / needed} is missing: run corpus split and corpus pull into {data_dir} first")
    previous = previous_release(folder)
    changes: list[schemadiff.Change] = []
    if previous is not None:
        old_schemas = folder / "schemas" / previous["schema_version"]
        changes = schemadiff.diff(schemadiff.load_folder(old_schemas), schemadiff.load_folder(schemas_root() / SCHEMA_VERSION))
        try:
            schemadiff.check_version(version, previous, changes)
        except ValueError as exc:
            raise PublishError(str(exc)) from None
    with dataset.staging_dir(folder) as tmp:
        staging = Path(tmp)
        stats = dataset.build_folder(data_dir, staging, seed=seed, ratios=ratios)
        dataset.copy_schemas(staging)
        card.write_card(staging / "README.md", stats, version=version, name=name, splits=list(ratios), seed=seed, ratios=ratios,
                        citation_key=name.replace(" ", "_").lower())
        (staging / "CHANGELOG.md").write_text(_changelog(folder, version, previous, stats.rows, changes), encoding="utf-8")
        totals = {config: sum(per_split.values()) for config, per_split in stats.rows.items()}
        release = {"version": version, "schema_version": SCHEMA_VERSION, "seed": seed, "ratios": ratios, "rows": stats.rows,
                   "totals": totals, "published": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
        (staging / RELEASE_FILE).write_text(json.dumps(release, indent=2), encoding="utf-8")
        dataset.replace_folder(staging, folder)
    return PublishResult(folder, version, stats.rows, time.perf_counter() - started, changes)
