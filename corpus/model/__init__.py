"""A model trained on the team's own labels, served to Label Studio beside the rules.

``learn`` fits check-worthiness and CLAIM-span classifiers on pulled annotations (or any
labelled units); ``workspace`` keeps the current model in the workspace and trains it from a
data folder (``corpus model train``). The rules stay for figures and attributions, and answer
alone while there is no model, or when it cannot be read.
"""

from corpus.model.learn import Judgement, Model, TrainingUnit, load, save, train
from corpus.model.workspace import TrainResult, current_model, model_path, train_model, units_from_data

__all__ = [
    "Judgement",
    "Model",
    "TrainResult",
    "TrainingUnit",
    "current_model",
    "load",
    "model_path",
    "save",
    "train",
    "train_model",
    "units_from_data",
]
