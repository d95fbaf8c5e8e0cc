"""corpus: news articles in, a published, versioned, annotated dataset out.

The library behind the ``corpus`` command; every command is one call here::

    import corpus

    corpus.split("examples/", "data/")                    # documents + sentences
    corpus.studio_up()                                     # a local Label Studio
    corpus.push("data/sentences.jsonl", project="news")    # tasks + pre-annotations
    corpus.status(project="news")                          # progress and agreement so far
    corpus.review(project="news")                          # disputes -> adjudication queue
    corpus.pull(project="news", output="data/annotations.jsonl")
    corpus.publish("1.0.0", data_dir="data/", output="dataset/")

Errors a user can act on are ``corpus.CorpusError`` subclasses with a one-line message.
Names are imported on first use, so ``import corpus`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from corpus.version import __version__

# public name -> (module, attribute)
_EXPORTS: dict[str, tuple[str, str]] = {
    # the pipeline, one call per job
    "split": ("corpus.text.sentences", "split"),
    "validate": ("corpus.validation", "validate"),
    "studio_up": ("corpus.studio.server", "up"),
    "studio_down": ("corpus.studio.server", "down"),
    "studio_status": ("corpus.studio.server", "server_status"),
    "studio_environment": ("corpus.studio.server", "environment"),
    "studio_move": ("corpus.studio.move", "move"),
    "studio_backup": ("corpus.studio.backup", "backup"),
    "studio_backup_every": ("corpus.studio.backup", "backup_every"),
    "studio_restore": ("corpus.studio.backup", "restore"),
    "annotator_add": ("corpus.studio.annotators", "add_annotator"),
    "annotator_list": ("corpus.studio.annotators", "list_annotators"),
    "annotator_remove": ("corpus.studio.annotators", "remove_annotator"),
    "push": ("corpus.studio.push", "push"),
    "pull": ("corpus.studio.pull", "pull"),
    "status": ("corpus.studio.status", "status"),
    "review": ("corpus.studio.review", "review"),
    "report": ("corpus.studio.report", "report"),
    "model_train": ("corpus.model.workspace", "train_model"),
    "model_serve": ("corpus.studio.backend", "serve"),
    "start_backend": ("corpus.studio.backend", "start_backend"),
    "publish": ("corpus.dataset.publish", "publish"),
    "evaluate": ("corpus.dataset.evaluate", "evaluate"),
    "schema_diff": ("corpus.schema.diff", "schema_diff"),
    "migrate_data": ("corpus.schema.migrate.data", "migrate_data"),
    "DataMigration": ("corpus.schema.migrate.data", "DataMigration"),
    # results
    "SplitSummary": ("corpus.text.sentences", "SplitSummary"),
    "ValidationResult": ("corpus.validation", "ValidationResult"),
    "StudioStatus": ("corpus.studio.server", "StudioStatus"),
    "MoveResult": ("corpus.studio.move", "MoveResult"),
    "BackupResult": ("corpus.studio.backup", "BackupResult"),
    "RestoreResult": ("corpus.studio.backup", "RestoreResult"),
    "AnnotatorAccount": ("corpus.studio.annotators", "AnnotatorAccount"),
    "AnnotatorList": ("corpus.studio.annotators", "AnnotatorList"),
    "AnnotatorRemoval": ("corpus.studio.annotators", "AnnotatorRemoval"),
    "PushResult": ("corpus.studio.push", "PushResult"),
    "PullResult": ("corpus.studio.pull", "PullResult"),
    "StatusResult": ("corpus.studio.status", "StatusResult"),
    "ReviewResult": ("corpus.studio.review", "ReviewResult"),
    "ReportResult": ("corpus.studio.report", "ReportResult"),
    "TrainResult": ("corpus.model.workspace", "TrainResult"),
    "Backend": ("corpus.studio.backend", "Backend"),
    "BackendStatus": ("corpus.studio.backend", "BackendStatus"),
    "PublishResult": ("corpus.dataset.publish", "PublishResult"),
    "Evaluation": ("corpus.dataset.scorer", "Evaluation"),
    "HumanCeiling": ("corpus.dataset.scorer", "HumanCeiling"),
    "SchemaDiff": ("corpus.schema.diff", "SchemaDiff"),
    # the schema and the label set
    "SCHEMA_VERSION": ("corpus.schema", "SCHEMA_VERSION"),
    "label_set": ("corpus.schema", "label_set"),
    "sentence_roles": ("corpus.schema", "sentence_roles"),
    "LabelSet": ("corpus.schema", "LabelSet"),
    "record_errors": ("corpus.schema", "record_errors"),
    # records and pure building blocks, for notebooks and scripts
    "read_records": ("corpus.jsonl", "read_records"),
    "write_records": ("corpus.jsonl", "write_records"),
    "sentence_records": ("corpus.text.sentences", "sentence_records"),
    "split_text": ("corpus.text.segment", "split_text"),
    "iter_sentences": ("corpus.text.segment", "iter_sentences"),
    "make_document": ("corpus.text.sources", "make_document"),
    "task_for": ("corpus.studio.tasks", "task_for"),
    "predictions_for": ("corpus.studio.tasks", "predictions_for"),
    "check_predictions": ("corpus.studio.checks", "check_predictions"),
    "convert_task": ("corpus.studio.convert", "convert_task"),
    "merge_sentence": ("corpus.labels.merge", "merge_sentence"),
    "agreement": ("corpus.labels.agreement", "agreement"),
    "AgreementSummary": ("corpus.labels.agreement", "AgreementSummary"),
    # Label Studio access for scripts
    "Workspace": ("corpus.workspace", "Workspace"),
    "connect": ("corpus.studio.client", "connect"),
    "find_project": ("corpus.studio.project", "find_project"),
    "ensure_project": ("corpus.studio.project", "ensure_project"),
    # errors
    **{
        name: ("corpus.errors", name)
        for name in (
            "CorpusError",
            "InputError",
            "SchemaError",
            "OptionError",
            "WorkspaceBusy",
            "StudioError",
            "LabelStudioError",
            "NotFound",
            "Unreachable",
            "NoProject",
            "PredictionError",
            "PublishError",
            "VersionError",
            "HubError",
        )
    },
}

__all__ = [
    "SCHEMA_VERSION",
    "AgreementSummary",
    "AnnotatorAccount",
    "AnnotatorList",
    "AnnotatorRemoval",
    "Backend",
    "BackendStatus",
    "BackupResult",
    "CorpusError",
    "DataMigration",
    "Evaluation",
    "HubError",
    "HumanCeiling",
    "InputError",
    "LabelSet",
    "LabelStudioError",
    "MoveResult",
    "NoProject",
    "NotFound",
    "OptionError",
    "PredictionError",
    "PublishError",
    "PublishResult",
    "PullResult",
    "PushResult",
    "ReportResult",
    "RestoreResult",
    "ReviewResult",
    "SchemaDiff",
    "SchemaError",
    "SplitSummary",
    "StatusResult",
    "StudioError",
    "StudioStatus",
    "TrainResult",
    "Unreachable",
    "ValidationResult",
    "VersionError",
    "Workspace",
    "WorkspaceBusy",
    "__version__",
    "agreement",
    "annotator_add",
    "annotator_list",
    "annotator_remove",
    "check_predictions",
    "connect",
    "convert_task",
    "ensure_project",
    "evaluate",
    "find_project",
    "iter_sentences",
    "label_set",
    "make_document",
    "merge_sentence",
    "migrate_data",
    "model_serve",
    "model_train",
    "predictions_for",
    "publish",
    "pull",
    "push",
    "read_records",
    "record_errors",
    "report",
    "review",
    "schema_diff",
    "sentence_records",
    "sentence_roles",
    "split",
    "split_text",
    "start_backend",
    "status",
    "studio_backup",
    "studio_backup_every",
    "studio_down",
    "studio_environment",
    "studio_move",
    "studio_restore",
    "studio_status",
    "studio_up",
    "task_for",
    "validate",
    "write_records",
]

assert set(__all__) == {"__version__", *_EXPORTS}


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'corpus' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:  # what type checkers and IDEs see
    from corpus.dataset.evaluate import evaluate
    from corpus.dataset.publish import PublishResult, publish
    from corpus.dataset.scorer import Evaluation, HumanCeiling
    from corpus.errors import (
        CorpusError,
        HubError,
        InputError,
        LabelStudioError,
        NoProject,
        NotFound,
        OptionError,
        PredictionError,
        PublishError,
        SchemaError,
        StudioError,
        Unreachable,
        VersionError,
        WorkspaceBusy,
    )
    from corpus.jsonl import read_records, write_records
    from corpus.labels.agreement import AgreementSummary, agreement
    from corpus.labels.merge import merge_sentence
    from corpus.model.workspace import TrainResult
    from corpus.model.workspace import train_model as model_train
    from corpus.schema import SCHEMA_VERSION, LabelSet, label_set, record_errors, sentence_roles
    from corpus.schema.diff import SchemaDiff, schema_diff
    from corpus.schema.migrate.data import DataMigration, migrate_data
    from corpus.studio.annotators import AnnotatorAccount, AnnotatorList, AnnotatorRemoval
    from corpus.studio.annotators import add_annotator as annotator_add
    from corpus.studio.annotators import list_annotators as annotator_list
    from corpus.studio.annotators import remove_annotator as annotator_remove
    from corpus.studio.backend import Backend, BackendStatus, start_backend
    from corpus.studio.backend import serve as model_serve
    from corpus.studio.backup import BackupResult, RestoreResult
    from corpus.studio.backup import backup as studio_backup
    from corpus.studio.backup import backup_every as studio_backup_every
    from corpus.studio.backup import restore as studio_restore
    from corpus.studio.checks import check_predictions
    from corpus.studio.client import connect
    from corpus.studio.convert import convert_task
    from corpus.studio.move import MoveResult
    from corpus.studio.move import move as studio_move
    from corpus.studio.project import ensure_project, find_project
    from corpus.studio.pull import PullResult, pull
    from corpus.studio.push import PushResult, push
    from corpus.studio.report import ReportResult, report
    from corpus.studio.review import ReviewResult, review
    from corpus.studio.server import StudioStatus
    from corpus.studio.server import down as studio_down
    from corpus.studio.server import environment as studio_environment
    from corpus.studio.server import server_status as studio_status
    from corpus.studio.server import up as studio_up
    from corpus.studio.status import StatusResult, status
    from corpus.studio.tasks import predictions_for, task_for
    from corpus.text.segment import iter_sentences, split_text
    from corpus.text.sentences import SplitSummary, sentence_records, split
    from corpus.text.sources import make_document
    from corpus.validation import ValidationResult, validate
    from corpus.workspace import Workspace
