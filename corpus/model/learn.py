"""A model that learns what this team decides: check-worthiness and CLAIM spans.

Two scikit-learn logistic regressions, trained in seconds on the CPU (measured in
docs/effort.md, with the candidates that were tried):

- check-worthiness: word and word-pair TF-IDF of the unit, plus what the rules know of it (their
  answer and reason, figures by kind, attributions, the unit's role), so that with few labels it
  leans on the rules and with more it learns where this team departs from them;
- CLAIM spans: the rules' candidate stretches (``claim_candidates``: clauses, CONTENTs, quoted
  sentences, the whole unit), each classified as a CLAIM or not from its own words, where it
  lies and what the rules say of it. A unit the model calls non-factual gets no CLAIM (4.1).

Figures and attributions stay with the rules: they are where rules do well. Scores are the
model's probabilities, so uncertainty can order the annotators' queue.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.text.prelabel import Span, suggest_all
from corpus.text.prelabel.claims import NON_FACTUAL, ClaimCandidate, claim_candidates

MODEL_PREFIX = "corpus-model"
MIN_UNITS = 20  # fewer labelled units than this: the rules answer alone
CLAIM_THRESHOLD = 0.5


@dataclass
class TrainingUnit:
    """One labelled unit: its text, the context shown above it, its role, the team's answer
    (a check-worthiness role of the schema, or None) and its CLAIM spans (sentence offsets)."""

    text: str
    context_before: str
    role: str
    checkworthy: str | None
    claims: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Judgement:
    """The model's answer for one unit: a check-worthiness role, its probability, and the CLAIMs with theirs."""

    role: str
    score: float
    claims: list[tuple[Span, float]]


def _unit_features(text: str, role: str, found: Any) -> dict[str, Any]:
    judged = found.checkworthiness
    features: dict[str, Any] = {
        f"rule={judged.role}": 1,
        f"reason={judged.reason}": 1,
        f"role={role}": 1,
        "attributions": min(len(found.attributions), 3),
        "claims": min(len(judged.claims), 3),
        "question": int(text.rstrip().endswith("?")),
        "quote": int(any(c in text for c in "\"“‘'")),
        "words": min(len(text.split()) / 40, 1.5),
    }
    for figure in found.figures:
        features[f"figure={figure.kind}"] = features.get(f"figure={figure.kind}", 0) + 1
    for attribution in found.attributions:
        features[f"attribution={attribution.type}"] = 1
    return features


def _candidate_features(candidate: ClaimCandidate, text: str, found: Any) -> dict[str, Any]:
    span = candidate.span
    words = span.text.split()
    return {
        "whole": int(span.end - span.start >= len(text.rstrip(" .!?\"'”’")) - 1),
        "in_content": int(candidate.in_content),
        "factual": int(candidate.factual),
        "chosen": int(candidate.chosen),
        "share": (span.end - span.start) / max(len(text), 1),
        "words": min(len(words) / 30, 1.5),
        "figures": sum(1 for f in found.figures if span.start <= f.start < span.end),
        f"first={words[0].lower() if words else ''}": 1,
        "starts_capital": int(span.text[:1].isupper()),
        f"unit_rule={found.checkworthiness.role}": 1,
    }


class Model:
    """The trained pair of classifiers and the version that names them in Label Studio."""

    def __init__(self, version: str, checkworthy: Any, claims: Any, units: int):
        self.version = version
        self.checkworthy = checkworthy
        self.claims = claims
        self.units = units

    def judge(self, text: str, context_before: str = "", role: str = "body") -> Judgement:
        """Check-worthiness and CLAIMs of one unit (the rules' figures and attributions are inputs)."""
        found = suggest_all(text, context_before, role)
        probabilities = self.checkworthy.predict_proba([(text, _unit_features(text, role, found))])[0]
        best = int(probabilities.argmax())
        answer, score = str(self.checkworthy.classes_[best]), float(probabilities[best])
        if answer == NON_FACTUAL:
            return Judgement(answer, score, [])
        candidates = claim_candidates(text, found.attributions, found.figures, role)
        if not candidates:
            return Judgement(answer, score, [])
        if self.claims is None:  # the labels never told a CLAIM from a non-CLAIM: the rules' choice
            chosen = [(c.span, 1.0) for c in candidates if c.chosen] or [(candidates[0].span, 0.5)]
            return Judgement(answer, score, chosen)
        rows = [(c.span.text, _candidate_features(c, text, found)) for c in candidates]
        positive = list(self.claims.classes_).index(1)
        chances = [float(p[positive]) for p in self.claims.predict_proba(rows)]
        picked: list[tuple[Span, float]] = []
        for candidate, chance in sorted(zip(candidates, chances, strict=True), key=lambda cp: -cp[1]):
            if chance < CLAIM_THRESHOLD and picked:
                break
            span = candidate.span
            if not any(s.start < span.end and span.start < s.end for s, _ in picked):
                picked.append((span, chance))
        return Judgement(answer, score, sorted(picked, key=lambda sp: sp[0].start))


class _Features:
    """(text, rule features) rows -> one sparse matrix: TF-IDF of the words beside the rules' facts."""

    def __init__(self) -> None:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)
        self.rules = DictVectorizer()

    def fit(self, rows: list[tuple[str, dict[str, Any]]], answers: Any = None) -> _Features:
        self.words.fit([text for text, _ in rows])
        self.rules.fit([features for _, features in rows])
        return self

    def transform(self, rows: list[tuple[str, dict[str, Any]]]) -> Any:
        from scipy.sparse import hstack

        return hstack([self.words.transform([t for t, _ in rows]), self.rules.transform([f for _, f in rows])]).tocsr()

    def fit_transform(self, rows: list[tuple[str, dict[str, Any]]], answers: Any = None) -> Any:
        return self.fit(rows).transform(rows)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {}

    def set_params(self, **params: Any) -> _Features:
        return self


def _pipeline() -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    return Pipeline(
        [("features", _Features()), ("classify", LogisticRegression(C=2.0, max_iter=2000, class_weight="balanced"))]
    )


def train(units: Iterable[TrainingUnit]) -> Model | None:
    """Fit both classifiers on the labelled units; None when there are too few to learn from
    (fewer than ``MIN_UNITS`` with an answer, or only one answer among them)."""
    labelled = [u for u in units if u.checkworthy]
    if len(labelled) < MIN_UNITS or len({u.checkworthy for u in labelled}) < 2:
        return None
    rows, answers, claim_rows, claim_answers = [], [], [], []
    digest = hashlib.blake2b(digest_size=6)
    for unit in labelled:
        found = suggest_all(unit.text, unit.context_before, unit.role)
        rows.append((unit.text, _unit_features(unit.text, unit.role, found)))
        answers.append(unit.checkworthy)
        digest.update(f"{unit.text}\0{unit.checkworthy}\0{sorted(unit.claims)}\0".encode())
        if unit.checkworthy == NON_FACTUAL:
            continue
        gold = set(unit.claims)
        for candidate in claim_candidates(unit.text, found.attributions, found.figures, unit.role):
            claim_rows.append((candidate.span.text, _candidate_features(candidate, unit.text, found)))
            claim_answers.append(int((candidate.span.start, candidate.span.end) in gold))
    checkworthy = _pipeline().fit(rows, answers)
    claims = _pipeline().fit(claim_rows, claim_answers) if len(set(claim_answers)) == 2 else None
    return Model(f"{MODEL_PREFIX}-{len(labelled)}-{digest.hexdigest()}", checkworthy, claims, len(labelled))


def save(model: Model, path: Path) -> None:
    """Write the model (a pickle: load only models this workspace wrote)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as handle:
        pickle.dump(model, handle)
    tmp.replace(path)


def load(path: Path) -> Model | None:
    """The workspace's model, or None when there is none (or it cannot be read: the rules answer)."""
    try:
        with open(path, "rb") as handle:
            model = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return model if isinstance(model, Model) else None
