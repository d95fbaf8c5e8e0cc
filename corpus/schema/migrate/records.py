"""Schema evolution: records written under an older schema version are migrated on read.

Each migration takes a record of one version to the next; ``migrate`` chains them up to the
current ``schema.SCHEMA_VERSION``. A record from a newer major version than this corpus knows
is refused, since its meaning may have changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from corpus import schema
from corpus.errors import SchemaError

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _unchanged(record: dict[str, Any]) -> dict[str, Any]:
    """2.0.0 -> 2.1.0 only added (optional) fields and values to merged records: the per-layer
    ``methods``, the ``tie`` and ``unanimous`` methods, figures' ``tied`` fields. An older merged
    record keeps what it says; the next pull writes the new fields."""
    return record


# (from_version, to_version) -> function. 1.0.0 -> 2.0.0 is not here: ids changed meaning, which
# records cannot be migrated across one by one (see data.py).
MIGRATIONS: dict[tuple[str, str], Migration] = {("2.0.0", "2.1.0"): _unchanged}


def migrate(
    record: Any, target: str = schema.SCHEMA_VERSION, migrations: dict[tuple[str, str], Migration] | None = None
) -> Any:
    """Return ``record`` brought up to schema version ``target``."""
    if not isinstance(record, dict) or "schema_version" not in record:
        return record
    steps = MIGRATIONS if migrations is None else migrations
    version = str(record["schema_version"])
    if version == target:
        return record
    if schema.parse_version(version) > schema.parse_version(target):
        raise SchemaError(
            f"record has schema version {version}, newer than {target} which this corpus reads; upgrade corpus"
        )
    while version != target:
        step = next(((a, b) for a, b in steps if a == version), None)
        if step is None:
            if schema.parse_version(version)[0] < schema.parse_version(target)[0]:
                raise SchemaError(
                    f"no migration from schema version {version} towards {target} record by record (ids changed "
                    f"meaning): run `corpus migrate` on the data folder, or split the sources again"
                )
            raise SchemaError(f"no migration from schema version {version} towards {target}")
        record = steps[step](dict(record))
        record["schema_version"] = version = step[1]
    return record
