"""The dataset card (``README.md``): YAML metadata for the Hub and a body for researchers.

Every figure in the card (counts per label and split, agreement) is computed from the data
being published; the label definitions come from the schema.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

from huggingface_hub.repocard_data import DatasetCardData

from corpus.dataset.baseline import ReleaseBaselines
from corpus.dataset.build import BuildStats
from corpus.dataset.features import CONFIG_DESCRIPTIONS, CompiledFeatures, compiled, config_features
from corpus.dataset.scorer import Evaluation
from corpus.defaults import MODEL_VERSION
from corpus.labels.columns import agreement_of, columns_of_readings
from corpus.schema import SCHEMA_VERSION, label_set
from corpus.version import __version__


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


def dataset_info(features: dict[str, CompiledFeatures], stats: BuildStats, published: list[str]) -> Any:
    """The card's ``dataset_info``: what ``datasets.info.DatasetInfosDict.to_dataset_card_data`` writes
    for a ``DatasetInfo`` of each published config (its features and the rows of each split), made
    from the features the build kept, without importing datasets (tests compare the two)."""
    infos = {
        config: {
            "config_name": config,
            "features": features[config].yaml_list,
            "splits": [{"name": s, "num_bytes": 0, "num_examples": stats.rows[config][s]} for s in stats.files[config]],
        }
        for config in published
    }
    # datasets writes one config as a mapping, several as a list in the order of their names
    return next(iter(infos.values())) if len(infos) == 1 else [infos[config] for config in sorted(infos)]


def card_metadata(
    stats: BuildStats,
    version: str,
    name: str,
    splits: list[str],
    licence: str | None = None,
    features: dict[str, CompiledFeatures] | None = None,
) -> DatasetCardData:
    """The card's YAML metadata (``features``: as ``compiled_features`` keeps them, else made by datasets)."""
    if features is None:
        features = {config: compiled(made) for config, made in config_features().items()}
    # A config without any row is left out: datasets cannot load an empty split.
    published = [config for config in features if stats.files[config]]
    languages = sorted({d.get("language") or "en" for d in stats.documents}) or ["en"]
    data = DatasetCardData(
        pretty_name=name,
        language=languages,
        multilinguality="monolingual" if len(languages) == 1 else "multilingual",
        language_creators=["found"],  # published news articles
        source_datasets=["original"],
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
    if published:
        data["dataset_info"] = dataset_info(features, stats, published)
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


GUIDELINES_FILE = "GUIDELINES.md"
REPORT_ERRORS = (
    "on the Hugging Face Hub, open a discussion in the repository's Community tab; elsewhere, write to "
    "whoever published this folder. Name the sentence `id`, the field and what it should say: a "
    "correction is published in the next version and named in `CHANGELOG.md`."
)


def fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def guidelines_version() -> str:
    """The version the guidelines state at their top (``corpus.labels.guidelines``)."""
    from corpus.studio.project import current_guidelines

    return current_guidelines().version or "unversioned"


def write_guidelines(folder: Path) -> str:
    """Copy the annotation guidelines into the release; their SHA-256 (the card names it)."""
    from corpus.studio.project import guidelines_path

    text = guidelines_path().read_bytes()
    (folder / GUIDELINES_FILE).write_bytes(text)
    return hashlib.sha256(text).hexdigest()


def _headline(e: Evaluation) -> list[str]:
    s = e.scores
    spans, attributions, figures, check = s["spans"]["all"], s["attributions"], s["figures"], s["checkworthy"]
    return [
        str(e.reference),
        fmt(spans["exact"]["f1"]),
        fmt(spans["overlap"]["f1"]),
        fmt(attributions["pair"]["f1"]),
        fmt(attributions["type_accuracy"]),
        fmt(figures["span"]["f1"]),
        fmt(figures["fields"]["value"]["accuracy"]),
        fmt(check["macro_f1"]),
    ]


HEADLINE = [
    "sentences",
    "span F1 (exact)",
    "span F1 (overlap)",
    "attribution pair F1",
    "type accuracy",
    "figure F1",
    "value accuracy",
    "checkworthy macro-F1",
]


def baselines_section(stats: BuildStats, baselines: ReleaseBaselines | None, span_names: list[str]) -> str:
    """The baselines, scored by this release's evaluate.py on the test split, each with its command."""
    if baselines is None or not stats.baseline.sentences:
        return "The test split of this release has no annotated sentence: no baseline is reported."
    human = baselines.human
    rows: list[tuple[str, Evaluation]] = [("rule pre-annotator", baselines.rules)]
    commands = ["- the rule pre-annotator: `corpus evaluate --baseline rules --dataset PATH_OR_REPO_ID`"]
    if baselines.model is not None:
        rows.append((baselines.model.name, baselines.model))
        commands.append(
            "- the learned model: `corpus evaluate --baseline model --dataset PATH_OR_REPO_ID -w WORKSPACE` "
            "(the workspace that holds it)"
        )
        model_line = (
            "\n\nThe learned model is the one `corpus model train` made from the pulled labels of the data folder, "
            "which may include these test sentences: unless it was trained without them, its row shows fit, not a "
            "held-out score."
        )
    else:
        model_line = (
            "\n\nNo learned model: the workspace that published this release had none (`corpus model train` makes one)."
        )
    if human.pooled.reference:
        rows += [(e.name, e) for e in [*human.annotators, human.pooled]]
        commands.append(
            "- the annotators: `python evaluate.py --human --split test` (or `corpus evaluate --baseline human`)"
        )
        human_line = (
            f"\n\nThe annotator rows score each annotator's own labels against the final labels of the "
            f"{human.pooled.reference} test sentences that two annotators or more labelled (with one annotator, the "
            "final labels are that annotator's); the final labels count each annotator's vote, so this ceiling is "
            "optimistic where nobody adjudicated."
        )
    else:
        human_line = "\n\nNo test sentence was labelled by two annotators or more: no human ceiling is reported."
    table = _table(["baseline", *HEADLINE], [[name, *_headline(e)] for name, e in rows])
    per_label = _table(
        ["baseline", *span_names],
        [[name, *(fmt(e.scores["spans"]["labels"][n]["exact"]["f1"]) for n in span_names)] for name, e in rows],
    )
    return (
        f"Scored by this release's `evaluate.py` on the {stats.baseline.sentences} sentences of the test split "
        f"(the measures are defined under [Evaluation](#evaluation)):\n\n{table}\n\nExact span F1 per label:\n\n"
        f"{per_label}{model_line}{human_line}\n\nEach row is reproduced by:\n\n" + "\n".join(commands) + "\n\n"
        "The rule pre-annotator is what annotators saw as suggestions (its figures, attributions, cues, CLAIMs "
        "and check-worthiness), each sentence read with its article's title as Label Studio showed it; the "
        "learned model gives check-worthiness and CLAIMs beside the rules' other labels."
    )


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
    baselines: ReleaseBaselines | None = None,
    guidelines_sha256: str | None = None,
) -> str:
    labels = label_set()
    span_names = [l.name for l in labels.span_labels]
    counts = {s: stats.span_counts.get(s, Counter()) for s in splits}
    check = {s: stats.checkworthy_counts.get(s, Counter()) for s in splits}
    summary = stats.agreement if stats.agreement is not None else agreement_of(columns_of_readings([]))
    alpha = summary.checkworthy_alpha
    annotators = len(stats.per_annotator)
    count_rows = [[n, *(counts[s][n] for s in splits)] for n in span_names]
    count_rows += [[f"checkworthy={c}", *(check[s][c] for s in splits)] for c in labels.checkworthy_names]
    count_rows += [["checkworthy empty (a tie)", *(check[s][None] for s in splits)]]

    def follows(group: str) -> str:
        scheme = (labels.references or {}).get(group)
        return f"; follows {scheme}" if scheme else ""

    sources = Counter((d.get("publisher") or "unknown", d.get("license") or "unknown") for d in stats.documents)
    docs_per_split = Counter(d.get("split") for d in stats.documents)
    language_counts = Counter(d.get("language") or "not stated" for d in stats.documents)
    languages_text = ", ".join(f"{lang} ({n} documents)" for lang, n in sorted(language_counts.items()))
    agreed = summary.to_dict()
    attributions, figures = agreed["attributions"], agreed["figures"]
    contribution, overlap = stats.per_annotator, stats.overlap
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
        [d.get("id"), d.get("publisher") or "unknown", d.get("license") or "unknown", d.get("split")]
        for d in sorted(stats.documents, key=lambda d: str(d.get("id")))
    ]
    licence_used = hub_licence(stats, licence)
    if licence:
        licence_text = f"The publisher gives the licence `{licence}` for this release (`publish --license`)."
    elif licence_used == "other":
        licence_text = (
            "The documents do not share one licence (or some carry none), so the card's `license` is "
            "`other`: each document's licence is in [Sources and licences](#sources-and-licences) and in the `documents` config. "
            "A document marked `unknown` carries no licence in its source; ask its publisher before reuse."
        )
    else:
        licence_text = f"Every document carries the licence `{licence_used}`."
    sentence_total = sum(stats.rows["sentences"].values())
    guidelines_line = (
        f"[`{GUIDELINES_FILE}`]({GUIDELINES_FILE}) in this repository, version {guidelines_version()}, SHA-256 `{guidelines_sha256[:16]}`"
        if guidelines_sha256
        else "not shipped with this release"
    )
    overlap_text = ", ".join(
        f"{n} sentence{'s' if n != 1 else ''} by {k} annotator{'s' if k != 1 else ''}"
        for k, n in sorted(overlap.items())
    )
    body = f"""
# {name}

News sentences annotated for **claims**, **attributions** (who said what) and **figures** (numbers
with their normalised values). Built with `corpus`; annotation schema **{SCHEMA_VERSION}**
(the JSON Schemas are in `schemas/{SCHEMA_VERSION}/`); dataset version **{version}**. Each release
is also a benchmark: it ships its scorer, `evaluate.py` (see [Evaluation](#evaluation)).

```python
from datasets import load_dataset
sentences = load_dataset("PATH_OR_REPO_ID", "sentences")   # also: attributions, figures, tokens, documents, annotations
print(sentences["train"].features["spans"])
```

The sections below follow "Datasheets for Datasets" (Gebru et al., 2021); every number is computed
from the data of this release.

## Motivation

For training and evaluating systems that find check-worthy factual claims in news, who is credited
with what (attribution: SOURCE, CUE, CONTENT), and the figures a sentence states with their normalised
values; and, through the per-annotator `annotations` config, for studying how people agree on these.
Who created this release, for whom and with what funding is not recorded in the data: the publisher
states it in the repository's description.

## Composition

Each instance of the default config `sentences` is one annotated sentence of a news article, with its
text, its place in the article (character offsets, paragraph, role), the context shown to annotators,
and its final labels. {len(stats.documents)} documents ({", ".join(f"{s} {docs_per_split[s]}" for s in splits)}),
{sentence_total} annotated sentences, {stats.annotations} annotations; languages: {languages_text}.
A release holds the annotated sentences of its documents; the `documents` config has the articles' full text.

{_table(["config", "what", *splits], [[c, CONFIG_DESCRIPTIONS[c], *(stats.rows[c][s] for s in splits)] for c in CONFIG_DESCRIPTIONS])}

{_empty_note(stats)}Splits are by document (no document is in two splits), assigned from a hash of the seed ({seed})
and the document id; ratios {", ".join(f"{k}={v:g}" for k, v in ratios.items())}. Rows of the other configs
point to their sentence by `sentence_id` and to their article by `doc_id`.

### Labels (schema {SCHEMA_VERSION})

{_table(["label", "definition", "follows"], [[l.name, l.description, l.reference or "this project"] for l in labels.span_labels])}

Attribution types: {", ".join(f"`{t.name}` ({t.description})" for t in labels.attribution_types)}{follows("attribution_type")}.
Figure kinds: {", ".join(f"`{k}`" for k in labels.figure_kinds)}; approximation: {", ".join(f"`{a}`" for a in labels.figure_approx)}{follows("figure")}.
Sentence label `checkworthy`: {", ".join(f"`{c.name}` ({c.description})" for c in labels.checkworthy)}{follows("checkworthy")}.

### Counts of merged spans per label and split

{_table(["label", *splits], count_rows)}

### Sources and licences

{_table(["publisher", "licence", "documents"], [[p, l, n] for (p, l), n in sorted(sources.items())])}

{_table(["document", "publisher", "licence", "split"], document_rows)}

The sentences quote and name the people the articles quote and name: they are published news. Annotators
are pseudonymous (see [Annotation](#annotation)).

## Collection and segmentation

The articles were given to `corpus split` as text, JSON Lines or saved HTML pages (main text
extracted by trafilatura); each document's `publisher`, `url`, `published` date and licence are those
its source carried. Segmentation is corpus's rule-based segmenter (abbreviations, initials, decimals,
dates and times, quotations: a quotation over several sentences stays one unit with its attribution
unless split strictly); the sentence records do not name the corpus version that split them, and this
release was published with corpus {__version__}. Every sentence keeps its character offsets in its
document (`text[start:end]`).

## Annotation

In Label Studio, one sentence at a time with its context, starting from the rule pre-annotator's
suggestions (rules {MODEL_VERSION} at publication; each task's prediction carries the version it was
made with). Guidelines: {guidelines_line} (the text at publication; annotators read the version pushed
as the project's instructions).

{annotators} pseudonymous annotators, {stats.annotations} annotations; overlap: {overlap_text or "none"}.

{_table(["annotator", "annotations"], [[n, c] for n, c in sorted(contribution.items(), key=lambda item: (-item[1], item[0]))])}

### Inter-annotator agreement

Measured by the scorer's rules (`corpus.labels.scoring`, shipped in `evaluate.py`; computed over columns by
`corpus.labels.columns`, which the tests hold equal to the scorer), one annotator in the place of the gold
labels: span agreement is exact-match F1 between every pair of annotators of a sentence; the sentence
label's agreement is Krippendorff's alpha (nominal).

{_table(["label", "pairwise span F1", "spans compared"], [[n, fmt(summary.span_f1(n)), summary.spans_compared(n)] for n in span_names])}

Krippendorff's alpha for `checkworthy`: **{fmt(alpha)}**.

Attributions (who said what): F1 of (source span, content span) pairs between annotators
**{fmt(attributions["pair_f1"])}** ({attributions["pairs"]} pairs marked); on the pairs both marked
({attributions["matched_pairs"]}), the attribution type agrees in **{fmt(attributions["type_agreement"])}**.

Figures: on the figure spans both annotators marked ({figures["matched"]}), agreement on the value
**{fmt(figures["value"])}**, upper end {fmt(figures["upper"])}, unit {fmt(figures["unit"])}, kind {fmt(figures["kind"])},
approximation {fmt(figures["approx"])}.

### How each sentence's final labels were decided

Each label layer is decided on its own (`methods` in the `sentences` config); `method` is the
sentence's worst layer (tie before majority before unanimous). A tie is published as a tie: an
empty value (`checkworthy` null, a figure field null and named in the figure's `tied`), never a
majority. {len(stats.unresolved)} sentences have a tie nobody adjudicated.

{_table(["method", "what it means", "sentences", "spans", "attributions", "figures", "check-worthiness"], method_rows)}

## Evaluation

`evaluate.py`, at the root of this repository, scores predictions against a split; it needs only
`datasets` (`pip install datasets`):

```bash
python evaluate.py predictions.jsonl --split test            # or --json; --dataset ORG/NAME from elsewhere
python evaluate.py --human --split test                      # each annotator against the final labels
```

`predictions.jsonl` holds one row of the `sentences` config per line: `id`, and `spans`,
`attributions`, `figures` (lists, possibly empty) and `checkworthy` (a class or null), all four
present; other keys are ignored. Offsets are document offsets (`doc_start`, `doc_end`): a span at
`s:e` of the sentence text is at `start + s`, `start + e`; one at `s:e` of `context_before` (`in_context`
true), at `start - len(context_before) + s`. A span has `label`; an attribution `content` and `source`
(each `{{"doc_start", "doc_end"}}`, `source` null when none is linked) and `type`; a figure `value`,
`upper`, `unit`, `kind`, `approx`. A class is its name (`"CFS"`) or its index. A row that does not fit
stops the scoring with its file and line; a predicted id that is not in the split is counted and not
scored; a sentence without a prediction is counted and scored as an empty prediction. `corpus evaluate`
runs the same code. The Hub declaration is `eval.yaml` (one task per headline measure).

Every measure is micro-averaged over the sentences (counts summed, then divided):

- **spans**, per label and over all: exact F1 (same label and offsets); overlap F1 (a span counts when it
  shares a character with one of its label on the other side);
- **attributions**: F1 of (SOURCE, CONTENT) pairs; type accuracy on the matched pairs; typed-pair F1;
- **figures**: F1 of figure offsets; on matched figures, the accuracy of `value`, `upper` (numbers
  equal within floating-point noise), `unit`, `kind` and `approx`, a field left empty by a tie not scored;
- **checkworthy**: F1 per class, macro-F1 over the classes present, accuracy; sentences whose final
  class is empty (a tie) are not scored.

A measure with nothing to count (no gold and no predicted item, no matched pair) is `n/a`, never 0 or 1.

### Baselines

{baselines_section(stats, baselines, span_names)}

## Uses

For training and testing check-worthiness classifiers, claim and attribution span taggers (the `tokens`
config has BIO tags per layer) and figure normalisers; for agreement studies (`annotations`). Out of
scope: a label is not a verdict: `CFS` says a sentence is worth checking, never whether it is true; the
labels say nothing of the people or outlets quoted; the documents are {len(stats.documents)} articles from
{len({p for p, _ in sources})} publishers (as their sources name them) in {languages_text}, not a sample of the news at large, so
scores on them do not carry over to other sources or languages without a test there.

## Distribution and licence

Parquet files per config and split under `data/`, this card, the JSON Schemas (`schemas/`), the scorer
(`evaluate.py`, `eval.yaml`), the guidelines (`{GUIDELINES_FILE}`), `CHANGELOG.md` and `release.json`.
{licence_text}

## Maintenance

Version **{version}** of schema **{SCHEMA_VERSION}**. Versions follow the schema: a breaking schema change
makes a new major version. `CHANGELOG.md` lists every release with what changed in the data (sentences
added, removed, corrected; annotations; orphans); on the Hub each release is a tag (this one `v{version}`),
and a published version is never replaced. To report an error: {REPORT_ERRORS}

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
    """Write the card; the baselines are those the build scored (``stats.baselines``); ``features``:
    as ``card_metadata`` takes them, the other options as ``render`` does."""
    features = options.pop("features", None)  # (the metadata's, not the body's)
    metadata = card_metadata(
        stats, options["version"], options["name"], options["splits"], options.get("licence"), features
    )
    options.setdefault("baselines", stats.baselines)
    # The YAML block as huggingface_hub's DatasetCard writes it (its module imports the whole Hub
    # client, a fifth of a second more of every publish).
    path.write_text(f"---\n{metadata.to_yaml()}\n---\n" + render(stats, **options), encoding="utf-8")
