"""The pipeline's own steps: split, validate, push, pull, migrate."""

from __future__ import annotations

import sys
from pathlib import Path

import click

import corpus
from corpus import defaults
from corpus.cli import (
    cli,
    comma_list,
    emit,
    json_option,
    key_option,
    progress_bar,
    project_option,
    url_option,
    workspace_option,
)


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(defaults.DATA_DIR),
    show_default=True,
    help="Folder for documents.jsonl and sentences.jsonl.",
)
@click.option(
    "--strict-sentences", is_flag=True, help="Split quotations that run over several sentences at every sentence end."
)
@click.option(
    "--title-line/--no-title-line",
    default=None,
    help="Whether the first line of a .txt file is the title (default: yes for .txt; .jsonl and .html carry titles apart).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: all cores for inputs over 500 kB).",
)
@json_option
def split(
    sources: tuple[Path, ...],
    out_dir: Path,
    strict_sentences: bool,
    title_line: bool | None,
    jobs: int | None,
    as_json: bool,
) -> None:
    """Split SOURCES (.txt, .jsonl, .html files or folders) into sentences.

    Writes two JSONL files into the output folder: documents.jsonl (one record per article,
    with its full text and metadata) and sentences.jsonl (one record per annotation unit, with
    character offsets into its document's text, paragraph, role and context).

    Metadata carried into documents.jsonl: id, title, url, publisher (or source), published
    (or date), language (or lang), license (or licence). A .jsonl line gives them as keys
    beside "text". A .txt file may give them as front matter: "key: value" lines at the very
    top, ended by a blank line, before the title. It is read only when the first line starts
    with one of these keys in lower case and a colon, so a title such as "Budget: what changes"
    stays the title. The front matter is not part of the document's text: offsets start at the
    title, and a file without front matter is read as before. A title key replaces the first
    line as the record's title (the first line is still the title sentence). An .html page
    gives what trafilatura extracts, and the language of its <html lang> when trafilatura
    finds none. The document id is the id given, else the url, else the file path: adding an
    id or url to an article already annotated changes its sentence ids.

    \b
    A .txt article with front matter:
      license: CC0-1.0
      publisher: Corpus Example Desk
      published: 2025-03-04
      language: en

    \b
      City council approves repairs to the old harbour bridge
      ...

    A bad input (binary, not UTF-8, empty, a malformed .jsonl line, a front matter line that is
    not "key: value", two keys for one field with different values) is reported with its file
    and line and skipped; everything else is still written, and the exit status is 1. A key
    that is not known is ignored and reported as a warning naming the file (the exit status
    stays 0; --json lists warnings under "warnings").

    \b
    Example:
      corpus split examples/ -o data/
    """
    bar = progress_bar("split", "doc")
    try:
        summary = corpus.split(
            list(sources),
            out_dir,
            strict=strict_sentences,
            first_line_title=title_line,
            jobs=jobs,
            on_problem=lambda problem: click.echo(f"skipped {problem}", err=True),
            on_document=lambda doc, n: bar.update(1),
            on_warning=lambda message: click.echo(f"warning: {message}", err=True),
        )
    finally:
        bar.close()
    emit(summary, as_json)
    if not summary.ok:
        sys.exit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@json_option
def validate(files: tuple[Path, ...], as_json: bool) -> None:
    """Check JSONL FILES against the schema; report each bad record by file and line.

    \b
    Example:
      corpus validate data/documents.jsonl data/sentences.jsonl
    """
    result = corpus.validate(list(files))
    if not as_json:
        for problem in result.problems:
            click.echo(str(problem), err=True)
    emit(result, as_json)
    if not result.ok:
        sys.exit(1)


# -- Label Studio ---------------------------------------------------------------------------------
@cli.command()
@click.argument("sentences", type=click.Path(dir_okay=False, path_type=Path))
@project_option
@click.option(
    "--overlap",
    type=click.IntRange(min=1),
    default=None,
    help=f"Annotators per task. Default: the project's own; {defaults.OVERLAP} for a new project.",
)
@click.option(
    "--roles",
    default=",".join(defaults.PUSH_ROLES),
    show_default=True,
    help="Comma-separated sentence roles to push (the schema's: title, body, caption_title, caption, credit).",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=defaults.PUSH_BATCH_SIZE,
    show_default=True,
    help="Tasks per import request (the first request of a push carries a quarter of them, to start sooner).",
)
@click.option(
    "--update-config", is_flag=True, help="Restore the generated labeling config even if the project has annotations."
)
@click.option(
    "--recreate", is_flag=True, help="Forget the recorded project (e.g. after it was deleted) and create a new one."
)
@click.option(
    "--prune", is_flag=True, help="Delete the tasks of stale sentences (no longer in the file) that nobody annotated."
)
@click.option(
    "--queue",
    type=click.Choice(list(defaults.QUEUE_SAMPLING)),
    default=None,
    help="Order of the annotators' queue: document, uncertainty (least sure pre-annotations first) or "
    "checkworthy (likeliest check-worthy first). Default: the project's last order, else document.",
)
@click.option(
    "--ack-stale",
    is_flag=True,
    help="Record that you have seen the stale sentences listed now: later pushes count them instead of listing them.",
)
@workspace_option
@url_option
@key_option
@json_option
def push(
    sentences: Path,
    project_name: str | None,
    overlap: int | None,
    roles: str,
    batch_size: int,
    update_config: bool,
    recreate: bool,
    prune: bool,
    queue: str | None,
    ack_stale: bool,
    workspace: Path,
    url: str | None,
    api_key: str | None,
    as_json: bool,
) -> None:
    """Send SENTENCES (from corpus split) to Label Studio as tasks with pre-annotations.

    Creates the project (or reuses this workspace's), sets the labeling config generated from
    the schema and the annotation guidelines, and reconciles the project with the file: new
    sentences are imported in batches, sentences that moved in their document get their task
    data updated (annotations untouched), and sentences no longer in the file are reported as
    stale: a sentence whose text was corrected is listed as changed (old and new text; its
    annotations are orphans and the new version needs annotating), stale tasks that carry
    annotations with their count. --prune deletes the stale tasks nobody annotated; --ack-stale
    records that you have seen the stale ones, so later pushes stop listing them. A project of
    an older schema is upgraded in place. Safe to re-run; an interrupted push is finished by running it again.

    \b
    Example:
      corpus push data/sentences.jsonl --project news-claims --overlap 2
    """
    bar = progress_bar("push", "task")
    try:
        result = corpus.push(
            sentences,
            project=project_name,
            overlap=overlap,
            roles=comma_list(roles),
            batch_size=batch_size,
            update_config=update_config,
            recreate=recreate,
            prune=prune,
            ack_stale=ack_stale,
            queue=queue,
            workspace=workspace,
            url=url,
            api_key=api_key,
            on_batch=bar.update,
        )
    finally:
        bar.close()
    emit(result, as_json)


@cli.command()
@project_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path(defaults.DATA_DIR) / defaults.ANNOTATIONS_FILE,
    show_default=True,
    help="Annotation records (one per sentence and annotator).",
)
@click.option(
    "--merged",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Merged records (one per sentence); default: merged.jsonl beside the output.",
)
@click.option("--full", is_flag=True, help="Export every task again instead of only those changed since the last pull.")
@workspace_option
@url_option
@key_option
@json_option
def pull(
    project_name: str | None,
    output: Path,
    merged: Path | None,
    full: bool,
    workspace: Path,
    url: str | None,
    api_key: str | None,
    as_json: bool,
) -> None:
    """Fetch finished annotations from Label Studio as schema-valid records.

    Exports the project through an export snapshot, keeps finished annotations (skipped ones and
    drafts are counted, not turned into labels), pseudonymises annotators, and reports problems
    (a span that does not match the text, a relation to a missing region) by task and annotation.

    Incremental: the next pull fetches only the tasks changed since the last one (new, changed
    or deleted annotations) and rewrites both files with the same records as a full pull;
    --full exports everything again.

    \b
    Example:
      corpus pull -o data/annotations.jsonl
    """
    bar = progress_bar("pull", "task")
    try:
        result = corpus.pull(
            project=project_name,
            output=output,
            merged=merged,
            workspace=workspace,
            url=url,
            api_key=api_key,
            on_task=lambda: bar.update(1),
            full=full,
        )
    finally:
        bar.close()
    for problem in result.problems:
        click.echo(f"problem: {problem}", err=True)
    emit(result, as_json)


@cli.command()
@click.argument("data_dir", type=click.Path(file_okay=False, path_type=Path), default=Path(defaults.DATA_DIR))
@json_option
def migrate(data_dir: Path, as_json: bool) -> None:
    """Migrate a data folder written under schema 1.0.0 (DATA_DIR, default data/) to the current schema.

    Ids changed meaning in 2.0.0, so the folder's four files are migrated together: every old
    id is mapped to its new one through the sentence's text. The originals are kept in
    DATA_DIR/.schema-1.0.0/. A Label Studio project of schema 1.0.0 is upgraded by push.

    \b
    Example:
      corpus migrate data/
    """
    emit(corpus.migrate_data(data_dir), as_json)
