"""The ``corpus`` command line: each command parses its options, calls one library function
and prints its result (a summary line, or ``--json``).

One gate (``_Gate``) turns every ``CorpusError`` into its one-line message and exit status 1;
anything else is a bug in corpus and says how to see its traceback (``CORPUS_DEBUG=1``).
Exit codes: 0 ok, 1 user error, 2 usage.
"""

from __future__ import annotations

import gc
import json
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import click

import corpus
from corpus import defaults
from corpus.errors import CorpusError
from corpus.version import __version__


class _Result(Protocol):
    def line(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...


def _emit(result: _Result, as_json: bool) -> None:
    """The one output path of every command: a summary line, or the result as JSON."""
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(result.line())


class _Gate(click.Group):
    """Maps library errors to one line and exit status 1; hides tracebacks of bugs unless asked."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CorpusError as exc:
            raise click.ClickException(str(exc)) from None
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if os.environ.get("CORPUS_DEBUG"):
                raise
            raise click.ClickException(
                f"internal error: {type(exc).__name__}: {exc} (a bug in corpus; run again with CORPUS_DEBUG=1 for the traceback)"
            ) from None


def _progress(desc: str, unit: str) -> Any:
    from tqdm import tqdm

    # No monitor thread (it only tunes the refresh rate): push forks its worker, which is safe
    # only from a process with one thread.
    tqdm.monitor_interval = 0
    # disable=None: a bar on a terminal, nothing in a pipe or a log.
    return tqdm(desc=desc, unit=unit, disable=None, file=sys.stderr, leave=False)


json_option = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
workspace_option = click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="CORPUS_WORKSPACE",
    default=".",
    show_default=True,
    help="Folder where corpus keeps its state (.corpus/). Env: CORPUS_WORKSPACE.",
)
url_option = click.option(
    "--url",
    envvar="LABEL_STUDIO_URL",
    default=None,
    help="An existing Label Studio (env LABEL_STUDIO_URL); default: the local one.",
)
key_option = click.option(
    "--api-key",
    envvar="LABEL_STUDIO_API_KEY",
    default=None,
    help="Its API key: legacy token or personal access token (env LABEL_STUDIO_API_KEY).",
)
project_option = click.option(
    "--project",
    "project_name",
    default=None,
    help=f"Project name (at least 3 characters). Default: the workspace's only project, else {defaults.PROJECT!r}.",
)


@click.group(cls=_Gate, context_settings={"help_option_names": ["-h", "--help"]})
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

    Errors print one line; CORPUS_DEBUG=1 shows the traceback of an internal error.
    """


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
    bar = _progress("split", "doc")
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
    _emit(summary, as_json)
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
    _emit(result, as_json)
    if not result.ok:
        sys.exit(1)


# -- Label Studio ---------------------------------------------------------------------------------
@cli.group()
def studio() -> None:
    """Run the local Label Studio (the embedded default).

    \b
    Example:
      corpus studio up && eval "$(corpus studio env)"
    """


@studio.command("up")
@workspace_option
@click.option("--port", type=int, default=None, help="Port (default: a free one, kept between starts).")
@click.option(
    "--host",
    default=None,
    metavar="ADDRESS",
    help="IPv4 address to listen on: 127.0.0.1 (the default: this machine only) or 0.0.0.0 (every interface: "
    "colleagues on the network open the machine's address; plain HTTP, see docs/deploy.md).",
)
@click.option(
    "--database",
    envvar="CORPUS_STUDIO_DATABASE",
    default=None,
    help="postgresql://USER:PASSWORD@HOST:PORT/NAME: run on PostgreSQL behind uWSGI (for a team); "
    "'sqlite' goes back to the SQLite file. Default: the last one used, else SQLite. Env: CORPUS_STUDIO_DATABASE.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="uWSGI worker processes on PostgreSQL (default: two per core).",
)
def studio_up(workspace: Path, port: int | None, host: str | None, database: str | None, workers: int | None) -> None:
    """Install (first time) and start Label Studio on 127.0.0.1; do nothing if it runs.

    SQLite and Django's development server by default (one person on a laptop); with
    --database, PostgreSQL and uWSGI worker processes, as Label Studio's own deployment runs.
    With --host 0.0.0.0 colleagues on the network reach it at this machine's address (give each
    an account: corpus studio annotator add); corpus itself keeps using 127.0.0.1.

    \b
    Example:
      corpus studio up
      corpus studio up --host 0.0.0.0
      corpus studio up --database postgresql://ls:PASSWORD@127.0.0.1:5432/labelstudio --workers 4
    """
    from corpus.studio import server

    if not server.studio_executable().exists() or not server.uwsgi_executable().exists():
        click.echo(f"installing Label Studio into {server.studio_home()} (about a minute, once)...", err=True)
    state = corpus.studio_up(workspace, port=port, database=database, workers=workers, host=host)
    ws = corpus.Workspace(workspace)
    warning = state.warning()
    if warning:
        click.echo(f"warning: {warning}", err=True)
    click.echo(state.line())
    click.echo(f"log in at {state.url} as {ws.credentials['username']} (password in {ws.path('credentials.json')})")


@studio.command("down")
@workspace_option
def studio_down(workspace: Path) -> None:
    """Stop the Label Studio this workspace started.

    \b
    Example:
      corpus studio down
    """
    click.echo("stopped" if corpus.studio_down(workspace) else "Label Studio was not running")


@studio.command("status")
@workspace_option
@json_option
def studio_status(workspace: Path, as_json: bool) -> None:
    """Say whether the local Label Studio is up, and where (exit status 1 when it is not).

    \b
    Example:
      corpus studio status
    """
    state = corpus.studio_status(workspace)
    _emit(state, as_json)
    if not state.running:
        sys.exit(1)


@studio.command("env")
@workspace_option
def studio_env(workspace: Path) -> None:
    """Print shell exports of LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY for scripts.

    \b
    Example:
      eval "$(corpus studio env)"
    """
    variables = corpus.studio_environment(workspace)
    click.echo("export " + " ".join(f"{name}={shlex.quote(value)}" for name, value in variables.items()))


@studio.command("move")
@click.option(
    "--to",
    "to",
    required=True,
    help="postgresql://USER:PASSWORD@HOST:PORT/NAME (the local server moves onto PostgreSQL), "
    "or the URL of another Label Studio (with --to-api-key).",
)
@click.option("--to-api-key", envvar="CORPUS_MOVE_API_KEY", default=None, help="The target's API key (URL targets).")
@click.option("--project", "projects", multiple=True, help="A project to move (repeatable; default: all of them).")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="uWSGI workers of a local PostgreSQL server.")
@workspace_option
@url_option
@key_option
@json_option
def studio_move(
    to: str,
    to_api_key: str | None,
    projects: tuple[str, ...],
    workers: int | None,
    workspace: Path,
    url: str | None,
    api_key: str | None,
    as_json: bool,
) -> None:
    """Move the workspace's projects to PostgreSQL (or another Label Studio) through the API.

    Tasks, predictions and annotations with their annotators, ground-truth flags and skips go
    over, annotators are created by e-mail, the project keeps its key; counts are checked on
    both sides. The old server is only read. Run it again after an interruption: it resumes.

    \b
    Example:
      corpus studio move --to postgresql://ls:PASSWORD@127.0.0.1:5432/labelstudio
      corpus studio move --to https://labels.example.org --to-api-key TOKEN
    """
    result = corpus.studio_move(
        to,
        to_api_key=to_api_key,
        projects=list(projects) or None,
        workers=workers,
        workspace=workspace,
        url=url,
        api_key=api_key,
    )
    _emit(result, as_json)


@studio.group("annotator")
def studio_annotator() -> None:
    """Annotators' own Label Studio accounts: add, list (who is behind each pseudonym), remove.

    \b
    Example:
      corpus studio annotator add ana@example.org --name "Ana Lima"
    """


def _server_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in (json_option, key_option, url_option, workspace_option):
        command = option(command)
    return command


@studio_annotator.command("add")
@click.argument("email")
@click.option("--name", default=None, help='Their name as Label Studio shows it ("First Last").')
@click.option("--reset-password", is_flag=True, help="Give an existing account a new password (local server only).")
@_server_options
def studio_annotator_add(email: str, name: str | None, reset_password: bool, as_json: bool, **server: Any) -> None:
    """Give EMAIL an account of their own in the organisation, and print how they log in.

    On the local server (corpus studio up): a random password, printed this once and kept
    nowhere (hand it over privately). On another Label Studio: the organisation's invitation
    link, to sign up with. An existing account changes nothing, unless --reset-password.

    \b
    Example:
      corpus studio annotator add ana@example.org --name "Ana Lima"
    """
    _emit(corpus.annotator_add(email, name, reset_password=reset_password, **server), as_json)


@studio_annotator.command("list")
@_server_options
def studio_annotator_list(as_json: bool, **server: Any) -> None:
    """The organisation's people, and each one's pseudonym in this workspace's projects.

    Per person: id, e-mail, name, whether they can log in and annotate, last activity, and per
    project the pseudonym pull gives them (and the tasks they did). The lead's private map: read
    live from Label Studio and printed, never written into the workspace, the data or the dataset.

    \b
    Example:
      corpus studio annotator list
    """
    _emit(corpus.annotator_list(**server), as_json)


@studio_annotator.command("remove")
@click.argument("email")
@_server_options
def studio_annotator_remove(email: str, as_json: bool, **server: Any) -> None:
    """Stop EMAIL from working in the organisation; their finished annotations stay.

    Local server: the account is deactivated (no login, no API token). Another Label Studio:
    they leave the organisation and open none of its projects. The admin account is refused.

    \b
    Example:
      corpus studio annotator remove ana@example.org
    """
    _emit(corpus.annotator_remove(email, **server), as_json)


@cli.command()
@click.argument("sentences", type=click.Path(dir_okay=False, path_type=Path))
@project_option
@click.option(
    "--overlap", type=click.IntRange(min=1), default=defaults.OVERLAP, show_default=True, help="Annotators per task."
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
    overlap: int,
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
    bar = _progress("push", "task")
    try:
        result = corpus.push(
            sentences,
            project=project_name,
            overlap=overlap,
            roles=_list(roles),
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
    _emit(result, as_json)


def _list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


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
    bar = _progress("pull", "task")
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
    _emit(result, as_json)


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
    _emit(
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
@workspace_option
@url_option
@key_option
@json_option
def review(
    project_name: str | None,
    min_annotators: int,
    labels: str | None,
    workspace: Path,
    url: str | None,
    api_key: str | None,
    as_json: bool,
) -> None:
    """Queue the sentences whose annotators disagree for adjudication in Label Studio.

    Each disputed sentence becomes a task of the review project (PROJECT-review, same labeling
    config) with every annotator's version as a prediction named by pseudonym: accept one, correct
    it, submit. pull then takes that decision as the sentence's final labels (method adjudicated).
    Running review again queues only new disagreements.

    \b
    Example:
      corpus review --project news-claims --labels FIGURE,attributions
    """
    result = corpus.review(
        project=project_name,
        min_annotators=min_annotators,
        labels=_list(labels) if labels is not None else None,
        workspace=workspace,
        url=url,
        api_key=api_key,
    )
    _emit(result, as_json)


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
    _emit(corpus.report(project=project_name, output=output, workspace=workspace, url=url, api_key=api_key), as_json)


@cli.command()
@click.option(
    "--version", "version", required=True, help="Dataset version X.Y.Z (a breaking schema change needs a new major)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(defaults.DATASET_DIR),
    show_default=True,
    help="Dataset folder to write (a complete Hugging Face dataset repository).",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(defaults.DATA_DIR),
    show_default=True,
    help="Folder with documents.jsonl, sentences.jsonl (split) and annotations.jsonl, merged.jsonl (pull).",
)
@click.option(
    "--seed", type=int, default=defaults.SPLIT_SEED, show_default=True, help="Seed of the document-level split."
)
@click.option(
    "--splits",
    "splits",
    default=",".join(f"{k}={v}" for k, v in defaults.SPLIT_RATIOS.items()),
    show_default=True,
    help="Split ratios.",
)
@click.option("--name", default=defaults.DATASET_NAME, show_default=True, help="Dataset name in the card.")
@click.option(
    "--repo-id",
    default=None,
    help="Also upload to the Hugging Face Hub as ORG/NAME and tag vX.Y.Z (token: HF_TOKEN or huggingface-cli login).",
)
@click.option("--private", is_flag=True, help="Create the Hub repository as private.")
@click.option(
    "--license",
    "licence",
    default=None,
    help="The dataset's licence (Hub id, e.g. cc-by-4.0) when you know better than the documents' own; "
    "default: the one licence all documents carry, else 'other' with a per-document table.",
)
@json_option
def publish(
    version: str,
    output: Path,
    data_dir: Path,
    seed: int,
    splits: str,
    name: str,
    repo_id: str | None,
    private: bool,
    licence: str | None,
    as_json: bool,
) -> None:
    """Publish pulled annotations as a versioned Hugging Face dataset folder.

    Writes parquet files per config (sentences, attributions, figures, tokens, documents,
    annotations) and split, a dataset card with typed features, statistics and agreement, the
    schema files and a changelog. `datasets.load_dataset(OUTPUT, "sentences")` reads it offline.

    \b
    Example:
      corpus publish --version 1.0.0 -o dataset/
      corpus publish --version 1.1.0 -o dataset/ --repo-id my-org/news-claims
    """
    result = corpus.publish(
        version,
        data_dir=data_dir,
        output=output,
        seed=seed,
        ratios=splits,
        name=name,
        repo_id=repo_id,
        private=private,
        licence=licence,
    )
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    _emit(result, as_json)


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
    _emit(corpus.migrate_data(data_dir), as_json)


@cli.group()
def model() -> None:
    """A model that learns check-worthiness and CLAIM spans from the team's own labels.

    \b
    Example:
      corpus pull -o data/annotations.jsonl && corpus model train data/
    """


@model.command("train")
@click.argument("data_dir", type=click.Path(file_okay=False, path_type=Path), default=Path(defaults.DATA_DIR))
@workspace_option
@json_option
def model_train(data_dir: Path, workspace: Path, as_json: bool) -> None:
    """Train the workspace's model on the pulled labels of DATA_DIR (default data/).

    Learns check-worthiness and CLAIM spans from merged.jsonl (a tie nobody adjudicated is not a
    label to learn from), in seconds on the CPU; the rules stay for figures and attributions and
    answer alone while there are too few labels. The model is kept in .corpus/model/.

    \b
    Example:
      corpus model train data/
    """
    _emit(corpus.model_train(data_dir, workspace=workspace), as_json)


@cli.group()
def schema() -> None:
    """Inspect the versioned schemas.

    \b
    Example:
      corpus schema diff 1.0.0 path/to/new/schemas
    """


@schema.command("diff")
@click.argument("old")
@click.argument("new")
@json_option
def schema_diff(old: str, new: str, as_json: bool) -> None:
    """Compare two schema versions (a version like 1.0.0, or a folder of schema files).

    Says whether the change is breaking (needs a new major dataset version).

    \b
    Example:
      corpus schema diff 1.0.0 1.1.0
    """
    _emit(corpus.schema_diff(old, new), as_json)


def main(argv: list[str] | None = None) -> Callable[..., Any] | None:
    try:
        return cli.main(args=argv, prog_name="corpus")
    finally:
        # Out of the garbage collector's sight: the collections at interpreter exit would walk
        # every imported module's objects, 0.06 s of each command with Label Studio's client
        # loaded (best of 15: 0.323 s against 0.243 s). The memory goes back to the OS at exit.
        gc.freeze()


if __name__ == "__main__":
    main()
