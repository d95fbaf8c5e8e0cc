"""Releases and what learns from them: publish, evaluate, the model, the schema."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

import corpus
from corpus import defaults
from corpus.cli import (
    cli,
    emit,
    json_option,
    key_option,
    project_option,
    url_option,
    workspace_option,
)
from corpus.dataset.evaluate import BASELINES


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
@workspace_option
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
    workspace: Path,
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
        workspace=workspace,
        repo_id=repo_id,
        private=private,
        licence=licence,
    )
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    emit(result, as_json)


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
    emit(corpus.model_train(data_dir, workspace=workspace), as_json)


@model.command("serve")
@project_option
@click.option(
    "--port", type=click.IntRange(1, 65535), default=None, help="Port (default: the one used last time, else 9090)."
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--debounce",
    type=click.FloatRange(min=0),
    default=10.0,
    show_default=True,
    help="Seconds without a new annotation before it retrains.",
)
@click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(defaults.DATA_DIR),
    show_default=True,
    help="The data folder with the sentences.jsonl that was pushed.",
)
@click.option("--wait", is_flag=True, hidden=True, help="Keep trying to connect (studio up --model).")
@workspace_option
@url_option
@key_option
def model_serve(
    project_name: str | None,
    port: int | None,
    host: str,
    debounce: float,
    data_dir: Path,
    wait: bool,
    workspace: Path,
    url: str | None,
    api_key: str | None,
) -> None:
    """Serve the model to Label Studio as its ML backend, retraining as annotations arrive.

    Connects to the project (Label Studio's ML connection and a webhook for annotation events),
    answers each task an annotator opens with the rules' pre-annotations and the model's
    check-worthiness and CLAIMs (the rules alone while there is no model or it fails), pulls
    and retrains DEBOUNCE seconds after the last annotation, and serves the new model at once.
    Runs until Ctrl-C, then removes the connection (Label Studio shows the rules again).

    \b
    Example:
      corpus model serve --project news
    """
    import logging

    from corpus.studio.backend import serve

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%H:%M:%S"))
    logger = logging.getLogger("corpus.backend")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)

    def ready(state: Any) -> None:
        click.echo(state.line() + "; Ctrl-C stops it")

    serve(
        workspace,
        project=project_name,
        host=host,
        port=port,
        debounce=debounce,
        data=data_dir,
        url=url,
        api_key=api_key,
        wait=wait,
        on_ready=ready,
    )


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
    emit(corpus.schema_diff(old, new), as_json)


@cli.command("evaluate")
@click.argument("predictions", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dataset", required=True, help="A published dataset folder, or a Hub repository id (ORG/NAME).")
@click.option("--split", default="test", show_default=True, help="The split to score against.")
@click.option(
    "--baseline",
    type=click.Choice(BASELINES),
    default=None,
    help="Score a baseline instead of PREDICTIONS: rules (the pre-annotator), model (the workspace's learned "
    "model), human (each annotator against the final labels).",
)
@click.option(
    "--workspace",
    "-w",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="CORPUS_WORKSPACE",
    default=".",
    show_default=True,
    help="Folder where corpus keeps its state (.corpus/), for --baseline model. Env: CORPUS_WORKSPACE.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def evaluate_cli(
    predictions: Path | None, dataset: str, split: str, baseline: str | None, workspace: Path, as_json: bool
) -> None:
    """Score PREDICTIONS.jsonl against a split of a published dataset (the release's own evaluate.py).

    PREDICTIONS.jsonl holds one row of the sentences config per line: id, spans, attributions,
    figures (document offsets) and checkworthy; a class is its name or its index. A row that does
    not fit is named by file and line (exit 1); unknown ids and sentences without a prediction are
    counted and reported (the latter scored as empty predictions). The dataset card defines every
    measure; `python evaluate.py` in the release prints the same numbers.

    \b
    Example:
      corpus evaluate predictions.jsonl --dataset dataset/ --split test
      corpus evaluate --baseline rules --dataset my-org/news-claims --json
    """
    result = corpus.evaluate(predictions, dataset=dataset, split=split, baseline=baseline, workspace=workspace)
    if as_json:  # the warnings are in the JSON too; said on stderr for whoever watches
        for warning in result.warnings():
            click.echo(f"warning: {warning}", err=True)
    click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) if as_json else result.line())
