"""The rule pre-annotator's predictions of test sentences, kept in the workspace between releases
(``.corpus/rules/<code digest>.pickle``).

The card scores the rules on the test split: at 100,000 sentences that is 10,000 sentences through
the rules, about 5 s, the largest single part of a publish (docs/benchmarks.md). A release mostly
publishes again the test sentences of the last one, so each prediction is kept, keyed by all that
``rule_prediction`` reads of its row; a prediction not kept by the last release is looked for
among those push made in the same workspace (``PushedPredictions``), and made only where neither
has it. The file is named by a digest of corpus's code and schemas: another version of the rules
(or of anything they are converted and scored with) never reads the predictions of this one, and a
file that cannot be read is made again.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from corpus.studio.rule_predictions import RULES_DIR, PushedPredictions, prediction_key, rule_prediction
from corpus.workspace import Workspace, code_digest, read_pickle, remove_others, write_pickle


class KeptPredictions:
    """The predictions kept by the last publish in a workspace; ``of`` makes the missing ones, and
    ``save`` keeps those used this time (the file holds one release's test split, never more)."""

    def __init__(self, workspace: Workspace | str | Path | None = None):
        self.folder = Workspace.of(workspace).path(RULES_DIR)
        self.path = self.folder / f"{code_digest()}.pickle"
        self.pushed = PushedPredictions(workspace)
        self.kept: dict[bytes, dict[str, Any]] = {}
        self.used: dict[bytes, dict[str, Any]] = {}
        self.made = 0

    def ready(self) -> bool:
        """Whether predictions were kept, by a release or a push (most of a release's are, then)."""
        return self.path.exists() or self.pushed.exists()

    def _load(self) -> None:
        kept = read_pickle(self.path)
        if isinstance(kept, dict):
            self.kept = kept

    def of(self, rows: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """The rule predictions of ``rows`` (sentences rows or sentence records, with their document's
        title as ``titled`` gives them), by id: kept ones where the row is the same, those push made,
        the others made by ``rule_prediction``. Read from the file only now: a large release's kept
        predictions take memory the rest of the build needs."""
        if not self.kept:
            self._load()
        predictions = {}
        for row in rows:
            key = prediction_key(row)
            prediction = self.kept.get(key) or self.pushed.get(row)
            if prediction is None:
                prediction = rule_prediction(row)
                self.made += 1
            self.used[key] = prediction
            predictions[row["id"]] = prediction
        return predictions

    def save(self) -> None:
        """Keep the predictions used since this was made, when they differ from the file's (and
        forget those of other code); then let them go here (the caller holds those it uses)."""
        if self.made or self.used.keys() != self.kept.keys():
            write_pickle(self.path, self.used)
        remove_others(self.path)
        self.pushed.close()
        self.kept, self.used, self.made = {}, {}, 0
