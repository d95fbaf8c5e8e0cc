"""``corpus split`` and ``corpus validate`` through the CLI and the library."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from corpus.cli import cli
from corpus.jsonl import dumps
from corpus.schema import SCHEMA_VERSION, record_errors
from corpus.text.sentences import sentence_records
from corpus.text.sources import make_document
from tests.conftest import EXAMPLES


def run(*args: str) -> CliRunner.invoke:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_split_examples_writes_valid_documents_and_sentences(tmp_path):
    result = run("split", str(EXAMPLES), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "5 documents" in result.output
    documents = read(tmp_path / "documents.jsonl")
    sentences = read(tmp_path / "sentences.jsonl")
    assert len(documents) == 5 and len(sentences) > 30
    texts = {d["id"]: d["text"] for d in documents}
    for record in documents + sentences:
        assert record_errors(record) == [], record
    for s in sentences:
        assert texts[s["doc_id"]][s["start"] : s["end"]] == s["text"]
        assert texts[s["doc_id"]][s["context_start"] : s["start"]] == s["context_before"]
        assert texts[s["doc_id"]][s["end"] : s["context_end"]] == s["context_after"]
    # Metadata carried through from .jsonl and .html.
    brief = next(d for d in documents if d["id"] == "brief-001")
    assert brief["license"] == "CC0-1.0" and brief["publisher"] == "Corpus Example Desk"
    page = next(d for d in documents if (d["source_file"] or "").endswith(".html"))
    assert page["title"] == "School meals scheme reaches 50,000 pupils"
    assert page["language"] == "en"  # from <html lang="en">: trafilatura gives none
    assert "Cookie settings" not in page["text"] and "Subscribe" not in page["text"]
    page_roles = [s["role"] for s in sentences if s["doc_id"] == page["id"]]
    assert page_roles[0] == "title" and set(page_roles[1:]) == {"body"}
    assert run("validate", str(tmp_path / "documents.jsonl"), str(tmp_path / "sentences.jsonl")).exit_code == 0


def test_written_files_get_the_mode_of_the_umask_like_any_file_the_user_writes(tmp_path):
    import os

    old = os.umask(0o027)  # a team folder: group may read, others not
    try:
        assert run("split", str(EXAMPLES), "-o", str(tmp_path)).exit_code == 0
    finally:
        os.umask(old)
    for name in ("documents.jsonl", "sentences.jsonl"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o640


def test_ids_are_stable_and_local_to_the_edited_document(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    for name in ("harbour-bridge.txt", "river-survey.txt"):
        (source / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"), encoding="utf-8")
    run("split", str(source), "-o", str(tmp_path / "a"))
    run("split", str(source), "-o", str(tmp_path / "b"))
    first, again = read(tmp_path / "a" / "sentences.jsonl"), read(tmp_path / "b" / "sentences.jsonl")
    assert first == again
    river = source / "river-survey.txt"
    river.write_text(river.read_text(encoding="utf-8").replace("1,240", "1,250"), encoding="utf-8")
    run("split", str(source), "-o", str(tmp_path / "c"))
    edited = read(tmp_path / "c" / "sentences.jsonl")
    # Document ids are their source paths: a correction keeps them; only the revision changes.
    assert {s["doc_id"] for s in first} == {s["doc_id"] for s in edited} == {"harbour-bridge.txt", "river-survey.txt"}
    before, after = read(tmp_path / "a" / "documents.jsonl"), read(tmp_path / "c" / "documents.jsonl")
    assert [d["revision"] == e["revision"] for d, e in zip(before, after)] == [True, False]
    # Exactly the corrected sentence has a new id.
    changed = {s["id"] for s in first} ^ {s["id"] for s in edited}
    assert [s["text"] for s in first if s["id"] in changed] == [
        s["text"].replace("1,250", "1,240") for s in edited if s["id"] in changed
    ]
    assert len(changed) == 2 and all("1,24" in s["text"] for s in first if s["id"] in changed)


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_an_unchanged_sentence_keeps_its_id_through_edits_around_it(tmp_path):
    """One sentence changed, a paragraph inserted near the top, a paragraph deleted, and the
    segmentation changed elsewhere (strict quotations): every unchanged unit keeps its id."""
    original = (EXAMPLES / "harbour-bridge.txt").read_text(encoding="utf-8")
    paragraphs = _paragraphs(original)
    assert "The vote was 9 to 4." in original
    edited = "\n\n".join(
        [paragraphs[0], "A paragraph written after publication. It has two sentences.", *paragraphs[1:]]
    )
    edited = edited.replace("The vote was 9 to 4.", "The vote was 10 to 3.")
    deleted = paragraphs[-1]
    edited = edited.replace("\n\n" + deleted, "")
    ids = {}
    for name, text, strict in (("old", original, False), ("new", edited, False), ("strict", original, True)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "harbour-bridge.txt").write_text(text, encoding="utf-8")
        run(
            "split",
            str(folder / "harbour-bridge.txt"),
            "-o",
            str(folder / "out"),
            *(["--strict-sentences"] if strict else []),
        )
        records = read(folder / "out" / "sentences.jsonl")
        assert len({s["id"] for s in records}) == len(records)  # no unit twice
        ids[name] = {s["id"]: s["text"] for s in records}
    old, new, strict = ids["old"], ids["new"], ids["strict"]
    kept = old.keys() & new.keys()
    assert {old[i] for i in old.keys() - kept} >= {"The vote was 9 to 4."}
    for sentence_id in old.keys() - kept:  # only the changed sentence and the deleted paragraph's
        assert old[sentence_id] == "The vote was 9 to 4." or old[sentence_id] in deleted
    assert {new[i] for i in new.keys() - kept} == {
        "A paragraph written after publication.",
        "It has two sentences.",
        "The vote was 10 to 3.",
    }
    # Strict splitting cuts the multi-sentence quotation into pieces with new ids; every other
    # unit keeps its id.
    unchanged = {i for i in old if i in strict}
    assert len(unchanged) == len(old) - 1 and len(strict) > len(old)


def test_crlf_bom_tabs_nbsp_and_astral_characters_keep_offsets(tmp_path):
    text = (EXAMPLES / "harbour-bridge.txt").read_text(encoding="utf-8")
    odd = "\ufeff" + text.replace("\n", "\r\n").replace("Tuesday", "Tues\u00a0day 😀").replace(
        "The vote", "\tThe 𝔘 vote"
    )
    (tmp_path / "odd.txt").write_bytes(odd.encode("utf-8"))
    assert run("split", str(tmp_path / "odd.txt"), "-o", str(tmp_path / "out")).exit_code == 0
    (document,) = read(tmp_path / "out" / "documents.jsonl")
    sentences = read(tmp_path / "out" / "sentences.jsonl")
    assert not document["text"].startswith("\ufeff")
    assert [s["role"] for s in sentences][:4] == ["title", "caption_title", "caption", "credit"]
    for s in sentences:
        assert document["text"][s["start"] : s["end"]] == s["text"]
        assert not s["text"].endswith("\r")
    assert any("😀" in s["text"] for s in sentences)
    # The same words with other line ends give the same document id.
    plain = make_document(text.replace("\r\n", "\n"), None)
    assert make_document(text.replace("\n", "\r\n"), None)["id"] == plain["id"]


def test_bad_inputs_are_reported_by_file_and_line_and_the_rest_is_written(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "good.txt").write_text("A title\n\nThe mayor said 3 bridges will close.", encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (src / "latin1.txt").write_bytes("Title\n\nLine two\nCaf\xe9 opens.".encode("latin-1"))
    (src / "empty.txt").write_text("  \n", encoding="utf-8")
    (src / "docs.jsonl").write_text(
        '{"text": "First good document. It has two sentences."}\n'
        '{"text": "broken\n'
        '{"title": "no text here"}\n'
        '{"text": "Second good document."}\n',
        encoding="utf-8",
    )
    (src / "notes.pdf").write_bytes(b"%PDF")
    result = CliRunner().invoke(cli, ["split", str(src), str(src / "notes.pdf"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    errors = result.output
    assert f"{src / 'binary.txt'}:1: binary file" in errors
    assert f"{src / 'latin1.txt'}:4: not UTF-8" in errors
    assert f"{src / 'empty.txt'}:1: empty file" in errors
    assert f"{src / 'docs.jsonl'}:2: malformed JSON" in errors
    assert f"{src / 'docs.jsonl'}:3: missing 'text'" in errors
    assert "notes.pdf:0: unsupported file type .pdf" in errors
    documents = read(tmp_path / "out" / "documents.jsonl")
    assert len(documents) == 3
    assert "3 documents" in errors


def test_split_json_summary(tmp_path):
    result = run("split", str(EXAMPLES / "wire-briefs.jsonl"), "-o", str(tmp_path), "--json")
    summary = json.loads(result.output)
    assert summary["documents"] == 2 and summary["sentences"] == 6 and summary["skipped"] == []
    assert summary["warnings"] == []


def test_strict_option_splits_quotations(tmp_path):
    run("split", str(EXAMPLES / "harbour-bridge.txt"), "-o", str(tmp_path / "default"))
    run("split", str(EXAMPLES / "harbour-bridge.txt"), "-o", str(tmp_path / "strict"), "--strict-sentences")
    default, strict = read(tmp_path / "default" / "sentences.jsonl"), read(tmp_path / "strict" / "sentences.jsonl")
    assert len(strict) == len(default) + 2


def test_validate_reports_each_bad_record_by_file_and_line(tmp_path):
    document = make_document("Some text.", "x.txt")
    sentence = sentence_records(document, first_line_title=False)[0]
    broken = dict(sentence, role="footnote")
    wrong_offsets = dict(sentence, end=sentence["end"] + 3)
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(json.dumps(r) for r in [document, sentence, broken, wrong_offsets]) + "\n{oops\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3: role:" in result.output
    assert f"{path}:4: end - start" in result.output
    assert f"{path}:5: malformed JSON" in result.output
    assert f"{path}:1:" not in result.output and f"{path}:2:" not in result.output


def test_newer_schema_version_is_refused_with_a_clear_message(tmp_path):
    document = dict(make_document("Some text.", None), schema_version="9.0.0")
    path = tmp_path / "future.jsonl"
    path.write_text(json.dumps(document) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert (
        result.exit_code == 1 and f"newer than {SCHEMA_VERSION}" in result.output and "upgrade corpus" in result.output
    )


def test_help_lists_every_command_with_an_example():
    result = run("--help")
    for command in cli.commands:
        assert command in result.output
        assert "Example" in run(command, "--help").output
    assert run("--version").output.startswith("corpus, version")


def test_output_is_the_same_whatever_the_number_of_worker_processes(tmp_path):
    from corpus.text.sentences import split

    source = tmp_path / "in.jsonl"
    texts = [
        f"Title {n}\n\nPORT ALDER, Freedonia - The ferry runs. “It is new,” he said.\u2028Line\x85 😀 𝔘.\n\n"
        f"A ferry at sea. Image: Jo Bell.\n\nDr. Lee paid $2.5m on Jan. 5. Item {n}."
        for n in range(40)
    ]
    source.write_text("".join(json.dumps({"id": f"doc-{n}", "text": t}) + "\n" for n, t in enumerate(texts)))
    split(source, tmp_path / "one", jobs=1)
    split(source, tmp_path / "two", jobs=2)
    for name in ("documents.jsonl", "sentences.jsonl"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    # Written as the standard JSON encoder writes them: line separators escaped, one record a line.
    lines = (tmp_path / "one" / "sentences.jsonl").read_text(encoding="utf-8").split("\n")[:-1]
    assert lines == [dumps(json.loads(line)) for line in lines]
    assert any("\\u2028" in line and "\\u0085" in line for line in lines)


def test_record_lines_checks_every_record_and_names_the_error():
    import pytest

    from corpus.errors import SchemaError
    from corpus.jsonl import record_lines

    document = make_document("Title\n\nOne sentence.", "a.txt")
    sentences = sentence_records(document)
    assert record_lines(sentences, "sentence").decode().split("\n")[:-1] == [dumps(s) for s in sentences]
    with pytest.raises(SchemaError, match="role"):
        record_lines([{**sentences[0], "role": "headline"}], "sentence")
    with pytest.raises(SchemaError, match="context must surround"):
        record_lines([{**sentences[0], "context_start": sentences[0]["start"] + 1}], "sentence")


def _split(*paths: Path, out: Path, json_output: bool = False) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of ``corpus split``."""
    result = CliRunner().invoke(cli, ["split", *map(str, paths), "-o", str(out), *(["--json"] if json_output else [])])
    return result.exit_code, result.stdout, result.stderr


def test_jsonl_licence_is_the_license_and_unknown_keys_are_named_in_one_warning(tmp_path):
    path = tmp_path / "briefs.jsonl"
    lines = [
        {"id": "a", "text": "One. Two.", "licence": "CC0-1.0", "lang": "de", "autor": "Jo Bell"},
        {"id": "b", "text": "Three.", "license": "CC-BY-4.0", "licence": "CC-BY-4.0", "autor": "Jo Bell"},
        {"id": "c", "text": "Four.", "autor": "Ann Lee", "lisence": "CC0-1.0", "tags": None},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    status, out, err = _split(path, out=tmp_path / "out")
    assert status == 0  # warnings alone do not make the split fail
    documents = {d["id"]: d for d in read(tmp_path / "out" / "documents.jsonl")}
    assert documents["a"]["license"] == "CC0-1.0" and documents["a"]["language"] == "de"
    assert documents["b"]["license"] == "CC-BY-4.0"
    assert documents["c"]["license"] is None
    warning = f"warning: {path}: unknown keys ignored: 'autor' (3 lines), "
    assert warning in err and "'lisence' (line 3; did you mean" in err and "'tags' (line 3)" in err
    assert err.count("warning:") == 1 and "3 documents, 4 sentences, 1 warning ->" in out
    status, out, err = _split(path, out=tmp_path / "json", json_output=True)
    summary = json.loads(out)
    assert status == 0 and summary["skipped"] == [] and len(summary["warnings"]) == 1
    assert summary["warnings"][0].startswith(f"{path}: unknown keys ignored: 'autor' (3 lines)")


def test_jsonl_keys_for_one_field_that_differ_or_a_value_that_is_not_text_are_errors(tmp_path):
    path = tmp_path / "briefs.jsonl"
    lines = [
        {"text": "Kept.", "license": "CC0-1.0"},
        {"text": "Licence and license differ.", "licence": "CC0-1.0", "license": "CC-BY-4.0"},
        {"text": "A licence that is an object.", "license": {"name": "CC0"}},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    status, out, err = _split(path, out=tmp_path / "out")
    assert status == 1
    assert f"{path}:2: 'licence' and 'license' differ ('CC0-1.0', 'CC-BY-4.0'); give one" in err
    assert f"{path}:3: 'license' must be a string, not an object" in err
    assert [d["text"] for d in read(tmp_path / "out" / "documents.jsonl")] == ["Kept."]


FRONT_MATTER = "license: CC0-1.0\npublisher: Corpus Example Desk\nurl: \nPublished: 2025-03-04\nlang: en\n\n"


def test_txt_front_matter_gives_the_metadata_and_leaves_text_offsets_and_ids_as_without_it(tmp_path):
    article = (EXAMPLES / "harbour-bridge.txt").read_text(encoding="utf-8")
    for folder, text in (("plain", article), ("front", FRONT_MATTER + article)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "harbour-bridge.txt").write_text(text, encoding="utf-8")
        status, out, err = _split(tmp_path / folder, out=tmp_path / folder / "out")
        assert status == 0 and err == ""
    (plain,), (front,) = (read(tmp_path / f / "out" / "documents.jsonl") for f in ("plain", "front"))
    assert front["text"] == plain["text"] == article  # the front matter is not part of the text
    assert front["title"] == "City council approves repairs to the old harbour bridge"
    assert (front["license"], front["publisher"], front["published"], front["language"]) == (
        "CC0-1.0",
        "Corpus Example Desk",
        "2025-03-04",
        "en",
    )
    assert front["url"] is None  # an empty value gives nothing
    assert front["id"] == plain["id"] == "harbour-bridge.txt" and front["revision"] == plain["revision"]
    # Offsets, roles and sentence ids are those of the article without front matter.
    plain_sentences = (tmp_path / "plain" / "out" / "sentences.jsonl").read_bytes()
    assert (tmp_path / "front" / "out" / "sentences.jsonl").read_bytes() == plain_sentences


def test_txt_front_matter_with_crlf_an_id_and_a_title(tmp_path):
    path = tmp_path / "ferry.txt"
    text = "id: ferry-7\r\ntitle: Ferry returns\r\nsource: Corpus Example Desk\r\n\r\n\r\nThe ferry is back\r\n\r\nIt sails at 9 a.m. on Monday."
    path.write_bytes(text.encode("utf-8"))
    status, _, err = _split(path, out=tmp_path / "out")
    assert status == 0 and err == ""
    (document,) = read(tmp_path / "out" / "documents.jsonl")
    assert document["text"] == "The ferry is back\r\n\r\nIt sails at 9 a.m. on Monday."
    assert (document["id"], document["id_from"], document["title"], document["publisher"]) == (
        "ferry-7",
        "id",
        "Ferry returns",
        "Corpus Example Desk",
    )
    sentences = read(tmp_path / "out" / "sentences.jsonl")
    assert [(s["role"], s["text"]) for s in sentences] == [
        ("title", "The ferry is back"),
        ("body", "It sails at 9 a.m. on Monday."),
    ]
    assert all(document["text"][s["start"] : s["end"]] == s["text"] for s in sentences)


def test_a_title_with_a_colon_is_not_front_matter(tmp_path):
    for name, title in (("budget.txt", "Budget: what changes"), ("source.txt", "Source: the mayor will resign")):
        (tmp_path / name).write_text(f"{title}\n\nThe budget grows by 3% next year.", encoding="utf-8")
    status, _, err = _split(tmp_path, out=tmp_path / "out")
    assert status == 0 and err == ""
    documents = read(tmp_path / "out" / "documents.jsonl")
    assert [d["title"] for d in documents] == ["Budget: what changes", "Source: the mayor will resign"]
    assert all(d["text"].startswith(d["title"]) and d["publisher"] is None for d in documents)


def test_txt_front_matter_problems_are_named_by_file_and_line(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    cases = {
        "unknown.txt": "license: CC0-1.0\nautor: Jo Bell\n\nTitle\n\nBody text here.",
        "differ.txt": "licence: CC0-1.0\nlicense: CC-BY-4.0\n\nTitle\n\nBody text here.",
        "twice.txt": "lang: en\nlang: fr\n\nTitle\n\nBody text here.",
        "no-blank.txt": "source: Corpus Example Desk\nMayor resigns\n\nBody text here.",
        "no-text.txt": "license: CC0-1.0\n\n\n",
        "first-key-unknown.txt": "author: Jo Bell\nlicense: CC0-1.0\n\nTitle\n\nBody text here.",
    }
    for name, text in cases.items():
        (src / name).write_text(text, encoding="utf-8")
    status, out, err = _split(src, out=tmp_path / "out")
    assert status == 1
    assert f"skipped {src / 'differ.txt'}:2: front matter: 'licence' and 'license' differ" in err
    assert f"skipped {src / 'twice.txt'}:2: front matter: 'lang' is given twice, with different values" in err
    assert f"skipped {src / 'no-blank.txt'}:2: front matter: expected 'key: value', got 'Mayor resigns'" in err
    assert f"skipped {src / 'no-text.txt'}:1: no article text after the front matter" in err
    assert f"warning: {src / 'unknown.txt'}: unknown keys ignored: 'autor' (line 2)" in err
    assert f"warning: {src / 'first-key-unknown.txt'}: line 1 'author: Jo Bell' is read as the title" in err
    documents = {d["id"]: d for d in read(tmp_path / "out" / "documents.jsonl")}
    assert sorted(documents) == ["first-key-unknown.txt", "unknown.txt"]
    assert documents["unknown.txt"]["license"] == "CC0-1.0" and documents["unknown.txt"]["text"].startswith("Title")
    assert documents["first-key-unknown.txt"]["title"] == "author: Jo Bell"  # as the rule says, and warned
    assert "2 documents" in out and "4 inputs skipped in 4 files, 2 warnings" in out


def test_example_txt_articles_are_read_whole(tmp_path):
    """No example .txt has front matter: its text is the file, so offsets are what they were."""
    from corpus.text.sources import front_matter

    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        assert front_matter(text, str(path)).start == 0
        status, _, _ = _split(path, out=tmp_path / path.stem)
        assert status == 0
        (document,) = read(tmp_path / path.stem / "documents.jsonl")
        assert document["text"] == text and document["id"] == path.name


def test_html_language_comes_from_the_page_lang_attribute(tmp_path):
    body = "<body><article><h1>Ferry returns</h1><p>{}</p><p>It sails at nine on Monday, the port said.</p></article></body>"
    paragraph = "The ferry between the two islands is back in service after a repair that took four months."
    for name, html_tag in (("fr.html", '<html lang="fr-CA">'), ("none.html", "<html>")):
        (tmp_path / name).write_text(  # two texts: the same text twice would be one document
            f"<!DOCTYPE html>\n{html_tag}<head><title>Ferry returns</title></head>{body.format(paragraph + name)}</html>",
            encoding="utf-8",
        )
    status, _, err = _split(tmp_path, out=tmp_path / "out")
    assert status == 0, err
    languages = {Path(d["source_file"]).name: d["language"] for d in read(tmp_path / "out" / "documents.jsonl")}
    assert languages == {"fr.html": "fr-CA", "none.html": None}
