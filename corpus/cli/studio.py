"""``corpus studio``: the local Label Studio, its annotators, its backups and moves."""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

import corpus
from corpus.cli import (
    cli,
    emit,
    json_option,
    key_option,
    url_option,
    workspace_option,
)


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
@click.option(
    "--model",
    "with_model",
    is_flag=True,
    help="Also start the model backend (corpus model serve) in the background; studio down stops it.",
)
def studio_up(
    workspace: Path, port: int | None, host: str | None, database: str | None, workers: int | None, with_model: bool
) -> None:
    """Install (first time) and start Label Studio on 127.0.0.1; do nothing if it runs.

    SQLite (WAL journal) behind uWSGI worker processes by default, measured to hold 50
    annotators at a human pace (CORPUS_STUDIO_SERVER=development: Django's development server,
    25); with --database, PostgreSQL behind the same uWSGI, as Label Studio's own deployment runs.
    With --host 0.0.0.0 colleagues on the network reach it at this machine's address (give each
    an account: corpus studio annotator add); corpus itself keeps using 127.0.0.1.

    \b
    Example:
      corpus studio up
      corpus studio up --host 0.0.0.0
      corpus studio up --database postgresql://ls:PASSWORD@127.0.0.1:5432/labelstudio --workers 4
      corpus studio up --model
    """
    from corpus.studio import server

    if with_model:  # Label Studio must be allowed to call a backend on this machine
        from corpus.studio.backend import studio_environment

        for name, value in studio_environment().items():
            os.environ.setdefault(name, value)
    if not server.studio_executable().exists() or not server.uwsgi_executable().exists():
        click.echo(f"installing Label Studio into {server.studio_home()} (about a minute, once)...", err=True)
    state = corpus.studio_up(workspace, port=port, database=database, workers=workers, host=host)
    ws = corpus.Workspace(workspace)
    warning = state.warning()
    if warning:
        click.echo(f"warning: {warning}", err=True)
    click.echo(state.line())
    click.echo(f"log in at {state.url} as {ws.credentials['username']} (password in {ws.path('credentials.json')})")
    if with_model:
        from corpus.studio.backend import start_background

        served = start_background(workspace)
        if served.error:
            click.echo(f"warning: {served.error}", err=True)
        click.echo(served.line())


@studio.command("down")
@workspace_option
def studio_down(workspace: Path) -> None:
    """Stop the Label Studio this workspace started.

    \b
    Example:
      corpus studio down
    """
    from corpus.studio.backend import stop_background
    from corpus.workspace import Workspace, servers_elsewhere

    if stop_background(workspace):  # first: it removes its connection from the running Label Studio
        click.echo("model backend stopped")
    if corpus.studio_down(workspace):
        click.echo("stopped")
        return
    elsewhere = servers_elsewhere(Workspace.of(workspace).root)
    click.echo("Label Studio was not running in this workspace" + (f"; {elsewhere}" if elsewhere else ""))


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
    emit(state, as_json)
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
    emit(result, as_json)


@studio.command("backup")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="The backup file (a name ending in .tar.gz), else a folder for one named by the time (default: backups/ in the workspace).",
)
@click.option(
    "--every",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    metavar="MINUTES",
    help="Back up every MINUTES while the server runs (into the -o folder), keeping the newest --keep.",
)
@click.option("--keep", type=click.IntRange(min=1), default=None, help="Keep only the newest N backups of the folder.")
@workspace_option
@json_option
def studio_backup(output: Path | None, every: float | None, keep: int | None, workspace: Path, as_json: bool) -> None:
    """Back up the local Label Studio while it runs, with the workspace state, into one file.

    A consistent copy while annotators save (SQLite's online backup, or pg_dump on PostgreSQL),
    the uploads and the workspace's .corpus/ (credentials kept private), listed with the Label
    Studio version and the counts in the file's manifest. The file is readable by you only.

    \b
    Example:
      corpus studio backup -o labels-2026-12-05.tar.gz
      corpus studio backup --every 60 --keep 24 -o backups/
    """
    if every is None:
        emit(corpus.studio_backup(output, workspace=workspace, keep=keep), as_json)
        return
    corpus.studio_backup_every(
        every,
        output=output,
        keep=keep or 10,
        workspace=workspace,
        on_backup=lambda result: emit(result, as_json),
    )


@studio.command("restore")
@click.argument("backup_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Stop a running server and replace one that has data.")
@click.option(
    "--database",
    default=None,
    help="postgresql://USER:PASSWORD@HOST:PORT/NAME: restore a PostgreSQL backup into this database "
    "(default: the one it came from).",
)
@click.option("--port", type=int, default=None, help="The port it will listen on (default: the backup's, if free).")
@workspace_option
@json_option
def studio_restore(
    backup_file: Path, force: bool, database: str | None, port: int | None, workspace: Path, as_json: bool
) -> None:
    """Bring the local Label Studio and the workspace state back from a backup, here or elsewhere.

    Every file is checked against the manifest first. Refuses a backup of a newer Label Studio,
    and a running server or one with data unless --force (the state it replaces is kept aside).
    Then start it: corpus studio up.

    \b
    Example:
      corpus studio restore labels-2026-12-05.tar.gz && corpus studio up
    """
    emit(corpus.studio_restore(backup_file, workspace=workspace, force=force, database=database, port=port), as_json)


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
    emit(corpus.annotator_add(email, name, reset_password=reset_password, **server), as_json)


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
    emit(corpus.annotator_list(**server), as_json)


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
    emit(corpus.annotator_remove(email, **server), as_json)
