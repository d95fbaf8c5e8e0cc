"""Schema versions: diff, the version rule of publish, migration on read."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from corpus import schema
from corpus.cli import cli
from corpus.schema.migrate.records import migrate
from tests.test_publish import make_records


def changed_copy(tmp_path, name, edit):
    folder = tmp_path / name
    shutil.copytree(schema.schemas_root() / "1.0.0", folder)
    document = json.loads((folder / "document.schema.json").read_text())
    edit(document)
    (folder / "document.schema.json").write_text(json.dumps(document))
    return folder


def add_optional_section(document):
    document["properties"]["section"] = {"type": ["string", "null"]}


def test_schema_diff_tells_compatible_from_breaking(tmp_path):
    runner = CliRunner()
    assert "no change" in runner.invoke(cli, ["schema", "diff", "1.0.0", "1.0.0"]).output
    added = changed_copy(tmp_path, "added", add_optional_section)
    result = runner.invoke(cli, ["schema", "diff", "1.0.0", str(added)])
    assert (
        "compatible: document.section: field added (optional)" in result.output
        and "a minor version is enough" in result.output
    )
    removed = changed_copy(tmp_path, "removed", lambda d: d["properties"].pop("license"))
    result = json.loads(runner.invoke(cli, ["schema", "diff", "1.0.0", str(removed), "--json"]).output)
    assert result["breaking"] and result["changes"] == [
        {"path": "document.license", "what": "field removed", "breaking": True}
    ]
    assert runner.invoke(cli, ["schema", "diff", "1.0.0", "9.9.9"]).exit_code == 1


def test_publish_refuses_a_version_that_contradicts_a_breaking_schema_change(tmp_path):
    make_records(tmp_path / "data")
    folder = tmp_path / "dataset"
    runner = CliRunner()
    assert (
        runner.invoke(
            cli, ["publish", "--version", "1.2.0", "--data", str(tmp_path / "data"), "-o", str(folder)]
        ).exit_code
        == 0
    )
    # Pretend 1.2.0 was built with an older schema whose sentences had one more role.
    release = json.loads((folder / "release.json").read_text())
    release["schema_version"] = "0.9.0"
    (folder / "release.json").write_text(json.dumps(release))
    old = folder / "schemas" / "0.9.0"
    shutil.copytree(folder / "schemas" / schema.SCHEMA_VERSION, old)
    sentence = json.loads((old / "sentence.schema.json").read_text())
    sentence["properties"]["role"]["enum"].append("byline")
    (old / "sentence.schema.json").write_text(json.dumps(sentence))
    refused = runner.invoke(cli, ["publish", "--version", "1.3.0", "--data", str(tmp_path / "data"), "-o", str(folder)])
    assert refused.exit_code == 1
    assert (
        "breaking" in refused.output
        and "sentence.role: values removed: ['byline']" in refused.output
        and "publish it as 2.0.0" in refused.output
    )
    accepted = runner.invoke(
        cli, ["publish", "--version", "2.0.0", "--data", str(tmp_path / "data"), "-o", str(folder)]
    )
    assert accepted.exit_code == 0, accepted.output
    assert "BREAKING: sentence.role" in (folder / "CHANGELOG.md").read_text()


@pytest.fixture
def schemas_with_1_1(tmp_path, monkeypatch):
    """A test schema root holding 1.0.0 and a 1.1.0 that adds an optional document field."""
    root = tmp_path / "schemas"
    shutil.copytree(schema.schemas_root() / "1.0.0", root / "1.0.0")
    shutil.copytree(changed_copy(tmp_path, "next", add_optional_section), root / "1.1.0")
    monkeypatch.setattr(schema, "schemas_root", lambda: root)
    schema.load_schemas.cache_clear()
    schema._validators.cache_clear()
    yield root
    schema.load_schemas.cache_clear()
    schema._validators.cache_clear()


def test_records_of_an_older_version_are_migrated_on_read(schemas_with_1_1):
    old = {
        "record": "document",
        "schema_version": "1.0.0",
        "id": "d0123456789abcdef",
        "text": "A text.",
        "title": None,
        "url": None,
        "publisher": None,
        "published": None,
        "language": None,
        "license": None,
        "source_file": None,
    }
    steps = {("1.0.0", "1.1.0"): lambda r: {**r, "section": None} if r["record"] == "document" else r}
    new = migrate(old, target="1.1.0", migrations=steps)
    assert new["schema_version"] == "1.1.0" and new["section"] is None
    assert schema.record_errors(new) == []
    with pytest.raises(schema.SchemaError, match="no migration from schema version 1.0.0"):
        migrate(old, target="1.1.0", migrations={})
    with pytest.raises(schema.SchemaError, match="newer than 1.1.0"):
        migrate({**old, "schema_version": "2.0.0"}, target="1.1.0")


def test_version_rule_refuses_lower_versions_and_patch_releases_of_schema_changes(tmp_path):
    from corpus.errors import VersionError
    from corpus.schema.diff import check_version, diff, load_folder

    previous = {"version": "1.2.0"}
    for lower in ("1.1.9", "0.9.0", "1.2.0"):
        with pytest.raises(VersionError, match=f"version {lower} is not newer than the published 1.2.0"):
            check_version(lower, previous, [])
    check_version("1.2.1", previous, [])  # no schema change: a patch is enough
    check_version("1.0.0", None, [])  # nothing published yet
    compatible = diff(load_folder("1.0.0"), load_folder(changed_copy(tmp_path, "added", add_optional_section)))
    assert compatible and not any(c.breaking for c in compatible)
    with pytest.raises(VersionError, match=r"a patch version cannot carry that, use 1\.3\.0"):
        check_version("1.2.1", previous, compatible)
    check_version("1.3.0", previous, compatible)
    check_version("2.0.0", previous, compatible)
    breaking = diff(
        load_folder("1.0.0"), load_folder(changed_copy(tmp_path, "removed", lambda d: d["properties"].pop("license")))
    )
    with pytest.raises(VersionError, match=r"publish it as 2\.0\.0"):
        check_version("1.3.0", previous, breaking)
    check_version("2.0.0", previous, breaking)


def test_schema_diff_finds_each_kind_of_change(tmp_path):
    from corpus.schema.diff import diff, load_folder

    def edit(document):
        props = document["properties"]
        props["license"]["type"] = "integer"  # type changed
        document["required"] = sorted(set(document.get("required", [])) | {"url"})  # made required
        props["must"] = {"type": "string"}
        document["required"].append("must")  # added, required

    old = load_folder("1.0.0")
    changes = {(c.path, c.what, c.breaking) for c in diff(old, load_folder(changed_copy(tmp_path, "edited", edit)))}
    kinds = {what.split(" from")[0]: breaking for _, what, breaking in changes}
    assert ("document.must", "field added (required)", True) in changes
    assert ("document.url", "field made required", True) in changes
    assert any(
        path == "document.license" and what.startswith("type changed from") and breaking
        for path, what, breaking in changes
    )
    assert kinds and all(kinds.values())
    assert diff(old, old) == []
    fewer = {k: v for k, v in old.items() if k != "merged"}
    assert [(c.path, c.what, c.breaking) for c in diff(fewer, old)] == [("merged", "record type added", False)]
    assert [(c.path, c.what, c.breaking) for c in diff(old, fewer)] == [("merged", "record type removed", True)]


def _doc(**properties):
    return {"document": {"type": "object", "properties": properties}}


def _changes(old, new):
    from corpus.schema.diff import diff

    return [(c.path, c.what, c.breaking) for c in diff(old, new)]


def test_schema_diff_of_enums_types_items_and_definitions():
    role = {"enum": ["a", "b"]}
    assert _changes(_doc(role=role), _doc(role={"enum": ["a", "b", "c"]})) == [
        ("document.role", "values added: ['c']", False)
    ]
    assert _changes(_doc(role=role), _doc(role={"enum": ["b"]})) == [("document.role", "values removed: ['a']", True)]
    # An enum given to a field that had none, and one taken away.
    assert _changes(_doc(role={"type": "string"}), _doc(role={"type": "string", "enum": ["x"]})) == [
        ("document.role", "values added: ['x']", False)
    ]
    assert _changes(_doc(role={"enum": ["x"]}), _doc(role={"type": "string"})) == [
        ("document.role", "values removed: ['x']", True),
        ("document.role", "type changed from ['enum'] to ['string']", True),
    ]
    # anyOf, $ref, const and untyped nodes each have their own type.
    assert (
        _changes(
            _doc(n={"anyOf": [{"type": "integer"}, {"type": "null"}]}), _doc(n={"type": ["integer", "null", "string"]})
        )
        == []
    )
    assert _changes(_doc(n={"anyOf": [{"type": "integer"}, {"type": "null"}]}), _doc(n={"type": "integer"})) == [
        ("document.n", "type changed from ['integer', 'null'] to ['integer']", True)
    ]
    assert _changes(_doc(n={"$ref": "#/$defs/a"}), _doc(n={"$ref": "#/$defs/b"})) == [
        ("document.n", "type changed from ['ref:#/$defs/a'] to ['ref:#/$defs/b']", True)
    ]
    assert _changes(_doc(n={"const": 1}), _doc(n={})) == [
        ("document.n", "type changed from ['const'] to ['any']", True)
    ]
    assert _changes(_doc(n={}), _doc(n={"const": 1})) == [
        ("document.n", "type changed from ['any'] to ['const']", True)
    ]
    # Array items and $defs are compared too, under their own paths.
    old = _doc(tags={"type": "array", "items": {"enum": ["x", "y"]}})
    assert _changes(old, _doc(tags={"type": "array", "items": {"enum": ["x"]}})) == [
        ("document.tags[]", "values removed: ['y']", True)
    ]
    assert _changes(old, _doc(tags={"type": "array"})) == []
    assert _changes(_doc(tags={"type": "array"}), old) == []
    defs = lambda values: {
        "document": {"type": "object", "$defs": {"label": {"enum": values}, "new": {"type": "string"}}}
    }
    assert _changes({"document": {"type": "object", "$defs": {"label": {"enum": ["A", "B"]}}}}, defs(["A"])) == [
        ("document.$defs.label", "values removed: ['B']", True)
    ]


def test_version_refusal_names_the_first_breaking_change_and_how_many_more():
    from corpus.errors import VersionError
    from corpus.schema.diff import Change, check_version

    one = [Change("a.x", "field removed", True)]
    with pytest.raises(VersionError) as refused:
        check_version("1.3.0", {"version": "1.2.0"}, one)
    assert (
        str(refused.value)
        == "the schema changed in a breaking way since 1.2.0 (BREAKING: a.x: field removed); publish it as 2.0.0"
    )
    three = one + [
        Change("a.y", "field removed", True),
        Change("a.z", "values added: [1]", False),
        Change("a.w", "field made required", True),
    ]
    with pytest.raises(VersionError, match=r"\(BREAKING: a\.x: field removed and 2 more\); publish it as 2\.0\.0$"):
        check_version("1.3.0", {"version": "1.2.0"}, three)


def test_load_folder_reads_a_version_or_a_folder_and_names_what_is_missing(tmp_path):
    from corpus.schema.diff import load_folder

    assert (
        set(load_folder("1.0.0"))
        == set(load_folder(schema.schemas_root() / "1.0.0"))
        >= {"document", "sentence", "annotation"}
    )
    with pytest.raises(FileNotFoundError, match="no schema folder or known version '7.7.7'"):
        load_folder("7.7.7")
