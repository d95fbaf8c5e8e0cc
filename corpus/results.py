"""What a library call returns: one way for every result to become the JSON of ``--json``.

A result is a dataclass with a ``line()`` (the summary a command prints) and ``to_dict()``
(what ``--json`` prints). ``Result`` gives the second from the fields, so a class spells its JSON
only where it differs from its fields: ``json_field(name="…")`` renames a field in the JSON,
``json_field(hidden=True)`` leaves it out. Values become JSON the same way everywhere
(``as_json``): paths as strings, seconds to the millisecond, nested results as their own
``to_dict()``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

# How many decimals a float keeps in JSON: times to the millisecond, ratios to a tenth of a percent.
FLOAT_DIGITS = 3


def json_field(*, name: str | None = None, hidden: bool = False, **field_options: Any) -> Any:
    """A dataclass field whose JSON key is ``name`` (default: the field's), or absent if ``hidden``."""
    metadata: dict[str, Any] = {"json_hidden": True} if hidden else ({"json": name} if name else {})
    if hidden:
        field_options.setdefault("repr", False)
    return dataclasses.field(metadata=metadata, **field_options)


def as_json(value: Any) -> Any:
    """``value`` as JSON-ready data: paths as strings, floats rounded, results and dataclasses as
    dicts, tuples and sets as lists (sets sorted)."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return round(value, FLOAT_DIGITS)
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return fields_as_json(value)
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(as_json(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [as_json(v) for v in value]
    return str(value)


def fields_as_json(instance: Any) -> dict[str, Any]:
    """A dataclass instance's fields as JSON, honouring ``json_field`` names and hidden fields."""
    out: dict[str, Any] = {}
    for field in dataclasses.fields(instance):
        if not field.metadata.get("json_hidden"):
            out[field.metadata.get("json", field.name)] = as_json(getattr(instance, field.name))
    return out


class Result:
    """Base of the dataclasses a library call returns: ``to_dict()`` from their fields."""

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data (``--json``)."""
        return fields_as_json(self)

    def line(self) -> str:
        """The one-line summary a command prints."""
        raise NotImplementedError
