"""The named-entity tagger: a CRF (python-crfsuite) over Kiwi tokens, shipped in ``kg/models``.

``Tagger.tag(tokens, text)`` returns the spans it finds, each with a kg class and the tagger's
marginal probability of that labelling. The model loads on first use; importing this module
costs nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import KgError
from ..lexicon import Lexicon
from ..model import Token
from .features import CODE_CLASSES, MODELS_DIR, FeatureContext, sentence_features

__all__ = ["Tagger", "TaggedSpan", "spans_from_labels", "MODEL_PATH", "get_tagger"]

MODEL_PATH = MODELS_DIR / "ner.crfsuite"


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    start: int
    end: int
    type: str  # kg entity class
    confidence: float
    first: int  # index of the first token
    last: int  # index of the last token


def spans_from_labels(tokens: Sequence[Token], labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, class) character spans of B-/I- label runs (an I- without a B- starts a span)."""
    return [(s.start, s.end, s.type) for s in _runs(tokens, labels, None)]


def _runs(tokens, labels, marginal) -> list[TaggedSpan]:
    spans: list[TaggedSpan] = []
    first = code = None
    for i, label in enumerate([*labels, "O"]):
        if first is not None and (label == "O" or label.startswith("B-") or label[2:] != code):
            last = i - 1
            start = tokens[first].start
            end = max(t.end for t in tokens[first:last + 1])
            confidence = 1.0
            if marginal is not None:
                confidence = min(marginal(labels[k], k) for k in range(first, last + 1))
            spans.append(TaggedSpan(start, end, CODE_CLASSES[code], round(confidence, 3), first, last))
            first = code = None
        if label != "O" and first is None:
            first, code = i, label[2:]
    return spans


class Tagger:
    """Tags sentences with the shipped model (or another model file)."""

    def __init__(self, lexicon: Lexicon, model_path: Path = MODEL_PATH):
        self.lexicon = lexicon
        self.model_path = Path(model_path)
        self._crf = None
        self._context: FeatureContext | None = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._crf is None:
                import pycrfsuite

                if not self.model_path.exists():
                    raise KgError(f"{self.model_path}: tagger model not found (rebuild it with scripts/train-ner)")
                context = FeatureContext(self.lexicon)
                crf = pycrfsuite.Tagger()
                crf.open(str(self.model_path))
                context.known = _model_features(crf)
                self._context = context
                self._crf = crf
        return self._crf

    @property
    def context(self) -> FeatureContext:
        if self._context is None:
            self._load()
        return self._context

    def tag(self, tokens: Sequence[Token], text: str) -> list[TaggedSpan]:
        """Entity spans in one sentence's tokens; ``text`` is what their offsets index."""
        if not tokens:
            return []
        crf = self._crf or self._load()
        labels = crf.tag(sentence_features(tokens, text, self._context))
        if all(label == "O" for label in labels):
            return []
        return _runs(tokens, labels, crf.marginal)


def _model_features(crf) -> frozenset[bytes] | None:
    """The features the model has a weight for: the tagger is given only those (the others it
    would look up and drop, one by one; the labels and their probabilities are the same)."""
    try:
        return frozenset(attribute.encode("utf-8") for attribute, _ in crf.info().state_features)
    except Exception:  # noqa: BLE001  a model the library cannot describe: give it every feature
        return None


_TAGGERS: dict[int, Tagger] = {}


def get_tagger(lexicon: Lexicon) -> Tagger:
    """One tagger per lexicon per process (the model is loaded once)."""
    tagger = _TAGGERS.get(id(lexicon))
    if tagger is None or tagger.lexicon is not lexicon:
        tagger = _TAGGERS[id(lexicon)] = Tagger(lexicon)
    return tagger
