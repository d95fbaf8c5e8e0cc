"""The dataset card (``README.md``): YAML metadata for the Hub and a body for researchers.

Every figure in the card (counts per label and split, agreement) is computed from the data
being published; the label definitions come from the schema.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from datasets import DatasetInfo
from datasets.info import DatasetInfosDict
from huggingface_hub import DatasetCard, DatasetCardData

from corpus.dataset.build import BuildStats
from corpus.dataset.features import CONFIG_DESCRIPTIONS, config_features
from corpus.labels.agreement import agreement
from corpus.schema import SCHEMA_VERSION, label_set


def size_category(n: int) -> str:
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if n < limit:
            return name
    return "1M<n<10M"


def _licences(stats: BuildStats) -> list[str]:
    return sorted({(d.get("license") or "unknown") for d in stats.documents})


def card_metadata(stats: BuildStats, version: str, name: str, splits: list[str]) -> DatasetCardData:
    features = config_features()
    infos = DatasetInfosDict()
    # A config without any row is left out: datasets cannot load an empty split.
    published = [config for config in features if stats.files[config]]
    for config in published:
        infos[config] = DatasetInfo(
            features=features[config],
            splits=[{"name": s, "num_examples": stats.rows[config][s]} for s in stats.files[config]],
            config_name=config,
        )
    licences = _licences(stats)
    hub_licence = [l.lower() for l in licences if l != "unknown"]
    data = DatasetCardData(
        pretty_name=name,
        language=sorted({d.get("language") or "en" for d in stats.documents}) or ["en"],
        license=hub_licence[0] if len(hub_licence) == 1 else "other",
        task_categories=["token-classification", "text-classification"],
        task_ids=["named-entity-recognition", "fact-checking"],
        size_categories=[size_category(sum(stats.rows["sentences"].values()))],
        tags=["claims", "attribution", "quotations", "numbers", "news", f"schema-{SCHEMA_VERSION}"],
        configs=[
            {
                "config_name": config,
                "data_files": [{"split": s, "path": f"data/{config}/{s}-*.parquet"} for s in stats.files[config]],
                **({"default": True} if config == "sentences" else {}),
            }
            for config in published
        ],
        version=version,
    )
    infos.to_dataset_card_data(data)
    return data


def _empty_note(stats: BuildStats) -> str:
    empty = [config for config, splits in stats.files.items() if not splits]
    if not empty:
        return ""
    return f"Configs without rows in this version, and so not loadable: {', '.join(empty)}.\n\n"


def _table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def render(
    stats: BuildStats,
    *,
    version: str,
    name: str,
    splits: list[str],
    seed: int,
    ratios: dict[str, float],
    citation_key: str,
) -> str:
    labels = label_set()
    span_names = [l.name for l in labels.span_labels]
    counts = {s: Counter(label for m in stats.merged_by_split.get(s, []) for label in m["spans"]) for s in splits}
    check = {s: Counter(m["checkworthy"] for m in stats.merged_by_split.get(s, [])) for s in splits}
    summary = agreement(stats.annotations)
    alpha = summary.checkworthy_alpha
    annotators = len({a.annotator for a in stats.annotations})
    count_rows = [[n, *(counts[s][n] for s in splits)] for n in span_names]
    count_rows += [[f"checkworthy={c}", *(check[s][c] for s in splits)] for c in labels.checkworthy_names]

    def fmt(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    sources = Counter((d.get("publisher") or "unknown", d.get("license") or "unknown") for d in stats.documents)
    body = f"""
# {name}

News sentences annotated for **claims**, **attributions** (who said what) and **figures** (numbers
with their normalised values). Built with `corpus`; annotation schema **{SCHEMA_VERSION}**
(the JSON Schemas are in `schemas/{SCHEMA_VERSION}/`); dataset version **{version}**.

```python
from datasets import load_dataset
sentences = load_dataset("PATH_OR_REPO_ID", "sentences")   # also: attributions, figures, tokens, documents, annotations
print(sentences["train"].features["spans"])
```

## Configs

{_table(["config", "what", *splits], [[c, CONFIG_DESCRIPTIONS[c], *(stats.rows[c][s] for s in splits)] for c in CONFIG_DESCRIPTIONS])}

{_empty_note(stats)}Splits are by document (no document is in two splits), assigned from a hash of the seed ({seed})
and the document id; ratios {", ".join(f"{k}={v:g}" for k, v in ratios.items())}.

## Labels (schema {SCHEMA_VERSION})

{_table(["label", "definition"], [[l.name, l.description] for l in labels.span_labels])}

Attribution types: {", ".join(f"`{t.name}` ({t.description})" for t in labels.attribution_types)}.
Figure kinds: {", ".join(f"`{k}`" for k in labels.figure_kinds)}; approximation: {", ".join(f"`{a}`" for a in labels.figure_approx)}.
Sentence label `checkworthy`: {", ".join(f"`{c.name}`" for c in labels.checkworthy)}.

### Counts of merged spans per label and split

{_table(["label", *splits], count_rows)}

## Inter-annotator agreement

{annotators} pseudonymous annotators, {len(stats.annotations)} annotations. Span agreement is
exact-match F1 between every pair of annotators of a sentence; the sentence label's agreement is
Krippendorff's alpha (nominal, computed with the `krippendorff` package).

{_table(["label", "pairwise span F1", "spans compared"], [[n, fmt(summary.span_f1(n)), summary.counts.span_total[n]] for n in span_names])}

Krippendorff's alpha for `checkworthy`: **{fmt(alpha)}**.

The merged labels in the training configs are a ground-truth annotation where one is marked,
otherwise the labels that more than half of a sentence's annotators gave.

## Sources and licences

{_table(["publisher", "licence", "documents"], [[p, l, n] for (p, l), n in sorted(sources.items())])}

## Annotators

Annotators are identified by pseudonyms (`ann-…`), stable within one project; no e-mail address
or name is published.

## Citation

```bibtex
@misc{{{citation_key},
  title  = {{{name}}},
  note   = {{Dataset version {version}, annotation schema {SCHEMA_VERSION}}},
  year   = {{{dt.date.today().year}}}
}}
```
"""
    return body


def write_card(path: Path, stats: BuildStats, **options: Any) -> None:
    metadata: dict[str, Any] = card_metadata(stats, options["version"], options["name"], options["splits"]).to_dict()  # type: ignore[no-untyped-call]
    card = DatasetCard(
        f"---\n{yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True)}---\n" + render(stats, **options)
    )
    path.write_text(str(card), encoding="utf-8")
