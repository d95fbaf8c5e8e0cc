"""Rule-based pre-annotations: FIGUREs with normalised values, reporting CUEs, attributions,
check-worthiness and CLAIM spans.

``suggest_all(text, context_before, role)`` is the one entry point: each rule set lives in its
own module (``figures``, ``attributions``, ``claims``), and a better model can replace them
behind the same function; ``MODEL_VERSION`` names what produced the suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus import defaults
from corpus.text.prelabel.attributions import attributions
from corpus.text.prelabel.candidates import Figure
from corpus.text.prelabel.claims import Checkworthiness, checkworthiness
from corpus.text.prelabel.figures import figures
from corpus.text.prelabel.spans import Attribution, Cue, Span, cues

MODEL_VERSION = defaults.MODEL_VERSION


@dataclass(frozen=True)
class Suggestions:
    figures: list[Figure]
    cues: list[Cue]
    attributions: list[Attribution]
    checkworthiness: Checkworthiness


def suggest(text: str) -> tuple[list[Figure], list[Cue]]:
    """Figures and reporting cues for one sentence."""
    return figures(text), cues(text)


def suggest_all(
    text: str, context_before: str = "", role: str = "body", article_before: str | None = None
) -> Suggestions:
    """All pre-annotations for one sentence: figures, reporting cues, attributions, and its
    check-worthiness with its CLAIM spans.

    ``context_before`` is the text shown above the sentence; a SOURCE found there has
    ``in_context`` set and offsets into it. ``role`` is the sentence's role (title, body, ...).
    ``article_before``, the article up to the sentence (title included), names the country of a
    shared currency symbol; without it the context does.
    """
    found_attributions = attributions(text, context_before)
    found_figures = figures(text, context_before if article_before is None else article_before)
    judged = checkworthiness(text, role, found_figures, found_attributions)
    return Suggestions(found_figures, cues(text), found_attributions, judged)


__all__ = [
    "MODEL_VERSION",
    "Attribution",
    "Checkworthiness",
    "Cue",
    "Figure",
    "Span",
    "Suggestions",
    "attributions",
    "checkworthiness",
    "cues",
    "figures",
    "suggest",
    "suggest_all",
]
