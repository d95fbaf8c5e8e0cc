"""Rule-based pre-annotations: FIGUREs with normalised values, reporting CUEs and attributions.

``suggest_all(text, context_before)`` is the one entry point: each rule set lives in its own
module (``figures``, ``attributions``), and a better model can replace them behind the same
function; ``MODEL_VERSION`` names what produced the suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus import defaults
from corpus.text.prelabel.attributions import Attribution, Cue, Span, attributions, cues
from corpus.text.prelabel.figures import Figure, figures

MODEL_VERSION = defaults.MODEL_VERSION


@dataclass(frozen=True)
class Suggestions:
    figures: list[Figure]
    cues: list[Cue]
    attributions: list[Attribution]


def suggest(text: str) -> tuple[list[Figure], list[Cue]]:
    """Figures and reporting cues for one sentence."""
    return figures(text), cues(text)


def suggest_all(text: str, context_before: str = "") -> Suggestions:
    """All pre-annotations for one sentence: figures, reporting cues and attributions.

    ``context_before`` is the text shown above the sentence; a SOURCE found there has
    ``in_context`` set and offsets into it.
    """
    found_attributions = attributions(text, context_before)
    return Suggestions(figures(text), cues(text), found_attributions)


__all__ = [
    "MODEL_VERSION",
    "Attribution",
    "Cue",
    "Figure",
    "Span",
    "Suggestions",
    "attributions",
    "cues",
    "figures",
    "suggest",
    "suggest_all",
]
