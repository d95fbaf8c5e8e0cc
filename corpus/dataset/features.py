"""Hugging Face ``Features`` of every dataset config, derived from the JSON Schemas.

Nothing here lists a label by hand: enums become ``ClassLabel``s with the schema's names (a
missing value is -1), strings, numbers and booleans become ``Value``s, arrays of objects become
lists of structs.
"""

from __future__ import annotations

from typing import Any

from datasets import ClassLabel, Features, List, Value

from corpus.schema import label_set, load_schemas

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
