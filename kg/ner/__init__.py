"""A learned named-entity tagger beside the rules: a CRF over Kiwi tokens (``kg/models``)."""

from .features import CLASS_CODES, FeatureContext, load_nikl_classes, sentence_features
from .tagger import MODEL_PATH, TaggedSpan, Tagger, get_tagger, spans_from_labels

__all__ = ["CLASS_CODES", "FeatureContext", "load_nikl_classes", "sentence_features", "MODEL_PATH",
           "TaggedSpan", "Tagger", "get_tagger", "spans_from_labels"]
