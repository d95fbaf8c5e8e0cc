"""The lead's loop: status, review, report."""

from __future__ import annotations

from pathlib import Path

import click

import corpus
from corpus.cli import (
    cli,
    comma_list,
    emit,
    json_option,
    key_option,
    project_option,
    url_option,
    workspace_option,
)


@cli.command()
@project_option
@click.option("--top", type=click.IntRange(min=0), default=10, show_default=True, help="Disputed sentences listed.")
@click.option("--all", "show_all", is_flag=True, help="List every disputed sentence.")
@workspace_option
@url_option
@key_option
@json_option
def status(
    project_name: str | None,
    top: int,
    show_all: bool,
    workspace: Path,
    url: str | None,
    api_key: str | None,
    as_json: bool,
) -> None:
    """How far the annotation is, and where annotators disagree, from one export snapshot.

    Tasks in all, with enough annotations (the project's overlap) and remaining (tasks of
    sentences no longer pushed are not counted); per pseudonymous annotator the annotations and
    median lead time; agreement so far between pairs of annotators (span F1 per label,
    attribution pairs and types, figure value/unit/kind/approx, check-worthiness alpha); the
    sentences with the most disagreement, with links to their tasks; and, after corpus review,
    how many disputes are adjudicated and which are left.

    \b
    Example:
      corpus status --project news-claims --all
    """
    emit(
        corpus.status(
            project=project_name, top=None if show_all else top, workspace=workspace, url=url, api_key=api_key
        ),
        as_json,
    )


@cli.command()
@project_option
@click.option(
    "--min-annotators",
    type=click.IntRange(min=2),
    default=2,
    show_default=True,
    help="Compare only sentences with at least this many annotators.",
)
@click.option(
    "--labels",
    default=None,
    help="Comma-separated: only these disagreements count (span labels, attributions, figures, checkworthy).",
)
@click.option(
    "--doubts",
    is_flag=True,
    help="Queue instead the sentences with open doubts (comment lines like '§3.3: ...', guidelines section 5).",
)
@workspace_option
@url_option
@key_option
@json_option
def review(
    project_name: str | None,
    min_annotators: int,
    labels: str | None,
    doubts: bool,
    workspace: Path,
    url: str | None,
    api_key: str | None,
    as_json: bool,
) -> None:
    """Queue the sentences whose annotators disagree for adjudication in Label Studio.

    Each disputed sentence becomes a task of the review project (PROJECT-review, same labeling
    config) with every annotator's version as a prediction named by pseudonym: accept one, correct
    it, submit. pull then takes that decision as the sentence's final labels (method adjudicated).
    Running review again queues only new disagreements. With --doubts, the same project gets
    exactly the sentences with open doubts (those corpus status lists), the doubts in the task's
    "doubts" field; submitting the review task decides them.

    \b
    Examples:
      corpus review --project news-claims --labels FIGURE,attributions
      corpus review --doubts
    """
    result = corpus.review(
        project=project_name,
        min_annotators=min_annotators,
        labels=comma_list(labels) if labels is not None else None,
        doubts=doubts,
        workspace=workspace,
        url=url,
        api_key=api_key,
    )
    emit(result, as_json)


@cli.command()
@project_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("report.html"),
    show_default=True,
    help="The HTML file to write.",
)
@workspace_option
@url_option
@key_option
@json_option
def report(
    project_name: str | None, output: Path, workspace: Path, url: str | None, api_key: str | None, as_json: bool
) -> None:
    """Write one static HTML report for the lead: progress, agreement, distributions, annotators.

    The charts are inline SVG: the file opens from disk, with no server and nothing to download.

    \b
    Example:
      corpus report --project news-claims -o report.html
    """
    emit(corpus.report(project=project_name, output=output, workspace=workspace, url=url, api_key=api_key), as_json)
