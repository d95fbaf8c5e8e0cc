"""The dataset folder on disk: written in a staging folder beside it, then moved into place."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from corpus.schema import SCHEMA_VERSION, schemas_root


def copy_schemas(folder: Path) -> None:
    target = folder / "schemas" / SCHEMA_VERSION
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted((schemas_root() / SCHEMA_VERSION).glob("*.json")):
        shutil.copyfile(path, target / path.name)


def replace_folder(staging: Path, folder: Path) -> None:
    """Move a fully written staging folder into place, keeping the folder's .git if any."""
    folder.mkdir(parents=True, exist_ok=True)
    for child in folder.iterdir():
        if child.name == ".git":
            continue
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in staging.iterdir():
        shutil.move(str(child), folder / child.name)


def archive_release(folder: Path, version: str) -> Path:
    """Move the release in ``folder`` (all but its .git) to a sibling ``<folder>-v<version>``, so that
    publishing the next version beside it never loses this one; returns the archive's path."""
    archive = folder.parent / f"{folder.name}-v{version}"
    if archive.exists():  # an earlier archive of the same version: replaced by this, the last one
        shutil.rmtree(archive)
    archive.mkdir()
    for child in folder.iterdir():
        if child.name != ".git":
            shutil.move(str(child), archive / child.name)
    return archive


def staging_dir(folder: Path) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder beside ``folder`` (same file system, so moving out of it is cheap)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    return tempfile.TemporaryDirectory(prefix=f".{folder.name}.", dir=folder.parent)
