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


def hub_licence(stats: BuildStats, explicit: str | None = None) -> str:
    """The card's ``license``: the one licence every document carries, else ``other``.

    A document without a licence makes it ``other``: the card never claims a licence that some
    document does not carry. ``explicit`` (``publish --license``) is the publisher's word.
    """
    if explicit:
        return explicit
    licences = _licences(stats)
    return licences[0].lower() if len(licences) == 1 and licences[0] != "unknown" else "other"


def card_metadata(
    stats: BuildStats, version: str, name: str, splits: list[str], licence: str | None = None
) -> DatasetCardData:
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
    data = DatasetCardData(
        pretty_name=name,
        language=sorted({d.get("language") or "en" for d in stats.documents}) or ["en"],
        license=hub_licence(stats, licence),
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
    return (
        f"Configs without rows in this version: {', '.join(empty)}. They are not declared above, so "
        "`load_dataset(path, name)` raises for them: `datasets` refuses a split without rows (a "
        'zero-row parquet file fails with "BatchSize must be greater than 0", and with a batch '
        "size given, with \"Instruction 'train' corresponds to no data\"). Their features are "
        "those of the schema, as in any release that has rows for them.\n\n"
    )


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
    licence: str | None = None,
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

    def follows(group: str) -> str:
        scheme = (labels.references or {}).get(group)
        return f"; follows {scheme}" if scheme else ""

    def fmt(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    sources = Counter((d.get("publisher") or "unknown", d.get("license") or "unknown") for d in stats.documents)
    agreed = summary.to_dict()
    attributions, figures = agreed["attributions"], agreed["figures"]
    contribution = Counter(a.annotator for a in stats.annotations)
    method_words = {
        "adjudicated": "an adjudicator's decision (`corpus review`)",
        "ground_truth": "an annotation marked as ground truth",
        "single": "the only annotator's labels",
        "unanimous": "every annotator gave the same labels",
        "majority": "each kept label was given by more than half of the annotators; the others were outvoted",
        "tie": "no value was given by more than half and nobody adjudicated: the tied labels are left empty, never picked",
    }
    layers = ["spans", "attributions", "figures", "checkworthy"]
    method_rows = [
        [m, what, stats.methods[m], *(stats.layer_methods.get(layer, Counter())[m] for layer in layers)]
        for m, what in method_words.items()
    ]
    document_rows = [
        [d.get("id"), d.get("publisher") or "unknown", d.get("license") or "unknown"]
        for d in sorted(stats.documents, key=lambda d: str(d.get("id")))
    ]
    licence_used = hub_licence(stats, licence)
    if licence:
        licence_text = f"The publisher gives the licence `{licence}` for this release (`publish --license`)."
    elif licence_used == "other":
        licence_text = (
            "The documents do not share one licence (or some carry none), so the card's `license` is "
            "`other`: each document's licence is in the table below and in the `documents` config. "
            "A document marked `unknown` carries no licence in its source; ask its publisher before reuse."
        )
    else:
        licence_text = f"Every document carries the licence `{licence_used}`."
    base = stats.baseline
    baseline_labels = [n for n in span_names if n in base.suggested]
    baseline_rows = [
        [r["label"], fmt(r["precision"]), fmt(r["recall"]), fmt(r["f1"]), r["support"]]
        for r in base.scores(baseline_labels)
    ]
    if base.sentences:
        baseline_text = (
            f"The rule pre-annotator of `corpus` (the suggestions annotators start from), scored against the "
            f"final labels of the {base.sentences} sentences of the test split by exact span match:\n\n"
            + _table(["label", "precision", "recall", "F1", "spans in the final labels"], baseline_rows)
            + f"\n\nValue accuracy on figures it found exactly: **{fmt(base.value_accuracy())}** "
            f"({base.values_matched} figures)."
        )
    else:
        baseline_text = "The test split of this release has no annotated sentence: no baseline is reported."
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

{_table(["label", "definition", "follows"], [[l.name, l.description, l.reference or "this project"] for l in labels.span_labels])}

Attribution types: {", ".join(f"`{t.name}` ({t.description})" for t in labels.attribution_types)}{follows("attribution_type")}.
Figure kinds: {", ".join(f"`{k}`" for k in labels.figure_kinds)}; approximation: {", ".join(f"`{a}`" for a in labels.figure_approx)}{follows("figure")}.
Sentence label `checkworthy`: {", ".join(f"`{c.name}` ({c.description})" for c in labels.checkworthy)}{follows("checkworthy")}.

### Counts of merged spans per label and split

{_table(["label", *splits], count_rows)}

## Inter-annotator agreement

{annotators} pseudonymous annotators, {len(stats.annotations)} annotations. Span agreement is
exact-match F1 between every pair of annotators of a sentence; the sentence label's agreement is
Krippendorff's alpha (nominal, computed with the `krippendorff` package).

{_table(["label", "pairwise span F1", "spans compared"], [[n, fmt(summary.span_f1(n)), summary.counts.span_total[n]] for n in span_names])}

Krippendorff's alpha for `checkworthy`: **{fmt(alpha)}**.

Attributions (who said what): F1 of (source span, content span) pairs between annotators
**{fmt(attributions["pair_f1"])}** ({attributions["pairs"]} pairs marked); on the pairs both marked
({attributions["matched_pairs"]}), the attribution type agrees in **{fmt(attributions["type_agreement"])}**.

Figures: on the figure spans both annotators marked ({figures["matched"]}), agreement on the value
**{fmt(figures["value"])}**, unit {fmt(figures["unit"])}, kind {fmt(figures["kind"])},
approximation {fmt(figures["approx"])}.

### How each sentence's final labels were decided

Each label layer is decided on its own (`methods` in the `sentences` config); `method` is the
sentence's worst layer (tie before majority before unanimous). A tie is published as a tie: an
empty value (`checkworthy` null, a figure field null and named in the figure's `tied`), never a
majority.

{_table(["method", "what it means", "sentences", "spans", "attributions", "figures", "check-worthiness"], method_rows)}

### Annotator contribution (pseudonyms)

{_table(["annotator", "annotations"], [[n, c] for n, c in sorted(contribution.items(), key=lambda item: (-item[1], item[0]))])}

## Baseline

{baseline_text}

## Sources and licences

{licence_text}

{_table(["publisher", "licence", "documents"], [[p, l, n] for (p, l), n in sorted(sources.items())])}

{_table(["document", "publisher", "licence"], document_rows)}

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
    metadata: dict[str, Any] = card_metadata(  # type: ignore[no-untyped-call]
        stats, options["version"], options["name"], options["splits"], options.get("licence")
    ).to_dict()
    card = DatasetCard(
        f"---\n{yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True)}---\n" + render(stats, **options)
    )
    path.write_text(str(card), encoding="utf-8")
