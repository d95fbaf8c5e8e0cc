"""``corpus validate``: check JSONL files record by record against the schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from corpus import schema
from corpus.jsonl import BadLine, iter_lines
from corpus.schema.migrate import migrate


@dataclass
class ValidationResult:
    records: int = 0
    problems: list[BadLine] = field(default_factory=list)


def validate_files(paths: list[Path]) -> ValidationResult:
    """Validate every record of every file, collecting every problem with its file and line."""
    result = ValidationResult()
    for path in paths:
        for number, item in iter_lines(path):
            result.records += 1
            if isinstance(item, BadLine):
                result.problems.append(item)
                continue
            try:
                errors = schema.record_errors(migrate(item))
            except schema.SchemaError as exc:
                errors = [str(exc)]
            result.problems.extend(BadLine(str(path), number, error) for error in errors)
    return result
