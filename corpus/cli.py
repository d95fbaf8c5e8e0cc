"""The ``corpus`` command line: parses options and calls the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from corpus import __version__
from corpus.jsonl import BadLine, InputError


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
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="Worker processes (default: all cores for inputs over 500 kB).")
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
    from corpus.text.sentences import split_sources

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
    from corpus.validate import validate_files

    result = validate_files(list(files))
    if as_json:
        _echo_json({"records": result.records, "problems": [str(p) for p in result.problems]})
    else:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{result.records} records, {len(result.problems)} problems")
    if result.problems:
        sys.exit(1)


# -- Label Studio ---------------------------------------------------------------------------------
url_option = click.option("--url", envvar="LABEL_STUDIO_URL", default=None, help="An existing Label Studio (env LABEL_STUDIO_URL); default: the local one.")
key_option = click.option("--api-key", envvar="LABEL_STUDIO_API_KEY", default=None, help="Its API key: legacy token or personal access token (env LABEL_STUDIO_API_KEY).")
project_option = click.option("--project", "project_name", default="corpus", show_default=True, help="Project name (at least 3 characters).")


def _connect(workspace: Path, url: str | None, api_key: str | None) -> Any:
    from corpus.studio.client import Client, resolve_connection
    from corpus.workspace import Workspace

    return Client(resolve_connection(Workspace(workspace), url, api_key))


@cli.group()
def studio() -> None:
    """Run the local Label Studio (the embedded default).

    \b
    Example:
      corpus studio up && eval "$(corpus studio env)"
    """


@studio.command("up")
@workspace_option
@click.option("--port", type=int, default=None, help="Port on 127.0.0.1 (default: a free one, kept between starts).")
def studio_up(workspace: Path, port: int | None) -> None:
    """Install (first time) and start Label Studio on 127.0.0.1; do nothing if it runs.

    \b
    Example:
      corpus studio up
    """
    from corpus.studio import server as local
    from corpus.workspace import Workspace

    ws = Workspace(workspace)
    if not local.studio_executable().exists():
        click.echo(f"installing Label Studio into {local.studio_home()} (about a minute, once)...", err=True)
    try:
        state = local.up(ws, port=port)
    except local.StudioError as exc:
        raise click.ClickException(str(exc))
    credentials = ws.credentials
    click.echo(state.line())
    click.echo(f"log in at {state.url} as {credentials['username']} (password in {ws.path('credentials.json')})")


@studio.command("down")
@workspace_option
def studio_down(workspace: Path) -> None:
    """Stop the Label Studio this workspace started.

    \b
    Example:
      corpus studio down
    """
    from corpus.studio import server as local
    from corpus.workspace import Workspace

    click.echo("stopped" if local.down(Workspace(workspace)) else "Label Studio was not running")


@studio.command("status")
@workspace_option
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def studio_status(workspace: Path, as_json: bool) -> None:
    """Say whether the local Label Studio is up, and where.

    \b
    Example:
      corpus studio status
    """
    from corpus.studio import server as local
    from corpus.workspace import Workspace

    state = local.status(Workspace(workspace))
    if as_json:
        _echo_json({"running": state.running, "url": state.url, "pid": state.pid})
    else:
        click.echo(state.line())
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
    import shlex

    from corpus.workspace import Workspace

    credentials = Workspace(workspace).credentials
    if not credentials.get("url"):
        raise click.ClickException("no local Label Studio in this workspace; run: corpus studio up")
    click.echo(f"export LABEL_STUDIO_URL={shlex.quote(credentials['url'])} LABEL_STUDIO_API_KEY={shlex.quote(credentials['api_key'])}")


@cli.command()
@click.argument("sentences", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@project_option
@click.option("--overlap", type=click.IntRange(min=1), default=1, show_default=True, help="Annotators per task.")
@click.option("--roles", default="title,body,caption_title,caption", show_default=True,
              help="Comma-separated roles to push (title, body, caption_title, caption, credit).")
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, show_default=True, help="Tasks per import request.")
@click.option("--update-config", is_flag=True, help="Restore the generated labeling config even if the project has annotations.")
@click.option("--recreate", is_flag=True, help="Forget the recorded project (e.g. after it was deleted) and create a new one.")
@workspace_option
@url_option
@key_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def push(sentences: Path, project_name: str, overlap: int, roles: str, batch_size: int, update_config: bool, recreate: bool,
         workspace: Path, url: str | None, api_key: str | None, as_json: bool) -> None:
    """Send SENTENCES (from corpus split) to Label Studio as tasks with pre-annotations.

    Creates the project (or reuses this workspace's), sets the labeling config generated from
    the schema and the annotation guidelines, and imports only the sentences it does not have
    yet, in batches. Safe to re-run; an interrupted push is finished by running it again.

    \b
    Example:
      corpus push data/sentences.jsonl --project news-claims --overlap 2
    """
    from corpus.studio.client import LabelStudioError
    from corpus.studio.project import ensure_project, forget_project
    from corpus.studio.push import push_sentences
    from corpus.workspace import Workspace, WorkspaceBusy

    ws = Workspace(workspace)
    role_list = [r.strip() for r in roles.split(",") if r.strip()]
    bar = _progress(desc="push", unit="task")
    try:
        with ws.lock("corpus push"), _connect(workspace, url, api_key) as client:
            if recreate:
                forget_project(ws, project_name)
            project, created = ensure_project(ws, client, project_name, overlap=overlap, update_config=update_config)
            result = push_sentences(client, ws, project, created, sentences, roles=role_list, batch_size=batch_size, on_batch=bar.update)
    except (LabelStudioError, WorkspaceBusy, InputError, ValueError) as exc:
        raise click.ClickException(str(exc))
    finally:
        bar.close()
    summary = {"project": project.name, "project_id": project.id, "url": project.web_url, "created": created,
               "sentences": result.sentences, "imported": result.imported, "already_there": result.already,
               "left_out_by_role": result.left_out, "recovered_batches": result.recovered_batches}
    if as_json:
        _echo_json(summary)
    else:
        click.echo(f"{result.imported} tasks imported, {result.already} already there, {result.left_out} left out by role "
                   f"-> project {project.name!r} at {project.web_url}")


@cli.command()
@project_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("data/annotations.jsonl"), show_default=True,
              help="Annotation records (one per sentence and annotator).")
@click.option("--merged", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Merged records (one per sentence); default: merged.jsonl beside the output.")
@workspace_option
@url_option
@key_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def pull(project_name: str, output: Path, merged: Path | None, workspace: Path, url: str | None, api_key: str | None, as_json: bool) -> None:
    """Fetch finished annotations from Label Studio as schema-valid records.

    Exports the project through an export snapshot, keeps finished annotations (skipped ones and
    drafts are counted, not turned into labels), pseudonymises annotators, and reports problems
    (a span that does not match the text, a relation to a missing region) by task and annotation.

    \b
    Example:
      corpus pull -o data/annotations.jsonl
    """
    from corpus.studio.client import LabelStudioError
    from corpus.studio.project import known_project
    from corpus.studio.pull import pull_annotations
    from corpus.workspace import Workspace

    ws = Workspace(workspace)
    merged = merged or output.with_name("merged.jsonl")
    bar = _progress(desc="pull", unit="task")
    try:
        with _connect(workspace, url, api_key) as client:
            project = known_project(ws, client, project_name)
            if project is None:
                raise click.ClickException(f"no project {project_name!r} pushed from this workspace to {client.url}; run corpus push first")
            result = pull_annotations(client, project, output, merged, on_task=lambda: bar.update(1))
    except LabelStudioError as exc:
        raise click.ClickException(str(exc))
    finally:
        bar.close()
    for problem in result.problems:
        click.echo(f"problem: {problem}", err=True)
    if as_json:
        _echo_json({"tasks": result.tasks, "annotations": result.annotations, "sentences": result.sentences, "skipped": result.skipped,
                    "drafts": result.drafts, "problems": [str(p) for p in result.problems], "output": str(output), "merged": str(merged)})
    else:
        click.echo(f"{result.annotations} annotations on {result.sentences} sentences, {result.skipped} skipped, "
                   f"{result.drafts} drafts, {len(result.problems)} problems -> {output}, {merged}")


@cli.command()
@click.option("--version", "version", required=True, help="Dataset version X.Y.Z (a breaking schema change needs a new major).")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("dataset"), show_default=True,
              help="Dataset folder to write (a complete Hugging Face dataset repository).")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=Path("data"), show_default=True,
              help="Folder with documents.jsonl, sentences.jsonl (split) and annotations.jsonl, merged.jsonl (pull).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the document-level split.")
@click.option("--splits", "splits", default="train=0.8,validation=0.1,test=0.1", show_default=True, help="Split ratios.")
@click.option("--name", default="corpus news claims", show_default=True, help="Dataset name in the card.")
@click.option("--repo-id", default=None, help="Also upload to the Hugging Face Hub as ORG/NAME and tag vX.Y.Z (token: HF_TOKEN or huggingface-cli login).")
@click.option("--private", is_flag=True, help="Create the Hub repository as private.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def publish(version: str, output: Path, data_dir: Path, seed: int, splits: str, name: str, repo_id: str | None, private: bool, as_json: bool) -> None:
    """Publish pulled annotations as a versioned Hugging Face dataset folder.

    Writes parquet files per config (sentences, attributions, figures, tokens, documents,
    annotations) and split, a dataset card with typed features, statistics and agreement, the
    schema files and a changelog. `datasets.load_dataset(OUTPUT, "sentences")` reads it offline.

    \b
    Example:
      corpus publish --version 1.0.0 -o dataset/
      corpus publish --version 1.1.0 -o dataset/ --repo-id my-org/news-claims
    """
    from corpus.dataset.build import parse_ratios
    from corpus.dataset.publish import PublishError, publish as build

    try:
        result = build(data_dir, output, version, seed=seed, ratios=parse_ratios(splits), name=name)
    except (PublishError, InputError, ValueError) as exc:
        raise click.ClickException(str(exc))
    summary: dict[str, Any] = {"folder": str(output), "version": version, "rows": result.rows, "seconds": round(result.seconds, 2)}
    if repo_id:
        from corpus.dataset.hub import HubError, upload

        try:
            uploaded = upload(output, repo_id, version, private=private)
        except HubError as exc:
            raise click.ClickException(str(exc))
        summary.update({"repo_id": uploaded.repo_id, "tag": uploaded.tag, "tags": uploaded.tags})
    if as_json:
        _echo_json(summary)
    else:
        sentences = sum(result.rows["sentences"].values())
        click.echo(f"dataset {version}: {sentences} sentences in {', '.join(f'{k} {v}' for k, v in result.rows['sentences'].items())} -> {output}/")
        if repo_id:
            click.echo(f"uploaded to {repo_id}, tagged {summary['tag']}")


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
@click.option("--json", "as_json", is_flag=True, help="Print the changes as JSON.")
def schema_diff(old: str, new: str, as_json: bool) -> None:
    """Compare two schema versions (a version like 1.0.0, or a folder of schema files).

    Says whether the change is breaking (needs a new major dataset version).

    \b
    Example:
      corpus schema diff 1.0.0 1.1.0
    """
    from corpus.schema import diff as schemadiff

    try:
        changes = schemadiff.diff(schemadiff.load_folder(old), schemadiff.load_folder(new))
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc))
    breaking = any(c.breaking for c in changes)
    if as_json:
        _echo_json({"breaking": breaking, "changes": [{"path": c.path, "what": c.what, "breaking": c.breaking} for c in changes]})
        return
    for change in changes:
        click.echo(str(change))
    click.echo("breaking: a new major version is needed" if breaking else ("compatible: a minor version is enough" if changes else "no change"))


def main() -> None:
    try:
        cli(standalone_mode=True)
    except InputError as exc:  # pragma: no cover - commands convert these themselves
        raise click.ClickException(str(exc))


if __name__ == "__main__":
    main()
