"""The ``corpus`` command line: parses options and calls the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .jsonl import BadLine, InputError


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _progress(total: int | None = None, desc: str = "", unit: str = "it") -> Any:
    from tqdm import tqdm

    # disable=None: a bar on a terminal, nothing in a pipe or a log.
    return tqdm(total=total, desc=desc, unit=unit, disable=None, file=sys.stderr, leave=False)


def _report_problem(problem: BadLine) -> None:
    click.echo(f"skipped {problem}", err=True)


workspace_option = click.option(
    "--workspace", "-w", type=click.Path(file_okay=False, path_type=Path), envvar="CORPUS_WORKSPACE",
    default=".", show_default=True, help="Folder where corpus keeps its state (.corpus/). Env: CORPUS_WORKSPACE.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="corpus")
def cli() -> None:
    """Turn news articles into a published, versioned, annotated dataset.

    \b
    Pipeline:
      corpus split articles/ -o data/         sources -> documents + sentences
      corpus studio up                        a local Label Studio
      corpus push data/sentences.jsonl        tasks + pre-annotations
      corpus pull -o data/annotations.jsonl   finished labels back
      corpus publish --version 1.0.0 -o ds/   a Hugging Face dataset folder
    """


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("data"), show_default=True,
              help="Folder for documents.jsonl and sentences.jsonl.")
@click.option("--strict-sentences", is_flag=True, help="Split quotations that run over several sentences at every sentence end.")
@click.option("--title-line/--no-title-line", default=None,
              help="Whether the first line of a .txt file is the title (default: yes for .txt; .jsonl and .html carry titles apart).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: all cores for inputs over 2 MB).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def split(sources: tuple[Path, ...], out_dir: Path, strict_sentences: bool, title_line: bool | None, jobs: int | None, as_json: bool) -> None:
    """Split SOURCES (.txt, .jsonl, .html files or folders) into sentences.

    Writes two JSONL files into the output folder: documents.jsonl (one record per article,
    with its full text and metadata) and sentences.jsonl (one record per annotation unit, with
    character offsets into its document's text, paragraph, role and context). Ids are stable:
    the same text always gives the same ids.

    A bad input (binary, not UTF-8, empty, a malformed .jsonl line) is reported with its file
    and line and skipped; everything else is still written, and the exit status is 1.

    \b
    Example:
      corpus split examples/ -o data/
    """
    from .split import split_sources

    bar = _progress(desc="split", unit="doc")
    try:
        summary = split_sources(
            list(sources), out_dir, strict=strict_sentences, first_line_title=title_line, jobs=jobs,
            on_problem=_report_problem, on_document=lambda doc, n: bar.update(1),
        )
    finally:
        bar.close()
    if as_json:
        _echo_json({"documents": summary.documents, "sentences": summary.sentences, "output": str(out_dir),
                    "skipped": [{"file": p.path, "line": p.line, "reason": p.message} for p in summary.problems]})
    else:
        click.echo(f"{summary.line()} -> {out_dir}/")
    if summary.problems:
        sys.exit(1)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def validate(files: tuple[Path, ...], as_json: bool) -> None:
    """Check JSONL FILES against the schema; report each bad record by file and line.

    \b
    Example:
      corpus validate data/documents.jsonl data/sentences.jsonl
    """
    from .validate import validate_files

    result = validate_files(list(files))
    if as_json:
        _echo_json({"records": result.records, "problems": [str(p) for p in result.problems]})
    else:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{result.records} records, {len(result.problems)} problems")
    if result.problems:
        sys.exit(1)


def main() -> None:
    try:
        cli(standalone_mode=True)
    except InputError as exc:  # pragma: no cover - commands convert these themselves
        raise click.ClickException(str(exc))
