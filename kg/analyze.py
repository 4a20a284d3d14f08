"""Analyze stage: ``Article`` -> ``Document`` (sentences and tokens), with kiwipiepy.

This is the only module that imports kiwipiepy. The ``Kiwi`` instance is created lazily, once
per process (it costs about a second and ~0.5 GB), with the gazetteer loaded as user words so
that names such as ``판교 데이터센터`` or ``SK C&C`` come out as single proper-noun tokens that
carry their gazetteer key.
"""

from __future__ import annotations

import threading

from .lexicon import Lexicon
from .model import Article, Document, Sentence, Token

__all__ = ["Analyzer", "get_analyzer"]

_USER_WORD_SCORE = 5.0  # FINDINGS: score 0 does not beat built-in entries (남궁훈)


class Analyzer:
    """Sentence splitting and morphological analysis over cleaned article text."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self._kiwi = None
        self._lock = threading.Lock()

    @property
    def kiwi(self):
        if self._kiwi is None:
            with self._lock:
                if self._kiwi is None:
                    from kiwipiepy import Kiwi

                    kiwi = Kiwi()
                    for surface, key in self.lexicon.user_words:
                        kiwi.add_user_word(surface, "NNP", _USER_WORD_SCORE, user_value=key)
                    self._kiwi = kiwi
        return self._kiwi

    def analyze(self, article: Article) -> Document:
        """Split each line into sentences (lines first: forum text glues lines otherwise)."""
        sentences: list[Sentence] = []
        offset = 0
        kiwi = self.kiwi
        for line in article.text.split("\n"):
            if line.strip():
                zone = article.zone_at(offset)
                whole_line_zone = zone is not None and all(
                    z.start <= offset and z.end >= offset + len(line) for z in article.zones if z.kind == zone
                )
                # tokenize(split_sents=True) gives the same sentences as split_into_sents, twice as fast
                for sent_tokens in kiwi.tokenize(line, split_sents=True):
                    if not sent_tokens:
                        continue
                    tokens = tuple(
                        Token(t.form, t.tag, offset + t.start, offset + t.start + t.len,
                              t.user_value if isinstance(t.user_value, str) else None)
                        for t in sent_tokens
                    )
                    start, end = tokens[0].start, max(t.end for t in tokens)
                    sentences.append(Sentence(
                        index=len(sentences),
                        start=start,
                        end=end,
                        text=article.text[start:end],
                        tokens=tokens,
                        zone=zone if whole_line_zone else None,
                    ))
            offset += len(line) + 1
        return Document(article=article, sentences=tuple(sentences))


_ANALYZERS: dict[int, Analyzer] = {}


def get_analyzer(lexicon: Lexicon) -> Analyzer:
    """One analyzer (and so one Kiwi) per lexicon per process."""
    analyzer = _ANALYZERS.get(id(lexicon))
    if analyzer is None or analyzer.lexicon is not lexicon:
        analyzer = _ANALYZERS[id(lexicon)] = Analyzer(lexicon)
    return analyzer
