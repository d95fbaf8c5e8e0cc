"""``corpus publish``: build the dataset folder (and optionally upload it to the Hub)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from corpus import defaults
from corpus.dataset import card
from corpus.dataset.build import BuildStats, build_folder
from corpus.dataset.changes import DataChanges, data_changes
from corpus.dataset.evaluate import write_scorer
from corpus.dataset.features import compiled_features
from corpus.dataset.folder import archive_release, copy_schemas, replace_folder, staging_dir
from corpus.dataset.hub import UploadResult
from corpus.dataset.kept_predictions import KeptPredictions
from corpus.dataset.splits import parse_ratios
from corpus.errors import PublishError, SchemaError
from corpus.schema import SCHEMA_VERSION, parse_version, schemas_root
from corpus.schema import diff as schemadiff
from corpus.workspace import Workspace

RELEASE_FILE = "release.json"


@dataclass
class PublishResult:
    """The folder written, its rows per config and split, and the upload if one was asked for."""

    folder: Path
    version: str
    rows: dict[str, dict[str, int]]
    seconds: float
    changes: list[schemadiff.Change]
    data: DataChanges = field(default_factory=DataChanges)
    warnings: list[str] = field(default_factory=list)
    upload: UploadResult | None = None
    previous: Path | None = None  # where the release this one replaced in the folder was kept

    def line(self) -> str:
        sentences = self.rows["sentences"]
        text = (
            f"dataset {self.version}: {sum(sentences.values())} sentences in "
            f"{', '.join(f'{k} {v}' for k, v in sentences.items())} -> {self.folder}/"
        )
        if self.previous:
            text += f"\nthe previous release is kept in {self.previous}/"
        if self.upload:
            text += f"\nuploaded to {self.upload.repo_id}, tagged {self.upload.tag}"
        return text

    def to_dict(self) -> dict[str, Any]:
        summary: dict[str, Any] = {
            "warnings": self.warnings,
            "data_changes": asdict(self.data),
            "folder": str(self.folder),
            "version": self.version,
            "rows": self.rows,
            "seconds": round(self.seconds, 2),
            "previous_kept_in": str(self.previous) if self.previous else None,
        }
        if self.upload:
            summary.update({"repo_id": self.upload.repo_id, "tag": self.upload.tag, "tags": self.upload.tags})
        return summary


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Python's cycle collector run a thousandth as often while a release is built.

    A build makes millions of short-lived dicts and lists (records, rows), and the collector's
    default pace would walk every long-lived object (most of them the imported libraries')
    again and again: a third of the build's time at 100,000 sentences. The build makes no
    cycles of its own; the pace is put back when it ends.
    """
    threshold = gc.get_threshold()
    gc.set_threshold(700_000, threshold[1], threshold[2] * 100)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def previous_release(folder: Path) -> dict[str, Any] | None:
    try:
        release: dict[str, Any] = json.loads((folder / RELEASE_FILE).read_text(encoding="utf-8"))
        return release
    except FileNotFoundError:
        return None


def _changelog(
    folder: Path,
    version: str,
    previous: dict[str, Any] | None,
    rows: dict[str, dict[str, int]],
    changes: list[schemadiff.Change],
    data: DataChanges,
) -> str:
    old = (
        (folder / "CHANGELOG.md").read_text(encoding="utf-8") if (folder / "CHANGELOG.md").exists() else "# Changelog\n"
    )
    totals = {config: sum(per_split.values()) for config, per_split in rows.items()}
    lines = [f"## {version} ({dt.date.today().isoformat()})", "", f"- schema {SCHEMA_VERSION}"]
    lines += data.lines()
    if previous is None:
        lines.append("- first release: " + ", ".join(f"{n} {c}" for c, n in totals.items()))
    else:
        before = previous.get("totals", {})
        lines.append(
            "- rows since "
            + previous["version"]
            + ": "
            + ", ".join(f"{c} {before.get(c, 0)} → {n}" for c, n in totals.items())
        )
        lines += [f"- schema change: {c}" for c in changes] or ["- no schema change"]
    head, _, rest = old.partition("\n")
    return head + "\n\n" + "\n".join(lines) + "\n" + rest


def _warnings(stats: BuildStats) -> list[str]:
    """What the release could not carry, by count: said loudly, never dropped quietly."""
    warnings = []
    if stats.orphan_annotations:
        tasks = ", ".join(str(t) for t in sorted(set(stats.orphan_tasks))[:10])
        more = " ..." if len(set(stats.orphan_tasks)) > 10 else ""
        warnings.append(
            f"{stats.orphan_annotations} annotations of {stats.orphan_sentences} sentences are orphans (their sentence is "
            f"gone or its text changed; Label Studio tasks {tasks}{more}): kept in the annotations config with their own "
            f"text, left out of the merged configs"
        )
    if stats.unresolved:
        tied = len(stats.unresolved)
        warnings.append(
            f"{tied} {'sentence' if tied == 1 else 'sentences'} with unresolved ties (published as method 'tie', "
            f"the tied labels left empty): run corpus review to adjudicate them"
        )
    empty = [split for split, n in stats.rows.get("sentences", {}).items() if n == 0]
    if empty:
        warnings.append(
            f"no sentences in the {' and '.join(empty)} split{'s' if len(empty) > 1 else ''}: too few documents for "
            f"the ratios (splits are by document); add documents or change --splits"
        )
    if stats.unplaced_spans:
        warnings.append(
            f"{stats.unplaced_spans} spans marked in a sentence's context are no longer in that context: left out of the merged configs"
        )
    return warnings


def _refuse_empty(stats: BuildStats, data_dir: Path) -> None:
    """Never an empty dataset with exit 0: refuse when no annotated sentence is current."""
    if stats.merged_records == 0:
        raise PublishError(f"no annotations in {data_dir}: run corpus pull into {data_dir} first")
    if stats.orphan_sentences == stats.merged_records:
        raise PublishError(
            f"none of the {stats.merged_records} annotated sentences is in {data_dir / defaults.SENTENCES_FILE} any more "
            f"(all {stats.orphan_annotations} annotations are orphans): split the sources those annotations were made on, "
            f"or push the current sentences and annotate them, then publish again"
        )


def publish(
    version: str,
    *,
    data_dir: str | Path = defaults.DATA_DIR,
    output: str | Path = defaults.DATASET_DIR,
    seed: int = defaults.SPLIT_SEED,
    ratios: dict[str, float] | str | None = None,
    name: str = defaults.DATASET_NAME,
    repo_id: str | None = None,
    private: bool = False,
    licence: str | None = None,
    workspace: Workspace | str | Path | None = None,
) -> PublishResult:
    """Publish the pulled annotations as a versioned Hugging Face dataset folder.

    Writes parquet files per config and split (by document, from a seeded hash), a dataset card
    with typed features, statistics and agreement, the schema files, CHANGELOG.md and
    release.json. The folder is replaced only when complete; the release it held before is kept
    beside it as ``<output>-v<its version>`` (the folder stays the one pushed to the Hub).

    Args:
        version: the dataset version X.Y.Z; newer than the last release, a new major after a
            breaking schema change.
        data_dir: the folder with split's and pull's files.
        output: the dataset folder to write.
        seed: seed of the document-level split.
        ratios: split ratios, as a dict or as "train=0.8,validation=0.1,test=0.1".
        name: the dataset's name in its card.
        repo_id: also upload to the Hugging Face Hub as ORG/NAME and tag vX.Y.Z.
        private: create the Hub repository as private.
        licence: the dataset's licence when the publisher knows better than the documents' own
            (default: the one licence all documents carry, else ``other`` with a per-document table).
        workspace: where the learned model is (the card scores it as a baseline), and where the rule
            pre-annotator's predictions of the test split are kept for the next release.

    Raises:
        PublishError: a file is missing; VersionError: the version is refused; HubError: the Hub refused.
        InputError: a bad record in the data folder (named by file and line).
        OptionError: bad split ratios.
    """
    from corpus.model.workspace import current_model  # (the rules' patterns are compiled on import)

    started = time.perf_counter()
    data_dir, folder = Path(data_dir), Path(output)
    if isinstance(ratios, str):
        ratios = parse_ratios(ratios)
    ratios = ratios or dict(defaults.SPLIT_RATIOS)
    try:
        parse_version(version)
    except SchemaError:
        raise PublishError(f"version {version!r} is not X.Y.Z") from None
    for needed in (defaults.ANNOTATIONS_FILE, defaults.MERGED_FILE, defaults.SENTENCES_FILE, defaults.DOCUMENTS_FILE):
        if not (data_dir / needed).exists():
            raise PublishError(
                f"{data_dir / needed} is missing: run corpus split and corpus pull into {data_dir} first"
            )
    previous = previous_release(folder)
    changes: list[schemadiff.Change] = []
    if previous is not None:
        old_schemas = folder / "schemas" / previous["schema_version"]
        changes = schemadiff.diff(
            schemadiff.load_folder(old_schemas), schemadiff.load_folder(schemas_root() / SCHEMA_VERSION)
        )
        schemadiff.check_version(version, previous, changes)
    features = compiled_features(workspace)
    with staging_dir(folder) as tmp, fewer_collections():
        staging = Path(tmp)
        stats = build_folder(
            data_dir,
            staging,
            seed=seed,
            ratios=ratios,
            model=current_model(workspace),
            kept=KeptPredictions(workspace),
            features=features,
        )
        _refuse_empty(stats, data_dir)
        copy_schemas(staging)
        write_scorer(staging, name)  # evaluate.py and the Hub's eval.yaml
        card.write_card(
            staging / "README.md",
            stats,
            version=version,
            name=name,
            splits=list(ratios),
            seed=seed,
            ratios=ratios,
            citation_key=name.replace(" ", "_").lower(),
            licence=licence,
            guidelines_sha256=card.write_guidelines(staging),
            features=features,
        )
        data = data_changes(folder if previous is not None else None, staging)
        (staging / "CHANGELOG.md").write_text(
            _changelog(folder, version, previous, stats.rows, changes, data), encoding="utf-8"
        )
        totals = {config: sum(per_split.values()) for config, per_split in stats.rows.items()}
        release = {
            "version": version,
            "schema_version": SCHEMA_VERSION,
            "seed": seed,
            "ratios": ratios,
            "rows": stats.rows,
            "totals": totals,
            "published": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        }
        (staging / RELEASE_FILE).write_text(json.dumps(release, indent=2), encoding="utf-8")
        kept = archive_release(folder, previous["version"]) if previous is not None else None
        replace_folder(staging, folder)
    result = PublishResult(folder, version, stats.rows, time.perf_counter() - started, changes, data, _warnings(stats))
    result.previous = kept
    if repo_id:
        from corpus.dataset.hub import upload

        result.upload = upload(folder, repo_id, version, private=private)
    return result
