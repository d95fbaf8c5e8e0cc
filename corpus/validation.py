"""``corpus validate``: check JSONL files record by record against the schema."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus import schema
from corpus.errors import SchemaError
from corpus.jsonl import BadLine, iter_lines
from corpus.schema.migrate.records import migrate


@dataclass
class ValidationResult:
    """How many records were read, and every problem with its file and line."""

    records: int = 0
    problems: list[BadLine] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        return f"{self.records} records, {len(self.problems)} problems"

    def to_dict(self) -> dict[str, Any]:
        return {"records": self.records, "problems": [str(p) for p in self.problems]}


def validate(paths: str | Path | Iterable[str | Path]) -> ValidationResult:
    """Validate every record of every JSONL file against its schema (older versions migrated).

    Args:
        paths: one JSONL file or several (documents, sentences, annotations, merged records).

    Returns:
        The number of records and every problem found, each with its file and line.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    result = ValidationResult()
    for path in paths:
        for number, item in iter_lines(path):
            result.records += 1
            if isinstance(item, BadLine):
                result.problems.append(item)
                continue
            try:
                errors = schema.record_errors(migrate(item))
            except SchemaError as exc:
                errors = [str(exc)]
            result.problems.extend(BadLine(str(path), number, error) for error in errors)
    return result
