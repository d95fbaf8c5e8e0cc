"""The names and defaults every stage agrees on, defined once.

File names of the data folder, the project name, batch sizes, split ratios: a command's
default and the library's default are the same object from here.
"""

from __future__ import annotations

# -- the data folder (split writes the first two, pull the last two) -------------------------
DOCUMENTS_FILE = "documents.jsonl"
SENTENCES_FILE = "sentences.jsonl"
ANNOTATIONS_FILE = "annotations.jsonl"
MERGED_FILE = "merged.jsonl"
DATA_DIR = "data"
DATASET_DIR = "dataset"

# -- Label Studio --------------------------------------------------------------------------
PROJECT = "corpus"
PUSH_BATCH_SIZE = 1000
# Credits are kept in the data (they say whose photo it is) but not annotated by default.
PUSH_ROLES = ("title", "body", "caption_title", "caption")
OVERLAP = 1
# The version of the pre-annotation rules (corpus/text/prelabel/): bump it with them. Here, not
# there, so that pull and the parts of push that only name it do not import the rules (0.1 s).
MODEL_VERSION = "corpus-rules-3.13.0"

# How the annotators' queue is ordered. Label Studio Community's "Uncertainty sampling" serves the
# task whose prediction has the lowest score first; the prediction score is chosen to match:
# "uncertainty": how sure the pre-annotator is (least sure first); "checkworthy": one minus the
# chance that the unit is check-worthy (likeliest first); "document": document order.
QUEUE = "document"
QUEUE_SAMPLING = {
    "document": "Sequential sampling",
    "uncertainty": "Uncertainty sampling",
    "checkworthy": "Uncertainty sampling",
}

# -- the dataset ---------------------------------------------------------------------------
SPLIT_RATIOS = {"train": 0.8, "validation": 0.1, "test": 0.1}
SPLIT_SEED = 0
DATASET_NAME = "corpus news claims"
