"""The versioned JSON Schemas in ``schemas/``: loading, validation and the label set.

The schema files are the single source of truth: the Label Studio config, the dataset
features and the dataset card are all derived from what is read here at run time.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus.errors import SchemaError

if TYPE_CHECKING:  # jsonschema is imported when a record fails its check, not before
    import jsonschema

SCHEMA_VERSION = "2.1.0"
RECORD_TYPES = ("document", "sentence", "annotation", "merged")


def schemas_root() -> Path:
    """Folder holding one sub-folder of schema files per version.

    Installed wheels carry the schemas inside the package; a source checkout reads the
    top-level ``schemas/`` folder; ``CORPUS_SCHEMAS`` names another such folder.
    """
    override = os.environ.get("CORPUS_SCHEMAS")
    if override:  # a folder of versions to try a schema change with, before it ships
        return Path(override)
    package = Path(__file__).resolve().parent.parent
    packaged = package / "schemas"
    if packaged.is_dir():
        return packaged
    return package.parent / "schemas"


def parse_version(version: str) -> tuple[int, int, int]:
    try:
        major, minor, patch = (int(part) for part in version.split("."))
    except ValueError:
        raise SchemaError(f"not a semantic version: {version!r}") from None
    return major, minor, patch


def available_versions() -> list[str]:
    versions = [p.name for p in schemas_root().iterdir() if (p / "document.schema.json").exists()]
    return sorted(versions, key=parse_version)


@functools.cache
def load_schemas(version: str = SCHEMA_VERSION) -> dict[str, dict[str, Any]]:
    """All schema documents of one version, keyed by record type."""
    folder = schemas_root() / version
    if not folder.is_dir():
        raise SchemaError(
            f"schema version {version} is not known to this corpus (known: {', '.join(available_versions())}); upgrade corpus to read it"
        )
    return {t: json.loads((folder / f"{t}.schema.json").read_text()) for t in RECORD_TYPES}


@functools.cache
def _validators(version: str) -> dict[str, jsonschema.protocols.Validator]:
    import jsonschema
    from referencing import Registry, Resource

    schemas = load_schemas(version)
    registry = Registry().with_resources((f"{t}.schema.json", Resource.from_contents(s)) for t, s in schemas.items())
    # Relative $refs such as "annotation.schema.json#/$defs/..." resolve against the $id.
    registry = registry.with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    return {t: jsonschema.Draft202012Validator(s, registry=registry, format_checker=None) for t, s in schemas.items()}


def _bundle(node: Any, schemas: dict[str, dict[str, Any]], home: str) -> Any:
    """A copy of a schema node with every $ref replaced by what it points to (none is recursive)."""
    if isinstance(node, list):
        return [_bundle(item, schemas, home) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        where = target.removesuffix(".schema.json") if target else home
        resolved: Any = schemas[where]
        for part in pointer.strip("/").split("/"):
            resolved = resolved[part]
        return _bundle(resolved, schemas, where)
    return {k: _bundle(v, schemas, home) for k, v in node.items() if k not in ("$schema", "$id", "$defs")}


def record_errors(record: Any) -> list[str]:
    """Every way in which ``record`` fails its schema, as short messages (empty when valid)."""
    if not isinstance(record, dict):
        return [f"expected a JSON object, got {type(record).__name__}"]
    kind = record.get("record")
    if kind not in RECORD_TYPES:
        return [f"'record' must be one of {', '.join(RECORD_TYPES)}, got {kind!r}"]
    version = record.get("schema_version", SCHEMA_VERSION)
    try:
        # jsonschema-rs answers valid or not fast; jsonschema, which reports every error with
        # its path, runs only on a record it refuses.
        if _compiled_validator(str(version), kind).is_valid(record):
            return _offset_errors(record)
        validator = _validators(str(version))[kind]
    except SchemaError as exc:
        return [str(exc)]
    errors = []
    for error in sorted(validator.iter_errors(record), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(record)"
        errors.append(f"{where}: {error.message}")
    errors.extend(_offset_errors(record))
    return errors


def _offset_errors(record: dict[str, Any]) -> list[str]:
    """Cross-field invariants that JSON Schema cannot express."""
    if record.get("record") != "sentence":
        return []
    errors = []
    if record.get("end", 0) - record.get("start", 0) != len(record.get("text", "")):
        errors.append("end - start does not equal the length of text")
    if record.get("context_start", 0) > record.get("start", 0) or record.get("context_end", 0) < record.get("end", 0):
        errors.append("context must surround the sentence")
    return errors


@functools.cache
def _compiled_validator(version: str, record_type: str) -> Any:
    """The schema of one record type compiled by jsonschema-rs (formats not checked, as in
    ``_validators``): a yes/no answer in about a microsecond for a valid record."""
    import jsonschema_rs

    schemas = load_schemas(version)
    return jsonschema_rs.validator_for(_bundle(schemas[record_type], schemas, record_type), validate_formats=False)


def validator(record_type: str) -> Callable[[dict[str, Any]], None]:
    """A check of records of one type in the current schema version, for writing many records
    fast: a compiled validator says whether a record is valid; only when it is not, the check
    runs ``validate``, which raises SchemaError with every error (jsonschema's verdict wins)."""
    if record_type not in RECORD_TYPES:
        raise SchemaError(f"'record' must be one of {', '.join(RECORD_TYPES)}, got {record_type!r}")
    compiled = _compiled_validator(SCHEMA_VERSION, record_type)

    def check(record: dict[str, Any]) -> None:
        try:
            valid = compiled.is_valid(record)
        except (ValueError, TypeError, OverflowError):  # a value JSON cannot hold as such
            valid = False
        if not valid or _offset_errors(record):
            validate(record)

    return check


def validate(record: dict[str, Any]) -> dict[str, Any]:
    """Return ``record`` unchanged, or raise SchemaError with every problem found."""
    errors = record_errors(record)
    if errors:
        raise SchemaError("; ".join(errors))
    return record


# What each span label is for, as the code needs to know it: the schema's x-labels give every
# span label one of these roles, so a label may be renamed in the schema without a code change.
SPAN_ROLES = ("claim", "source", "cue", "content", "figure")


@dataclass(frozen=True)
class Label:
    name: str
    description: str
    hotkey: str | None = None
    background: str | None = None
    role: str | None = None
    reference: str | None = None  # the reference scheme the label follows


def _enum_labels(definition: dict[str, Any]) -> list[Label]:
    extra = definition.get("x-labels", {})
    return [
        Label(
            name,
            extra.get(name, {}).get("description", ""),
            extra.get(name, {}).get("hotkey"),
            extra.get(name, {}).get("background"),
            extra.get(name, {}).get("role"),
            extra.get(name, {}).get("reference"),
        )
        for name in definition["enum"]
    ]


@dataclass(frozen=True)
class LabelSet:
    """The label set of one schema version, read from the annotation schema's $defs."""

    version: str
    span_labels: list[Label]
    context_labels: list[str]
    attribution_types: list[Label]
    figure_kinds: list[str]
    figure_approx: list[str]
    checkworthy: list[Label]
    checkworthy_question: str = "Is this sentence worth fact-checking?"
    zero_source: bool = False  # attributions may be marked as having no source (2.0.0 on)
    figure_upper: bool = False  # figures carry the upper end of a range (2.0.0 on)
    checkworthy_from: dict[str, dict[str, str | None]] | None = None  # older version -> old choice -> new
    references: dict[str, str] | None = None  # label group (attribution_type, figure, checkworthy) -> scheme

    @property
    def span_names(self) -> list[str]:
        return [label.name for label in self.span_labels]

    def span_label(self, role: str) -> str:
        """The name of the span label that plays ``role`` (one of SPAN_ROLES), e.g. 'figure'."""
        for label in self.span_labels:
            if label.role == role:
                return label.name
        raise SchemaError(f"schema {self.version} has no span label with the role {role!r}")

    @property
    def figure(self) -> str:
        return self.span_label("figure")

    @property
    def source(self) -> str:
        return self.span_label("source")

    @property
    def cue(self) -> str:
        return self.span_label("cue")

    @property
    def content(self) -> str:
        return self.span_label("content")

    def checkworthy_label(self, role: str) -> str:
        """The sentence choice that plays ``role``: 'checkworthy', 'not_checkworthy' (or 'non_factual')."""
        for label in self.checkworthy:
            if label.role == role:
                return label.name
        raise SchemaError(f"schema {self.version} has no checkworthy choice with the role {role!r}")

    @property
    def checkworthy_names(self) -> list[str]:
        return [label.name for label in self.checkworthy]


@functools.cache
def label_set(version: str = SCHEMA_VERSION) -> LabelSet:
    """The label set of a schema version (the current one by default), with each label's role."""
    defs = load_schemas(version)["annotation"]["$defs"]
    labels = _label_set(version, defs)
    missing = [role for role in SPAN_ROLES if role not in {label.role for label in labels.span_labels}]
    if missing:
        raise SchemaError(f"schema {version}: no span label has the role {', '.join(missing)} (x-labels.<name>.role)")
    return labels


def sentence_roles(version: str = SCHEMA_VERSION) -> tuple[str, ...]:
    """Roles a sentence can have in its document (title, body, caption, ...), from the schema."""
    return tuple(load_schemas(version)["sentence"]["properties"]["role"]["enum"])


def _label_set(version: str, defs: dict[str, Any]) -> LabelSet:
    checkworthy = defs["checkworthy"]
    return LabelSet(
        checkworthy_question=checkworthy.get("x-question", LabelSet.checkworthy_question),
        zero_source="zero_source" in defs["attribution"]["properties"],
        figure_upper="upper" in defs["figure"]["properties"],
        checkworthy_from={
            key.removeprefix("x-from-"): value for key, value in checkworthy.items() if key.startswith("x-from-")
        },
        references={
            group: defs[group]["x-reference"]
            for group in ("attribution_type", "figure", "checkworthy")
            if "x-reference" in defs[group]
        },
        version=version,
        span_labels=_enum_labels(defs["span_label"]),
        context_labels=list(defs["context_label"]["enum"]),
        attribution_types=_enum_labels(defs["attribution_type"]),
        figure_kinds=list(defs["figure_kind"]["enum"]),
        figure_approx=list(defs["figure_approx"]["enum"]),
        checkworthy=_enum_labels(defs["checkworthy"]),
    )
