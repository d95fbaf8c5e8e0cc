"""The configs' features, made by datasets once and kept in the workspace for the next publish."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from datasets import DatasetInfo
from datasets.info import DatasetInfosDict
from huggingface_hub import DatasetCardData

from corpus.dataset import features as features_module
from corpus.dataset.build import BuildStats
from corpus.dataset.card import dataset_info
from corpus.dataset.features import CONFIGS, compiled_features, config_features
from tests.test_publish import make_records


def class_names(feature) -> list:
    """Every ClassLabel's names in a feature tree, in order, as datasets' and the kept ones have them."""
    if isinstance(feature, dict):
        return [names for sub in feature.values() for names in class_names(sub)]
    if hasattr(feature, "names"):
        return [list(feature.names)]
    if hasattr(feature, "feature"):
        return class_names(feature.feature)
    return []


def test_the_kept_features_are_the_ones_datasets_makes(tmp_path):
    made = config_features()
    first = compiled_features(tmp_path)
    kept_files = list((tmp_path / ".corpus" / "features").iterdir())
    assert len(kept_files) == 1
    again = compiled_features(tmp_path)  # read from the file this time
    for features in (first, again):
        assert list(features) == list(CONFIGS)
        for config in CONFIGS:
            assert features[config].arrow_schema == made[config].arrow_schema
            assert features[config].to_dict() == made[config].to_dict()
            assert class_names(features[config]) == class_names(made[config])
        assert len(class_names(features["sentences"])) >= 5  # (roles, labels, types, kinds, classes...)

    # A file that cannot be read is made again; after an upgrade (the file of another version of the
    # code only) they are made again and the other version's file is removed.
    kept_files[0].write_bytes(b"not a pickle")
    assert compiled_features(tmp_path)["sentences"].arrow_schema == made["sentences"].arrow_schema
    kept_files[0].rename(tmp_path / ".corpus" / "features" / ("0" * 32 + ".pickle"))
    assert compiled_features(tmp_path)["sentences"].to_dict() == made["sentences"].to_dict()
    assert [p.name for p in (tmp_path / ".corpus" / "features").iterdir()] == [kept_files[0].name]


@pytest.mark.parametrize("published", [["sentences"], ["sentences", "figures", "annotations", "tokens"]])
def test_the_cards_dataset_info_is_the_one_datasets_writes(tmp_path, published):
    """One published config is written as a mapping, several as a list in name order: as datasets does."""
    made, kept = config_features(), compiled_features(tmp_path)
    stats = BuildStats()
    stats.rows = {config: {"train": 7, "validation": 0, "test": 2} for config in CONFIGS}
    stats.files = {config: ["train", "test"] if config in published else [] for config in CONFIGS}
    infos = DatasetInfosDict()
    for config in published:
        infos[config] = DatasetInfo(
            features=made[config],
            splits=[{"name": s, "num_examples": stats.rows[config][s]} for s in stats.files[config]],
            config_name=config,
        )
    by_datasets = DatasetCardData()
    infos.to_dataset_card_data(by_datasets)
    ours = DatasetCardData()
    ours["dataset_info"] = dataset_info(kept, stats, published)
    assert ours.to_yaml() == by_datasets.to_yaml()


def test_a_publish_with_the_features_kept_does_not_import_datasets(tmp_path):
    """The first publish in a workspace makes the features with datasets; the next reads them from the
    workspace and writes the same release without importing datasets at all."""
    data = tmp_path / "data"
    make_records(data)
    script = (
        "import sys, json\n"
        "from corpus.dataset.publish import publish\n"
        "publish('1.0.0', data_dir=sys.argv[1], output=sys.argv[2], workspace=sys.argv[3])\n"
        "print(json.dumps('datasets' in sys.modules))\n"
    )

    def run(output: str) -> bool:
        done = subprocess.run(
            [sys.executable, "-c", script, str(data), str(tmp_path / output), str(tmp_path / "workspace")],
            capture_output=True,
            text=True,
            check=True,
        )
        imported: bool = json.loads(done.stdout.strip().splitlines()[-1])
        return imported

    assert run("first") is True
    assert run("second") is False
    for path in sorted((tmp_path / "first").rglob("*")):
        if path.is_file() and path.name != "release.json":  # (its time of publication)
            assert path.read_bytes() == (tmp_path / "second" / path.relative_to(tmp_path / "first")).read_bytes(), path
    assert features_module.FEATURES_DIR in {p.name for p in (tmp_path / "workspace" / ".corpus").iterdir()}
