"""Comparison of two schema versions, and the version rule of ``publish``.

A change is breaking when data valid under the old schema may be invalid or mean something
else under the new one: a field removed, a field made required, a type changed, an enum
value removed. Adding an optional field or an enum value is not breaking.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.errors import SchemaError, VersionError
from corpus.schema import RECORD_TYPES, parse_version, schemas_root


@dataclass(frozen=True)
class Change:
    path: str
    what: str
    breaking: bool

    def __str__(self) -> str:
        return f"{'BREAKING' if self.breaking else 'compatible'}: {self.path}: {self.what}"


def load_folder(where: str | Path) -> dict[str, dict[str, Any]]:
    """Schemas of a version ('1.0.0', found under schemas/) or of a folder of schema files."""
    folder = Path(where)
    if not folder.is_dir():
        folder = schemas_root() / str(where)
    if not folder.is_dir():
        raise FileNotFoundError(f"no schema folder or known version {where!r}")
    return {
        p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(folder.glob("*.schema.json"))
    }


def _types(node: dict[str, Any]) -> set[str]:
    if "anyOf" in node:
        return set().union(*(_types(n) for n in node["anyOf"]))
    if "$ref" in node:
        return {"ref:" + node["$ref"]}
    kind = node.get("type")
    if kind is None:
        return {"enum"} if "enum" in node else {"const"} if "const" in node else {"any"}
    return set(kind) if isinstance(kind, list) else {kind}


def _diff(old: dict[str, Any], new: dict[str, Any], path: str, out: list[Change]) -> None:
    if "enum" in old or "enum" in new:
        removed = [v for v in old.get("enum", []) if v not in new.get("enum", [])]
        added = [v for v in new.get("enum", []) if v not in old.get("enum", [])]
        if removed:
            out.append(Change(path, f"values removed: {removed}", True))
        if added:
            out.append(Change(path, f"values added: {added}", False))
    old_types, new_types = _types(old), _types(new)
    if not old_types <= new_types:
        out.append(Change(path, f"type changed from {sorted(old_types)} to {sorted(new_types)}", True))
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
    for name in old_props:
        if name not in new_props:
            out.append(Change(f"{path}.{name}", "field removed", True))
    for name in new_props:
        if name not in old_props:
            out.append(
                Change(
                    f"{path}.{name}",
                    "field added" + (" (required)" if name in new_required else " (optional)"),
                    name in new_required,
                )
            )
        else:
            if name in new_required and name not in old_required:
                out.append(Change(f"{path}.{name}", "field made required", True))
            _diff(old_props[name], new_props[name], f"{path}.{name}", out)
    if "items" in old and "items" in new:
        _diff(old["items"], new["items"], f"{path}[]", out)
    for name, node in new.get("$defs", {}).items():
        if name in old.get("$defs", {}):
            _diff(old["$defs"][name], node, f"{path}.$defs.{name}", out)


def diff(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> list[Change]:
    changes: list[Change] = []
    for record in RECORD_TYPES:
        if record in old and record not in new:
            changes.append(Change(record, "record type removed", True))
        elif record in old:
            _diff(old[record], new[record], record, changes)
        elif record in new:
            changes.append(Change(record, "record type added", False))
    return changes


def check_version(new_version: str, previous: dict[str, Any] | None, changes: list[Change]) -> None:
    """Refuse a dataset version that contradicts the schema change since the previous release."""
    new = parse_version(new_version)
    if previous is None:
        return
    old = parse_version(previous["version"])
    if new <= old:
        raise VersionError(f"version {new_version} is not newer than the published {previous['version']}")
    breaking = [c for c in changes if c.breaking]
    if breaking and new[0] == old[0]:
        raise VersionError(
            f"the schema changed in a breaking way since {previous['version']} ({breaking[0]}"
            f"{f' and {len(breaking) - 1} more' if len(breaking) > 1 else ''}); publish it as {old[0] + 1}.0.0"
        )
    if changes and new[:2] == old[:2]:
        raise VersionError(
            f"the schema changed since {previous['version']} ({changes[0]}); a patch version cannot carry that, use {old[0]}.{old[1] + 1}.0"
        )


@dataclass
class SchemaDiff:
    """The changes between two schema versions, and whether any of them is breaking."""

    old: str
    new: str
    changes: list[Change]

    @property
    def breaking(self) -> bool:
        return any(c.breaking for c in self.changes)

    def line(self) -> str:
        verdict = (
            "breaking: a new major version is needed"
            if self.breaking
            else ("compatible: a minor version is enough" if self.changes else "no change")
        )
        return "\n".join([*(str(c) for c in self.changes), verdict])

    def to_dict(self) -> dict[str, Any]:
        return {
            "breaking": self.breaking,
            "changes": [{"path": c.path, "what": c.what, "breaking": c.breaking} for c in self.changes],
        }


def schema_diff(old: str | Path, new: str | Path) -> SchemaDiff:
    """Compare two schema versions, each a version like '1.0.0' or a folder of schema files.

    Raises:
        SchemaError: no such version or folder.
    """
    try:
        return SchemaDiff(str(old), str(new), diff(load_folder(old), load_folder(new)))
    except FileNotFoundError as exc:
        raise SchemaError(str(exc)) from None
