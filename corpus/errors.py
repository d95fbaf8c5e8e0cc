"""Every error corpus raises on purpose: one hierarchy, named for its cause.

A ``CorpusError`` is something the user can act on; its message is one line that says what
happened and what to do. The CLI turns it into that line and exit status 1. Any other
exception is a bug in corpus (the CLI shows its traceback with ``CORPUS_DEBUG=1``).
"""

from __future__ import annotations


class CorpusError(Exception):
    """Base of every error a user can act on."""


class InputError(CorpusError):
    """A file the user gave cannot be read; the message names the file and line."""


class SchemaError(CorpusError):
    """A record does not match its schema, or names a schema version this corpus cannot read."""


class OptionError(CorpusError):
    """An option has a value corpus cannot use (an unknown role, bad split ratios, a short name)."""


class WorkspaceBusy(CorpusError):
    """Another corpus command holds the workspace lock."""


class StudioError(CorpusError):
    """The local Label Studio could not be installed, started or stopped."""


class LabelStudioError(CorpusError):
    """Label Studio could not do what was asked."""


class NotFound(LabelStudioError):
    """Label Studio has no such object (project, task, export)."""


class Unreachable(LabelStudioError):
    """The server did not answer (or answered 5xx) even after the retries."""


class NoProject(LabelStudioError):
    """The workspace has not pushed the named project to this server yet."""


class PredictionError(LabelStudioError):
    """A pre-annotation does not fit the labeling config (a bug in corpus: nothing was sent)."""


class PublishError(CorpusError):
    """The dataset cannot be published as asked."""


class VersionError(PublishError):
    """The dataset version contradicts the previous release or the schema change."""


class HubError(PublishError):
    """The Hugging Face Hub refused the upload."""


__all__ = [
    "CorpusError",
    "HubError",
    "InputError",
    "LabelStudioError",
    "NoProject",
    "NotFound",
    "OptionError",
    "PredictionError",
    "PublishError",
    "SchemaError",
    "StudioError",
    "Unreachable",
    "VersionError",
    "WorkspaceBusy",
]
