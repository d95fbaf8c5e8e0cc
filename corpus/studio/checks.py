"""Pre-annotations checked against the labeling config before they reach Label Studio.

A prediction that does not fit the config is not refused by Label Studio: the browser shows an
empty or missing region, silently. So every task push sends is checked first:

- by the SDK's ``LabelInterface``: region type, ``from_name``/``to_name`` and their link, the
  value's fields, label and choice values (``validate_region``);
- by corpus, for what ``LabelInterface`` does not check: a region id, an empty label list, more
  than one value on a ``choice="single"`` control, offsets outside the text or not on the text
  they name (code points, as Label Studio's Text tag counts), a per-region answer without its labelled
  region, relation labels.

A mismatch is a bug in corpus (the config and the pre-annotations are both generated), raised as
``PredictionError`` naming the sentence and the region.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from corpus.errors import PredictionError

# Value fields that differ from one region to the next without changing what LabelInterface
# checks (it never sees the text): left out of the key of its cached verdicts.
_POSITION_FIELDS = ("start", "end", "text")  # "text" only when it is the span's text (a str)


def _shape(region: dict[str, Any]) -> tuple[Any, ...]:
    """What LabelInterface's verdict on a region depends on: all but its id, offsets and span text."""
    value = region.get("value")
    if isinstance(value, dict):
        value = sorted(
            (k, repr(v))
            for k, v in value.items()
            if k not in _POSITION_FIELDS or (k == "text" and not isinstance(v, str))
        )
    return (*sorted((k, repr(v)) for k, v in region.items() if k not in ("id", "value")), repr(value))


class PredictionChecker:
    """Checks predictions against one labeling config (parsed once)."""

    def __init__(self, config_xml: str):
        from label_studio_sdk.label_interface.interface import LabelInterface

        self.interface: Any = LabelInterface(config_xml)
        root = ET.fromstring(config_xml)
        self.single = {e.get("name") for e in root.iter() if e.get("name") and e.get("choice") == "single"}
        self.per_region = {e.get("name") for e in root.iter() if e.get("name") and e.get("perRegion") == "true"}
        self.relations = {str(e.get("value")) for e in root.iter("Relation")}
        # The task data field each object tag shows (<Text name="sentence" value="$text"/> -> text).
        self.fields = {
            e.get("name"): str(e.get("value"))[1:]
            for e in root.iter()
            if e.get("name") and str(e.get("value", "")).startswith("$")
        }
        self._verdicts: dict[tuple[Any, ...], list[str]] = {}

    def _sdk_errors(self, region: dict[str, Any]) -> list[str]:
        errors = self._verdicts.get(key := _shape(region))
        if errors is None:
            errors = [str(e) for e in self.interface.validate_region(region, return_errors=True) or []]
            if len(self._verdicts) < 100_000:
                self._verdicts[key] = errors
        return errors

    def errors(self, prediction: dict[str, Any], data: dict[str, Any] | None = None) -> list[str]:
        """What is wrong with one prediction (empty if nothing), each naming its region."""
        result = prediction.get("result")
        if not isinstance(result, list):
            return ["'result' is not a list"]
        score = prediction.get("score")
        if score is not None and not (isinstance(score, (int, float)) and 0 <= score <= 1):
            return [f"score {score!r} is not between 0 and 1"]
        problems: list[str] = []
        labelled = {r.get("id") for r in result if r.get("type") == "labels"}
        ids = {r.get("id") for r in result if r.get("type") != "relation"}
        for region in result:
            if region.get("type") == "relation":
                name = f"relation {region.get('from_id')}->{region.get('to_id')}"
                if region.get("from_id") not in ids or region.get("to_id") not in ids:
                    problems.append(f"{name}: links a region that is not in the prediction")
                unknown = set(region.get("labels") or []) - self.relations
                if unknown:
                    problems.append(
                        f"{name}: relation labels {sorted(unknown)} not in the config {sorted(self.relations)}"
                    )
                continue
            name = f"region {region.get('id')!r} ({region.get('from_name')})"
            errors = self._sdk_errors(region)
            if errors:
                # LabelInterface numbers the region "Region 0": the name says which it is.
                problems.extend(f"{name}: {e.split(': ', 1)[-1]}" for e in errors)
                continue
            problems.extend(f"{name}: {e}" for e in self._own_errors(region, labelled, data))
        return problems

    def _own_errors(self, region: dict[str, Any], labelled: set[Any], data: dict[str, Any] | None) -> list[str]:
        errors: list[str] = []
        value: dict[str, Any] = region["value"]
        control = region["from_name"]
        if not region.get("id"):
            errors.append("no region id (its per-region answers and relations cannot refer to it)")
        for field in ("labels", "choices"):
            if field in value:
                if not value[field]:
                    errors.append(f"empty {field}")
                elif control in self.single and len(value[field]) > 1:
                    errors.append(f"{len(value[field])} {field} on a single-choice control")
        if control in self.per_region and "start" in value and region.get("id") not in labelled:
            errors.append("a per-region answer without a labelled region of the same id")
        if "start" in value and "end" in value:
            start, end = value["start"], value["end"]
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
                errors.append(f"offsets {start!r}..{end!r} are not a span")
            elif data is not None and region["to_name"] in self.fields:
                # Offsets count code points, as Label Studio's Text tag does (tests/test_browser.py).
                text = data.get(self.fields[region["to_name"]])
                text = text if isinstance(text, str) else ""
                if end > len(text):
                    errors.append(f"offsets {start}..{end} past the end of the text ({len(text)} characters)")
                elif isinstance(value.get("text"), str) and text[start:end] != value["text"]:
                    errors.append(f"offsets {start}..{end} do not hold {value['text']!r}")
        return errors

    def check_tasks(self, tasks: Iterable[dict[str, Any]], *, name_field: str = "sentence_id") -> None:
        """Raise PredictionError at the first task whose predictions do not fit the config."""
        for task in tasks:
            data = task.get("data") or {}
            for prediction in task.get("predictions") or []:
                problems = self.errors(prediction, data)
                if problems:
                    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
                    raise PredictionError(
                        f"the pre-annotation of {name_field} {data.get(name_field)!r} does not fit the labeling config: "
                        f"{problems[0]}{more}; this is a bug in corpus, please report it"
                    )


def check_predictions(config_xml: str, predictions: list[dict[str, Any]], data: dict[str, Any] | None = None) -> None:
    """Raise PredictionError naming the region if a prediction does not fit ``config_xml``.

    ``data`` is the task's data: with it, offsets are checked against the text they point into.
    """
    PredictionChecker(config_xml).check_tasks([{"data": data or {}, "predictions": predictions}])
