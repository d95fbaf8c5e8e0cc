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
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import click

from corpus import defaults
from corpus.errors import CorpusError
from corpus.version import __version__


class _Result(Protocol):
    def line(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...


def emit(result: _Result, as_json: bool) -> None:
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


def progress_bar(desc: str, unit: str) -> Any:
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


def comma_list(text: str) -> list[str]:
    """ "a, b,c" -> ["a", "b", "c"]: the comma-separated values of an option."""
    return [item.strip() for item in text.split(",") if item.strip()]


# The commands, in the modules of their part of the work; importing them registers them on ``cli``.
from corpus.cli import lead, pipeline, release, studio  # noqa: E402, F401


def main(argv: list[str] | None = None) -> Callable[..., Any] | None:
    try:
        return cli.main(args=argv, prog_name="corpus")
    finally:
        # Out of the garbage collector's sight: the collections at interpreter exit would walk
        # every imported module's objects, 0.06 s of each command with Label Studio's client
        # loaded (best of 15: 0.323 s against 0.243 s). The memory goes back to the OS at exit.
        gc.freeze()
