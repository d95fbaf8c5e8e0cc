"""Migrations: data written under an older schema version brought to the current one.

One name, three scopes:

- records (``records.migrate``): a record of an older minor version is migrated on read, step
  by step; ``read_records`` and ``validate`` call it for every line;
- a data folder (``data.migrate_data``): a schema major changed what ids mean, so the four files
  of a folder are migrated together (``corpus migrate``);
- a live project (``corpus.studio.migrate``): the tasks and annotations in Label Studio, run by
  ``push``; it lives beside the client because it talks to the server, and converts answers with
  the same table as the data folder (``checkworthy_answer``).
"""

from __future__ import annotations

from typing import Any

from corpus.schema import LabelSet, label_set
from corpus.schema.migrate.records import MIGRATIONS, Migration, migrate

UNCARRIED_NOTE = "[schema {version} checkworthy: {value}]"


def checkworthy_answer(value: Any, from_version: str, labels: LabelSet | None = None) -> tuple[Any, str | None]:
    """A check-worthiness answer of schema ``from_version`` in the current label set (pure).

    Returns the new answer and, for an old answer with no new equivalent (the new answer is then
    None), the note to keep in the annotation's comment so that nothing the annotator said is lost.
    An answer the schema's table does not name is returned unchanged.
    """
    table = ((labels or label_set()).checkworthy_from or {}).get(from_version, {})
    if value is None or value not in table:
        return value, None
    new = table[value]
    return new, UNCARRIED_NOTE.format(version=from_version, value=value) if new is None else None


__all__ = ["MIGRATIONS", "UNCARRIED_NOTE", "Migration", "checkworthy_answer", "migrate"]
