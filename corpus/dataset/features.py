"""Hugging Face ``Features`` of every dataset config, derived from the JSON Schemas.

Nothing here lists a label by hand: enums become ``ClassLabel``s with the schema's names (a
missing value is -1), strings, numbers and booleans become ``Value``s, arrays of objects become
lists of structs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib.metadata import version as installed_version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from corpus.schema import label_set, load_schemas
from corpus.workspace import Workspace, code_digest, read_pickle, remove_others, write_pickle

if TYPE_CHECKING:
    from datasets import Features

_TYPES = {"string": "string", "integer": "int64", "number": "float64", "boolean": "bool"}


def _resolve(node: dict[str, Any], schemas: dict[str, dict[str, Any]], home: str) -> tuple[dict[str, Any], str]:
    ref = node.get("$ref")
    if not ref:
        return node, home
    target, _, pointer = ref.partition("#")
    if target:
        home = target.replace(".schema.json", "")
    resolved: Any = schemas[home]
    for part in pointer.strip("/").split("/"):
        resolved = resolved[part]
    return _resolve(resolved, schemas, home)


def feature_of(node: dict[str, Any], schemas: dict[str, dict[str, Any]], home: str) -> Any:
    """The datasets feature for one JSON Schema node."""
    from datasets import ClassLabel, List, Value

    node, home = _resolve(node, schemas, home)
    if "anyOf" in node:  # nullable: the non-null branch decides the type
        branch = next(b for b in node["anyOf"] if b.get("type") != "null")
        return feature_of(branch, schemas, home)
    if "enum" in node:
        return ClassLabel(names=list(node["enum"]))
    if "const" in node:
        return Value("string")
    kind = node.get("type")
    if isinstance(kind, list):
        kind = next(k for k in kind if k != "null")
    if kind == "array":
        return List(feature_of(node["items"], schemas, home))
    if kind == "object":
        return {name: feature_of(sub, schemas, home) for name, sub in node.get("properties", {}).items()}
    return Value(_TYPES[str(kind)])


def record_features(record_type: str, fields: list[str] | None = None, version: str | None = None) -> dict[str, Any]:
    """Features of (some) top-level fields of a record type, in the order given."""
    schemas = load_schemas(version) if version else load_schemas()
    properties = schemas[record_type]["properties"]
    names = fields or [n for n in properties if n != "record"]
    return {name: feature_of(properties[name], schemas, record_type) for name in names}


SENTENCE_FIELDS = [
    "id",
    "doc_id",
    "index",
    "text",
    "start",
    "end",
    "paragraph",
    "role",
    "context_before",
    "context_after",
]
DOCUMENT_FIELDS = [
    "id",
    "revision",
    "title",
    "url",
    "publisher",
    "published",
    "language",
    "license",
    "source_file",
    "text",
]
ANNOTATION_FIELDS = [
    "id",
    "sentence_id",
    "sentence_text",
    "doc_id",
    "annotator",
    "ground_truth",
    "created_at",
    "updated_at",
    "lead_time",
    "spans",
    "attributions",
    "figures",
    "checkworthy",
    "comment",
]
LAYERS = [l.name for l in label_set().span_labels]


# The published configs, in the card's order, with what a row of each is.
CONFIG_DESCRIPTIONS = {
    "sentences": "one row per annotated sentence with its merged (adjudicated) labels",
    "attributions": "one row per merged attribution: source, cue, content and type",
    "figures": "one row per merged figure with its normalised value, unit, kind and approximation",
    "tokens": "tokens with BIO tags per span layer, for span tagging",
    "documents": "the source articles with their metadata and licence",
    "annotations": "raw annotations, one row per sentence and (pseudonymous) annotator, for agreement studies",
}
CONFIGS = tuple(CONFIG_DESCRIPTIONS)


def bio_names(label: str) -> list[str]:
    return ["O", f"B-{label}", f"I-{label}"]


def config_features() -> dict[str, Features]:
    """Features of each published config."""
    from datasets import ClassLabel, Features, List, Value

    merged = record_features(
        "merged", ["annotators", "method", "methods", "spans", "attributions", "figures", "checkworthy", "agreement"]
    )
    figure, attribution = merged["figures"].feature, merged["attributions"].feature
    sentence = record_features("sentence", SENTENCE_FIELDS)
    return {
        "sentences": Features({**sentence, **merged}),
        "attributions": Features({"sentence_id": Value("string"), "doc_id": Value("string"), **attribution}),
        "figures": Features({"sentence_id": Value("string"), "doc_id": Value("string"), **figure}),
        "tokens": Features(
            {
                "sentence_id": Value("string"),
                "doc_id": Value("string"),
                "tokens": List(Value("string")),
                "token_starts": List(Value("int64")),
                "token_ends": List(Value("int64")),
                **{f"{layer.lower()}_tags": List(ClassLabel(names=bio_names(layer))) for layer in LAYERS},
            }
        ),
        "documents": Features(record_features("document", DOCUMENT_FIELDS)),
        # orphan: the annotated sentence is no longer in its document (or its text changed).
        "annotations": Features({**record_features("annotation", ANNOTATION_FIELDS), "orphan": Value("bool")}),
    }


# -- The features as the build reads them, without importing datasets ---------------------------
#
# Importing datasets (and pandas with it) takes half a second, a twentieth of a publish of 100,000
# sentences and a third of one of a thousand, on a path where nothing else can run meanwhile. The
# build needs of the features only their Arrow schema, their metadata and the names of each
# ClassLabel, and the card the YAML datasets makes of them: datasets makes them once, and the
# workspace keeps them for the next publish (``compiled_features``).

FEATURES_DIR = "features"


@dataclass(frozen=True)
class ClassNames:
    """A ``ClassLabel`` as the build reads it: its names (``names``, as the ClassLabel has them)."""

    names: list[str]


@dataclass(frozen=True)
class ListOf:
    """A ``List`` feature as the build reads it: its items' feature (``feature``, as the List has it)."""

    feature: Any


class CompiledFeatures(dict[str, Any]):
    """One config's features, field by field (``ClassNames``, ``ListOf``, a dict for a struct, a
    ``Value``'s dtype otherwise), with what the build and the card read of ``datasets.Features``:
    ``arrow_schema``, ``to_dict()`` and the card's YAML of them (``yaml_list``)."""

    arrow_schema: pa.Schema
    as_dict: dict[str, Any]
    yaml_list: list[Any]

    def to_dict(self) -> dict[str, Any]:
        return self.as_dict


def compiled(features: Features) -> CompiledFeatures:
    """``features`` as the build reads them (see ``CompiledFeatures``)."""
    from datasets import ClassLabel, List

    def node(feature: Any) -> Any:
        if isinstance(feature, ClassLabel):
            return ClassNames(list(feature.names))
        if isinstance(feature, List):
            return ListOf(node(feature.feature))
        if isinstance(feature, dict):
            return {name: node(sub) for name, sub in feature.items()}
        return str(feature.dtype)

    result = CompiledFeatures({name: node(feature) for name, feature in features.items()})
    result.arrow_schema, result.as_dict = features.arrow_schema, features.to_dict()
    result.yaml_list = features._to_yaml_list()
    return result


def _features_path(workspace: Workspace | str | Path | None) -> Path:
    """Where the workspace keeps the compiled features of this code, datasets and pyarrow."""
    key = json.dumps([code_digest(), installed_version("datasets"), pa.__version__])
    return Workspace.of(workspace).path(FEATURES_DIR) / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.pickle"


def compiled_features(workspace: Workspace | str | Path | None = None) -> dict[str, CompiledFeatures]:
    """Features of each published config as the build reads them: kept in the workspace (made by
    datasets the first time, and after an upgrade of corpus, datasets or pyarrow)."""
    path = _features_path(workspace)
    kept = read_pickle(path)
    if isinstance(kept, dict) and list(kept) == list(CONFIGS):
        return kept
    made = {config: compiled(features) for config, features in config_features().items()}
    write_pickle(path, made)
    remove_others(path)
    return made
