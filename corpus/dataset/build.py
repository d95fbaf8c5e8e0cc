"""The build loop of ``corpus publish``: the data folder's records become one parquet file per
config and split (``data/<config>/<split>-00000-of-00001.parquet``), streamed, in two halves
that run on both cores (see ``build_folder``).
"""

from __future__ import annotations

import contextlib
import ctypes
import pickle
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import pyarrow as pa
import pyarrow.compute as pc

from corpus.dataset.baseline import Baseline, ReleaseBaselines, release_baselines, rule_predictions_of
from corpus.dataset.features import CONFIGS, CompiledFeatures, config_features
from corpus.dataset.kept_predictions import KeptPredictions
from corpus.dataset.parquet import ROW_GROUP, ParquetSink
from corpus.dataset.readings import ReadingCollector
from corpus.dataset.splits import document_split
from corpus.dataset.tokens import TokenColumns
from corpus.defaults import ANNOTATIONS_FILE, DOCUMENTS_FILE, MERGED_FILE, SENTENCES_FILE
from corpus.errors import CorpusError
from corpus.jsonl import LineIndex, index_lines, read_records, read_records_at, record_at
from corpus.labels.agreement import AgreementSummary
from corpus.labels.anchor import reanchor_annotation, reanchor_merged, same_sentence
from corpus.labels.columns import ReadingColumns, agreement_of, columns_of_readings
from corpus.labels.merge import LAYERS, unresolved_layers
from corpus.studio.fork import Worker, safe_to_fork
from corpus.studio.rule_predictions import titled
from corpus.studio.tasks import document_metadata

if TYPE_CHECKING:
    from corpus.model.learn import Model

BASELINE_SPLIT = "test"


@dataclass
class BuildStats:
    rows: dict[str, dict[str, int]] = field(default_factory=dict)  # config -> split -> rows
    files: dict[str, list[str]] = field(default_factory=dict)  # config -> splits that have a file
    documents: list[dict[str, Any]] = field(default_factory=list)  # metadata only (no text)
    span_counts: dict[str, Counter[str]] = field(default_factory=dict)  # split -> final spans by label
    checkworthy_counts: dict[str, Counter[str | None]] = field(default_factory=dict)  # split -> final class
    annotations: int = 0  # current (not orphaned) annotations
    per_annotator: Counter[str] = field(default_factory=Counter)  # current annotations by annotator
    overlap: Counter[int] = field(default_factory=Counter)  # annotated sentences by annotations each
    agreement: AgreementSummary | None = None  # over the current annotations
    readings: ReadingColumns | None = None  # the current annotations of test sentences (the human ceiling)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)  # rule predictions of test sentences, by id
    methods: Counter[str] = field(default_factory=Counter)  # how each sentence's final labels were decided
    layer_methods: dict[str, Counter[str]] = field(default_factory=dict)  # label layer -> method -> sentences
    unresolved: list[str] = field(default_factory=list)  # sentence ids with a tie nobody adjudicated
    baseline: Baseline = field(default_factory=Baseline)  # the test split's rows, to score the baselines on
    baselines: ReleaseBaselines | None = None  # scored on them (None: no test row)
    merged_records: int = 0  # merged records read (anchored or not)
    orphan_annotations: int = 0  # annotations whose sentence is gone or changed
    orphan_sentences: int = 0  # merged records left out for the same reason
    orphan_tasks: list[int] = field(default_factory=list)  # Label Studio task ids of the orphans
    moved: int = 0  # annotations placed at other offsets than they were annotated at
    unplaced_spans: int = 0  # context spans no longer found in their sentence's context


def _inside(ref: dict[str, Any] | None, start: int, end: int) -> bool:
    return ref is None or (start <= ref["doc_start"] and ref["doc_end"] <= end)


def _stays(record: dict[str, Any], sentence: dict[str, Any], refs: Iterable[dict[str, Any] | None]) -> bool:
    start = record["sentence_start"]
    if start != sentence["start"] or record["context_start"] != sentence["context_start"]:
        return False
    end = start + len(record["sentence_text"])
    return all(_inside(ref, start, end) for ref in refs)


def annotation_stays(record: dict[str, Any], sentence: dict[str, Any]) -> bool:
    """Whether ``reanchor_annotation`` would give the record back as it is (so the copy it makes
    can be skipped): the sentence stands where it was annotated and no span lies in its context
    (those are looked up again)."""
    return _stays(record, sentence, record["spans"])


def merged_stays(record: dict[str, Any], sentence: dict[str, Any]) -> bool:
    """``annotation_stays`` for a merged record: its spans, attributions and figures."""
    refs = [*record["spans"], *record["figures"]]
    refs += [a[role] for a in record["attributions"] for role in ("content", "source", "cue")]
    return _stays(record, sentence, refs)


def build_folder(
    data_dir: Path,
    folder: Path,
    *,
    seed: int,
    ratios: dict[str, float],
    model: Model | None = None,
    kept: KeptPredictions | None = None,
    features: dict[str, CompiledFeatures] | None = None,
) -> BuildStats:
    """Write every config's parquet files into ``folder`` from the records in ``data_dir``, and score
    the baselines of the card on the test split (``model``: the learned one, if any; ``kept``: the
    rules' predictions kept from the last release or made by push, made where missing and kept again; ``features``:
    the configs' features as ``compiled_features`` keeps them, else made by datasets).

    Where this process may fork, the work is shared with a worker on the other core, split by split
    (each file is written whole by one of them): here the raw annotations (the ``annotations``
    config, the readings and agreement the card needs, and the rule predictions of the test
    sentences); in the worker, meanwhile, the merged labels (the other configs). When the rules'
    predictions were kept by an earlier release or a push, their 5 s at 100,000 sentences are not spent here,
    and this process also writes the merged labels of the test split and scores the baselines on
    them while the worker writes the other splits (docs/benchmarks.md).
    """
    halves = _Halves(data_dir, folder, seed, ratios, kept, features)
    if not safe_to_fork():
        labels = halves.labels()
        stats = _joined([labels], halves.annotations(), ratios)
        stats.rules = halves.predictions()
        stats.baselines = _baselines(stats, stats, model, halves.features)
        return stats
    kept_before = kept is not None and kept.ready()
    splits = [split for split in ratios if split != BASELINE_SPLIT or not kept_before]
    worker = Worker(_labels_in_worker, halves, splits, name="corpus-publish-labels")
    try:
        annotations = halves.annotations()
        parts, baselines = [], None
        if kept_before:  # (the predictions read after the test split is written: less memory at once)
            parts.append(halves.labels([BASELINE_SPLIT], halves.test_lines))
            _give_back_memory()
            annotations.rules = halves.predictions()
            baselines = _baselines(parts[0], annotations, model, halves.features)
        else:
            annotations.rules = halves.predictions()
        try:
            answer = worker.connection.recv()
        except EOFError:
            raise worker.ended("writing the merged labels", "nothing was published, run the command again") from None
    finally:
        worker.close()
    if isinstance(answer, BaseException):
        raise answer
    stats = _joined([answer, *parts], annotations, ratios)
    stats.baselines = baselines if kept_before else _baselines(stats, stats, model, halves.features)
    return stats


def _baselines(
    tested: BuildStats, annotations: BuildStats, model: Model | None, features: dict[str, Any]
) -> ReleaseBaselines | None:
    """The baselines on the test rows of ``tested``, with the readings and rule predictions of ``annotations``
    (which lets them go: they are not needed after)."""
    if not tested.baseline.sentences:
        return None
    readings = annotations.readings if annotations.readings is not None else columns_of_readings([])
    baselines = release_baselines(tested.baseline, readings, model, annotations.rules, features["sentences"])
    annotations.rules = {}
    return baselines


def _labels_in_worker(connection: Connection, halves: _Halves, splits: list[str]) -> None:
    try:
        answer: BuildStats | BaseException = halves.labels(splits)
    except BaseException as error:  # raised in the parent, as if built there
        answer = error
    try:
        connection.send(answer)
    except (TypeError, AttributeError, pickle.PicklingError):  # an error that does not pickle: its text
        connection.send(CorpusError(f"{type(answer).__name__}: {answer}"))
    except OSError:
        return  # the parent stopped listening


def _joined(parts: list[BuildStats], annotations: BuildStats, ratios: dict[str, float]) -> BuildStats:
    """The halves' counts as one: the merged labels' ``parts`` (of different splits) summed, then the
    annotations' counts; configs and splits in their published order."""
    labels = parts[0]
    for part in parts[1:]:
        summed = {config: Counter(labels.rows.get(config, {})) + Counter(n) for config, n in part.rows.items()}
        labels.rows = {config: {split: summed[config][split] for split in ratios} for config in summed}
        labels.files = {
            config: [s for s in ratios if s in labels.files.get(config, []) or s in files]
            for config, files in part.files.items()
        }
        labels.documents += part.documents
        for counters, more in (
            (labels.span_counts, part.span_counts),
            (labels.checkworthy_counts, part.checkworthy_counts),
        ):
            for split, counter in more.items():
                _counter(counters, split).update(counter)
        labels.methods.update(part.methods)
        for layer, counter in part.layer_methods.items():
            _counter(labels.layer_methods, layer).update(counter)
        labels.unresolved += part.unresolved
        if part.baseline.sentences:
            labels.baseline = part.baseline
        labels.merged_records += part.merged_records
        labels.orphan_sentences += part.orphan_sentences
    labels.readings, labels.agreement, labels.rules = annotations.readings, annotations.agreement, annotations.rules
    labels.annotations, labels.per_annotator, labels.overlap = (
        annotations.annotations,
        annotations.per_annotator,
        annotations.overlap,
    )
    labels.orphan_annotations, labels.orphan_tasks = annotations.orphan_annotations, annotations.orphan_tasks
    labels.moved, labels.unplaced_spans = annotations.moved, annotations.unplaced_spans
    rows, files = {**labels.rows, **annotations.rows}, {**labels.files, **annotations.files}
    labels.rows = {config: rows[config] for config in CONFIGS}
    labels.files = {config: files[config] for config in CONFIGS}
    return labels


@dataclass
class _Lines:
    """Where some sentences' records are in the sentences file (read and checked already), and their ids."""

    offsets: list[int] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def add(self, offset: int, sentence_id: str) -> None:
        self.offsets.append(offset)
        self.ids.add(sentence_id)


class _Misfiled(Exception):
    """A merged record was not on the line its bytes said (see ``index_lines``)."""


class _Anchors:
    """Where each current sentence stands, what re-anchors the labels annotated on it: by id, its
    number in the file, its text, start and context start; its line is read again for its context
    when a label needs it. Held as lists and arrays by number (a hundred thousand sentences in
    a third of the memory of a tuple each)."""

    def __init__(self, path: Path, tested: Callable[[dict[str, Any]], bool]):
        self.path = path
        self.number: dict[str, int] = {}
        self.ids: list[str] = []  # by number
        self.texts: list[str] = []
        self.starts, self.context_starts, self.offsets = array("q"), array("q"), array("q")
        self.tested = _Lines()  # the records of the sentences for which ``tested`` holds
        for offset, s in read_records_at(path, record_type="sentence"):
            if tested(s):
                self.tested.add(offset, s["id"])
            number = self.number.get(s["id"])  # a sentence given twice stands where it is given last
            if number is None:
                self.number[s["id"]] = len(self.ids)
                self.ids.append(s["id"])
                self.texts.append(s["text"])
                self.starts.append(s["start"])
                self.context_starts.append(s["context_start"])
                self.offsets.append(offset)
            else:
                self.texts[number] = s["text"]
                self.starts[number], self.context_starts[number], self.offsets[number] = (
                    s["start"],
                    s["context_start"],
                    offset,
                )
        self.handle: BinaryIO | None = None

    def get(self, sentence_id: str) -> dict[str, Any] | None:
        """The sentence's text, start, context start and number (None: no such sentence)."""
        number = self.number.get(sentence_id)
        if number is None:
            return None
        return {
            "text": self.texts[number],
            "start": self.starts[number],
            "context_start": self.context_starts[number],
            "number": number,
        }

    def sentence(self, sentence_id: str) -> dict[str, Any]:
        """The whole sentence record."""
        return self.sentence_at(self.offsets[self.number[sentence_id]])

    def sentence_at(self, offset: int) -> dict[str, Any]:
        """The whole sentence record on the line at ``offset``."""
        if self.handle is None:
            self.handle = open(self.path, "rb")  # noqa: SIM115 - closed by close()
        return record_at(self.handle, offset)

    def let_go(self) -> None:
        """Forget where the sentences stand (their ids are kept, by number)."""
        self.number, self.texts = {}, []

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


class _Halves:
    """The two halves of the build (see ``build_folder``), each with its own parquet sinks."""

    def __init__(
        self,
        data_dir: Path,
        folder: Path,
        seed: int,
        ratios: dict[str, float],
        kept: KeptPredictions | None = None,
        features: dict[str, CompiledFeatures] | None = None,
    ):
        self.data_dir, self.folder, self.seed, self.ratios, self.kept = data_dir, folder, seed, ratios, kept
        self.features: dict[str, Any] = features or config_features()
        self._splits: dict[str, str] = {}
        self._tokens: dict[str, TokenColumns] = {}  # the tokens config's rows, by split, as columns
        self._items = _Items({})  # the attributions and figures configs' rows (``_labels`` makes it)
        self.test_lines = _Lines()  # the test split's sentence records (``annotations`` finds them)
        self._titles: dict[str, dict[str, Any]] | None = None  # each document's title, when the rules need them
        self.tested_at: list[int] = []  # those of them with a current annotation

    def split_of(self, doc_id: str) -> str:  # a hash per document, not per row
        split = self._splits.get(doc_id)
        if split is None:
            split = self._splits[doc_id] = document_split(doc_id, self.seed, self.ratios)
        return split

    def _close(self, sinks: dict[str, ParquetSink], stats: BuildStats) -> BuildStats:
        for config, sink in sinks.items():
            sink.close(list(self.ratios))
            stats.rows[config] = {split: sink.counts.get(split, 0) for split in self.ratios}
            stats.files[config] = [s for s in self.ratios if s in sink.splits()]
        return stats

    def annotations(self) -> BuildStats:
        """The ``annotations`` config, re-anchored, and the readings of the current ones with their
        agreement."""
        stats = BuildStats()
        anchors = _Anchors(self.data_dir / SENTENCES_FILE, lambda s: self.split_of(s["doc_id"]) == BASELINE_SPLIT)
        self.test_lines = anchors.tested
        tested = bytearray(len(anchors.ids))  # by number: 1 for a test sentence with a current annotation
        readings = ReadingCollector(self.features["annotations"], anchors.ids)
        sink = ParquetSink(self.folder, "annotations", self.features["annotations"], on_table=readings.add)
        try:
            for record in read_records(self.data_dir / ANNOTATIONS_FILE, record_type="annotation"):
                split = self.split_of(record["doc_id"])
                sentence = anchors.get(record["sentence_id"])
                orphan = not same_sentence(record, sentence)
                if orphan:
                    stats.orphan_annotations += 1
                    stats.orphan_tasks.append(record["label_studio"]["task"])
                else:
                    assert sentence is not None
                    if split == BASELINE_SPLIT:
                        tested[sentence["number"]] = 1
                    stats.moved += record["sentence_start"] != sentence["start"]
                    if not annotation_stays(record, sentence):
                        record = reanchor_annotation(record, anchors.sentence(record["sentence_id"]))
                        stats.unplaced_spans += record.pop("unplaced")
                record["orphan"] = orphan
                readings.add_row(split, record, None if orphan or sentence is None else sentence["number"])
                sink.add(split, record)  # the sink takes the config's fields
            self._close({"annotations": sink}, stats)
            # The test sentences' lines, for their rule predictions; the rest of the anchors is let go.
            self.tested_at = [anchors.offsets[number] for number in range(len(tested)) if tested[number]]
            anchors.let_go()
            current = readings.columns()
            del readings
            stats.annotations, stats.agreement = len(current), agreement_of(current)
            stats.per_annotator, stats.overlap = current.annotator_counts(), current.readings_per_sentence()
            # a test sentence's final labels are known later
            stats.readings = current.of_sentences(anchors.ids[n] for n in range(len(tested)) if tested[n])
            del current
            _give_back_memory()  # what the sink's row groups and the records took
        finally:
            anchors.close()
        return stats

    def titles(self) -> dict[str, dict[str, Any]]:
        """Each document's title (the rules read a sentence's with it, as push gives it to them)."""
        if self._titles is None:
            self._titles = document_metadata(self.data_dir / SENTENCES_FILE)
        return self._titles

    def predictions(self) -> dict[str, dict[str, Any]]:
        """The rule predictions of the test sentences with a current annotation (``annotations`` finds
        them), by id: the kept ones, the others made (and kept for the next release)."""
        titles = self.titles()
        with open(self.data_dir / SENTENCES_FILE, "rb") as handle:
            sentences = (titled(s, titles.get(s["doc_id"])) for s in (record_at(handle, o) for o in self.tested_at))
            if self.kept is None:
                return rule_predictions_of(sentences)
            predictions = self.kept.of(sentences)
        self.kept.save()
        return predictions

    def labels(self, splits: Collection[str] | None = None, lines: _Lines | None = None) -> BuildStats:
        """The merged labels' configs (sentences, tokens, attributions, figures, documents) of the
        sentences in ``splits`` (None: every split). ``lines``: those sentences' records (``test_lines``:
        only their merged records are looked for); else every record is read, and the merged records
        of sentences no longer there are counted as orphans."""
        try:
            index = index_lines(self.data_dir / MERGED_FILE, "sentence_id", None if lines is None else lines.ids)
            return self._labels(index, splits, lines)
        except _Misfiled:  # a line's bytes named another sentence than its record: every record read first
            index = LineIndex.of_records(self.data_dir / MERGED_FILE, "sentence_id", "merged")
            return self._labels(index, splits, lines)

    def _sentences(self, lines: _Lines | None) -> Iterator[dict[str, Any]]:
        """The sentence records on ``lines``, or every one, in the file's order."""
        path = self.data_dir / SENTENCES_FILE
        if lines is None:
            yield from read_records(path, record_type="sentence")
            return
        with open(path, "rb") as handle:
            for offset in lines.offsets:
                yield record_at(handle, offset)

    def _labels(self, index: LineIndex, splits: Collection[str] | None, lines: _Lines | None) -> BuildStats:
        stats = BuildStats()
        sinks = {
            config: ParquetSink(self.folder, config, self.features[config])
            for config in CONFIGS
            if config != "annotations"
        }
        self._items = sinks["sentences"].on_batch = _Items(sinks)
        self._tokens = {}  # (a second build, after a misfiled record, starts them again)
        # The merged records are read in the order of the sentences, one at a time (a hundred thousand
        # of them would not fit beside the rest), from the lines ``index`` found them on.
        annotated_docs: set[str] = set()
        try:
            with open(self.data_dir / MERGED_FILE, "rb") as merged_file:

                def records(sentence_id: str, lines: list[tuple[int, int]]) -> Iterator[dict[str, Any]]:
                    for offset, number in sorted(lines):  # in the file's order
                        record = index.record(merged_file, offset, number, "merged")
                        if record["sentence_id"] != sentence_id:
                            raise _Misfiled
                        stats.merged_records += 1
                        yield record

                for offset, number in index.unread:
                    record = index.record(merged_file, offset, number, "merged")
                    index.by_value.setdefault(record["sentence_id"], []).append((offset, number))
                for sentence in self._sentences(lines):
                    found = index.by_value.pop(sentence["id"], None)
                    if found is None or (splits is not None and self.split_of(sentence["doc_id"]) not in splits):
                        continue  # (another split's: written by the other half of the build)
                    labels = None
                    for record in records(sentence["id"], found):
                        if not same_sentence(record, sentence):
                            stats.orphan_sentences += 1
                            continue
                        if not merged_stays(record, sentence):
                            record = reanchor_merged(record, sentence)
                            record.pop("unplaced")
                        labels = record  # the last of a sentence's records is its labels
                        annotated_docs.add(record["doc_id"])
                    if labels is not None:
                        self._add_sentence(sinks, stats, sentence, labels)
                if lines is None:  # the records of sentences gone: checked, counted
                    for sentence_id, found in index.by_value.items():
                        stats.orphan_sentences += sum(1 for _ in records(sentence_id, found))
        except _Misfiled:
            for sink in sinks.values():
                sink.discard()
            raise
        for split, columns in self._tokens.items():
            if len(columns):
                sinks["tokens"].add_table(split, columns.table(sinks["tokens"].schema))
        for document in read_records(self.data_dir / DOCUMENTS_FILE, record_type="document"):
            if document["id"] not in annotated_docs:
                continue
            split = self.split_of(document["id"])
            sinks["documents"].add(split, document)
            stats.documents.append(
                {k: document.get(k) for k in ("id", "publisher", "license", "language")} | {"split": split}
            )
        return self._close(sinks, stats)

    def _add_sentence(
        self, sinks: dict[str, ParquetSink], stats: BuildStats, sentence: dict[str, Any], labels: dict[str, Any]
    ) -> None:
        """One annotated sentence's rows in the merged configs, and its counts."""
        split = self.split_of(sentence["doc_id"])
        self._items.note(split, sentence["doc_id"])  # (before the row: it may end a batch)
        sinks["sentences"].add(split, {**sentence, **labels})  # the labels' fields win, as the sink takes them
        tokens = self._tokens.get(split)
        if tokens is None:
            tokens = self._tokens[split] = TokenColumns()
        tokens.add(sentence, labels)
        if len(tokens) == ROW_GROUP:  # a row group of the file, as the other configs' sinks write them
            sinks["tokens"].add_table(split, tokens.table(sinks["tokens"].schema))
            self._tokens[split] = TokenColumns()
        stats.methods[labels["method"]] += 1
        for layer, method in (labels.get("methods") or dict.fromkeys(LAYERS, labels["method"])).items():
            _counter(stats.layer_methods, layer)[method] += 1
        if unresolved_layers(labels):
            stats.unresolved.append(sentence["id"])
        if split == BASELINE_SPLIT:
            stats.baseline.add(sentence, labels, self.titles().get(sentence["doc_id"]))
        _counter(stats.span_counts, split).update([s["label"] for s in labels["spans"]])
        _counter(stats.checkworthy_counts, split)[labels["checkworthy"]] += 1


class _Items:
    """The ``attributions`` and ``figures`` configs, made from the ``sentences`` config's Arrow batches
    (``ParquetSink.on_batch``): each row's attributions (figures) flattened, with the row's sentence
    id and its sentence's document id, in the rows' order. What a row of its own per item, turned
    into Arrow again, gave (a second of the worker's time at 100,000 sentences)."""

    CONFIGS = ("attributions", "figures")  # list columns of the sentences config, and configs of their items

    def __init__(self, sinks: dict[str, ParquetSink]):
        self.sinks = sinks
        self.doc_ids: dict[str, list[str]] = {}  # by split: the sentences' own doc_id, of rows not yet in a batch

    def note(self, split: str, doc_id: str) -> None:
        """The document of the sentence just added to the sentences config (a merged record's own
        ``doc_id`` is the row's; an item's is its sentence's)."""
        found = self.doc_ids.get(split)
        if found is None:
            found = self.doc_ids[split] = []
        found.append(doc_id)

    def __call__(self, split: str, batch: pa.RecordBatch) -> None:
        waiting = self.doc_ids[split]
        doc_ids = pa.array(waiting[: batch.num_rows], pa.string())
        del waiting[: batch.num_rows]
        for config in self.CONFIGS:
            lists = batch.column(config)
            parents = pc.list_parent_indices(lists)
            values = pc.list_flatten(lists).flatten()  # the items' fields
            sink = self.sinks[config]
            columns = [batch.column("id").take(parents), doc_ids.take(parents), *values]
            sink.add_batch(split, pa.RecordBatch.from_arrays(columns, schema=sink.named))


def _give_back_memory() -> None:
    """Memory freed by a phase of the build, back to the system before the next one: Arrow's pool,
    and the C heap, where glibc keeps what Python freed (``malloc_trim``; 30 MiB after the test
    split's labels at 100,000 sentences, which the baselines would otherwise add on top of)."""
    pa.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):  # (not glibc: nothing to trim)
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _counter(counters: dict[str, Counter[Any]], key: str) -> Counter[Any]:
    """``counters[key]``, a new Counter the first time (not made on every call, as setdefault's would be)."""
    found = counters.get(key)
    if found is None:
        found = counters[key] = Counter()
    return found
